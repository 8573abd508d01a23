"""Change events (deploys, config changes, flag flips, infrastructure changes) from ``/hooks/deploy``.

The repository is also the agent's source of stored changes: it answers ``fetch_changes`` like
any other change source, and a database that cannot be reached is reported as that source
missing, never as a failed investigation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import Clock
from bot.engine.evidence import ChangeEvent
from bot.store.database import Database, dialect_insert
from bot.store.records import StoreUnavailable
from bot.store.tables import ChangeRow
from connectors.errors import SourceUnavailable


class ChangeRepository:
    name: str = "changes"

    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    async def record(self, events: Iterable[ChangeEvent], *, received_at: datetime | None = None) -> list[str]:
        """Insert or update change events by ``id``; returns the ids written.

        ``received_at`` orders the events of one id (``/hooks/deploy`` passes the time the
        sender signed them): a stored event with a later one is kept, never replaced by an
        older event arriving late or replayed.
        """
        received_at = received_at or self._clock.now()
        rows = {e.id: {**e.model_dump(), "received_at": received_at} for e in events}
        if not rows:
            return []
        async with self._database.write() as connection:
            # rows are locked in the order given: one order for every writer, or two senders
            # posting the same ids in different orders deadlock each other
            return await _upsert_changes(connection, [rows[key] for key in sorted(rows)])

    async def fetch_changes(self, services: Sequence[str], start: datetime, end: datetime) -> list[ChangeEvent]:
        """Changes to ``services`` whose rollout overlaps ``[start, end]``, oldest first.

        Infrastructure changes are returned whatever their service: a node-pool or network
        change filed under one service often hits others, and the engine attributes them.
        """
        if not services:
            return []
        ended = func.coalesce(ChangeRow.finished_at, ChangeRow.started_at)
        query = (
            select(ChangeRow)
            .where(
                or_(ChangeRow.service.in_(services), ChangeRow.kind == "infra"),
                ChangeRow.started_at <= end,
                ended >= start,
            )
            .order_by(ChangeRow.started_at, ChangeRow.id)
        )
        try:
            async with self._database.read() as connection:
                rows = (await connection.execute(query)).mappings().all()
        except StoreUnavailable as error:  # as an evidence source, it fails like any other source
            raise SourceUnavailable(self.name, str(error)) from error
        return [ChangeEvent.model_validate({**row}) for row in rows]


async def _upsert_changes(connection: AsyncConnection, rows: list[dict[str, Any]]) -> list[str]:
    """Insert-or-update by id, unless the stored row is newer; the ids written."""
    statement = dialect_insert(connection, ChangeRow).values(rows)
    replace = {c.name: statement.excluded[c.name] for c in ChangeRow.__table__.columns}
    replace.pop("id")
    upsert = statement.on_conflict_do_update(
        index_elements=["id"], set_=replace, where=ChangeRow.received_at <= statement.excluded.received_at
    ).returning(ChangeRow.id)
    return list((await connection.execute(upsert)).scalars().all())
