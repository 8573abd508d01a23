"""The alert inbox: a webhook is acknowledged once its alerts are here, and grouped afterwards.

Grouping runs alone (:mod:`bot.store.alerts`), so a webhook that waited for it waited behind
every other webhook of a storm, in every process. Instead the hook inserts its validated alerts as
one row, in one short statement that takes no lock but the new rows': that commit is the
acknowledgement, and an alert answered 200 is durable. Webhooks arriving together in one process
share their insert (:meth:`InboxRepository.put`), so a storm costs a few commits, not one each.

A drain (:meth:`InboxRepository.drain`) takes the intake lock, reads the oldest rows (at most
``limit``), stores their alerts as :meth:`~bot.store.alerts.AlertRepository.ingest` would, lets
``within`` record the work they call for (the investigations), and deletes the rows, all in one
transaction. A process killed mid-drain rolls all of it back and the next drain, in whichever
process, takes the same rows again: nothing acknowledged is lost, nothing is grouped twice.

Rows are read in id order. One webhook's alerts were acknowledged before Alertmanager sent the
next notification of its group, so they are committed, and read, before it. The rows of one drain
are planned in runs (:func:`bot.intake.planning.in_runs`) that end after each notification
carrying a resolution, so an incident it closes is closed before later notifications are placed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select

from bot.catalog import Catalog
from bot.intake.alertmanager import Alert
from bot.intake.planning import Arrival, in_runs
from bot.store.alerts import INGEST_LOCK_KEY, WithinIngest, ingest_arrivals
from bot.store.database import Database
from bot.store.records import IngestResult
from bot.store.tables import InboxRow

#: Webhooks grouped by one drain; what is left waits for the next. Bounds a drain's memory and
#: how long it holds the intake lock.
DRAIN_LIMIT = 50

#: Inserts of waiting webhooks in flight at once per process, and webhooks per insert.
PUT_WRITERS = 4
ROWS_PER_INSERT = 200

_PUT = insert(InboxRow)
_OLDEST = select(InboxRow.id, InboxRow.received_at, InboxRow.alerts).order_by(InboxRow.id)


@dataclass(frozen=True)
class Drained:
    """What one drain stored: how many webhooks and alerts, and each run's outcome."""

    webhooks: int = 0
    alerts: int = 0
    results: tuple[IngestResult, ...] = ()


class InboxRepository:
    def __init__(
        self, database: Database, *, writers: int = PUT_WRITERS, rows_per_insert: int = ROWS_PER_INSERT
    ) -> None:
        self._database = database
        self._writers = writers
        self._rows_per_insert = rows_per_insert
        self._waiting: list[tuple[dict[str, Any], asyncio.Future[None]]] = []
        self._writing = 0
        self._writers_running: set[asyncio.Task[None]] = set()

    async def put(self, alerts: Sequence[Alert], received_at: datetime) -> None:
        """Keep one webhook's valid alerts until a drain groups them; returns once they are committed.

        Webhooks put at the same time in this process share inserts (group commit): at most
        ``writers`` inserts are in flight, and each takes every webhook waiting, up to
        ``rows_per_insert``. Alone, a webhook is inserted at once; in a storm it waits at most
        for the inserts ahead of it, not for a connection, a ping and a commit of its own.
        """
        if not alerts:
            return
        row = {"received_at": received_at, "alerts": [a.model_dump(mode="json") for a in alerts]}
        committed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((row, committed))
        if self._writing < self._writers:
            self._writing += 1
            writer = asyncio.create_task(self._write_waiting(), name="inbox-insert")
            self._writers_running.add(writer)
            writer.add_done_callback(self._writers_running.discard)
        await committed

    async def _write_waiting(self) -> None:
        try:
            while self._waiting:
                batch = self._waiting[: self._rows_per_insert]
                del self._waiting[: self._rows_per_insert]
                try:
                    async with self._database.write_alone() as connection:
                        await connection.execute(_PUT, [row for row, _ in batch])
                except BaseException as error:
                    for _, committed in batch:
                        if not committed.done():
                            committed.set_exception(error)
                    if not isinstance(error, Exception):
                        raise
                else:
                    for _, committed in batch:
                        if not committed.done():
                            committed.set_result(None)
        finally:
            self._writing -= 1

    async def drain(
        self, catalog: Catalog, window: timedelta, *, within: WithinIngest | None = None, limit: int = DRAIN_LIMIT
    ) -> Drained:
        """Group the oldest ``limit`` webhooks and delete them, in one transaction (module docstring)."""
        async with self._database.write(INGEST_LOCK_KEY) as connection:
            rows = (await connection.execute(_OLDEST.limit(limit))).all()
            if not rows:
                return Drained()
            notifications = []
            for row in rows:
                notifications.append([Arrival(Alert.model_validate(alert), row.received_at) for alert in row.alerts])
                await asyncio.sleep(0)  # let the hooks answer between webhooks: this runs on their loop
            results = []
            for run in in_runs(notifications):
                result = await ingest_arrivals(connection, run, catalog, window)
                if within is not None:
                    await within(connection, result)
                results.append(result)
            await connection.execute(delete(InboxRow).where(InboxRow.id.in_([row.id for row in rows])))
        return Drained(len(rows), sum(len(n) for n in notifications), tuple(results))

    async def depth(self) -> int:
        """Webhooks acknowledged and not yet grouped, in every process."""
        async with self._database.read() as connection:
            return int(await connection.scalar(select(func.count()).select_from(InboxRow)) or 0)
