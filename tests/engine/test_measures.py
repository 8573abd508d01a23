"""The measures the rules share: headroom, timing, blame, and which failure came first."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest

from bot.engine.rules.measures import (
    CHANGE_LAG_SCALE,
    CLEAN_BLAME_DISCOUNT,
    HEADROOM_FLOOR,
    HEADROOM_FROM,
    HEADROOM_SPAN,
    NEAR_VICTIM_FACTOR,
    blame,
    earlier_root,
    effect_after,
    headroom_used,
    lag_timing,
    load_like,
    trouble_at,
)
from bot.engine.rules.weights import VICTIM_FACTOR
from tests.engine.situations import TOLERANCE, at, catalog, errors, lines, onset, situation

CHAIN = catalog({"api": {"depends_on": ["db"]}, "db": {}})


@pytest.mark.parametrize(
    ("peak", "used"),
    [(0.3, HEADROOM_FLOOR), (HEADROOM_FROM, HEADROOM_FLOOR), (HEADROOM_FROM + HEADROOM_SPAN, 1.0), (1.0, 1.0)],
)
def test_headroom_counts_only_climbs_towards_exhaustion(peak: float, used: float) -> None:
    assert headroom_used(peak) == pytest.approx(used)


def test_timing_is_full_within_the_tolerance_and_decays_after_it() -> None:
    f = situation(CHAIN, ["api"])
    assert lag_timing(f, TOLERANCE) == 1.0
    assert lag_timing(f, -TOLERANCE) == 1.0
    assert lag_timing(f, TOLERANCE + CHANGE_LAG_SCALE) == pytest.approx(math.exp(-1))


def test_callers_blaming_a_service_whose_own_signals_are_clean_count_less() -> None:
    blamed = [errors("api", 0, count=12, mentions=("db",))]
    unobserved = situation(CHAIN, ["api"], signatures=blamed)
    clean = situation(CHAIN, ["api"], signatures=blamed, signals={"db": ["error_ratio"]})
    assert blame(unobserved.services["db"]) == pytest.approx(1 - math.exp(-2))
    assert blame(clean.services["db"]) == pytest.approx(blame(unobserved.services["db"]) * CLEAN_BLAME_DISCOUNT)


@pytest.mark.parametrize(
    ("full", "message", "discounted"),
    [
        (True, "cache write to db failed: OOM command not allowed when used memory > 'maxmemory'", False),
        (False, "cache write to db failed: OOM command not allowed when used memory > 'maxmemory'", True),
        (True, "cache write to db failed: connection reset by peer", True),
    ],
)
def test_a_store_its_callers_say_ran_out_while_its_memory_is_full_has_no_clean_signals(
    full: bool, message: str, discounted: bool
) -> None:
    """A cache whose errors and latency look fine but whose memory sits at its limit, refusing
    writes "OOM command not allowed": its callers' complaints are not contradicted by its metrics."""
    blamed = [lines("api", message, 0, count=12, mentions=("db",))]
    memory = [onset("db", "memory_utilisation", -140, baseline=0.91, level=1.0, peak=1.0)] if full else []
    f = situation(
        CHAIN, ["api"], onsets=memory, signatures=blamed, signals={"db": ["error_ratio", "memory_utilisation"]}
    )
    unobserved = situation(CHAIN, ["api"], signatures=blamed)
    full_blame = blame(unobserved.services["db"])
    expected = full_blame * CLEAN_BLAME_DISCOUNT if discounted else full_blame
    assert blame(f.services["db"]) == pytest.approx(expected)


def test_trouble_begins_at_the_earlier_of_own_signs_and_callers_blame() -> None:
    f = situation(
        CHAIN, ["api"], onsets=[onset("db", "error_ratio", 3)], signatures=[errors("api", 1, mentions=("db",))]
    )
    assert trouble_at(f.services["db"]) == at(1)
    assert trouble_at(f.services["api"]) == at(1)


@pytest.mark.parametrize(
    ("db_minutes", "factor"),
    [(-10, VICTIM_FACTOR), (0, NEAR_VICTIM_FACTOR), (10, None)],
    ids=["earlier", "same-time", "later"],
)
def test_a_dependency_failing_no_later_makes_the_caller_its_victim(db_minutes: float, factor: float | None) -> None:
    f = situation(CHAIN, ["api"], onsets=[onset("db", "error_ratio", db_minutes), onset("api", "error_ratio", 0)])
    root = earlier_root(f, "api", at(0))
    assert (root.factor if root else None) == factor
    if root is not None:
        assert (root.service, root.at) == ("db", at(db_minutes))


def test_a_dependency_that_stops_answering_while_still_called_is_the_root_even_at_the_same_time() -> None:
    gone = onset("db", "request_rate", 0, baseline=250, level=0, direction="down")
    failing = [onset("db", "error_ratio", 0), onset("api", "error_ratio", 0)]
    f = situation(CHAIN, ["api"], onsets=[gone, *failing])
    root = earlier_root(f, "api", at(0))
    assert root is not None
    assert root.factor == VICTIM_FACTOR
    # when the caller's own traffic collapsed too, it may simply have stopped calling
    idle = onset("api", "request_rate", 0, baseline=250, level=0, direction="down")
    g = situation(CHAIN, ["api"], onsets=[gone, idle, *failing])
    assert (root := earlier_root(g, "api", at(0))) is not None
    assert root.factor == NEAR_VICTIM_FACTOR


def test_load_the_caller_sent_does_not_make_it_a_victim_when_load_is_explained() -> None:
    f = situation(
        CHAIN,
        ["api"],
        onsets=[
            onset("db", "saturation", 0, baseline=0.3, level=0.95),
            onset("db", "error_ratio", 0),
            onset("api", "error_ratio", 0),
            onset("api", "request_rate", -2, baseline=100, level=300),  # the load it sent
        ],
    )
    assert load_like(f, f.services["db"])
    assert earlier_root(f, "api", at(0), load_explained=True) is None
    root = earlier_root(f, "api", at(0))
    assert root is not None
    assert root.factor == NEAR_VICTIM_FACTOR


def test_a_service_that_stopped_serving_is_not_overloaded() -> None:
    f = situation(
        CHAIN,
        ["api"],
        onsets=[
            onset("db", "request_rate", 0, baseline=400.0, level=5.0, direction="down"),
            onset("db", "saturation", -1, baseline=0.3, level=0.95),
        ],
    )
    assert not load_like(f, f.services["db"])


def test_an_effect_is_trouble_from_the_cause_on_at_the_service_or_its_callers() -> None:
    f = situation(CHAIN, ["api"], onsets=[onset("db", "error_ratio", -10), onset("api", "error_ratio", 5)])
    assert effect_after(f, "db", at(-12)) == (at(-10), "db")
    assert effect_after(f, "db", at(0)) == (at(5), "api")
    assert effect_after(f, "db", at(0) + TOLERANCE + timedelta(minutes=6)) is None


def test_a_service_that_failed_with_a_platform_piece_logging_its_own_failure_is_its_victim() -> None:
    estate = catalog({"web": {"depends_on": ["api"]}, "api": {}, "billing": {}, "hosts": {"kind": "infrastructure"}})
    host_lines = errors("hosts", -1, count=6)
    f = situation(estate, ["web", "billing"], onsets=[onset("api", "error_ratio", 0)], signatures=[host_lines])
    f.services["hosts"].co_failures = ("api", "billing")
    root = earlier_root(f, "api", at(0))
    assert root is not None
    assert root.service == "hosts"
    assert root.factor == VICTIM_FACTOR
    alone = situation(estate, ["web", "billing"], onsets=[onset("api", "error_ratio", 0)], signatures=[host_lines])
    nearly = earlier_root(alone, "api", at(0))  # failing at the same time, but nothing failed with it
    assert nearly is not None
    assert nearly.factor == NEAR_VICTIM_FACTOR
