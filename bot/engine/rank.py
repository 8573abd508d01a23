"""Ranking and calibration: from scored candidates to the top hypotheses.

Scores are plausibilities of independent explanations; a confidence is a
candidate's share of all (sharpened) plausibility plus a reserve for "none of
these" (``UNEXPLAINED``), so one strong candidate among weak ones reads ~0.8 and
two equally good ones read ~0.45 each. Both constants were chosen from the
reliability table of bench/eval_calibration.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.engine.model import Discarded, Evidence, Hypothesis
from bot.engine.rules import Candidate

TOP_N = 3
UNEXPLAINED = 0.12
#: Plausibilities are combined multiplicatively, so they compress; squaring them before
#: taking shares brought stated confidence in line with hit rates (bench/eval_calibration.py).
SHARPNESS = 2.0
MAX_EVIDENCE = 6


def merge(candidates: Sequence[Candidate]) -> list[Candidate]:
    """One candidate per (cause, culprit): the best-scoring one."""
    best: dict[tuple[str, str], Candidate] = {}
    for candidate in candidates:
        key = (candidate.cause, candidate.culprit)
        if key not in best or candidate.score > best[key].score:
            best[key] = candidate
    return list(best.values())


def _ordered_evidence(evidence: Sequence[Evidence]) -> tuple[Evidence, ...]:
    seen: set[str] = set()
    unique = []
    for item in sorted(evidence, key=lambda e: -e.weight):
        if item.text not in seen:
            seen.add(item.text)
            unique.append(item)
    return tuple(unique[:MAX_EVIDENCE])


def rank(candidates: Sequence[Candidate]) -> tuple[list[Hypothesis], list[Discarded]]:
    merged = sorted(merge(candidates), key=lambda c: (-c.score, c.cause, c.culprit))
    total = sum(c.score**SHARPNESS for c in merged) + UNEXPLAINED
    hypotheses = [
        Hypothesis(
            cause=c.cause,
            culprit=c.culprit,
            confidence=round(c.score**SHARPNESS / total, 3),
            score=round(c.score, 4),
            summary=c.summary,
            evidence=_ordered_evidence(c.evidence),
            started_at=c.started_at,
        )
        for c in merged[:TOP_N]
    ]
    runners_up = [
        Discarded(cause=c.cause, culprit=c.culprit, reason=f"ranked {i} (score {c.score:.2f}): {c.summary}")
        for i, c in enumerate(merged[TOP_N:], start=TOP_N + 1)
    ]
    return hypotheses, runners_up
