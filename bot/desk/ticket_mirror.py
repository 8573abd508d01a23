"""What Jira or ServiceNow says about the desk's tickets reaches "My requests" and the requester.

When the desk files a ticket in one of those systems, :class:`MirroredTickets` remembers it
(system, key, link, summary, requester, state). Their webhooks (:mod:`bot.intake.ticket_hooks`)
bring each later change as a :class:`~bot.desk.ticket_events.TicketEvent`;
:meth:`TicketMirror.receive` applies it once per delivery, and when a person (not the bot) moved
the ticket or commented on it, :func:`news_of` says what to tell the requester. Telling is a
durable timer scheduled in the transaction that applied the delivery: a process that dies after
answering the webhook leaves it to whichever process runs timers next, and a retried delivery,
already applied, tells nobody twice. The listeners (the Slack desk) tell them. Events about
tickets the desk did not file change nothing, and nothing here writes to a ticket: the bot never
acts on the tickets it created.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.desk.ticket_events import TicketEvent
from bot.store.ticket_mirror import Delivery, MirroredTicketRepository
from connectors.tickets.model import Ticket, TicketDraft, TicketState, TicketSystem

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncConnection

    from bot.coordination import TimerWorker
    from bot.store.timers import Timer, TimerRepository

log = logging.getLogger(__name__)

#: The timer that tells a requester what a person did to their ticket, one per delivery.
NEWS_TIMER = "ticket-news"

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
    """Applies ticket webhooks to the mirror; the requester is told through a durable timer."""

    def __init__(self, repository: MirroredTicketRepository, timers: TimerRepository, clock: Clock) -> None:
        self._repository = repository
        self._timers = timers
        self._clock = clock
        self._listeners: list[NewsListener] = []
        self._worker: TimerWorker | None = None

    def on_news(self, listener: NewsListener) -> None:
        self._listeners.append(listener)

    def register_timers(self, worker: TimerWorker) -> None:
        worker.register(NEWS_TIMER, self._tell)
        self._worker = worker

    async def receive(self, event: TicketEvent, delivery: str) -> Delivery:
        """Apply ``event`` (delivery ``delivery``) once, with the telling it calls for."""
        now = self._clock.now()

        async def schedule_news(connection: AsyncConnection, applied: Delivery) -> None:
            news = news_of(event, applied)
            if news is not None:
                key = f"{event.system}:{delivery}"
                await self._timers.schedule(NEWS_TIMER, key, now, dataclasses.asdict(news), connection=connection)

        outcome = await self._repository.apply(event, delivery, now, then=schedule_news)
        if self._worker is not None:
            self._worker.wake()
        return outcome

    async def _tell(self, timer: Timer) -> None:
        news = TicketNews(**timer.payload)
        for listener in self._listeners:
            try:
                await listener(news)
            except Exception:  # one listener failing must not stop the others, nor tell the rest twice
                log.exception("ticket news listener failed", extra={"ticket": news.key})


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
