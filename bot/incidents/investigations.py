"""Runs the incident agent after intake, once per burst, never in the request path.

A webhook is answered as soon as its alerts are in the alert inbox; when a drain groups them
(:mod:`bot.intake.draining`), the investigation of each incident they changed is stored with the
grouping, in the same transaction, as a durable timer of kind ``investigate`` keyed by the
incident (:mod:`bot.store.timers`). So an acknowledged alert is investigated even if the process
dies right after the reply: whichever process is alive drains the inbox and claims the timer.
Alertmanager sends bursts (one notification per group, several groups per outage), and the timer
coalesces them:

* the first request sets the timer ``debounce_seconds`` ahead; requests for the same incident
  before it fires join it (the earlier due time wins, so a steady stream of alerts still gets an
  analysis every ``debounce_seconds`` plus one investigation's time);
* requests that arrive while that investigation runs leave a new pending timer, which no process
  claims until the running one completes: exactly one more investigation, with the new alerts.

A batch that resolves incidents stores, in the same transaction, a durable timer of each kind
registered with :meth:`Investigations.on_resolution` (the Slack resolution notice, the postmortem
draft), keyed by the incident: a crash between the commit and the reply loses neither.
Observers still hear of resolutions after the commit (:meth:`Investigations.notify_resolved`),
for best-effort work only (remembering the incident for retrieval).

Failures are logged and counted, never raised into intake: a broken source or a bug in the engine
must not take intake down. An investigation that failed or timed out is tried again (its timer is
retried) up to :data:`MAX_ATTEMPTS` times; after the last, an analysis with no hypothesis that
names the failure is stored, so the incident is still posted and the post says what went wrong.

With a language model configured, each stored analysis also leaves a durable timer of kind
``advise``: the rules' analysis is stored (and posted) first, and the model's advice is merged
into the latest analysis and stored as a new one afterwards, so the post is edited in place when
the model answers and never waits for it (:mod:`bot.llm`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import Clock
from bot.coordination import TimerWorker
from bot.engine.feedback import NEUTRAL, CauseWeights
from bot.engine.model import Analysis
from bot.incidents.agent import Investigator, Question
from bot.llm.advisor import Advisor
from bot.observability.metrics import ServerMetrics
from bot.store import IngestResult, Storage, Timer

log = logging.getLogger(__name__)

TIMER_KIND = "investigate"
ADVICE_TIMER = "advise"
DEFAULT_TIMEOUT_SECONDS = 120.0
#: Attempts at one investigation before the incident is posted without hypotheses.
MAX_ATTEMPTS = 3


class InvestigationFailed(Exception):
    """An attempt failed; raised to the timer worker so the investigation is tried again later."""


class Drainable(Protocol):
    """Intake's inbox (:class:`bot.intake.draining.InboxDrainer`): investigations follow its drains."""

    def wake(self) -> None: ...

    async def wait_drained(self) -> None: ...


class IncidentObserver(Protocol):
    """Told about stored analyses and resolved incidents (the Slack layer is one).

    Awaited before the investigation's timer completes (or before intake answers), so an
    observer that records durable work here (a timer of its own) never loses it to a crash;
    anything slower it runs in its own tasks. Its exceptions are logged, never propagated.
    """

    async def analysis_stored(self, incident_id: int, analysis: Analysis) -> None: ...

    async def incidents_resolved(self, incident_ids: Sequence[int]) -> None: ...


class Investigations:
    """Durable, per-incident coalescing scheduler for investigations (see the module docstring)."""

    def __init__(
        self,
        storage: Storage,
        investigator: Investigator,
        worker: TimerWorker,
        *,
        clock: Clock,
        debounce_seconds: float = 0.5,
        timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
        metrics: ServerMetrics | None = None,
        advisor: Advisor | None = None,
    ) -> None:
        self._storage = storage
        self._investigator = investigator
        self._worker = worker
        self._clock = clock
        self._debounce = timedelta(seconds=debounce_seconds)
        self._timeout = timeout_seconds
        self._metrics = metrics
        self._observers: list[IncidentObserver] = []
        self._resolution_timers: list[str] = []
        self._advisor = advisor
        self._intake: Drainable | None = None
        worker.register(TIMER_KIND, self._run)
        if advisor is not None:
            worker.register(ADVICE_TIMER, self._advise)

    def add_observer(self, observer: IncidentObserver) -> None:
        self._observers.append(observer)

    def drain_first(self, intake: Drainable) -> None:
        """Let :meth:`wait_idle` wait for ``intake`` to group what it acknowledged first."""
        self._intake = intake

    def on_resolution(self, kind: str) -> None:
        """Schedule a durable timer of ``kind`` for every incident intake resolves, in its transaction."""
        if kind not in self._resolution_timers:
            self._resolution_timers.append(kind)

    async def notify_resolved(self, incident_ids: Sequence[int]) -> None:
        """Pass resolutions seen by intake on to the observers (after the commit: best effort)."""
        if not incident_ids:
            return
        for observer in self._observers:
            try:
                await observer.incidents_resolved(tuple(incident_ids))
            except Exception:
                log.exception("observer failed", extra={"incidents": list(incident_ids)})

    async def enqueue_within(self, connection: AsyncConnection, result: IngestResult) -> None:
        """Ask for the investigations and resolution work an intake batch calls for, inside intake's transaction."""
        now = self._clock.now()
        due = now + self._debounce
        for incident_id in result.investigate:
            await self._storage.timers.schedule(TIMER_KIND, str(incident_id), due, connection=connection)
        for incident_id in result.resolved_incidents:
            for kind in self._resolution_timers:
                await self._storage.timers.schedule(kind, str(incident_id), now, connection=connection)

    def wake(self) -> None:
        """Intake committed work: look for it now rather than at the next poll."""
        self._worker.wake()

    def intake_arrived(self) -> None:
        """Alerts were put in the inbox outside the hook (a Slack channel): drain it now."""
        if self._intake is not None:
            self._intake.wake()

    async def wait_idle(self) -> None:
        """Return once intake grouped what it acknowledged and no investigation is pending or
        running (for tests and tools)."""
        if self._intake is not None:
            await self._intake.wait_drained()
        await self._worker.wait_idle()

    async def _run(self, timer: Timer) -> None:
        incident_id = int(timer.key)
        started = time.perf_counter()
        outcome = "error"
        failure: str | None = None
        try:
            async with asyncio.timeout(self._timeout):
                outcome = await self._investigate_once(incident_id)
        except TimeoutError:
            outcome = "timeout"
            failure = f"investigation: timed out after {self._timeout:g}s"
            log.error("investigation timed out", extra={"incident": incident_id, "timeout_seconds": self._timeout})
        except Exception as error:
            failure = f"investigation: failed ({type(error).__name__})"
            log.exception("investigation failed", extra={"incident": incident_id, "attempt": timer.attempts})
        finally:
            if self._metrics is not None:
                self._metrics.investigations.labels(outcome=outcome).inc()
                if outcome != "skipped":
                    self._metrics.investigation_seconds.observe(time.perf_counter() - started)
        if failure is None:
            return
        if timer.attempts < MAX_ATTEMPTS:
            raise InvestigationFailed(failure)
        await self._store_failure(incident_id, failure)

    async def _store_failure(self, incident_id: int, failure: str) -> None:
        """The last attempt failed: store an analysis that says so, and tell the observers (the post)."""
        incident = await self._storage.incidents.scope(incident_id)
        if incident is None or incident.status != "open":
            return
        now = self._clock.now()
        analysis = Analysis(
            services=tuple(incident.services),
            alertnames=tuple(incident.alertnames),
            now=now,
            hypotheses=(),
            missing_sources=(failure,),
        )
        await self._storage.analyses.save(incident_id, analysis, started_at=now, finished_at=now)
        await self._tell_observers(incident_id, analysis)

    async def _investigate_once(self, incident_id: int) -> str:
        incident = await self._storage.incidents.scope(incident_id)
        if incident is None or incident.status != "open":
            log.info("investigation skipped: incident not open", extra={"incident": incident_id})
            return "skipped"
        started_at = self._clock.now()
        question = Question(
            tuple(incident.services),
            tuple(incident.alertnames),
            started_at,
            incident.opened_at,
            weights=await self._cause_weights(),
        )
        analysis = await self._investigator.investigate(question)
        investigation = await self._storage.analyses.save(
            incident_id, analysis, started_at=started_at, finished_at=self._clock.now()
        )
        await self._tell_observers(incident_id, analysis)
        if self._advisor is not None:
            await self._storage.timers.schedule(ADVICE_TIMER, str(incident_id), self._clock.now())
            self._worker.wake()
        top = analysis.hypotheses[0] if analysis.hypotheses else None
        log.info(
            "investigation stored",
            extra={
                "incident": incident_id,
                "investigation": investigation,
                "top_cause": top.cause if top else None,
                "top_culprit": top.culprit if top else None,
                "missing_sources": list(analysis.missing_sources),
                "elapsed_ms": analysis.elapsed_ms,
            },
        )
        return "ok"

    async def _cause_weights(self) -> CauseWeights:
        """The weights feedback earned; without them (a read failed) the rules rank alone."""
        try:
            return await self._storage.feedback.weights()
        except Exception:
            log.exception("feedback weights unavailable; ranking without them")
            return NEUTRAL

    async def _tell_observers(self, incident_id: int, analysis: Analysis) -> None:
        for observer in self._observers:
            try:
                await observer.analysis_stored(incident_id, analysis)
            except Exception:
                log.exception("observer failed", extra={"incident": incident_id})

    async def _advise(self, timer: Timer) -> None:
        """Merge the model's advice into the incident's latest analysis and store the result."""
        assert self._advisor is not None
        incident_id = int(timer.key)
        analysis = await self._storage.analyses.latest(incident_id)
        if analysis is None or analysis.advised_by is not None:
            return
        started_at = self._clock.now()
        advised = await self._advisor.advise(analysis)
        latest = await self._storage.analyses.latest(incident_id)
        if latest is None or latest.now != analysis.now:
            return  # a newer investigation landed meanwhile; it asked for advice of its own
        await self._storage.analyses.save(incident_id, advised, started_at=started_at, finished_at=self._clock.now())
        await self._tell_observers(incident_id, advised)
        log.info(
            "model advice stored",
            extra={"incident": incident_id, "model": self._advisor.label, "summary": advised.model_summary is not None},
        )
