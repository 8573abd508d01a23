"""Replayed metrics: a scenario's ``signals.json``, answered like a live metrics source.

``{"<service>": {"<signal>": [[unix_seconds, value], ...]}}``. The file is read and checked
once; each fetch returns the samples of the asked services inside the window. A missing file
is not configured; a broken one raises :class:`~connectors.errors.SourceUnavailable` naming
the file and the series.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cached_property
from itertools import chain
from typing import Any

import numpy as np

from connectors.errors import SourceUnavailable
from connectors.fetched import Fetched
from connectors.files import ReplayFile, collection_paused, read_scenario_json
from connectors.metrics import SignalSamples


class ReplayMetrics(ReplayFile):
    name = "metrics"

    @cached_property
    def series(self) -> list[SignalSamples]:
        """Every series of the file, each sorted by time (read on first use)."""
        # paused until the decoded lists are gone: a collection would walk each of them
        with collection_paused():
            return self._read()

    def _read(self) -> list[SignalSamples]:
        data = read_scenario_json(self.path, self.name)
        if not isinstance(data, dict):
            raise SourceUnavailable(self.name, f"{self.path}: expected {{service: {{signal: [[t, v], ...]}}}}")
        series = []
        for service, signals in data.items():
            if not isinstance(signals, dict):
                raise SourceUnavailable(self.name, f"{self.path}: {service}: expected a mapping of signals")
            for signal, points in signals.items():
                array = _points(points)
                if array is None:
                    raise SourceUnavailable(
                        self.name, f"{self.path}: {service}.{signal}: points must be [unix_seconds, value]"
                    )
                series.append(SignalSamples(str(service), str(signal), array))
        return series

    async def fetch_samples(self, services: Sequence[str], start: datetime, end: datetime) -> Fetched[SignalSamples]:
        wanted, lo, hi = set(services), start.timestamp(), end.timestamp()
        found = []
        for series in self.series:
            if series.service not in wanted:
                continue
            times = series.samples[:, 0]
            window = series.samples[np.searchsorted(times, lo, "left") : np.searchsorted(times, hi, "right")]
            found.append(SignalSamples(series.service, series.signal, window))
        return Fetched(tuple(found))


def _points(raw: Any) -> np.ndarray | None:
    """``[[t, v], ...]`` as an ``(n, 2)`` float array sorted by time, or None when it is not that."""
    try:
        if isinstance(raw, list) and raw and _pairs(raw):
            array = np.fromiter(chain.from_iterable(raw), dtype=float, count=2 * len(raw)).reshape(-1, 2)
        else:
            array = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        return None
    if array.size == 0:
        return np.empty((0, 2))
    if array.ndim != 2 or array.shape[1] != 2:
        return None
    times = array[:, 0]
    # recorded series are mostly in time order already: checking is cheaper than sorting
    if bool((times[1:] >= times[:-1]).all()):
        return array
    return array[np.argsort(times, kind="stable")]


def _pairs(raw: list[Any]) -> bool:
    """Whether every item is a list of two (whole-list checks, for series of thousands of points)."""
    return set(map(type, raw)) == {list} and set(map(len, raw)) == {2}
