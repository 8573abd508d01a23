"""The bot never acts on tickets it created, nor on its own changes coming back.

Tickets the desk opens are marked where each system keeps such a mark: ``source`` in the local
store, the ``opsdesk`` label in Jira, ``correlation_display: opsdesk`` in ServiceNow. A change to
a ticket can come back to opsdesk (a webhook, a mirror, a poll); before anything acts on one, it
is read into a :class:`TicketEvent` and :func:`may_trigger_bot` decides. A ticket the bot opened,
or a change the bot made, never triggers it: otherwise a comment the bot posts could start a
conversation that posts another, and so on.

Recording what a ticket system says about a ticket the desk opened is not acting on it: the
mirror (:mod:`bot.desk.ticket_mirror`) keeps the state "My requests" shows and tells the
requester what a person did there; it never writes back to the ticket.

The parsers read only what the rule needs from each system's payload shape (Jira's webhook
``issue``/``comment``/``user``/``timestamp``, ServiceNow's incident record with
``sys_updated_by`` and ``sys_mod_count``); missing fields count as "made by the bot" so that a
payload the parser does not understand is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from connectors.tickets.jira import DEFAULT_STATUSES, state_of_issue
from connectors.tickets.model import TicketState
from connectors.tickets.servicenow import DEFAULT_STATES, state_of_code

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
    #: A comment the change added, as plain text ("" for none).
    text: str = ""
    #: The ticket's state after the change, where the payload says it.
    state: TicketState | None = None
    #: Orders changes to one ticket (newer is larger); 0 when the payload gives none.
    order: int = 0
    #: Who made the change, as the system names them ("" when it does not).
    actor: str = ""


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


def jira_event(
    payload: Mapping[str, Any], bot_account_id: str, statuses: Mapping[TicketState, str] = DEFAULT_STATUSES
) -> TicketEvent:
    """A Jira webhook (``jira:issue_updated``, ``comment_created``...) as a :class:`TicketEvent`."""
    issue = _mapping(payload.get("issue"))
    fields = _mapping(issue.get("fields"))
    labels = fields.get("labels")
    comment = _mapping(payload.get("comment"))
    person = _mapping(comment.get("author") or payload.get("user"))
    actor = person.get("accountId")
    status = fields.get("status")
    timestamp = payload.get("timestamp")
    return TicketEvent(
        system="jira",
        key=str(issue.get("key", "")),
        opened_by_bot=not isinstance(labels, list) or JIRA_BOT_LABEL in labels,
        changed_by_bot=actor is None or actor == bot_account_id,
        text=_comment_text(comment.get("body")),
        state=state_of_issue(issue, statuses) if isinstance(status, Mapping) and status.get("name") else None,
        order=timestamp if isinstance(timestamp, int) and not isinstance(timestamp, bool) else 0,
        actor=str(person.get("displayName") or actor or ""),
    )


def servicenow_event(
    record: Mapping[str, Any], bot_user: str, states: Mapping[TicketState, str] = DEFAULT_STATES
) -> TicketEvent:
    """A ServiceNow incident record (as a business rule or a poll sends it) as a :class:`TicketEvent`."""
    updated_by = record.get("sys_updated_by")
    state = record.get("state")
    known_state = isinstance(state, str | int) and not isinstance(state, bool) and str(state) != ""
    return TicketEvent(
        system="servicenow",
        key=str(record.get("number", "")),
        opened_by_bot=record.get("correlation_display") == SERVICENOW_BOT_SOURCE,
        changed_by_bot=updated_by is None or updated_by == bot_user,
        text=str(record.get("comments") or ""),
        state=state_of_code(state, states) if known_state else None,
        order=_count(record.get("sys_mod_count")),
        actor=str(updated_by or ""),
    )


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _comment_text(body: object) -> str:
    """A Jira comment body as plain text: webhooks send a string, REST v3 an ADF document."""
    if isinstance(body, str):
        return body.strip()
    if not isinstance(body, Mapping):
        return ""
    parts: list[str] = []

    def walk(node: Mapping[str, Any]) -> None:
        kind = node.get("type")
        if kind == "text" and isinstance(node.get("text"), str):
            parts.append(node["text"])
        elif kind == "hardBreak":
            parts.append("\n")
        for child in node.get("content") or ():
            if isinstance(child, Mapping):
                walk(child)
        if kind in ("paragraph", "heading", "listItem"):
            parts.append("\n")

    walk(body)
    return "".join(parts).strip()


def _count(value: object) -> int:
    """ServiceNow sends numbers as strings ("7"); anything else orders first."""
    text = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""
    return int(text) if text.isdigit() else 0
