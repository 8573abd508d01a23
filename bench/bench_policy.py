"""Policy decision latency: the README's example policy, a mix of actions, targets, severities and
times inside and outside its maintenance window. Target: p95 under 1 ms.

Prints one JSON line: decisions, p50/p95/max in microseconds.

    python bench/bench_policy.py [--decisions 20000]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.remediation.decide import SEVERITIES, ActionRequest, decide
from bot.remediation.policy import parse_policy
from tests.remediation.policies import CATALOG, POLICY_YAML


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(decisions: int) -> dict[str, float]:
    policy = parse_policy(POLICY_YAML.encode())
    rng = random.Random(7)
    start = datetime(2026, 12, 1, tzinfo=UTC)
    actions = ["rollback", "restart", "silence", "scale", "drop-database", "unknown"]
    targets = ["checkout", "payments-db", "search", "nowhere"]
    requests = [
        (
            ActionRequest(
                action=rng.choice(actions),
                target=rng.choice(targets),
                params={"replicas": rng.randint(-1, 60)} if rng.random() < 0.3 else {},
                severity=rng.choice(SEVERITIES),
            ),
            start + timedelta(minutes=rng.randint(0, 60 * 24 * 14)),
        )
        for _ in range(decisions)
    ]
    for request, at in requests[:200]:
        decide(policy, request, CATALOG, at)
    timings = []
    for request, at in requests:
        began = time.perf_counter_ns()
        decide(policy, request, CATALOG, at)
        timings.append((time.perf_counter_ns() - began) / 1000)
    return {
        "decisions": decisions,
        "p50_us": round(_percentile(timings, 0.5), 1),
        "p95_us": round(_percentile(timings, 0.95), 1),
        "max_us": round(max(timings), 1),
        "target_p95_us": 1000,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=20000)
    print(json.dumps(main(parser.parse_args().decisions)))
