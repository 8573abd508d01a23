"""The optional language-model layer: advice on an analysis, never a decision.

:func:`~bot.llm.bundle.evidence_bundle` turns the rules' analysis into a bounded JSON document
of evidence, each item with an id; the model (any OpenAI-compatible endpoint,
:mod:`connectors.llm`) answers a summary and hypotheses citing those ids;
:func:`~bot.llm.advice.read_advice` keeps only what cites evidence that exists; and
:class:`~bot.llm.advisor.Advisor` merges it by one rule: the rules' ranking stands, the model
adds a summary and hypotheses after the rules' own, marked as the model's. The model can
trigger no action and no tool; with no model configured, or a model that fails, the rules'
answer is the answer.

Errors: :class:`~bot.llm.advice.AdviceRejected` (an :class:`~bot.errors.OpsdeskError`) when a
reply is unusable; the advisor turns it, and every other failure, into a named degradation.
"""

from bot.llm.advice import Advice, AdviceRejected, read_advice
from bot.llm.advisor import Advisor, merge
from bot.llm.bundle import Bundle, evidence_bundle

__all__ = ["Advice", "AdviceRejected", "Advisor", "Bundle", "evidence_bundle", "merge", "read_advice"]
