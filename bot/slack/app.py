"""The Slack app: one Bolt ``AsyncApp`` over the incident store, mounted on the aiohttp server.

Request handling follows Slack's rules (issue "Slack", point 5):

* every listener calls ``ack()`` first and hands the work to a tracked background task, so
  Slack gets its answer well within 3 s whatever the Web API or the database do; the tasks are
  drained at shutdown (:meth:`SlackIncidents.close`);
* Slack's signature is checked by Bolt's own verification (``signing_secret``; 5-minute window);
* retried deliveries and repeated clicks are processed once: the key is the Events API
  ``event_id``, ``(user, action_id, action_ts)`` for a click, the ``trigger_id`` of a command,
  claimed in the store (:meth:`bot.store.slack_records.SlackRecords.claim_delivery`);
* every state change is re-checked on the server: the incident exists, the value was not
  tampered with (:mod:`bot.slack.actions`), and the person holds the role: the incident
  commander, or a member of the owning team (the catalog ``owners`` of the incident's services,
  user IDs or user-group IDs resolved with ``usergroups.users.list``). Refusals answer the person
  with an ephemeral message and are logged with ``audit=True``;
* Web API ``ok:false`` errors are handled by name (:data:`EXPLANATIONS`), 429/5xx are retried by
  slack-sdk's retry handlers inside the client, and writes to channels are paced by
  :class:`bot.slack.poster.Poster`.

An incident with no owning team in the catalog (a declared one, or services without ``owners``)
is run by its incident commander alone; while it has none, anyone may acknowledge it or take the role.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
import unicodedata
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.catalog import Catalog
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.engine.model import Analysis
from bot.errors import ConfigError
from bot.investigations import Investigations
from bot.slack import actions, commands
from bot.slack.blocks import PostState, fallback_text, incident_blocks
from bot.slack.channel_alerts import alerts_from_message
from bot.slack.poster import Poster, retry_handlers
from bot.store import IncidentDetail, Store, StoredAlert, StoreUnavailable
from bot.store.slack_records import SlackPost, SlackRecords

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
SHUTDOWN_GRACE_SECONDS = 10.0
#: How long background work waits for in-flight Slack requests to be answered before it starts.
MAX_DEFER_SECONDS = 0.25
#: Slack retries a delivery for minutes, not days: keys are kept a day, then purged.
DELIVERY_RETENTION = timedelta(days=1)
PURGE_EVERY = timedelta(hours=1)
MAX_CHANNEL_NAME = 80
_TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
#: What a person is told when Slack refuses a call made for them.
EXPLANATIONS = {
    "not_in_channel": "opsdesk is not a member of that channel: invite it with `/invite @opsdesk`.",
    "channel_not_found": "Slack cannot find that channel (deleted, or private and opsdesk is not in it).",
    "msg_blocks_too_long": "The incident post was too long for Slack; a shortened version was sent.",
    "name_taken": "An incident channel with that name already exists.",
    "expired_trigger_id": "That took too long for Slack; please try again.",
    "is_archived": "That channel is archived.",
    "restricted_action": "A workspace setting prevents opsdesk from doing that.",
    "missing_scope": "opsdesk lacks a Slack permission for that; ask an admin to reinstall the app from the manifest.",
    "ratelimited": "Slack is rate-limiting opsdesk; the update will follow shortly.",
}
Work = Coroutine[Any, Any, object]


def slack_client(settings: Settings) -> AsyncWebClient:
    """The Web API client: bot token, ``OPSDESK_SLACK_API_URL`` override, slack-sdk retry handlers."""
    base_url = settings.slack_api_url or DEFAULT_API_URL
    if not base_url.endswith("/"):
        base_url += "/"
    return AsyncWebClient(token=settings.slack_bot_token, base_url=base_url, retry_handlers=retry_handlers())


def incident_channel_name(incident_id: int, title: str, attempt: int = 0) -> str:
    """A valid, unique-per-incident channel name: ``inc-42-checkout-errors`` (lowercase, ≤ 80)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")
    suffix = f"-{attempt + 1}" if attempt else ""
    head = f"inc-{incident_id}"
    room = MAX_CHANNEL_NAME - len(head) - len(suffix) - 1
    slug = slug[:room].strip("-")
    return f"{head}-{slug}{suffix}" if slug else f"{head}{suffix}"


def permalink(channel: str, ts: str) -> str:
    return f"https://slack.com/archives/{channel}/p{ts.replace('.', '')}"


class Refused(Exception):
    """A request not carried out; ``str()`` is the explanation for the person."""


class Roles:
    """Who may change an incident: its commander, or a member of the owning team."""

    def __init__(
        self,
        client: AsyncWebClient,
        catalog: Catalog,
        *,
        cache_seconds: float = 60.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._catalog = catalog
        self._cache_seconds = cache_seconds
        self._monotonic = monotonic
        self._groups: dict[str, tuple[float, frozenset[str]]] = {}

    def owners(self, services: Sequence[str]) -> tuple[str, ...]:
        found: list[str] = []
        for name in services:
            service = self._catalog.get(name)
            found += [o for o in (service.owners if service else ()) if o not in found]
        return tuple(found)

    async def may_act(self, user: str, services: Sequence[str], commander: str | None) -> bool:
        if commander is not None and user == commander:
            return True
        owners = self.owners(services)
        if user in owners:
            return True
        for group in (o for o in owners if o.startswith("S")):
            if user in await self._members(group):
                return True
        return False

    async def _members(self, group: str) -> frozenset[str]:
        cached = self._groups.get(group)
        now = self._monotonic()
        if cached is not None and now - cached[0] < self._cache_seconds:
            return cached[1]
        try:
            response = await self._client.usergroups_users_list(usergroup=group)
            members = frozenset(str(u) for u in response.get("users") or [])
        except SlackApiError as error:
            log.error("user group lookup failed", extra={"usergroup": group, "error": _error_name(error)})
            return cached[1] if cached else frozenset()
        self._groups[group] = (now, members)
        return members


class SlackIncidents:
    """The incident post, its buttons and ``/incident``; an observer of investigations."""

    def __init__(
        self,
        settings: Settings,
        catalog: Catalog,
        store: Store,
        client: AsyncWebClient,
        investigations: Investigations | None = None,
        *,
        clock: Clock | None = None,
        poster: Poster | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.store = store
        self.records = SlackRecords(store)
        self.client = client
        self.investigations = investigations
        self.clock = clock or SystemClock()
        self.poster = poster or Poster(client, interval=settings.slack_post_interval_seconds, monotonic=monotonic)
        self.roles = Roles(client, catalog, cache_seconds=settings.slack_usergroup_cache_seconds, monotonic=monotonic)
        self.alert_channels = frozenset(settings.slack_alert_channels)
        self._tasks: set[asyncio.Task[None]] = set()
        self._locks: dict[int, asyncio.Lock] = {}
        self._idle = asyncio.Event()
        self._idle.set()
        self._quiet = asyncio.Event()
        self._quiet.set()
        self._in_flight = 0
        self._purged_at: datetime | None = None
        self._unannounced: dict[int, list[StoredAlert]] = {}

    # -- background work ----------------------------------------------------------------

    def spawn(self, work: Work, name: str) -> None:
        """Run ``work`` after the ack, tracked so shutdown can drain it; failures are logged."""
        task = asyncio.create_task(self._guarded(work, name), name=name)
        self._tasks.add(task)
        self._idle.clear()
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not self._tasks:
            self._idle.set()

    async def _guarded(self, work: Work, name: str) -> None:
        try:
            if not self._quiet.is_set():
                # Let the acks of a burst of requests go out before the work they started.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._quiet.wait(), MAX_DEFER_SECONDS)
            await work
        except StoreUnavailable as error:
            log.error("slack work failed: store unavailable", extra={"task": name, "error": str(error)})
        except Exception:
            log.exception("slack work failed", extra={"task": name})

    @contextlib.contextmanager
    def request(self) -> Iterator[None]:
        """Marks a Slack request being answered; background work waits for the answers (briefly)."""
        self._in_flight += 1
        self._quiet.clear()
        try:
            yield
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._quiet.set()

    async def wait_idle(self) -> None:
        while self._tasks:
            await self._idle.wait()
            await asyncio.sleep(0)

    async def close(self, grace_seconds: float = SHUTDOWN_GRACE_SECONDS) -> None:
        if self._tasks:
            _, late = await asyncio.wait(list(self._tasks), timeout=grace_seconds)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        await self.poster.close(grace_seconds)

    async def _first_delivery(self, key: str) -> bool:
        """Claim ``key``; keys older than :data:`DELIVERY_RETENTION` are purged about hourly."""
        now = self.clock.now()
        if self._purged_at is None or now - self._purged_at >= PURGE_EVERY:
            self._purged_at = now
            purged = await self.records.forget_deliveries_before(now - DELIVERY_RETENTION)
            if purged:
                log.info("old Slack delivery keys purged", extra={"count": purged})
        return await self.records.claim_delivery(key, now)

    def _lock(self, incident_id: int) -> asyncio.Lock:
        return self._locks.setdefault(incident_id, asyncio.Lock())

    # -- observer of investigations -----------------------------------------------------

    def analysis_stored(self, incident_id: int, analysis: Analysis) -> None:
        self.spawn(self.refresh(incident_id), f"slack-refresh-{incident_id}")

    def incidents_resolved(self, incident_ids: Sequence[int]) -> None:
        for incident_id in incident_ids:
            self.spawn(self._resolved_by_alerts(incident_id), f"slack-resolved-{incident_id}")

    async def _resolved_by_alerts(self, incident_id: int) -> None:
        await self.refresh(incident_id)
        await self.thread(incident_id, "✅ Resolved: every alert of this incident has resolved.")

    # -- the post -----------------------------------------------------------------------

    async def refresh(self, incident_id: int) -> SlackPost | None:
        """Post the incident's message, or edit it in place; new grouped alerts go to its thread."""
        async with self._lock(incident_id):
            incident = await self.store.get_incident(incident_id)
            if incident is None:
                return None
            post = await self.records.post(incident_id)
            analysis = await self.store.latest_analysis(incident_id)
            votes = await self.records.votes(incident_id)
            state = _state(incident, post, votes)
            blocks, text = incident_blocks(state, analysis), fallback_text(state, analysis)
            now = self.clock.now()
            if post is None or post.ts is None or post.channel is None:
                channel = (post.channel if post else None) or self._channel_for(incident.services)
                if channel is None:
                    log.warning("incident not posted: no channel", extra={"incident": incident_id})
                    return post
                sent = await self._post_message(channel, text, blocks, incident_id)
                if sent is None:
                    return post
                return await self.records.update_post(
                    incident_id, now, channel=sent["channel"], ts=sent["ts"], alerts_posted=len(incident.alerts)
                )
            # Queued now (so edits stay in order and coalesce), awaited after the lock is released.
            channel, ts = post.channel, post.ts
            edit = asyncio.ensure_future(self._update_message(channel, ts, text, blocks, incident_id))
            grouped = None
            if len(incident.alerts) > post.alerts_posted:
                # Alerts not yet announced in the thread, including those of a reply still waiting in
                # the queue: that reply is replaced by this one (coalesce_key), so nothing is lost.
                pending = self._unannounced.setdefault(incident_id, [])
                pending += incident.alerts[post.alerts_posted :]
                names = ", ".join(sorted({a.alertname for a in pending}))
                services = ", ".join(sorted({a.service for a in pending}))
                grouped = f"➕ {len(pending)} new alert(s) grouped here: {names} on {services}"
                post = await self.records.update_post(incident_id, now, alerts_posted=len(incident.alerts))
        if grouped:
            await self._safe(self.poster.post(channel, text=grouped, thread_ts=ts, coalesce_key=f"grouped:{ts}"))
            self._unannounced.pop(incident_id, None)
        await edit
        return post

    async def thread(self, incident_id: int, text: str) -> None:
        post = await self.records.post(incident_id)
        if post is None or post.channel is None or post.ts is None:
            log.info("thread reply skipped: incident not posted", extra={"incident": incident_id})
            return
        await self._thread_message(post.channel, post.ts, text)

    def _channel_for(self, services: Sequence[str]) -> str | None:
        for name in services[:1]:
            service = self.catalog.get(name)
            if service is not None and service.channel:
                return service.channel
        return self.settings.slack_default_channel

    async def _post_message(
        self, channel: str, text: str, blocks: list[dict[str, Any]], incident_id: int
    ) -> dict[str, Any] | None:
        for attempt in range(2):
            try:
                return await self.poster.post(channel, first=True, text=text, blocks=blocks, unfurl_links=False)
            except SlackApiError as error:
                name = _error_name(error)
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
                    fallback = self.settings.slack_default_channel
                    if fallback and fallback != channel:
                        channel = fallback
                        continue
                return None
        return None

    async def _update_message(
        self, channel: str, ts: str, text: str, blocks: list[dict[str, Any]], incident_id: int
    ) -> None:
        try:
            await self.poster.update(channel, ts, text=text, blocks=blocks)
        except SlackApiError as error:
            name = _error_name(error)
            log.error("incident post update failed", extra={"incident": incident_id, "channel": channel, "error": name})
            if name == "msg_blocks_too_long":
                await self._safe(self.poster.update(channel, ts, text=text, blocks=blocks[:1] + blocks[-1:]))

    async def _thread_message(self, channel: str, ts: str, text: str) -> None:
        await self._safe(self.poster.post(channel, text=text, thread_ts=ts))

    async def _join(self, channel: str) -> bool:
        joined = await self._safe(self.client.conversations_join(channel=channel))
        return joined is not None

    async def _safe(self, call: Awaitable[Any]) -> Any:
        try:
            return await call
        except SlackApiError as error:
            log.error("slack call failed", extra={"error": _error_name(error)})
            return None

    async def ephemeral(self, channel: str | None, user: str, text: str) -> None:
        """Tell one person something in the channel they acted in (by DM when there is none)."""
        try:
            if channel:
                await self.client.chat_postEphemeral(channel=channel, user=user, text=text)
            else:
                await self.client.chat_postMessage(channel=user, text=text)
        except SlackApiError as error:
            log.error("ephemeral reply failed", extra={"user": user, "channel": channel, "error": _error_name(error)})

    async def _refuse(self, channel: str | None, user: str, reason: str, **fields: Any) -> None:
        log.warning("slack request refused", extra={"audit": True, "user": user, "reason": reason, **fields})
        await self.ephemeral(channel, user, f"⛔ {reason}")

    # -- buttons ------------------------------------------------------------------------

    async def on_action(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        self.spawn(self.handle_action(body), "slack-action")

    async def handle_action(self, body: dict[str, Any]) -> None:
        user = str(body.get("user", {}).get("id", ""))
        channel = (body.get("channel") or {}).get("id")
        clicked = (body.get("actions") or [{}])[0]
        action_id = str(clicked.get("action_id", ""))
        key = f"action:{user}:{action_id}:{clicked.get('action_ts', '')}"
        if not await self._first_delivery(key):
            log.info("repeated click ignored", extra={"user": user, "action": action_id})
            return
        try:
            value = actions.parse_value(action_id, clicked.get("value"))
        except actions.BadAction as bad:
            await self._refuse(channel, user, str(bad), action=action_id[:100])
            return
        incident = await self.store.get_incident(value.incident)
        if incident is None:
            await self._refuse(channel, user, f"incident #{value.incident} does not exist.", action=action_id)
            return
        try:
            async with self._lock(incident.id):
                post = await self.records.post(incident.id) or SlackPost(incident_id=incident.id)
                if isinstance(value, actions.FeedbackValue):
                    changed = await self._vote(incident, value, user)
                elif action_id == actions.ACK:
                    changed = await self._acknowledge(incident, post, user)
                elif action_id == actions.TAKE_IC:
                    changed = await self._take_commander(incident, post, user)
                else:
                    changed = await self._open_channel(incident, post, user, channel)
        except Refused as refused:
            await self._refuse(channel, user, str(refused), action=action_id, incident=incident.id)
            return
        log.info(
            "slack action done",
            extra={"audit": True, "user": user, "action": action_id, "incident": incident.id, "changed": changed},
        )
        if changed:
            await self.refresh(incident.id)

    async def _check_role(self, incident: IncidentDetail, post: SlackPost, user: str, what: str) -> None:
        if await self.roles.may_act(user, incident.services, post.commander):
            return
        if post.commander is None and not self.roles.owners(incident.services) and what in ("acknowledge", "take"):
            return
        raise Refused(
            f"only the incident commander or the owning team may {what} incident #{incident.id}."
            + ("" if post.commander else " It has no commander yet.")
        )

    async def _vote(self, incident: IncidentDetail, value: actions.FeedbackValue, user: str) -> bool:
        analysis = await self.store.latest_analysis(incident.id)
        hypotheses = analysis.hypotheses if analysis else ()
        if value.hypothesis >= len(hypotheses):
            raise Refused(f"incident #{incident.id} has no hypothesis {value.hypothesis + 1}; the post is out of date.")
        chosen = hypotheses[value.hypothesis]
        await self.records.record_vote(
            incident.id, value.hypothesis + 1, chosen.cause, chosen.culprit, user, value.vote, self.clock.now()
        )
        return True

    async def _acknowledge(self, incident: IncidentDetail, post: SlackPost, user: str) -> bool:
        await self._check_role(incident, post, user, "acknowledge")
        if post.acknowledged_by:
            return False
        await self.records.update_post(
            incident.id, self.clock.now(), acknowledged_by=user, acknowledged_at=self.clock.now()
        )
        await self.thread(incident.id, f"👀 Acknowledged by <@{user}>.")
        return True

    async def _take_commander(self, incident: IncidentDetail, post: SlackPost, user: str) -> bool:
        await self._check_role(incident, post, user, "take")
        if post.commander == user:
            return False
        await self._set_commander(incident.id, post, user, by=user)
        return True

    async def _set_commander(self, incident_id: int, post: SlackPost, user: str, *, by: str) -> None:
        now = self.clock.now()
        await self.records.update_post(incident_id, now, commander=user, commander_at=now)
        was = f" (was <@{post.commander}>)" if post.commander else ""
        await self.thread(incident_id, f"🧑‍✈️ Incident commander is now <@{user}>{was}, set by <@{by}>.")

    async def _open_channel(self, incident: IncidentDetail, post: SlackPost, user: str, where: str | None) -> bool:
        await self._check_role(incident, post, user, "open a channel for")
        if post.incident_channel:
            raise Refused(f"incident #{incident.id} already has a channel: <#{post.incident_channel}>.")
        if incident.status != "open":
            raise Refused(f"incident #{incident.id} is resolved; no channel is opened for it.")
        created: str | None = None
        for attempt in range(5):
            name = incident_channel_name(incident.id, incident.title, attempt)
            try:
                response = await self.client.conversations_create(name=name)
            except SlackApiError as error:
                if _error_name(error) == "name_taken":
                    log.info("channel name taken, trying another", extra={"name": name})
                    continue
                log.error("incident channel not created", extra={"incident": incident.id, "error": _error_name(error)})
                raise Refused(_explain(error)) from None
            created = str(response["channel"]["id"])
            break
        if created is None:
            raise Refused(EXPLANATIONS["name_taken"])
        responders = sorted({u for u in (user, post.commander, post.acknowledged_by) if u})
        await self._safe(self.client.conversations_invite(channel=created, users=",".join(responders)))
        link = permalink(post.channel, post.ts) if post.channel and post.ts else ""
        topic = f"Incident #{incident.id} [{incident.severity}] {incident.title}"[:250]
        await self._safe(self.client.conversations_setTopic(channel=created, topic=topic))
        await self.records.update_post(incident.id, self.clock.now(), incident_channel=created)
        await self._safe(
            self.poster.post(
                created, text=f"Incident #{incident.id}: {incident.title}. Main post: {link or 'not posted'}"
            )
        )
        await self.thread(incident.id, f"📣 Incident channel <#{created}> opened by <@{user}>.")
        return True

    # -- /incident ----------------------------------------------------------------------

    async def on_command(self, ack: AsyncAck, command: dict[str, Any]) -> None:
        try:
            parsed = commands.parse_command(str(command.get("text", "")))
        except commands.CommandError as error:
            log.warning(
                "slash command refused",
                extra={"audit": True, "user": command.get("user_id"), "reason": str(error)},
            )
            await ack(f"⛔ {error}\n\n{commands.USAGE}")
            return
        await ack()
        self.spawn(self.handle_command(parsed, command), "slack-command")

    async def handle_command(self, parsed: commands.Command, command: dict[str, Any]) -> None:
        user = str(command.get("user_id", ""))
        channel = command.get("channel_id")
        if not await self._first_delivery(f"command:{command.get('trigger_id', '')}"):
            log.info("repeated command ignored", extra={"user": user})
            return
        try:
            if isinstance(parsed, commands.Declare):
                await self._declare(parsed, user, channel)
            elif isinstance(parsed, commands.Help):
                await self.ephemeral(channel, user, await self._help(user, channel))
            else:
                await self._on_incident_command(parsed, user, channel)
        except Refused as refused:
            await self._refuse(channel, user, str(refused), command=type(parsed).__name__.lower())

    async def _incident(self, given: int | None, channel: str | None) -> IncidentDetail:
        incident_id = given if given is not None else (await self.records.incident_for_channel(channel or ""))
        if incident_id is None:
            raise Refused("no incident here: run it in the incident's channel or give its number, e.g. `#42`.")
        incident = await self.store.get_incident(incident_id)
        if incident is None:
            raise Refused(f"incident #{incident_id} does not exist.")
        return incident

    async def _on_incident_command(
        self, parsed: commands.Status | commands.Resolve | commands.AssignCommander, user: str, channel: str | None
    ) -> None:
        incident = await self._incident(parsed.incident, channel)
        if isinstance(parsed, commands.Status):
            await self.ephemeral(channel, user, await self._status_text(incident))
            return
        async with self._lock(incident.id):
            post = await self.records.post(incident.id) or SlackPost(incident_id=incident.id)
            what = "resolve" if isinstance(parsed, commands.Resolve) else "assign the commander of"
            if not await self.roles.may_act(user, incident.services, post.commander):
                raise Refused(f"only the incident commander or the owning team may {what} incident #{incident.id}.")
            if isinstance(parsed, commands.Resolve):
                resolved = await self.records.resolve_incident(incident.id, self.clock.now())
                if resolved is None:
                    raise Refused(f"incident #{incident.id} is already resolved.")
                summary = parsed.summary or None
                await self.records.update_post(incident.id, self.clock.now(), summary=summary)
                await self.thread(incident.id, f"✅ Resolved by <@{user}>" + (f": {summary}" if summary else "."))
            else:
                if post.commander == parsed.user:
                    raise Refused(f"<@{parsed.user}> is already the incident commander.")
                await self._check_person(parsed.user)
                await self._set_commander(incident.id, post, parsed.user, by=user)
        log.info(
            "slash command done",
            extra={"audit": True, "user": user, "command": type(parsed).__name__.lower(), "incident": incident.id},
        )
        await self.refresh(incident.id)

    async def _check_person(self, user: str) -> None:
        """The incident commander must be an active person: not unknown, deactivated, or a bot.

        A lookup that fails for another reason (Slack down, a missing scope) does not block the
        handoff: it is logged, and the mention is trusted.
        """
        try:
            response = await self.client.users_info(user=user)
        except SlackApiError as error:
            name = _error_name(error)
            if name in ("user_not_found", "user_not_visible"):
                raise Refused(f"<@{user}> is not a member of this workspace.") from None
            log.error("user lookup failed; mention trusted", extra={"user": user, "error": name})
            return
        person = response.get("user") or {}
        if person.get("deleted"):
            raise Refused(f"<@{user}> is deactivated and cannot be incident commander.")
        if person.get("is_bot") or person.get("is_app_user"):
            raise Refused(f"<@{user}> is a bot or an app, not a person who can be incident commander.")

    async def _declare(self, parsed: commands.Declare, user: str, channel: str | None) -> None:
        now = self.clock.now()
        incident_id = await self.records.declare_incident(parsed.title, parsed.severity, (), now)
        await self.records.update_post(incident_id, now, channel=channel, commander=user, commander_at=now)
        log.info("incident declared", extra={"audit": True, "user": user, "incident": incident_id})
        post = await self.refresh(incident_id)
        if post is None or post.ts is None:
            await self.ephemeral(channel, user, f"Incident #{incident_id} declared, but its post could not be sent.")

    async def _status_text(self, incident: IncidentDetail) -> str:
        post = await self.records.post(incident.id) or SlackPost(incident_id=incident.id)
        analysis = await self.store.latest_analysis(incident.id)
        top = analysis.hypotheses[0] if analysis and analysis.hypotheses else None
        lines = [
            f"*Incident #{incident.id}: {incident.title}*",
            f"Status: {incident.status} · severity {incident.severity}"
            f" · services: {', '.join(incident.services) or '-'}",
            f"Acknowledged: {f'<@{post.acknowledged_by}>' if post.acknowledged_by else 'not yet'}"
            f" · Commander: {f'<@{post.commander}>' if post.commander else 'nobody yet'}",
            f"Leading hypothesis: {top.cause} on {top.culprit} ({top.confidence:.0%})" if top else "No hypothesis yet.",
        ]
        if post.channel and post.ts:
            lines.append(f"Post: {permalink(post.channel, post.ts)}")
        return "\n".join(lines)

    async def _help(self, user: str, channel: str | None) -> str:
        lines = [
            "*What you may run here*",
            "• `/incident declare <title> [sev]` — open an incident (anyone)",
            "• `/incident status [#id]` — the incident's state (anyone)",
        ]
        incident_id = await self.records.incident_for_channel(channel or "")
        incident = await self.store.get_incident(incident_id) if incident_id is not None else None
        if incident is None:
            lines.append("• `/incident resolve` and `/incident ic @user` — for the incident commander or owning team;")
            lines.append("  run them in an incident's channel or give `#id`.")
        else:
            post = await self.records.post(incident.id) or SlackPost(incident_id=incident.id)
            allowed = await self.roles.may_act(user, incident.services, post.commander)
            mark = "✅ you may" if allowed else "⛔ you may not (incident commander or owning team only)"
            lines.append(f"• `/incident resolve [summary]` — {mark} for incident #{incident.id}")
            lines.append(f"• `/incident ic @user` — {mark} for incident #{incident.id}")
        lines.append("• `/incident help` — this list")
        return "\n".join(lines)

    # -- alerts posted in channels ------------------------------------------------------

    async def on_message(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        event = body.get("event") or {}
        if event.get("channel") not in self.alert_channels:
            return
        self.spawn(self.handle_alert_message(body), "slack-channel-alert")

    async def handle_alert_message(self, body: dict[str, Any]) -> None:
        event_id = str(body.get("event_id", ""))
        if not await self._first_delivery(f"event:{event_id}"):
            log.info("repeated event ignored", extra={"event_id": event_id})
            return
        now = self.clock.now()
        alerts = alerts_from_message(body.get("event") or {}, self.catalog, now)
        if not alerts:
            return
        window = _window(self.settings)
        result = await self.store.ingest_alerts(alerts, self.catalog, window, received_at=now)
        if self.investigations is not None:
            for incident_id in result.investigate:
                self.investigations.schedule(incident_id)
            self.investigations.notify_resolved(result.resolved_incidents)
        log.info(
            "channel alerts ingested",
            extra={"channel": (body.get("event") or {}).get("channel"), "alerts": len(alerts), "new": result.new},
        )


class SlackBot:
    """The Bolt app and what it drives; :meth:`handle` serves ``POST /slack/events``."""

    def __init__(self, app: AsyncApp, incidents: SlackIncidents, signing_secret: str | None) -> None:
        self.app = app
        self.incidents = incidents
        self._verifier = SignatureVerifier(signing_secret) if signing_secret else None

    async def handle(self, request: web.Request) -> web.Response:
        """Bolt's dispatch, behind the same signature check done first on the raw body.

        Bolt parses the body before it verifies the signature, so a forged request with a
        malformed body would otherwise fail as a 500; here it is a 401 like any forgery.
        """
        with self.incidents.request():
            return await self._handle(request)

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        if self._verifier is not None and not self._verifier.is_valid_request(body, dict(request.headers)):
            log.warning(
                "slack request refused: bad signature",
                extra={"audit": True, "remote": request.remote, "timestamp": request.headers.get(_TIMESTAMP_HEADER)},
            )
            return web.json_response({"error": "invalid signature"}, status=401)
        try:
            bolt_request = await to_bolt_request(request)
        except ValueError:
            log.warning("slack request refused: malformed body", extra={"audit": True})
            return web.json_response({"error": "malformed body"}, status=400)
        if _answer_is_empty(body):
            # A click or an event is answered with an empty 200 whatever its listener does, so
            # answer now and dispatch after: a burst of clicks is not acked one Bolt run at a time.
            self.incidents.spawn(self.app.async_dispatch(bolt_request), "slack-dispatch")
            return web.Response(status=200)
        return await to_aiohttp_response(await self.app.async_dispatch(bolt_request))


def _answer_is_empty(body: bytes) -> bool:
    """True for button clicks and Events API callbacks: Slack reads nothing from their answer.

    Slash commands (whose ack carries the reply), URL verification (the challenge) and
    anything unrecognised go through Bolt inline.
    """
    try:
        if body.startswith(b"payload="):
            payload = json.loads(parse_qs(body.decode())["payload"][0])
        elif body.startswith(b"{"):
            payload = json.loads(body)
        else:
            return False
    except (ValueError, KeyError, IndexError, UnicodeDecodeError):
        return False
    return isinstance(payload, dict) and payload.get("type") in ("block_actions", "event_callback")


def build_slack(
    settings: Settings,
    catalog: Catalog,
    store: Store,
    investigations: Investigations | None = None,
    *,
    clock: Clock | None = None,
    poster: Poster | None = None,
    client: AsyncWebClient | None = None,
    socket_mode: bool = False,
) -> SlackBot:
    """The Bolt app with opsdesk's listeners (HTTP mode unless ``socket_mode``)."""
    if not settings.slack_bot_token:
        raise ConfigError("environment", "SLACK_BOT_TOKEN", "required for Slack")
    if not socket_mode and not settings.slack_signing_secret:
        raise ConfigError("environment", "SLACK_SIGNING_SECRET", "required for Slack in HTTP mode")
    client = client or slack_client(settings)
    incidents = SlackIncidents(settings, catalog, store, client, investigations, clock=clock, poster=poster)
    app = AsyncApp(
        client=client,
        signing_secret=settings.slack_signing_secret or "unused-in-socket-mode",
        request_verification_enabled=not socket_mode,
        raise_error_for_unhandled_request=False,
        process_before_response=True,  # listeners only ack and spawn: answer without Bolt's 10 ms ack polling
    )
    app.action(re.compile(".*"))(incidents.on_action)
    app.command("/incident")(incidents.on_command)
    app.event("message")(incidents.on_message)
    return SlackBot(app, incidents, None if socket_mode else settings.slack_signing_secret)


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


def _window(settings: Settings) -> timedelta:
    return timedelta(minutes=settings.grouping_window_minutes)


def _error_name(error: SlackApiError) -> str:
    try:
        return str(error.response.get("error") or "unknown_error")
    except AttributeError:
        return "unknown_error"


def _explain(error: SlackApiError) -> str:
    name = _error_name(error)
    return EXPLANATIONS.get(name, f"Slack refused the request ({name}).")
