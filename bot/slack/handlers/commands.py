"""``/incident``: declare, status, resolve, hand the incident commander role, help.

Wrong arguments are answered at once, in the ack, with the usage. Anything else is acked and
handled in the background, once per ``trigger_id``. Without ``#id`` the incident is the one of
the channel the command was run in. Resolving and handing the role are for the incident
commander or the owning team (:class:`bot.slack.roles.Roles`), and the new commander must be an
active person of the workspace. A refusal answers the person with an ephemeral message and is
logged with ``audit=True``.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError

from bot.engine.model import Cause
from bot.slack.client import error_name
from bot.slack.ephemeral import refuse, tell
from bot.slack.errors import CommandError, Refused
from bot.slack.parsing import commands
from bot.slack.services import SlackServices
from bot.slack.views import notes, replies
from bot.store import IncidentDetail, SlackPost

log = logging.getLogger(__name__)


class IncidentCommand:
    """The listener for ``/incident``."""

    def __init__(self, services: SlackServices) -> None:
        self.services = services

    async def on_command(self, ack: AsyncAck, command: dict[str, Any]) -> None:
        try:
            parsed = commands.parse_command(str(command.get("text", "")))
        except CommandError as error:
            log.warning(
                "slash command refused",
                extra={"audit": True, "user": command.get("user_id"), "reason": str(error)},
            )
            await ack(replies.wrong_command(str(error)))
            return
        await ack()
        self.services.runner.spawn(self.handle(parsed, command), "slack-command")

    async def handle(self, parsed: commands.Command, command: dict[str, Any]) -> None:
        user = str(command.get("user_id", ""))
        channel = command.get("channel_id")
        if not await self.services.coordination.claim_delivery(f"command:{command.get('trigger_id', '')}"):
            log.info("repeated command ignored", extra={"user": user})
            return
        try:
            if isinstance(parsed, commands.Declare):
                await self._declare(parsed, user, channel)
            elif isinstance(parsed, commands.Help):
                await tell(self.services.client, channel, user, await self._help(user, channel))
            else:
                await self._on_incident(parsed, user, channel)
        except Refused as refused:
            await refuse(self.services.client, channel, user, str(refused), command=type(parsed).__name__.lower())

    async def _on_incident(
        self, parsed: commands.Status | commands.Resolve | commands.AssignCommander, user: str, channel: str | None
    ) -> None:
        services = self.services
        incident = await self._incident(parsed.incident, channel)
        if isinstance(parsed, commands.Status):
            await tell(services.client, channel, user, await self._status(incident))
            return
        async with services.coordination.incident_lock(incident.id):
            post = await services.storage.slack_posts.get(incident.id) or SlackPost(incident_id=incident.id)
            what = "resolve" if isinstance(parsed, commands.Resolve) else "assign the commander of"
            if not await services.roles.may_act(user, incident.services, post.commander):
                raise Refused(replies.not_allowed(what, incident.id))
            if isinstance(parsed, commands.Resolve):
                await self._resolve(incident, parsed.summary or None, user, parsed.cause)
            else:
                if post.commander == parsed.user:
                    raise Refused(replies.already_commander(parsed.user))
                await self._check_person(parsed.user)
                await services.publisher.set_commander(incident.id, parsed.user, previous=post.commander, by=user)
        log.info(
            "slash command done",
            extra={"audit": True, "user": user, "command": type(parsed).__name__.lower(), "incident": incident.id},
        )
        await services.publisher.refresh(incident.id)

    async def _incident(self, given: int | None, channel: str | None) -> IncidentDetail:
        posts = self.services.storage.slack_posts
        incident_id = given if given is not None else (await posts.incident_for_channel(channel or ""))
        if incident_id is None:
            raise Refused(replies.no_incident_here())
        incident = await self.services.storage.incidents.get(incident_id)
        if incident is None:
            raise Refused(replies.no_such_incident(incident_id))
        return incident

    async def _resolve(self, incident: IncidentDetail, summary: str | None, user: str, cause: Cause | None) -> None:
        services = self.services
        resolved = await services.storage.incidents.resolve(incident.id, services.clock.now())
        if resolved is None:
            raise Refused(replies.already_resolved(incident.id))
        await services.storage.slack_posts.update(incident.id, services.clock.now(), summary=summary)
        if cause is not None:
            analysis = await services.storage.analyses.latest(incident.id)
            first = analysis.ranked[0].cause if analysis and analysis.ranked else None
            await services.storage.feedback.record_resolution(incident.id, cause, first, user, services.clock.now())
        await services.publisher.thread(incident.id, notes.resolved_by(user, summary, cause))
        if services.postmortems is not None:
            await services.postmortems.schedule(incident.id)

    async def _check_person(self, user: str) -> None:
        """The incident commander must be an active person: not unknown, deactivated, or a bot.

        A lookup that fails for another reason (Slack down, a missing scope) does not block the
        handoff: it is logged, and the mention is trusted.
        """
        try:
            response = await self.services.client.users_info(user=user)
        except SlackApiError as error:
            name = error_name(error)
            if name in ("user_not_found", "user_not_visible"):
                raise Refused(replies.not_a_member(user)) from None
            log.error("user lookup failed; mention trusted", extra={"user": user, "error": name})
            return
        person = response.get("user") or {}
        if person.get("deleted"):
            raise Refused(replies.deactivated(user))
        if person.get("is_bot") or person.get("is_app_user"):
            raise Refused(replies.not_a_person(user))

    async def _declare(self, parsed: commands.Declare, user: str, channel: str | None) -> None:
        services = self.services
        incident_id, post = await declare_incident(services, parsed.title, parsed.severity, user, channel)
        if post is None or post.ts is None:
            await tell(services.client, channel, user, replies.declared_but_not_posted(incident_id))

    async def _status(self, incident: IncidentDetail) -> str:
        post = await self.services.storage.slack_posts.get(incident.id) or SlackPost(incident_id=incident.id)
        analysis = await self.services.storage.analyses.latest(incident.id)
        return replies.status_text(incident, post, analysis)

    async def _help(self, user: str, channel: str | None) -> str:
        services = self.services
        incident_id = await services.storage.slack_posts.incident_for_channel(channel or "")
        incident = await services.storage.incidents.get(incident_id) if incident_id is not None else None
        if incident is None:
            return replies.help_text(None, allowed=False)
        post = await services.storage.slack_posts.get(incident.id) or SlackPost(incident_id=incident.id)
        allowed = await services.roles.may_act(user, incident.services, post.commander)
        return replies.help_text(incident.id, allowed)


async def declare_incident(
    services: SlackServices, title: str, severity: str, user: str, channel: str | None, *, commander: bool = True
) -> tuple[int, SlackPost | None]:
    """Declare an incident as ``/incident declare`` does (also the desk's outage reports): stored,
    its post in ``channel`` (else the default channel), ``user`` its commander when ``commander``
    (an employee reporting an outage to the desk is not made the commander)."""
    now = services.clock.now()
    incident_id = await services.storage.incidents.declare(title, severity, (), now)
    roles = {"commander": user, "commander_at": now} if commander else {}
    await services.storage.slack_posts.update(incident_id, now, channel=channel, **roles)
    log.info("incident declared", extra={"audit": True, "user": user, "incident": incident_id})
    return incident_id, await services.publisher.refresh(incident_id)
