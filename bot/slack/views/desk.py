"""The desk's messages and modal (pure): a :class:`~bot.desk.service.Reply` as thread text and blocks.

Every piece of outside text (the knowledge-base passage, article titles, ticket keys from a
ticket system, the requester's own words) goes through :func:`~bot.slack.views.mrkdwn.escape`:
an article holding ``<!channel>`` or a link-shaped instruction shows it as text, it never pings,
links or changes what the bot does.
"""

from __future__ import annotations

import json
from typing import Any

from bot.desk.conversation import Passage
from bot.desk.service import Reply
from bot.desk.ticket_mirror import TicketNews
from bot.runbooks.links import is_web_link
from bot.slack.parsing.access import open_value
from bot.slack.parsing.desk import (
    DETAILS_BLOCK,
    MAX_DETAILS,
    MAX_SUMMARY,
    NOT_SOLVED,
    SOLVED,
    SUMMARY_BLOCK,
    TICKET_MODAL,
    feedback_button_value,
)
from bot.slack.views.mrkdwn import escape

MAX_SECTION = 2900
#: The access part's button that opens its "Request access" modal (``bot.slack.parsing.access.OPEN``).
ACCESS_FORM_ACTION = "access-request-open"
NO_CODES = "IT will never ask you for a password or a sign-in code, in chat or on the phone: do not share one."

Blocks = list[dict[str, Any]]


def reply_message(reply: Reply, *, incidents_channel: str | None = None) -> tuple[str, Blocks]:
    """The thread reply for ``reply``: fallback text and blocks."""
    conversation = reply.conversation
    if reply.kind == "answer" and reply.passage is not None:
        return answer_message(conversation.id, reply.passage)
    if reply.kind == "no_article":
        text = "I could not find an article that answers this. Shall I open a ticket for a person to look at it?"
        return text, [_section(text), _feedback(conversation.id, yes="No thanks", no="Open a ticket")]
    if reply.kind == "clarify":
        text = conversation.turns[-1].text if conversation.turns else ""
        return text, [_section(escape(text))]
    if reply.kind == "incident" and reply.incident is not None:
        where = _channel(reply.incident.channel or incidents_channel)
        text = (
            f"Thanks: I declared incident #{reply.incident.id} ({escape(reply.reason)}) from your report"
            + (f"; it is tracked in {where}" if where else "")
            + ". The on-call responders have what you wrote."
        )
        return text, [_section(text)]
    if reply.kind == "escalated" and reply.ticket is not None:
        return escalated_message(reply)
    if reply.kind == "access":
        text = "Access is requested through the access form: the resource's owners approve it."
        button = {
            "type": "button",
            "action_id": ACCESS_FORM_ACTION,
            "text": {"type": "plain_text", "text": "Request access"},
            "value": open_value(reply.resource),
            "style": "primary",
        }
        return text, [_section(text), {"type": "actions", "block_id": "desk-access", "elements": [button]}]
    if reply.kind == "resolved":
        text = "Glad that solved it. Write again any time."
        return text, [_section(text)]
    if reply.kind == "closed":
        key = conversation.ticket_key
        text = (
            f"This conversation is closed{f' (ticket {escape(key)})' if key else ''}. "
            "Send a new message (not in this thread) for something else."
        )
        return text, [_section(text)]
    text = "I could not file the ticket just now. Please try again in a few minutes, or write in #it-help."
    return text, [_section(text)]


def answer_message(conversation_id: int, passage: Passage) -> tuple[str, Blocks]:
    excerpt = escape(passage.text)[:MAX_SECTION]
    citation = _citation(passage)
    text = f"From the knowledge base: {passage.title} › {passage.section}"
    return escape(text), [
        _section(excerpt),
        {"type": "context", "elements": [{"type": "mrkdwn", "text": f"Source: {citation}"}]},
        _section("Did this solve it?"),
        _feedback(conversation_id, yes="Yes, solved", no="No, I need a person"),
    ]


def escalated_message(reply: Reply) -> tuple[str, Blocks]:
    ticket = reply.ticket
    assert ticket is not None
    key = escape(ticket.key)
    name = f"<{ticket.url}|{key}>" if ticket.url and is_web_link(ticket.url) and _linkable(ticket.url) else key
    if reply.escalation == "recovery":
        text = (
            f"I opened ticket {name} for the IT service desk. I cannot reset sign-in factors or passwords, "
            "send codes, or act on anyone else's account. A person will contact you through a channel "
            f"that does not depend on your account and verify who you are first. {NO_CODES}"
        )
    elif reply.escalation == "sensitive":
        text = (
            f"I do not hand over secrets or other people's data, and the ticket holds none. "
            f"I opened ticket {name} so a person can look at what you need."
        )
    elif reply.escalation in ("access", "privileged"):
        text = f"A person has to approve this, so I opened ticket {name}; its owners will decide."
    else:
        text = f"I opened ticket {name} with our conversation and the articles already tried. A person will follow up."
    return text, [_section(text)]


def ticket_modal(source: str, *, summary: str = "", details: str = "") -> dict[str, Any]:
    """The "Report a problem" modal (also "Create ticket from message", prefilled)."""
    return {
        "type": "modal",
        "callback_id": TICKET_MODAL,
        "title": {"type": "plain_text", "text": "Report a problem"},
        "submit": {"type": "plain_text", "text": "File ticket"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": json.dumps({"source": source}),
        "blocks": [
            {
                "type": "input",
                "block_id": SUMMARY_BLOCK,
                "label": {"type": "plain_text", "text": "What is wrong?"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": SUMMARY_BLOCK,
                    "max_length": MAX_SUMMARY,
                    **({"initial_value": summary[:MAX_SUMMARY]} if summary else {}),
                },
            },
            {
                "type": "input",
                "block_id": DETAILS_BLOCK,
                "optional": True,
                "label": {"type": "plain_text", "text": "Details"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": DETAILS_BLOCK,
                    "multiline": True,
                    "max_length": MAX_DETAILS,
                    **({"initial_value": details[:MAX_DETAILS]} if details else {}),
                },
            },
        ],
    }


def filed_from_form(reply: Reply) -> str:
    ticket = reply.ticket
    key = escape(ticket.key) if ticket else escape(reply.conversation.ticket_key or "")
    if not key:
        return "I could not file the ticket just now. Please try again in a few minutes."
    return f"I filed ticket {key} from your report. A person will follow up."


#: How a ticket's state reads in a sentence ("moved it to …").
STATE_WORDS = {"open": "open", "in_progress": "in progress", "resolved": "resolved", "closed": "closed"}


def ticket_news_message(news: TicketNews) -> tuple[str, Blocks]:
    """What a person did to the requester's ticket: its move and their comment, quoted as text."""
    key = escape(news.key)
    name = f"<{news.url}|{key}>" if news.url and is_web_link(news.url) and _linkable(news.url) else key
    who = escape(news.actor) if news.actor else "Someone on the IT team"
    if news.state is not None and news.comment:
        head = f"{who} moved your ticket {name} to *{STATE_WORDS[news.state]}* and wrote:"
    elif news.state is not None:
        head = f"{who} moved your ticket {name} to *{STATE_WORDS[news.state]}*."
    else:
        head = f"{who} commented on your ticket {name}:"
    head += f" _{escape(news.summary)}_" if news.summary else ""
    blocks: Blocks = [_section(head)]
    if news.comment:
        quoted = "\n".join(f"> {line}" for line in escape(news.comment).splitlines())
        blocks.append(_section(quoted))
    if news.state == "resolved":
        blocks.append(_section("If it is not solved for you, say so on the ticket."))
    text = head + ("\n" + escape(news.comment) if news.comment else "")
    return text[:MAX_SECTION], blocks


def command_echo(question: str) -> str:
    return f"You asked the service desk: {escape(question)}"


def _citation(passage: Passage) -> str:
    label = escape(f"{passage.title} › {passage.section}" if passage.section else passage.title)
    if is_web_link(passage.link) and _linkable(passage.link):
        return f"<{passage.link}|{label}>"
    return f"{label} (`{escape(passage.link).replace('`', '')}`)"


def _linkable(url: str) -> bool:
    """A URL that cannot break out of Slack's ``<url|label>`` syntax."""
    return not any(c in url for c in "<>| \n")


def _channel(channel: str | None) -> str:
    if not channel:
        return ""
    if channel.startswith("#"):
        return escape(channel)
    return f"<#{channel}>" if channel.isalnum() else ""


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:MAX_SECTION] or " "}}


def _feedback(conversation_id: int, *, yes: str, no: str) -> dict[str, Any]:
    value = feedback_button_value(conversation_id)
    return {
        "type": "actions",
        "block_id": "desk-feedback",
        "elements": [
            {"type": "button", "action_id": SOLVED, "text": {"type": "plain_text", "text": yes}, "value": value},
            {
                "type": "button",
                "action_id": NOT_SOLVED,
                "text": {"type": "plain_text", "text": no},
                "value": value,
                "style": "primary",
            },
        ],
    }
