"""The incident store: alerts, incidents, investigations and change events in SQL.

One :class:`Store` per process, shared by the HTTP intake, the investigation
scheduler and the agent's change source. Embedded SQLite by default; any
SQLAlchemy async URL works, PostgreSQL (asyncpg) being the one to scale out.

Intake must group correctly under concurrency: two webhooks for the same
outage arriving together must not open two incidents. So every
:meth:`Store.ingest_alerts` call is one transaction that runs alone:

* in one process, an :class:`asyncio.Lock` queues callers before they take a
  pooled connection (so a burst does not exhaust the pool);
* across processes, SQLite's write lock (transactions begin ``IMMEDIATE``) or,
  on PostgreSQL, ``pg_advisory_xact_lock`` taken as the transaction's first
  statement; at READ COMMITTED every later statement then sees what the
  previous holder committed.

Inside, a batch costs a fixed number of statements whatever its size: two
reads, then bulk inserts and updates (see :mod:`bot.store.ingest`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, bindparam, func, insert, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.alerts import Alert
from bot.catalog import Catalog
from bot.clock import Clock, SystemClock
from bot.engine.model import Analysis
from bot.store import migrate
from bot.store.engine import create_engine, read_transaction, write_transaction
from bot.store.ingest import (
    IncidentDraft,
    IngestPlan,
    KnownAlert,
    needs_placement,
    open_draft,
    plan_ingest,
)
from bot.store.records import (
    IncidentDetail,
    IncidentScope,
    IncidentStatus,
    IncidentSummary,
    IngestResult,
    StoredAlert,
    StoreUnavailable,
    alertnames,
)
from bot.store.tables import (
    TABLES,
    AlertRow,
    ChangeRow,
    EvidenceRow,
    HypothesisRow,
    IncidentRow,
    InvestigationRow,
)
from connectors.base import ChangeEvent, SourceError

#: pg_advisory_xact_lock key that serialises intake across processes ("opsdesk2").
INGEST_LOCK_KEY = 0x6F70_7364_6573_6B32
PING_TIMEOUT_SECONDS = 2.0


class Store:
    """Async access to the incident store. Create with :meth:`open`, finish with :meth:`close`."""

    def __init__(self, engine: AsyncEngine, clock: Clock | None = None) -> None:
        self._engine = engine
        self._clock = clock or SystemClock()
        self._ingest_lock = asyncio.Lock()
        self._closed = False

    @classmethod
    async def open(cls, url: str, *, clock: Clock | None = None, migrate_schema: bool = True) -> Store:
        """Connect to ``url`` and bring its schema up to date (unless ``migrate_schema=False``)."""
        engine = create_engine(url)
        store = cls(engine, clock)
        if migrate_schema:
            try:
                async with store._translate_errors():
                    await migrate.upgrade(engine)
            except BaseException:
                await engine.dispose()
                raise
        return store

    async def close(self) -> None:
        self._closed = True
        await self._engine.dispose()

    @property
    def engine(self) -> AsyncEngine:
        """The SQLAlchemy engine, for tools and tests that inspect the database directly."""
        return self._engine

    @property
    def url(self) -> str:
        return self._engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    async def ping(self) -> None:
        """Raise :class:`StoreUnavailable` unless the database answers within a couple of seconds."""
        if self._closed:
            raise StoreUnavailable("store: closed")
        async with (
            self._translate_errors(),
            asyncio.timeout(PING_TIMEOUT_SECONDS),
            self._engine.connect() as connection,
        ):
            await connection.execute(text("SELECT 1"))

    # -- intake -----------------------------------------------------------------------

    async def ingest_alerts(
        self,
        alerts: Sequence[Alert],
        catalog: Catalog,
        window: timedelta,
        *,
        received_at: datetime | None = None,
    ) -> IngestResult:
        """Store one batch in one transaction: dedupe, group, resolve (module docstring)."""
        if not alerts:
            return IngestResult()
        received_at = received_at or self._clock.now()
        async with self._ingest_lock, self._write(INGEST_LOCK_KEY) as connection:
            known = await _known_alerts(connection, {a.fingerprint for a in alerts})
            candidates = await _open_incidents_near(connection, alerts, known, window)
            plan = plan_ingest(alerts, known, candidates, catalog, window, received_at)
            ids = await _insert_incidents(connection, plan.new_drafts)
            await _write_alerts(connection, plan, ids, received_at)
            await _update_incidents(connection, plan.changed_existing)
            checks = {ids.get(key, key): at for key, at in plan.resolution_checks.items()}
            resolved = await _resolve_finished(connection, checks)
        return _result(plan, ids, resolved)

    # -- change events ----------------------------------------------------------------

    async def record_changes(self, events: Iterable[ChangeEvent], *, received_at: datetime | None = None) -> int:
        """Insert or update change events by ``id``; returns how many were written."""
        received_at = received_at or self._clock.now()
        rows = {e.id: {**e.model_dump(), "received_at": received_at} for e in events}
        if not rows:
            return 0
        async with self._write() as connection:
            await _upsert_changes(connection, list(rows.values()))
        return len(rows)

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
        async with self._read() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [ChangeEvent.model_validate({**row}) for row in rows]

    def change_source(self) -> StoredChangeSource:
        """This store as the agent's ``changes`` source (:class:`connectors.base.ChangeSource`)."""
        return StoredChangeSource(self)

    # -- investigations ---------------------------------------------------------------

    async def save_analysis(
        self,
        incident_id: int,
        analysis: Analysis,
        *,
        started_at: datetime | None = None,
        finished_at: datetime | None = None,
    ) -> int:
        """Keep one investigation's result (and its hypotheses and evidence); returns its id."""
        finished_at = finished_at or self._clock.now()
        started_at = started_at or finished_at - timedelta(milliseconds=analysis.elapsed_ms)
        async with self._write() as connection:
            found = await connection.scalar(select(IncidentRow.id).where(IncidentRow.id == incident_id))
            if found is None:
                raise LookupError(f"no incident {incident_id}")
            inserted = await connection.execute(
                insert(InvestigationRow).returning(InvestigationRow.id),
                {
                    "incident_id": incident_id,
                    "started_at": started_at,
                    "finished_at": finished_at,
                    "elapsed_ms": analysis.elapsed_ms,
                    "missing_sources": list(analysis.missing_sources),
                    "analysis": analysis.model_dump(mode="json"),
                },
            )
            investigation_id: int = inserted.scalar_one()
            await _insert_hypotheses(connection, incident_id, investigation_id, analysis)
        return investigation_id

    async def latest_analysis(self, incident_id: int) -> Analysis | None:
        query = (
            select(InvestigationRow.analysis)
            .where(InvestigationRow.incident_id == incident_id)
            .order_by(InvestigationRow.id.desc())
            .limit(1)
        )
        async with self._read() as connection:
            data = await connection.scalar(query)
        return None if data is None else Analysis.model_validate(data)

    # -- incidents --------------------------------------------------------------------

    async def get_incident(self, incident_id: int) -> IncidentDetail | None:
        async with self._read() as connection:
            incident = (await connection.execute(select(IncidentRow).where(IncidentRow.id == incident_id))).first()
            if incident is None:
                return None
            alerts = await connection.execute(
                select(AlertRow).where(AlertRow.incident_id == incident_id).order_by(AlertRow.starts_at, AlertRow.id)
            )
            stored = tuple(_stored_alert(row) for row in alerts.mappings())
        return IncidentDetail(**_incident_fields(incident), alerts=stored)

    async def incident_scope(self, incident_id: int) -> IncidentScope | None:
        """The incident and its alert names, without loading its alerts (for investigations)."""
        names = select(AlertRow.alertname, AlertRow.status).where(AlertRow.incident_id == incident_id)
        async with self._read() as connection:
            incident = (await connection.execute(select(IncidentRow).where(IncidentRow.id == incident_id))).first()
            if incident is None:
                return None
            pairs = (await connection.execute(names.distinct())).all()
        return IncidentScope(**_incident_fields(incident), alertnames=alertnames((n, st) for n, st in pairs))

    async def list_incidents(self, status: IncidentStatus | None = None, *, limit: int = 100) -> list[IncidentSummary]:
        """Incidents, most recently active first."""
        query = select(IncidentRow).order_by(IncidentRow.last_alert_at.desc(), IncidentRow.id.desc())
        if status is not None:
            query = query.where(IncidentRow.status == status)
        async with self._read() as connection:
            rows = (await connection.execute(query.limit(limit))).all()
        return [IncidentSummary(**_incident_fields(row)) for row in rows]

    async def counts(self) -> dict[str, int]:
        """Rows per table, in one query (for probes, tests and the benchmark)."""
        columns = [
            select(func.count()).select_from(table).scalar_subquery().label(table.__tablename__) for table in TABLES
        ]
        async with self._read() as connection:
            row = (await connection.execute(select(*columns))).one()
        return dict(row._mapping)

    # -- transactions -----------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def _read(self) -> AsyncIterator[AsyncConnection]:
        async with self._translate_errors(), read_transaction(self._engine) as connection:
            yield connection

    @contextlib.asynccontextmanager
    async def _write(self, advisory_lock: int | None = None) -> AsyncIterator[AsyncConnection]:
        async with (
            self._translate_errors(),
            write_transaction(self._engine, advisory_lock) as connection,
        ):
            yield connection

    @contextlib.asynccontextmanager
    async def _translate_errors(self) -> AsyncIterator[None]:
        """Connection-level failures become :class:`StoreUnavailable`; bugs stay what they are."""
        try:
            yield
        except (OperationalError, InterfaceError) as error:
            raise StoreUnavailable(f"store: {_first_line(error.orig or error)}") from error
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
            raise StoreUnavailable(f"store: {_first_line(error.orig or error)}") from error
        except (OSError, TimeoutError) as error:
            raise StoreUnavailable(f"store: {_first_line(error) or type(error).__name__}") from error


class StoredChangeSource:
    """The change events received on ``/hooks/deploy``, as a :class:`ChangeSource`."""

    name: str = "changes"

    def __init__(self, store: Store) -> None:
        self._store = store

    async def fetch_changes(self, services: Sequence[str], start: datetime, end: datetime) -> list[ChangeEvent]:
        try:
            return await self._store.fetch_changes(services, start, end)
        except StoreUnavailable as error:
            raise SourceError(self.name, str(error)) from error


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


async def _write_alerts(
    connection: AsyncConnection, plan: IngestPlan, ids: dict[int, int], received_at: datetime
) -> None:
    inserts: list[dict[str, Any]] = []
    placed: list[dict[str, Any]] = []
    repeats: list[dict[str, Any]] = []
    for fingerprint, write in plan.writes.items():
        counters = {"last_received_at": received_at, "notifications": write.notifications}
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
            inserts.append({**values, "fingerprint": fingerprint, "first_received_at": received_at})
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
    )


# -- other statements -------------------------------------------------------------------


async def _upsert_changes(connection: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    """Insert-or-update by id: native upsert where the dialect has one, else read then write."""
    dialect = connection.dialect.name
    if dialect == "postgresql":
        statement: Any = postgresql.insert(ChangeRow)
    elif dialect == "sqlite":
        statement = sqlite.insert(ChangeRow)
    else:
        await _read_then_write_changes(connection, rows)
        return
    replace = {c.name: statement.excluded[c.name] for c in ChangeRow.__table__.columns}
    replace.pop("id")
    await connection.execute(statement.on_conflict_do_update(index_elements=["id"], set_=replace), rows)


async def _read_then_write_changes(connection: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    """Upsert for dialects without ON CONFLICT (runs inside the caller's write transaction)."""
    existing = set(await connection.scalars(select(ChangeRow.id).where(ChangeRow.id.in_([r["id"] for r in rows]))))
    fresh = [r for r in rows if r["id"] not in existing]
    stale = [{**r, "_id": r["id"]} for r in rows if r["id"] in existing]
    if fresh:
        await connection.execute(insert(ChangeRow), fresh)
    if stale:
        await connection.execute(update(ChangeRow).where(ChangeRow.id == bindparam("_id")), stale)


async def _insert_hypotheses(
    connection: AsyncConnection, incident_id: int, investigation_id: int, analysis: Analysis
) -> None:
    hypotheses: list[dict[str, Any]] = []
    evidence: list[dict[str, Any]] = []
    for rank, hypothesis in enumerate(analysis.hypotheses, start=1):
        dumped = hypothesis.model_dump(mode="json")
        hypotheses.append(
            {
                "incident_id": incident_id,
                "investigation_id": investigation_id,
                "rank": rank,
                "cause": hypothesis.cause,
                "culprit": hypothesis.culprit,
                "confidence": hypothesis.confidence,
                "score": hypothesis.score,
                "summary": hypothesis.summary,
                "started_at": hypothesis.started_at,
                "evidence": dumped["evidence"],
                "next_steps": dumped["next_steps"],
            }
        )
        evidence += [
            {
                "incident_id": incident_id,
                "investigation_id": investigation_id,
                "hypothesis_rank": rank,
                **item.model_dump(include={"kind", "text", "service", "at", "weight", "ref"}),
            }
            for item in hypothesis.evidence
        ]
    if hypotheses:
        await connection.execute(insert(HypothesisRow), hypotheses)
    if evidence:
        await connection.execute(insert(EvidenceRow), evidence)


# -- row conversion ---------------------------------------------------------------------


def _incident_fields(row: Row[Any]) -> dict[str, Any]:
    fields = dict(row._mapping)
    fields["services"] = tuple(fields["services"])
    return fields


def _stored_alert(row: Any) -> StoredAlert:
    return StoredAlert.model_validate({k: v for k, v in row.items() if k != "id"})


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
