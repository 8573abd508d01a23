"""Ask the model about an analysis, and merge what holds up by one fixed rule.

The merge rule: **the rules' ranking stands.** The model never removes, reorders or rescores a
hypothesis of the rules. It adds a plain-language summary, kept apart from the rules' own
text and shown as the model's, and hypotheses the rules did not rank, appended after theirs
with confidence 0 (the model states no probabilities), the model's rationale as their summary
and the evidence they cite. A hypothesis the model names that the rules already ranked adds
nothing but agreement, which is not shown.

Advice never fails an investigation: a timeout, an error or a reply that cannot be used leaves
the rules' analysis as it was, with the reason named among its missing sources (``llm: ...``).
"""

from __future__ import annotations

import logging

from bot.engine.model import Analysis, Hypothesis
from bot.llm.advice import Advice, AdviceRejected, read_advice
from bot.llm.asking import NoAnswer, ask
from bot.llm.bundle import SYSTEM_PROMPT, evidence_bundle
from connectors.llm import ChatModel

log = logging.getLogger(__name__)

#: Seconds the model has to answer; the first post never waits for it.
DEFAULT_TIMEOUT_SECONDS = 20.0


class Advisor:
    def __init__(self, model: ChatModel, *, label: str, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        self._model = model
        self.label = label
        self._timeout = timeout_seconds

    async def advise(self, analysis: Analysis) -> Analysis:
        """``analysis`` with the model's advice merged in, or with the reason there is none."""
        bundle = evidence_bundle(analysis)
        advice = await ask(
            self._model,
            SYSTEM_PROMPT,
            bundle.document,
            read=lambda reply: read_advice(reply, bundle),
            rejected=AdviceRejected,
            label=self.label,
            timeout_seconds=self._timeout,
            asked_for="language model advice",
        )
        if isinstance(advice, NoAnswer):
            return _degraded(analysis, f"llm: {advice.reason}")
        for problem in advice.problems:
            log.info("model advice trimmed: %s", problem)
        return merge(analysis, advice, self.label)


def merge(analysis: Analysis, advice: Advice, label: str) -> Analysis:
    """The merge rule of this module's docstring."""
    ranked = {(h.cause, h.culprit) for h in analysis.hypotheses}
    added = tuple(
        Hypothesis(
            cause=h.cause,
            culprit=h.culprit,
            confidence=0.0,
            score=0.0,
            summary=h.rationale or f"{h.culprit}: {h.cause}",
            evidence=h.evidence,
            source="model",
        )
        for h in advice.hypotheses
        if (h.cause, h.culprit) not in ranked
    )
    missing = analysis.missing_sources
    if advice.problems:
        missing = (*missing, f"llm: {len(advice.problems)} part(s) of the answer dropped ({advice.problems[0]})")
    return analysis.model_copy(
        update={
            "hypotheses": (*analysis.hypotheses, *added),
            "model_summary": advice.summary,
            "advised_by": label,
            "missing_sources": missing,
        }
    )


def _degraded(analysis: Analysis, problem: str) -> Analysis:
    log.warning("no model advice: %s", problem)
    return analysis.model_copy(update={"missing_sources": (*analysis.missing_sources, problem)})
