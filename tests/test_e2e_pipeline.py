"""The whole incident path, every part real except Slack:

real Alertmanager -> POST /hooks/alertmanager -> store -> investigation over real
Prometheus (backfilled scenario signals), the Elasticsearch client against the ES test
server (scenario logs) and deploy events received on POST /hooks/deploy -> hypotheses stored.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.clock import FixedClock
from bot.config import load_settings
from bot.incidents.scenario import Scenario, load_scenario
from bot.store import Storage
from bot.system import Service, open_service
from tests.intake_fixtures import SECRET, TOKEN, sign
from tests.support.alertmanager import post_alerts, running_alertmanager
from tests.support.fake_elasticsearch import FakeElasticsearch
from tests.support.prometheus import backfilled_catalog, load_signals, prometheus_with_signals

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent / "scenarios"
REPO = Path(__file__).resolve().parent.parent


@dataclass
class Pipeline:
    scenario: Scenario
    client: TestClient
    service: Service
    delivered: asyncio.Event

    @property
    def store(self) -> Storage:
        return self.service.storage


@pytest.fixture(params=["checkout-bad-deploy", "orders-db-node-drain", "stripe-api-outage"])
async def pipeline(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Pipeline]:
    scenario = load_scenario(ROOT / request.param)
    elasticsearch = FakeElasticsearch.from_jsonl(ROOT / request.param / "logs.jsonl")
    await elasticsearch.start()
    with prometheus_with_signals(load_signals(ROOT / request.param / "signals.json"), tmp_path) as prometheus:
        settings = load_settings(
            environ={},
            data_dir=tmp_path / "data",
            webhook_token=TOKEN,
            deploy_secret=SECRET,
            investigation_debounce_seconds=0,
            prometheus_url=prometheus.url,
            elasticsearch_url=elasticsearch.url,
            runbooks_dir=REPO / "runbooks",
        )
        service = await open_service(
            settings, catalog=backfilled_catalog(scenario.catalog), clock=FixedClock(scenario.spec.now)
        )
        delivered = asyncio.Event()

        async def note_delivery(request: web.Request, response: web.StreamResponse) -> None:
            if request.path == "/hooks/alertmanager" and response.status == 200:
                delivered.set()

        service.app.on_response_prepare.append(note_delivery)
        async with TestClient(TestServer(service.app, host="127.0.0.1")) as client:
            yield Pipeline(scenario, client, service, delivered)
    await elasticsearch.close()


async def test_alerts_from_alertmanager_become_one_incident_with_the_right_hypothesis(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    scenario = pipeline.scenario
    deploys = (scenario.root / "deploys.json").read_bytes()
    reply = await pipeline.client.post(
        "/hooks/deploy",
        data=deploys,
        headers={**sign(deploys, at=scenario.spec.now), "Content-Type": "application/json"},
    )
    assert reply.status == 200, await reply.text()

    body = json.loads((scenario.root / "alerts.json").read_text())
    sent = [
        {"labels": a["labels"], "annotations": a.get("annotations", {}), "startsAt": a["startsAt"]}
        for a in body["alerts"]
        if a["status"] == "firing"
    ]
    services = {a["labels"]["service"] for a in sent}
    hook_url = str(pipeline.client.make_url("/hooks/alertmanager"))
    with running_alertmanager(
        tmp_path / "alertmanager", hook_url, TOKEN, group_by=["opsdesk_test_group"]
    ) as alertmanager:
        await post_alerts(alertmanager.url, sent)
        # One notification normally carries every alert, but on a busy machine Alertmanager's
        # group_wait can close before the last alert is dispatched: the rest come one
        # group_interval later and join the incident, whose analysis is then made again.
        await asyncio.wait_for(_every_service_delivered(pipeline, services), timeout=60)

    incidents = await pipeline.store.incidents.list()
    assert len(incidents) == 1, "related alerts from one notification form one incident"
    analysis = await pipeline.store.analyses.latest(incidents[0].id)
    assert analysis is not None
    assert analysis.missing_sources == ()
    assert set(analysis.services) == services
    expected = scenario.spec.expected
    assert expected is not None
    top = analysis.hypotheses[0]
    assert (top.cause, top.culprit) == (expected.cause, expected.culprit)
    assert top.next_steps, "runbook next steps are attached"
    assert any(e.kind == "log" for h in analysis.hypotheses for e in h.evidence), "logs came from Elasticsearch"


async def test_a_second_notification_after_resolution_does_not_lose_the_history(pipeline: Pipeline) -> None:
    scenario = pipeline.scenario
    first = next(
        a for a in json.loads((scenario.root / "alerts.json").read_text())["alerts"] if a["status"] == "firing"
    )
    body = {"version": "4", "status": "firing", "receiver": "opsdesk", "groupKey": "{}", "alerts": [first]}
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert (await pipeline.client.post("/hooks/alertmanager", json=body, headers=headers)).status == 200
    await asyncio.wait_for(pipeline.service.investigations.wait_idle(), timeout=30)
    resolved = {**first, "status": "resolved", "endsAt": (scenario.spec.now - timedelta(seconds=1)).isoformat()}
    body = {**body, "status": "resolved", "alerts": [resolved]}
    assert (await pipeline.client.post("/hooks/alertmanager", json=body, headers=headers)).status == 200
    await asyncio.wait_for(pipeline.service.investigations.wait_idle(), timeout=30)
    incidents = await pipeline.store.incidents.list()
    assert [i.status for i in incidents] == ["resolved"]
    assert await pipeline.store.analyses.latest(incidents[0].id) is not None


async def _every_service_delivered(pipeline: Pipeline, services: set[str]) -> None:
    """Each delivery, once investigated, until the stored incidents hold an alert of every service."""
    while True:
        await pipeline.delivered.wait()
        pipeline.delivered.clear()
        await pipeline.service.investigations.wait_idle()
        covered = {service for incident in await pipeline.store.incidents.list() for service in incident.services}
        if services <= covered:
            return
