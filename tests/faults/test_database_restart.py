"""PostgreSQL restarted under a running process: every connection it held is cut.

The server is shared, so the test does to this test's database what a restart does to its
clients: it terminates every backend connected to it. Intake then answers 503 at most once per
cut connection (Alertmanager retries), later webhooks are stored again, and the timer worker goes
on claiming and investigating (the one cut mid-way stores its analysis on a new connection):
nothing acknowledged is lost.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import asyncpg  # type: ignore[import-untyped]
import pytest
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client import CollectorRegistry
from sqlalchemy.engine import make_url

from bot.clock import FixedClock
from bot.config import load_settings
from bot.store import Storage
from bot.system import open_service
from tests.intake_fixtures import CATALOG, T0, TOKEN, FakeInvestigator, postgres_database, webhook, wire_alert

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

#: Deliveries of one webhook before giving up (Alertmanager retries without limit).
DELIVERIES = 5


async def _cut_every_connection(url: str) -> int:
    database = make_url(url).database
    admin = await asyncpg.connect(
        make_url(url).set(drivername="postgresql", database="postgres").render_as_string(False)
    )
    try:
        rows = await admin.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            database,
        )
    finally:
        await admin.close()
    return len(rows)


async def test_a_restarted_database_loses_nothing_acknowledged() -> None:
    async with postgres_database() as url:
        storage = await Storage.open(url)
        settings = load_settings(environ={}, webhook_token=TOKEN, investigation_debounce_seconds=0)
        held = asyncio.Event()
        investigator = FakeInvestigator(gate=held)
        service = await open_service(
            settings,
            catalog=CATALOG,
            clock=FixedClock(T0 + timedelta(minutes=5)),
            registry=CollectorRegistry(),
            storage=storage,
            investigator=investigator,
        )
        try:
            async with TestClient(TestServer(service.app, host="127.0.0.1")) as client:

                async def deliver(alert: dict[str, object]) -> list[int]:
                    statuses: list[int] = []
                    while len(statuses) < DELIVERIES and 200 not in statuses:
                        reply = await client.post(
                            "/hooks/alertmanager", json=webhook(alert), headers={"Authorization": f"Bearer {TOKEN}"}
                        )
                        statuses.append(reply.status)
                    return statuses

                assert await deliver(wire_alert("a1", "web")) == [200]
                await investigator.started.wait()  # the restart comes mid-investigation
                assert await _cut_every_connection(url) > 0
                held.set()
                statuses = await deliver(wire_alert("s1", "search"))
                assert statuses[-1] == 200
                assert set(statuses) <= {200, 503}
                await service.investigations.wait_idle()
                incidents = await storage.incidents.list()
                analyses = [await storage.analyses.latest(i.id) for i in incidents]
        finally:
            await storage.close()
    assert len(incidents) == 2
    assert all(a is not None for a in analyses)
    assert sorted(call[0] for call in investigator.calls) == [("search",), ("web",)]
