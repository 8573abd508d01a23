"""The local ticket store on real databases: idempotent create, comments, validated moves."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.store import Storage
from bot.store.tickets import LocalTickets
from connectors.tickets import TicketError
from tests.intake_fixtures import open_store
from tests.tickets.drafts import T0, draft

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Storage]:
    async with open_store(str(request.param), tmp_path) as opened:
        yield opened


async def test_a_created_ticket_keeps_the_whole_conversation(store: Storage) -> None:
    clock = FixedClock(T0)
    tickets = LocalTickets(store.tickets, clock)
    created = await tickets.create(draft())
    assert (created.system, created.state, created.url) == ("local", "open", None)
    assert created.key.startswith("DESK-")
    stored = await store.tickets.get(created.key)
    assert stored is not None
    assert stored.conversation == draft().conversation
    assert stored.articles_tried == ("kb/vpn-reset",)
    assert (stored.category, stored.priority, stored.requester_email, stored.source) == (
        "network",
        "P3",
        "ana@example.com",
        "desk",
    )
    assert stored.created_at == T0


async def test_a_retried_create_returns_the_first_ticket(store: Storage) -> None:
    tickets = LocalTickets(store.tickets, FixedClock(T0))
    first = await tickets.create(draft())
    again = await tickets.create(draft(summary="a different wording of the retry"))
    other = await tickets.create(draft("conv-2:ticket"))
    assert again == first
    assert other.key != first.key
    assert (await store.database.counts())["tickets"] == 2
    stored = await store.tickets.get(first.key)
    assert stored is not None
    assert stored.summary == "VPN drops every ten minutes"


async def test_concurrent_creates_of_one_key_make_one_ticket(store: Storage) -> None:
    tickets = LocalTickets(store.tickets, FixedClock(T0))
    results = await asyncio.gather(*(tickets.create(draft()) for _ in range(8)))
    assert len({ticket.key for ticket in results}) == 1
    assert (await store.database.counts())["tickets"] == 1


async def test_comments_are_kept_in_order_with_their_source(store: Storage) -> None:
    clock = FixedClock(T0)
    tickets = LocalTickets(store.tickets, clock)
    created = await tickets.create(draft())
    await tickets.comment(created.key, "U123", "still dropping")
    clock.advance(timedelta(minutes=1))
    await tickets.comment(created.key, "opsdesk", "escalated to network team")
    stored = await store.tickets.get(created.key, with_comments=True)
    assert stored is not None
    assert [(c.author, c.text, c.source) for c in stored.comments] == [
        ("U123", "still dropping", "desk"),
        ("opsdesk", "escalated to network team", "desk"),
    ]
    assert stored.updated_at == T0 + timedelta(minutes=1)


async def test_commenting_on_an_unknown_ticket_is_refused(store: Storage) -> None:
    tickets = LocalTickets(store.tickets, FixedClock(T0))
    with pytest.raises(TicketError, match="no ticket DESK-404"):
        await tickets.comment("DESK-404", "U1", "hello")
    assert (await store.database.counts())["ticket_comments"] == 0


async def test_moves_follow_the_workflow(store: Storage) -> None:
    tickets = LocalTickets(store.tickets, FixedClock(T0))
    created = await tickets.create(draft())
    assert (await tickets.transition(created.key, "in_progress")).state == "in_progress"
    assert (await tickets.transition(created.key, "in_progress")).state == "in_progress"
    assert (await tickets.transition(created.key, "resolved")).state == "resolved"
    assert (await tickets.transition(created.key, "closed")).state == "closed"
    with pytest.raises(TicketError, match="cannot move from closed to open"):
        await tickets.transition(created.key, "open")
    stored = await store.tickets.get(created.key)
    assert stored is not None
    assert stored.state == "closed"
    with pytest.raises(TicketError, match="no ticket DESK-999"):
        await tickets.transition("DESK-999", "resolved")


async def test_listing_filters_by_state_and_requester(store: Storage) -> None:
    tickets = LocalTickets(store.tickets, FixedClock(T0))
    first = await tickets.create(draft("a"))
    second = await tickets.create(draft("b", requester="U999"))
    await tickets.transition(first.key, "resolved")
    assert [t.key for t in await store.tickets.list()] == [second.key, first.key]
    assert [t.key for t in await store.tickets.list(state="open")] == [second.key]
    assert [t.key for t in await store.tickets.list(requester="U123")] == [first.key]
