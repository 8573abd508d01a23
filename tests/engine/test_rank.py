"""Ranking: shares of plausibility with a reserve, top three kept, the rest discarded, ties broken the same way."""

from __future__ import annotations

import random

import pytest

from bot.engine.model import Cause, Evidence
from bot.engine.rank import MAX_EVIDENCE, SHARPNESS, TOP_N, UNEXPLAINED, rank
from bot.engine.rules import Candidate
from tests.engine.situations import T0


def _candidate(cause: Cause, culprit: str, score: float, evidence: list[Evidence] | None = None) -> Candidate:
    return Candidate(cause, culprit, score, f"{cause} at {culprit}", T0, evidence or [])


FIVE = [
    _candidate("deploy", "api", 0.9),
    _candidate("dependency_outage", "db", 0.5),
    _candidate("traffic_surge", "web", 0.3),
    _candidate("resource_saturation", "db", 0.2),
    _candidate("external", "stripe", 0.1),
]


def test_confidences_are_shares_that_leave_a_reserve_for_none_of_these() -> None:
    hypotheses, _ = rank(FIVE)
    total = sum(c.score**SHARPNESS for c in FIVE) + UNEXPLAINED
    assert [h.confidence for h in hypotheses] == [round(c.score**SHARPNESS / total, 3) for c in FIVE[:TOP_N]]
    assert sum(h.confidence for h in hypotheses) <= 1 - UNEXPLAINED / total + 0.002


def test_one_sure_candidate_keeps_only_the_reserve_in_doubt() -> None:
    (only,), _ = rank([_candidate("deploy", "api", 1.0)])
    assert only.confidence == round(1 / (1 + UNEXPLAINED), 3)


def test_the_top_three_are_kept_in_score_order_and_the_rest_are_discarded_with_their_rank() -> None:
    hypotheses, runners_up = rank(list(reversed(FIVE)))
    assert [(h.cause, h.culprit) for h in hypotheses] == [
        ("deploy", "api"),
        ("dependency_outage", "db"),
        ("traffic_surge", "web"),
    ]
    assert [h.score for h in hypotheses] == [0.9, 0.5, 0.3]
    assert [d.reason for d in runners_up] == [
        "ranked 4 (score 0.20): resource_saturation at db",
        "ranked 5 (score 0.10): external at stripe",
    ]


def test_ties_are_ordered_by_cause_then_culprit_whatever_the_input_order() -> None:
    tied = [_candidate("external", "stripe", 0.5), _candidate("deploy", "web", 0.5), _candidate("deploy", "api", 0.5)]
    expected = [("deploy", "api"), ("deploy", "web"), ("external", "stripe")]
    for seed in range(6):
        shuffled = random.Random(seed).sample(tied, len(tied))
        hypotheses, _ = rank(shuffled)
        assert [(h.cause, h.culprit) for h in hypotheses] == expected
        assert len({h.confidence for h in hypotheses}) == 1


def test_the_same_cause_and_culprit_twice_keeps_the_better_one() -> None:
    hypotheses, runners_up = rank([_candidate("deploy", "api", 0.3), _candidate("deploy", "api", 0.7)])
    assert [h.score for h in hypotheses] == [0.7]
    assert runners_up == []


def test_evidence_is_deduplicated_heaviest_first_and_capped() -> None:
    evidence = [Evidence(kind="metric", text=f"signal {i}", weight=i / 10) for i in range(MAX_EVIDENCE + 3)]
    evidence.append(Evidence(kind="log", text="signal 8", weight=1.0))
    (hypothesis,), _ = rank([_candidate("deploy", "api", 0.5, evidence)])
    assert [e.text for e in hypothesis.evidence] == [
        "signal 8",
        *(f"signal {i}" for i in range(7, 7 - MAX_EVIDENCE + 1, -1)),
    ]
    assert hypothesis.evidence[0].weight == 1.0


@pytest.mark.parametrize("count", [0, 1, TOP_N, TOP_N + 4])
def test_every_candidate_is_either_a_hypothesis_or_a_runner_up(count: int) -> None:
    candidates = [_candidate("deploy", f"svc{i}", 1 / (i + 1)) for i in range(count)]
    hypotheses, runners_up = rank(candidates)
    assert len(hypotheses) == min(count, TOP_N)
    assert len(hypotheses) + len(runners_up) == count
