"""Groups what the Alertmanager hook acknowledged: drains the alert inbox in this process.

The hook answers once a webhook's alerts are in the inbox (:mod:`bot.store.inbox`); this loop
stores them as incidents, in batches, off the request path. One drainer runs per process; drains
take the intake lock, so processes take turns and each batch is grouped once. A drainer wakes when
its own hook accepted a webhook (:meth:`InboxDrainer.wake`), and at least every ``poll_seconds``
to take over rows a dead process acknowledged but never grouped. After each drain it counts what
was stored, wakes the timer worker for the investigations the drain recorded (in its transaction),
and passes resolutions on to the observers.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.catalog import Catalog
from bot.coordination.worker import Sleep, sleep_or_nudge
from bot.observability.metrics import ServerMetrics
from bot.store import IngestResult, StoreUnavailable
from bot.store.inbox import Drained, InboxRepository

log = logging.getLogger(__name__)


DEFAULT_POLL_SECONDS = 1.0


class InvestigationQueue(Protocol):
    """Where drained incidents are handed (:class:`bot.incidents.investigations.Investigations`)."""

    async def enqueue_within(self, connection: AsyncConnection, result: IngestResult) -> None: ...

    def wake(self) -> None: ...

    async def notify_resolved(self, incident_ids: Sequence[int]) -> None: ...


class InboxDrainer:
    def __init__(
        self,
        inbox: InboxRepository,
        catalog: Catalog,
        window: timedelta,
        investigations: InvestigationQueue,
        metrics: ServerMetrics,
        *,
        poll_seconds: float = DEFAULT_POLL_SECONDS,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._inbox = inbox
        self._catalog = catalog
        self._window = window
        self._investigations = investigations
        self._metrics = metrics
        self._poll = poll_seconds
        self._sleep = sleep
        self._nudged = asyncio.Event()
        self._empty = asyncio.Event()
        self._wakes = 0
        self._loop: asyncio.Task[None] | None = None
        self._closed = False

    def start(self) -> None:
        if self._loop is None and not self._closed:
            self._loop = asyncio.create_task(self._run(), name="inbox-drainer")

    def wake(self) -> None:
        """A webhook was acknowledged: drain now rather than at the next poll."""
        self._wakes += 1
        self._empty.clear()
        self._nudged.set()

    async def wait_drained(self) -> None:
        """Return once a drain found the inbox empty after this call (every process's webhooks)."""
        self.wake()
        await self._empty.wait()

    async def close(self) -> None:
        """Stop draining; a drain cut short rolls back, and its webhooks wait for the next one."""
        self._closed = True
        if self._loop is not None:
            self._loop.cancel()
            await asyncio.gather(self._loop, return_exceptions=True)
        self._empty.set()

    async def drain_once(self) -> Drained:
        """Group one batch of the inbox and pass on what it changed."""
        wakes = self._wakes
        drained = await self._inbox.drain(self._catalog, self._window, within=self._investigations.enqueue_within)
        if not drained.webhooks:
            if wakes == self._wakes:
                self._empty.set()
            return drained
        for result in drained.results:
            await self._passed_on(result)
        log.info("inbox drained", extra={"webhooks": drained.webhooks, "alerts": drained.alerts})
        return drained

    async def _passed_on(self, result: IngestResult) -> None:
        self._metrics.alerts_ingested.inc(result.new)
        self._metrics.alert_duplicates.inc(result.duplicates)
        self._metrics.alerts_resolved.inc(result.resolved)
        self._metrics.incidents_opened.inc(len(result.created))
        if result.investigate or result.resolved_incidents:
            self._investigations.wake()
        await self._investigations.notify_resolved(result.resolved_incidents)
        if result.created or result.updated or result.resolved_incidents or result.unknown_resolved:
            log.info(
                "alerts ingested",
                extra={
                    "new": result.new,
                    "duplicates": result.duplicates,
                    "resolved": result.resolved,
                    "resolved_never_fired": result.unknown_resolved,
                    "incidents_created": list(result.created),
                    "incidents_updated": list(result.updated),
                    "incidents_resolved": list(result.resolved_incidents),
                },
            )

    async def _run(self) -> None:
        while not self._closed:
            self._nudged.clear()
            try:
                drained = await self.drain_once()
            except StoreUnavailable as error:
                log.warning("inbox not drained: store unavailable", extra={"error": str(error)})
                drained = Drained()
            except Exception:
                log.exception("inbox drain failed; retrying")
                drained = Drained()
            if drained.webhooks:
                continue
            await sleep_or_nudge(self._sleep, self._poll, self._nudged)
