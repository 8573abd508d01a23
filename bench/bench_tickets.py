"""Ticket creation: the local store under concurrent creates with retries, and Jira over loopback.

Local: ``--tickets`` distinct drafts created by ``--concurrency`` tasks, then each sent again (a
retry, timed apart), so the store must keep exactly one row per idempotency key; then the CLI's
listing query.
Jira: the connector against the loopback look-alike (search, then create), one at a time.
Prints one JSON line.

    python bench/bench_tickets.py [--tickets 2000] [--concurrency 16] [--jira 200] [--database-url URL]
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.clock import SystemClock
from bot.store import Storage
from bot.store.tickets import LocalTickets
from connectors.tickets.jira import Jira
from tests.support.fake_jira import FakeJira
from tests.tickets.drafts import draft


def _ms(values: list[float], q: float) -> float:
    return round(statistics.quantiles(values, n=100)[int(q) - 1] * 1000, 2)


async def local(tickets: int, concurrency: int, url: str | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        storage = await Storage.open(url or f"sqlite+aiosqlite:///{Path(scratch) / 'tickets.db'}")
        try:
            system = LocalTickets(storage.tickets, SystemClock())
            keys = [f"bench-{n}" for n in range(tickets)]
            made: dict[str, set[str]] = {}

            async def run(pass_keys: list[str]) -> tuple[float, list[float]]:
                queue: asyncio.Queue[str] = asyncio.Queue()
                for key in pass_keys:
                    queue.put_nowait(key)
                latencies: list[float] = []

                async def worker() -> None:
                    while not queue.empty():
                        key = queue.get_nowait()
                        began = time.perf_counter()
                        ticket = await system.create(draft(key))
                        latencies.append(time.perf_counter() - began)
                        made.setdefault(key, set()).add(ticket.key)

                began = time.perf_counter()
                await asyncio.gather(*(worker() for _ in range(concurrency)))
                return time.perf_counter() - began, latencies

            first_s, first = await run(keys)
            retry_s, retries = await run(keys)
            listed_began = time.perf_counter()
            listed = await storage.tickets.list_tickets(state="open")
            listed_s = time.perf_counter() - listed_began
            rows = (await storage.database.counts())["tickets"]
        finally:
            await storage.close()
    return {
        "backend": (url or "sqlite").split(":")[0],
        "concurrency": concurrency,
        "creates": len(keys),
        "creates_per_s": round(len(keys) / first_s, 1),
        "create_p50_ms": _ms(first, 50),
        "create_p95_ms": _ms(first, 95),
        "retries_per_s": round(len(keys) / retry_s, 1),
        "retry_p50_ms": _ms(retries, 50),
        "retry_p95_ms": _ms(retries, 95),
        "rows": rows,
        "one_ticket_per_key": rows == tickets and all(len(v) == 1 for v in made.values()),
        "list_open_ms": round(listed_s * 1000, 2),
        "listed": len(listed),
    }


async def jira(creates: int) -> dict[str, object]:
    async with FakeJira() as server:
        client = Jira(server.url, "DESK", "bot@example.com", "jira-token")
        try:
            latencies = []
            for n in range(creates):
                began = time.perf_counter()
                await client.create(draft(f"jira-{n}"))
                latencies.append(time.perf_counter() - began)
            retried = await client.create(draft("jira-0"))
        finally:
            await client.close()
        return {
            "jira_creates": creates,
            "jira_create_p50_ms": _ms(latencies, 50),
            "jira_create_p95_ms": _ms(latencies, 95),
            "jira_retry_found_first": retried.key == "DESK-1" and len(server.issues) == creates,
        }


async def main(tickets: int, concurrency: int, jira_creates: int, url: str | None) -> dict[str, object]:
    return {**await local(tickets, concurrency, url), **await jira(jira_creates)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--jira", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    arguments = parser.parse_args()
    print(
        json.dumps(asyncio.run(main(arguments.tickets, arguments.concurrency, arguments.jira, arguments.database_url)))
    )
