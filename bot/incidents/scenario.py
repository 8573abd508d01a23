"""Scenario folders (README "Scenario folders"): load, replay through the agent, score.

Replay uses the production path: the webhook body is parsed by the intake
parser, alerts are grouped by the intake grouping rules, and the incident is
investigated by an :class:`~bot.incidents.agent.IncidentAgent` over replay sources.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.catalog import Catalog
from bot.engine.feedback import NEUTRAL, CauseWeights
from bot.engine.model import Analysis, Cause
from bot.errors import ConfigError, InputError, first_validation_problem
from bot.incidents.agent import Investigator, Question
from bot.intake.alertmanager import Alert, parse_alertmanager
from bot.intake.grouping import group_alerts

SCENARIO_FILE = "scenario.yaml"


class Expected(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cause: Cause
    culprit: str
    runbook: str | None = None


class ScenarioSpec(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str
    description: str = ""
    now: datetime
    alerts: str = "alerts.json"
    catalog: str = "catalog.yaml"
    signals: str | None = None
    logs: str | None = None
    deploys: str | None = None
    expected: Expected | None = None

    @field_validator("now")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("'now' needs a timezone (use Z for UTC)")
        # the zone log times carry: comparing across two UTC objects takes datetime's slow path
        return value.astimezone(UTC)


@dataclass(frozen=True)
class Scenario:
    root: Path
    spec: ScenarioSpec
    catalog: Catalog
    alerts: tuple[Alert, ...]

    @property
    def name(self) -> str:
        return self.spec.name

    def path(self, relative: str | None) -> Path | None:
        return self.root / relative if relative else None


def load_scenario(root: Path) -> Scenario:
    root = Path(root)
    spec_path = root / SCENARIO_FILE
    if not spec_path.is_file():
        raise ConfigError(root, "", f"not a scenario folder (no {SCENARIO_FILE})")
    try:
        raw: Any = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConfigError(spec_path, "", f"invalid YAML: {str(error).splitlines()[0]}") from None
    if not isinstance(raw, dict):
        raise ConfigError(spec_path, "", "expected a mapping")
    raw.setdefault("name", root.name)
    try:
        spec = ScenarioSpec.model_validate(raw)
    except ValidationError as error:
        key, problem = first_validation_problem(error)
        raise ConfigError(spec_path, key, problem) from None
    catalog = Catalog.load(root / spec.catalog)
    alerts_path = root / spec.alerts
    try:
        body = alerts_path.read_bytes()
    except OSError as error:
        raise ConfigError(alerts_path, "", f"cannot read ({error.strerror})") from None
    try:
        alerts = parse_alertmanager(body, catalog, spec.now)
    except InputError as error:
        raise ConfigError(alerts_path, error.field, error.problem) from None
    if spec.expected and spec.expected.culprit not in catalog:
        raise ConfigError(spec_path, "expected.culprit", f"unknown service {spec.expected.culprit!r}")
    return Scenario(root=root, spec=spec, catalog=catalog, alerts=tuple(alerts))


def find_scenarios(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise ConfigError(path, "", "no such file or folder")
        if (path / SCENARIO_FILE).is_file():
            found.append(path)
        else:
            found.extend(sorted(p.parent for p in path.rglob(SCENARIO_FILE)))
    return list(dict.fromkeys(found))


def primary_incident(scenario: Scenario, window: timedelta) -> list[Alert]:
    """The alerts grouped with the body's first firing alert (the page that woke someone)."""
    groups = group_alerts(scenario.alerts, scenario.catalog, window)
    firing = [a for a in scenario.alerts if a.status == "firing"]
    first = firing[0] if firing else scenario.alerts[0]
    return next(g for g in groups if any(a.fingerprint == first.fingerprint for a in g))


async def replay(
    scenario: Scenario,
    agent: Investigator,
    window: timedelta = timedelta(minutes=30),
    weights: CauseWeights = NEUTRAL,
) -> Analysis:
    """The scenario's primary incident investigated by ``agent`` at the scenario's ``now``.

    ``agent`` is built over the scenario's files by the composition root
    (:func:`bot.system.scenario_agent`), so replay runs what production runs.
    """
    spec = scenario.spec
    alerts = primary_incident(scenario, window)
    services = list(dict.fromkeys(a.service for a in alerts if a.status == "firing")) or [alerts[0].service]
    question = Question(
        services=tuple(services),
        alertnames=tuple(a.alertname for a in alerts),
        now=spec.now,
        alert_started_at=min(a.starts_at for a in alerts),
        weights=weights,
    )
    return await agent.investigate(question)


class CaseResult(BaseModel):
    name: str
    top1: bool
    top3: bool
    culprit_top1: bool
    ms: float
    expected: Expected | None = None
    hypotheses: list[dict[str, Any]] = Field(default_factory=list)


def score_case(scenario: Scenario, analysis: Analysis, ms: float) -> CaseResult:
    expected = scenario.spec.expected
    ranked = [(h.cause, h.culprit) for h in analysis.hypotheses]
    hit = [expected is not None and (expected.cause, expected.culprit) == r for r in ranked]
    return CaseResult(
        name=scenario.name,
        top1=bool(hit[:1] and hit[0]),
        top3=any(hit[:3]),
        culprit_top1=bool(expected and analysis.hypotheses and analysis.hypotheses[0].culprit == expected.culprit),
        ms=round(ms, 2),
        expected=expected,
        hypotheses=[
            {"cause": h.cause, "culprit": h.culprit, "confidence": h.confidence, "summary": h.summary}
            for h in analysis.hypotheses
        ],
    )


async def evaluate_scenarios(
    roots: Iterable[Path], agent_for: Callable[[Scenario], Investigator], weights: CauseWeights = NEUTRAL
) -> tuple[list[CaseResult], dict[str, Any]]:
    results: list[CaseResult] = []
    for root in find_scenarios(roots):
        scenario = load_scenario(root)
        if scenario.spec.expected is None:
            continue
        started = time.perf_counter()
        analysis = await replay(scenario, agent_for(scenario), weights=weights)
        results.append(score_case(scenario, analysis, (time.perf_counter() - started) * 1000))
    return results, summarise(results)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def summarise(results: list[CaseResult]) -> dict[str, Any]:
    cases = len(results)

    def share(flag: str) -> float:
        return round(sum(getattr(r, flag) for r in results) / cases, 4) if cases else 0.0

    times = [r.ms for r in results]
    return {
        "cases": cases,
        "top1": share("top1"),
        "top3": share("top3"),
        "culprit_top1": share("culprit_top1"),
        "p50_ms": round(_percentile(times, 0.5), 2),
        "p95_ms": round(_percentile(times, 0.95), 2),
        "results": [r.model_dump(mode="json", exclude={"expected", "culprit_top1"}) for r in results],
    }


__all__ = ["Scenario", "evaluate_scenarios", "find_scenarios", "load_scenario", "replay"]
