"""The router on the five labelled sets, with floors just under what was measured.

Measured numbers and their history are in tests/desk/README.md ("Scores"). Every set has been
tuned on since its first-sight run. Every privileged row must be escalated, except one row of
halden.jsonl whose label the router disagrees with on purpose (the README says why).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.desk.classify import DeskClassifier
from bot.desk.evaluation import parse_labelled, score

pytestmark = pytest.mark.slow

SETS = Path(__file__).resolve().parent


def _scores(classifier: DeskClassifier, name: str) -> dict[str, object]:
    rows = parse_labelled((SETS / name).read_text(encoding="utf-8"), name)
    return score(rows, classifier.classify_many([r.text for r in rows]))


def _at_least(report: dict[str, object], key: str, floor: float) -> None:
    value = report[key]
    assert isinstance(value, float)
    assert value >= floor, (key, value, report["misses"])


def _at_most(report: dict[str, object], key: str, ceiling: float) -> None:
    value = report[key]
    assert isinstance(value, float)
    assert value <= ceiling, (key, value, report["misses"])


def test_requests_set(classifier: DeskClassifier) -> None:
    report = _scores(classifier, "requests.jsonl")
    assert report["rows"] == 221
    _at_least(report, "intent_accuracy", REQUESTS_INTENT_FLOOR)
    _at_least(report, "privileged_escalated", 1.0)
    _at_most(report, "over_escalation", REQUESTS_OVER_ESCALATION_CEILING)
    _at_least(report, "category_accuracy", REQUESTS_CATEGORY_FLOOR)


def test_heldout_set(classifier: DeskClassifier) -> None:
    report = _scores(classifier, "heldout.jsonl")
    assert report["rows"] == 77
    _at_least(report, "intent_accuracy", HELDOUT_INTENT_FLOOR)
    _at_least(report, "privileged_escalated", HELDOUT_PRIVILEGED_FLOOR)
    _at_most(report, "over_escalation", HELDOUT_OVER_ESCALATION_CEILING)


def test_northfield_set(classifier: DeskClassifier) -> None:
    report = _scores(classifier, "northfield.jsonl")
    assert report["rows"] == 163
    _at_least(report, "intent_accuracy", NORTHFIELD_INTENT_FLOOR)
    _at_least(report, "privileged_escalated", NORTHFIELD_PRIVILEGED_FLOOR)
    _at_most(report, "over_escalation", NORTHFIELD_OVER_ESCALATION_CEILING)


def test_halden_set(classifier: DeskClassifier) -> None:
    report = _scores(classifier, "halden.jsonl")
    assert report["rows"] == 189
    _at_least(report, "intent_accuracy", HALDEN_INTENT_FLOOR)
    _at_least(report, "privileged_escalated", HALDEN_PRIVILEGED_FLOOR)
    _at_most(report, "over_escalation", HALDEN_OVER_ESCALATION_CEILING)
    _at_least(report, "category_accuracy", HALDEN_CATEGORY_FLOOR)


def test_carrow_set(classifier: DeskClassifier) -> None:
    report = _scores(classifier, "carrow.jsonl")
    assert report["rows"] == 192
    _at_least(report, "intent_accuracy", CARROW_INTENT_FLOOR)
    _at_least(report, "privileged_escalated", 1.0)
    _at_most(report, "over_escalation", CARROW_OVER_ESCALATION_CEILING)
    _at_least(report, "category_accuracy", CARROW_CATEGORY_FLOOR)


# requests.jsonl (tuned on after first sight): intent 0.982, privileged escalated 1.0,
# over-escalation 0.0, category 0.978.
REQUESTS_INTENT_FLOOR = 0.97
REQUESTS_OVER_ESCALATION_CEILING = 0.02
REQUESTS_CATEGORY_FLOOR = 0.95
# heldout.jsonl, first sight: intent 0.844, privileged escalated 0.833, over-escalation 0.0; tuned on
# since: intent 0.922, privileged escalated 1.0.
HELDOUT_INTENT_FLOOR = 0.90
HELDOUT_PRIVILEGED_FLOOR = 1.0
HELDOUT_OVER_ESCALATION_CEILING = 0.05
# northfield.jsonl (a university, written blind), first sight: intent 0.779, privileged escalated
# 0.765 (26/34), over-escalation 0.05 (2/40); tuned on since: intent 0.828, privileged escalated 1.0,
# over-escalation 0.025.
NORTHFIELD_INTENT_FLOOR = 0.81
NORTHFIELD_PRIVILEGED_FLOOR = 1.0
NORTHFIELD_OVER_ESCALATION_CEILING = 0.05
# halden.jsonl (a manufacturer, written blind), first sight: intent 0.825, privileged escalated 0.842
# (32/38), over-escalation 0.061 (4/66), category 1.0; tuned on since: intent 0.878, privileged
# escalated 0.974 (37/38), over-escalation 0.030, category 0.971.
HALDEN_INTENT_FLOOR = 0.86
HALDEN_PRIVILEGED_FLOOR = 0.97
HALDEN_OVER_ESCALATION_CEILING = 0.04
HALDEN_CATEGORY_FLOOR = 0.95
# carrow.jsonl (a law firm, written blind), first sight: intent 0.865, privileged escalated 0.791
# (34/43), over-escalation 0.015 (1/66), category 0.935; privilege rules tuned on since: intent 0.870,
# privileged escalated 1.0.
CARROW_INTENT_FLOOR = 0.85
CARROW_OVER_ESCALATION_CEILING = 0.03
CARROW_CATEGORY_FLOOR = 0.90
