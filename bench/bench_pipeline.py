"""Webhook received -> hypotheses stored, with a real Prometheus.

The demo scenario's signals are backfilled into a real Prometheus, its logs served by
the Elasticsearch test server and its deploys posted to ``/hooks/deploy``. Each round
posts the incident's webhook with fresh fingerprints (so it opens a new incident) and
measures until the investigation's hypotheses are stored; the incident is resolved
before the next round. Prints one JSON line with p50/p95 in milliseconds, with the
configured debounce (default 0.25 s) and without it.

    python bench/bench_pipeline.py --rounds 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.config import Settings, load_settings  # noqa: E402
from bot.incidents.scenario import load_scenario  # noqa: E402
from bot.system import open_service  # noqa: E402
from tests.intake_fixtures import SECRET, TOKEN, sign  # noqa: E402
from tests.support.clocks import RunningClock  # noqa: E402
from tests.support.fake_elasticsearch import FakeElasticsearch  # noqa: E402
from tests.support.prometheus import backfilled_catalog, load_signals, prometheus_with_signals  # noqa: E402

SCENARIO = REPO / "bot" / "demo" / "scenario"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _rounds(workdir: Path, rounds: int, debounce: float) -> list[float]:
    scenario = load_scenario(SCENARIO)
    elasticsearch = FakeElasticsearch.from_jsonl(SCENARIO / "logs.jsonl")
    await elasticsearch.start()
    body = json.loads((SCENARIO / "alerts.json").read_text())
    headers = {"Authorization": f"Bearer {TOKEN}"}
    timings: list[float] = []
    with prometheus_with_signals(load_signals(SCENARIO / "signals.json"), workdir / f"prom-{debounce}") as prometheus:
        settings = load_settings(
            environ={},
            data_dir=workdir / f"data-{debounce}",
            webhook_token=TOKEN,
            deploy_secret=SECRET,
            investigation_debounce_seconds=debounce,
            prometheus_url=prometheus.url,
            elasticsearch_url=elasticsearch.url,
            runbooks_dir=REPO / "runbooks",
        )
        service = await open_service(
            settings, catalog=backfilled_catalog(scenario.catalog), clock=RunningClock(scenario.spec.now)
        )
        store = service.storage
        async with TestClient(TestServer(service.app, host="127.0.0.1")) as client:
            deploys = (SCENARIO / "deploys.json").read_bytes()
            await client.post("/hooks/deploy", data=deploys, headers=sign(deploys, at=scenario.spec.now))
            for round_ in range(rounds):
                alerts = [{**a, "fingerprint": f"{round_:04x}{a['fingerprint'][4:]}"} for a in body["alerts"]]
                started = time.perf_counter()
                reply = await client.post("/hooks/alertmanager", json={**body, "alerts": alerts}, headers=headers)
                assert reply.status == 200, await reply.text()
                await service.investigations.wait_idle()
                incident = (await store.incidents.list(status="open"))[0]
                assert await store.analyses.latest(incident.id) is not None
                timings.append((time.perf_counter() - started) * 1000)
                ended = scenario.spec.now.isoformat()
                done = [{**a, "status": "resolved", "endsAt": ended} for a in alerts]
                await client.post(
                    "/hooks/alertmanager", json={**body, "status": "resolved", "alerts": done}, headers=headers
                )
                await service.investigations.wait_idle()
    await elasticsearch.close()
    return timings


async def main(rounds: int) -> dict[str, float]:
    result: dict[str, float] = {"rounds": rounds}
    with tempfile.TemporaryDirectory() as workdir:
        for debounce in (Settings().investigation_debounce_seconds, 0.0):
            timings = await _rounds(Path(workdir), rounds, debounce)
            label = f"debounce_{debounce:g}s"
            result[f"{label}_p50_ms"] = round(statistics.median(timings), 1)
            result[f"{label}_p95_ms"] = round(_percentile(timings, 0.95), 1)
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    print(json.dumps(asyncio.run(main(parser.parse_args().rounds))))
