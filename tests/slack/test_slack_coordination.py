"""What happens once or one at a time (:class:`bot.slack.coordination.Coordination`, over a real
store, two ``Storage`` objects standing in for two processes), and the background work after the
ack (:class:`bot.slack.runner.BackgroundRunner`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.slack.coordination import DELIVERY_RETENTION, PURGE_EVERY, Coordination
from bot.slack.runner import BackgroundRunner
from bot.store import Storage, StoreUnavailable
from tests.intake_fixtures import T0


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Storage]:
    store = await Storage.open(f"sqlite+aiosqlite:///{tmp_path / 'slack.db'}", clock=FixedClock(T0))
    yield store
    await store.close()


async def test_a_delivery_is_claimed_once(store: Storage) -> None:
    coordination = Coordination(store, FixedClock(T0), "p1")
    assert await coordination.claim_delivery("action:UALICE:incident-ack:1.1")
    assert not await coordination.claim_delivery("action:UALICE:incident-ack:1.1")
    assert await coordination.claim_delivery("action:UALICE:incident-ack:1.2")


async def test_delivery_keys_are_forgotten_after_a_day_about_hourly(store: Storage) -> None:
    clock = FixedClock(T0)
    coordination = Coordination(store, clock, "p1")
    assert await coordination.claim_delivery("event:Ev1")  # purges (nothing) at T0
    clock.advance(timedelta(minutes=30))
    assert await coordination.claim_delivery("event:Ev2")
    clock.advance(DELIVERY_RETENTION - timedelta(minutes=20))  # T0 + 1 day 10 min: purges what is a day old
    assert await coordination.claim_delivery("event:Ev1")  # forgotten, so new again
    assert not await coordination.claim_delivery("event:Ev2")  # not a day old yet
    clock.advance(timedelta(minutes=30))  # Ev2 is a day old now, but the last purge was 30 min ago
    assert not await coordination.claim_delivery("event:Ev2")
    clock.advance(PURGE_EVERY - timedelta(minutes=30))
    assert await coordination.claim_delivery("event:Ev2")


async def test_the_incident_lock_is_held_one_at_a_time_per_incident_across_processes(
    store: Storage, tmp_path: Path
) -> None:
    other = await Storage.open(f"sqlite+aiosqlite:///{tmp_path / 'slack.db'}", clock=FixedClock(T0))
    coordination = Coordination(store, FixedClock(T0), "p1", retry_seconds=0.001)
    elsewhere = Coordination(other, FixedClock(T0), "p2", retry_seconds=0.001)
    order: list[str] = []
    held, release = asyncio.Event(), asyncio.Event()

    async def first() -> None:
        async with coordination.incident_lock(1):
            held.set()
            await release.wait()
            order.append("first")

    async def second() -> None:
        async with elsewhere.incident_lock(1):
            order.append("second")

    tasks = [asyncio.create_task(first())]
    await held.wait()
    tasks.append(asyncio.create_task(second()))
    async with coordination.incident_lock(2):  # another incident is not held up
        order.append("other")
    release.set()
    await asyncio.gather(*tasks)
    assert order == ["other", "first", "second"]
    await other.close()


# -- background work -----------------------------------------------------------------------


async def test_wait_idle_returns_once_the_work_and_the_work_it_started_are_done() -> None:
    runner = BackgroundRunner()
    done: list[str] = []

    async def child() -> None:
        done.append("child")

    async def parent() -> None:
        runner.spawn(child(), "child")
        done.append("parent")

    runner.spawn(parent(), "parent")
    await runner.wait_idle()
    assert done == ["parent", "child"]


async def test_failed_work_is_logged_never_raised(caplog: pytest.LogCaptureFixture) -> None:
    runner = BackgroundRunner()

    async def broken() -> None:
        raise ValueError("bug")

    async def no_database() -> None:
        raise StoreUnavailable("database is down")

    runner.spawn(broken(), "broken")
    runner.spawn(no_database(), "no-database")
    await runner.wait_idle()
    messages = {(r.getMessage(), getattr(r, "task", None)) for r in caplog.records}
    assert ("slack work failed", "broken") in messages
    assert ("slack work failed: store unavailable", "no-database") in messages


async def test_work_started_during_a_request_waits_for_its_answer() -> None:
    runner = BackgroundRunner()
    started = asyncio.Event()

    async def work() -> None:
        started.set()

    with runner.request():
        runner.spawn(work(), "work")
        for _ in range(5):
            await asyncio.sleep(0)  # let the task run as far as it can
        assert not started.is_set()
    await runner.wait_idle()
    assert started.is_set()


async def test_close_cancels_what_outlives_the_grace_period() -> None:
    runner = BackgroundRunner()
    forever = asyncio.Event()
    runner.spawn(forever.wait(), "forever")
    await runner.close(grace_seconds=0)
    await runner.wait_idle()
