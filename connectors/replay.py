"""Replay sources: the evidence of a recorded incident, read from a scenario folder.

They answer exactly like live sources (same protocols, same window filtering),
so replay exercises the same pipeline as production. A file that the scenario
does not name is reported as not configured; a file that is named but broken
raises :class:`SourceError` naming the file and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from pydantic import TypeAdapter, ValidationError

from connectors.base import ChangeEvent, LogRecord, Series, SourceError, SourceNotConfigured

_CONTEXT_FIELDS = (
    ("error", "type"),
    ("error", "message"),
    ("destination", "address"),
    ("url", "domain"),
    ("url", "full"),
    ("url", "path"),
    ("host", "name"),
)


def _read(path: Path | None, source: str) -> str:
    if path is None:
        raise SourceNotConfigured(source, "not part of this scenario")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceNotConfigured(source, f"{path.name} not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(source, f"{path}: cannot read ({error})") from None


def _points(raw: Any) -> np.ndarray | None:
    """``[[t, v], ...]`` as an ``(n, 2)`` float array sorted by time, or None when it is not that."""
    try:
        if isinstance(raw, list) and raw and all(isinstance(p, list) and len(p) == 2 for p in raw):
            array = np.fromiter(chain.from_iterable(raw), dtype=float, count=2 * len(raw)).reshape(-1, 2)
        else:
            array = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        return None
    if array.size == 0:
        return np.empty((0, 2))
    if array.ndim != 2 or array.shape[1] != 2:
        return None
    return array[np.argsort(array[:, 0], kind="stable")]


def _field(document: dict[str, Any], dotted: tuple[str, ...]) -> Any:
    if len(dotted) > 1:
        flat = document.get(".".join(dotted))
        if flat is not None:
            return flat
    node: Any = document
    for part in dotted:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def ecs_to_record(document: dict[str, Any]) -> LogRecord:
    """An ECS document (nested or dotted keys) as a :class:`LogRecord`."""
    service = _field(document, ("service", "name"))
    level = _field(document, ("log", "level")) or "info"
    message = document.get("message")
    if message is None:
        message = _field(document, ("error", "message")) or ""
    context = " ".join(
        str(v)
        for f in _CONTEXT_FIELDS
        if f[0] in document or ".".join(f) in document
        if (v := _field(document, f)) not in (None, "")
    )
    stamp = document.get("@timestamp")
    if not isinstance(stamp, str) or not isinstance(service, str) or not service:
        raise ValueError("needs '@timestamp' and 'service.name' strings")
    timestamp = datetime.fromisoformat(stamp)
    if timestamp.tzinfo is None:
        raise ValueError(f"'@timestamp' {stamp!r} has no timezone")
    # model_construct: validated by hand above; pydantic per line dominated replay time
    return LogRecord.model_construct(
        timestamp=timestamp, service=service, level=str(level), message=str(message), context=context
    )


class ReplayMetrics:
    name = "metrics"

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._cache: list[tuple[str, str, np.ndarray]] | None = None

    def load(self) -> list[tuple[str, str, np.ndarray]]:
        """``(service, signal, points)`` with points an ``(n, 2)`` array sorted by time."""
        if self._cache is None:
            text = _read(self.path, self.name)
            try:
                data = orjson.loads(text)
            except orjson.JSONDecodeError as error:
                raise SourceError(self.name, f"{self.path}: invalid JSON ({error})") from None
            if not isinstance(data, dict):
                raise SourceError(self.name, f"{self.path}: expected {{service: {{signal: [[t, v], ...]}}}}")
            series = []
            for service, signals in data.items():
                if not isinstance(signals, dict):
                    raise SourceError(self.name, f"{self.path}: {service}: expected a mapping of signals")
                for signal, points in signals.items():
                    array = _points(points)
                    if array is None:
                        raise SourceError(
                            self.name, f"{self.path}: {service}.{signal}: points must be [unix_seconds, value]"
                        )
                    series.append((str(service), str(signal), array))
            self._cache = series
        return self._cache

    async def fetch_signals(self, services: Sequence[str], start: datetime, end: datetime) -> list[Series]:
        wanted, lo, hi = set(services), start.timestamp(), end.timestamp()
        found = []
        for service, signal, array in self.load():
            if service not in wanted:
                continue
            window = array[np.searchsorted(array[:, 0], lo, "left") : np.searchsorted(array[:, 0], hi, "right")]
            # checked and sorted when the file was loaded
            found.append(Series.from_array(service, signal, window))
        return found


class ReplayLogs:
    name = "logs"

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._cache: list[LogRecord] | None = None

    def load(self) -> list[LogRecord]:
        if self._cache is None:
            records = []
            for number, line in enumerate(_read(self.path, self.name).splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    records.append(ecs_to_record(orjson.loads(line)))
                except (orjson.JSONDecodeError, ValueError, AttributeError) as error:
                    reason = str(error).splitlines()[0]
                    raise SourceError(self.name, f"{self.path}:{number}: not an ECS log document ({reason})") from None
            records.sort(key=lambda r: r.timestamp)
            self._cache = records
        return self._cache

    async def fetch_logs(self, services: Sequence[str], start: datetime, end: datetime) -> list[LogRecord]:
        wanted = set(services)
        return [r for r in self.load() if r.service in wanted and start <= r.timestamp <= end]


_CHANGES = TypeAdapter(list[ChangeEvent])


class ReplayChanges:
    name = "changes"

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._cache: list[ChangeEvent] | None = None

    def load(self) -> list[ChangeEvent]:
        if self._cache is None:
            text = _read(self.path, self.name)
            try:
                self._cache = _CHANGES.validate_json(text)
            except ValidationError as error:
                first = error.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise SourceError(self.name, f"{self.path}: {where}: {first['msg']}") from None
        return self._cache

    async def fetch_changes(self, services: Sequence[str], start: datetime, end: datetime) -> list[ChangeEvent]:
        return [c for c in self.load() if start <= c.started_at <= end]
