"""The desk's Slack entry points (thin): DMs, app mentions, ``/desk``, the "Create ticket from
message" shortcut, the App Home "Report a problem" button and its modal, and the "Did this
solve it?" buttons.

Each listener acks at once and hands the work to the background runner; each delivery is
handled once (claimed by event id, trigger id or view id). Replies go in the requester's
thread; refusals are ephemeral (or a DM) and audit-logged. The bot's own messages and other
bots' are ignored (:func:`bot.slack.parsing.desk.desk_message`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError

from bot.desk.service import DeclaredIncident, DeskRefused, DeskService, Incoming, Person, Reply, Source
from bot.desk.ticket_mirror import TicketNews
from bot.slack.client import error_name
from bot.slack.ephemeral import refuse
from bot.slack.errors import BadAction, CommandError
from bot.slack.handlers.commands import declare_incident
from bot.slack.parsing import desk as parsing
from bot.slack.services import SlackServices
from bot.slack.views import desk as views
from bot.slack.views import replies
from bot.slack.views.mrkdwn import escape
from bot.store.desk import DeskConversation

log = logging.getLogger(__name__)

#: Conversations held in a Slack thread; the forms' ones (shortcut, App Home) have none.
THREADED_SOURCES = ("dm", "mention", "command")


class DeskHandlers:
    """The listeners of the desk, over the shared Slack services and the desk service."""

    def __init__(self, services: SlackServices, desk: DeskService) -> None:
        self.services = services
        self.desk = desk
        #: Republishes a person's App Home (set when access requests are mounted, which own it).
        self.home: Callable[[str], Awaitable[None]] | None = None
        desk.on_closed(self._say_closed)

    # -- messages ------------------------------------------------------------------------

    async def on_message(self, ack: AsyncAck, body: dict[str, Any], context: dict[str, Any]) -> None:
        """A DM to the bot (``message`` events whose ``channel_type`` is ``im``)."""
        await ack()
        self._spawn_event(body, context, "dm")

    async def on_mention(self, ack: AsyncAck, body: dict[str, Any], context: dict[str, Any]) -> None:
        await ack()
        self._spawn_event(body, context, "mention")

    def _spawn_event(self, body: dict[str, Any], context: dict[str, Any], source: Source) -> None:
        event = body.get("event")
        if not isinstance(event, dict):
            return
        message = parsing.desk_message(event, context.get("bot_user_id"))
        if message is None:
            return
        incoming = Incoming(message.channel, message.thread_ts, message.user, message.text, source)
        self.services.runner.spawn(self._converse(f"event:{body.get('event_id', '')}", incoming), "desk-message")

    async def _converse(self, delivery: str, incoming: Incoming) -> None:
        if not await self.services.coordination.claim_delivery(delivery):
            log.info("repeated desk message ignored", extra={"delivery": delivery})
            return
        try:
            reply = await self.desk.on_message(incoming)
        except DeskRefused as refused:
            await refuse(self.services.client, incoming.channel, incoming.user, str(refused), command="desk")
            return
        if reply is not None:
            await self._post(reply, reply.conversation.channel, reply.conversation.thread_ts)

    # -- /desk -------------------------------------------------------------------------------

    async def on_command(self, ack: AsyncAck, command: dict[str, Any]) -> None:
        try:
            question = parsing.command_text(str(command.get("text", "")))
        except CommandError as error:
            await ack(replies.refusal(str(error)))
            return
        await ack()
        user = str(command.get("user_id", ""))
        self.services.runner.spawn(
            self._command(f"command:{command.get('trigger_id', '')}", user, question), "desk-command"
        )

    async def _command(self, delivery: str, user: str, question: str) -> None:
        """The question is echoed in a DM with the requester; the conversation is that DM's thread."""
        if not await self.services.coordination.claim_delivery(delivery):
            return
        try:
            echoed = await self.services.client.chat_postMessage(channel=user, text=views.command_echo(question))
        except SlackApiError as error:
            log.error("desk command echo failed", extra={"user": user, "error": error_name(error)})
            return
        channel, ts = str(echoed.get("channel") or user), str(echoed.get("ts") or "")
        reply = await self.desk.on_message(Incoming(channel, ts, user, question, "command"))
        if reply is not None:
            await self._post(reply, channel, ts)

    # -- buttons -----------------------------------------------------------------------------

    async def on_feedback(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        self.services.runner.spawn(self._feedback(body), "desk-feedback")

    async def _feedback(self, body: dict[str, Any]) -> None:
        action = (body.get("actions") or [{}])[0]
        user = str((body.get("user") or {}).get("id", ""))
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        delivery = f"action:{action.get('action_ts', '')}:{user}"
        if not await self.services.coordination.claim_delivery(delivery):
            return
        try:
            conversation_id = parsing.feedback_value(action.get("value"))
            reply = await self.desk.on_feedback(conversation_id, user, action.get("action_id") == parsing.SOLVED)
        except (BadAction, DeskRefused) as refused:
            await refuse(self.services.client, channel, user, str(refused), command="desk-feedback")
            return
        conversation = reply.conversation
        await self._post(reply, conversation.channel, conversation.thread_ts)

    # -- the ticket modal ----------------------------------------------------------------------

    async def on_report_problem(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        await self._open_modal(body, views.ticket_modal("home"))

    async def on_shortcut(self, ack: AsyncAck, shortcut: dict[str, Any]) -> None:
        await ack()
        text, reference = parsing.shortcut_message(shortcut)
        details = f"{text}\n\n(from message {reference})" if text else f"(from message {reference})"
        await self._open_modal(shortcut, views.ticket_modal("shortcut", summary=text.split("\n")[0], details=details))

    async def _open_modal(self, body: dict[str, Any], view: dict[str, Any]) -> None:
        try:
            await self.services.client.views_open(trigger_id=str(body.get("trigger_id", "")), view=view)
        except SlackApiError as error:
            log.error("desk modal not opened", extra={"error": error_name(error)})

    async def on_modal(self, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        try:
            form = parsing.ticket_form(view)
        except CommandError as error:
            await ack(response_action="errors", errors={parsing.SUMMARY_BLOCK: str(error)})
            return
        await ack()
        user = str((body.get("user") or {}).get("id", ""))
        source: Source = "shortcut" if form.source == "shortcut" else "home"
        self.services.runner.spawn(self._file(user, form, source, str(view.get("id", ""))), "desk-form")

    async def _file(self, user: str, form: parsing.TicketForm, source: Source, view_id: str) -> None:
        if not await self.services.coordination.claim_delivery(f"view:{view_id}"):
            return
        try:
            reply = await self.desk.file_form(user, form.summary, form.details, source, view_id)
        except DeskRefused as refused:
            await refuse(self.services.client, None, user, str(refused), command="desk-form")
            return
        try:
            await self.services.client.chat_postMessage(channel=user, text=views.filed_from_form(reply))
        except SlackApiError as error:
            log.error("desk form reply failed", extra={"user": user, "error": error_name(error)})

    # -- edges for the desk service ------------------------------------------------------------

    async def _say_closed(self, conversation: DeskConversation) -> None:
        """The idle timer closed a conversation held in a Slack thread: say so there."""
        if conversation.source not in THREADED_SOURCES:
            return
        days = max(1, round(self.desk.idle.total_seconds() / 86400))
        text = (
            f"I'm closing this as there was no reply for {days} day{'s' if days != 1 else ''}. "
            "Write to me again any time, in a new message."
        )
        try:
            await self.services.client.chat_postMessage(
                channel=conversation.channel, thread_ts=conversation.thread_ts, text=text
            )
        except SlackApiError as error:
            log.error("desk closing note failed", extra={"channel": conversation.channel, "error": error_name(error)})

    async def tell_ticket_news(self, news: TicketNews) -> None:
        """A person moved or commented on a ticket the desk filed: say so in the conversation's
        thread (a DM when it was filed from a form, which has none), then refresh App Home."""
        text, blocks = views.ticket_news_message(news)
        conversation = await self.services.storage.desk_conversations.with_ticket(news.key)
        in_thread = (
            conversation is not None
            and conversation.requester == news.requester
            and conversation.source in THREADED_SOURCES
        )
        channel, thread_ts = (
            (conversation.channel, conversation.thread_ts)
            if conversation is not None and in_thread
            else (news.requester, None)
        )
        try:
            await self.services.client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text, blocks=blocks)
        except SlackApiError as error:
            log.error("ticket news not posted", extra={"ticket": news.key, "error": error_name(error)})
        if self.home is not None:
            await self.home(news.requester)

    async def _post(self, reply: Reply, channel: str, thread_ts: str) -> None:
        text, blocks = views.reply_message(reply, incidents_channel=self.services.settings.slack_default_channel)
        try:
            await self.services.client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text, blocks=blocks)
        except SlackApiError as error:
            log.error("desk reply failed", extra={"channel": channel, "error": error_name(error)})


class SlackPeople:
    """The requester as Slack knows them (``users.info``): active, a person, their email."""

    def __init__(self, services: SlackServices) -> None:
        self.services = services

    async def __call__(self, user: str) -> Person | None:
        try:
            response = await self.services.client.users_info(user=user)
        except SlackApiError as error:
            log.error("desk requester lookup failed", extra={"user": user, "error": error_name(error)})
            return None
        person = response.get("user") or {}
        active = not (person.get("deleted") or person.get("is_bot") or person.get("is_app_user"))
        email = (person.get("profile") or {}).get("email")
        return Person(user, email if isinstance(email, str) and email else None, bool(active))


class SlackIncidents:
    """Outages reported to the desk, declared as ``/incident declare`` does; the reporter is not
    made the incident commander."""

    def __init__(self, services: SlackServices) -> None:
        self.services = services

    async def __call__(self, title: str, severity: str, reporter: str, words: str) -> DeclaredIncident:
        incident_id, post = await declare_incident(
            self.services, f"Reported: {title}", severity, reporter, None, commander=False
        )
        await self.services.publisher.thread(incident_id, notes_reported(reporter, words))
        channel = post.channel if post is not None else None
        return DeclaredIncident(incident_id, channel)


def notes_reported(reporter: str, words: str) -> str:
    return f"Reported to the service desk by <@{reporter}>:\n>{escape(words).replace(chr(10), chr(10) + '>')}"
