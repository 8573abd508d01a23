from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine.onset import detect_onset

STEP = 30.0


def _series(values: list[float]) -> list[tuple[float, float]]:
    return [(1_700_000_000 + i * STEP, v) for i, v in enumerate(values)]


def _noisy(level: float, sigma: float, n: int, seed: int = 7) -> list[float]:
    rng = random.Random(seed)
    return [max(0.0, level + rng.gauss(0, sigma)) for _ in range(n)]


def test_step_in_error_ratio_is_dated_to_the_first_bad_sample() -> None:
    values = _noisy(0.004, 0.001, 200) + _noisy(0.15, 0.01, 40, seed=8)
    onset = detect_onset("checkout", "error_ratio", _series(values))
    assert onset is not None
    assert onset.direction == "up"
    assert onset.at == datetime.fromtimestamp(1_700_000_000 + 200 * STEP, tz=UTC)
    assert 0.003 < onset.baseline < 0.005
    assert onset.level > 0.13
    assert onset.strength > 0.9


def test_flat_noise_has_no_onset() -> None:
    assert detect_onset("checkout", "latency_p99_seconds", _series(_noisy(0.3, 0.03, 240))) is None


def test_spiky_baseline_is_not_an_onset() -> None:
    values = _noisy(0.25, 0.02, 240)
    for i in range(10, 240, 37):
        values[i] = 1.4
    assert detect_onset("search", "latency_p99_seconds", _series(values)) is None


def test_tiny_absolute_move_in_error_ratio_is_ignored() -> None:
    values = _noisy(0.001, 0.0001, 200) + _noisy(0.004, 0.0001, 40)
    assert detect_onset("checkout", "error_ratio", _series(values)) is None


def test_a_share_of_a_limit_filling_its_last_headroom_is_an_onset_however_small_the_move() -> None:
    # a tablespace at 91 % that fills up: 9 points, under the 10-point minimum far from the limit
    values = _noisy(0.91, 0.004, 200) + _noisy(0.995, 0.003, 40, seed=8)
    onset = detect_onset("cards-db", "saturation", _series([min(v, 1.0) for v in values]))
    assert onset is not None
    assert onset.direction == "up"
    assert onset.at == datetime.fromtimestamp(1_700_000_000 + 200 * STEP, tz=UTC)
    # the same 9 points in the middle of the range are ordinary variation
    assert detect_onset("cards-db", "saturation", _series([v - 0.5 for v in values])) is None
    # and a share of nothing (request rate) has no headroom to use up
    assert detect_onset("cards", "request_rate", _series([v * 100 for v in values])) is None


def test_ramp_is_dated_near_where_it_left_the_baseline() -> None:
    values = _noisy(0.45, 0.01, 120) + [0.45 + 0.004 * i for i in range(120)]
    onset = detect_onset("orders", "memory_utilisation", _series(values))
    assert onset is not None
    ramp_start = 1_700_000_000 + 120 * STEP
    assert abs(onset.at.timestamp() - ramp_start) <= 20 * STEP


def test_traffic_collapse_is_a_down_onset() -> None:
    values = _noisy(400, 20, 200) + _noisy(5, 2, 30)
    onset = detect_onset("payments-db", "request_rate", _series(values))
    assert onset is not None
    assert onset.direction == "down"
    assert onset.ratio < 0.1


def test_falling_error_ratio_is_not_interesting() -> None:
    values = _noisy(0.2, 0.01, 200) + _noisy(0.002, 0.0005, 40)
    assert detect_onset("checkout", "error_ratio", _series(values)) is None


def test_points_after_now_are_ignored() -> None:
    values = _noisy(0.004, 0.001, 200) + _noisy(0.2, 0.01, 40)
    now = datetime.fromtimestamp(1_700_000_000 + 150 * STEP, tz=UTC)
    assert detect_onset("checkout", "error_ratio", _series(values), now) is None


def test_too_few_points_give_no_answer() -> None:
    assert detect_onset("a", "error_ratio", _series([0.0, 0.5, 0.5])) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=-1e6, max_value=1e6) | st.just(float("nan")), max_size=300))
def test_any_series_gives_an_onset_inside_it_or_none(values: list[float]) -> None:
    points = _series(values)
    onset = detect_onset("svc", "saturation", points)
    if onset is not None:
        assert points[0][0] <= onset.at.timestamp() <= points[-1][0]
        assert 0.0 <= onset.strength <= 1.0


def test_a_slow_leak_is_dated_to_where_it_began_climbing_not_where_it_cleared_the_noise() -> None:
    flat = _noisy(0.45, 0.02, 120)
    rng = random.Random(3)
    leak = [0.45 + 0.45 * (i + 1) / 180 + rng.gauss(0, 0.02) for i in range(180)]  # 90 minutes to 0.9
    onset = detect_onset("orders", "memory_utilisation", _series(flat + leak))
    assert onset is not None
    leak_start = 1_700_000_000 + 120 * STEP
    assert abs(onset.at.timestamp() - leak_start) <= 2 * STEP


def test_a_step_in_a_resource_keeps_its_step_dating() -> None:
    values = _noisy(0.3, 0.01, 150) + _noisy(0.85, 0.01, 60, seed=9)
    onset = detect_onset("orders", "saturation", _series(values))
    assert onset is not None
    assert onset.at == datetime.fromtimestamp(1_700_000_000 + 150 * STEP, tz=UTC)


def test_a_fast_filling_queue_is_not_dated_before_it_began() -> None:
    # a broker's backlog from a recorded incident: flat and noisy, then filling within minutes of
    # the producer's surge at 02:29:30; a hinge fitted through the curve lands minutes earlier
    recorded = Path(__file__).parent / "blind_logistics" / "pw-dec01-sorting-lag-utrecht" / "signals.json"
    points = json.loads(recorded.read_text())["rabbitmq"]["saturation"]
    now = datetime(2026, 12, 1, 3, 10, tzinfo=UTC)
    onset = detect_onset("rabbitmq", "saturation", points, now)
    assert onset is not None
    assert onset.at >= datetime(2026, 12, 1, 2, 27, 30, tzinfo=UTC)


def test_a_climb_under_way_when_the_series_began_is_censored_and_a_step_is_not() -> None:
    rng = random.Random(4)
    climbing = [0.5 + 0.0015 * i + rng.gauss(0, 0.01) for i in range(240)]
    leak = detect_onset("orders", "memory_utilisation", _series(climbing))
    assert leak is not None
    assert leak.censored
    assert leak.at == datetime.fromtimestamp(1_700_000_000, tz=UTC)
    step = detect_onset("checkout", "error_ratio", _series(_noisy(0.004, 0.001, 200) + _noisy(0.15, 0.01, 40, seed=8)))
    assert step is not None
    assert not step.censored


def test_a_leak_that_ended_in_a_restart_before_the_window_closed_is_still_a_leak() -> None:
    """Memory climbing all window long to 95 %, then the process killed at its limit and back at
    half: the level at the end is low, but the climb before it is the exhaustion."""
    rng = random.Random(5)
    climbing = [0.6 + 0.0016 * i + rng.gauss(0, 0.005) for i in range(220)]
    restarted = climbing + [0.55 + 0.002 * i + rng.gauss(0, 0.005) for i in range(40)]
    leak = detect_onset("pacing", "memory_utilisation", _series(restarted))
    assert leak is not None
    assert leak.censored
    assert leak.at == datetime.fromtimestamp(1_700_000_000, tz=UTC)
    assert leak.peak >= 0.94
    sawtooth = [0.5 + 0.4 * ((i % 20) / 20) for i in range(225)]  # a collector's ordinary rhythm
    assert detect_onset("jvm", "memory_utilisation", _series(sawtooth)) is None


def test_a_leak_whose_restarts_took_a_quarter_of_the_window_is_still_a_leak() -> None:
    """A goroutine leak climbs for two hours and a quarter to 97 %, and the pods have been killed
    and restarted for the 45 minutes since (each restart climbing again): the climb is still most
    of what the window shows, three times as long as the restarts after it."""
    rng = random.Random(7)
    climbing = [0.85 + 0.0009 * i + rng.gauss(0, 0.003) for i in range(134)]
    restarts = [0.41 + 0.006 * (i % 8) + rng.gauss(0, 0.003) for i in range(45)]
    leak = detect_onset("push", "memory_utilisation", _series(climbing + restarts))
    assert leak is not None
    assert leak.peak >= 0.96
