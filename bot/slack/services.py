"""The services the Slack handlers share, built once per app by :func:`bot.slack.app.build_slack`;
also the Slack surface's face to the rest of opsdesk: an observer of investigations (each analysis
and resolution leaves a durable request to refresh the post, run by whichever process claims it),
and what shutdown drains (:meth:`SlackServices.close`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from slack_sdk.web.async_client import AsyncWebClient

from bot.catalog import Catalog
from bot.clock import Clock
from bot.config import Settings
from bot.coordination import TimerWorker
from bot.engine.model import Analysis
from bot.incidents.drafts import PostmortemWriter
from bot.incidents.investigations import Investigations
from bot.slack.coordination import Coordination
from bot.slack.poster import Poster
from bot.slack.publisher import POST_TIMER, IncidentPublisher
from bot.slack.roles import Roles
from bot.slack.runner import SHUTDOWN_GRACE_SECONDS, BackgroundRunner
from bot.store import Storage


@dataclass(frozen=True)
class SlackServices:
    settings: Settings
    catalog: Catalog
    storage: Storage
    client: AsyncWebClient
    clock: Clock
    poster: Poster
    roles: Roles
    runner: BackgroundRunner
    coordination: Coordination
    publisher: IncidentPublisher
    investigations: Investigations
    worker: TimerWorker
    postmortems: PostmortemWriter | None = None

    # -- observer of investigations -------------------------------------------------------

    async def analysis_stored(self, incident_id: int, analysis: Analysis) -> None:
        await self.storage.timers.schedule(POST_TIMER, str(incident_id), self.clock.now())
        self.worker.wake()

    async def incidents_resolved(self, incident_ids: Sequence[int]) -> None:
        """Nothing to do: intake stored the resolution notice's timer with the resolution (see build_slack)."""
        return None

    # -- lifecycle ------------------------------------------------------------------------

    async def wait_idle(self) -> None:
        """Return once the work started by requests and investigations is done (tests, benchmarks)."""
        await self.runner.wait_idle()
        await self.investigations.wait_idle()
        await self.runner.wait_idle()

    async def close(self, grace_seconds: float = SHUTDOWN_GRACE_SECONDS) -> None:
        """Drain the background work, then the posting queues, each within ``grace_seconds``."""
        await self.runner.close(grace_seconds)
        await self.poster.close(grace_seconds)
