"""Runbook sections and similar past incidents for an analysis, from the RAG store.

The engine decides; this only adds what a responder would want beside its answer: the
runbook section that matches the top hypothesis, cited down to the heading, and past
incidents that looked the same, with what fixed them. :func:`enrich` is pure; the
retrieval calls (CPU-bound embedding) run in a worker thread behind :class:`Knowledge`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel

from bot.engine.model import Analysis, Evidence, Hypothesis, NextStep, PastIncident, Reference
from bot.runbooks.links import is_web_link, runbook_link

if TYPE_CHECKING:
    from retrieval.store import Store

log = logging.getLogger(__name__)

#: Cosine similarity above which a past incident is "the same thing happened before".
SIMILAR_INCIDENT = 0.5


class Found(BaseModel):
    references: tuple[Reference, ...] = ()
    incidents: tuple[PastIncident, ...] = ()


class Knowledge(Protocol):
    """Blocking lookups (the agent runs them in a thread, with a timeout)."""

    def lookup(self, analysis: Analysis) -> Found: ...

    def remember(self, incident_id: str, title: str, analysis: Analysis, fix: str, resolved_at: datetime) -> None: ...


def symptoms_of(analysis: Analysis) -> str:
    """What the incident looked like, as text to match runbooks and past incidents against."""
    parts = [*analysis.alertnames]
    if analysis.hypotheses:
        parts.append(analysis.hypotheses[0].summary)
    parts += [s.template for s in sorted(analysis.signatures, key=lambda s: -s.count_after)[:5]]
    return " ".join(parts)


def enrich(analysis: Analysis, found: Found) -> Analysis:
    """The analysis with references attached: next steps cite their section, and past incidents
    that match a hypothesis become evidence for it."""
    by_doc = {r.doc_id: r for r in reversed(found.references)}
    hypotheses = tuple(_enrich_hypothesis(h, by_doc, found.incidents) for h in analysis.hypotheses)
    return analysis.model_copy(
        update={"hypotheses": hypotheses, "references": found.references, "similar_incidents": found.incidents}
    )


def _enrich_hypothesis(
    hypothesis: Hypothesis, by_doc: dict[str, Reference], incidents: Sequence[PastIncident]
) -> Hypothesis:
    steps = tuple(_cite(step, by_doc.get(step.runbook_id)) for step in hypothesis.next_steps)
    matching = [i for i in incidents if (i.cause, i.culprit) == (hypothesis.cause, hypothesis.culprit)]
    evidence = hypothesis.evidence + tuple(
        Evidence(
            kind="incident",
            service=past.culprit,
            at=past.resolved_at,
            weight=min(1.0, past.similarity),
            ref=past.id,
            text=f"Same as {past.id} ({past.resolved_at:%Y-%m-%d}): {past.title}; fixed by {past.fix}",
        )
        for past in matching[:2]
    )
    return hypothesis.model_copy(update={"next_steps": steps, "evidence": evidence})


def _cite(step: NextStep, reference: Reference | None) -> NextStep:
    if reference is None:
        return step
    return step.model_copy(update={"section": reference.section, "url": reference.url or step.url})


class RetrievalKnowledge:
    """:class:`Knowledge` over :class:`retrieval.Store` (runbooks, kb and incidents collections)."""

    def __init__(self, store: Store, *, url_template: str | None = None) -> None:
        self.store = store
        self.url_template = url_template

    def warm(self) -> None:
        """Load the model and indexes now, so the first incident does not pay for it."""
        self.store.search("warm up", k=1)

    def lookup(self, analysis: Analysis) -> Found:
        top = analysis.hypotheses[0] if analysis.hypotheses else None
        text = symptoms_of(analysis)
        sections = self.store.runbook_sections(
            alert=analysis.alertnames[0] if analysis.alertnames else None,
            service=top.culprit if top else None,
            symptoms=f"{top.cause.replace('_', ' ')} {text}" if top else text,
            k=3,
        )
        for warning in sections.warnings:
            log.warning("runbook search: %s", warning)
        references = tuple(
            Reference(
                doc_id=h.id,
                title=h.title,
                section=h.section,
                url=h.url if is_web_link(h.url) else runbook_link(h.id, h.anchor, url_template=self.url_template),
                score=round(h.score, 4),
            )
            for h in sections.hits
        )
        service = analysis.services[0] if analysis.services else None
        similar = self.store.similar_incidents(text, service=service, k=3, min_similarity=SIMILAR_INCIDENT)
        incidents = tuple(
            PastIncident(
                id=s.incident.id,
                title=s.incident.title,
                cause=s.incident.cause,
                culprit=s.incident.culprit,
                fix=s.incident.fix,
                resolved_at=s.incident.resolved_at,
                similarity=round(s.similarity or 0.0, 3),
            )
            for s in similar
        )
        return Found(references=references, incidents=incidents)

    def remember(self, incident_id: str, title: str, analysis: Analysis, fix: str, resolved_at: datetime) -> None:
        from retrieval.models import IncidentRecord

        top = analysis.hypotheses[0] if analysis.hypotheses else None
        self.store.add_incident(
            IncidentRecord(
                id=incident_id,
                title=title,
                service=analysis.services[0] if analysis.services else "",
                cause=top.cause if top else "unknown",
                culprit=top.culprit if top else "",
                fix=fix,
                summary=top.summary if top else "",
                symptoms=symptoms_of(analysis),
                resolved_at=resolved_at,
            )
        )


class IncidentMemory:
    """Writes each resolved incident to the ``incidents`` collection, so the next one that looks
    the same is recognised. An :class:`bot.incidents.investigations.IncidentObserver`: it returns at once
    and does the store reads and the (CPU-bound) indexing in its own task."""

    def __init__(self, incidents: IncidentReader, analyses: AnalysisReader, knowledge: Knowledge) -> None:
        self.incidents = incidents
        self.analyses = analyses
        self.knowledge = knowledge
        self._tasks: set[asyncio.Task[None]] = set()

    async def analysis_stored(self, incident_id: int, analysis: Analysis) -> None:
        return None

    async def incidents_resolved(self, incident_ids: Sequence[int]) -> None:
        task = asyncio.get_running_loop().create_task(self._remember(tuple(incident_ids)))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _remember(self, incident_ids: Sequence[int]) -> None:
        for incident_id in incident_ids:
            try:
                incident = await self.incidents.get(incident_id)
                analysis = await self.analyses.latest(incident_id)
                if incident is None or analysis is None or not analysis.hypotheses:
                    continue
                resolved_at = incident.resolved_at or analysis.now
                await asyncio.to_thread(
                    self.knowledge.remember,
                    f"INC-{incident_id}",
                    incident.title,
                    analysis,
                    proposed_fix(analysis),
                    resolved_at,
                )
            except Exception:  # remembering is best effort; the incident is already resolved
                log.exception("could not add incident %s to the incidents collection", incident_id)


def proposed_fix(analysis: Analysis) -> str:
    """What the runbook proposed for the top hypothesis, as the fix to recall next time."""
    top = analysis.hypotheses[0]
    for step in top.next_steps:
        if step.actions:
            return f"{step.actions[0].label} ({step.title})"
    return f"see runbook for {top.cause.replace('_', ' ')} on {top.culprit}"


class IncidentReader(Protocol):
    async def get(self, incident_id: int) -> _Resolved | None: ...


class AnalysisReader(Protocol):
    async def latest(self, incident_id: int) -> Analysis | None: ...


class _Resolved(Protocol):
    @property
    def title(self) -> str: ...

    @property
    def resolved_at(self) -> datetime | None: ...
