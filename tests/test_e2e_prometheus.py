"""End to end with a real Prometheus: scenario signals are backfilled with promtool and the
agent queries them with the catalog's PromQL; it must reach the same answer as replay."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.incidents.agent import IncidentAgent, Question
from bot.incidents.scenario import load_scenario, primary_incident, replay
from bot.system import scenario_agent
from connectors.changes.replay import ReplayChanges
from connectors.logs.replay import ReplayLogs
from connectors.metrics.prometheus import PrometheusMetrics
from tests.support.prometheus import RunningServer, backfilled_catalog, load_signals, prometheus_with_signals

ROOT = Path(__file__).resolve().parent / "scenarios"
CASES = [
    "checkout-bad-deploy",
    "redis-cache-outage",
    "inventory-connection-leak",
    "catalog-api-scraper-surge",
    "stripe-api-outage",
    "tracking-db-storage-migration",
]

pytestmark = pytest.mark.slow


@pytest.fixture(params=CASES)
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, RunningServer]]:
    with prometheus_with_signals(load_signals(ROOT / request.param / "signals.json"), tmp_path) as server:
        yield request.param, server


async def test_real_prometheus_gives_the_same_answer_as_replay(served: tuple[str, RunningServer]) -> None:
    name, server = served
    scenario = load_scenario(ROOT / name)
    catalog = backfilled_catalog(scenario.catalog)
    alerts = primary_incident(scenario, window=timedelta(minutes=30))
    services = list(dict.fromkeys(a.service for a in alerts if a.status == "firing"))
    metrics = PrometheusMetrics(
        server.url, {s: catalog.signal_queries(s) for s in catalog.services}, step_seconds=30, timeout_seconds=5
    )
    agent = IncidentAgent(
        catalog,
        metrics=metrics,
        logs=ReplayLogs(scenario.path(scenario.spec.logs)),
        changes=ReplayChanges(scenario.path(scenario.spec.deploys)),
    )
    live = await agent.investigate(Question(tuple(services), tuple(a.alertname for a in alerts), scenario.spec.now))
    replayed = await replay(scenario, scenario_agent(scenario, load_settings(environ={})))

    assert live.missing_sources == ()
    assert live.onsets, "Prometheus answered the catalog's queries with data"
    top_live, top_replay = live.hypotheses[0], replayed.hypotheses[0]
    assert (top_live.cause, top_live.culprit) == (top_replay.cause, top_replay.culprit)
    assert scenario.spec.expected is not None
    assert (top_live.cause, top_live.culprit) == (scenario.spec.expected.cause, scenario.spec.expected.culprit)
