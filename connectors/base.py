"""Data types the evidence sources return, and the protocols they satisfy.

The exception tree is small on purpose::

    SourceError            a source could not answer (unreachable, bad reply, bad file)
    └── SourceNotConfigured  the source is not set up here (no URL, no file)

Callers treat both the same way: the source is recorded as missing and named
in the output, and the analysis goes on with what the other sources returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

STANDARD_SIGNALS: tuple[str, ...] = (
    "request_rate",
    "error_ratio",
    "latency_p99_seconds",
    "cpu_utilisation",
    "memory_utilisation",
    "saturation",
)

ChangeKind = Literal["deploy", "config", "flag", "infra"]


class SourceError(Exception):
    """A source could not answer."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SourceNotConfigured(SourceError):
    """The source is not set up in this deployment."""


class Series(BaseModel):
    """One signal of one service: ``(unix_seconds, value)`` samples in time order.

    Held as an ``(n, 2)`` float array, because the analysis works on arrays and series run to
    tens of thousands of points; ``Series(points=[(t, v), ...])`` builds one from pairs.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    service: str
    signal: str
    array: np.ndarray = Field(repr=False)

    @model_validator(mode="before")
    @classmethod
    def _from_points(cls, data: Any) -> Any:
        if isinstance(data, dict) and "points" in data and "array" not in data:
            data = {**data}
            points = data.pop("points")
            data["array"] = np.asarray(points if len(points) else np.empty((0, 2)), dtype=float)
        return data

    @field_validator("array")
    @classmethod
    def _pairs_in_time_order(cls, array: np.ndarray) -> np.ndarray:
        array = np.asarray(array, dtype=float).reshape(-1, 2) if array.size else np.empty((0, 2))
        if array.ndim != 2 or array.shape[1] != 2:
            raise ValueError("points must be (unix_seconds, value) pairs")
        if array.shape[0] > 1 and np.any(np.diff(array[:, 0]) < 0):
            array = array[np.argsort(array[:, 0], kind="stable")]
        return array

    @classmethod
    def from_array(cls, service: str, signal: str, array: np.ndarray) -> Series:
        """From an ``(n, 2)`` float array already in time order (connectors that built one)."""
        return cls.model_construct(service=service, signal=signal, array=array)

    @property
    def points(self) -> tuple[tuple[float, float], ...]:
        return tuple((t, v) for t, v in self.array.tolist())


class LogRecord(BaseModel):
    """One log line, reduced to what the analysis reads from an ECS document."""

    model_config = ConfigDict(frozen=True)

    timestamp: datetime
    service: str
    level: str
    message: str
    context: str = Field(
        default="",
        description="other ECS fields that can name a peer (error.*, destination.*, url.*), space separated",
    )


class ChangeEvent(BaseModel):
    """A deploy, config change, feature-flag flip or infrastructure change."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1, max_length=200)
    service: str = Field(min_length=1, max_length=200)
    kind: ChangeKind
    version: str | None = None
    previous_version: str | None = None
    started_at: datetime
    finished_at: datetime | None = None
    author: str | None = None
    description: str | None = None

    @property
    def effective_at(self) -> datetime:
        """When the change took effect: the end of a rollout when known."""
        return self.finished_at or self.started_at


@runtime_checkable
class MetricsSource(Protocol):
    name: str

    async def fetch_signals(self, services: Sequence[str], start: datetime, end: datetime) -> list[Series]: ...


@runtime_checkable
class LogSource(Protocol):
    name: str

    async def fetch_logs(self, services: Sequence[str], start: datetime, end: datetime) -> list[LogRecord]: ...


@runtime_checkable
class ChangeSource(Protocol):
    name: str

    async def fetch_changes(self, services: Sequence[str], start: datetime, end: datetime) -> list[ChangeEvent]: ...
