"""``POST /hooks/alertmanager`` and the probes, over real HTTP on loopback, on a real store.

The investigator is a recording fake (it only lets us observe scheduling); the
end-to-end path with the real agent is tested elsewhere. Every refused request
is checked twice: the status and reason, and that nothing reached the tables.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prometheus_client import CollectorRegistry

from bot.cli.serve_commands import serve
from bot.clock import Clock, FixedClock, SystemClock
from bot.config import Settings, load_settings
from bot.coordination.worker import DEFAULT_LEASE, DEFAULT_RETRY_SECONDS
from bot.errors import ConfigError, InputError
from bot.incidents.investigations import MAX_ATTEMPTS, Investigations
from bot.intake.alertmanager import Alert, parse_alertmanager
from bot.store import IngestResult, Storage, Timer
from bot.system import Service, load_catalog, open_service
from tests.intake_fixtures import (
    CATALOG,
    T0,
    TOKEN,
    UNREACHABLE_URL,
    FakeInvestigator,
    dumps,
    webhook,
    wire_alert,
)
from tests.support.alertmanager import make_alert, post_alerts, running_alertmanager

NOW = T0 + timedelta(minutes=5)
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MAX_BODY = 64 * 1024
ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]


def _settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp_path,
        "webhook_token": TOKEN,
        "max_body_bytes": MAX_BODY,
        "investigation_debounce_seconds": 0,
        **overrides,
    }
    return load_settings(environ={}, **values)


@dataclass
class Intake:
    client: TestClient[Any, Any]
    store: Storage
    investigator: FakeInvestigator
    registry: CollectorRegistry
    service: Service

    @property
    def investigations(self) -> Investigations:
        return self.service.investigations

    async def post(self, body: Any, headers: dict[str, str] | None = None) -> aiohttp.ClientResponse:
        data = body if isinstance(body, bytes) else dumps(body)
        return await self.client.post("/hooks/alertmanager", data=data, headers=AUTH if headers is None else headers)

    async def counts(self) -> dict[str, int]:
        return await self.store.database.counts()

    def metric(self, name: str, **labels: str) -> float:
        return self.registry.get_sample_value(name, labels) or 0.0


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Storage]:
    store = await Storage.open(f"sqlite+aiosqlite:///{tmp_path / 'opsdesk.db'}")
    yield store
    await store.close()


@pytest.fixture
def make_intake(aiohttp_client: ClientFactory, store: Storage, tmp_path: Path) -> Callable[..., Awaitable[Intake]]:
    async def make(
        *,
        investigator: FakeInvestigator | None = None,
        store_override: Storage | None = None,
        clock: Clock | None = None,
        **setting_overrides: Any,
    ) -> Intake:
        registry = CollectorRegistry()
        investigator = investigator or FakeInvestigator()
        service = await open_service(
            _settings(tmp_path, **setting_overrides),
            catalog=CATALOG,
            clock=clock or FixedClock(NOW),
            registry=registry,
            storage=store_override or store,
            investigator=investigator,
        )
        client = await aiohttp_client(service.app)
        return Intake(client, service.storage, investigator, registry, service)

    return make


@pytest.fixture
async def intake(make_intake: Callable[..., Awaitable[Intake]]) -> Intake:
    return await make_intake()


def _nothing_stored(counts: dict[str, int]) -> bool:
    return not any(counts.values())


# -- the happy path -----------------------------------------------------------------------


async def test_a_webhook_is_acknowledged_then_grouped_and_investigated(intake: Intake) -> None:
    body = webhook(wire_alert("a1", "web"), wire_alert("a2", "api", minutes=1))
    response = await intake.post(body)
    assert response.status == 200
    assert await response.json() == {"status": "accepted", "alerts": 2}
    assert intake.metric("opsdesk_alerts_accepted_total") == 2

    await intake.investigations.wait_idle()
    counts = await intake.counts()
    assert (counts["alerts"], counts["incidents"], counts["alert_inbox"]) == (2, 1, 0)
    assert intake.investigator.calls == [(("api", "web"), ("HighErrorRate",), NOW)]
    analysis = await intake.store.analyses.latest(1)
    assert analysis is not None
    assert analysis.services == ("api", "web")
    incident = await intake.store.incidents.get(1)
    assert incident is not None
    assert {a.first_received_at for a in incident.alerts} == {NOW}
    assert incident.alerts[0].summary == "HighErrorRate on web"
    assert intake.metric("opsdesk_alerts_ingested_total") == 2
    assert intake.metric("opsdesk_incidents_opened_total") == 1


async def test_a_webhook_acknowledged_by_a_process_that_died_before_grouping_is_grouped_by_the_next(
    make_intake: Callable[..., Awaitable[Intake]], store: Storage
) -> None:
    """The acknowledgement is the inbox row: whichever process starts next groups and investigates it."""
    parsed = parse_alertmanager(dumps(webhook(wire_alert("a1", "web"))), CATALOG, NOW)
    await store.inbox.put(parsed, received_at=NOW - timedelta(seconds=3))
    assert (await store.database.counts())["alerts"] == 0

    intake = await make_intake()
    await intake.investigations.wait_idle()
    [incident] = await intake.store.incidents.list()
    detail = await intake.store.incidents.get(incident.id)
    assert detail is not None
    assert [a.first_received_at for a in detail.alerts] == [NOW - timedelta(seconds=3)]
    assert intake.investigator.calls == [(("web",), ("HighErrorRate",), NOW)]
    assert await intake.store.inbox.depth() == 0


async def test_repeats_and_resolutions_are_counted_and_not_reinvestigated(intake: Intake) -> None:
    await intake.post(webhook(wire_alert("a1", "web")))
    await intake.investigations.wait_idle()
    await intake.post(webhook(wire_alert("a1", "web")))
    await intake.investigations.wait_idle()
    assert intake.metric("opsdesk_alert_duplicates_total") == 1
    resolved = await intake.post(webhook(wire_alert("a1", "web", status="resolved", ends_minutes=4)))
    assert resolved.status == 200
    await intake.investigations.wait_idle()
    [incident] = await intake.store.incidents.list()
    assert (incident.id, incident.status) == (1, "resolved")
    assert len(intake.investigator.calls) == 1
    # The resolving notification is a repeat too: new + duplicates == alerts received.
    assert intake.metric("opsdesk_alerts_ingested_total") == 1
    assert intake.metric("opsdesk_alert_duplicates_total") == 2
    assert intake.metric("opsdesk_alerts_resolved_total") == 1
    assert intake.metric("opsdesk_alerts_accepted_total") == 3


# -- refusals: nothing stored -------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "problem"),
    [
        ({}, "authorization: missing bearer token"),
        ({"Authorization": "Bearer "}, "authorization: missing bearer token"),
        ({"Authorization": f"Basic {TOKEN}"}, "authorization: missing bearer token"),
        ({"Authorization": "Bearer wrong"}, "authorization: wrong bearer token"),
        ({"Authorization": f"Bearer {TOKEN}x"}, "authorization: wrong bearer token"),
        ({"Authorization": "Bearer ünïcödé"}, "authorization: wrong bearer token"),
    ],
)
async def test_a_missing_or_wrong_token_is_refused(intake: Intake, headers: dict[str, str], problem: str) -> None:
    response = await intake.post(webhook(wire_alert("a1", "web")), headers=headers)
    assert response.status == 401
    assert await response.json() == {"error": problem}
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert _nothing_stored(await intake.counts())
    assert intake.metric("opsdesk_webhooks_rejected_total", hook="alertmanager", reason="unauthorized") == 1


async def test_the_hook_is_closed_while_no_token_is_configured(
    make_intake: Callable[..., Awaitable[Intake]],
) -> None:
    intake = await make_intake(webhook_token=None)
    response = await intake.post(webhook(wire_alert("a1", "web")))
    assert response.status == 503
    assert "OPSDESK_WEBHOOK_TOKEN" in (await response.json())["error"]
    assert _nothing_stored(await intake.counts())


def _future_alert() -> dict[str, Any]:
    alert = wire_alert("a1", "web")
    alert["startsAt"] = (NOW + timedelta(hours=1)).isoformat()
    return alert


def _naive_alert() -> dict[str, Any]:
    alert = wire_alert("a1", "web")
    alert["startsAt"] = "2026-03-01T12:00:00"
    return alert


def _without_label(label: str) -> dict[str, Any]:
    alert = wire_alert("a1", "web")
    del alert["labels"][label]
    return alert


def _starting(at: str) -> dict[str, Any]:
    return {**wire_alert("a1", "web"), "startsAt": at}


def _ending(at: str) -> dict[str, Any]:
    return {**wire_alert("a1", "web", status="resolved"), "endsAt": at}


def _labelled(**labels: str) -> dict[str, Any]:
    alert = wire_alert("a1", "web")
    return {**alert, "labels": {**alert["labels"], **labels}}


BAD_BODIES: list[tuple[str, bytes, str]] = [
    ("malformed JSON", b'{"version": "4", "alerts": [', "body: malformed JSON"),
    ("not UTF-8", b"\xff\xfe{}", "body: not UTF-8"),
    ("empty", b"", "body: malformed JSON"),
    ("a list", b"[]", "body: expected a JSON object"),
    ("too deep", b"[" * 20_000 + b"]" * 20_000, "body: malformed JSON: nested too deeply"),
    ("wrong version", dumps({**webhook(wire_alert("a1", "web")), "version": "3"}), "version: "),
    ("no alerts", dumps({**webhook(wire_alert("a1", "web")), "alerts": []}), "alerts: "),
    ("no alertname", dumps(webhook(_without_label("alertname"))), "alerts.0.labels.alertname: "),
    ("no service", dumps(webhook(_without_label("service"))), "alerts.0.labels.service: missing"),
    ("future start", dumps(webhook(_future_alert())), "alerts.0.startsAt: "),
    ("naive start", dumps(webhook(_naive_alert())), "alerts.0.startsAt: "),
    ("start at the epoch", dumps(webhook(_starting("1970-01-01T00:00:00Z"))), "alerts.0.startsAt: "),
    ("start in year 1", dumps(webhook(_starting("0001-01-01T00:00:00Z"))), "alerts.0.startsAt: "),
    ("start in year 1 east", dumps(webhook(_starting("0001-01-01T00:00:00+05:00"))), "alerts.0.startsAt: "),
    ("end in year 9999 west", dumps(webhook(_ending("9999-12-31T23:00:00-05:00"))), "alerts.0.endsAt: "),
    ("end far ahead", dumps(webhook(_ending("2999-01-01T00:00:00Z"))), "alerts.0.endsAt: "),
    ("long service", dumps(webhook(_labelled(service="w" * 20_000))), "alerts.0.labels.service: longer than 200"),
    ("long label", dumps(webhook(_labelled(pod="p" * 20_000))), "alerts.0.labels.pod: longer than 1000"),
    ("long severity", dumps(webhook(_labelled(severity="s" * 33))), "alerts.0.labels.severity: longer than 32"),
    ("huge integer", b'{"version": "4", "truncatedAlerts": ' + b"9" * 5000 + b"}", "body: an integer longer"),
    ("NaN", b'{"version": "4", "truncatedAlerts": NaN}', "body: NaN is not a JSON number"),
    ("lone surrogate", dumps(webhook(_labelled(pod="\ud800"))), "body: a string holds a lone UTF-16 surrogate"),
    ("NUL in a label", dumps(webhook(_labelled(pod="a\x00b"))), "body: a string holds a NUL character"),
    (
        "NUL in a key",
        dumps(webhook({**wire_alert("a1", "web"), "annotations": {"\x00": "x"}})),
        "body: a string holds a NUL",
    ),
    (
        "every alert bad",
        dumps(webhook(_without_label("service"), _without_label("alertname"))),
        "alerts.0.labels.service: missing label (and 1 more refused alerts)",
    ),
]


@pytest.mark.parametrize(("body", "problem"), [b[1:] for b in BAD_BODIES], ids=[b[0] for b in BAD_BODIES])
async def test_an_invalid_body_is_refused_with_the_field_and_nothing_is_stored(
    intake: Intake, body: bytes, problem: str
) -> None:
    response = await intake.post(body)
    assert response.status == 400, await response.text()
    error = (await response.json())["error"]
    assert error.startswith(problem), error
    assert _nothing_stored(await intake.counts())
    assert intake.metric("opsdesk_webhooks_rejected_total", hook="alertmanager", reason="invalid") == 1


async def test_an_unknown_service_is_unprocessable_and_nothing_is_stored(intake: Intake) -> None:
    response = await intake.post(webhook(wire_alert("x", "nope")))
    assert response.status == 422
    assert await response.json() == {"error": "alerts.0.labels.service: unknown service 'nope' (not in the catalog)"}
    assert _nothing_stored(await intake.counts())
    assert intake.metric("opsdesk_alerts_refused_total", reason="unknown_service") == 1


async def test_one_invalid_alert_does_not_cost_the_valid_ones_of_its_batch(
    intake: Intake, caplog: pytest.LogCaptureFixture
) -> None:
    body = webhook(
        wire_alert("ok", "web"), _without_label("service"), wire_alert("x", "nope"), wire_alert("ok2", "api")
    )
    response = await intake.post(body)
    assert response.status == 200, await response.text()
    reply = await response.json()
    assert (reply["status"], reply["alerts"]) == ("partial", 2)
    assert reply["refused"] == [
        {
            "alert": 1,
            "error": "alerts.1.labels.service: missing label",
            "labels": {"alertname": "HighErrorRate", "severity": "critical"},
        },
        {
            "alert": 2,
            "error": "alerts.2.labels.service: unknown service 'nope' (not in the catalog)",
            "labels": {"alertname": "HighErrorRate", "service": "nope", "severity": "critical"},
        },
    ]
    await intake.investigations.wait_idle()
    counts = await intake.counts()
    assert (counts["alerts"], counts["incidents"]) == (2, 1)
    assert intake.metric("opsdesk_alerts_refused_total", reason="invalid") == 1
    assert intake.metric("opsdesk_alerts_refused_total", reason="unknown_service") == 1
    assert intake.metric("opsdesk_webhooks_rejected_total", hook="alertmanager", reason="invalid") == 0
    logged = [r for r in caplog.records if r.getMessage() == "alert refused"]
    assert [getattr(r, "error", None) for r in logged] == [e["error"] for e in reply["refused"]]


async def test_refused_alerts_are_reported_once_the_rest_is_stored_not_on_every_retry(
    make_intake: Callable[..., Awaitable[Intake]],
) -> None:
    down = await Storage.open(UNREACHABLE_URL, migrate_schema=False)
    try:
        intake = await make_intake(store_override=down)
        response = await intake.post(webhook(wire_alert("ok", "web"), _without_label("service")))
        assert response.status == 503
        assert intake.metric("opsdesk_alerts_refused_total", reason="invalid") == 0
    finally:
        await down.close()


async def test_a_resolved_alert_that_never_fired_opens_no_incident(intake: Intake) -> None:
    response = await intake.post(webhook(wire_alert("gone", "web", status="resolved", ends_minutes=2)))
    assert response.status == 200
    await intake.investigations.wait_idle()
    assert _nothing_stored(await intake.counts())
    assert intake.metric("opsdesk_alerts_ingested_total") == 0
    assert intake.investigator.calls == []


async def test_a_body_over_the_limit_is_refused_by_its_length(intake: Intake) -> None:
    body = webhook(*(wire_alert(f"a{i}", "web") for i in range(400)))
    data = dumps(body)
    assert len(data) > MAX_BODY
    response = await intake.post(data)
    assert response.status == 413
    assert (await response.json())["error"] == f"body: larger than the limit of {MAX_BODY} bytes"
    assert _nothing_stored(await intake.counts())


async def test_a_chunked_body_over_the_limit_is_refused_while_reading(intake: Intake) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"version": "4", "alerts": ['
        for _ in range(100):
            yield b" " * 1024

    response = await intake.client.post("/hooks/alertmanager", data=chunks(), headers=AUTH)
    assert response.status == 413
    assert _nothing_stored(await intake.counts())


async def test_a_store_that_is_down_answers_503_so_alertmanager_retries(
    make_intake: Callable[..., Awaitable[Intake]],
) -> None:
    down = await Storage.open(UNREACHABLE_URL, migrate_schema=False)
    try:
        intake = await make_intake(store_override=down)
        response = await intake.post(webhook(wire_alert("a1", "web")))
        assert response.status == 503
        assert (await response.json())["error"].startswith("store: ")
        ready = await intake.client.get("/readyz")
        assert ready.status == 503
        assert (await ready.json())["status"] == "unavailable"
        assert (await ready.json())["failing"] == ["database"]
        assert (await intake.client.get("/healthz")).status == 200
        assert intake.service.worker.running == ()
    finally:
        await down.close()


# -- concurrency and scheduling -----------------------------------------------------------


async def test_many_webhooks_at_once_for_one_outage_make_one_incident_and_lose_nothing(
    intake: Intake,
) -> None:
    services = ["web", "api", "db"]
    bodies = [
        webhook(
            *(wire_alert(f"w{n}-{i}", services[(n + i) % 3], minutes=n % 4) for i in range(5)),
            wire_alert("shared", "db"),
        )
        for n in range(60)
    ]
    responses = await asyncio.gather(*(intake.post(body) for body in bodies))
    assert [r.status for r in responses] == [200] * 60
    await intake.investigations.wait_idle()
    assert intake.metric("opsdesk_incidents_opened_total") == 1
    assert intake.metric("opsdesk_alert_duplicates_total") == 59
    counts = await intake.counts()
    assert (counts["incidents"], counts["alerts"]) == (1, 60 * 5 + 1)
    [incident] = await intake.store.incidents.list()
    assert incident.services == ("api", "db", "web")


async def test_a_burst_for_one_incident_runs_one_investigation(
    make_intake: Callable[..., Awaitable[Intake]],
) -> None:
    clock = FixedClock(NOW)
    intake = await make_intake(clock=clock, investigation_debounce_seconds=30)
    first = await intake.post(webhook(wire_alert("a0", "web")))
    assert first.status == 200
    burst = [intake.post(webhook(wire_alert(f"a{n}", "api", minutes=1))) for n in range(1, 10)]
    assert {r.status for r in await asyncio.gather(*burst)} == {200}
    await intake.service.drainer.wait_drained()  # acknowledged is not yet grouped: the inbox drains after
    [pending] = await intake.store.timers.list(kind="investigate")
    assert (pending.key, pending.due_at) == ("1", NOW + timedelta(seconds=30))
    assert intake.investigator.calls == []
    clock.advance(timedelta(seconds=30))
    await intake.investigations.wait_idle()
    assert len(intake.investigator.calls) == 1
    services, _, _ = intake.investigator.calls[0]
    assert services == ("api", "web")


async def test_alerts_during_an_investigation_cause_exactly_one_more(
    make_intake: Callable[..., Awaitable[Intake]],
) -> None:
    hold = asyncio.Event()
    investigator = FakeInvestigator(gate=hold)
    intake = await make_intake(investigator=investigator)
    await intake.post(webhook(wire_alert("a0", "web")))
    await investigator.started.wait()
    for n in range(1, 6):
        assert (await intake.post(webhook(wire_alert(f"a{n}", "db", minutes=1)))).status == 200
    await intake.service.drainer.wait_drained()  # grouped while the first investigation runs
    hold.set()
    await intake.investigations.wait_idle()
    assert [call[0] for call in investigator.calls] == [("web",), ("db", "web")]
    assert intake.metric("opsdesk_investigations_total", outcome="ok") == 2
    assert intake.metric("opsdesk_investigation_duration_seconds_count") == 2


async def test_separate_incidents_are_investigated_separately(intake: Intake) -> None:
    await intake.post(webhook(wire_alert("w", "web"), wire_alert("s", "search")))
    await intake.investigations.wait_idle()
    assert sorted(call[0] for call in intake.investigator.calls) == [("search",), ("web",)]


async def test_a_failing_investigation_is_retried_then_stored_as_failed_and_intake_goes_on(
    make_intake: Callable[..., Awaitable[Intake]], caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FixedClock(NOW)
    intake = await make_intake(investigator=FakeInvestigator(fail=True), clock=clock)
    retried: asyncio.Queue[Timer] = asyncio.Queue()
    retry = intake.store.timers.retry

    async def noted_retry(timer: Timer, at: datetime) -> bool:
        done = await retry(timer, at)
        retried.put_nowait(timer)
        return done

    monkeypatch.setattr(intake.store.timers, "retry", noted_retry)
    await intake.post(webhook(wire_alert("a1", "web")))
    for attempt in range(1, MAX_ATTEMPTS):
        assert (await retried.get()).attempts == attempt
        clock.advance(timedelta(seconds=DEFAULT_RETRY_SECONDS))
        intake.service.worker.wake()
    await intake.investigations.wait_idle()
    assert "investigation failed" in caplog.text
    assert intake.metric("opsdesk_investigations_total", outcome="error") == MAX_ATTEMPTS
    stored = await intake.store.analyses.latest(1)
    assert stored is not None
    assert stored.hypotheses == ()
    assert stored.missing_sources == ("investigation: failed (RuntimeError)",)
    assert (await intake.post(webhook(wire_alert("a2", "web")))).status == 200


async def test_an_investigation_cut_off_by_shutdown_runs_again_in_the_next_process(
    make_intake: Callable[..., Awaitable[Intake]],
) -> None:
    clock = FixedClock(NOW)
    investigator = FakeInvestigator(gate=asyncio.Event())
    first = await make_intake(investigator=investigator, clock=clock)
    await first.post(webhook(wire_alert("a0", "web")))
    await investigator.started.wait()
    await first.service.worker.close(grace_seconds=0)
    assert first.service.worker.running == ()
    [left] = await first.store.timers.list(kind="investigate", state="running")
    clock.advance(DEFAULT_LEASE + timedelta(seconds=1))
    second = await make_intake(clock=clock)
    await second.investigations.wait_idle()
    assert [call[0] for call in second.investigator.calls] == [("web",)]
    [done] = await second.store.timers.list(kind="investigate")
    assert (done.id, done.fence) == (left.id, left.fence + 1)


# -- a real sender ----------------------------------------------------------------------


def _record_groupings(intake: Intake, monkeypatch: pytest.MonkeyPatch) -> asyncio.Queue[IngestResult]:
    """Each outcome of grouping what the hook acknowledged, as the drains pass them on.

    Recorded where each result is passed on, not around ``drain_once``: a drain already in flight
    when the test starts (the drainer polls from start-up) may be the one that takes the rows."""
    ingested: asyncio.Queue[IngestResult] = asyncio.Queue()
    original = intake.service.drainer._passed_on

    async def recording(result: IngestResult) -> None:
        await original(result)
        ingested.put_nowait(result)

    monkeypatch.setattr(intake.service.drainer, "_passed_on", recording)
    return ingested


@pytest.mark.slow
async def test_a_real_alertmanager_is_accepted_grouped_and_resolved(
    make_intake: Callable[..., Awaitable[Intake]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    intake = await make_intake(clock=SystemClock())
    ingested = _record_groupings(intake, monkeypatch)
    hook_url = str(intake.client.make_url("/hooks/alertmanager"))
    started = datetime.now(UTC) - timedelta(minutes=1)
    sent = [
        make_alert("HighErrorRate", "web", starts_at=started),
        make_alert("HighLatency", "api", starts_at=started),
    ]
    with running_alertmanager(tmp_path / "alertmanager", hook_url, TOKEN) as alertmanager:
        await post_alerts(alertmanager.url, sent)
        # group_by service: one notification per service, grouped in one drain or two.
        new = 0
        while new < 2:
            new += (await asyncio.wait_for(ingested.get(), 30)).new
        [incident] = await intake.store.incidents.list()
        assert incident.services == ("api", "web")
        ended = datetime.now(UTC) - timedelta(seconds=1)
        await post_alerts(alertmanager.url, [{**a, "endsAt": ended.isoformat()} for a in sent])
        while (await intake.store.incidents.get(incident.id)).status != "resolved":  # type: ignore[union-attr]
            await asyncio.wait_for(ingested.get(), 30)
    detail = await intake.store.incidents.get(incident.id)
    assert detail is not None
    assert {a.status for a in detail.alerts} == {"resolved"}
    assert all(len(a.fingerprint) == 16 for a in detail.alerts)  # Alertmanager's own fingerprints
    assert (await intake.counts())["alerts"] == 2


@pytest.mark.slow
async def test_a_real_alertmanager_batch_with_invalid_alerts_still_delivers_the_valid_one(
    make_intake: Callable[..., Awaitable[Intake]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    intake = await make_intake(clock=SystemClock())
    ingested = _record_groupings(intake, monkeypatch)
    hook_url = str(intake.client.make_url("/hooks/alertmanager"))
    started = datetime.now(UTC) - timedelta(minutes=1)
    without_service = make_alert("HighErrorRate", "web", starts_at=started, pod="p1")
    del without_service["labels"]["service"]
    sent = [
        make_alert("HighErrorRate", "web", starts_at=started),
        make_alert("HighErrorRate", "nope", starts_at=started),
        without_service,
    ]
    reported = asyncio.Event()
    intake.service.hooks.notice_refused = lambda refused: reported.set()
    with running_alertmanager(tmp_path / "alertmanager", hook_url, TOKEN, group_by=("alertname",)) as alertmanager:
        await post_alerts(alertmanager.url, sent)
        result = await asyncio.wait_for(ingested.get(), 30)  # the valid one, whatever notification carried it
        await asyncio.wait_for(reported.wait(), 30)  # the notification holding the invalid ones was answered
    assert (result.new, len(result.created)) == (1, 1)
    [incident] = await intake.store.incidents.list()
    assert incident.services == ("web",)
    assert intake.metric("opsdesk_alerts_refused_total", reason="invalid") == 1
    assert intake.metric("opsdesk_alerts_refused_total", reason="unknown_service") == 1
    assert intake.metric("opsdesk_webhooks_rejected_total", hook="alertmanager", reason="invalid") == 0


# -- probes -------------------------------------------------------------------------------


async def test_probes_and_metrics(intake: Intake) -> None:
    assert await (await intake.client.get("/healthz")).json() == {"status": "ok"}
    assert (await (await intake.client.get("/readyz")).json())["status"] == "ready"
    await intake.post(webhook(wire_alert("a1", "web")))
    await intake.post(webhook(wire_alert("a1", "web")), headers={})
    await intake.investigations.wait_idle()
    response = await intake.client.get("/metrics")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    text = await response.text()
    for line in (
        'opsdesk_webhooks_received_total{hook="alertmanager"} 2.0',
        'opsdesk_webhooks_rejected_total{hook="alertmanager",reason="unauthorized"} 1.0',
        "opsdesk_alerts_accepted_total 1.0",
        "opsdesk_alerts_ingested_total 1.0",
        "opsdesk_incidents_opened_total 1.0",
        "opsdesk_alert_inbox 0.0",
        'opsdesk_investigations_total{outcome="ok"} 1.0',
        "opsdesk_investigation_duration_seconds_count 1.0",
    ):
        assert line in text


# -- the parser, property-tested ----------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
_timestamps = st.one_of(
    st.datetimes(timezones=st.just(UTC)).map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat()),
    st.integers(),
    st.text(max_size=25),
)
_labels = st.dictionaries(
    st.sampled_from(["alertname", "service", "severity", "team"]) | st.text(max_size=8),
    st.sampled_from(["web", "api", "nope", "", " "]) | st.text(max_size=8) | _json,
    max_size=5,
)
_wire_alerts = st.fixed_dictionaries(
    {},
    optional={
        "status": st.sampled_from(["firing", "resolved", "other"]) | _json,
        "labels": _labels | _json,
        "annotations": st.dictionaries(st.text(max_size=8), st.text(max_size=8)) | _json,
        "startsAt": _timestamps,
        "endsAt": _timestamps | st.just("0001-01-01T00:00:00Z"),
        "fingerprint": st.text(max_size=140) | _json,
        "generatorURL": st.text(max_size=8) | _json,
    },
)
_bodies = st.fixed_dictionaries(
    {},
    optional={
        "version": st.sampled_from(["4", "3", 4]) | _json,
        "status": st.sampled_from(["firing", "resolved"]) | _json,
        "alerts": st.lists(_wire_alerts, max_size=4) | _json,
        "groupLabels": _json,
        "truncatedAlerts": _json,
    },
)


def _parse_or_input_error(payload: Any) -> list[Alert] | None:
    try:
        return parse_alertmanager(payload, CATALOG, NOW)
    except InputError:
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_json, _bodies))
def test_the_parser_accepts_or_raises_input_error_for_any_json(data: Any) -> None:
    for payload in (data, json.dumps(data)):
        alerts = _parse_or_input_error(payload)
        if alerts is not None:
            assert all(a.service in CATALOG and a.starts_at <= NOW + timedelta(minutes=5) for a in alerts)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_the_parser_accepts_or_raises_input_error_for_any_bytes(payload: bytes | str) -> None:
    _parse_or_input_error(payload)


@given(st.lists(st.sampled_from(["web", "api", "db"]), min_size=1, max_size=5))
def test_valid_bodies_always_parse(services: list[str]) -> None:
    body = webhook(*(wire_alert(f"f{i}", s) for i, s in enumerate(services)))
    alerts = parse_alertmanager(json.dumps(body), CATALOG, datetime(2026, 3, 1, 12, 5, tzinfo=UTC))
    assert [a.service for a in alerts] == services


# -- the serve command --------------------------------------------------------------------


def test_serve_needs_a_catalog(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="OPSDESK_CATALOG: required by serve"):
        load_catalog(_settings(tmp_path))


async def test_serve_investigates_with_the_real_agent(tmp_path: Path) -> None:
    catalog_file = tmp_path / "catalog.yaml"
    catalog_file.write_text("services:\n  web: {depends_on: [db]}\n  db: {}\n", encoding="utf-8")
    settings = _settings(tmp_path, catalog_file=catalog_file, investigation_debounce_seconds=0)
    port = _free_port()
    stop = asyncio.Event()
    ready: asyncio.Future[Service] = asyncio.get_running_loop().create_future()
    server = asyncio.create_task(
        serve(
            settings,
            load_catalog(settings),
            "127.0.0.1",
            port,
            stop=stop,
            ready=ready.set_result,
            registry=CollectorRegistry(),
        )
    )
    base = f"http://127.0.0.1:{port}"
    alert = wire_alert("a1", "web")
    alert["startsAt"] = (datetime.now(UTC) - timedelta(minutes=2)).isoformat()
    await asyncio.wait({ready, server}, return_when=asyncio.FIRST_COMPLETED)
    if server.done():
        server.result()  # it failed to start: raise its error
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{base}/hooks/alertmanager", json=webhook(alert), headers=AUTH) as reply,
    ):
        assert reply.status == 200
    await ready.result().investigations.wait_idle()
    stop.set()
    await asyncio.wait_for(server, 30)

    store = await Storage.open(settings.effective_database_url)
    try:
        analysis = await store.analyses.latest(1)
    finally:
        await store.close()
    assert analysis is not None
    assert analysis.services == ("web",)
    assert any(m.startswith("metrics:") for m in analysis.missing_sources)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
