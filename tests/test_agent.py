"""The agent degrades, never fails: slow, broken and absent sources are named in the analysis."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from bot.agent import IncidentAgent
from bot.catalog import Catalog
from connectors.base import ChangeEvent, LogRecord, Series, SourceError

NOW = datetime(2026, 3, 4, 14, 12, tzinfo=UTC)
CATALOG = Catalog.from_mapping({"services": {"checkout": {"depends_on": ["payments-db"]}, "payments-db": {}}})


def _errors() -> list[Series]:
    start = NOW - timedelta(hours=2)
    points = tuple(((start + timedelta(seconds=30 * i)).timestamp(), 0.004 if i < 220 else 0.2) for i in range(240))
    return [Series(service="checkout", signal="error_ratio", points=points)]


class Metrics:
    name = "prometheus"

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def fetch_signals(self, services: Sequence[str], start: datetime, end: datetime) -> list[Series]:
        self.asked = list(services)
        return _errors()


class HangingLogs:
    name = "elasticsearch"

    def __init__(self) -> None:
        self.cancelled = asyncio.Event()

    async def fetch_logs(self, services: Sequence[str], start: datetime, end: datetime) -> list[LogRecord]:
        try:
            await asyncio.Event().wait()
        finally:
            self.cancelled.set()
        return []


class BrokenChanges:
    name = "changes"

    async def fetch_changes(self, services: Sequence[str], start: datetime, end: datetime) -> list[ChangeEvent]:
        raise SourceError("changes", "database is locked")


class CrashingChanges:
    name = "changes"

    async def fetch_changes(self, services: Sequence[str], start: datetime, end: datetime) -> list[ChangeEvent]:
        raise RuntimeError("bug")


async def test_failed_and_slow_sources_are_named_and_the_rest_is_used() -> None:
    metrics, logs = Metrics(), HangingLogs()
    agent = IncidentAgent(CATALOG, metrics=metrics, logs=logs, changes=BrokenChanges(), source_timeout=0.2)
    analysis = await agent.investigate(["checkout"], ["HighErrorRate"], NOW)
    assert metrics.asked == ["checkout", "payments-db"]
    assert logs.cancelled.is_set()
    assert analysis.missing_sources == ("changes: database is locked", "logs: elasticsearch timed out after 0.2 s")
    assert analysis.hypotheses, "metrics alone still give hypotheses"
    assert analysis.hypotheses[0].culprit == "checkout"
    assert any(o.signal == "error_ratio" for o in analysis.onsets)


async def test_unconfigured_and_crashing_sources_do_not_fail_the_investigation() -> None:
    agent = IncidentAgent(CATALOG, metrics=None, logs=None, changes=CrashingChanges())
    analysis = await agent.investigate(["checkout"], ["HighErrorRate"], NOW)
    assert analysis.missing_sources == (
        "changes: changes failed (RuntimeError)",
        "logs: not configured",
        "metrics: not configured",
    )
    assert analysis.hypotheses == ()
