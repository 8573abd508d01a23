"""The Bolt app: opsdesk's listeners on one ``AsyncApp``, and ``POST /slack/events`` on aiohttp.

:func:`build_slack` builds the shared services (:class:`bot.slack.services.SlackServices`) and
the Bolt app with the three listeners (:mod:`bot.slack.handlers`). In HTTP mode
:meth:`SlackBot.handle` serves ``/slack/events``:

* Slack's signature is checked on the raw body before anything else, with slack-sdk's
  :class:`SignatureVerifier` (the one Bolt uses; 5-minute window): Bolt parses the body before
  it verifies, so a forged request with a malformed body would otherwise fail as a 500. Headers
  the verifier cannot read (a timestamp that is not unix seconds, a signature that is not
  ASCII) are refused as unsigned (401), a body that is not UTF-8 as malformed (400);
* a signed body must still have Slack's shape (:mod:`bot.slack.parsing.requests`) before Bolt
  reads it (400 otherwise): nothing Slack would never send reaches a listener;
* button clicks and Events API callbacks are answered at once with an empty 200 (Slack reads
  nothing from their answer) and dispatched to Bolt in the background; slash commands and URL
  verification, whose answer Slack reads, go through Bolt inline. Either way the listeners only
  ack and hand their work to :class:`bot.slack.runner.BackgroundRunner`.

In Socket Mode (:mod:`bot.slack.socket_mode`) Slack's websocket takes the place of the endpoint.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.catalog import Catalog
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.coordination import TimerWorker
from bot.desk.access import AccessDesk
from bot.desk.service import DeskParts, DeskService
from bot.errors import ConfigError
from bot.incidents.drafts import PostmortemWriter
from bot.incidents.investigations import Investigations
from bot.remediation.service import Remediations
from bot.slack.client import slack_client
from bot.slack.coordination import Coordination
from bot.slack.handlers.access import AccessActions
from bot.slack.handlers.actions import IncidentActions
from bot.slack.handlers.channel_alerts import ChannelAlerts
from bot.slack.handlers.commands import IncidentCommand
from bot.slack.handlers.desk import DeskHandlers, SlackIncidents, SlackPeople
from bot.slack.handlers.remediation import RemediationActions
from bot.slack.parsing import desk as desk_parsing
from bot.slack.parsing.remediation import REMEDIATION_ACTIONS
from bot.slack.parsing.requests import request_problem
from bot.slack.poster import Poster
from bot.slack.publisher import POST_TIMER, RESOLVED_TIMER, IncidentPublisher
from bot.slack.roles import Roles
from bot.slack.runner import BackgroundRunner
from bot.slack.services import SlackServices
from bot.slack.views import notes
from bot.store import Storage

log = logging.getLogger(__name__)

_TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
_SIGNATURE_HEADER = "X-Slack-Signature"
_MAX_TIMESTAMP_DIGITS = 12


class SlackBot:
    """The Bolt app with its listeners; ``incidents`` holds the services they share."""

    def __init__(
        self,
        app: AsyncApp,
        incidents: SlackServices,
        signing_secret: str | None,
        remediations: Remediations | None = None,
        access: AccessDesk | None = None,
        desk: DeskService | None = None,
    ) -> None:
        self.app = app
        self.incidents = incidents
        self.actions = IncidentActions(incidents)
        self.command = IncidentCommand(incidents)
        self.channel_alerts = ChannelAlerts(incidents)
        if remediations is not None:
            self.remediation = RemediationActions(incidents, remediations)
            app.action(re.compile(f"^({'|'.join(REMEDIATION_ACTIONS)})$"))(self.remediation.on_action)
        self.access = AccessActions(incidents, access) if access is not None else None
        if self.access is not None:
            self.access.register(app)
        self.desk = DeskHandlers(incidents, desk) if desk is not None else None
        if self.desk is not None:
            _listen_for_desk(app, self.desk)
            if self.access is not None:
                self.desk.home = self.access.publish_home
        app.action(re.compile(".*"))(self.actions.on_action)
        app.command("/incident")(self.command.on_command)
        app.event("message")(self._on_message)
        self._verifier = SignatureVerifier(signing_secret) if signing_secret else None

    async def _on_message(self, ack: AsyncAck, body: dict[str, Any], context: dict[str, Any]) -> None:
        """DMs to the bot go to the desk; every other message to the channel alerts."""
        event = body.get("event")
        if self.desk is not None and isinstance(event, dict) and event.get("channel_type") == "im":
            await self.desk.on_message(ack, body, context)
        else:
            await self.channel_alerts.on_message(ack, body)

    async def handle(self, request: web.Request) -> web.Response:
        """Bolt's dispatch, behind the same signature check done first on the raw body."""
        with self.incidents.runner.request():
            return await self._handle(request)

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        if self._verifier is not None and not self._signed(body, request):
            log.warning(
                "slack request refused: bad signature",
                extra={
                    "audit": True,
                    "remote": request.remote,
                    "timestamp": request.headers.get(_TIMESTAMP_HEADER, "")[:20],
                },
            )
            return web.json_response({"error": "invalid signature"}, status=401)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return _malformed("body: not UTF-8")
        problem = request_problem(text, request.content_type)
        if problem is not None:
            return _malformed(problem)
        try:
            bolt_request = await to_bolt_request(request)
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as error:
            return _malformed(f"body: {type(error).__name__}")
        payload = _payload(body)
        if _answer_is_empty(payload) and not self.channel_alerts.keeps(payload):
            # Answer now and dispatch after: a burst of clicks is not acked one Bolt run at a time.
            self.incidents.runner.spawn(self.app.async_dispatch(bolt_request), "slack-dispatch")
            return web.Response(status=200)
        return await to_aiohttp_response(await self.app.async_dispatch(bolt_request))

    def _signed(self, body: bytes, request: web.Request) -> bool:
        """Slack's signature, once the headers are of a form the verifier can read."""
        assert self._verifier is not None
        stamp = request.headers.get(_TIMESTAMP_HEADER, "")
        signature = request.headers.get(_SIGNATURE_HEADER, "")
        if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= _MAX_TIMESTAMP_DIGITS and signature.isascii()):
            return False
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:  # the verifier decodes the body; Slack only sends UTF-8
            return False
        return self._verifier.is_valid(body, stamp, signature)


def _listen_for_desk(app: AsyncApp, desk: DeskHandlers) -> None:
    app.action(re.compile(f"^({'|'.join(desk_parsing.FEEDBACK_ACTIONS)})$"))(desk.on_feedback)
    app.action(desk_parsing.REPORT_PROBLEM)(desk.on_report_problem)
    app.shortcut(desk_parsing.TICKET_SHORTCUT)(desk.on_shortcut)
    app.view(desk_parsing.TICKET_MODAL)(desk.on_modal)
    app.command("/desk")(desk.on_command)
    app.event("app_mention")(desk.on_mention)


def _malformed(problem: str) -> web.Response:
    log.warning("slack request refused: malformed body", extra={"audit": True, "error": problem[:200]})
    return web.json_response({"error": f"malformed body: {problem}"}, status=400)


def build_slack(
    settings: Settings,
    catalog: Catalog,
    storage: Storage,
    investigations: Investigations,
    worker: TimerWorker,
    *,
    clock: Clock | None = None,
    poster: Poster | None = None,
    client: AsyncWebClient | None = None,
    socket_mode: bool = False,
    postmortems: PostmortemWriter | None = None,
    remediations: Remediations | None = None,
    access: AccessDesk | None = None,
    desk: DeskParts | None = None,
) -> SlackBot:
    """The Bolt app with opsdesk's listeners (HTTP mode unless ``socket_mode``); registers the
    post's timers with ``worker``."""
    if not settings.slack_bot_token:
        raise ConfigError("environment", "SLACK_BOT_TOKEN", "required for Slack")
    if not socket_mode and not settings.slack_signing_secret:
        raise ConfigError("environment", "SLACK_SIGNING_SECRET", "required for Slack in HTTP mode")
    client = client or slack_client(settings)
    clock = clock or SystemClock()
    poster = poster or Poster(client, interval=settings.slack_post_interval_seconds, pace=storage.pace.reserve)
    coordination = Coordination(storage, clock, worker.holder)
    publisher = IncidentPublisher(settings, catalog, storage, client, poster, clock, coordination)
    worker.register(POST_TIMER, publisher.refresh_when_due)
    worker.register(RESOLVED_TIMER, publisher.resolved_when_due)
    investigations.on_resolution(RESOLVED_TIMER)
    services = SlackServices(
        settings=settings,
        catalog=catalog,
        storage=storage,
        client=client,
        clock=clock,
        poster=poster,
        roles=Roles(client, catalog, cache_seconds=settings.slack_usergroup_cache_seconds),
        runner=BackgroundRunner(),
        coordination=coordination,
        publisher=publisher,
        investigations=investigations,
        worker=worker,
        postmortems=postmortems,
    )
    if postmortems is not None:
        postmortems.publish_with(
            lambda incident_id, draft: publisher.thread_durably(incident_id, notes.postmortem_note(draft))
        )
    app = AsyncApp(
        client=client,
        signing_secret=settings.slack_signing_secret or "unused-in-socket-mode",
        request_verification_enabled=not socket_mode,
        raise_error_for_unhandled_request=False,
        process_before_response=True,  # listeners only ack and spawn: answer without Bolt's 10 ms ack polling
    )
    desk_service = _desk_service(services, desk) if desk is not None else None
    if desk_service is not None:
        desk_service.register_timers(services.worker)
    return SlackBot(
        app,
        services,
        None if socket_mode else settings.slack_signing_secret,
        remediations,
        access=access,
        desk=desk_service,
    )


def _desk_service(services: SlackServices, parts: DeskParts) -> DeskService:
    if parts.tickets is None:
        raise ConfigError("desk", "tickets", "no ticket system")
    return DeskService(
        services.storage,
        parts.classifier,
        parts.knowledge,
        parts.tickets,
        services.clock,
        people=SlackPeople(services),
        declare=SlackIncidents(services),
        priority=parts.priority,
        access=parts.access,
        min_similarity=parts.min_similarity,
        idle=parts.idle,
        adviser=parts.adviser,
    )


def _payload(body: bytes) -> dict[str, Any] | None:
    """The request's JSON payload (a form's ``payload`` field or a JSON body), if it has one."""
    try:
        if body.startswith(b"payload="):
            payload = json.loads(parse_qs(body.decode())["payload"][0])
        elif body.startswith(b"{"):
            payload = json.loads(body)
        else:
            return None
    except (ValueError, KeyError, IndexError, UnicodeDecodeError):
        return None
    return payload if isinstance(payload, dict) else None


def _answer_is_empty(payload: dict[str, Any] | None) -> bool:
    """True for button clicks and Events API callbacks: Slack reads nothing from their answer.

    Slash commands (whose ack carries the reply), URL verification (the challenge) and
    anything unrecognised go through Bolt inline.
    """
    return payload is not None and payload.get("type") in ("block_actions", "event_callback")
