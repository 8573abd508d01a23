"""``opsdesk tickets``: the local store's tickets, listed or shown one at a time with their conversation.

Only the local store is read: tickets filed into Jira or ServiceNow are read there. Every field
is printed as text, never as markup: a summary or a message is the requester's words, not ours.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.cli.storage import with_storage
from bot.clock import SystemClock
from bot.config import load_settings
from bot.errors import InputError

if TYPE_CHECKING:
    from bot.store import Storage
    from bot.store.tickets import StoredTicket

tickets_app = typer.Typer(
    help="The desk's local tickets: list them (filter with --state) or show one with its conversation.",
    invoke_without_command=True,
)


def age(since: datetime, now: datetime) -> str:
    """``45s``, ``12m``, ``5h``, ``3d``: the largest whole unit, never negative."""
    seconds = max(0, int((now - since).total_seconds()))
    for unit, size in (("d", 86_400), ("h", 3_600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def ticket_json(ticket: StoredTicket, now: datetime, *, full: bool = False) -> dict[str, Any]:
    listed: dict[str, Any] = {
        "key": ticket.key,
        "state": ticket.state,
        "priority": ticket.priority,
        "category": ticket.category,
        "requester": ticket.requester,
        "summary": ticket.summary,
        "source": ticket.source,
        "created_at": ticket.created_at.isoformat(),
        "age_seconds": max(0, int((now - ticket.created_at).total_seconds())),
    }
    if not full:
        return listed
    return listed | {
        "description": ticket.description,
        "requester_email": ticket.requester_email,
        "updated_at": ticket.updated_at.isoformat(),
        "conversation": [{"at": t.at.isoformat(), "author": t.author, "text": t.text} for t in ticket.conversation],
        "articles_tried": list(ticket.articles_tried),
        "comments": [
            {"at": c.at.isoformat(), "author": c.author, "text": c.text, "source": c.source} for c in ticket.comments
        ],
    }


def _state_option(value: str | None) -> Any:
    if value is None:
        return None
    from connectors.tickets.workflow import ticket_state

    try:
        return ticket_state(value)
    except ValueError as error:
        raise InputError("--state", str(error)) from None


@tickets_app.callback()
def list_command(
    context: typer.Context,
    state: Annotated[str | None, typer.Option("--state", help="open, in_progress, resolved or closed")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per ticket, one per line")] = False,
) -> None:
    """List the local tickets, newest first: key, state, priority, category, requester, summary, age."""
    if context.invoked_subcommand is not None:
        return
    wanted = _state_option(state)

    async def read(storage: Storage) -> list[StoredTicket]:
        return await storage.tickets.list_tickets(state=wanted)

    tickets = with_storage(load_settings(), read)
    now = SystemClock().now()
    if as_json:
        for ticket in tickets:
            typer.echo(json.dumps(ticket_json(ticket, now)))
        return
    console = Console(highlight=False)
    if not tickets:
        console.print(Text("no tickets" + (f" in state {wanted}" if wanted else "")))
        return
    table = Table("key", "state", "priority", "category", "requester", "summary", "age")
    for ticket in tickets:
        cells = (ticket.key, ticket.state, ticket.priority, ticket.category, ticket.requester, ticket.summary)
        table.add_row(*(Text(cell) for cell in cells), Text(age(ticket.created_at, now)))
    console.print(table)


@tickets_app.command("show")
def show_command(
    key: Annotated[str, typer.Argument(help="the ticket's key, e.g. DESK-12")],
    as_json: Annotated[bool, typer.Option("--json", help="the ticket as one JSON object")] = False,
) -> None:
    """One ticket with its description, conversation, articles tried and comments."""

    async def read(storage: Storage) -> StoredTicket | None:
        return await storage.tickets.get(key, with_comments=True)

    ticket = with_storage(load_settings(), read)
    if ticket is None:
        raise InputError("", f"no ticket {key}")
    now = SystemClock().now()
    if as_json:
        typer.echo(json.dumps(ticket_json(ticket, now, full=True), indent=2))
        return
    console = Console(highlight=False)
    for line in ticket_lines(ticket, now):
        console.print(line)


def ticket_lines(ticket: StoredTicket, now: datetime) -> list[Text]:
    """What ``tickets show`` prints, as plain text lines (nothing in them is read as markup)."""
    requester = ticket.requester + (f" <{ticket.requester_email}>" if ticket.requester_email else "")
    created = f"{ticket.created_at:%Y-%m-%d %H:%M}"
    lines = [
        Text.assemble((ticket.key, "bold"), "  ", ticket.summary),
        Text(f"{ticket.state} · {ticket.priority} · {ticket.category} · opened by {ticket.source}"),
        Text(f"requester {requester} · created {created} UTC ({age(ticket.created_at, now)} ago)"),
        Text(""),
        Text(ticket.description),
    ]
    if ticket.conversation:
        lines += [Text(""), Text("Conversation", style="bold")]
        lines += [Text.assemble((f"{t.at:%H:%M} {t.author}: ", "dim"), t.text) for t in ticket.conversation]
    if ticket.articles_tried:
        lines += [Text(""), Text("Articles tried", style="bold")]
        lines += [Text(f"- {article}") for article in ticket.articles_tried]
    if ticket.comments:
        lines += [Text(""), Text("Comments", style="bold")]
        lines += [Text.assemble((f"{c.at:%Y-%m-%d %H:%M} {c.author}: ", "dim"), c.text) for c in ticket.comments]
    return lines


def register(app: typer.Typer) -> None:
    app.add_typer(tickets_app, name="tickets")
