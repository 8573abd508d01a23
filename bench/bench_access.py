"""Access requests through the desk service: how long a request takes to be granted, and how long
a revocation at expiry takes, on a real store (embedded SQLite by default).

Per round: a ``low`` request granted by policy, and a ``high`` request approved by an owner, both
through shadow executors (the executor's own latency is the other system's, not ours); then every
grant is revoked at expiry by one timer worker. Prints one JSON line with latency percentiles in
milliseconds and the revocations' throughput.

    python bench/bench_access.py [--rounds 200] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.clock import FixedClock
from bot.coordination import TimerWorker
from bot.desk.access import AccessDesk, Person
from bot.desk.resources import load_resources
from bot.remediation.executors import build_executors
from bot.remediation.policy import parse_policy
from bot.store import Storage

POLICY = parse_policy(b"executors:\n  access-hook: {type: shadow}\n")
T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


async def run(rounds: int, url: str) -> dict[str, object]:
    clock = FixedClock(T0)
    storage = await Storage.open(url, clock=clock)
    try:
        desk = AccessDesk(storage, load_resources(None), POLICY, build_executors(POLICY, {}), clock)
        low: list[float] = []
        high: list[float] = []
        dba = Person("U0DBA", "dba@example.com")
        for n in range(rounds):
            requester = Person(f"U{n:06d}", f"user{n}@example.com")
            started = time.perf_counter()
            await desk.request(requester, "figma-seat", "8h", "", submission=f"low-{n}")
            low.append(time.perf_counter() - started)
            started = time.perf_counter()
            row, _ = await desk.request(requester, "prod-orders-db-read", "8h", "ticket OPS-1", submission=f"h-{n}")
            await desk.approve(row.id, dba, digest=row.digest, allowed=True)
            high.append(time.perf_counter() - started)
        clock.advance(timedelta(hours=24))  # past the grants and the approval-expiry timers
        worker = TimerWorker(storage.timers, clock, holder="bench")
        desk.register_timers(worker)
        started = time.perf_counter()
        worker.start()
        await worker.wait_idle()
        revoke_seconds = time.perf_counter() - started
        await worker.close(grace_seconds=0)
        revoked = 0
        for n in range(rounds):
            revoked += sum(r.state == "revoked" for r in await storage.access.of_requester(f"U{n:06d}"))
        return {
            "rounds": rounds,
            "backend": url.split(":", 1)[0],
            "low_request_to_grant": _percentiles(low),
            "high_request_approve_grant": _percentiles(high),
            "revoked": revoked,
            "revoke_seconds": round(revoke_seconds, 2),
            "revocations_per_second": round(revoked / revoke_seconds, 1),
            "audit_intact": await storage.audit.verify() is None,
        }
    finally:
        await storage.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        print(json.dumps(asyncio.run(run(args.rounds, url))))


if __name__ == "__main__":
    main()
