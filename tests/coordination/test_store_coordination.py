"""Durable timers, leases and claims on a real database (SQLite, and PostgreSQL when it runs).

Two :class:`Storage` objects over one database stand in for two processes: only what the
database holds is shared between them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.store import Storage
from tests.intake_fixtures import T0, database_url

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
LEASE = timedelta(seconds=30)


@pytest.fixture(params=BACKENDS)
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    async with database_url(str(request.param), tmp_path) as opened:
        yield opened


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
async def pair(url: str, clock: FixedClock) -> AsyncIterator[tuple[Storage, Storage]]:
    first = await Storage.open(url, clock=clock)
    second = await Storage.open(url, clock=clock, migrate_schema=False)
    try:
        yield first, second
    finally:
        await second.close()
        await first.close()


# -- timers -------------------------------------------------------------------------------


async def test_requests_for_one_key_coalesce_and_the_earlier_due_time_wins(pair: tuple[Storage, Storage]) -> None:
    one, two = pair
    await one.timers.schedule("investigate", "7", T0 + timedelta(seconds=5))
    await two.timers.schedule("investigate", "7", T0 + timedelta(seconds=2))
    await one.timers.schedule("investigate", "7", T0 + timedelta(seconds=9))
    await one.timers.schedule("investigate", "8", T0 + timedelta(seconds=9))
    timers = await one.timers.list(kind="investigate")
    assert [(t.key, t.due_at) for t in timers] == [("7", T0 + timedelta(seconds=2)), ("8", T0 + timedelta(seconds=9))]


async def test_scheduling_keeps_working_on_one_connection_past_its_first_executions(
    pair: tuple[Storage, Storage],
) -> None:
    # PostgreSQL plans a prepared statement generically after five executions; a partial index
    # given as ON CONFLICT's arbiter must then still be recognised (its predicate is no parameter).
    one, _ = pair
    for key in range(12):
        await one.timers.schedule("investigate", str(key % 3), T0 + timedelta(seconds=key))
    assert [t.key for t in await one.timers.list(kind="investigate")] == ["0", "1", "2"]


async def test_a_timer_is_claimed_once_only_when_due(pair: tuple[Storage, Storage], clock: FixedClock) -> None:
    one, two = pair
    await one.timers.schedule("investigate", "7", T0 + timedelta(seconds=1), {"why": "alerts"})
    assert await one.timers.claim_due("p1", ["investigate"], lease=LEASE) == []
    clock.advance(timedelta(seconds=1))
    claims = await asyncio.gather(
        one.timers.claim_due("p1", ["investigate"], lease=LEASE),
        two.timers.claim_due("p2", ["investigate"], lease=LEASE),
    )
    [timer] = [t for claimed in claims for t in claimed]
    assert (timer.key, timer.fence, timer.attempts, dict(timer.payload)) == ("7", 1, 1, {"why": "alerts"})
    assert await one.timers.claim_due("p3", ["investigate"], lease=LEASE) == []
    assert await one.timers.complete(timer)
    assert await one.timers.next_wake(["investigate"]) is None


async def test_a_request_during_a_run_waits_for_the_run_then_runs_once(
    pair: tuple[Storage, Storage], clock: FixedClock
) -> None:
    one, two = pair
    await one.timers.schedule("investigate", "7", T0)
    [running] = await one.timers.claim_due("p1", ["investigate"], lease=LEASE)
    for _ in range(3):
        await two.timers.schedule("investigate", "7", T0)
    assert await two.timers.claim_due("p2", ["investigate"], lease=LEASE) == []
    await one.timers.complete(running)
    [after] = await two.timers.claim_due("p2", ["investigate"], lease=LEASE)
    assert after.id != running.id
    assert await two.timers.claim_due("p2", ["investigate"], lease=LEASE) == []


async def test_a_holder_that_stalled_past_its_lease_is_fenced_off(
    pair: tuple[Storage, Storage], clock: FixedClock
) -> None:
    one, two = pair
    await one.timers.schedule("slack-post", "7", T0)
    [stalled] = await one.timers.claim_due("p1", ["slack-post"], lease=LEASE)
    clock.advance(LEASE + timedelta(seconds=1))
    [taken] = await two.timers.claim_due("p2", ["slack-post"], lease=LEASE)
    assert (taken.id, taken.fence, taken.attempts) == (stalled.id, stalled.fence + 1, 2)
    assert not await one.timers.extend(stalled, LEASE)
    assert not await one.timers.complete(stalled)
    assert await two.timers.complete(taken)


async def test_an_abandoned_run_is_subsumed_by_a_newer_request(
    pair: tuple[Storage, Storage], clock: FixedClock
) -> None:
    one, two = pair
    await one.timers.schedule("investigate", "7", T0)
    [abandoned] = await one.timers.claim_due("dead", ["investigate"], lease=LEASE)
    await one.timers.schedule("investigate", "7", T0)
    clock.advance(LEASE + timedelta(seconds=1))
    [newer] = await two.timers.claim_due("p2", ["investigate"], lease=LEASE)
    assert newer.id != abandoned.id
    states = {t.id: t for t in await two.timers.list(kind="investigate", state="done")}
    assert abandoned.id in states


async def test_a_failed_run_is_retried_later_unless_a_newer_request_covers_it(
    pair: tuple[Storage, Storage], clock: FixedClock
) -> None:
    one, _ = pair
    await one.timers.schedule("investigate", "7", T0)
    [failed] = await one.timers.claim_due("p1", ["investigate"], lease=LEASE)
    assert await one.timers.retry(failed, T0 + timedelta(seconds=5))
    assert await one.timers.claim_due("p1", ["investigate"], lease=LEASE) == []
    clock.advance(timedelta(seconds=5))
    [again] = await one.timers.claim_due("p1", ["investigate"], lease=LEASE)
    assert (again.id, again.attempts) == (failed.id, 2)
    await one.timers.schedule("investigate", "7", T0)
    assert await one.timers.retry(again, T0 + timedelta(seconds=60))
    [pending] = await one.timers.list(kind="investigate", state="pending")
    assert pending.id != failed.id


# -- leases -------------------------------------------------------------------------------


async def test_a_lease_has_one_holder_and_a_new_fence_for_each_new_holder(
    pair: tuple[Storage, Storage], clock: FixedClock
) -> None:
    one, two = pair
    first = await one.leases.acquire("rollback:checkout", "p1", LEASE)
    assert first is not None
    assert first.fence == 1
    assert await two.leases.acquire("rollback:checkout", "p2", LEASE) is None
    renewed = await one.leases.acquire("rollback:checkout", "p1", LEASE)
    assert renewed is not None
    assert renewed.fence == 1
    clock.advance(LEASE + timedelta(seconds=1))
    second = await two.leases.acquire("rollback:checkout", "p2", LEASE)
    assert second is not None
    assert second.fence == 2
    async with one.database.write() as connection:
        assert not await one.leases.holds(connection, first)
        assert await one.leases.holds(connection, second)
    assert not await one.leases.release(first)
    assert await two.leases.release(second)
    third = await one.leases.acquire("rollback:checkout", "p1", LEASE)
    assert third is not None
    assert third.fence == 3


async def test_concurrent_acquirers_of_a_new_lease_get_one_holder(pair: tuple[Storage, Storage]) -> None:
    leases = await asyncio.gather(
        *(store.leases.acquire("scale:api", f"p{n}", LEASE) for n, store in enumerate(pair * 5))
    )
    held = [lease for lease in leases if lease is not None]
    assert len({lease.holder for lease in held}) == 1
    assert {lease.fence for lease in held} == {1}


# -- claims -------------------------------------------------------------------------------


async def test_a_claim_is_granted_once_across_processes_and_forgotten_after_retention(
    pair: tuple[Storage, Storage],
) -> None:
    one, two = pair
    results = await asyncio.gather(*(store.claims.claim("event:Ev1", T0) for store in pair * 10))
    assert results.count(True) == 1
    assert await one.claims.forget_before(T0 + timedelta(seconds=1)) == 1
    assert await two.claims.claim("event:Ev1", T0)


async def test_finished_timers_are_forgotten_after_retention(pair: tuple[Storage, Storage], clock: FixedClock) -> None:
    one, _ = pair
    await one.timers.schedule("investigate", "7", T0)
    await one.timers.schedule("investigate", "8", T0 + timedelta(hours=2))
    [done] = await one.timers.claim_due("p1", ["investigate"], lease=LEASE)
    await one.timers.complete(done)
    assert await one.timers.forget_done_before(T0) == 0
    clock.advance(timedelta(hours=1))
    assert await one.timers.forget_done_before(clock.now()) == 1
    assert [t.key for t in await one.timers.list(kind="investigate")] == ["8"]


# -- posting pace -------------------------------------------------------------------------


async def test_channel_slots_are_handed_out_one_interval_apart_across_processes(
    pair: tuple[Storage, Storage], clock: FixedClock
) -> None:
    one, two = pair
    waits = [await store.pace.reserve("#ops", 1.0) for store in (one, two, one, two)]
    assert waits == [0.0, 1.0, 2.0, 3.0]
    assert await two.pace.reserve("#other", 1.0) == 0.0
    clock.advance(timedelta(seconds=10))
    assert await one.pace.reserve("#ops", 1.0) == 0.0
