"""Writes the postmortem draft of each incident that resolves, once, whichever process is alive.

Resolution by alerts schedules its timer inside intake's transaction
(:meth:`~bot.incidents.investigations.Investigations.on_resolution`); resolution by hand
(``/incident resolve``) calls :meth:`PostmortemWriter.schedule`. Either way a durable timer of kind
``postmortem`` keyed by the incident is stored, so a crash right after the resolution still gets
its draft. The handler reads the incident, its latest analysis
and its Slack record, writes the draft (:mod:`bot.incidents.postmortem`) to the store, and hands
it to whoever publishes it (the Slack thread); a publisher that raises has the whole timer run again
later (storing the same draft again is harmless).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.clock import Clock
from bot.coordination import TimerWorker
from bot.incidents.postmortem import postmortem_markdown
from bot.store import Storage, Timer

log = logging.getLogger(__name__)

POSTMORTEM_TIMER = "postmortem"

Publish = Callable[[int, str], Awaitable[None]]


class PostmortemWriter:
    def __init__(self, storage: Storage, worker: TimerWorker, clock: Clock) -> None:
        self._storage = storage
        self._worker = worker
        self._clock = clock
        self._publishers: list[Publish] = []
        worker.register(POSTMORTEM_TIMER, self._write)

    def publish_with(self, publish: Publish) -> None:
        """Also hand each draft to ``publish(incident_id, markdown)`` once it is stored."""
        self._publishers.append(publish)

    async def schedule(self, incident_id: int) -> None:
        await self._storage.timers.schedule(POSTMORTEM_TIMER, str(incident_id), self._clock.now())
        self._worker.wake()

    async def _write(self, timer: Timer) -> None:
        incident_id = int(timer.key)
        incident = await self._storage.incidents.get(incident_id)
        if incident is None or incident.status != "resolved":
            return
        analysis = await self._storage.analyses.latest(incident_id)
        post = await self._storage.slack_posts.get(incident_id)
        resolved_at = incident.resolved_at or self._clock.now()
        markdown = postmortem_markdown(incident, analysis, post, resolved_at)
        await self._storage.postmortems.save(incident_id, markdown, self._clock.now())
        log.info("postmortem draft stored", extra={"incident": incident_id, "chars": len(markdown)})
        for publish in self._publishers:
            await publish(incident_id, markdown)  # raises when it may work later: the timer runs again
