"""Metrics sources: golden signals per service, as ``(unix_seconds, value)`` samples.

:mod:`connectors.metrics.prometheus` queries Prometheus; :mod:`connectors.metrics.replay`
reads a scenario's ``signals.json``. Both satisfy :class:`MetricsSource`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable

import numpy as np

from connectors.fetched import Fetched


@dataclass(frozen=True, eq=False, slots=True)
class SignalSamples:
    """One signal of one service: an ``(n, 2)`` float array of ``(unix_seconds, value)`` rows
    in time order."""

    service: str
    signal: str
    samples: np.ndarray = field(repr=False)


@runtime_checkable
class MetricsSource(Protocol):
    name: str

    async def fetch_samples(self, services: Sequence[str], start: datetime, end: datetime) -> Fetched[SignalSamples]:
        """Every known signal of ``services`` between ``start`` and ``end``."""
        ...
