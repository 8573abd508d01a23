"""The agent degrades, never fails: slow, broken, partial and absent sources are named in the
analysis. Connectors are adapted to the engine's evidence on the way in."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest

from bot.catalog import Catalog
from bot.engine.evidence import ChangeEvent, LogRecord, Series
from bot.incidents.agent import IncidentAgent, Question
from bot.incidents.sources import ChangesFromRecords, LogsFromDocuments, MetricsFromSamples, log_record
from connectors.changes import ChangeRecord
from connectors.errors import SourceUnavailable
from connectors.fetched import Fetched
from connectors.logs import LogDocument
from connectors.metrics import SignalSamples

NOW = datetime(2026, 3, 4, 14, 12, tzinfo=UTC)
CATALOG = Catalog.from_mapping({"services": {"checkout": {"depends_on": ["payments-db"]}, "payments-db": {}}})


def _error_ratio() -> np.ndarray:
    start = NOW - timedelta(hours=2)
    return np.array([((start + timedelta(seconds=30 * i)).timestamp(), 0.004 if i < 220 else 0.2) for i in range(240)])


class Metrics:
    name = "prometheus"

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def fetch_signals(self, services: Sequence[str], start: datetime, end: datetime) -> list[Series]:
        self.asked = list(services)
        return [Series(service="checkout", signal="error_ratio", points=_error_ratio().tolist())]


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
        raise SourceUnavailable("changes", "database is locked")


class CrashingChanges:
    name = "changes"

    async def fetch_changes(self, services: Sequence[str], start: datetime, end: datetime) -> list[ChangeEvent]:
        raise RuntimeError("bug")


async def test_failed_and_slow_sources_are_named_and_the_rest_is_used() -> None:
    metrics, logs = Metrics(), HangingLogs()
    agent = IncidentAgent(CATALOG, metrics=metrics, logs=logs, changes=BrokenChanges(), source_timeout=0.2)
    analysis = await agent.investigate(Question(("checkout",), ("HighErrorRate",), NOW))
    assert metrics.asked == ["checkout", "payments-db"]
    assert logs.cancelled.is_set()
    assert analysis.missing_sources == ("changes: database is locked", "logs: elasticsearch timed out after 0.2 s")
    assert analysis.hypotheses, "metrics alone still give hypotheses"
    assert analysis.hypotheses[0].culprit == "checkout"
    assert any(o.signal == "error_ratio" for o in analysis.onsets)


async def test_unconfigured_and_crashing_sources_do_not_fail_the_investigation() -> None:
    agent = IncidentAgent(CATALOG, metrics=None, logs=None, changes=CrashingChanges())
    analysis = await agent.investigate(Question(("checkout",), ("HighErrorRate",), NOW))
    assert analysis.missing_sources == (
        "changes: changes failed (RuntimeError)",
        "logs: not configured",
        "metrics: not configured",
    )
    assert analysis.hypotheses == ()


# -- connectors, adapted ----------------------------------------------------------------------


class RawMetrics:
    """A metrics connector: samples, and the queries that failed."""

    name = "prometheus"

    async def fetch_samples(self, services: Sequence[str], start: datetime, end: datetime) -> Fetched[SignalSamples]:
        samples = SignalSamples("checkout", "error_ratio", _error_ratio())
        return Fetched((samples,), ("checkout/latency_p99_seconds: HTTP 422", "checkout/saturation: timed out"))


class RawLogs:
    name = "elasticsearch"

    def __init__(self, *documents: dict[str, Any]) -> None:
        self.documents = documents

    async def fetch_documents(self, services: Sequence[str], start: datetime, end: datetime) -> Fetched[LogDocument]:
        lines = (
            LogDocument(NOW - timedelta(minutes=len(self.documents) - i), "checkout", d)
            for i, d in enumerate(self.documents)
        )
        return Fetched(tuple(lines), ("only the newest 2 of 9 matching log lines were read",))


class RawChanges:
    name = "changes"

    def __init__(self, *records: ChangeRecord) -> None:
        self.records = records

    async def fetch_change_records(
        self, services: Sequence[str], start: datetime, end: datetime
    ) -> Fetched[ChangeRecord]:
        return Fetched(self.records)


def _deploy(**fields: Any) -> dict[str, Any]:
    started = (NOW - timedelta(minutes=15)).isoformat()
    return {"id": "d-1", "service": "checkout", "kind": "deploy", "version": "v2", "started_at": started, **fields}


async def test_connectors_are_adapted_and_their_problems_named_as_partial() -> None:
    logs = RawLogs({"log": {"level": "ERROR"}, "message": "payment failed"}, {"log.level": "error", "message": "x"})
    agent = IncidentAgent(CATALOG, metrics=RawMetrics(), logs=logs, changes=RawChanges(_deploy()))
    assert isinstance(agent.metrics, MetricsFromSamples)
    assert isinstance(agent.logs, LogsFromDocuments)
    assert isinstance(agent.changes, ChangesFromRecords)

    analysis = await agent.investigate(Question(("checkout",), ("HighErrorRate",), NOW))

    assert analysis.missing_sources == (
        "logs: partial, only the newest 2 of 9 matching log lines were read",
        "metrics: partial, checkout/latency_p99_seconds: HTTP 422 (+1 more)",
    )
    assert any(o.signal == "error_ratio" for o in analysis.onsets)
    assert (analysis.hypotheses[0].cause, analysis.hypotheses[0].culprit) == ("deploy", "checkout")


async def test_an_invalid_change_record_makes_the_changes_unavailable() -> None:
    agent = IncidentAgent(CATALOG, metrics=Metrics(), changes=RawChanges(_deploy(kind="rollout")))

    analysis = await agent.investigate(Question(("checkout",), ("HighErrorRate",), NOW))

    (problem,) = [m for m in analysis.missing_sources if m.startswith("changes:")]
    assert problem.startswith("changes: change 'd-1': kind: Input should be 'deploy', 'config', 'flag' or 'infra'")


async def test_a_source_that_already_answers_evidence_is_used_as_is() -> None:
    metrics = Metrics()
    assert IncidentAgent(CATALOG, metrics=metrics).metrics is metrics


def _line(ecs: dict[str, Any]) -> LogRecord:
    return log_record(LogDocument(NOW, "checkout", ecs))


def test_ecs_documents_map_to_log_records_nested_or_dotted() -> None:
    nested = {
        "log": {"level": "Warning"},
        "message": " upstream refused connection ",
        "error": {"type": "ConnectionError", "message": "connect ECONNREFUSED"},
        "destination": {"address": "10.0.0.7"},
        "url": {"domain": "api.stripe.com", "full": "https://api.stripe.com/v1/charges", "path": "/v1/charges"},
        "host": {"name": ["payments-7f9c", "node-3"]},
    }
    dotted = {
        f"{head}.{leaf}": value
        for head, fields in nested.items()
        if isinstance(fields, dict)
        for leaf, value in fields.items()
    }

    for ecs in (nested, {**dotted, "message": nested["message"]}):
        assert _line(ecs) == LogRecord(
            timestamp=NOW,
            service="checkout",
            level="warning",
            message="upstream refused connection",
            context=(
                "ConnectionError connect ECONNREFUSED 10.0.0.7 api.stripe.com "
                "https://api.stripe.com/v1/charges /v1/charges payments-7f9c node-3"
            ),
        )


@pytest.mark.parametrize(
    ("ecs", "level", "message"),
    [
        ({}, "info", ""),
        ({"error": {"message": "boom"}}, "info", "boom"),
        ({"log": {"level": "ERROR"}, "message": "kept", "error.message": "boom"}, "error", "kept"),
        ({"log": {"level": 40}, "message": 12}, "40", "12"),
    ],
)
def test_missing_level_and_message_have_defaults(ecs: dict[str, Any], level: str, message: str) -> None:
    record = _line(ecs)
    assert (record.level, record.message) == (level, message)


def test_live_sources_are_the_configured_connectors_adapted() -> None:
    from bot.config import Settings
    from bot.incidents.sources import live_sources
    from connectors.logs.elasticsearch import ElasticsearchLogs
    from connectors.metrics.prometheus import PrometheusMetrics

    catalog = Catalog.from_mapping(
        {
            "services": {
                "checkout": {"depends_on": ["stripe", "stripe-status"]},
                "stripe": {"kind": "external"},
                "stripe-status": {"kind": "external", "signals": {"error_ratio": "up"}},
            }
        }
    )
    closers: list[Any] = []
    settings = Settings(prometheus_url="http://prometheus:9090", elasticsearch_url="http://es:9200")

    metrics, logs = live_sources(settings, catalog, closers)

    assert isinstance(metrics, MetricsFromSamples)
    assert isinstance(metrics.source, PrometheusMetrics)
    assert set(metrics.source.queries) == {"checkout", "stripe-status"}  # external only with signals
    assert isinstance(logs, LogsFromDocuments)
    assert isinstance(logs.source, ElasticsearchLogs)
    assert closers == [metrics.source.close]
    for close in closers:
        close()
    assert live_sources(Settings(), catalog, []) == (None, None)


async def test_stored_changes_with_the_database_down_are_named_not_crashed(caplog: pytest.LogCaptureFixture) -> None:
    from bot.store import Storage
    from tests.intake_fixtures import UNREACHABLE_URL

    storage = await Storage.open(UNREACHABLE_URL, migrate_schema=False)
    try:
        agent = IncidentAgent(CATALOG, changes=storage.changes, source_timeout=5)
        analysis = await agent.investigate(Question(("checkout",), ("HighErrorRate",), NOW))
    finally:
        await storage.close()
    [missing] = [m for m in analysis.missing_sources if m.startswith("changes:")]
    assert missing.startswith("changes: store: ")
    assert "crashed" not in caplog.text
