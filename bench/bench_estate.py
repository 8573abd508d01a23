"""Engine cost on a large estate: eval latency per scenario, and log-signature extraction.

    .venv/bin/python bench/bench_estate.py [--services 40] [--hours 3] [--lines 20000]
                                           [--scenarios 6] [--repeat 3] [--logsig-lines 100000]

Writes ``--scenarios`` replay folders of one synthetic estate (``--services`` components in
dependency chains, plus a datastore, a queue, cluster DNS and a provider; six standard signals
each, sampled every 15 s over ``--hours``; ``--lines`` log lines of which a few percent are
warnings and errors) into a temporary folder, then times them as ``opsdesk eval`` does (files
loaded first, then the investigation alone). A different service fails in each scenario.

Then times :func:`bot.engine.facts.catalog_signatures` (log signatures with the catalog's
aliases, platform symptoms and dependencies, as the engine calls it) over ``--logsig-lines``
lines of the same estate.

Prints one JSON line. Same seed, same data: compare runs of one machine, not numbers across
machines.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from bot.catalog import Catalog
from bot.config import load_settings
from bot.engine.evidence import LogRecord
from bot.engine.facts import catalog_signatures
from bot.incidents.scenario import evaluate_scenarios
from bot.system import runbook_library, scenario_agent

NOW = datetime(2026, 5, 12, 14, 0, tzinfo=UTC)
STEP_SECONDS = 15
SIGNALS = ("request_rate", "error_ratio", "latency_p99_seconds", "cpu_utilisation", "memory_utilisation", "saturation")
BASELINE = {
    "request_rate": 120.0,
    "error_ratio": 0.002,
    "latency_p99_seconds": 0.25,
    "cpu_utilisation": 0.35,
    "memory_utilisation": 0.45,
    "saturation": 0.2,
}
NORMAL_LINES = (
    "GET /v1/items/{n} 200 {ms}ms",
    "processed batch of {n} records in {ms}ms",
    "cache refresh completed keys={n}",
    "health check ok",
)
TROUBLE_LINES = (
    "call to {peer} failed after {ms}ms: connection reset by peer",
    "timeout waiting for {peer} response after {ms}ms",
    "retrying request to {peer} (attempt {n})",
)


def estate(services: int) -> dict[str, Any]:
    names = [f"svc-{i:02d}" for i in range(services - 4)]
    catalog: dict[str, Any] = {}
    for i, name in enumerate(names):
        # chains of four: svc-00 -> svc-01 -> svc-02 -> svc-03, the last of each on the database
        depends = [names[i + 1]] if i % 4 != 3 and i + 1 < len(names) else ["orders-db"]
        if i % 5 == 0:
            depends.append("events")
        if i % 7 == 0:
            depends.append("paygate")
        catalog[name] = {"team": f"team-{i % 6}", "depends_on": depends}
    catalog["orders-db"] = {"kind": "datastore"}
    catalog["events"] = {"kind": "queue"}
    catalog["cluster-dns"] = {"kind": "infrastructure", "description": "CoreDNS"}
    catalog["paygate"] = {"kind": "external", "description": "card payments, api.paygate.example"}
    return {"services": catalog}


def write_scenario(root: Path, catalog: dict[str, Any], culprit: str, hours: float, lines: int, seed: int) -> None:
    rng = random.Random(seed)
    root.mkdir(parents=True)
    graph = Catalog.from_mapping(catalog)
    victims = {culprit, *graph.transitive_dependents(culprit)}
    onset = NOW - timedelta(minutes=12)
    start = NOW - timedelta(hours=hours)
    steps = int(hours * 3600 // STEP_SECONDS)
    signals: dict[str, dict[str, list[list[float]]]] = {}
    for name, fields in catalog["services"].items():
        if fields.get("kind") in ("external", "infrastructure"):
            continue
        series: dict[str, list[list[float]]] = {}
        for signal in SIGNALS:
            base = BASELINE[signal]
            points = []
            for k in range(steps):
                at = start + timedelta(seconds=k * STEP_SECONDS)
                value = base * (1 + 0.15 * math.sin(k / 240) + rng.gauss(0, 0.04))
                if name in victims and at >= onset and signal in ("error_ratio", "latency_p99_seconds"):
                    value *= 25 if name == culprit else 8
                points.append([round(at.timestamp(), 3), round(max(value, 0.0), 6)])
            series[signal] = points
        signals[name] = series
    services = [n for n, f in catalog["services"].items() if f.get("kind") not in ("external", "infrastructure")]
    with (root / "logs.jsonl").open("w") as out:
        for k in range(lines):
            at = start + timedelta(seconds=hours * 3600 * k / lines)
            service = rng.choice(services)
            if service in victims and at >= onset and rng.random() < 0.3:
                deps = graph.dependencies(service) or (service,)
                message, level = rng.choice(TROUBLE_LINES).format(peer=deps[0], ms=rng.randint(900, 5000), n=k), "error"
            else:
                message, level = rng.choice(NORMAL_LINES).format(n=rng.randint(1, 9999), ms=rng.randint(2, 90)), "info"
            document = {
                "@timestamp": at.isoformat().replace("+00:00", "Z"),
                "service": {"name": service},
                "log": {"level": level},
                "message": message,
            }
            out.write(json.dumps(document) + "\n")
    first = onset + timedelta(minutes=2)
    alerts = {
        "version": "4",
        "status": "firing",
        "receiver": "opsdesk",
        "groupLabels": {},
        "commonLabels": {},
        "commonAnnotations": {},
        "externalURL": "http://alertmanager:9093",
        "alerts": [
            {
                "status": "firing",
                "labels": {"alertname": "HighErrorRate", "service": name, "severity": "critical"},
                "annotations": {},
                "startsAt": first.isoformat().replace("+00:00", "Z"),
                "endsAt": "0001-01-01T00:00:00Z",
                "fingerprint": f"{seed:04x}{i:04x}",
            }
            for i, name in enumerate(sorted(v for v in victims if v in services)[:3])
        ],
    }
    (root / "alerts.json").write_text(json.dumps(alerts))
    (root / "signals.json").write_text(json.dumps(signals))
    (root / "deploys.json").write_text("[]")
    (root / "catalog.yaml").write_text(yaml.safe_dump(catalog))
    spec = {
        "name": root.name,
        "description": "synthetic estate",
        "now": NOW.isoformat().replace("+00:00", "Z"),
        "alerts": "alerts.json",
        "catalog": "catalog.yaml",
        "signals": "signals.json",
        "logs": "logs.jsonl",
        "deploys": "deploys.json",
        "expected": {"cause": "dependency_outage", "culprit": culprit},
    }
    (root / "scenario.yaml").write_text(yaml.safe_dump(spec))


def logsig_seconds(catalog: dict[str, Any], lines: int, seed: int) -> float:
    rng = random.Random(seed)
    graph = Catalog.from_mapping(catalog)
    names = list(graph.services)
    split = NOW - timedelta(minutes=15)
    records = []
    for k in range(lines):
        service = rng.choice(names)
        peer = rng.choice(names)
        trouble = rng.random() < 0.2
        template = rng.choice(TROUBLE_LINES if trouble else NORMAL_LINES)
        records.append(
            LogRecord(
                timestamp=NOW - timedelta(seconds=3 * 3600 * (1 - k / lines)),
                service=service,
                level="error" if trouble else rng.choice(("warn", "info")),
                message=template.format(peer=peer, ms=rng.randint(2, 5000), n=rng.randint(1, 99999)),
            )
        )
    started = time.perf_counter()
    catalog_signatures(graph, records, dict.fromkeys(names, split), names)
    return time.perf_counter() - started


async def main(args: argparse.Namespace) -> dict[str, Any]:
    catalog = estate(args.services)
    settings = load_settings()
    runbooks = runbook_library(settings)
    chains = [n for n in catalog["services"] if n.startswith("svc-")]
    with tempfile.TemporaryDirectory() as folder:
        for i in range(args.scenarios):
            culprit = chains[(i * 5 + 3) % len(chains)]
            write_scenario(Path(folder) / f"estate-{i}", catalog, culprit, args.hours, args.lines, seed=i)
        times: list[float] = []
        top1 = []
        for _ in range(args.repeat):
            results, _ = await evaluate_scenarios(
                [Path(folder)], lambda scenario: scenario_agent(scenario, settings, runbooks=runbooks)
            )
            times += [r.ms for r in results]
            top1 += [r.top1 for r in results]
    ordered = sorted(times)
    return {
        "services": len(catalog["services"]),
        "hours": args.hours,
        "log_lines": args.lines,
        "runs": len(times),
        "eval_p50_ms": round(statistics.median(times), 1),
        "eval_p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 1),
        "top1": round(sum(top1) / len(top1), 3),
        "logsig_lines": args.logsig_lines,
        "logsig_seconds": round(logsig_seconds(catalog, args.logsig_lines, seed=7), 3),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=40)
    parser.add_argument("--hours", type=float, default=3.0)
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--scenarios", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--logsig-lines", type=int, default=100000)
    print(json.dumps(asyncio.run(main(parser.parse_args()))))
