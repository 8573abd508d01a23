"""The ticket Protocol and its plain request and result types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from connectors.errors import ConnectorError

TicketState = Literal["open", "in_progress", "resolved", "closed"]
Priority = Literal["P1", "P2", "P3", "P4"]


class TicketError(ConnectorError):
    """A ticket that was not created, commented or moved (or whose outcome is unknown)."""

    def __init__(self, system: str, reason: str) -> None:
        super().__init__(f"{system}: {reason}")
        self.system = system
        self.reason = reason


@dataclass(frozen=True)
class Turn:
    """One message of the conversation a ticket carries."""

    at: datetime
    author: str  # a Slack user id, or "opsdesk"
    text: str


@dataclass(frozen=True)
class TicketDraft:
    """A ticket to open. Category and priority were decided from the content, not asked for.

    ``idempotency_key`` makes a retried create return the ticket the first attempt made.
    """

    idempotency_key: str
    summary: str
    description: str
    category: str
    priority: Priority
    requester: str
    requester_email: str | None = None
    conversation: tuple[Turn, ...] = ()
    articles_tried: tuple[str, ...] = ()
    source: str = "desk"


@dataclass(frozen=True)
class Ticket:
    system: str
    key: str
    url: str | None
    state: TicketState


class TicketSystem(Protocol):
    """Where tickets go. Every method raises :class:`TicketError` when the system refuses or fails."""

    @property
    def name(self) -> str: ...

    async def create(self, draft: TicketDraft) -> Ticket: ...

    async def comment(self, key: str, author: str, text: str) -> None: ...

    async def transition(self, key: str, state: TicketState) -> Ticket: ...
