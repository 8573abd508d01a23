"""Requested remediations: one row per idempotency key, moved through its states by guarded updates.

Every change is a conditional ``UPDATE`` (expected state, and for executions the owning fence) in
the caller's transaction, which also writes the audit record: a change that lost a race changes
nothing and records nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.database import Database, dialect_insert
from bot.store.tables import RemediationRow


@dataclass(frozen=True)
class Remediation:
    id: int
    idempotency_key: str
    incident_id: int | None
    action: str
    target: str
    params: dict[str, Any]
    severity: str
    tier: str
    executor: str | None
    policy_version: str
    shadow: bool
    state: str
    requested_by: str
    requested_at: datetime
    approved_by: str | None = None
    approver_email: str | None = None
    approval_expires_at: datetime | None = None
    execution_expires_at: datetime | None = None
    fence: int | None = None
    holder: str | None = None
    detail: str | None = None
    reference: str | None = None
    messages: tuple[tuple[str, str], ...] = ()


_FIELDS = tuple(Remediation.__dataclass_fields__)


def _record(row: Any) -> Remediation:
    mapping = row._mapping
    fields = {name: mapping[name] for name in _FIELDS if name != "messages"}
    messages = tuple((str(m["channel"]), str(m["ts"])) for m in mapping["messages"] or ())
    return Remediation(**fields, messages=messages)


class RemediationRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def insert_or_get(self, connection: AsyncConnection, values: dict[str, Any]) -> tuple[Remediation, bool]:
        """The row of ``values["idempotency_key"]``, inserted when new; True when this call inserted it."""
        inserted = await connection.execute(
            dialect_insert(connection, RemediationRow)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["idempotency_key"])
        )
        found = await self.by_key(connection, values["idempotency_key"])
        assert found is not None
        return found, inserted.rowcount == 1

    async def by_key(self, connection: AsyncConnection, key: str) -> Remediation | None:
        row = (
            await connection.execute(select(RemediationRow).where(RemediationRow.idempotency_key == key))
        ).one_or_none()
        return _record(row) if row is not None else None

    async def get(self, remediation_id: int, connection: AsyncConnection | None = None) -> Remediation | None:
        query = select(RemediationRow).where(RemediationRow.id == remediation_id)
        if connection is not None:
            row = (await connection.execute(query.with_for_update())).one_or_none()
        else:
            async with self._database.read() as own:
                row = (await own.execute(query)).one_or_none()
        return _record(row) if row is not None else None

    async def transition(
        self,
        connection: AsyncConnection,
        remediation_id: int,
        states: Collection[str],
        values: dict[str, Any],
        *,
        fence: int | None = None,
    ) -> bool:
        """Apply ``values`` if the row is in one of ``states`` (and owned by ``fence`` when given)."""
        statement = update(RemediationRow).where(
            RemediationRow.id == remediation_id, RemediationRow.state.in_(list(states))
        )
        if fence is not None:
            statement = statement.where(RemediationRow.fence == fence)
        changed = await connection.execute(statement.values(**values))
        return changed.rowcount == 1

    async def add_message(self, remediation_id: int, channel: str, ts: str) -> None:
        """Remember a Slack message that shows this request, to edit it with the outcome."""
        async with self._database.write() as connection:
            current = await self.get(remediation_id, connection)
            if current is None:
                return
            kept = [{"channel": c, "ts": t} for c, t in current.messages] + [{"channel": channel, "ts": ts}]
            await connection.execute(
                update(RemediationRow).where(RemediationRow.id == remediation_id).values(messages=kept)
            )

    async def for_incident(self, incident_id: int) -> list[Remediation]:
        async with self._database.read() as connection:
            rows = await connection.execute(
                select(RemediationRow).where(RemediationRow.incident_id == incident_id).order_by(RemediationRow.id)
            )
            return [_record(row) for row in rows]
