"""The router on the eight labelled sets, with floors just under what was measured.

Measured numbers and their history are in tests/desk/README.md ("Scores"). Every set has been
tuned on since its first-sight run (kestrel.jsonl for one privileged row only). The learnt privilege model is fitted
without the rows of the set being scored (``holding_out``), so its part is out of sample.
Every privileged row of a tuned set must be escalated, except one row of halden.jsonl and two of
wren.jsonl whose labels the router disagrees with on purpose, and one wren.jsonl configuration
change no rule reads (the README says why).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.desk.classify import DeskClassifier
from bot.desk.evaluation import parse_labelled, score

pytestmark = pytest.mark.slow

SETS = Path(__file__).resolve().parent


def _scores(classifier: DeskClassifier, name: str) -> dict[str, object]:
    rows = parse_labelled((SETS / name).read_text(encoding="utf-8"), name)
    texts = [r.text for r in rows]
    return score(rows, classifier.holding_out(texts).classify_many(texts))


def _at_least(report: dict[str, object], key: str, floor: float) -> None:
    value = report[key]
    assert isinstance(value, float)
    assert value >= floor, (key, value, report["misses"])


def _at_most(report: dict[str, object], key: str, ceiling: float) -> None:
    value = report[key]
    assert isinstance(value, float)
    assert value <= ceiling, (key, value, report["misses"])


@dataclass(frozen=True)
class Floors:
    rows: int
    intent: float
    privileged: float
    over_escalation: float
    category: float | None = None


# Measured numbers and their history: tests/desk/README.md ("Scores"). Since the router learns
# intent from every other labelled set (scored with the set itself left out), intent rose on every
# set written elsewhere but heldout; over-escalation rose by a question or two on northfield,
# carrow, kestrel and harlow, and requests.jsonl lost three rows (0.968): the floors below are
# those measurements.
SETS_FLOORS = {
    # requests.jsonl (tuned on after first sight): intent 0.982, privileged escalated 1.0,
    # over-escalation 0.0, category 0.978.
    "requests.jsonl": Floors(rows=221, intent=0.96, privileged=1.0, over_escalation=0.02, category=0.95),
    # heldout.jsonl, first sight: intent 0.844, privileged escalated 0.833, over-escalation 0.0;
    # tuned on since: intent 0.922, privileged escalated 1.0.
    "heldout.jsonl": Floors(rows=77, intent=0.90, privileged=1.0, over_escalation=0.05),
    # northfield.jsonl (a university, written blind), first sight: intent 0.779, privileged escalated
    # 0.765 (26/34), over-escalation 0.05 (2/40); tuned on since: intent 0.828, privileged escalated
    # 1.0, over-escalation 0.025.
    "northfield.jsonl": Floors(rows=163, intent=0.85, privileged=1.0, over_escalation=0.05),
    # halden.jsonl (a manufacturer, written blind), first sight: intent 0.825, privileged escalated
    # 0.842 (32/38), over-escalation 0.061 (4/66), category 1.0; tuned on since: intent 0.878,
    # privileged escalated 0.974 (37/38), over-escalation 0.030, category 0.971; with the learnt
    # privilege model over-escalation 0.045 (3/66).
    "halden.jsonl": Floors(rows=189, intent=0.89, privileged=0.97, over_escalation=0.04, category=0.95),
    # carrow.jsonl (a law firm, written blind), first sight: intent 0.865, privileged escalated 0.791
    # (34/43), over-escalation 0.015 (1/66), category 0.935; privilege rules tuned on since: intent
    # 0.870, privileged escalated 1.0; with the learnt privilege model over-escalation 0.030 (2/66).
    "carrow.jsonl": Floors(rows=192, intent=0.89, privileged=1.0, over_escalation=0.07, category=0.90),
    # kestrel.jsonl (an airline, written blind), first sight: intent 0.852, privileged escalated
    # 0.786 (44/56), over-escalation 0.068 (5/73), category 0.909. With the learnt privilege model
    # (fitted without kestrel's rows): privileged escalated 0.982 (55/56), the rest unchanged; the
    # privilege rules then tuned on its one remaining miss (a lost phone in Polish, verb first): 1.0.
    "kestrel.jsonl": Floors(rows=216, intent=0.88, privileged=1.0, over_escalation=0.09, category=0.90),
    # wren.jsonl (an insurer, written blind), first sight with the privilege model fitted without
    # it: intent 0.836, privileged escalated 0.833 (45/54), over-escalation 0.092 (7/76), category 0.800.
    # Privilege rules tuned on six of its nine misses since: privileged escalated 0.944 (51/54),
    # over-escalation 0.068 (5/73 plain questions); two of the three left are labels the contract
    # disagrees with (README).
    "wren.jsonl": Floors(rows=219, intent=0.86, privileged=0.94, over_escalation=0.07, category=0.78),
    # harlow.jsonl (a retailer with stores and warehouses, written blind), first sight with the
    # privilege model fitted without it (commit 9b8b7d7): intent 0.805, privileged escalated 0.866
    # (58/67), over-escalation 0.071 (6/85), category 1.000. With intent learnt from the other sets
    # (chosen on the six older blind sets, before harlow was scored with it): intent 0.844,
    # privileged escalated 0.896 (60/67), over-escalation 0.094 (8/85), category 0.955.
    "harlow.jsonl": Floors(rows=257, intent=0.84, privileged=0.89, over_escalation=0.10, category=0.95),
}


@pytest.mark.parametrize("name", list(SETS_FLOORS))
def test_the_set_keeps_its_level(classifier: DeskClassifier, name: str) -> None:
    floors = SETS_FLOORS[name]
    report = _scores(classifier, name)
    assert report["rows"] == floors.rows
    _at_least(report, "intent_accuracy", floors.intent)
    _at_least(report, "privileged_escalated", floors.privileged)
    _at_most(report, "over_escalation", floors.over_escalation)
    if floors.category is not None:
        _at_least(report, "category_accuracy", floors.category)
