"""The incident store on real databases: schema, dedupe, grouping, resolution, concurrency.

Every test runs on embedded SQLite and on PostgreSQL (``-m postgres`` selects the
latter; it is skipped, with the reason, only when the server is unreachable).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.config import load_settings
from bot.engine.evidence import ChangeEvent
from bot.engine.model import Analysis, Evidence, Hypothesis, NextStep
from bot.incidents.sources import ChangeEvidence as ChangeSource
from bot.intake.planning import plan_ingest
from bot.store import IngestResult, Storage, StoreUnavailable
from bot.store.alerts import INGEST_LOCK_KEY
from bot.store.inbox import PUT_WRITERS, Drained
from bot.store.migrate import alembic_config
from bot.store.tables import Base
from tests.intake_fixtures import (
    CATALOG,
    T0,
    UNREACHABLE_URL,
    WINDOW,
    alert,
    database_url,
    open_store,
)

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def store(backend: str, tmp_path: Path) -> AsyncIterator[Storage]:
    async with open_store(backend, tmp_path) as opened:
        yield opened


# -- schema -------------------------------------------------------------------------------


def _schema_report(connection: Connection) -> tuple[set[str], str | None, list[object]]:
    context = MigrationContext.configure(connection)
    return (
        set(inspect(connection).get_table_names()),
        context.get_current_revision(),
        compare_metadata(context, Base.metadata),
    )


async def test_a_fresh_database_gets_the_whole_schema_at_head(store: Storage) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    async with store.database.engine.connect() as connection:
        tables, revision, drift = await connection.run_sync(_schema_report)
    assert tables >= {
        "alerts",
        "incidents",
        "investigations",
        "hypotheses",
        "evidence",
        "changes",
        "slack_posts",
        "timers",
        "mirrored_tickets",
        "ticket_deliveries",
    }
    assert revision == head == "0012"
    assert drift == [], "the migrations and bot.store.tables disagree"


async def test_opening_again_keeps_the_data(backend: str, tmp_path: Path) -> None:
    async with database_url(backend, tmp_path) as url:
        first = await Storage.open(url)
        await first.alerts.ingest([alert("a", "web")], CATALOG, WINDOW)
        await first.close()
        second = await Storage.open(url)
        try:
            assert (await second.database.counts())["alerts"] == 1
        finally:
            await second.close()


async def test_the_default_url_creates_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings(environ={"OPSDESK_DATA_DIR": str(tmp_path / "fresh" / "dir")})
    store = await Storage.open(settings.effective_database_url)
    try:
        await store.database.ping()
        assert (tmp_path / "fresh" / "dir" / "opsdesk.db").is_file()
        async with store.database.engine.connect() as connection:
            mode = await connection.scalar(text("PRAGMA journal_mode"))
        assert mode == "wal"
    finally:
        await store.close()


# -- dedupe -------------------------------------------------------------------------------


async def test_a_repeat_notification_updates_the_alert_instead_of_adding_one(store: Storage) -> None:
    first = await store.alerts.ingest([alert("a", "web")], CATALOG, WINDOW, received_at=T0)
    later = T0 + timedelta(minutes=5)
    repeat = await store.alerts.ingest([alert("a", "web", severity="warning")], CATALOG, WINDOW, received_at=later)
    assert (first.new, first.duplicates) == (1, 0)
    assert (repeat.new, repeat.duplicates, repeat.created, repeat.investigate) == (0, 1, (), ())
    incident = await store.incidents.get(first.created[0])
    assert incident is not None
    [stored] = incident.alerts
    assert stored.notifications == 2
    assert stored.first_received_at == T0
    assert stored.last_received_at == later
    assert stored.severity == "warning"
    assert (await store.database.counts())["alerts"] == 1


async def test_repeats_inside_one_batch_collapse(store: Storage) -> None:
    result = await store.alerts.ingest([alert("a", "web"), alert("a", "web"), alert("b", "web")], CATALOG, WINDOW)
    assert (result.new, result.duplicates) == (2, 1)
    incident = await store.incidents.get(result.created[0])
    assert incident is not None
    assert sorted((a.fingerprint, a.notifications) for a in incident.alerts) == [("a", 2), ("b", 1)]


# -- grouping -----------------------------------------------------------------------------


async def test_alerts_of_one_service_share_an_incident(store: Storage) -> None:
    first = await store.alerts.ingest([alert("a", "web")], CATALOG, WINDOW)
    second = await store.alerts.ingest([alert("b", "web", minutes=10, alertname="HighLatency")], CATALOG, WINDOW)
    assert second.created == ()
    assert second.updated == first.created == second.investigate
    incident = await store.incidents.get(first.created[0])
    assert incident is not None
    assert incident.alertnames == ("HighErrorRate", "HighLatency")
    assert incident.last_alert_at == T0 + timedelta(minutes=10)


async def test_alerts_of_related_services_share_an_incident(store: Storage) -> None:
    # web depends on db through api: related transitively, in either order.
    await store.alerts.ingest([alert("d", "db")], CATALOG, WINDOW)
    result = await store.alerts.ingest([alert("w", "web", minutes=3)], CATALOG, WINDOW)
    [incident] = await store.incidents.list()
    assert result.created == ()
    assert incident.services == ("db", "web")
    assert incident.title == "HighErrorRate on db"


async def test_alerts_of_unrelated_services_open_separate_incidents(store: Storage) -> None:
    result = await store.alerts.ingest([alert("w", "web"), alert("s", "search"), alert("m", "mailer")], CATALOG, WINDOW)
    assert len(result.created) == 3
    services = sorted(i.services for i in await store.incidents.list())
    assert services == [("mailer",), ("search",), ("web",)]


async def test_an_alert_after_the_window_opens_a_new_incident(store: Storage) -> None:
    first = await store.alerts.ingest([alert("a", "web")], CATALOG, WINDOW)
    late = WINDOW.total_seconds() / 60 + 1
    second = await store.alerts.ingest([alert("b", "web", minutes=late)], CATALOG, WINDOW)
    assert len(second.created) == 1
    assert second.created != first.created
    assert len(await store.incidents.list(status="open")) == 2


async def test_an_incident_extends_the_window_with_each_new_alert(store: Storage) -> None:
    step = WINDOW.total_seconds() / 60 - 1
    for index in range(4):
        await store.alerts.ingest([alert(f"a{index}", "api", minutes=index * step)], CATALOG, WINDOW)
    assert len(await store.incidents.list()) == 1


# -- resolution ---------------------------------------------------------------------------


async def test_an_incident_resolves_when_all_its_alerts_have(store: Storage) -> None:
    opened = await store.alerts.ingest([alert("a", "web"), alert("b", "api", alertname="HighLatency")], CATALOG, WINDOW)
    [incident_id] = opened.created
    partly = await store.alerts.ingest([alert("a", "web", status="resolved", ends_minutes=20)], CATALOG, WINDOW)
    assert (partly.resolved, partly.resolved_incidents) == (1, ())
    scope = await store.incidents.scope(incident_id)
    assert scope is not None
    assert (scope.status, scope.services, scope.alertnames) == (
        "open",
        ("api", "web"),
        ("HighLatency",),
    )
    incident = await store.incidents.get(incident_id)
    assert incident is not None
    assert incident.status == "open"
    assert incident.alertnames == ("HighLatency",)

    fully = await store.alerts.ingest(
        [alert("b", "api", status="resolved", ends_minutes=25, alertname="HighLatency")],
        CATALOG,
        WINDOW,
    )
    assert fully.resolved_incidents == (incident_id,)
    assert fully.investigate == ()
    incident = await store.incidents.get(incident_id)
    assert incident is not None
    assert incident.status == "resolved"
    assert incident.resolved_at == T0 + timedelta(minutes=25)
    assert [a.ends_at for a in incident.alerts] == [
        T0 + timedelta(minutes=20),
        T0 + timedelta(minutes=25),
    ]
    assert await store.incidents.list(status="open") == []
    scope = await store.incidents.scope(incident_id)
    assert scope is not None
    assert scope.alertnames == ("HighErrorRate", "HighLatency")  # none firing: all names
    assert await store.incidents.scope(999) is None


async def test_an_alert_firing_again_after_its_incident_closed_opens_a_new_one(
    store: Storage,
) -> None:
    first = await store.alerts.ingest([alert("a", "web")], CATALOG, WINDOW)
    await store.alerts.ingest([alert("a", "web", status="resolved", ends_minutes=5)], CATALOG, WINDOW)
    again = await store.alerts.ingest([alert("a", "web", minutes=60)], CATALOG, WINDOW)
    assert (again.new, len(again.created)) == (1, 1)
    assert again.created != first.created
    new_incident = await store.incidents.get(again.created[0])
    assert new_incident is not None
    [moved] = new_incident.alerts
    assert (moved.status, moved.notifications) == ("firing", 3)
    assert (await store.database.counts())["alerts"] == 1


async def test_a_resolved_notification_for_an_unknown_alert_opens_no_incident(
    store: Storage,
) -> None:
    result = await store.alerts.ingest([alert("gone", "mailer", status="resolved", ends_minutes=4)], CATALOG, WINDOW)
    assert (result.new, result.resolved, result.unknown_resolved, result.created) == (0, 0, 1, ())
    assert await store.incidents.list() == []
    assert (await store.database.counts())["alerts"] == 0


# -- concurrency --------------------------------------------------------------------------


async def test_concurrent_batches_for_one_outage_make_one_incident(store: Storage) -> None:
    services = ["web", "api", "db"]
    batches = [
        [alert(f"f{n}-{i}", services[(n + i) % 3], minutes=(n % 7)) for i in range(5)] + [alert("shared", "api")]
        for n in range(40)
    ]
    results = await asyncio.gather(*(store.alerts.ingest(b, CATALOG, WINDOW) for b in batches))
    assert sum(len(r.created) for r in results) == 1
    assert sum(r.new for r in results) == 40 * 5 + 1
    assert sum(r.duplicates for r in results) == 39
    counts = await store.database.counts()
    assert (counts["incidents"], counts["alerts"]) == (1, 201)


async def test_two_stores_on_one_database_still_make_one_incident(backend: str, tmp_path: Path) -> None:
    """Two Storage objects stand in for two processes: only the database lock serialises them."""
    async with database_url(backend, tmp_path) as url:
        first, second = await Storage.open(url), await Storage.open(url)
        try:
            batches = [[alert(f"p{n}-{i}", "web", minutes=i) for i in range(3)] for n in range(30)]
            await asyncio.gather(
                *((first if n % 2 else second).alerts.ingest(batch, CATALOG, WINDOW) for n, batch in enumerate(batches))
            )
            counts = await first.database.counts()
            assert (counts["incidents"], counts["alerts"]) == (1, 90)
        finally:
            await first.close()
            await second.close()


# -- the alert inbox ----------------------------------------------------------------------


async def test_the_inbox_keeps_webhooks_until_a_drain_groups_them_in_order(store: Storage) -> None:
    await store.inbox.put([alert("a", "web"), alert("b", "api", minutes=1)], received_at=T0)
    await store.inbox.put([alert("a", "web")], received_at=T0 + timedelta(seconds=5))
    assert (await store.database.counts())["alerts"] == 0
    assert await store.inbox.depth() == 2

    drained = await store.inbox.drain(CATALOG, WINDOW)
    assert (drained.webhooks, drained.alerts) == (2, 3)
    [result] = drained.results
    assert (result.new, result.duplicates, len(result.created)) == (2, 1, 1)
    assert await store.inbox.depth() == 0
    detail = await store.incidents.get(result.created[0])
    assert detail is not None
    repeated = next(a for a in detail.alerts if a.fingerprint == "a")
    # Each alert keeps the time its own webhook was acknowledged, not the drain's.
    assert (repeated.first_received_at, repeated.last_received_at) == (T0, T0 + timedelta(seconds=5))
    assert (repeated.notifications, await store.inbox.drain(CATALOG, WINDOW)) == (2, Drained())


async def test_webhooks_put_at_once_share_inserts_and_each_returns_once_committed(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    inserts = 0
    original = store.database.write_alone

    def counted() -> contextlib.AbstractAsyncContextManager[AsyncConnection]:
        nonlocal inserts
        inserts += 1
        return original()

    monkeypatch.setattr(store.database, "write_alone", counted)
    await asyncio.gather(*(store.inbox.put([alert(f"a{n}", "web")], received_at=T0) for n in range(50)))
    assert await store.inbox.depth() == 50
    assert inserts <= PUT_WRITERS


async def test_every_webhook_sharing_an_insert_hears_that_the_store_is_down() -> None:
    store = await Storage.open(UNREACHABLE_URL, migrate_schema=False)
    try:
        puts = [store.inbox.put([alert(f"a{n}", "web")], received_at=T0) for n in range(10)]
        outcomes = await asyncio.gather(*puts, return_exceptions=True)
    finally:
        await store.close()
    assert all(isinstance(outcome, StoreUnavailable) for outcome in outcomes)


async def test_a_drain_takes_at_most_its_limit_and_leaves_the_rest(store: Storage) -> None:
    for n in range(5):
        await store.inbox.put([alert(f"a{n}", "web", minutes=n)], received_at=T0)
    assert (await store.inbox.drain(CATALOG, WINDOW, limit=3)).webhooks == 3
    assert await store.inbox.depth() == 2
    assert (await store.inbox.drain(CATALOG, WINDOW, limit=3)).webhooks == 2
    assert (await store.database.counts())["alerts"] == 5


async def test_a_drain_places_what_fires_after_a_resolution_as_webhooks_one_by_one_would(store: Storage) -> None:
    await store.inbox.put([alert("a", "web")], received_at=T0)
    await store.inbox.drain(CATALOG, WINDOW)
    await store.inbox.put([alert("a", "web", status="resolved", ends_minutes=5)], received_at=T0)
    await store.inbox.put([alert("b", "api", minutes=10)], received_at=T0)
    drained = await store.inbox.drain(CATALOG, WINDOW)
    assert [(r.resolved_incidents, r.created) for r in drained.results] == [((1,), ()), ((), (2,))]
    assert [(i.id, i.status) for i in sorted(await store.incidents.list(), key=lambda i: i.id)] == [
        (1, "resolved"),
        (2, "open"),
    ]


async def test_a_drain_that_fails_midway_keeps_every_webhook_for_the_next(store: Storage) -> None:
    await store.inbox.put([alert("a", "web")], received_at=T0)

    async def crash(connection: AsyncConnection, result: IngestResult) -> None:
        raise RuntimeError("process died after grouping, before its commit")

    with pytest.raises(RuntimeError):
        await store.inbox.drain(CATALOG, WINDOW, within=crash)
    counts = await store.database.counts()
    assert (counts["alert_inbox"], counts["alerts"], counts["incidents"]) == (1, 0, 0)
    assert (await store.inbox.drain(CATALOG, WINDOW)).webhooks == 1
    assert (await store.database.counts())["alerts"] == 1


async def test_two_stores_draining_one_inbox_group_each_webhook_once(backend: str, tmp_path: Path) -> None:
    """Two Storage objects stand in for two processes putting and draining at once."""
    async with database_url(backend, tmp_path) as url:
        first, second = await Storage.open(url), await Storage.open(url)
        try:
            stores = (first, second)

            async def put_then_drain(n: int) -> int:
                store = stores[n % 2]
                await store.inbox.put([alert(f"p{n}-{i}", "web", minutes=i) for i in range(3)], received_at=T0)
                return (await store.inbox.drain(CATALOG, WINDOW, limit=4)).alerts

            drained = await asyncio.gather(*(put_then_drain(n) for n in range(30)))
            while await first.inbox.depth():
                drained.append((await first.inbox.drain(CATALOG, WINDOW)).alerts)
            counts = await first.database.counts()
            assert (sum(drained), counts["incidents"], counts["alerts"]) == (90, 1, 90)
            incident = await first.incidents.get(1)
            assert incident is not None
            assert sum(a.notifications for a in incident.alerts) == 90
        finally:
            await first.close()
            await second.close()


# -- change events ------------------------------------------------------------------------


def _change(event_id: str, service: str, minutes: float, **fields: object) -> ChangeEvent:
    return ChangeEvent.model_validate(
        {
            "id": event_id,
            "service": service,
            "kind": "deploy",
            "started_at": T0 + timedelta(minutes=minutes),
            **fields,
        }
    )


async def test_changes_are_upserted_by_id_and_fetched_by_service_and_time(store: Storage) -> None:
    assert await store.changes.record([]) == []
    await store.changes.record(
        [
            _change("d1", "api", -30, version="v1"),
            _change("d2", "web", -20),
            _change("d3", "db", -200),
            _change("d4", "api", -70, finished_at=T0 - timedelta(minutes=50)),
        ]
    )
    await store.changes.record([_change("d1", "api", -30, version="v2", author="ci")])
    source: ChangeSource = store.changes
    assert source.name == "changes"
    found = await source.fetch_changes(["api", "db"], T0 - timedelta(minutes=60), T0)
    assert [(c.id, c.version, c.author) for c in found] == [("d4", None, None), ("d1", "v2", "ci")]
    assert (await store.database.counts())["changes"] == 4
    assert await source.fetch_changes([], T0 - timedelta(days=1), T0) == []


async def test_senders_posting_the_same_deploys_in_different_orders_never_deadlock(store: Storage) -> None:
    events = [_change(f"d{n:02d}", "api", -n) for n in range(40)]
    orders = [random.Random(seed).sample(events, len(events)) for seed in range(16)]
    await asyncio.gather(*(store.changes.record(order) for order in orders))  # a deadlock would raise
    assert (await store.database.counts())["changes"] == 40


# -- analyses -----------------------------------------------------------------------------


def _analysis(culprit: str) -> Analysis:
    evidence = Evidence(kind="change", text="deploy v2 of api", service="api", at=T0, ref="d1")
    step = NextStep(runbook_id="rollback-a-deploy", title="Roll back", path="runbooks/r.md")
    hypotheses = (
        Hypothesis(
            cause="deploy",
            culprit=culprit,
            confidence=0.8,
            score=3.0,
            summary="deploy",
            evidence=(evidence, evidence),
            next_steps=(step,),
            started_at=T0,
        ),
        Hypothesis(cause="traffic_surge", culprit="web", confidence=0.1, score=0.5, summary="t"),
    )
    return Analysis(
        services=("web", "api"),
        alertnames=("HighErrorRate",),
        now=T0,
        hypotheses=hypotheses,
        missing_sources=("logs: not configured",),
        elapsed_ms=12.5,
    )


async def test_analyses_are_kept_with_their_hypotheses_and_evidence(store: Storage) -> None:
    [incident_id] = (await store.alerts.ingest([alert("a", "web")], CATALOG, WINDOW)).created
    assert await store.analyses.latest(incident_id) is None
    await store.analyses.save(incident_id, _analysis("db"))
    later = await store.analyses.save(incident_id, _analysis("api"))
    latest = await store.analyses.latest(incident_id)
    assert latest == _analysis("api")
    counts = await store.database.counts()
    assert (counts["investigations"], counts["hypotheses"], counts["evidence"]) == (2, 4, 4)
    async with store.database.engine.connect() as connection:
        rows = (
            await connection.execute(
                text("SELECT rank, culprit FROM hypotheses WHERE investigation_id = :i ORDER BY rank"),
                {"i": later},
            )
        ).all()
    assert [tuple(r) for r in rows] == [(1, "api"), (2, "web")]


async def test_an_analysis_for_a_missing_incident_is_refused(store: Storage) -> None:
    with pytest.raises(LookupError, match="no incident 999"):
        await store.analyses.save(999, _analysis("api"))
    assert await store.incidents.get(999) is None


# -- availability -------------------------------------------------------------------------


async def test_an_unreachable_database_is_reported_as_unavailable() -> None:
    with pytest.raises(StoreUnavailable, match="store:"):
        await Storage.open(UNREACHABLE_URL)
    store = await Storage.open(UNREACHABLE_URL, migrate_schema=False)
    try:
        with pytest.raises(StoreUnavailable):
            await store.database.ping()
        with pytest.raises(StoreUnavailable):
            await store.alerts.ingest([alert("a", "web")], CATALOG, WINDOW)
    finally:
        await store.close()


async def test_a_closed_store_is_not_ready(store: Storage) -> None:
    await store.database.ping()
    await store.close()
    with pytest.raises(StoreUnavailable, match="closed"):
        await store.database.ping()


# -- the planner alone --------------------------------------------------------------------


def test_the_plan_places_a_batch_in_start_order_whatever_its_order() -> None:
    batch = [
        alert("late", "web", minutes=40),
        alert("early", "web"),
        alert("mid", "web", minutes=20),
    ]
    plan = plan_ingest(batch, {}, [], CATALOG, WINDOW, T0)
    # In start order each alert is within the window of the previous one: one incident.
    assert len(plan.new_drafts) == 1
    assert plan.new_drafts[0].grouping.opened_at == T0


@pytest.mark.postgres
async def test_a_transaction_postgresql_aborts_to_break_a_deadlock_is_a_passing_store_failure(
    tmp_path: Path,
) -> None:
    """Two writes taking the same two rows in opposite orders: PostgreSQL rolls one back whole,
    and the store reports it as :class:`StoreUnavailable` (callers retry it), not as a bug."""
    async with open_store("postgres", tmp_path) as store:
        async with store.database.write() as connection:
            await connection.execute(text("CREATE TABLE pair (id int PRIMARY KEY, v int)"))
            await connection.execute(text("INSERT INTO pair VALUES (1, 0), (2, 0)"))
        first_taken = [asyncio.Event(), asyncio.Event()]

        async def take(mine: int, theirs: int, ready: asyncio.Event, other: asyncio.Event) -> None:
            async with store.database.write() as connection:
                await connection.execute(text("UPDATE pair SET v = v + 1 WHERE id = :id"), {"id": mine})
                ready.set()
                await other.wait()
                await connection.execute(text("UPDATE pair SET v = v + 1 WHERE id = :id"), {"id": theirs})

        outcomes = await asyncio.gather(
            take(1, 2, first_taken[0], first_taken[1]),
            take(2, 1, first_taken[1], first_taken[0]),
            return_exceptions=True,
        )
        failures = [o for o in outcomes if isinstance(o, BaseException)]
        assert len(failures) == 1, outcomes
        assert isinstance(failures[0], StoreUnavailable)
        assert "deadlock" in str(failures[0])
        async with store.database.read() as connection:
            assert (await connection.scalar(text("SELECT sum(v) FROM pair"))) == 2, "the survivor's two updates only"


@pytest.mark.postgres
async def test_a_transaction_scheduling_timers_and_a_claim_never_wait_on_each_other(tmp_path: Path) -> None:
    """An inbox drain schedules one timer, a claim of the due timers starts, the drain schedules
    another: the claim waits for the drain's commit instead of taking the timers in its own order
    (it would lock the second, then wait for the first, while the drain waits for the second)."""
    async with open_store("postgres", tmp_path) as store:
        due = datetime.now(UTC) - timedelta(minutes=1)
        await store.timers.schedule("investigate", "a", due)
        await store.timers.schedule("investigate", "b", due - timedelta(seconds=1))  # claimed first
        async with store.database.write(INGEST_LOCK_KEY) as connection:
            await store.timers.schedule("investigate", "a", due - timedelta(minutes=1), connection=connection)
            claim = asyncio.create_task(store.timers.claim_due("w1", ["investigate"], lease=timedelta(minutes=1)))
            await _until_a_backend_waits_on_a_lock(store)
            await store.timers.schedule("investigate", "b", due - timedelta(minutes=1), connection=connection)
        claimed = await claim
        assert sorted(t.key for t in claimed) == ["a", "b"]


async def _until_a_backend_waits_on_a_lock(store: Storage) -> None:
    waiting = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
    for _ in range(2000):
        async with store.database.read() as connection:
            if await connection.scalar(waiting):
                return
        await asyncio.sleep(0.005)  # another backend's state: nothing to await but the next look
    raise AssertionError("the claim never waited on a lock")
