"""Onset detection: when did a signal leave its own baseline, and how clearly?

Method, per series:

1. Noise: the robust spread of first differences (MAD / sqrt 2). Differences
   ignore slow drift and level shifts, so one fault does not inflate the noise.
2. Change-point: the split that maximises the standardised mean shift between
   before and after (the classic CUSUM statistic). Because "after" always runs
   to the end of the window, a shift that is still in force wins over an old,
   recovered blip.
3. Baseline: median and MAD of the points before the split.
4. Significance: the shift must exceed several baseline noise units AND a
   practical minimum effect for the signal (a 0.1 % error ratio move is real
   but irrelevant). The minimum is a floor on the size of the change, never a
   threshold on the level itself.
5. Onset time: walk back from the split over points that are still beyond the
   baseline band, so a ramp is dated from where it left the baseline. A resource
   that piles up (a leak) climbs so slowly that its first samples stay inside the
   band for many minutes; when a flat-then-rising line (a hinge) fits such a
   series far better than the step does, the onset moves back towards the
   hinge by as much as the climb takes to cross the band: a change made after
   a leak began cannot have caused it, and a fast burst keeps its dating.
6. Trend: a resource that piles up through the whole window has no baseline to shift from; a
   steady climb towards exhaustion is an onset dated to the window's start, also when the
   climb ended in a restart that let the level fall back before the window closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np

from bot.engine.model import Direction, Onset

#: Smallest change worth calling an onset, per signal: (absolute, relative to baseline).
MIN_EFFECT: dict[str, tuple[float, float]] = {
    "error_ratio": (0.01, 0.0),
    "latency_p99_seconds": (0.05, 0.3),
    "request_rate": (1.0, 0.3),
    "cpu_utilisation": (0.08, 0.2),
    "memory_utilisation": (0.08, 0.12),
    "saturation": (0.1, 0.25),
}
#: The smallest change for any other signal.
DEFAULT_MIN_EFFECT = (0.0, 0.3)
#: Signals that are shares of a limit (1.0 is full): near the limit, using up this share of the
#: headroom left is a change worth calling an onset, however small in absolute terms (a
#: tablespace going from 91 % to full).
BOUNDED = frozenset({"saturation", "memory_utilisation", "cpu_utilisation"})
HEADROOM_SHARE = 0.5

#: Directions that mean trouble for each signal (others are ignored).
INTERESTING: dict[str, tuple[Direction, ...]] = {
    "error_ratio": ("up",),
    "latency_p99_seconds": ("up",),
    "request_rate": ("up", "down"),
    "cpu_utilisation": ("up", "down"),
    "memory_utilisation": ("up",),
    "saturation": ("up",),
}

#: Resources that pile up (a leak, a filling disk, a growing queue) can climb through the
#: whole window: no baseline to shift from, so they are also tested for a steady trend.
ACCUMULATING = frozenset({"memory_utilisation", "saturation"})
#: A climb is steady when time and value correlate at least this well.
TREND_MIN_CORRELATION = 0.8
#: A steady climb is only an onset when it nears exhaustion; below that it is ordinary drift.
TREND_MIN_LEVEL = 0.75

#: A climb that reached this share of its limit and then fell away by RESTART_DROP ended in a
#: restart (the process was killed at its limit, or the disk was cleared): the climb up to the
#: peak is tested as a trend even though the window ends low.
RESTART_PEAK = 0.85
#: The fall from the peak, within the samples after it, that makes it a restart.
RESTART_DROP = 0.15
#: The climb up to the peak lasts at least this many times as long as what follows it (a
#: collector's sawtooth peaks early and often, and is no leak; a leak's restarts, each killed
#: sooner than the last, may take a while after the first kill).
RESTART_CLIMB_OVER_TAIL = 2.0

#: A hinge dates a climb when its squared error is at most this share of the step's.
HINGE_FIT_RATIO = 0.5
#: A noisy climb stays beyond the band sample after sample only once it is about this many
#: band widths up: how far before that the walk-back's start a hinge may move an onset.
CLEARING_BANDS = 2.0

#: Fewer samples than this (after ``now``'s cut) give no onset.
MIN_POINTS = 12
#: The shifted part after a split has at least this many samples.
MIN_AFTER = 3
#: The baseline before a split has at least this many samples...
MIN_BEFORE = MIN_POINTS // 2
#: ...and at least one in this many of the window's samples.
MIN_BEFORE_PARTS = 10
#: A shift must exceed this many units of the baseline's noise.
Z_REQUIRED = 4.0
#: A shift this many noise units clear is fully clear.
CLEAR_Z = 2 * Z_REQUIRED
#: A sample this many noise units beyond the baseline is outside its band.
BAND_Z = 3.0
#: The noise is at least one in this many of the minimum effect, so a flat baseline gives a finite z.
NOISE_FLOOR_PARTS = 10
#: Keeps the minimum effect positive on a zero baseline.
MIN_FLOOR = 1e-9
#: Effect, in minimum effects, at which an onset's strength reaches 1 - 1/e.
EFFECT_SCALE = 2.5
#: Samples back inside the band that a run of out-of-band samples may skip.
MAX_GAP = 1
#: A trend's level is the median of its last samples: at least this many...
TREND_TAIL_POINTS = 3
#: ...and one in this many of the window's samples.
TREND_TAIL_PARTS = 10
#: Decimals kept of an onset's z.
Z_DIGITS = 2
#: Decimals kept of an onset's strength.
STRENGTH_DIGITS = 3
#: Scales the median absolute deviation of normal noise to its standard deviation.
_MAD_TO_SIGMA = 1.4826


def _median(values: np.ndarray) -> float:
    """``np.median`` of a 1-d array, bit for bit, without its any-axis overhead (a third of the
    analysis time when hundreds of series are analysed): the same partition and the same mean of
    the middle values."""
    if values.size == 0:
        return float(np.median(values))
    half = values.size // 2
    middle = (half,) if values.size % 2 else (half - 1, half)
    # the last position too, where the partition puts a NaN if there is one
    part = np.partition(values, (*middle, -1))
    if np.isnan(part[-1]):
        return float(part[-1])
    return float(np.add.reduce(part[middle[0] : half + 1]) / len(middle))


def _robust_sigma(values: np.ndarray) -> float:
    if values.size < 2:
        return 0.0
    return float(_MAD_TO_SIGMA * _median(np.abs(values - _median(values))))


def _noise(values: np.ndarray) -> float:
    diffs = np.diff(values)
    return _robust_sigma(diffs) / np.sqrt(2.0) if diffs.size else 0.0


def _best_split(values: np.ndarray, min_before: int) -> int | None:
    n = values.size
    cumsum = np.cumsum(values)
    total = cumsum[-1]
    k = np.arange(min_before, n - MIN_AFTER + 1)
    if k.size == 0:
        return None
    mean_before = cumsum[k - 1] / k
    mean_after = (total - cumsum[k - 1]) / (n - k)
    statistic = np.abs(mean_after - mean_before) * np.sqrt(k * (n - k) / n)
    return int(k[int(np.argmax(statistic))])


def detect_onset(
    service: str,
    signal: str,
    points: Sequence[tuple[float, float]] | np.ndarray,
    now: datetime | None = None,
) -> Onset | None:
    """The onset of the current shift in ``points``, or None when the signal is at baseline.

    Points after ``now`` are ignored, so a replay never looks into the future.
    """
    if len(points) < MIN_POINTS:
        return None
    array = np.asarray(points, dtype=float).reshape(-1, 2)
    keep = np.isfinite(array[:, 1])
    if now is not None:
        keep &= array[:, 0] <= now.timestamp()
    times, values = array[keep, 0], array[keep, 1]
    if values.size < MIN_POINTS:
        return None
    split = _best_split(values, min_before=max(MIN_BEFORE, values.size // MIN_BEFORE_PARTS))
    if split is None:
        return None
    found = _shift(service, signal, times, values, split)
    if found is None and signal in ACCUMULATING:
        found = _trend(service, signal, times, values)
    if found is None and signal in ACCUMULATING and (peak := _restarted_at(values)) is not None:
        found = _trend(service, signal, times[: peak + 1], values[: peak + 1])
    return found


def _restarted_at(values: np.ndarray) -> int | None:
    """The index of the peak a climb fell away from, when it reached RESTART_PEAK first."""
    peak = int(np.argmax(values))
    after = values.size - peak - 1
    if values[peak] < RESTART_PEAK or after == 0 or RESTART_CLIMB_OVER_TAIL * after > peak + 1 or peak + 1 < MIN_POINTS:
        return None
    return peak if values[peak] - float(values[peak + 1 :].min()) >= RESTART_DROP else None


def _shift(service: str, signal: str, times: np.ndarray, values: np.ndarray, split: int) -> Onset | None:
    """The mean shift at ``split``, if it is large and clear enough to be an onset."""
    before, after = values[:split], values[split:]
    baseline = _median(before)
    level = _median(after)
    direction: Direction = "up" if level >= baseline else "down"
    if direction not in INTERESTING.get(signal, ("up", "down")):
        return None
    floor = _min_effect(signal, baseline, direction)
    effect = abs(level - baseline)
    if effect < floor:  # most series: no need for the noise
        return None
    sigma = max(_robust_sigma(before), _noise(values), floor / NOISE_FLOOR_PARTS)
    z = effect / sigma
    if z < Z_REQUIRED:
        return None
    sign = 1.0 if direction == "up" else -1.0
    beyond = sign * (values - baseline) > BAND_Z * sigma
    start = _walk_back(beyond, split)
    if direction == "up" and signal in ACCUMULATING and (hinge := _hinge(times, values, split)) is not None:
        # the walk-back finds where a climb cleared the band; it began at most the time the
        # climb takes to cross the band earlier (a long time for a slow leak, little for a burst)
        began, slope = hinge
        cleared = float(times[start])
        reach = CLEARING_BANDS * BAND_Z * sigma / slope
        while start > 0 and times[start - 1] >= max(float(times[began]), cleared - reach):
            start -= 1
    peak = float(after.max() if direction == "up" else after.min())
    strength = float(1.0 - np.exp(-(effect / floor) / EFFECT_SCALE)) * float(min(1.0, z / CLEAR_Z) ** 0.5)
    return Onset(
        service=service,
        signal=signal,
        at=datetime.fromtimestamp(float(times[start]), tz=UTC),
        direction=direction,
        baseline=baseline,
        level=level,
        peak=peak,
        z=round(z, Z_DIGITS),
        strength=round(min(1.0, strength), STRENGTH_DIGITS),
        censored=start == 0,
    )


def _walk_back(beyond: np.ndarray, split: int) -> int:
    """First index of the run of out-of-band points around ``split`` (one gap tolerated)."""
    index = split
    while index < beyond.size and not beyond[index]:
        index += 1
    if index == beyond.size:
        return split
    start = index
    gap = 0
    probe = index - 1
    while probe >= 0:
        if beyond[probe]:
            start, gap = probe, 0
        else:
            gap += 1
            if gap > MAX_GAP:
                break
        probe -= 1
    return start


def _hinge(times: np.ndarray, values: np.ndarray, split: int) -> tuple[int, float] | None:
    """Where a steady climb began and its slope (per second), when a flat-then-rising line fits
    far better than a step at ``split``.

    For each candidate hinge ``h`` the line ``a + b * max(0, t - t[h])`` is fitted by least
    squares; suffix sums give every candidate's error at once.
    """
    n = values.size
    span = times[-1] - times[0]
    if span <= 0 or split < MIN_BEFORE:
        return None
    t = (times - times[0]) / span
    y = values - values.mean()  # centred: the sums below stay well conditioned
    syy = float(y @ y)
    step = syy - split * (n - split) / n * (y[split:].mean() - y[:split].mean()) ** 2
    hinges = np.arange(MIN_BEFORE, split + 1)

    def suffix(a: np.ndarray) -> np.ndarray:
        """Sums from each hinge to the end."""
        return np.cumsum(a[::-1])[::-1][hinges]

    count, st, stt, sty, sy = n - hinges, suffix(t), suffix(t * t), suffix(t * y), suffix(y)
    th = t[hinges]
    sx = st - count * th
    sxx = stt - 2 * th * st + count * th * th - sx * sx / n
    sxy = sty - th * sy  # y is centred, so no mean term
    with np.errstate(divide="ignore", invalid="ignore"):
        error = np.where((sxx > 0) & (sxy > 0), syy - sxy * sxy / sxx, np.inf)
    best = int(np.argmin(error))
    if not np.isfinite(error[best]) or error[best] > HINGE_FIT_RATIO * step:
        return None
    return int(hinges[best]), float(sxy[best] / sxx[best]) / span


def _min_effect(signal: str, baseline: float, direction: Direction) -> float:
    """The smallest change of ``signal`` from ``baseline`` worth calling an onset."""
    absolute, relative = MIN_EFFECT.get(signal, DEFAULT_MIN_EFFECT)
    floor = max(absolute, relative * abs(baseline))
    if direction == "up" and signal in BOUNDED and baseline < 1.0:
        floor = min(floor, HEADROOM_SHARE * (1.0 - baseline))
    return max(floor, MIN_FLOOR)


def _trend(service: str, signal: str, times: np.ndarray, values: np.ndarray) -> Onset | None:
    """A steady climb through the whole window towards exhaustion, dated to the window's start."""
    elapsed = times - times[0]
    if elapsed[-1] <= 0 or np.ptp(values) == 0:
        return None
    tail = values[-max(TREND_TAIL_POINTS, values.size // TREND_TAIL_PARTS) :]
    level = _median(tail)
    if level < TREND_MIN_LEVEL:  # most series: no need for the fit
        return None
    slope, intercept = np.polyfit(elapsed, values, 1)
    correlation = float(np.corrcoef(elapsed, values)[0, 1])
    start, end = float(intercept), float(intercept + slope * elapsed[-1])
    floor = _min_effect(signal, start, "up")
    rise = end - start
    if slope <= 0 or correlation < TREND_MIN_CORRELATION or rise < floor:
        return None
    residual = _robust_sigma(values - (intercept + slope * elapsed))
    z = rise / max(residual, _noise(values), floor / NOISE_FLOOR_PARTS)
    if z < Z_REQUIRED:
        return None
    strength = float(1.0 - np.exp(-(rise / floor) / EFFECT_SCALE)) * min(1.0, correlation)
    return Onset(
        service=service,
        signal=signal,
        at=datetime.fromtimestamp(float(times[0]), tz=UTC),
        direction="up",
        baseline=start,
        level=level,
        peak=float(values.max()),
        z=round(float(z), Z_DIGITS),
        strength=round(min(1.0, strength), STRENGTH_DIGITS),
        censored=True,
    )
