"""The agent's evidence sources: connectors' raw data turned into the engine's inputs.

Connectors answer in their own terms (:class:`~connectors.metrics.SignalSamples`,
:class:`~connectors.logs.LogDocument`, change records); the engine reads :class:`~bot.engine.evidence.Series`,
:class:`~bot.engine.evidence.LogRecord` and :class:`~bot.engine.evidence.ChangeEvent`. The
adapters here are the one place that maps one to the other, and the protocols here are what the
agent reads. A source that already speaks evidence (the stored change events) is used as is.

Each protocol's fetch answers a plain sequence, or a :class:`~connectors.fetched.Fetched` when
the answer may be partial; its ``problems`` are named in the analysis.

:func:`replay_sources` and :func:`live_sources` build the connectors of a scenario folder and
of the settings, adapted, for the composition root.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Generic, Protocol, TypeAlias, TypeVar, runtime_checkable

from pydantic import ValidationError

from bot.engine.evidence import ChangeEvent, LogRecord, Series
from bot.errors import first_validation_problem
from connectors.changes import ChangeRecord, ChangeSource
from connectors.changes.replay import ReplayChanges
from connectors.errors import SourceUnavailable
from connectors.fetched import Fetched
from connectors.files import collection_paused
from connectors.logs import LogDocument, LogSource
from connectors.logs.ecs import CONTEXT_FIELDS, ecs_field, ecs_text
from connectors.logs.replay import ReplayLogs
from connectors.metrics import MetricsSource
from connectors.metrics.replay import ReplayMetrics

if TYPE_CHECKING:
    from bot.catalog import Catalog
    from bot.config import Settings
    from bot.incidents.scenario import Scenario

T = TypeVar("T")
C = TypeVar("C", MetricsSource, LogSource, ChangeSource)

#: The ECS fields of ``LogRecord.context``, each with the top-level key it nests under.
_CONTEXT: tuple[tuple[str, str], ...] = tuple((name, name.partition(".")[0]) for name in CONTEXT_FIELDS)
#: The keys, dotted or nesting, a document with a context field has.
_CONTEXT_KEYS = frozenset(key for pair in _CONTEXT for key in pair)

#: What an evidence source answers: the items, possibly with the reasons they are partial.
Answer: TypeAlias = Sequence[T] | Fetched[T]


@runtime_checkable
class MetricsEvidence(Protocol):
    name: str

    async def fetch_signals(self, services: Sequence[str], start: datetime, end: datetime) -> Answer[Series]: ...


@runtime_checkable
class LogEvidence(Protocol):
    name: str

    async def fetch_logs(self, services: Sequence[str], start: datetime, end: datetime) -> Answer[LogRecord]: ...


@runtime_checkable
class ChangeEvidence(Protocol):
    name: str

    async def fetch_changes(self, services: Sequence[str], start: datetime, end: datetime) -> Answer[ChangeEvent]: ...


class _Adapter(Generic[C]):
    """Wraps a connector and answers under its name."""

    def __init__(self, source: C) -> None:
        self.source: C = source
        self.name: str = source.name


class MetricsFromSamples(_Adapter[MetricsSource]):
    """A :class:`~connectors.metrics.MetricsSource` as metrics evidence."""

    async def fetch_signals(self, services: Sequence[str], start: datetime, end: datetime) -> Fetched[Series]:
        fetched = await self.source.fetch_samples(services, start, end)
        # samples are float arrays in time order (the MetricsSource contract): no second check
        series = tuple(Series.from_array(s.service, s.signal, s.samples) for s in fetched.items)
        return Fetched(series, fetched.problems)


class LogsFromDocuments(_Adapter[LogSource]):
    """A :class:`~connectors.logs.LogSource` as log evidence, oldest line first."""

    async def fetch_logs(self, services: Sequence[str], start: datetime, end: datetime) -> Fetched[LogRecord]:
        fetched = await self.source.fetch_documents(services, start, end)
        with collection_paused():
            records = tuple(log_record(document) for document in fetched.items)
        return Fetched(records, fetched.problems)


class ChangesFromRecords(_Adapter[ChangeSource]):
    """A :class:`~connectors.changes.ChangeSource` as change evidence; an invalid record makes the
    source unavailable, naming the record and the field."""

    async def fetch_changes(self, services: Sequence[str], start: datetime, end: datetime) -> Fetched[ChangeEvent]:
        fetched = await self.source.fetch_change_records(services, start, end)
        return Fetched(tuple(self._event(record) for record in fetched.items), fetched.problems)

    def _event(self, record: ChangeRecord) -> ChangeEvent:
        try:
            return ChangeEvent.model_validate(record)
        except ValidationError as error:
            key, problem = first_validation_problem(error)
            raise SourceUnavailable(self.name, f"change {record.get('id')!r}: {key}: {problem}") from None


def log_record(document: LogDocument) -> LogRecord:
    """An ECS log line as a :class:`LogRecord`.

    ``level`` is lower-cased (``info`` when absent); ``message`` falls back to
    ``error.message``; ``context`` joins the ECS fields that can name a peer.
    """
    ecs = document.ecs
    # most lines have no context field: one set test instead of a lookup per field
    context = (
        ""
        if _CONTEXT_KEYS.isdisjoint(ecs)
        else " ".join(
            [
                text
                for name, head in _CONTEXT
                if (head in ecs or name in ecs) and (text := ecs_text(ecs_field(ecs, name)))
            ]
        )
    )
    # validated by pydantic's core, which is cheaper than model_construct's Python loop: every
    # value is already of its field's type, so nothing is converted
    return LogRecord(
        timestamp=document.timestamp,
        service=document.service,
        level=ecs_text(ecs_field(ecs, "log.level")).lower() or "info",
        message=ecs_text(ecs.get("message")) or ecs_text(ecs_field(ecs, "error.message")),
        context=context,
    )


def metrics_evidence(source: MetricsSource | MetricsEvidence) -> MetricsEvidence:
    """A metrics connector adapted; a source that already answers series as is."""
    return MetricsFromSamples(source) if isinstance(source, MetricsSource) else source


def log_evidence(source: LogSource | LogEvidence) -> LogEvidence:
    """A log connector adapted; a source that already answers log records as is."""
    return LogsFromDocuments(source) if isinstance(source, LogSource) else source


def change_evidence(source: ChangeSource | ChangeEvidence) -> ChangeEvidence:
    """A change connector adapted; a source that already answers change events as is."""
    return ChangesFromRecords(source) if isinstance(source, ChangeSource) else source


def replay_sources(scenario: Scenario) -> tuple[MetricsEvidence, LogEvidence, ChangeEvidence]:
    """The evidence of a recorded incident, read from its scenario folder."""
    spec = scenario.spec
    return (
        MetricsFromSamples(ReplayMetrics(scenario.path(spec.signals))),
        LogsFromDocuments(ReplayLogs(scenario.path(spec.logs))),
        ChangesFromRecords(ReplayChanges(scenario.path(spec.deploys))),
    )


def live_sources(
    settings: Settings, catalog: Catalog, closers: list[Callable[[], None]]
) -> tuple[MetricsEvidence | None, LogEvidence | None]:
    """Prometheus and Elasticsearch when their URLs are set; ``closers`` collects their cleanups.

    The clients load only when configured.
    """
    metrics: MetricsEvidence | None = None
    if settings.prometheus_url:
        from connectors.metrics.prometheus import PrometheusMetrics

        prometheus = PrometheusMetrics(
            settings.prometheus_url,
            queries={
                # the default queries describe HTTP services: other kinds only with signals of their own
                name: catalog.signal_queries(name)
                for name, service in catalog.services.items()
                if service.kind == "service" or service.signals
            },
            step_seconds=settings.prometheus_step_seconds,
            timeout_seconds=settings.source_timeout_seconds,
        )
        closers.append(prometheus.close)
        metrics = MetricsFromSamples(prometheus)
    logs: LogEvidence | None = None
    if settings.elasticsearch_url:
        from connectors.logs.elasticsearch import ElasticsearchLogs

        logs = LogsFromDocuments(
            ElasticsearchLogs(
                settings.elasticsearch_url,
                index=settings.elasticsearch_index,
                timeout_seconds=settings.source_timeout_seconds,
            )
        )
    return metrics, logs
