"""What Jira or ServiceNow says about the desk's tickets reaches "My requests" and the requester.

When the desk files a ticket in one of those systems, :class:`MirroredTickets` remembers it
(system, key, link, summary, requester, state). Their webhooks (:mod:`bot.intake.ticket_hooks`)
bring each later change as a :class:`~bot.desk.ticket_events.TicketEvent`;
:meth:`TicketMirror.receive` applies it once per delivery, and when a person (not the bot) moved
the ticket or commented on it, :func:`news_of` says what to tell the requester and the listeners
(the Slack desk) tell them. Events about tickets the desk did not file change nothing, and
nothing here writes to a ticket: the bot never acts on the tickets it created.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.clock import Clock
from bot.desk.ticket_events import TicketEvent
from bot.store.ticket_mirror import Delivery, MirroredTicketRepository
from connectors.tickets.model import Ticket, TicketDraft, TicketState, TicketSystem

log = logging.getLogger(__name__)

#: How much of a comment the requester is shown (the rest is one click away, in the ticket).
COMMENT_LIMIT = 1500


@dataclass(frozen=True)
class TicketNews:
    """What a person did to a requester's ticket, to tell them."""

    requester: str
    system: str
    key: str
    url: str | None
    summary: str
    actor: str
    #: The state it moved to, when it moved.
    state: TicketState | None = None
    comment: str = ""


NewsListener = Callable[[TicketNews], Awaitable[None]]


def news_of(event: TicketEvent, delivery: Delivery) -> TicketNews | None:
    """What to tell the requester about an applied delivery: nothing for the bot's own changes,
    for a delivery applied before, or for one that neither moved the ticket nor said anything."""
    if delivery.outcome != "applied" or delivery.after is None or event.changed_by_bot:
        return None
    comment = event.text.strip()
    if not delivery.moved and not comment:
        return None
    after = delivery.after
    if len(comment) > COMMENT_LIMIT:
        comment = comment[: COMMENT_LIMIT - 1].rstrip() + "…"
    return TicketNews(
        requester=after.requester,
        system=after.system,
        key=after.key,
        url=after.url,
        summary=after.summary,
        actor=event.actor,
        state=event.state if delivery.moved else None,
        comment=comment,
    )


class TicketMirror:
    """Applies ticket webhooks to the mirror and tells the listeners what a person did."""

    def __init__(self, repository: MirroredTicketRepository, clock: Clock) -> None:
        self._repository = repository
        self._clock = clock
        self._listeners: list[NewsListener] = []

    def on_news(self, listener: NewsListener) -> None:
        self._listeners.append(listener)

    async def receive(self, event: TicketEvent, delivery: str) -> Delivery:
        """Apply ``event`` (delivery ``delivery``) once; the store has it before anyone is told."""
        outcome = await self._repository.apply(event, delivery, self._clock.now())
        news = news_of(event, outcome)
        if news is not None:
            for listener in self._listeners:
                try:
                    await listener(news)
                except Exception:  # telling must not undo what was recorded, nor fail the webhook
                    log.exception("ticket news listener failed", extra={"ticket": event.key})
        return outcome


class MirroredTickets:
    """A :class:`~connectors.tickets.TicketSystem` that remembers every ticket it files in the mirror."""

    def __init__(self, system: TicketSystem, repository: MirroredTicketRepository, clock: Clock) -> None:
        self._system = system
        self._repository = repository
        self._clock = clock

    @property
    def name(self) -> str:
        return self._system.name

    async def create(self, draft: TicketDraft) -> Ticket:
        ticket = await self._system.create(draft)
        await self._repository.opened(ticket, draft.summary, draft.requester, self._clock.now())
        return ticket

    async def comment(self, key: str, author: str, text: str) -> None:
        await self._system.comment(key, author, text)

    async def transition(self, key: str, state: TicketState) -> Ticket:
        return await self._system.transition(key, state)

    async def close(self) -> None:
        close = getattr(self._system, "close", None)
        if close is not None:
            await close()
