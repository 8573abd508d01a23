"""The desk's Slack input, read into plain values (pure).

* :func:`desk_message`: a DM or an app mention as one requester message, or ``None`` for what
  the desk leaves alone: the bot's own messages, other bots, edits, deletions, joins and other
  subtypes, and empty text. A mention of the bot is taken out of the text.
* :func:`feedback_value`: the versioned JSON value of the "Did this solve it?" buttons.
* :func:`ticket_form`: the fields of the "Report a problem" / "Create ticket from message" modal.

Anything malformed raises :class:`~bot.slack.errors.BadAction` (clicks) or
:class:`~bot.slack.errors.CommandError` (text and forms), whose message is told to the person.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.slack.errors import BadAction, CommandError

SOLVED = "desk-solved"
NOT_SOLVED = "desk-not-solved"
FEEDBACK_ACTIONS = (SOLVED, NOT_SOLVED)
REPORT_PROBLEM = "desk-report-problem"
TICKET_SHORTCUT = "desk-ticket-from-message"
TICKET_MODAL = "desk-ticket-modal"
FEEDBACK_VERSION = 1
MAX_TEXT = 4000
MAX_SUMMARY = 150
MAX_DETAILS = 3000
SUMMARY_BLOCK = "summary"
DETAILS_BLOCK = "details"
_SUBTYPES_KEPT = frozenset({"", "thread_broadcast", "file_share"})
_MENTION = re.compile(r"<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>")
_TS = re.compile(r"^[0-9]{1,12}\.[0-9]{1,8}$")


@dataclass(frozen=True)
class DeskMessage:
    channel: str
    thread_ts: str
    user: str
    text: str


def desk_message(event: Mapping[str, Any], bot_user: str | None) -> DeskMessage | None:
    """The requester's message in a DM or mention event, or ``None`` when the desk ignores it."""
    if event.get("bot_id") or event.get("bot_profile") or str(event.get("subtype") or "") not in _SUBTYPES_KEPT:
        return None
    user, channel, ts = event.get("user"), event.get("channel"), event.get("ts")
    if not (isinstance(user, str) and isinstance(channel, str) and isinstance(ts, str)) or not _TS.match(ts):
        return None
    if not user or user == bot_user:
        return None
    thread = event.get("thread_ts")
    thread_ts = thread if isinstance(thread, str) and _TS.match(thread) else ts
    raw = event.get("text")
    text = raw if isinstance(raw, str) else ""
    if bot_user:
        text = text.replace(f"<@{bot_user}>", " ")
        text = re.sub(rf"<@{re.escape(bot_user)}\|[^>]*>", " ", text)
    text = text.strip()[:MAX_TEXT]
    if not text:
        return None
    return DeskMessage(channel, thread_ts, user, text)


def command_text(text: str) -> str:
    """The question after ``/desk``; an empty one is the usage."""
    if "\x00" in text:
        raise CommandError("the text holds a NUL character")
    question = text.strip()
    if not question:
        raise CommandError("ask a question or describe the problem: `/desk my laptop will not charge`")
    return question[:MAX_TEXT]


def feedback_value(value: object) -> int:
    """The conversation id in a feedback button's value (``{"v": 1, "conversation": id}``)."""
    try:
        data = json.loads(str(value))
    except ValueError:
        raise BadAction("this button is not one of opsdesk's") from None
    if not isinstance(data, dict) or data.get("v") != FEEDBACK_VERSION:
        raise BadAction("this button is from another version of opsdesk; ask again")
    conversation = data.get("conversation")
    if not isinstance(conversation, int) or isinstance(conversation, bool) or conversation < 1:
        raise BadAction("this button does not name a conversation")
    return conversation


def feedback_button_value(conversation_id: int) -> str:
    return json.dumps({"v": FEEDBACK_VERSION, "conversation": conversation_id}, separators=(",", ":"))


@dataclass(frozen=True)
class TicketForm:
    summary: str
    details: str
    source: str


def ticket_form(view: Mapping[str, Any]) -> TicketForm:
    """The summary, details and source of a submitted ticket modal."""
    values = ((view.get("state") or {}).get("values")) or {}
    summary = _input(values, SUMMARY_BLOCK).strip()
    details = _input(values, DETAILS_BLOCK).strip()
    if not summary:
        raise CommandError("a summary is needed")
    if len(summary) > MAX_SUMMARY or len(details) > MAX_DETAILS:
        raise CommandError("the summary or details are too long")
    try:
        meta = json.loads(str(view.get("private_metadata") or "{}"))
    except ValueError:
        meta = {}
    source = meta.get("source") if isinstance(meta, dict) else None
    return TicketForm(summary, details, source if source in ("shortcut", "home") else "home")


def _input(values: Mapping[str, Any], block: str) -> str:
    field = (values.get(block) or {}).get(block) or {}
    value = field.get("value") if isinstance(field, dict) else None
    return value if isinstance(value, str) else ""


def shortcut_message(body: Mapping[str, Any]) -> tuple[str, str]:
    """The text of the message a shortcut was run on, and a reference to it (``channel/ts``)."""
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id", "")
    text = message.get("text") if isinstance(message, dict) else ""
    ts = message.get("ts") if isinstance(message, dict) else ""
    return (text if isinstance(text, str) else "")[:MAX_DETAILS], f"{channel}/{ts}"
