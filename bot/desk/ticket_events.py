"""The bot never acts on tickets it created, nor on its own changes coming back.

Tickets the desk opens are marked where each system keeps such a mark: ``source`` in the local
store, the ``opsdesk`` label in Jira, ``correlation_display: opsdesk`` in ServiceNow. A change to
a ticket can come back to opsdesk (a webhook, a mirror, a poll); before anything acts on one, it
is read into a :class:`TicketEvent` and :func:`may_trigger_bot` decides. A ticket the bot opened,
or a change the bot made, never triggers it: otherwise a comment the bot posts could start a
conversation that posts another, and so on.

The parsers read only what the rule needs from each system's payload shape (Jira's webhook
``issue``/``comment``/``user``, ServiceNow's incident record with ``sys_updated_by``); missing
fields count as "made by the bot" so that a payload the parser does not understand is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: ``TicketDraft.source`` of tickets the desk itself opens (the local store keeps it per ticket).
BOT_SOURCE = "desk"
JIRA_BOT_LABEL = "opsdesk"
SERVICENOW_BOT_SOURCE = "opsdesk"


@dataclass(frozen=True)
class TicketEvent:
    """A change to a ticket, as it came back to opsdesk."""

    system: str
    key: str
    opened_by_bot: bool
    changed_by_bot: bool
    text: str = ""


def may_trigger_bot(event: TicketEvent) -> bool:
    """Whether the bot may act on ``event``: only on others' changes to tickets others opened."""
    return not (event.opened_by_bot or event.changed_by_bot)


def local_event(key: str, ticket_source: str, change_source: str, text: str = "") -> TicketEvent:
    """A change to a local ticket: ``ticket_source`` of the ticket, ``change_source`` of the comment or move."""
    return TicketEvent(
        system="local",
        key=key,
        opened_by_bot=ticket_source == BOT_SOURCE,
        changed_by_bot=change_source == BOT_SOURCE,
        text=text,
    )


def jira_event(payload: Mapping[str, Any], bot_account_id: str) -> TicketEvent:
    """A Jira webhook (``jira:issue_updated``, ``comment_created``...) as a :class:`TicketEvent`."""
    issue = payload.get("issue") or {}
    labels = (issue.get("fields") or {}).get("labels")
    comment = payload.get("comment") or {}
    actor = (comment.get("author") or payload.get("user") or {}).get("accountId")
    return TicketEvent(
        system="jira",
        key=str(issue.get("key", "")),
        opened_by_bot=not isinstance(labels, list) or JIRA_BOT_LABEL in labels,
        changed_by_bot=actor is None or actor == bot_account_id,
        text=str(comment.get("body", "")) if isinstance(comment.get("body"), str) else "",
    )


def servicenow_event(record: Mapping[str, Any], bot_user: str) -> TicketEvent:
    """A ServiceNow incident record (as a business rule or a poll sends it) as a :class:`TicketEvent`."""
    updated_by = record.get("sys_updated_by")
    return TicketEvent(
        system="servicenow",
        key=str(record.get("number", "")),
        opened_by_bot=record.get("correlation_display") == SERVICENOW_BOT_SOURCE,
        changed_by_bot=updated_by is None or updated_by == bot_user,
        text=str(record.get("comments", "")),
    )
