"""Replay latency per scenario, process start excluded.

Each scenario is replayed ``--repeat`` times from a fresh load (files are read and parsed
every time, as a replay would); one warm-up run first so imports and regex compilation
do not count. Prints one JSON line: p50/p95/max in milliseconds, and the engine's own
share (``elapsed_ms`` reported by the agent, which excludes file parsing).

    python bench/bench_replay.py tests/scenarios tests/holdout
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path

from bot.config import load_settings
from bot.incidents.scenario import Scenario, find_scenarios, load_scenario, replay
from bot.system import runbook_library, scenario_agent


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def main(folders: list[Path], repeat: int) -> dict[str, float]:
    settings = load_settings()
    runbooks = runbook_library(settings)

    async def replayed(scenario: Scenario) -> float:
        return (await replay(scenario, scenario_agent(scenario, settings, runbooks=runbooks))).elapsed_ms

    roots = find_scenarios(folders)
    await replayed(load_scenario(roots[0]))
    total, engine = [], []
    for root in roots:
        for _ in range(repeat):
            started = time.perf_counter()
            agent_ms = await replayed(load_scenario(root))
            total.append((time.perf_counter() - started) * 1000)
            engine.append(agent_ms)
    return {
        "scenarios": len(roots),
        "runs": len(total),
        "p50_ms": round(statistics.median(total), 1),
        "p95_ms": round(_percentile(total, 0.95), 1),
        "max_ms": round(max(total), 1),
        "agent_p95_ms": round(_percentile(engine, 0.95), 1),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[Path("tests/scenarios")])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main(args.folders, args.repeat))))
