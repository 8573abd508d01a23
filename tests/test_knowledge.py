"""Runbook sections and similar incidents beside the hypotheses: pure enrichment, degradation,
and a real RAG store round trip (index, cite, remember a resolved incident, recognise it)."""

from __future__ import annotations

import asyncio
import shutil
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.engine.model import Analysis, Hypothesis, NextStep, PastIncident, Reference
from bot.incidents.agent import Question
from bot.incidents.knowledge import Found, IncidentMemory, RetrievalKnowledge, enrich
from bot.incidents.scenario import load_scenario, replay
from bot.runbooks.library import RunbookLibrary
from bot.system import scenario_agent
from retrieval.store import Store

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "bot" / "demo" / "scenario"
NOW = datetime(2026, 3, 4, 14, 12, tzinfo=UTC)
SETTINGS = load_settings(environ={})


def _analysis() -> Analysis:
    deploy = Hypothesis(
        cause="deploy",
        culprit="checkout",
        confidence=0.8,
        score=0.9,
        summary="Deploy d1 on checkout",
        next_steps=(NextStep(runbook_id="rollback-a-deploy", title="Roll back a bad deploy", path="runbooks/x.md"),),
    )
    outage = Hypothesis(cause="dependency_outage", culprit="payments-db", confidence=0.1, score=0.2, summary="db")
    return Analysis(services=("checkout",), alertnames=("HighErrorRate",), now=NOW, hypotheses=(deploy, outage))


def test_enrich_cites_sections_and_turns_matching_past_incidents_into_evidence() -> None:
    past = PastIncident(
        id="INC-7",
        title="checkout 5xx",
        cause="deploy",
        culprit="checkout",
        fix="rollback",
        resolved_at=NOW,
        similarity=0.8,
    )
    other = past.model_copy(update={"id": "INC-8", "cause": "traffic_surge"})
    reference = Reference(
        doc_id="rollback-a-deploy",
        title="Roll back a bad deploy",
        section="Mitigation",
        url="runbooks/x.md#mitigation",
        score=1.0,
    )
    enriched = enrich(_analysis(), Found(references=(reference,), incidents=(past, other)))
    step = enriched.hypotheses[0].next_steps[0]
    assert (step.section, step.url) == ("Mitigation", "runbooks/x.md#mitigation")
    incident_evidence = [e for e in enriched.hypotheses[0].evidence if e.kind == "incident"]
    assert [e.ref for e in incident_evidence] == ["INC-7"]
    assert not any(e.kind == "incident" for e in enriched.hypotheses[1].evidence)
    assert enriched.similar_incidents == (past, other)


class _Failing:
    def lookup(self, analysis: Analysis) -> Found:
        raise RuntimeError("chroma is down")

    def remember(self, *args: object) -> None:
        raise AssertionError("not called")


class _Slow:
    def __init__(self) -> None:
        self.release = threading.Event()

    def lookup(self, analysis: Analysis) -> Found:
        self.release.wait(5)
        return Found()

    def remember(self, *args: object) -> None:
        raise AssertionError("not called")


async def test_a_failing_or_slow_store_costs_only_the_references() -> None:
    scenario = load_scenario(DEMO)
    failed = await replay(scenario, scenario_agent(scenario, SETTINGS, knowledge=_Failing()))
    assert failed.hypotheses[0].cause == "deploy"
    assert failed.missing_sources[-1] == "knowledge: runbook search failed (chroma is down)"
    slow = _Slow()
    from bot.incidents.agent import IncidentAgent
    from connectors.changes.replay import ReplayChanges
    from connectors.logs.replay import ReplayLogs
    from connectors.metrics.replay import ReplayMetrics

    agent = IncidentAgent(
        scenario.catalog,
        metrics=ReplayMetrics(scenario.path(scenario.spec.signals)),
        logs=ReplayLogs(scenario.path(scenario.spec.logs)),
        changes=ReplayChanges(scenario.path(scenario.spec.deploys)),
        knowledge=slow,
        knowledge_timeout=0.2,
    )
    analysis = await agent.investigate(Question(("checkout",), ("HighErrorRate",), scenario.spec.now))
    slow.release.set()
    assert analysis.hypotheses
    assert analysis.missing_sources[-1] == "knowledge: runbook search timed out after 0.2 s"


class _Incidents:
    async def get(self, incident_id: int) -> object:
        return type("Incident", (), {"title": "checkout 5xx after the 14:02 rollout", "resolved_at": NOW})()


class _Analyses:
    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis

    async def latest(self, incident_id: int) -> Analysis | None:
        return self.analysis


@pytest.mark.slow
async def test_sections_are_cited_and_a_resolved_incident_is_recognised_next_time(tmp_path: Path) -> None:
    runbooks = tmp_path / "runbooks"
    runbooks.mkdir()
    for name in ("rollback-a-deploy", "dependency-outage", "traffic-surge-autoscaling", "revert-config-change"):
        shutil.copy(REPO / "runbooks" / f"{name}.md", runbooks)
    knowledge = RetrievalKnowledge(Store(tmp_path / "data"))
    report = await asyncio.to_thread(knowledge.store.index, [runbooks])
    assert report.chunks_total > 0
    scenario = load_scenario(DEMO)
    library = RunbookLibrary.load(runbooks)

    agent = scenario_agent(scenario, SETTINGS, runbooks=library, knowledge=knowledge)
    first = await replay(scenario, agent)
    top = first.hypotheses[0]
    assert (top.cause, top.culprit) == ("deploy", "checkout")
    assert first.references, "runbook sections are retrieved for the incident"
    assert top.next_steps[0].runbook_id == "rollback-a-deploy"
    assert top.next_steps[0].section, "the next step cites a section of its runbook"
    assert (top.next_steps[0].url or "").startswith("rollback-a-deploy#"), "a stable id, not a file path"
    assert first.similar_incidents == ()

    memory = IncidentMemory(_Incidents(), _Analyses(first), knowledge)
    await memory.incidents_resolved([41])
    await memory.drain()

    again = await replay(scenario, agent)
    assert [p.id for p in again.similar_incidents][:1] == ["INC-41"]
    recalled = [e for e in again.hypotheses[0].evidence if e.kind == "incident"]
    assert recalled
    assert "Roll back" in recalled[0].text
