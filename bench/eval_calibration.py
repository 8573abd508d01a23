"""How well do confidences match reality? A reliability table over scenario sets.

For every scenario, each of the top-3 hypotheses is one prediction: its confidence against
whether it is the expected (cause, culprit). Prints the Brier score, and per confidence bin
the mean confidence and the observed hit rate; a calibrated engine has them close.

    python bench/eval_calibration.py tests/scenarios tests/holdout
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

from bot.config import load_settings
from bot.incidents.scenario import find_scenarios, load_scenario, replay
from bot.system import scenario_agent

BINS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))


async def predictions(folders: list[Path]) -> list[tuple[float, bool]]:
    found: list[tuple[float, bool]] = []
    settings = load_settings()
    for root in find_scenarios(folders):
        scenario = load_scenario(root)
        expected = scenario.spec.expected
        if expected is None:
            continue
        analysis = await replay(scenario, scenario_agent(scenario, settings))
        for hypothesis in analysis.hypotheses:
            found.append(
                (hypothesis.confidence, (hypothesis.cause, hypothesis.culprit) == (expected.cause, expected.culprit))
            )
    return found


def reliability(found: list[tuple[float, bool]]) -> dict[str, object]:
    table = []
    for low, high in BINS:
        inside = [(c, hit) for c, hit in found if low <= c < high]
        if inside:
            table.append(
                {
                    "bin": f"{low:.1f}-{min(high, 1.0):.1f}",
                    "n": len(inside),
                    "mean_confidence": round(sum(c for c, _ in inside) / len(inside), 3),
                    "hit_rate": round(sum(hit for _, hit in inside) / len(inside), 3),
                }
            )
    brier = sum((c - hit) ** 2 for c, hit in found) / len(found)
    return {"predictions": len(found), "brier": round(brier, 4), "bins": table}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[Path("tests/scenarios")])
    args = parser.parse_args()
    print(json.dumps(reliability(asyncio.run(predictions(args.folders))), indent=2))
