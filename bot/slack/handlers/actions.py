"""Buttons on the incident post: Acknowledge, I'm incident commander, Open incident channel, and
👍/👎 on a hypothesis.

A click is acked at once and handled in the background, once per ``(user, action_id, action_ts)``
(a double click or Slack's retry does nothing more). Then everything is re-checked on the server:
the value was not tampered with (:mod:`bot.slack.parsing.actions`), the incident exists, the person
holds the role (:class:`bot.slack.roles.Roles`) and the incident is in a state that allows it.
A refusal answers the person with an ephemeral message and is logged with ``audit=True``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError

from bot.slack.client import EXPLANATIONS, error_name, explain, safe
from bot.slack.ephemeral import refuse
from bot.slack.errors import BadAction, Refused
from bot.slack.parsing import actions
from bot.slack.services import SlackServices
from bot.slack.views import notes, replies
from bot.store import IncidentDetail, SlackPost

log = logging.getLogger(__name__)

CHANNEL_NAME_ATTEMPTS = 5


class IncidentActions:
    """The listener for clicks on the incident post's buttons."""

    def __init__(self, services: SlackServices) -> None:
        self.services = services

    async def on_action(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        self.services.runner.spawn(self.handle(body), "slack-action")

    async def handle(self, body: dict[str, Any]) -> None:
        services = self.services
        click = Click.of(body)
        user, channel, action_id = click.user, click.channel, click.action_id
        if not await click.claimed(services):
            return
        try:
            value = actions.parse_value(action_id, click.value)
        except BadAction as bad:
            await refuse(services.client, channel, user, str(bad), action=action_id[:100])
            return
        incident = await services.storage.incidents.get(value.incident)
        if incident is None:
            reason = replies.no_such_incident(value.incident)
            await refuse(services.client, channel, user, reason, action=action_id)
            return
        try:
            async with services.coordination.incident_lock(incident.id):
                post = await services.storage.slack_posts.get(incident.id) or SlackPost(incident_id=incident.id)
                if isinstance(value, actions.FeedbackValue):
                    changed = await self._vote(incident, value, user)
                elif action_id == actions.ACK:
                    changed = await self._acknowledge(incident, post, user)
                elif action_id == actions.TAKE_IC:
                    changed = await self._take_commander(incident, post, user)
                else:
                    changed = await self._open_channel(incident, post, user)
        except Refused as refused:
            await refuse(services.client, channel, user, str(refused), action=action_id, incident=incident.id)
            return
        log.info(
            "slack action done",
            extra={"audit": True, "user": user, "action": action_id, "incident": incident.id, "changed": changed},
        )
        if changed:
            await services.publisher.refresh(incident.id)

    async def _check_role(self, incident: IncidentDetail, post: SlackPost, user: str, what: str) -> None:
        roles = self.services.roles
        taking_up = what in ("acknowledge", "take")
        check = roles.may_take_up if taking_up else roles.may_act
        if not await check(user, incident.services, post.commander):
            raise Refused(replies.not_allowed(what, incident.id, say_no_commander=post.commander is None))

    async def _vote(self, incident: IncidentDetail, value: actions.FeedbackValue, user: str) -> bool:
        analysis = await self.services.storage.analyses.latest(incident.id)
        hypotheses = analysis.hypotheses if analysis else ()
        if value.hypothesis >= len(hypotheses):
            raise Refused(replies.no_such_hypothesis(incident.id, value.hypothesis + 1))
        chosen = hypotheses[value.hypothesis]
        now = self.services.clock.now()
        await self.services.storage.feedback.record(
            incident.id, value.hypothesis + 1, chosen.cause, chosen.culprit, user, value.vote, now
        )
        return True

    async def _acknowledge(self, incident: IncidentDetail, post: SlackPost, user: str) -> bool:
        await self._check_role(incident, post, user, "acknowledge")
        if post.acknowledged_by:
            return False
        now = self.services.clock.now()
        await self.services.storage.slack_posts.update(incident.id, now, acknowledged_by=user, acknowledged_at=now)
        await self.services.publisher.thread(incident.id, notes.acknowledged(user))
        return True

    async def _take_commander(self, incident: IncidentDetail, post: SlackPost, user: str) -> bool:
        await self._check_role(incident, post, user, "take")
        if post.commander == user:
            return False
        await self.services.publisher.set_commander(incident.id, user, previous=post.commander, by=user)
        return True

    async def _open_channel(self, incident: IncidentDetail, post: SlackPost, user: str) -> bool:
        await self._check_role(incident, post, user, "open a channel for")
        if post.incident_channel:
            raise Refused(replies.has_a_channel(incident.id, post.incident_channel))
        if incident.status != "open":
            raise Refused(replies.resolved_no_channel(incident.id))
        services = self.services
        created = await self._create_channel(incident)
        responders = sorted({u for u in (user, post.commander, post.acknowledged_by) if u})
        await safe(services.client.conversations_invite(channel=created, users=",".join(responders)))
        link = notes.permalink(post.channel, post.ts) if post.channel and post.ts else ""
        topic = notes.channel_topic(incident.id, incident.severity, incident.title)
        await safe(services.client.conversations_setTopic(channel=created, topic=topic))
        await services.storage.slack_posts.update(incident.id, services.clock.now(), incident_channel=created)
        await safe(services.poster.post(created, text=notes.channel_welcome(incident.id, incident.title, link)))
        await services.publisher.thread(incident.id, notes.channel_opened(created, user))
        return True

    async def _create_channel(self, incident: IncidentDetail) -> str:
        """A new channel for the incident; its name gets a suffix while the name is taken."""
        for attempt in range(CHANNEL_NAME_ATTEMPTS):
            name = notes.incident_channel_name(incident.id, incident.title, attempt)
            try:
                response = await self.services.client.conversations_create(name=name)
            except SlackApiError as error:
                if error_name(error) == "name_taken":
                    log.info("channel name taken, trying another", extra={"name": name})
                    continue
                log.error("incident channel not created", extra={"incident": incident.id, "error": error_name(error)})
                raise Refused(explain(error)) from None
            return str(response["channel"]["id"])
        raise Refused(EXPLANATIONS["name_taken"])


@dataclass(frozen=True)
class Click:
    """One button click as Slack sends it, read defensively (fields may be missing or odd)."""

    user: str
    channel: str | None
    action_id: str
    value: object
    action_ts: str

    @classmethod
    def of(cls, body: dict[str, Any]) -> Click:
        found = body.get("actions")
        clicked: dict[str, Any] = found[0] if isinstance(found, list) and found and isinstance(found[0], dict) else {}
        return cls(
            user=_id(body.get("user")),
            channel=_id(body.get("channel")) or None,
            action_id=str(clicked.get("action_id", "")),
            value=clicked.get("value"),
            action_ts=str(clicked.get("action_ts", "")),
        )

    async def claimed(self, services: SlackServices) -> bool:
        """Whether this process handles the click: a double click or Slack's retry is handled once."""
        if await services.coordination.claim_delivery(f"action:{self.user}:{self.action_id}:{self.action_ts}"):
            return True
        log.info("repeated click ignored", extra={"user": self.user, "action": self.action_id})
        return False


def _id(field: object) -> str:
    """The id of a ``user`` or ``channel`` field, whether Slack sent an object or the id itself."""
    if isinstance(field, dict):
        return str(field.get("id") or "")
    return field if isinstance(field, str) else ""
