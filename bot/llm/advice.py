"""What the model said, checked: a reply is used only as far as it cites evidence that exists.

:func:`read_advice` parses the reply and keeps what holds up:

* the reply must be one JSON object (else :class:`AdviceRejected`);
* a hypothesis needs a known cause, a culprit in the incident's scope and at least one cited
  id, every one of which must be in the bundle; any other is dropped, and said so;
* the summary must cite at least one id and only existing ones, and stay short; else it is
  dropped, and said so.

Nothing the model writes is ever read as an instruction: its text is shown, labelled as the
model's, and escaped like any outside text where it reaches Slack.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from bot.engine.model import CAUSES, Cause, Evidence
from bot.errors import OpsdeskError
from bot.llm.bundle import Bundle

#: Longest summary kept; a longer one is dropped rather than cut mid-claim.
MAX_SUMMARY_CHARS = 700
#: Longest rationale kept for one hypothesis.
MAX_RATIONALE_CHARS = 300
#: Hypotheses read from one reply.
MAX_HYPOTHESES = 3
_CITATION = re.compile(r"\[(E\d+)\]")


class AdviceRejected(OpsdeskError):
    """The reply could not be used at all."""


@dataclass(frozen=True)
class ModelHypothesis:
    cause: Cause
    culprit: str
    rationale: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Advice:
    summary: str | None
    hypotheses: tuple[ModelHypothesis, ...]
    problems: tuple[str, ...] = field(default=())
    """What was dropped from the reply, and why."""


def read_advice(reply: str, bundle: Bundle) -> Advice:
    try:
        data = json.loads(reply)
    except ValueError:
        raise AdviceRejected("the reply is not JSON") from None
    if not isinstance(data, dict):
        raise AdviceRejected("the reply is not a JSON object")
    problems: list[str] = []
    summary = _summary(data.get("summary"), bundle, problems)
    hypotheses: list[ModelHypothesis] = []
    raw = data.get("hypotheses")
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        if len(hypotheses) == MAX_HYPOTHESES:
            problems.append(f"hypotheses after the first {MAX_HYPOTHESES} ignored")
            break
        checked = _hypothesis(item, bundle)
        if isinstance(checked, str):
            problems.append(f"hypothesis {index + 1} dropped: {checked}")
        else:
            hypotheses.append(checked)
    return Advice(summary, tuple(hypotheses), tuple(problems))


def _summary(value: Any, bundle: Bundle, problems: list[str]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append("summary dropped: not text")
        return None
    text = value.strip()
    if len(text) > MAX_SUMMARY_CHARS:
        problems.append(f"summary dropped: longer than {MAX_SUMMARY_CHARS} characters")
        return None
    cited = _CITATION.findall(text)
    if not cited:
        problems.append("summary dropped: it cites no evidence")
        return None
    if unknown := sorted(set(cited) - bundle.items.keys()):
        problems.append(f"summary dropped: it cites evidence that does not exist ({', '.join(unknown)})")
        return None
    return text


def _hypothesis(item: Any, bundle: Bundle) -> ModelHypothesis | str:
    """The hypothesis, or why it was dropped."""
    if not isinstance(item, dict):
        return "not an object"
    cause, culprit, cited = item.get("cause"), item.get("culprit"), item.get("evidence")
    if cause not in CAUSES:
        return f"unknown cause {str(cause)[:40]!r}"
    if not isinstance(culprit, str) or culprit not in bundle.scope:
        return f"{str(culprit)[:60]!r} is not a component of this incident"
    if not isinstance(cited, list) or not cited or not all(isinstance(i, str) for i in cited):
        return "it cites no evidence"
    if unknown := sorted(set(cited) - bundle.items.keys()):
        return f"it cites evidence that does not exist ({', '.join(unknown)[:80]})"
    rationale = item.get("rationale")
    text = rationale.strip()[:MAX_RATIONALE_CHARS] if isinstance(rationale, str) else ""
    evidence = tuple(bundle.items[i] for i in dict.fromkeys(cited))
    return ModelHypothesis(cause, culprit, text, evidence)
