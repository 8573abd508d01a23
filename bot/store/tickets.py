"""The desk's own tickets: one row per idempotency key, comments beside them, guarded moves.

:class:`TicketRepository` reads and writes rows; :class:`LocalTickets` is the
:class:`~connectors.tickets.TicketSystem` over it, the default when no Jira or ServiceNow is set up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import Clock
from bot.store.database import Database, dialect_insert
from bot.store.tables import TicketCommentRow, TicketRow
from connectors.tickets.model import Priority, Ticket, TicketDraft, TicketError, TicketState, Turn
from connectors.tickets.workflow import check_move, ticket_state

LOCAL_SYSTEM = "local"
DEFAULT_PREFIX = "DESK"


@dataclass(frozen=True)
class TicketComment:
    author: str
    text: str
    at: datetime
    source: str


@dataclass(frozen=True)
class StoredTicket:
    """One local ticket as stored, with its conversation (and comments when asked for)."""

    id: int
    key: str
    idempotency_key: str
    summary: str
    description: str
    category: str
    priority: Priority
    state: TicketState
    requester: str
    requester_email: str | None
    source: str
    conversation: tuple[Turn, ...]
    articles_tried: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    comments: tuple[TicketComment, ...] = ()


def _priority(value: str) -> Priority:
    for known in ("P1", "P2", "P3", "P4"):
        if known == value:
            return known
    raise ValueError(f"unknown priority {value!r}")


def _turn(entry: dict[str, Any]) -> Turn:
    return Turn(at=datetime.fromisoformat(str(entry["at"])), author=str(entry["author"]), text=str(entry["text"]))


def _record(row: Any, comments: tuple[TicketComment, ...] = ()) -> StoredTicket:
    m = row._mapping
    return StoredTicket(
        id=m["id"],
        key=m["key"],
        idempotency_key=m["idempotency_key"],
        summary=m["summary"],
        description=m["description"],
        category=m["category"],
        priority=_priority(m["priority"]),
        state=ticket_state(m["state"]),
        requester=m["requester"],
        requester_email=m["requester_email"],
        source=m["source"],
        conversation=tuple(_turn(entry) for entry in m["conversation"] or ()),
        articles_tried=tuple(str(article) for article in m["articles_tried"] or ()),
        created_at=m["created_at"],
        updated_at=m["updated_at"],
        comments=comments,
    )


def draft_values(draft: TicketDraft, at: datetime) -> dict[str, Any]:
    """The row a draft becomes (without its key, which comes from the row's id)."""
    return {
        "idempotency_key": draft.idempotency_key,
        "summary": draft.summary,
        "description": draft.description,
        "category": draft.category,
        "priority": draft.priority,
        "state": "open",
        "requester": draft.requester,
        "requester_email": draft.requester_email,
        "source": draft.source,
        "conversation": [
            {"at": turn.at.isoformat(), "author": turn.author, "text": turn.text} for turn in draft.conversation
        ],
        "articles_tried": list(draft.articles_tried),
        "created_at": at,
        "updated_at": at,
    }


class TicketRepository:
    def __init__(self, database: Database, prefix: str = DEFAULT_PREFIX) -> None:
        self._database = database
        self._prefix = prefix

    async def insert_or_get(self, values: dict[str, Any]) -> tuple[StoredTicket, bool]:
        """The ticket of ``values["idempotency_key"]``, inserted when new; True when this call inserted it."""
        async with self._database.write() as connection:
            inserted = await connection.execute(
                dialect_insert(connection, TicketRow)
                .values(**values)
                .on_conflict_do_nothing(index_elements=["idempotency_key"])
            )
            row = (
                await connection.execute(
                    select(TicketRow).where(TicketRow.idempotency_key == values["idempotency_key"])
                )
            ).one()
            if row.key is None:
                key = f"{self._prefix}-{row.id}"
                await connection.execute(update(TicketRow).where(TicketRow.id == row.id).values(key=key))
                row = (await connection.execute(select(TicketRow).where(TicketRow.id == row.id))).one()
            return _record(row), inserted.rowcount == 1

    async def get(self, key: str, *, with_comments: bool = False) -> StoredTicket | None:
        async with self._database.read() as connection:
            row = (await connection.execute(select(TicketRow).where(TicketRow.key == key))).one_or_none()
            if row is None:
                return None
            comments = await self._comments(connection, row.id) if with_comments else ()
            return _record(row, comments)

    async def _comments(self, connection: AsyncConnection, ticket_id: int) -> tuple[TicketComment, ...]:
        rows = await connection.execute(
            select(TicketCommentRow).where(TicketCommentRow.ticket_id == ticket_id).order_by(TicketCommentRow.id)
        )
        return tuple(TicketComment(author=r.author, text=r.text, at=r.at, source=r.source) for r in rows)

    async def list(self, *, state: TicketState | None = None, requester: str | None = None) -> list[StoredTicket]:
        """Tickets, newest first; only those in ``state`` / of ``requester`` when given."""
        query = select(TicketRow).order_by(TicketRow.id.desc())
        if state is not None:
            query = query.where(TicketRow.state == state)
        if requester is not None:
            query = query.where(TicketRow.requester == requester)
        async with self._database.read() as connection:
            return [_record(row) for row in await connection.execute(query)]

    async def add_comment(self, key: str, author: str, text: str, at: datetime, source: str) -> bool:
        """Append a comment; False when there is no ticket ``key``."""
        async with self._database.write() as connection:
            ticket_id = await connection.scalar(select(TicketRow.id).where(TicketRow.key == key))
            if ticket_id is None:
                return False
            await connection.execute(
                dialect_insert(connection, TicketCommentRow).values(
                    ticket_id=ticket_id, author=author, text=text, source=source, at=at
                )
            )
            await connection.execute(update(TicketRow).where(TicketRow.id == ticket_id).values(updated_at=at))
            return True

    async def move(self, system: str, key: str, target: TicketState, at: datetime) -> StoredTicket | None:
        """Move ``key`` to ``target`` if the workflow allows it from its current state.

        None when there is no such ticket; :class:`TicketError` when the move is not allowed.
        The check and the write share one write transaction, so two movers cannot both pass it.
        """
        async with self._database.write() as connection:
            row = (
                await connection.execute(select(TicketRow).where(TicketRow.key == key).with_for_update())
            ).one_or_none()
            if row is None:
                return None
            current = ticket_state(row.state)
            check_move(system, key, current, target)
            if current != target:
                await connection.execute(
                    update(TicketRow).where(TicketRow.id == row.id).values(state=target, updated_at=at)
                )
                row = (await connection.execute(select(TicketRow).where(TicketRow.id == row.id))).one()
            return _record(row)


class LocalTickets:
    """The :class:`~connectors.tickets.TicketSystem` kept in opsdesk's own store."""

    def __init__(self, repository: TicketRepository, clock: Clock, *, comment_source: str = "desk") -> None:
        self._repository = repository
        self._clock = clock
        self._comment_source = comment_source

    @property
    def name(self) -> str:
        return LOCAL_SYSTEM

    async def create(self, draft: TicketDraft) -> Ticket:
        stored, _ = await self._repository.insert_or_get(draft_values(draft, self._clock.now()))
        return _ticket(stored)

    async def comment(self, key: str, author: str, text: str) -> None:
        if not await self._repository.add_comment(key, author, text, self._clock.now(), self._comment_source):
            raise TicketError(LOCAL_SYSTEM, f"no ticket {key}")

    async def transition(self, key: str, state: TicketState) -> Ticket:
        moved = await self._repository.move(LOCAL_SYSTEM, key, state, self._clock.now())
        if moved is None:
            raise TicketError(LOCAL_SYSTEM, f"no ticket {key}")
        return _ticket(moved)


def _ticket(stored: StoredTicket) -> Ticket:
    return Ticket(system=LOCAL_SYSTEM, key=stored.key, url=None, state=stored.state)
