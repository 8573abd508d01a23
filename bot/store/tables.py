"""The relational schema of the incident store, as typed SQLAlchemy 2 declarative models.

These classes describe the tables; the store itself talks SQL Core through them
(bulk ``insert``/``update`` over column names) rather than through ORM sessions,
because intake writes whole batches per webhook and needs neither identity maps
nor lazy loading. The schema is created by the Alembic revisions in
``bot/store/migrations``; a test checks that the revisions and these models agree.

Timestamps are always timezone-aware UTC in Python. SQLite has no time zone
type, so :class:`UTCDateTime` stores naive UTC there (which still sorts and
compares correctly as text) and ``timestamptz`` on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend; naive values are refused rather than guessed."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store only keeps aware UTC times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def json_type() -> TypeEngine[Any]:
    """JSON everywhere, stored as JSONB on PostgreSQL."""
    return JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: json_type(),
    }


class IncidentRow(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(300))
    services: Mapped[list[str]] = mapped_column(json_type())
    status: Mapped[str] = mapped_column(String(16))  # open | resolved
    severity: Mapped[str] = mapped_column(String(32))
    opened_at: Mapped[datetime]
    last_alert_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_incidents_status_last_alert_at", "status", "last_alert_at"),)


class AlertRow(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    fingerprint: Mapped[str] = mapped_column(String(128), unique=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    alertname: Mapped[str] = mapped_column(String(200))
    service: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))  # firing | resolved
    severity: Mapped[str] = mapped_column(String(32))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    summary: Mapped[str] = mapped_column(Text)
    labels: Mapped[dict[str, Any]]
    annotations: Mapped[dict[str, Any]]
    generator_url: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(32))
    first_received_at: Mapped[datetime]
    last_received_at: Mapped[datetime]
    notifications: Mapped[int] = mapped_column(Integer)


class InvestigationRow(Base):
    __tablename__ = "investigations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime]
    elapsed_ms: Mapped[float] = mapped_column(Float)
    missing_sources: Mapped[list[str]] = mapped_column(json_type())
    analysis: Mapped[dict[str, Any]]


class _InvestigationPart:
    """Columns of the rows an investigation writes besides its own: where they belong."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    investigation_id: Mapped[int] = mapped_column(ForeignKey("investigations.id"), index=True)


class HypothesisRow(_InvestigationPart, Base):
    __tablename__ = "hypotheses"

    rank: Mapped[int] = mapped_column(Integer)
    cause: Mapped[str] = mapped_column(String(32))
    culprit: Mapped[str] = mapped_column(String(200))
    confidence: Mapped[float] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float)
    summary: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime | None]
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(json_type())
    next_steps: Mapped[list[dict[str, Any]]] = mapped_column(json_type())


class EvidenceRow(_InvestigationPart, Base):
    __tablename__ = "evidence"

    hypothesis_rank: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    service: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[datetime | None]
    weight: Mapped[float] = mapped_column(Float)
    ref: Mapped[str | None] = mapped_column(Text)


class ChangeRow(Base):
    __tablename__ = "changes"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    service: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    version: Mapped[str | None] = mapped_column(Text)
    previous_version: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    author: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime]

    __table_args__ = (Index("ix_changes_service_started_at", "service", "started_at"),)


class SlackPostRow(Base):
    """The one Slack message of an incident, its roles and its incident channel (revision 0002)."""

    __tablename__ = "slack_posts"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    channel: Mapped[str | None] = mapped_column(String(200))
    ts: Mapped[str | None] = mapped_column(String(64))
    alerts_posted: Mapped[int] = mapped_column(Integer)
    incident_channel: Mapped[str | None] = mapped_column(String(200))
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    acknowledged_at: Mapped[datetime | None]
    commander: Mapped[str | None] = mapped_column(String(64))
    commander_at: Mapped[datetime | None]
    summary: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]
    #: Set before the first message is sent (revision 0005): a retry after a crash looks for it first.
    posting_since: Mapped[datetime | None]


class FeedbackRow(Base):
    """One person's vote on one hypothesis of an incident; a later vote replaces it."""

    __tablename__ = "hypothesis_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    hypothesis_rank: Mapped[int] = mapped_column(Integer)
    cause: Mapped[str] = mapped_column(String(32))
    culprit: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[str] = mapped_column(String(64))
    vote: Mapped[str] = mapped_column(String(8))  # up | down
    at: Mapped[datetime]

    __table_args__ = (
        UniqueConstraint(
            "incident_id", "hypothesis_rank", "user_id", name="uq_hypothesis_feedback_incident_id_rank_user"
        ),
    )


class CauseFeedbackRow(Base):
    """The append-only ledger of verdicts behind the per-cause weights (revision 0006).

    ``source`` is ``vote`` or ``resolution`` for a verdict (``sign`` +1 or -1), ``withdrawal``
    for an entry that withdraws the verdict named by ``withdraws`` (``sign`` 0). Rows are never
    updated or deleted.
    """

    __tablename__ = "cause_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    cause: Mapped[str] = mapped_column(String(32))
    sign: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime]
    withdraws: Mapped[int | None] = mapped_column(ForeignKey("cause_feedback.id"), index=True)
    vote_key: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)


class ClaimRow(Base):
    """Work claimed once across processes: a Slack delivery, a click, an idempotency key (revision 0003)."""

    __tablename__ = "claims"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    claimed_at: Mapped[datetime]


class InboxRow(Base):
    """Alerts acknowledged to Alertmanager and not yet grouped: one row per webhook (revision 0011).

    The hook's reply waits only for this insert; a drain (:mod:`bot.store.inbox`) groups the
    rows in id order and deletes them in the transaction that stores their alerts.
    """

    __tablename__ = "alert_inbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    received_at: Mapped[datetime]
    alerts: Mapped[list[dict[str, Any]]] = mapped_column(JSON())  # read whole, never queried into


class TimerRow(Base):
    """A durable timer: work due at a time, run once by whichever process claims it (revision 0003).

    ``state`` moves ``pending`` -> ``running`` -> ``done``. At most one pending timer exists per
    ``(kind, key)`` (a partial unique index), which is how requests coalesce; a running timer
    holds a lease until ``lease_until`` and carries a ``fence`` that grows with every claim.
    """

    __tablename__ = "timers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(300))
    state: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime]
    payload: Mapped[dict[str, Any]]
    holder: Mapped[str | None] = mapped_column(String(200))
    fence: Mapped[int] = mapped_column(Integer)
    lease_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]

    __table_args__ = (
        Index(
            "uq_timers_pending_kind_key",
            "kind",
            "key",
            unique=True,
            sqlite_where=text("state = 'pending'"),
            postgresql_where=text("state = 'pending'"),
        ),
        Index("ix_timers_state_due_at", "state", "due_at"),
    )


class LeaseRow(Base):
    """A named lease with a fencing token that grows with every new holder (revision 0003)."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(300), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    fence: Mapped[int] = mapped_column(Integer)
    acquired_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class PostmortemRow(Base):
    """The postmortem draft of a resolved incident, rewritten if it resolves again (revision 0004)."""

    __tablename__ = "postmortems"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    markdown: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime]


class ChannelPaceRow(Base):
    """When each Slack channel may next be written to, in epoch seconds, across processes (revision 0005)."""

    __tablename__ = "channel_pace"

    channel: Mapped[str] = mapped_column(String(200), primary_key=True)
    next_at: Mapped[float] = mapped_column(Float)


class RemediationRow(Base):
    """One requested remediation: its decision, approval, execution and outcome (revision 0007).

    ``idempotency_key`` is the digest of incident, action, target and parameters: a repeat of
    the same request finds this row instead of making another. ``fence`` is the target lease's
    fencing token of the execution that owns the row; only that execution may record the outcome.
    """

    __tablename__ = "remediations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    incident_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200))
    params: Mapped[dict[str, Any]]
    severity: Mapped[str] = mapped_column(String(4))
    tier: Mapped[str] = mapped_column(String(16))
    executor: Mapped[str | None] = mapped_column(String(64))
    policy_version: Mapped[str] = mapped_column(String(40))
    shadow: Mapped[bool] = mapped_column(Boolean)
    state: Mapped[str] = mapped_column(String(20))
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime]
    approved_by: Mapped[str | None] = mapped_column(String(64))
    approver_email: Mapped[str | None] = mapped_column(String(320))
    approval_expires_at: Mapped[datetime | None]
    execution_expires_at: Mapped[datetime | None]
    fence: Mapped[int | None] = mapped_column(Integer)
    holder: Mapped[str | None] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(Text)
    #: The Slack messages that show this request (``[{"channel", "ts"}]``), edited with its outcome.
    messages: Mapped[list[dict[str, Any]]] = mapped_column(json_type())
    updated_at: Mapped[datetime]


class AuditRow(Base):
    """One record of the append-only audit log, chained to the one before by hash (revision 0007).

    ``seq`` is assigned by the writer (1, 2, ...) under the log's lock, never by the database, so a
    gap means a deletion. ``record`` is the canonical JSON the hash covers (see
    :mod:`bot.remediation.audit`). No foreign keys: the log outlives what it speaks of.
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(32))
    incident_id: Mapped[int | None] = mapped_column(Integer, index=True)
    record: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    """The audit log's newest record (one row), written with it: catches deleting the newest records."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


# -- tickets (the service desk's local ticket store, revision 0008) -------------------------


class TicketRow(Base):
    """A ticket the desk opened in its own store (revision 0008).

    ``key`` ("DESK-12") is given from ``id`` in the transaction that inserts the row, so it is
    never seen empty. ``idempotency_key`` makes a retried create find this row. ``source`` names
    who opened it ("desk" for the bot): nothing the bot opened may trigger the bot again.
    """

    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str | None] = mapped_column(String(32), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    summary: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32))
    priority: Mapped[str] = mapped_column(String(4))
    state: Mapped[str] = mapped_column(String(20), index=True)
    requester: Mapped[str] = mapped_column(String(64), index=True)
    requester_email: Mapped[str | None] = mapped_column(String(320))
    source: Mapped[str] = mapped_column(String(32))
    #: ``[{"at", "author", "text"}]``, oldest first.
    conversation: Mapped[list[dict[str, Any]]] = mapped_column(json_type())
    #: The knowledge-base articles already offered, by reference.
    articles_tried: Mapped[list[str]] = mapped_column(json_type())
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class TicketCommentRow(Base):
    """One comment on a local ticket, with who wrote it and through what (revision 0008)."""

    __tablename__ = "ticket_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    author: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]


# -- access requests (the service desk's access part; revision 0009) ----------------------------


class AccessRequestRow(Base):
    """One access request, from submission to revocation, moved through its states by guarded updates.

    ``digest`` binds approvals to what was requested (resource, duration, justification, requester,
    the submission it came from); a repeated submission finds the same row. ``approvals`` lists
    the distinct owners who approved (``[{"user", "email", "at"}]``).
    """

    __tablename__ = "access_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    submission: Mapped[str] = mapped_column(String(200))
    resource: Mapped[str] = mapped_column(String(64), index=True)
    sensitivity: Mapped[str] = mapped_column(String(16))
    executor: Mapped[str] = mapped_column(String(64))
    requester: Mapped[str] = mapped_column(String(64), index=True)
    requester_email: Mapped[str | None] = mapped_column(String(320))
    duration_seconds: Mapped[int] = mapped_column(Integer)
    justification: Mapped[str] = mapped_column(Text)
    approvals_needed: Mapped[int] = mapped_column(Integer)
    approvals: Mapped[list[dict[str, Any]]] = mapped_column(json_type())
    state: Mapped[str] = mapped_column(String(20))
    shadow: Mapped[bool] = mapped_column(Boolean)
    policy_version: Mapped[str] = mapped_column(String(40))
    requested_at: Mapped[datetime]
    approval_expires_at: Mapped[datetime | None]
    granted_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revoked_by: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(Text)
    #: The Slack messages that show this request (``[{"channel", "ts"}]``), edited with its outcome.
    messages: Mapped[list[dict[str, Any]]] = mapped_column(json_type())
    updated_at: Mapped[datetime]


# -- service desk: conversations (revision 0010) -------------------------------------------


class DeskConversationRow(Base):
    """One desk conversation, one per Slack thread, from first message to resolved or escalated.

    ``turns`` is ``[{"at", "author", "text"}]`` in order; ``articles_tried`` the knowledge-base
    ids already offered. ``version`` grows with every change: a change names the version it
    read, so two processes handling the same thread cannot both move it.
    """

    __tablename__ = "desk_conversations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(32))
    thread_ts: Mapped[str] = mapped_column(String(32))
    requester: Mapped[str] = mapped_column(String(64), index=True)
    requester_email: Mapped[str | None] = mapped_column(String(320))
    source: Mapped[str] = mapped_column(String(16))
    intent: Mapped[str | None] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))
    clarifications: Mapped[int] = mapped_column(Integer)
    turns: Mapped[list[dict[str, Any]]] = mapped_column(json_type())
    articles_tried: Mapped[list[str]] = mapped_column(json_type())
    ticket_key: Mapped[str | None] = mapped_column(String(64))
    incident_id: Mapped[int | None] = mapped_column(Integer)
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("channel", "thread_ts", name="uq_desk_conversations_channel_thread"),
        Index("ix_desk_conversations_ended_at", "ended_at"),
    )


class MirroredTicketRow(Base):
    """A ticket the desk opened in Jira or ServiceNow, as the bot last heard of it (revision 0012).

    Written when the desk files the ticket and moved by that system's webhooks. ``event_order``
    is the order of the newest change applied (Jira's event timestamp in milliseconds,
    ServiceNow's ``sys_mod_count``): a delivery older than it changes no state.
    """

    __tablename__ = "mirrored_tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    system: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    url: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    requester: Mapped[str] = mapped_column(String(64), index=True)
    state: Mapped[str] = mapped_column(String(20))
    event_order: Mapped[int] = mapped_column(BigInteger)
    opened_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("system", "key", name="uq_mirrored_tickets_system_key"),)


class TicketDeliveryRow(Base):
    """One webhook delivery about a mirrored ticket, kept so a retried delivery is applied once (revision 0012)."""

    __tablename__ = "ticket_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    system: Mapped[str] = mapped_column(String(16))
    delivery: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(index=True)

    __table_args__ = (UniqueConstraint("system", "delivery", name="uq_ticket_deliveries_system_delivery"),)


TABLES: tuple[type[Base], ...] = (
    IncidentRow,
    AlertRow,
    InvestigationRow,
    HypothesisRow,
    EvidenceRow,
    ChangeRow,
    SlackPostRow,
    FeedbackRow,
    ClaimRow,
    InboxRow,
    TimerRow,
    LeaseRow,
    PostmortemRow,
    ChannelPaceRow,
    RemediationRow,
    AuditRow,
    AuditHeadRow,
    TicketRow,
    TicketCommentRow,
    AccessRequestRow,
    DeskConversationRow,
    MirroredTicketRow,
    TicketDeliveryRow,
)
