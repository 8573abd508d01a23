"""Clocks for tests and benchmarks that replay a recorded moment while real time passes."""

from __future__ import annotations

import time
from datetime import datetime, timedelta


class RunningClock:
    """Starts at ``start`` (a scenario's "now") and advances with real time, so durable timers
    (a debounce of a quarter second) fall due while the investigation still sees the scenario's time."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("RunningClock needs an aware datetime")
        self._start = start
        self._origin = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._origin)
