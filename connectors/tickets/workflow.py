"""The states a ticket may move between, the same for every system behind the Protocol.

Jira and ServiceNow have workflows of their own; these moves are what opsdesk asks of them, and
what the local store enforces. Moving a ticket to the state it is already in changes nothing.
"""

from __future__ import annotations

from typing import get_args

from connectors.tickets.model import TicketError, TicketState

TICKET_STATES: tuple[TicketState, ...] = get_args(TicketState)

ALLOWED_MOVES: dict[TicketState, frozenset[TicketState]] = {
    "open": frozenset({"in_progress", "resolved", "closed"}),
    "in_progress": frozenset({"open", "resolved", "closed"}),
    "resolved": frozenset({"open", "closed"}),
    "closed": frozenset(),
}


def ticket_state(value: str) -> TicketState:
    """``value`` as a :data:`TicketState`, or :class:`ValueError` naming the known states."""
    for state in TICKET_STATES:
        if state == value:
            return state
    raise ValueError(f"unknown ticket state {value!r} (known: {', '.join(TICKET_STATES)})")


def check_move(system: str, key: str, current: TicketState, target: TicketState) -> None:
    """Raise :class:`TicketError` unless ``current`` may become ``target`` (staying put is allowed)."""
    if target == current or target in ALLOWED_MOVES[current]:
        return
    allowed = ", ".join(sorted(ALLOWED_MOVES[current])) or "none"
    raise TicketError(system, f"{key} cannot move from {current} to {target} (allowed: {allowed})")
