"""What the Slack surface must do once, or one at a time, per incident and per delivery, across
every process that serves Slack (they share only the database).

* :meth:`Coordination.incident_lock`: everything that reads an incident's Slack state and writes
  it back (a refresh of its post, a click, a command) holds the incident's lease
  (:mod:`bot.store.leases`); a caller that finds it held waits, polling every
  :data:`LOCK_RETRY_SECONDS`, for at most :data:`LOCK_WAIT`. Callers in one process queue on an
  ``asyncio.Lock`` first, so a burst of clicks on one incident puts one poller on the database,
  not fifty. The lease expires after
  :data:`LOCK_TTL` if its holder dies, and its fence lets the store refuse a write from a holder
  that stalled past it: the first post of an incident is recorded only under a live lease
  (:meth:`bot.store.slack_posts.SlackPostRepository.record_first_post`), so two processes never
  both keep a first message;
* :meth:`Coordination.claim_delivery`: a request is processed once, whichever process receives
  it. Slack retries deliveries and people click twice; the keys are ``event:<event_id>`` for an
  Events API callback, ``action:<user>:<action_id>:<action_ts>`` for a click and
  ``command:<trigger_id>`` for a command (:mod:`bot.store.claims`). Keys older than
  :data:`DELIVERY_RETENTION` are purged about hourly: Slack retries for minutes, not days.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.slack.errors import IncidentBusy
from bot.store import Lease, Storage, StoreUnavailable

log = logging.getLogger(__name__)

#: Slack retries a delivery for minutes, not days: keys are kept a day, then purged.
DELIVERY_RETENTION = timedelta(days=1)
PURGE_EVERY = timedelta(hours=1)
#: How long an incident's lease lasts if its holder dies; a refresh or a click takes well under it.
LOCK_TTL = timedelta(seconds=30)
#: How long a caller waits for an incident's lease before giving up (the work is then logged as failed).
LOCK_WAIT = timedelta(seconds=60)
LOCK_RETRY_SECONDS = 0.05


class Coordination:
    """Database-backed coordination of the Slack surface (see the module docstring)."""

    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        holder: str,
        *,
        retry_seconds: float = LOCK_RETRY_SECONDS,
    ) -> None:
        self._storage = storage
        self._clock = clock
        self._holder = holder
        self._retry = retry_seconds
        self._purged_at: datetime | None = None
        self._local: dict[int, asyncio.Lock] = {}
        self._queued: dict[int, int] = {}

    @contextlib.asynccontextmanager
    async def incident_lock(self, incident_id: int) -> AsyncIterator[Lease]:
        """Held while an incident's Slack state is read and written back; yields the lease (its fence)."""
        self._queued[incident_id] = self._queued.get(incident_id, 0) + 1
        try:
            async with self._local.setdefault(incident_id, asyncio.Lock()), self._database_lease(incident_id) as lease:
                yield lease
        finally:
            self._queued[incident_id] -= 1
            if not self._queued[incident_id]:
                del self._queued[incident_id], self._local[incident_id]

    @contextlib.asynccontextmanager
    async def _database_lease(self, incident_id: int) -> AsyncIterator[Lease]:
        name = f"slack-incident:{incident_id}"
        holder = f"{self._holder}:{uuid.uuid4().hex[:8]}"
        waited = 0.0
        while (lease := await self._storage.leases.acquire(name, holder, LOCK_TTL)) is None:
            if waited >= LOCK_WAIT.total_seconds():
                raise IncidentBusy(f"incident {incident_id}: its Slack state stayed locked for {waited:.0f} s")
            await asyncio.sleep(self._retry)
            waited += self._retry
        try:
            yield lease
        finally:
            try:
                await self._storage.leases.release(lease)
            except StoreUnavailable as error:  # it lapses on its own
                log.warning("incident lease not released", extra={"incident": incident_id, "error": str(error)})

    async def claim_delivery(self, key: str) -> bool:
        """True the first time ``key`` is seen (process the request), False on a repeat."""
        now = self._clock.now()
        if self._purged_at is None or now - self._purged_at >= PURGE_EVERY:
            self._purged_at = now
            purged = await self._storage.claims.forget_before(now - DELIVERY_RETENTION)
            if purged:
                log.info("old Slack delivery keys purged", extra={"count": purged})
        return await self._storage.claims.claim(key, now)
