"""The incident post: one message per incident, posted once and then edited in place; what happens
to the incident since (grouped alerts, roles, resolution) goes to its thread.

Every write goes through the channel's :class:`~bot.slack.poster.Poster` queue (about one call a
second per channel, edits of one message coalesced), and a refresh holds the incident's lease
(:class:`~bot.slack.coordination.Coordination`), whichever process runs it. The first message is
kept only while that lease holds: a process that stalled past it and finds another message kept
deletes its own. Before the first message is sent, ``posting_since`` is stored, and the message
carries the incident's id in its metadata (:data:`METADATA_EVENT`): a process that finds
``posting_since`` set but no message recorded (its sender died between Slack's answer and the
commit) looks through the channel's latest messages for that metadata and adopts the message it
finds instead of posting a second one. Alerts grouped into the incident since the last refresh are named in one thread
reply per refresh (``alerts_posted`` in the store says how many were named; a reply that could not
be sent for a passing reason hands them back to the next refresh). Refreshes that follow
an analysis or a resolution are durable timers (:data:`POST_TIMER`, :data:`RESOLVED_TIMER`): one
that could not post while Slack was unreachable is retried. An edit that fails for a reason that
may pass (5xx, 429 after slack-sdk's retries, a timeout, a dropped connection), from whatever
path, leaves a :data:`POST_TIMER` due :data:`RETRY_SECONDS` later: the post is rebuilt whole from
the store then, so nothing the failed edit carried is lost. Slack's refusals are handled by name:
``not_in_channel`` joins the channel and posts again, ``msg_blocks_too_long`` sends the header and
the buttons alone, ``channel_not_found`` falls back to the default channel; anything else is logged
and leaves the post as it was.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.catalog import Catalog
from bot.clock import Clock
from bot.config import Settings
from bot.slack.client import error_name, failure_name, is_transient, safe
from bot.slack.coordination import Coordination
from bot.slack.errors import PostNotSent
from bot.slack.poster import Poster
from bot.slack.views import notes
from bot.slack.views.blocks import PostState, fallback_text, incident_blocks
from bot.store import IncidentDetail, Lease, SlackPost, Storage, Timer

log = logging.getLogger(__name__)

Blocks = list[dict[str, Any]]

#: Durable timer kinds (keyed by incident id) that refresh the post after an analysis or resolution.
POST_TIMER = "slack-post"
RESOLVED_TIMER = "slack-resolved"
#: The metadata event type of an incident's first message (its payload names the incident).
METADATA_EVENT = "opsdesk_incident"
#: How many of a channel's latest messages are searched for a first message sent before a crash.
RECOVERY_HISTORY = 200
#: How long after a failed edit its durable retry is due.
RETRY_SECONDS = 5.0


class IncidentPublisher:
    """Posts, edits and threads under the incident post (see the module docstring)."""

    def __init__(
        self,
        settings: Settings,
        catalog: Catalog,
        storage: Storage,
        client: AsyncWebClient,
        poster: Poster,
        clock: Clock,
        coordination: Coordination,
    ) -> None:
        self._settings = settings
        self._catalog = catalog
        self._storage = storage
        self._client = client
        self._poster = poster
        self._clock = clock
        self._coordination = coordination

    async def refresh(self, incident_id: int) -> SlackPost | None:
        """Post the incident's message, or edit it in place; new grouped alerts go to its thread."""
        storage = self._storage
        async with self._coordination.incident_lock(incident_id) as lease:
            incident = await storage.incidents.get(incident_id)
            if incident is None:
                return None
            post = await storage.slack_posts.get(incident_id)
            analysis = await storage.analyses.latest(incident_id)
            votes = await storage.feedback.tally(incident_id)
            state = _state(incident, post, votes)
            blocks, text = incident_blocks(state, analysis), fallback_text(state, analysis)
            now = self._clock.now()
            if post is None or post.ts is None or post.channel is None:
                return await self._first_post(incident, post, text, blocks, now, lease)
            # Queued now (so edits stay in order and coalesce), awaited after the lease is released.
            channel, ts = post.channel, post.ts
            edit = asyncio.ensure_future(self._update_message(channel, ts, text, blocks, incident_id))
            grouped = None
            announced = post.alerts_posted
            if len(incident.alerts) > announced:
                grouped = notes.grouped_alerts(incident.alerts[announced:])
                post = await storage.slack_posts.update(incident_id, now, alerts_posted=len(incident.alerts))
        if grouped:
            await self._announce(incident_id, channel, ts, grouped, announced)
        await edit
        return post

    async def _announce(self, incident_id: int, channel: str, ts: str, note: str, announced: int) -> None:
        """The grouped-alerts thread note. One that fails for a reason that may pass hands its alerts
        back (``alerts_posted`` as before it) and leaves a :data:`POST_TIMER`: the next refresh names
        them again, with any newer ones, rather than losing them."""
        try:
            await self._poster.post(channel, text=note, thread_ts=ts)
        except Exception as error:
            name = failure_name(error)
            log.error("grouped alerts note failed", extra={"incident": incident_id, "error": name})
            if not is_transient(error):
                if not isinstance(error, SlackApiError):
                    raise
                return
            async with self._coordination.incident_lock(incident_id):
                current = await self._storage.slack_posts.get(incident_id)
                if current is not None and current.alerts_posted > announced:
                    await self._storage.slack_posts.update(incident_id, self._clock.now(), alerts_posted=announced)
            due = self._clock.now() + timedelta(seconds=RETRY_SECONDS)
            await self._storage.timers.schedule(POST_TIMER, str(incident_id), due)

    async def refresh_when_due(self, timer: Timer) -> None:
        """The :data:`POST_TIMER` handler; raises :class:`PostNotSent` so the post is tried again."""
        incident_id = int(timer.key)
        post = await self.refresh(incident_id)
        if post is None or post.ts is None:
            incident = await self._storage.incidents.get(incident_id)
            if incident is not None and self._channel_for(incident.services, post) is not None:
                raise PostNotSent(f"incident {incident_id}: not posted yet")

    async def resolved_when_due(self, timer: Timer) -> None:
        """The :data:`RESOLVED_TIMER` handler: the post shows the resolution, the thread says why.

        A thread reply that fails for a passing reason raises, so the timer runs again."""
        await self.refresh_when_due(timer)
        await self.thread_durably(int(timer.key), notes.RESOLVED_BY_ALERTS)

    async def thread_durably(self, incident_id: int, text: str) -> None:
        """Reply in the incident's thread from a durable timer's handler: a failure that may pass
        raises :class:`PostNotSent` (the timer runs again); a refusal is logged."""
        post = await self._storage.slack_posts.get(incident_id)
        if post is None or post.channel is None or post.ts is None:
            log.info("thread reply skipped: incident not posted", extra={"incident": incident_id})
            return
        try:
            await self._poster.post(post.channel, text=text, thread_ts=post.ts)
        except Exception as error:
            if is_transient(error):
                raise PostNotSent(f"incident {incident_id}: thread reply not sent ({failure_name(error)})") from error
            log.error("thread reply refused", extra={"incident": incident_id, "error": failure_name(error)})

    async def thread(self, incident_id: int, text: str) -> None:
        """Reply in the thread of the incident's post (skipped while it is not posted)."""
        post = await self._storage.slack_posts.get(incident_id)
        if post is None or post.channel is None or post.ts is None:
            log.info("thread reply skipped: incident not posted", extra={"incident": incident_id})
            return
        await safe(self._poster.post(post.channel, text=text, thread_ts=post.ts))

    async def set_commander(self, incident_id: int, user: str, *, previous: str | None, by: str) -> None:
        """Record ``user`` as incident commander (set by ``by``) and say so in the thread."""
        now = self._clock.now()
        await self._storage.slack_posts.update(incident_id, now, commander=user, commander_at=now)
        await self.thread(incident_id, notes.commander_changed(user, previous, by))

    async def _first_post(
        self, incident: IncidentDetail, post: SlackPost | None, text: str, blocks: Blocks, now: datetime, lease: Lease
    ) -> SlackPost | None:
        channel = self._channel_for(incident.services, post)
        if channel is None:
            log.warning("incident not posted: no channel", extra={"incident": incident.id})
            return post
        if post is not None and post.posting_since is not None:
            sent = await self._earlier_post(channel, incident.id)
            if sent is not None:
                log.warning("first post sent before a crash adopted", extra={"incident": incident.id})
                kept = await self._keep(incident, sent, now, lease)
                if kept is not None and kept.channel and kept.ts:
                    await self._update_message(kept.channel, kept.ts, text, blocks, incident.id)
                return kept
        await self._storage.slack_posts.update(incident.id, now, posting_since=now)
        sent = await self._post_message(channel, text, blocks, incident.id)
        if sent is None:
            return post
        return await self._keep(incident, sent, now, lease)

    async def _keep(
        self, incident: IncidentDetail, sent: dict[str, Any], now: datetime, lease: Lease
    ) -> SlackPost | None:
        sent_channel, sent_ts = str(sent["channel"]), str(sent["ts"])
        kept = await self._storage.slack_posts.record_first_post(
            incident.id, lease, now, channel=sent_channel, ts=sent_ts, alerts_posted=len(incident.alerts)
        )
        if kept is None:
            log.warning("first post superseded by another process's: deleted", extra={"incident": incident.id})
            await safe(self._client.chat_delete(channel=sent_channel, ts=sent_ts))
            return await self._storage.slack_posts.get(incident.id)
        return kept

    async def _earlier_post(self, channel: str, incident_id: int) -> dict[str, Any] | None:
        """The incident's first message if one was sent before a crash: ``{"channel", "ts"}`` or None.

        Slack reads a channel's history by ID only: with a ``#name`` channel the search fails and the
        message is posted again (README: give channels as IDs for exactly-once posts)."""
        channels = dict.fromkeys(c for c in (channel, self._settings.slack_default_channel) if c)
        for name in channels:
            answer = await safe(
                self._client.conversations_history(channel=name, limit=RECOVERY_HISTORY, include_all_metadata=True)
            )
            if answer is None:
                continue
            for message in answer.get("messages") or []:
                metadata = message.get("metadata") or {}
                payload = metadata.get("event_payload") or {}
                if metadata.get("event_type") == METADATA_EVENT and payload.get("incident_id") == incident_id:
                    return {"channel": name, "ts": message["ts"]}
        return None

    def _channel_for(self, services: Sequence[str], post: SlackPost | None) -> str | None:
        if post is not None and post.channel:
            return post.channel
        for name in services[:1]:
            service = self._catalog.get(name)
            if service is not None and service.channel:
                return service.channel
        return self._settings.slack_default_channel

    async def _post_message(self, channel: str, text: str, blocks: Blocks, incident_id: int) -> dict[str, Any] | None:
        for attempt in range(2):
            try:
                metadata = {"event_type": METADATA_EVENT, "event_payload": {"incident_id": incident_id}}
                return await self._poster.post(
                    channel, first=True, text=text, blocks=blocks, unfurl_links=False, metadata=metadata
                )
            except SlackApiError as error:
                name = error_name(error)
                log.error(
                    "incident post failed",
                    extra={"incident": incident_id, "channel": channel, "error": name, "attempt": attempt},
                )
                if name == "not_in_channel" and attempt == 0 and await self._join(channel):
                    continue
                if name == "msg_blocks_too_long" and attempt == 0:
                    blocks = blocks[:1] + blocks[-1:]
                    continue
                if name == "channel_not_found" and attempt == 0:
                    fallback = self._settings.slack_default_channel
                    if fallback and fallback != channel:
                        channel = fallback
                        continue
                return None
        return None

    async def _update_message(self, channel: str, ts: str, text: str, blocks: Blocks, incident_id: int) -> None:
        try:
            await self._poster.update(channel, ts, text=text, blocks=blocks)
        except Exception as error:
            name = failure_name(error)
            log.error("incident post update failed", extra={"incident": incident_id, "channel": channel, "error": name})
            if is_transient(error):
                due = self._clock.now() + timedelta(seconds=RETRY_SECONDS)
                await self._storage.timers.schedule(POST_TIMER, str(incident_id), due)
            elif name == "msg_blocks_too_long":
                await safe(self._poster.update(channel, ts, text=text, blocks=blocks[:1] + blocks[-1:]))
            elif not isinstance(error, SlackApiError):
                raise

    async def _join(self, channel: str) -> bool:
        joined = await safe(self._client.conversations_join(channel=channel))
        return joined is not None


def _state(incident: IncidentDetail, post: SlackPost | None, votes: dict[int, dict[str, int]]) -> PostState:
    return PostState(
        incident_id=incident.id,
        title=incident.title,
        severity=incident.severity,
        status=incident.status,
        services=incident.services,
        opened_at=incident.opened_at,
        alertnames=incident.alertnames,
        acknowledged_by=post.acknowledged_by if post else None,
        commander=post.commander if post else None,
        incident_channel=post.incident_channel if post else None,
        resolution=post.summary if post else None,
        votes=votes,
    )
