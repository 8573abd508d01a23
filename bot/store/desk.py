"""Desk conversations, one per Slack thread (revision 0010).

A conversation is opened once per ``(channel, thread_ts)``: a second delivery of the same first
message finds the row the first one made. Every change names the ``version`` it read and fails
(``None``) when another process changed the row in between, so a thread cannot be moved twice.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.database import Database, dialect_insert
from bot.store.tables import DeskConversationRow
from connectors.tickets.model import Turn

#: ``closed``: nobody answered the desk's last message in time (see ``DeskService``'s idle timer).
ENDED_STATES = ("resolved", "escalated", "closed")


@dataclass(frozen=True)
class DeskConversation:
    id: int
    channel: str
    thread_ts: str
    requester: str
    source: str
    state: str
    opened_at: datetime
    updated_at: datetime
    version: int
    requester_email: str | None = None
    intent: str | None = None
    clarifications: int = 0
    turns: tuple[Turn, ...] = ()
    articles_tried: tuple[str, ...] = ()
    ticket_key: str | None = None
    incident_id: int | None = None
    satisfaction: int | None = None
    ended_at: datetime | None = None

    @property
    def ended(self) -> bool:
        return self.state in ENDED_STATES

    def requester_words(self) -> str:
        """What the requester said so far, in order (what is classified)."""
        return "\n".join(turn.text for turn in self.turns if turn.author == self.requester)

    def changed(self, **fields: Any) -> DeskConversation:
        return replace(self, **fields)


@dataclass(frozen=True)
class DeskTotals:
    """Counts over the conversations opened since a moment (all when none)."""

    opened: int = 0
    resolved: int = 0
    escalated: int = 0
    #: Ended without a reply: neither solved nor handed to a person.
    closed: int = 0
    rated: int = 0
    satisfied: int = 0
    by_intent: dict[str, int] = field(default_factory=dict)

    @property
    def ended(self) -> int:
        return self.resolved + self.escalated + self.closed

    @property
    def deflection(self) -> float | None:
        """Resolved without a ticket, over all ended conversations (one closed for want of a reply
        counts as not deflected: nobody said it helped)."""
        return self.resolved / self.ended if self.ended else None

    @property
    def escalation(self) -> float | None:
        return self.escalated / self.ended if self.ended else None

    @property
    def satisfaction(self) -> float | None:
        """Answers that solved the problem, over answers the requester rated."""
        return self.satisfied / self.rated if self.rated else None


class DeskConversationRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def open(
        self, channel: str, thread_ts: str, requester: str, source: str, now: datetime
    ) -> tuple[DeskConversation, bool]:
        """The thread's conversation, made now unless it exists; ``True`` when made by this call."""
        async with self._database.write() as connection:
            statement = dialect_insert(connection, DeskConversationRow).values(
                channel=channel,
                thread_ts=thread_ts,
                requester=requester,
                source=source,
                state="answered",
                clarifications=0,
                turns=[],
                articles_tried=[],
                version=0,
                opened_at=now,
                updated_at=now,
            )
            made = await connection.execute(
                statement.on_conflict_do_nothing(
                    index_elements=[DeskConversationRow.channel, DeskConversationRow.thread_ts]
                ).returning(DeskConversationRow.id)
            )
            created = made.first() is not None
            row = (
                await connection.execute(
                    select(DeskConversationRow).where(
                        DeskConversationRow.channel == channel, DeskConversationRow.thread_ts == thread_ts
                    )
                )
            ).one()
        return _conversation(row._mapping), created

    async def get(self, conversation_id: int) -> DeskConversation | None:
        async with self._database.read() as connection:
            row = (
                await connection.execute(select(DeskConversationRow).where(DeskConversationRow.id == conversation_id))
            ).first()
        return None if row is None else _conversation(row._mapping)

    async def for_thread(self, channel: str, thread_ts: str) -> DeskConversation | None:
        async with self._database.read() as connection:
            row = (
                await connection.execute(
                    select(DeskConversationRow).where(
                        DeskConversationRow.channel == channel, DeskConversationRow.thread_ts == thread_ts
                    )
                )
            ).first()
        return None if row is None else _conversation(row._mapping)

    async def with_ticket(self, ticket_key: str) -> DeskConversation | None:
        """The newest conversation that was escalated as ticket ``ticket_key``."""
        async with self._database.read() as connection:
            row = (
                await connection.execute(
                    select(DeskConversationRow)
                    .where(DeskConversationRow.ticket_key == ticket_key)
                    .order_by(DeskConversationRow.id.desc())
                    .limit(1)
                )
            ).first()
        return None if row is None else _conversation(row._mapping)

    async def waiting_for(self, channel: str, requester: str) -> DeskConversation | None:
        """The requester's newest conversation in ``channel`` that waits for their answer to a
        clarifying question (a DM answered outside the thread continues it)."""
        async with self._database.read() as connection:
            row = (
                await connection.execute(
                    select(DeskConversationRow)
                    .where(
                        DeskConversationRow.channel == channel,
                        DeskConversationRow.requester == requester,
                        DeskConversationRow.state == "clarifying",
                    )
                    .order_by(DeskConversationRow.id.desc())
                    .limit(1)
                )
            ).first()
        return None if row is None else _conversation(row._mapping)

    async def save(
        self,
        conversation: DeskConversation,
        now: datetime,
        *,
        also: Callable[[AsyncConnection], Awaitable[None]] | None = None,
    ) -> DeskConversation | None:
        """Store ``conversation`` if the row is still at its ``version``; the stored one, or ``None``.

        ``also`` runs in the same transaction when the row was stored (a timer it asks for is
        committed with, and only with, the change)."""
        values = {
            "requester_email": conversation.requester_email,
            "intent": conversation.intent,
            "state": conversation.state,
            "clarifications": conversation.clarifications,
            "turns": [_turn_json(t) for t in conversation.turns],
            "articles_tried": list(conversation.articles_tried),
            "ticket_key": conversation.ticket_key,
            "incident_id": conversation.incident_id,
            "satisfaction": conversation.satisfaction,
            "ended_at": conversation.ended_at,
            "updated_at": now,
            "version": conversation.version + 1,
        }
        async with self._database.write() as connection:
            result = await connection.execute(
                update(DeskConversationRow)
                .where(DeskConversationRow.id == conversation.id, DeskConversationRow.version == conversation.version)
                .values(**values)
            )
            if result.rowcount == 1 and also is not None:
                await also(connection)
        if result.rowcount != 1:
            return None
        return conversation.changed(updated_at=now, version=conversation.version + 1)

    async def totals(self, since: datetime | None = None) -> DeskTotals:
        """Outcome counts over conversations opened at or after ``since``."""
        rows: Sequence[Any]
        async with self._database.read() as connection:
            query = select(
                DeskConversationRow.state,
                DeskConversationRow.intent,
                DeskConversationRow.satisfaction,
                func.count(),
            ).group_by(DeskConversationRow.state, DeskConversationRow.intent, DeskConversationRow.satisfaction)
            if since is not None:
                query = query.where(DeskConversationRow.opened_at >= since)
            rows = (await connection.execute(query)).all()
        opened = resolved = escalated = closed = rated = satisfied = 0
        by_intent: dict[str, int] = {}
        for state, intent, satisfaction, count in rows:
            opened += count
            by_intent[intent or "unknown"] = by_intent.get(intent or "unknown", 0) + count
            resolved += count if state == "resolved" else 0
            escalated += count if state == "escalated" else 0
            closed += count if state == "closed" else 0
            if satisfaction is not None:
                rated += count
                satisfied += count if satisfaction > 0 else 0
        return DeskTotals(
            opened, resolved, escalated, closed, rated, satisfied, by_intent=dict(sorted(by_intent.items()))
        )


def _turn_json(turn: Turn) -> dict[str, Any]:
    return {"at": turn.at.isoformat(), "author": turn.author, "text": turn.text}


def _conversation(row: Any) -> DeskConversation:
    return DeskConversation(
        id=row["id"],
        channel=row["channel"],
        thread_ts=row["thread_ts"],
        requester=row["requester"],
        source=row["source"],
        state=row["state"],
        opened_at=row["opened_at"],
        updated_at=row["updated_at"],
        version=row["version"],
        requester_email=row["requester_email"],
        intent=row["intent"],
        clarifications=row["clarifications"],
        turns=tuple(
            Turn(at=datetime.fromisoformat(t["at"]), author=str(t["author"]), text=str(t["text"]))
            for t in row["turns"] or []
        ),
        articles_tried=tuple(str(a) for a in row["articles_tried"] or []),
        ticket_key=row["ticket_key"],
        incident_id=row["incident_id"],
        satisfaction=row["satisfaction"],
        ended_at=row["ended_at"],
    )
