"""The incident agent: gather evidence from every source at once, then ask the engine.

Each source is queried concurrently with its own timeout. A source that fails,
times out or is not configured is named in ``Analysis.missing_sources`` and the
engine works with the rest; no single source can fail an investigation. A source
that answers in part (a :class:`~connectors.fetched.Fetched` with problems) is
used, and named as partial.

Sources are connectors (adapted by :mod:`bot.incidents.sources`) or anything that
already answers the engine's evidence, such as the stored change events.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from bot.catalog import Catalog
from bot.engine.analyse import analyse
from bot.engine.feedback import NEUTRAL, CauseWeights
from bot.engine.model import Analysis
from bot.engine.platform import platform_processes
from bot.incidents.knowledge import Knowledge, enrich
from bot.incidents.sources import (
    Answer,
    ChangeEvidence,
    LogEvidence,
    MetricsEvidence,
    change_evidence,
    log_evidence,
    metrics_evidence,
)
from bot.runbooks.library import RunbookLibrary
from connectors.changes import ChangeSource
from connectors.errors import SourceNotConfigured, SourceUnavailable
from connectors.fetched import Fetched
from connectors.logs import LogSource
from connectors.metrics import MetricsSource

log = logging.getLogger(__name__)
T = TypeVar("T")
S = TypeVar("S", MetricsEvidence, LogEvidence, ChangeEvidence)


@dataclass(frozen=True)
class Question:
    """What an investigation is asked: which alerts, on which services, as of when."""

    services: tuple[str, ...]
    alertnames: tuple[str, ...]
    now: datetime
    alert_started_at: datetime | None = None
    weights: CauseWeights = NEUTRAL


class Investigator(Protocol):
    """What investigates an incident: :class:`IncidentAgent`, or a stand-in in tests."""

    async def investigate(self, question: Question) -> Analysis: ...


class IncidentAgent:
    def __init__(
        self,
        catalog: Catalog,
        *,
        metrics: MetricsSource | MetricsEvidence | None = None,
        logs: LogSource | LogEvidence | None = None,
        changes: ChangeSource | ChangeEvidence | None = None,
        runbooks: RunbookLibrary | None = None,
        source_timeout: float = 5.0,
        lookback: timedelta = timedelta(hours=3),
        knowledge: Knowledge | None = None,
        knowledge_timeout: float = 20.0,
    ) -> None:
        self.catalog = catalog
        self.metrics = metrics_evidence(metrics) if metrics is not None else None
        self.logs = log_evidence(logs) if logs is not None else None
        self.changes = change_evidence(changes) if changes is not None else None
        self.runbooks = runbooks
        self.source_timeout = source_timeout
        self.lookback = lookback
        self.knowledge = knowledge
        self.knowledge_timeout = knowledge_timeout

    async def investigate(self, question: Question) -> Analysis:
        started = time.perf_counter()
        services, now = question.services, question.now
        scope = [*self.catalog.neighbourhood(services), *self.catalog.siblings(services)]
        # platform software logs under its own names (kubelet, linkerd-proxy): ask for those too
        log_scope = [*scope, *platform_processes(self.catalog)]
        start = now - self.lookback
        missing: list[str] = []

        async def gather(kind: str, source: S | None, call: Callable[[S], Awaitable[Answer[T]]]) -> Sequence[T] | None:
            if source is None:
                missing.append(f"{kind}: not configured")
                return None
            name = source.name
            try:
                answer = await asyncio.wait_for(call(source), timeout=self.source_timeout)
            except TimeoutError:
                missing.append(f"{kind}: {name} timed out after {self.source_timeout:g} s")
            except SourceNotConfigured as error:
                missing.append(f"{kind}: {error.reason}")
            except SourceUnavailable as error:
                missing.append(f"{kind}: {error.reason}")
                log.warning("evidence source %s failed: %s", name, error)
            except Exception as error:  # a broken source degrades the answer, never kills it
                missing.append(f"{kind}: {name} failed ({type(error).__name__})")
                log.exception("evidence source %s crashed", name)
            else:
                if not isinstance(answer, Fetched):
                    return answer
                _note_partial(kind, answer.problems, missing)
                return answer.items
            return None

        series, records, events = await asyncio.gather(
            gather("metrics", self.metrics, lambda m: m.fetch_signals(scope, start, now)),
            gather("logs", self.logs, lambda s: s.fetch_logs(log_scope, start, now)),
            gather("changes", self.changes, lambda c: c.fetch_changes(scope, start, now)),
        )
        analysis = analyse(
            self.catalog,
            services,
            question.alertnames,
            now,
            series=series,
            logs=records,
            changes=events,
            missing_sources=sorted(missing),
            runbooks=self.runbooks,
            alert_started_at=question.alert_started_at,
            weights=question.weights,
            logs_since=start,
        )
        if self.knowledge is not None:
            analysis = await self._with_knowledge(analysis, self.knowledge)
        return analysis.model_copy(update={"elapsed_ms": round((time.perf_counter() - started) * 1000, 2)})

    async def _with_knowledge(self, analysis: Analysis, knowledge: Knowledge) -> Analysis:
        """Runbook sections and similar incidents; a failure here costs only those."""
        try:
            found = await asyncio.wait_for(asyncio.to_thread(knowledge.lookup, analysis), self.knowledge_timeout)
        except TimeoutError:
            problem = f"knowledge: runbook search timed out after {self.knowledge_timeout:g} s"
        except Exception as error:  # the RAG store must never cost the hypotheses
            log.warning("runbook and incident search failed: %s", error)
            problem = f"knowledge: runbook search failed ({str(error).splitlines()[0][:120]})"
        else:
            return enrich(analysis, found)
        return analysis.model_copy(update={"missing_sources": (*analysis.missing_sources, problem)})


def _note_partial(kind: str, problems: Sequence[str], missing: list[str]) -> None:
    """Sources may answer in part (some queries failed, a result was truncated): say so."""
    if problems:
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        missing.append(f"{kind}: partial, {problems[0]}{more}")
