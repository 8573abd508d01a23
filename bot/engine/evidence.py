"""The engine's inputs: signal series, log records and change events, and the standard signals.

The engine owns these types; the sources' own data (``connectors``) is turned into them by
:mod:`bot.incidents.sources`, so the engine itself imports no I/O.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

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
        """From an ``(n, 2)`` float array already in time order (no copy, no check)."""
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
