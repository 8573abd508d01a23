"""Intake benchmark: 1,000 Alertmanager webhooks of 10 alerts, sent concurrently to a real server.

    .venv/bin/python bench/bench_intake.py [--webhooks 1000] [--alerts 10] [--concurrency 100]
                                           [--database-url URL] [--keep]

The server is ``opsdesk serve`` itself (same code path: settings from the
environment, store migrated at start, the real incident agent scheduled after
each webhook), run in a child process on a free loopback port, so client and
server do not share a core. The database is SQLite in a temporary folder, or
``--database-url``; for PostgreSQL a throwaway database is created on that
server and dropped afterwards.

The traffic looks like Alertmanager's: each webhook carries alerts of one
service group (20% mix two groups, as ``group_by: [alertname]`` would), and
groups re-send alerts they already sent, so fingerprints repeat across webhooks.
The catalog has dependency chains (every pair in a chain is related) and
standalone services, all alerts start within one grouping window: each group
must end up as exactly one incident, whatever order the webhooks land in.

The hook acknowledges once a webhook is in the alert inbox; grouping follows. After the run the
bench waits until the inbox is empty (``grouped_seconds``, from the first webhook), stops the
server and checks the store: every alert accepted, every distinct fingerprint stored once, every
notification counted, one incident per group.
Prints one JSON line; exits 1 if a check fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.store import Storage  # noqa: E402

TOKEN = "bench-token"
#: Dependency chains (each service depends on the next) and standalone services.
GROUPS: dict[str, list[str]] = {
    "shop": ["storefront", "cart", "checkout", "payments", "payments-db"],
    "search": ["search-ui", "search-api", "search-index"],
    "identity": ["login", "auth-api", "users-db"],
    "mail": ["mailer"],
    "reports": ["reports"],
    "billing": ["billing-batch"],
    "cdn": ["cdn-edge"],
}
ALERTNAMES = ("HighErrorRate", "HighLatency", "PodCrashLooping", "SaturationHigh")
INSTANCES_PER_ALERT = 12


@dataclass(frozen=True)
class PoolAlert:
    fingerprint: str
    wire: dict[str, Any]


def catalog() -> dict[str, Any]:
    services: dict[str, Any] = {}
    for chain in GROUPS.values():
        for index, name in enumerate(chain):
            services[name] = {"depends_on": chain[index + 1 : index + 2]}
    return {"services": services}


def alert_pools(now: datetime, rng: random.Random) -> dict[str, list[PoolAlert]]:
    """Every alert a group can fire, with fixed start times (as Alertmanager keeps them)."""
    pools: dict[str, list[PoolAlert]] = {}
    for group, chain in GROUPS.items():
        pool = []
        for service in chain:
            for alertname in ALERTNAMES:
                for instance in range(INSTANCES_PER_ALERT):
                    fingerprint = uuid.UUID(int=rng.getrandbits(128)).hex[:16]
                    started = now - timedelta(seconds=rng.uniform(60, 20 * 60))
                    labels = {
                        "alertname": alertname,
                        "service": service,
                        "severity": rng.choice(["critical", "warning"]),
                        "instance": f"{service}-{instance}:9100",
                    }
                    wire = {
                        "status": "firing",
                        "labels": labels,
                        "annotations": {"summary": f"{alertname} on {service}"},
                        "startsAt": started.isoformat().replace("+00:00", "Z"),
                        "endsAt": "0001-01-01T00:00:00Z",
                        "generatorURL": "http://prometheus:9090/graph",
                        "fingerprint": fingerprint,
                    }
                    pool.append(PoolAlert(fingerprint, wire))
        pools[group] = pool
    return pools


def webhooks(
    count: int, per_webhook: int, pools: dict[str, list[PoolAlert]], rng: random.Random
) -> tuple[list[bytes], list[str], set[str]]:
    """Serialised bodies, the fingerprints sent (with repeats) and the groups that fired."""
    bodies: list[bytes] = []
    sent: list[str] = []
    fired: set[str] = set()
    names = list(pools)
    for _ in range(count):
        groups = rng.sample(names, 2) if rng.random() < 0.2 else [rng.choice(names)]
        chosen: dict[str, PoolAlert] = {}
        while len(chosen) < per_webhook:
            pick = rng.choice(pools[rng.choice(groups)])
            chosen[pick.fingerprint] = pick
        for group in groups:
            if any(a in pools[group] for a in chosen.values()):
                fired.add(group)
        sent.extend(chosen)
        body = {
            "version": "4",
            "status": "firing",
            "receiver": "opsdesk",
            "groupKey": "{}:{alertname}",
            "alerts": [a.wire for a in chosen.values()],
        }
        bodies.append(json.dumps(body).encode())
    return bodies, sent, fired


# -- server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(workdir: Path, database_url: str, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "OPSDESK_CATALOG": str(workdir / "catalog.yaml"),
        "OPSDESK_DATA_DIR": str(workdir / "data"),
        "OPSDESK_WEBHOOK_TOKEN": TOKEN,
        "DATABASE_URL": database_url,
    }
    for unset in ("PROMETHEUS_URL", "ELASTICSEARCH_URL", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        env.pop(unset, None)
    command = [sys.executable, __file__, "--serve", "--port", str(port)]
    log = (workdir / "server.log").open("wb")
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)


async def wait_ready(base: str, server: subprocess.Popen[bytes], deadline: float = 60) -> None:
    limit = time.monotonic() + deadline
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < limit:
            if server.poll() is not None:
                raise SystemExit(f"server exited with {server.returncode}; see server.log")
            try:
                async with session.get(f"{base}/readyz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.1)  # polling another process: there is no event to await
    raise SystemExit("server did not become ready")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# -- client -------------------------------------------------------------------------------


async def send_all(base: str, bodies: list[bytes], concurrency: int) -> tuple[float, list[float], list[dict[str, Any]]]:
    connector = aiohttp.TCPConnector(limit=concurrency)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    latencies: list[float] = []
    replies: list[dict[str, Any]] = []

    async def send(session: aiohttp.ClientSession, body: bytes) -> None:
        started = time.perf_counter()
        async with session.post(f"{base}/hooks/alertmanager", data=body, headers=headers) as reply:
            payload = await reply.json()
            if reply.status != 200:
                raise SystemExit(f"webhook refused: {reply.status} {payload}")
        latencies.append((time.perf_counter() - started) * 1000)
        replies.append(payload)

    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(send(session, body) for body in bodies))
        seconds = time.perf_counter() - started
    return seconds, latencies, replies


# -- verification -------------------------------------------------------------------------


async def drained(database_url: str, started: float, bound: float = 120) -> float:
    """Seconds from the first webhook until the server grouped every acknowledged one (the alert
    inbox is empty); -1 past ``bound``."""
    store = await Storage.open(database_url, migrate_schema=False)
    try:
        while await store.inbox.depth():
            if time.perf_counter() - started > bound:
                return -1.0
            await asyncio.sleep(0.05)  # another process's work: polled, there is no event to await
    finally:
        await store.close()
    return time.perf_counter() - started


async def verify(database_url: str, sent: list[str], fired: set[str], replies: list[dict[str, Any]]) -> dict[str, Any]:
    store = await Storage.open(database_url)
    try:
        counts = await store.database.counts()
        incidents = await store.incidents.list(limit=1000)
        details = [await store.incidents.get(i.id) for i in incidents]
    finally:
        await store.close()
    stored = {a.fingerprint for d in details if d for a in d.alerts}
    notifications = sum(a.notifications for d in details if d for a in d.alerts)
    group_of = {service: group for group, chain in GROUPS.items() for service in chain}
    incident_groups = sorted({group_of[s] for s in i.services}.pop() for i in incidents)
    mixed = [i.id for i in incidents if len({group_of[s] for s in i.services}) != 1]
    checks = {
        "none_lost": stored == set(sent) and counts["alerts"] == len(set(sent)),
        "all_accepted": sum(r["alerts"] for r in replies) == len(sent),
        "duplicates_collapsed": notifications == len(sent),
        "grouping": not mixed and incident_groups == sorted(fired),
    }
    return {
        "stored_alerts": counts["alerts"],
        "notifications": notifications,
        "incidents": counts["incidents"],
        "expected_incidents": len(fired),
        "investigations": counts["investigations"],
        "checks": checks,
    }


# -- databases ----------------------------------------------------------------------------


class Database:
    """The URL to benchmark; a throwaway database when the server is PostgreSQL."""

    def __init__(self, url: str | None, workdir: Path, keep: bool) -> None:
        self.given = url
        self.workdir = workdir
        self.keep = keep
        self.temporary: str | None = None
        self.url = url or f"sqlite+aiosqlite:///{workdir / 'data' / 'opsdesk.db'}"

    async def __aenter__(self) -> Database:
        if self.given and self.given.startswith("postgresql"):
            import asyncpg  # type: ignore[import-untyped]
            from sqlalchemy.engine import make_url

            base = make_url(self.given)
            self.temporary = f"opsdesk_bench_{uuid.uuid4().hex[:10]}"
            admin = await asyncpg.connect(base.set(drivername="postgresql").render_as_string(False))
            await admin.execute(f'CREATE DATABASE "{self.temporary}"')
            await admin.close()
            self.url = base.set(database=self.temporary).render_as_string(False)
        return self

    async def __aexit__(self, *_: object) -> None:
        if self.temporary and not self.keep and self.given:
            import asyncpg
            from sqlalchemy.engine import make_url

            base = make_url(self.given).set(drivername="postgresql")
            admin = await asyncpg.connect(base.render_as_string(False))
            await admin.execute(f'DROP DATABASE IF EXISTS "{self.temporary}" WITH (FORCE)')
            await admin.close()

    @property
    def kind(self) -> str:
        return self.url.split(":", 1)[0]


async def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    rng = random.Random(args.seed)
    now = datetime.now(UTC)
    (workdir / "catalog.yaml").write_text(yaml.safe_dump(catalog()), encoding="utf-8")
    bodies, sent, fired = webhooks(args.webhooks, args.alerts, alert_pools(now, rng), rng)
    async with Database(args.database_url, workdir, args.keep) as database:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(workdir, database.url, port)
        try:
            await wait_ready(base, server)
            seconds, latencies, replies = await send_all(base, bodies, args.concurrency)
            grouped = await drained(database.url, started=time.perf_counter() - seconds)
        finally:
            stop_server(server)
        verified = await verify(database.url, sent, fired, replies)
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "database": database.kind,
        "webhooks": len(bodies),
        "alerts_sent": len(sent),
        "distinct_alerts": len(set(sent)),
        "concurrency": args.concurrency,
        "seconds": round(seconds, 3),
        "webhooks_per_second": round(len(bodies) / seconds, 1),
        "alerts_per_second": round(len(sent) / seconds, 1),
        "latency_ms": {
            "p50": round(quantiles[49], 1),
            "p95": round(quantiles[94], 1),
            "p99": round(quantiles[98], 1),
        },
        "grouped_seconds": round(grouped, 3),
        **verified,
        "ok": all(verified["checks"].values()),
    }


def serve_child(port: int) -> None:
    """The server half: exactly what ``opsdesk serve`` runs."""
    from bot.cli.serve_commands import serve_command

    serve_command(host="127.0.0.1", port=port, log_level="warning")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--webhooks", type=int, default=1000)
    parser.add_argument("--alerts", type=int, default=10, help="alerts per webhook")
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp dir")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir / database")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve_child(args.port)
        return
    workdir = Path(tempfile.mkdtemp(prefix="opsdesk-bench-"))
    summary = asyncio.run(run(args, workdir))
    if args.keep:
        summary["workdir"] = str(workdir)
    else:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(summary))
    sys.exit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
