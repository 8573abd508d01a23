"""Slack layer benchmarks: ack latency, a 200-alert storm, and webhook → incident post.

* ``ack``: 50 concurrent signed button clicks (Acknowledge, by owners and by a non-owner) to
  ``/slack/events`` of opsdesk serving in a child process, over loopback, through Bolt's
  verification and dispatch; latency is until the HTTP answer (Slack's ack). Repeated
  ``--ack-rounds`` times; p50/p99 over all requests.
* ``storm``: 200 alerts for 20 incidents in one channel through ``/hooks/alertmanager``, posted to
  the fake Slack through the paced queue (time scaled: a paced second lasts 20 ms); peak RSS of this process
  (``resource.getrusage``), posts, edits sent and edits coalesced.
* ``pipeline`` (``--pipeline``): the demo scenario's webhook → incident post recorded by the fake
  Slack, with the real incident agent over a real Prometheus (``tests/support/prometheus.py``) and
  the Elasticsearch test server, as ``bench/bench_pipeline.py`` does. Rounds are spaced 1.1 s
  apart so the per-channel pace (1 message/s) of the previous round's thread reply does not count.

    python bench/bench_slack.py [--ack-rounds 5] [--pipeline --rounds 20]

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SCENARIO = REPO / "bot" / "demo" / "scenario"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _serve_harness() -> None:
    """Child process: opsdesk with Slack mounted and one incident posted; prints its URL, runs until stdin closes."""
    from bot.server import settle_heap
    from tests.slack.harness import SIGNING_SECRET, alert, running

    with tempfile.TemporaryDirectory() as workdir:
        async with running(Path(workdir)) as slack:
            await slack.alerts(alert("bench-1"))
            if os.environ.get("OPSDESK_BENCH_NO_WORK"):  # the ack path alone, for comparison

                async def no_work(body: Any) -> None:
                    return None

                slack.bot.actions.handle = no_work  # type: ignore[method-assign]
            settle_heap()  # as `opsdesk serve` does once it listens
            print(json.dumps({"url": slack.url, "signing_secret": SIGNING_SECRET}), flush=True)
            await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


async def ack_latency(rounds: int, concurrency: int = 50) -> dict[str, float]:
    """Signed clicks from this process to opsdesk serving in another (two processes, as deployed).

    This process stands in for Slack, so it imports only what a client needs and freezes its
    heap before measuring: a collector pause here would be charged to the server's acks.
    """
    import aiohttp

    from bot.slack.parsing import actions
    from tests.support.fake_slack import signed_headers

    child = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--serve-harness", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
    )
    assert child.stdout is not None
    assert child.stdin is not None
    serving = json.loads(await asyncio.wait_for(child.stdout.readline(), 60))
    url = serving["url"]
    value = actions.incident_value(1)
    timings: list[float] = []

    async def click(session: aiohttp.ClientSession, user: str, n: int) -> float:
        payload = {
            "type": "block_actions",
            "user": {"id": user},
            "team": {"id": "T0001"},
            "api_app_id": "A1",
            "channel": {"id": "CPAY"},
            "container": {"type": "message", "message_ts": "1.0", "channel_id": "CPAY"},
            "trigger_id": f"t{n}",
            "actions": [{"type": "button", "action_id": actions.ACK, "value": value, "action_ts": f"{n}.0"}],
        }
        body = urlencode({"payload": json.dumps(payload)})
        headers = signed_headers(serving["signing_secret"], body, content_type="application/x-www-form-urlencoded")
        started = time.perf_counter()
        async with session.post(f"{url}/slack/events", data=body, headers=headers) as response:
            await response.read()
            assert response.status == 200
        return (time.perf_counter() - started) * 1000

    try:
        connector = aiohttp.TCPConnector(limit=concurrency)
        async with aiohttp.ClientSession(connector=connector) as session:
            users = ("UALICE", "UBOB", "UOWNER", "UMALLORY")
            # Warm-up burst, reported apart: it opens the 50 keep-alive connections at once, as a
            # server sees after a restart; steady state is what the later bursts measure.
            gc.collect()
            gc.freeze()
            cold = await asyncio.gather(*(click(session, users[i % 4], -1 - i) for i in range(concurrency)))
            await asyncio.sleep(1.0)
            for round_ in range(rounds):
                timings += await asyncio.gather(
                    *(click(session, users[i % 4], 1 + round_ * concurrency + i) for i in range(concurrency))
                )
                await asyncio.sleep(1.0)  # bursts 1 s apart: the previous burst's work has drained
    finally:
        child.stdin.close()
        await asyncio.wait_for(child.wait(), 30)
    return {
        "ack_requests": len(timings),
        "ack_concurrency": concurrency,
        "ack_p50_ms": round(statistics.median(timings), 1),
        "ack_p99_ms": round(_percentile(timings, 0.99), 1),
        "ack_max_ms": round(max(timings), 1),
        "ack_cold_burst_max_ms": round(max(cold), 1),
    }


async def storm() -> dict[str, Any]:
    from bot.slack.poster import Poster
    from tests.slack.harness import VirtualTime, alert, running

    clock = VirtualTime(scale=0.02)  # one paced second lasts 20 ms for real

    def paced(client: Any) -> Poster:
        return Poster(client, interval=1.0, monotonic=clock.monotonic, sleep=clock.sleep)

    with tempfile.TemporaryDirectory() as workdir:
        async with running(Path(workdir), poster=paced) as slack:
            started = time.perf_counter()
            bodies = [alert(f"storm-{i}", f"svc{i % 20}", alertname=f"Alert{i % 7}") for i in range(200)]
            await asyncio.gather(*(slack.alerts(body) for body in bodies))
            await slack.settle()
            elapsed = time.perf_counter() - started
            poster = slack.bot.incidents.poster
            posted = [c for c in slack.fake.calls_to("chat.postMessage") if not c.args.get("thread_ts")]
            return {
                "storm_alerts": 200,
                "storm_incidents": len(await slack.store.incidents.list(limit=1000)),
                "storm_incident_posts": len(posted),
                "storm_thread_replies": len(slack.thread_replies()),
                "storm_updates_sent": len(slack.fake.calls_to("chat.update")),
                "storm_updates_coalesced": poster.coalesced,
                "storm_virtual_seconds": round(clock.now, 1),
                "storm_wall_seconds": round(elapsed, 2),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }


async def pipeline(rounds: int) -> dict[str, float]:
    from aiohttp.test_utils import TestClient, TestServer
    from prometheus_client import CollectorRegistry

    from bot.config import load_settings
    from bot.incidents.scenario import load_scenario
    from bot.system import open_service
    from tests.intake_fixtures import SECRET, TOKEN, sign
    from tests.support.clocks import RunningClock
    from tests.support.fake_elasticsearch import FakeElasticsearch
    from tests.support.fake_slack import WatchedSlack
    from tests.support.prometheus import backfilled_catalog, load_signals, prometheus_with_signals

    scenario = load_scenario(SCENARIO)
    body = json.loads((SCENARIO / "alerts.json").read_text())
    headers = {"Authorization": f"Bearer {TOKEN}"}
    timings: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        elasticsearch = FakeElasticsearch.from_jsonl(SCENARIO / "logs.jsonl")
        await elasticsearch.start()
        async with WatchedSlack() as fake:
            with prometheus_with_signals(load_signals(SCENARIO / "signals.json"), workdir / "prom") as prometheus:
                settings = load_settings(
                    environ={},
                    data_dir=workdir / "data",
                    webhook_token=TOKEN,
                    deploy_secret=SECRET,
                    slack_bot_token="xoxb-bench",
                    slack_signing_secret="bench",
                    slack_api_url=fake.api_url,
                    slack_default_channel="#incidents",
                    prometheus_url=prometheus.url,
                    elasticsearch_url=elasticsearch.url,
                    runbooks_dir=REPO / "runbooks",
                )
                service = await open_service(
                    settings,
                    catalog=backfilled_catalog(scenario.catalog),
                    clock=RunningClock(scenario.spec.now),
                    registry=CollectorRegistry(),
                )
                assert service.slack is not None
                slack = service.slack.incidents
                async with TestClient(TestServer(service.app, host="127.0.0.1")) as client:
                    deploys = (SCENARIO / "deploys.json").read_bytes()
                    await client.post("/hooks/deploy", data=deploys, headers=sign(deploys, at=scenario.spec.now))
                    for round_ in range(rounds):
                        alerts = [{**a, "fingerprint": f"{round_:04x}{a['fingerprint'][4:]}"} for a in body["alerts"]]
                        before = len(fake.calls)
                        started = time.perf_counter()
                        reply = await client.post(
                            "/hooks/alertmanager", json={**body, "alerts": alerts}, headers=headers
                        )
                        assert reply.status == 200, await reply.text()
                        posted = fake.called("chat.postMessage", lambda c: not c.args.get("thread_ts"), since=before)
                        await asyncio.wait_for(posted, 20)
                        timings.append((time.perf_counter() - started) * 1000)
                        await slack.wait_idle()
                        done = [{**a, "status": "resolved", "endsAt": scenario.spec.now.isoformat()} for a in alerts]
                        await client.post(
                            "/hooks/alertmanager", json={**body, "status": "resolved", "alerts": done}, headers=headers
                        )
                        await slack.wait_idle()
                        await asyncio.sleep(1.1)
        await elasticsearch.close()
    return {
        "pipeline_rounds": rounds,
        "webhook_to_post_p50_ms": round(statistics.median(timings), 1),
        "webhook_to_post_p95_ms": round(_percentile(timings, 0.95), 1),
    }


async def main(args: argparse.Namespace) -> dict[str, Any]:
    result: dict[str, Any] = {}
    result.update(await ack_latency(args.ack_rounds))
    result.update(await storm())
    if args.pipeline:
        result.update(await pipeline(args.rounds))
    return result


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve-harness"]:
        asyncio.run(_serve_harness())
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ack-rounds", type=int, default=5)
    parser.add_argument("--pipeline", action="store_true", help="also webhook → post with real Prometheus")
    parser.add_argument("--rounds", type=int, default=20)
    print(json.dumps(asyncio.run(main(parser.parse_args()))))
