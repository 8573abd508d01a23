"""Access requests: one row per request digest, moved through its states by guarded updates.

Every change is a conditional ``UPDATE`` (the states it may leave) in the caller's transaction,
which also writes the audit record and schedules the request's timers: a change that lost a
race (a double click, a second process, a timer firing while someone revokes by hand) changes
nothing and records nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.database import Database, dialect_insert
from bot.store.tables import AccessRequestRow


@dataclass(frozen=True)
class AccessApproval:
    user: str
    email: str | None
    at: datetime


@dataclass(frozen=True)
class AccessRequest:
    id: int
    digest: str
    submission: str
    resource: str
    sensitivity: str
    executor: str
    requester: str
    requester_email: str | None
    duration_seconds: int
    justification: str
    approvals_needed: int
    state: str
    shadow: bool
    policy_version: str
    requested_at: datetime
    approvals: tuple[AccessApproval, ...] = ()
    approval_expires_at: datetime | None = None
    granted_at: datetime | None = None
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    revoked_by: str | None = None
    detail: str | None = None
    reference: str | None = None
    messages: tuple[tuple[str, str], ...] = ()

    @property
    def duration(self) -> timedelta:
        return timedelta(seconds=self.duration_seconds)

    @property
    def approvers(self) -> tuple[str, ...]:
        return tuple(approval.user for approval in self.approvals)


_FIELDS = tuple(name for name in AccessRequest.__dataclass_fields__ if name not in ("approvals", "messages"))


def _record(row: Any) -> AccessRequest:
    mapping = row._mapping
    approvals = tuple(
        AccessApproval(user=str(a["user"]), email=a.get("email"), at=datetime.fromisoformat(str(a["at"])))
        for a in mapping["approvals"] or ()
    )
    messages = tuple((str(m["channel"]), str(m["ts"])) for m in mapping["messages"] or ())
    return AccessRequest(**{name: mapping[name] for name in _FIELDS}, approvals=approvals, messages=messages)


def approvals_json(approvals: Collection[AccessApproval]) -> list[dict[str, Any]]:
    return [{"user": a.user, "email": a.email, "at": a.at.isoformat()} for a in approvals]


class AccessRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def insert_or_get(self, connection: AsyncConnection, values: dict[str, Any]) -> tuple[AccessRequest, bool]:
        """The row of ``values["digest"]``, inserted when new; True when this call inserted it."""
        inserted = await connection.execute(
            dialect_insert(connection, AccessRequestRow)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["digest"])
        )
        found = await self.by_digest(connection, values["digest"])
        assert found is not None
        return found, inserted.rowcount == 1

    async def by_digest(self, connection: AsyncConnection, digest: str) -> AccessRequest | None:
        row = (
            await connection.execute(select(AccessRequestRow).where(AccessRequestRow.digest == digest))
        ).one_or_none()
        return _record(row) if row is not None else None

    async def get(self, request_id: int, connection: AsyncConnection | None = None) -> AccessRequest | None:
        """The request; inside ``connection`` it is locked for the rest of that transaction."""
        query = select(AccessRequestRow).where(AccessRequestRow.id == request_id)
        if connection is not None:
            row = (await connection.execute(query.with_for_update())).one_or_none()
        else:
            async with self._database.read() as own:
                row = (await own.execute(query)).one_or_none()
        return _record(row) if row is not None else None

    async def transition(
        self, connection: AsyncConnection, request_id: int, states: Collection[str], values: dict[str, Any]
    ) -> bool:
        """Apply ``values`` if the request is in one of ``states``; False when it was not."""
        changed = await connection.execute(
            update(AccessRequestRow)
            .where(AccessRequestRow.id == request_id, AccessRequestRow.state.in_(list(states)))
            .values(**values)
        )
        return changed.rowcount == 1

    async def open_for(
        self, requester: str, resource: str, states: Collection[str], connection: AsyncConnection | None = None
    ) -> AccessRequest | None:
        """The newest request of ``requester`` for ``resource`` in one of ``states``."""
        query = (
            select(AccessRequestRow)
            .where(
                AccessRequestRow.requester == requester,
                AccessRequestRow.resource == resource,
                AccessRequestRow.state.in_(list(states)),
            )
            .order_by(AccessRequestRow.id.desc())
            .limit(1)
        )
        if connection is not None:
            row = (await connection.execute(query)).one_or_none()
        else:
            async with self._database.read() as own:
                row = (await own.execute(query)).one_or_none()
        return _record(row) if row is not None else None

    async def of_requester(self, requester: str, limit: int = 20) -> list[AccessRequest]:
        """``requester``'s requests, newest first."""
        query = (
            select(AccessRequestRow)
            .where(AccessRequestRow.requester == requester)
            .order_by(AccessRequestRow.id.desc())
            .limit(limit)
        )
        async with self._database.read() as connection:
            return [_record(row) for row in await connection.execute(query)]

    async def add_message(self, request_id: int, channel: str, ts: str) -> None:
        """Remember a Slack message that shows this request, to edit it with the outcome."""
        async with self._database.write() as connection:
            current = await self.get(request_id, connection)
            if current is None:
                return
            kept = [{"channel": c, "ts": t} for c, t in current.messages] + [{"channel": channel, "ts": ts}]
            await connection.execute(
                update(AccessRequestRow).where(AccessRequestRow.id == request_id).values(messages=kept)
            )
