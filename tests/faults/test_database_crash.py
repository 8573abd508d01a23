"""PostgreSQL itself crashed and started again under a running process, on a private cluster.

``pg_ctl stop -m immediate`` kills the server and every backend without a checkpoint; the next
start replays the WAL. An alert acknowledged before the crash (its inbox row committed) is grouped
and investigated after it; while the server is down the hook answers 503, so Alertmanager retries;
an investigation cut mid-way by the crash stores its analysis once the server is back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client import CollectorRegistry

from bot.clock import FixedClock
from bot.config import load_settings
from bot.intake.alertmanager import parse_alertmanager
from bot.store import Storage
from bot.system import Service, open_service
from tests.intake_fixtures import CATALOG, T0, TOKEN, FakeInvestigator, dumps, webhook, wire_alert
from tests.support._process import MissingBinaryError
from tests.support.private_postgres import PrivatePostgres, private_postgres

pytestmark = [pytest.mark.slow]

NOW = T0 + timedelta(minutes=5)
AUTH = {"Authorization": f"Bearer {TOKEN}"}
#: Deliveries of one webhook before giving up (Alertmanager retries without limit).
DELIVERIES = 5


@pytest.fixture
def cluster() -> Iterator[PrivatePostgres]:
    try:
        with private_postgres() as started:
            yield started
    except MissingBinaryError as missing:
        pytest.skip(str(missing))


async def _service(storage: Storage, investigator: FakeInvestigator) -> Service:
    settings = load_settings(environ={}, webhook_token=TOKEN, investigation_debounce_seconds=0)
    return await open_service(
        settings,
        catalog=CATALOG,
        clock=FixedClock(NOW),
        registry=CollectorRegistry(),
        storage=storage,
        investigator=investigator,
    )


async def _deliver(client: TestClient[Any, Any], alert: dict[str, object]) -> list[int]:
    statuses: list[int] = []
    while len(statuses) < DELIVERIES and 200 not in statuses:
        reply = await client.post("/hooks/alertmanager", data=dumps(webhook(alert)), headers=AUTH)
        statuses.append(reply.status)
    return statuses


async def test_an_alert_acknowledged_before_the_crash_is_grouped_and_investigated_after_it(
    cluster: PrivatePostgres,
) -> None:
    storage = await Storage.open(cluster.url)
    try:
        # What the hook commits before its 200; the process that took it died before grouping.
        acknowledged = parse_alertmanager(dumps(webhook(wire_alert("a1", "web"))), CATALOG, NOW)
        await storage.inbox.put(acknowledged, received_at=NOW)
        await asyncio.to_thread(cluster.crash)
        await asyncio.to_thread(cluster.start)

        investigator = FakeInvestigator()
        service = await _service(storage, investigator)
        async with TestClient(TestServer(service.app, host="127.0.0.1")):
            await service.investigations.wait_idle()
            [incident] = await storage.incidents.list()
            analysis = await storage.analyses.latest(incident.id)
            depth = await storage.inbox.depth()
    finally:
        await storage.close()
    assert (incident.services, depth) == (("web",), 0)
    assert analysis is not None
    assert investigator.calls == [(("web",), ("HighErrorRate",), NOW)]


async def test_a_crash_mid_investigation_answers_503_while_down_and_loses_nothing(cluster: PrivatePostgres) -> None:
    storage = await Storage.open(cluster.url)
    held = asyncio.Event()
    investigator = FakeInvestigator(gate=held)
    service = await _service(storage, investigator)
    try:
        async with TestClient(TestServer(service.app, host="127.0.0.1")) as client:
            assert await _deliver(client, wire_alert("a1", "web")) == [200]
            await investigator.started.wait()  # the crash comes mid-investigation
            await asyncio.to_thread(cluster.crash)
            down = await client.post(
                "/hooks/alertmanager", data=dumps(webhook(wire_alert("s1", "search"))), headers=AUTH
            )
            assert down.status == 503
            assert (await down.json())["error"].startswith("store: ")

            await asyncio.to_thread(cluster.start)
            held.set()
            statuses = await _deliver(client, wire_alert("s1", "search"))
            assert statuses[-1] == 200
            assert set(statuses) <= {200, 503}
            await service.investigations.wait_idle()
            incidents = await storage.incidents.list()
            analyses = [await storage.analyses.latest(i.id) for i in incidents]
            depth = await storage.inbox.depth()
    finally:
        await storage.close()
    assert (len(incidents), depth) == (2, 0)
    assert all(a is not None for a in analyses)
    assert sorted(call[0] for call in investigator.calls) == [("search",), ("web",)]
