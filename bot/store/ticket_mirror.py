"""The desk's tickets in Jira or ServiceNow, as those systems last told the bot (revision 0012).

A row is written when the desk files a ticket there (:meth:`MirroredTicketRepository.opened`)
and moved by that system's webhooks (:meth:`MirroredTicketRepository.apply`). Every delivery is
recorded by its identity in the same transaction that applies it, so a retried delivery changes
nothing the second time; a change older than the newest one applied (webhooks arrive out of
order) leaves the state as it is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.desk.model import RequestSummary
from bot.desk.ticket_events import TicketEvent
from bot.store.database import Database, dialect_insert
from bot.store.tables import MirroredTicketRow, TicketDeliveryRow
from connectors.tickets.model import Ticket
from connectors.tickets.workflow import ticket_state


@dataclass(frozen=True)
class MirroredTicket:
    system: str
    key: str
    url: str | None
    summary: str
    requester: str
    state: str
    event_order: int
    opened_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Delivery:
    """What one webhook delivery did to the mirror."""

    outcome: Literal["applied", "duplicate", "unknown"]
    #: The ticket before and after (``None`` when the delivery was not applied).
    before: MirroredTicket | None = None
    after: MirroredTicket | None = None

    @property
    def moved(self) -> bool:
        return self.before is not None and self.after is not None and self.before.state != self.after.state


#: Work done inside the transaction that applies a delivery.
Applied = Callable[[AsyncConnection, Delivery], Awaitable[None]]


class MirroredTicketRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def opened(self, ticket: Ticket, summary: str, requester: str, now: datetime) -> None:
        """Remember a ticket the desk filed; filing the same one again (a retried create) changes nothing."""
        async with self._database.write() as connection:
            await connection.execute(
                dialect_insert(connection, MirroredTicketRow)
                .values(
                    system=ticket.system,
                    key=ticket.key,
                    url=ticket.url,
                    summary=summary,
                    requester=requester,
                    state=ticket.state,
                    event_order=0,
                    opened_at=now,
                    updated_at=now,
                )
                .on_conflict_do_nothing(index_elements=[MirroredTicketRow.system, MirroredTicketRow.key])
            )

    async def get(self, system: str, key: str) -> MirroredTicket | None:
        async with self._database.read() as connection:
            row = (
                await connection.execute(
                    select(MirroredTicketRow).where(MirroredTicketRow.system == system, MirroredTicketRow.key == key)
                )
            ).first()
        return None if row is None else _ticket(row._mapping)

    async def apply(self, event: TicketEvent, delivery: str, now: datetime, *, then: Applied | None = None) -> Delivery:
        """Apply one delivery's event, once: ``unknown`` when the ticket is not one the desk filed
        (nothing is written), ``duplicate`` when this delivery was applied before. ``then`` runs
        in the same transaction once it is applied (work that must happen with it, or not at all)."""
        async with self._database.write() as connection:
            found = (
                await connection.execute(
                    select(MirroredTicketRow)
                    .where(MirroredTicketRow.system == event.system, MirroredTicketRow.key == event.key)
                    .with_for_update()
                )
            ).first()
            if found is None:
                return Delivery("unknown")
            recorded = await connection.execute(
                dialect_insert(connection, TicketDeliveryRow)
                .values(system=event.system, delivery=delivery, received_at=now)
                .on_conflict_do_nothing(index_elements=[TicketDeliveryRow.system, TicketDeliveryRow.delivery])
                .returning(TicketDeliveryRow.id)
            )
            if recorded.first() is None:
                return Delivery("duplicate")
            before = _ticket(found._mapping)
            values: dict[str, Any] = {"updated_at": now}
            if event.state is not None and event.order >= before.event_order:
                values.update(state=event.state, event_order=event.order)
            await connection.execute(update(MirroredTicketRow).where(MirroredTicketRow.id == found.id).values(**values))
            applied = Delivery("applied", before, replace(before, **values))
            if then is not None:
                await then(connection, applied)
        return applied

    async def requests_of(self, requester: str) -> list[RequestSummary]:
        """A person's mirrored tickets as "My requests" lists them, newest first."""
        query = (
            select(MirroredTicketRow)
            .where(MirroredTicketRow.requester == requester)
            .order_by(MirroredTicketRow.id.desc())
        )
        async with self._database.read() as connection:
            rows = [_ticket(row._mapping) for row in await connection.execute(query)]
        return [
            RequestSummary(kind="ticket", reference=t.key, title=t.summary, state=t.state, opened_at=t.opened_at)
            for t in rows
        ]


def _ticket(row: Any) -> MirroredTicket:
    return MirroredTicket(
        system=row["system"],
        key=row["key"],
        url=row["url"],
        summary=row["summary"],
        requester=row["requester"],
        state=ticket_state(row["state"]),
        event_order=row["event_order"],
        opened_at=row["opened_at"],
        updated_at=row["updated_at"],
    )
