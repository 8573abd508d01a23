"""Runs the incident agent after intake, once per burst, never in the request path.

A webhook is answered as soon as its alerts are stored; the investigation of
each affected incident is scheduled here. Alertmanager sends bursts (one
notification per group, several groups per outage), so scheduling is
coalesced per incident:

* the first request starts a timer of ``debounce_seconds``; requests for the
  same incident during the timer join it, and one investigation runs at its end;
* requests that arrive while that investigation runs mark it stale, and exactly
  one more runs after it (with the alerts that arrived meanwhile).

The timer starts at the first request and is not pushed back by later ones, so
a steady stream of alerts still gets an analysis every ``debounce_seconds`` plus
one investigation's time.

Failures are logged and counted, never raised: a broken source or a bug in the
engine must not take intake down. ``close`` (called from the application's
cleanup) lets running work finish for a grace period, then cancels the rest.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Protocol

from bot.clock import Clock, SystemClock
from bot.engine.model import Analysis
from bot.store import Store
from bot.telemetry import ServerMetrics

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 120.0


class Investigator(Protocol):
    """What the scheduler needs from the incident agent (:class:`bot.agent.IncidentAgent`)."""

    async def investigate(
        self,
        services: Sequence[str],
        alertnames: Sequence[str],
        now: datetime,
        alert_started_at: datetime | None = None,
    ) -> Analysis: ...


Sleep = Callable[[float], Awaitable[None]]


class IncidentObserver(Protocol):
    """Told about stored analyses and resolved incidents (the Slack layer is one).

    Called synchronously from the scheduler: an observer must return at once and do
    its own I/O in its own tasks. Its exceptions are logged, never propagated.
    """

    def analysis_stored(self, incident_id: int, analysis: Analysis) -> None: ...

    def incidents_resolved(self, incident_ids: Sequence[int]) -> None: ...


class Investigations:
    """Per-incident coalescing scheduler for investigations (see the module docstring)."""

    def __init__(
        self,
        store: Store,
        investigator: Investigator,
        *,
        clock: Clock | None = None,
        debounce_seconds: float = 0.5,
        timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
        metrics: ServerMetrics | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._store = store
        self._investigator = investigator
        self._clock = clock or SystemClock()
        self._debounce = debounce_seconds
        self._timeout = timeout_seconds
        self._metrics = metrics
        self._sleep = sleep
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._stale: set[int] = set()
        self._idle = asyncio.Event()
        self._idle.set()
        self._closed = False
        self._observers: list[IncidentObserver] = []

    def add_observer(self, observer: IncidentObserver) -> None:
        self._observers.append(observer)

    def notify_resolved(self, incident_ids: Sequence[int]) -> None:
        """Pass resolutions seen by intake on to the observers."""
        if not incident_ids:
            return
        for observer in self._observers:
            try:
                observer.incidents_resolved(tuple(incident_ids))
            except Exception:
                log.exception("observer failed", extra={"incidents": list(incident_ids)})

    @property
    def active(self) -> tuple[int, ...]:
        """Incidents with an investigation waiting or running."""
        return tuple(sorted(self._tasks))

    def schedule(self, incident_id: int) -> None:
        """Ask for a fresh analysis of ``incident_id`` (coalesced; returns at once)."""
        if self._closed:
            log.warning("investigation not scheduled: shutting down", extra={"incident": incident_id})
            return
        if incident_id in self._tasks:
            self._stale.add(incident_id)
            return
        self._idle.clear()
        self._tasks[incident_id] = asyncio.create_task(
            self._run(incident_id), name=f"investigate-incident-{incident_id}"
        )

    async def wait_idle(self) -> None:
        """Return once nothing is waiting or running."""
        await self._idle.wait()

    async def close(self, grace_seconds: float = 10.0) -> None:
        """Refuse new work, let current work finish within ``grace_seconds``, cancel the rest."""
        self._closed = True
        tasks = list(self._tasks.values())
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=grace_seconds)
        for task in pending:
            task.cancel()
        if pending:
            log.warning("investigations cancelled at shutdown", extra={"count": len(pending)})
            await asyncio.gather(*pending, return_exceptions=True)

    async def _run(self, incident_id: int) -> None:
        try:
            while True:
                await self._sleep(self._debounce)
                self._stale.discard(incident_id)
                await self._investigate(incident_id)
                if incident_id not in self._stale:
                    return
        finally:
            self._tasks.pop(incident_id, None)
            self._stale.discard(incident_id)
            if not self._tasks:
                self._idle.set()

    async def _investigate(self, incident_id: int) -> None:
        started = time.perf_counter()
        outcome = "error"
        try:
            async with asyncio.timeout(self._timeout):
                outcome = await self._investigate_once(incident_id)
        except TimeoutError:
            outcome = "timeout"
            log.error(
                "investigation timed out",
                extra={"incident": incident_id, "timeout_seconds": self._timeout},
            )
        except Exception:
            log.exception("investigation failed", extra={"incident": incident_id})
        finally:
            elapsed = time.perf_counter() - started
            if self._metrics is not None:
                self._metrics.investigations.labels(outcome=outcome).inc()
                if outcome != "skipped":
                    self._metrics.investigation_seconds.observe(elapsed)

    async def _investigate_once(self, incident_id: int) -> str:
        incident = await self._store.incident_scope(incident_id)
        if incident is None or incident.status != "open":
            log.info("investigation skipped: incident not open", extra={"incident": incident_id})
            return "skipped"
        started_at = self._clock.now()
        analysis = await self._investigator.investigate(
            incident.services, incident.alertnames, started_at, alert_started_at=incident.opened_at
        )
        investigation = await self._store.save_analysis(
            incident_id, analysis, started_at=started_at, finished_at=self._clock.now()
        )
        for observer in self._observers:
            try:
                observer.analysis_stored(incident_id, analysis)
            except Exception:
                log.exception("observer failed", extra={"incident": incident_id})
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
