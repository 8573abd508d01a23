"""Smoke test of the Alertmanager harness: a posted alert reaches our webhook, then resolves."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web

from tests.support.alertmanager import make_alert, post_alerts
from tests.support.fixtures import StartAlertmanager

TOKEN = "test-webhook-token"


@dataclass
class Receiver:
    """Records webhook deliveries; one event per notification status."""

    url: str = ""
    deliveries: list[tuple[str | None, dict[str, Any]]] = field(default_factory=list)
    firing: asyncio.Event = field(default_factory=asyncio.Event)
    resolved: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.deliveries.append((request.headers.get("Authorization"), body))
        {"firing": self.firing, "resolved": self.resolved}[body["status"]].set()
        return web.Response(status=200)


@pytest_asyncio.fixture
async def receiver() -> AsyncIterator[Receiver]:
    recorder = Receiver()
    app = web.Application()
    app.router.add_post("/hooks/alertmanager", recorder.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    recorder.url = f"http://{host}:{port}/hooks/alertmanager"
    try:
        yield recorder
    finally:
        await runner.cleanup()


@pytest.mark.slow
async def test_alertmanager_delivers_firing_and_resolved_with_the_bearer_token(
    alertmanager_factory: StartAlertmanager, receiver: Receiver
) -> None:
    alertmanager = await alertmanager_factory(receiver.url, TOKEN)
    started = datetime.now(UTC)
    alert = make_alert("HighErrorRate", "checkout", starts_at=started, annotations={"summary": "5xx above 5%"})

    await post_alerts(alertmanager.url, [alert])
    await asyncio.wait_for(receiver.firing.wait(), timeout=15)

    authorization, body = receiver.deliveries[0]
    assert authorization == f"Bearer {TOKEN}"
    assert body["version"] == "4"
    assert body["status"] == "firing"
    assert body["receiver"] == "opsdesk"
    assert body["groupLabels"] == {"service": "checkout"}
    (delivered,) = body["alerts"]
    assert delivered["labels"] == {"alertname": "HighErrorRate", "service": "checkout", "severity": "critical"}
    assert delivered["annotations"] == {"summary": "5xx above 5%"}

    resolved = make_alert("HighErrorRate", "checkout", starts_at=started, ends_at=datetime.now(UTC))
    await post_alerts(alertmanager.url, [resolved])
    await asyncio.wait_for(receiver.resolved.wait(), timeout=15)

    authorization, body = receiver.deliveries[-1]
    assert authorization == f"Bearer {TOKEN}"
    assert body["alerts"][0]["status"] == "resolved"
