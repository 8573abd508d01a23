"""``opsdesk audit verify`` over a long log: 100,000 records by default. Target: under 10 s.

Builds the log through the store's own append (in batches, as a busy service would), then times
``AuditRepository.verify`` (the command's work, process start excluded). Prints one JSON line.

    python bench/bench_audit.py [--records 100000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.remediation.audit import AuditEntry
from bot.store import Storage

BATCH = 2000


def _entry(n: int) -> AuditEntry:
    return AuditEntry(
        kind="decision",
        incident=n // 10 + 1,
        trigger="investigation",
        actor="opsdesk",
        proposed_by="rules: Bad deploy · checkout",
        action="rollback",
        target="checkout",
        params={"version": "2.41.0", "previous_version": "2.40.3"},
        evidence=("deploy dep-4f1a of checkout 2.40.3 → 2.41.0", "checkout error ratio rose from 0.4% to 12%"),
        tier="approve",
        reasons=("policy tier for 'rollback': approve", "shadow mode: recorded, never executed"),
        policy_version="sha256:0123456789ab",
        shadow=True,
        outcome="shadow: would ask the incident commander or an approver, then run via deploy-hook",
    )


async def main(records: int, url: str | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        storage = await Storage.open(url or f"sqlite+aiosqlite:///{Path(scratch) / 'audit.db'}")
        try:
            began = time.perf_counter()
            for start in range(0, records, BATCH):
                await storage.audit.append_many([_entry(n) for n in range(start, min(records, start + BATCH))])
            filled = time.perf_counter() - began
            began = time.perf_counter()
            problem = await storage.audit.verify()
            verified = time.perf_counter() - began
        finally:
            await storage.close()
    return {
        "records": records,
        "backend": (url or "sqlite").split(":")[0],
        "append_s": round(filled, 2),
        "verify_s": round(verified, 2),
        "intact": problem is None,
        "target_verify_s": 10,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    arguments = parser.parse_args()
    print(json.dumps(asyncio.run(main(arguments.records, arguments.database_url))))
