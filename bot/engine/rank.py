"""Ranking and calibration: from scored candidates to the top hypotheses.

Scores are plausibilities of independent explanations; a confidence is a
candidate's share of all (sharpened) plausibility plus a reserve for "none of
these" (``UNEXPLAINED``), so one strong candidate among weak ones reads ~0.8 and
two equally good ones read ~0.45 each. Both constants were chosen from the
reliability table of bench/eval_calibration.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.engine.feedback import NEUTRAL, CauseWeights
from bot.engine.model import Discarded, Evidence, Hypothesis
from bot.engine.rules import Candidate

#: Hypotheses kept; the rest are discarded as runners-up.
TOP_N = 3
#: Plausibility reserved for "none of these" when taking shares.
UNEXPLAINED = 0.12
#: Plausibilities are combined multiplicatively, so they compress; squaring them before
#: taking shares brought stated confidence in line with hit rates (bench/eval_calibration.py).
SHARPNESS = 2.0
#: Evidence items kept per hypothesis, heaviest first.
MAX_EVIDENCE = 6
#: Decimals kept of a confidence.
CONFIDENCE_DIGITS = 3
#: Decimals kept of a score.
SCORE_DIGITS = 4


def merge(candidates: Sequence[Candidate], weights: CauseWeights = NEUTRAL) -> list[Candidate]:
    """One candidate per (cause, culprit): the best-scoring one, its score times its cause's weight."""
    best: dict[tuple[str, str], Candidate] = {}
    for candidate in candidates:
        weight = weights.of(candidate.cause)
        if weight != 1.0:
            candidate = candidate.scaled(weight)
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


def rank(candidates: Sequence[Candidate], weights: CauseWeights = NEUTRAL) -> tuple[list[Hypothesis], list[Discarded]]:
    merged = sorted(merge(candidates, weights), key=lambda c: (-c.score, c.cause, c.culprit))
    total = sum(c.score**SHARPNESS for c in merged) + UNEXPLAINED
    hypotheses = [
        Hypothesis(
            cause=c.cause,
            culprit=c.culprit,
            confidence=round(c.score**SHARPNESS / total, CONFIDENCE_DIGITS),
            score=round(c.score, SCORE_DIGITS),
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
