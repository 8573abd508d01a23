"""Alert storm benchmark: 1,000 Alertmanager webhooks across several ``opsdesk serve`` processes
on one PostgreSQL database, posting to a local Slack stand-in, optionally killed and restarted.

    .venv/bin/python bench/bench_storm.py --database-url postgresql+asyncpg://127.0.0.1/test
        [--servers 3] [--webhooks 1000] [--alerts 10] [--concurrency 100] [--kills 0] [--seed 7]

The traffic is bench_intake's (groups of related services re-sending alerts; each group must end
up as one incident). Webhooks are spread over the processes round-robin; a webhook that gets no
200 (connection refused or reset by a killed process, or a 5xx) is sent again to the next
process, as Alertmanager retries. With ``--kills N`` the bench kills a random process with
SIGKILL N times at random moments during the storm and starts it again on its port.

After the storm the bench waits (bounded) until every acknowledged webhook is grouped (the alert
inbox is empty), no durable timer is pending or running, and then
checks, from the database and from every call the Slack stand-in received:

* ``none_lost``: every alert acknowledged with a 200 is stored, in an incident;
* ``grouping``: one incident per group that fired, never two groups in one;
* ``posted_once``: every incident has exactly one top-level message in Slack, the one recorded;
* ``pace_held``: no channel received more than one call per posting interval, plus one, in any
  window of :data:`PACE_WINDOW_SECONDS`, whichever process sent them (Slack's limit is a rate with
  short bursts allowed; the closest two calls to one channel are reported too).

Prints one JSON object; exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_intake import GROUPS, TOKEN, Database, alert_pools, catalog, webhooks  # noqa: E402

from bot.store import Storage  # noqa: E402
from tests.support.fake_slack import FakeSlack  # noqa: E402
from tests.support.serve_processes import ServeProcesses  # noqa: E402

POST_INTERVAL_SECONDS = 1.0
#: Bound on waiting for the processes to finish their work after the storm.
SETTLE_SECONDS = 180.0
PACE_WINDOW_SECONDS = 5.0
RETRY_PAUSE_SECONDS = 0.05


def storm_catalog() -> dict[str, Any]:
    """bench_intake's catalog, each group posting to its own channel (by ID, as Slack reads history)."""
    services = catalog()["services"]
    for group, chain in GROUPS.items():
        for name in chain:
            services[name]["channel"] = f"CINC{group.upper()}"
    return {"services": services}


def storm_servers(count: int, workdir: Path, database_url: str, slack_url: str) -> ServeProcesses:
    """``count`` processes on one database, posting to the Slack stand-in; not started yet."""
    return ServeProcesses(
        count,
        workdir,
        {
            "OPSDESK_CATALOG": str(workdir / "catalog.yaml"),
            "OPSDESK_CONFIG": str(workdir / "opsdesk.yaml"),
            "OPSDESK_WEBHOOK_TOKEN": TOKEN,
            "DATABASE_URL": database_url,
            "SLACK_BOT_TOKEN": "xoxb-storm",
            "SLACK_SIGNING_SECRET": "storm-secret",
            "OPSDESK_SLACK_API_URL": slack_url,
        },
    )


async def storm(
    servers: ServeProcesses, bodies: list[bytes], concurrency: int, kills: int, rng: random.Random
) -> tuple[float, list[float], list[int], int]:
    """Send every body until one process acknowledges it; returns seconds, latencies, acked, resends."""
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    latencies: list[float] = []
    acknowledged: list[int] = []
    resends = 0
    turn = iter(range(10**9))
    limiter = asyncio.Semaphore(concurrency)
    kill_points = set(rng.sample(range(1, len(bodies)), min(kills, len(bodies) - 1)))
    kill_now: asyncio.Queue[None] = asyncio.Queue()

    async def send(session: aiohttp.ClientSession, index: int, body: bytes) -> None:
        nonlocal resends
        async with limiter:
            while True:
                url = servers.urls[next(turn) % len(servers.urls)]
                started = time.perf_counter()
                try:
                    async with session.post(f"{url}/hooks/alertmanager", data=body, headers=headers) as reply:
                        await reply.read()
                        if reply.status == 200:
                            latencies.append((time.perf_counter() - started) * 1000)
                            acknowledged.append(index)
                            if len(acknowledged) in kill_points:
                                kill_now.put_nowait(None)
                            return
                        if reply.status < 500:
                            raise SystemExit(f"webhook refused: {reply.status} {await reply.text()}")
                except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError, TimeoutError):
                    pass
                resends += 1
                await asyncio.sleep(RETRY_PAUSE_SECONDS)  # Alertmanager backs off before retrying

    async def killer() -> None:
        for _ in range(len(kill_points)):
            await kill_now.get()
            index = rng.randrange(len(servers.urls))
            servers.kill(index)
            servers.start(index)
            await servers.ready(index)

    connector = aiohttp.TCPConnector(limit=concurrency, force_close=kills > 0)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        started = time.perf_counter()
        killing = asyncio.create_task(killer())
        await asyncio.gather(*(send(session, i, body) for i, body in enumerate(bodies)))
        seconds = time.perf_counter() - started
        await killing
    return seconds, latencies, acknowledged, resends


async def settle(storage: Storage, fake: FakeSlack) -> float:
    """Wait until the inbox is drained, no timer is pending or running and every incident is posted;
    returns the wait."""
    started = time.monotonic()
    while True:
        busy = (
            await storage.inbox.depth()
            or await storage.timers.list(state="pending")
            or await storage.timers.list(state="running")
        )
        incidents = await storage.incidents.list(limit=10_000)
        posted = [await storage.slack_posts.get(i.id) for i in incidents]
        if not busy and all(p is not None and p.ts for p in posted):
            return time.monotonic() - started
        if time.monotonic() - started > SETTLE_SECONDS:
            return -1.0
        await asyncio.sleep(0.2)  # other processes' work: polled, there is no event to await


async def verify(
    storage: Storage, fake: FakeSlack, acked_fingerprints: set[str], fired: set[str], interval: float
) -> dict[str, Any]:
    incidents = await storage.incidents.list(limit=10_000)
    details = [d for d in [await storage.incidents.get(i.id) for i in incidents] if d is not None]
    stored = {a.fingerprint for d in details for a in d.alerts}
    group_of = {service: group for group, chain in GROUPS.items() for service in chain}
    groups_per_incident = [{group_of[s] for s in d.services} for d in details]
    incident_groups = sorted(next(iter(g)) for g in groups_per_incident if len(g) == 1)
    top_level = [c for c in fake.calls_to("chat.postMessage") if not c.args.get("thread_ts")]
    deleted = {(c.args.get("channel"), c.args.get("ts")) for c in fake.calls_to("chat.delete")}
    recorded = [await storage.slack_posts.get(d.id) for d in details]
    recorded_ts = {p.ts for p in recorded if p is not None and p.ts}
    live_posts = len(top_level) - len(deleted)
    by_channel: dict[str, list[float]] = defaultdict(list)
    for call in fake.calls:
        channel = call.args.get("channel")
        if call.method.startswith("chat.") and channel:
            by_channel[str(channel)].append(call.at)
    closest = min(
        (b - a for times in by_channel.values() for a, b in zip(sorted(times), sorted(times)[1:], strict=False)),
        default=interval,
    )
    window_limit = PACE_WINDOW_SECONDS / interval + 1
    busiest = max(
        (
            sum(1 for later in times if start <= later < start + PACE_WINDOW_SECONDS)
            for times in by_channel.values()
            for start in times
        ),
        default=0,
    )
    checks = {
        "none_lost": acked_fingerprints <= stored,
        "grouping": all(len(g) == 1 for g in groups_per_incident) and incident_groups == sorted(fired),
        "posted_once": len(recorded_ts) == len(details) and live_posts == len(details),
        "pace_held": busiest <= window_limit,
    }
    return {
        "incidents": len(details),
        "expected_incidents": len(fired),
        "stored_alerts": len(stored),
        "slack_calls": len(fake.calls),
        "top_level_posts": len(top_level),
        "deleted_posts": len(deleted),
        "closest_calls_in_a_channel_s": round(closest, 3),
        f"most_calls_in_{PACE_WINDOW_SECONDS:g}s_to_a_channel": busiest,
        "checks": checks,
    }


async def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    rng = random.Random(args.seed)
    now = datetime.now(UTC)
    (workdir / "catalog.yaml").write_text(yaml.safe_dump(storm_catalog()), encoding="utf-8")
    (workdir / "opsdesk.yaml").write_text(f"slack_post_interval_seconds: {POST_INTERVAL_SECONDS}\n", encoding="utf-8")
    bodies, sent, fired = webhooks(args.webhooks, args.alerts, alert_pools(now, rng), rng)
    per_body = [json.loads(b)["alerts"] for b in bodies]
    async with Database(args.database_url, workdir, args.keep) as database, FakeSlack() as fake:
        storage = await Storage.open(database.url)  # migrated here, so the processes start on a ready schema
        servers = storm_servers(args.servers, workdir, database.url, fake.api_url)
        try:
            for index in range(args.servers):
                servers.start(index)
            for index in range(args.servers):
                await servers.ready(index)
            seconds, latencies, acked, resends = await storm(servers, bodies, args.concurrency, args.kills, rng)
            settled = await settle(storage, fake)
            acked_fingerprints = {a["fingerprint"] for i in acked for a in per_body[i]}
            verified = await verify(storage, fake, acked_fingerprints, fired, POST_INTERVAL_SECONDS)
        finally:
            servers.stop_all()
            await storage.close()
    quantiles = statistics.quantiles(latencies, n=100)
    verified["checks"]["settled"] = settled >= 0
    return {
        "servers": args.servers,
        "webhooks": len(bodies),
        "alerts_sent": len(sent),
        "concurrency": args.concurrency,
        "kills": servers.kills,
        "resends": resends,
        "seconds": round(seconds, 3),
        "latency_ms": {"p50": round(quantiles[49], 1), "p95": round(quantiles[94], 1), "p99": round(quantiles[98], 1)},
        "settle_seconds": round(settled, 2),
        **verified,
        "ok": all(verified["checks"].values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL server (a throwaway database is made)")
    parser.add_argument("--servers", type=int, default=3)
    parser.add_argument("--webhooks", type=int, default=1000)
    parser.add_argument("--alerts", type=int, default=10, help="alerts per webhook")
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--kills", type=int, default=0, help="SIGKILL a random process this many times")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and database")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="opsdesk-storm-"))
    summary = asyncio.run(run(args, workdir))
    if args.keep:
        summary["workdir"] = str(workdir)
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(summary))
    sys.exit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
