"""Alerts: one intake batch stored in one transaction — deduplicated, grouped, resolved.

Intake must group correctly under concurrency: two webhooks for the same outage arriving
together must not open two incidents. So every :meth:`AlertRepository.ingest` call is one
transaction that runs alone:

* in one process, an :class:`asyncio.Lock` queues callers before they take a pooled
  connection (so a burst does not exhaust the pool);
* across processes, SQLite's write lock (transactions begin ``IMMEDIATE``) or, on PostgreSQL,
  ``pg_advisory_xact_lock`` taken as the transaction's first statement; at READ COMMITTED every
  later statement then sees what the previous holder committed.

Inside, a batch costs a fixed number of statements whatever its size: two reads, then bulk
inserts and updates decided by the pure rules of :mod:`bot.intake.planning`. Work that must not
be lost if the process dies right after the commit (the investigation of what changed) is
written by the caller's ``within`` callback in the same transaction.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.catalog import Catalog
from bot.clock import Clock
from bot.intake.alertmanager import Alert
from bot.intake.planning import (
    Arrival,
    IncidentDraft,
    IngestPlan,
    KnownAlert,
    needs_placement,
    open_draft,
    plan_arrivals,
)
from bot.store.database import Database
from bot.store.records import IngestResult
from bot.store.tables import AlertRow, IncidentRow

#: pg_advisory_xact_lock key that serialises intake across processes ("opsdesk2").
INGEST_LOCK_KEY = 0x6F70_7364_6573_6B32

#: Runs inside the ingest transaction once the batch is planned and written.
WithinIngest = Callable[[AsyncConnection, IngestResult], Awaitable[None]]


class AlertRepository:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock
        self._lock = asyncio.Lock()

    async def ingest(
        self,
        alerts: Sequence[Alert],
        catalog: Catalog,
        window: timedelta,
        *,
        received_at: datetime | None = None,
        within: WithinIngest | None = None,
    ) -> IngestResult:
        """Store one batch in one transaction: dedupe, group, resolve (module docstring)."""
        if not alerts:
            return IngestResult()
        received_at = received_at or self._clock.now()
        arrivals = [Arrival(alert, received_at) for alert in alerts]
        async with self._lock, self._database.write(INGEST_LOCK_KEY) as connection:
            result = await ingest_arrivals(connection, arrivals, catalog, window)
            if within is not None:
                await within(connection, result)
        return result


async def ingest_arrivals(
    connection: AsyncConnection, arrivals: Sequence[Arrival], catalog: Catalog, window: timedelta
) -> IngestResult:
    """Plan and write one batch inside the caller's transaction, which must hold the intake lock."""
    alerts = [a.alert for a in arrivals]
    known = await _known_alerts(connection, {a.fingerprint for a in alerts})
    candidates = await _open_incidents_near(connection, alerts, known, window)
    plan = plan_arrivals(arrivals, known, candidates, catalog, window)
    ids = await _insert_incidents(connection, plan.new_drafts)
    await _write_alerts(connection, plan, ids)
    await _update_incidents(connection, plan.changed_existing)
    checks = {ids.get(key, key): at for key, at in plan.resolution_checks.items()}
    resolved = await _resolve_finished(connection, checks)
    return _result(plan, ids, resolved)


# -- intake statements ------------------------------------------------------------------


# Intake runs these once per webhook: built once here, with bound parameters, so each
# call costs a cache lookup instead of rebuilding and coercing the whole expression.
_KNOWN_ALERTS = (
    select(
        AlertRow.id,
        AlertRow.fingerprint,
        AlertRow.incident_id,
        AlertRow.status,
        AlertRow.notifications,
        IncidentRow.status.label("incident_status"),
    )
    .join(IncidentRow, AlertRow.incident_id == IncidentRow.id)
    .where(AlertRow.fingerprint.in_(bindparam("fingerprints", expanding=True)))
)
_OPEN_INCIDENTS_NEAR = select(
    IncidentRow.id,
    IncidentRow.title,
    IncidentRow.severity,
    IncidentRow.services,
    IncidentRow.opened_at,
    IncidentRow.last_alert_at,
).where(
    IncidentRow.status == "open",
    IncidentRow.last_alert_at >= bindparam("earliest"),
    IncidentRow.opened_at <= bindparam("latest"),
)
_INSERT_ALERTS = insert(AlertRow)
_UPDATE_ALERTS = update(AlertRow).where(AlertRow.id == bindparam("_id"))
_UPDATE_INCIDENTS = update(IncidentRow).where(IncidentRow.id == bindparam("_id"))
#: What a repeat notification may change; its incident, labels and start stay.
_REPEAT_FIELDS = {"status", "severity", "ends_at", "summary", "annotations"}


async def _known_alerts(connection: AsyncConnection, fingerprints: set[str]) -> dict[str, KnownAlert]:
    rows = await connection.execute(_KNOWN_ALERTS, {"fingerprints": list(fingerprints)})
    return {
        row.fingerprint: KnownAlert(
            id=row.id,
            fingerprint=row.fingerprint,
            incident_id=row.incident_id,
            incident_open=row.incident_status == "open",
            status=row.status,
            notifications=row.notifications,
        )
        for row in rows
    }


async def _open_incidents_near(
    connection: AsyncConnection,
    alerts: Sequence[Alert],
    known: dict[str, KnownAlert],
    window: timedelta,
) -> list[IncidentDraft]:
    """Open incidents the batch's new alerts could join; none to read when all are repeats."""
    starts = [a.starts_at for a in alerts if needs_placement(a, known.get(a.fingerprint))]
    if not starts:
        return []
    bounds = {"earliest": min(starts) - window, "latest": max(starts) + window}
    rows = await connection.execute(_OPEN_INCIDENTS_NEAR, bounds)
    return [open_draft(*row) for row in rows]


async def _insert_incidents(connection: AsyncConnection, drafts: Sequence[IncidentDraft]) -> dict[int, int]:
    """Insert the batch's new incidents; returns draft key -> row id."""
    if not drafts:
        return {}
    rows = [
        {
            "title": d.title,
            "services": sorted(d.grouping.services),
            "status": "open",
            "severity": d.severity,
            "opened_at": d.grouping.opened_at,
            "last_alert_at": d.grouping.last_alert_at,
            "resolved_at": None,
        }
        for d in drafts
    ]
    statement = insert(IncidentRow).returning(IncidentRow.id, sort_by_parameter_order=True)
    ids = (await connection.execute(statement, rows)).scalars().all()
    return {draft.key: row_id for draft, row_id in zip(drafts, ids, strict=True)}


async def _write_alerts(connection: AsyncConnection, plan: IngestPlan, ids: dict[int, int]) -> None:
    inserts: list[dict[str, Any]] = []
    placed: list[dict[str, Any]] = []
    repeats: list[dict[str, Any]] = []
    for fingerprint, write in plan.writes.items():
        counters = {"last_received_at": write.last_received_at, "notifications": write.notifications}
        if not write.placed:
            fields = write.alert.model_dump(include=_REPEAT_FIELDS)
            repeats.append({**fields, **counters, "_id": write.id})
            continue
        values = {
            **write.alert.model_dump(exclude={"fingerprint"}),
            **counters,
            "incident_id": ids.get(write.incident_key, write.incident_key),
        }
        if write.id is None:
            inserts.append({**values, "fingerprint": fingerprint, "first_received_at": write.first_received_at})
        else:
            placed.append({**values, "_id": write.id})
    if inserts:
        await connection.execute(_INSERT_ALERTS, inserts)
    for rows in (placed, repeats):
        if rows:
            await connection.execute(_UPDATE_ALERTS, rows)


async def _update_incidents(connection: AsyncConnection, drafts: Sequence[IncidentDraft]) -> None:
    if not drafts:
        return
    rows = [
        {
            "_id": d.key,
            "services": sorted(d.grouping.services),
            "severity": d.severity,
            "opened_at": d.grouping.opened_at,
            "last_alert_at": d.grouping.last_alert_at,
        }
        for d in drafts
    ]
    await connection.execute(_UPDATE_INCIDENTS, rows)


async def _resolve_finished(connection: AsyncConnection, checks: dict[int, datetime]) -> list[int]:
    """Resolve the checked open incidents that have no firing alert left; returns their ids."""
    if not checks:
        return []
    firing = select(AlertRow.id).where(AlertRow.incident_id == IncidentRow.id, AlertRow.status == "firing").exists()
    finished_query = select(IncidentRow.id).where(IncidentRow.id.in_(checks), IncidentRow.status == "open", ~firing)
    finished = sorted((await connection.scalars(finished_query)).all())
    if finished:
        rows = [{"_id": i, "status": "resolved", "resolved_at": checks[i]} for i in finished]
        await connection.execute(_UPDATE_INCIDENTS, rows)
    return finished


def _result(plan: IngestPlan, ids: dict[int, int], resolved: list[int]) -> IngestResult:
    created = tuple(sorted(ids.values()))
    touched = {d.key for d in plan.changed_existing} | {key for key in plan.resolution_checks if key > 0}
    investigate = {ids.get(d.key, d.key) for d in plan.drafts.values() if d.new_firing}
    return IngestResult(
        created=created,
        updated=tuple(sorted(touched)),
        resolved_incidents=tuple(resolved),
        investigate=tuple(sorted(investigate - set(resolved))),
        new=plan.new,
        duplicates=plan.duplicates,
        resolved=plan.resolved,
        unknown_resolved=plan.unknown_resolved,
    )
