"""The timer worker over a real store: runs what is due once, retries what failed, waits for nothing else."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.coordination import TimerWorker
from bot.store import Storage, Timer
from tests.intake_fixtures import T0


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
async def storage(tmp_path: Path, clock: FixedClock) -> AsyncIterator[Storage]:
    opened = await Storage.open(f"sqlite+aiosqlite:///{tmp_path / 'timers.db'}", clock=clock)
    yield opened
    await opened.close()


@pytest.fixture
async def worker(storage: Storage, clock: FixedClock) -> AsyncIterator[TimerWorker]:
    running = TimerWorker(storage.timers, clock, holder="test", retry_seconds=5)
    yield running
    await running.close(grace_seconds=0)


async def test_due_work_runs_once_and_future_work_waits_for_its_time(
    storage: Storage, worker: TimerWorker, clock: FixedClock
) -> None:
    ran: list[str] = []
    first = asyncio.Event()

    async def handle(timer: Timer) -> None:
        ran.append(timer.key)
        first.set()

    worker.register("job", handle)
    worker.start()
    await storage.timers.schedule("job", "now", T0)
    await storage.timers.schedule("job", "later", T0 + timedelta(minutes=1))
    worker.wake()
    await first.wait()
    [later] = await storage.timers.list(kind="job", state="pending")
    assert (ran, later.key) == (["now"], "later")
    clock.advance(timedelta(minutes=1))
    await worker.wait_idle()
    assert ran == ["now", "later"]


async def test_a_failing_handler_is_retried_after_the_retry_delay(
    storage: Storage, worker: TimerWorker, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    attempts: list[int] = []
    failed = asyncio.Event()

    async def flaky(timer: Timer) -> None:
        attempts.append(timer.attempts)
        if len(attempts) == 1:
            failed.set()
            raise RuntimeError("first time unlucky")

    worker.register("job", flaky)
    worker.start()
    await storage.timers.schedule("job", "1", T0)
    worker.wake()
    await failed.wait()
    assert "timer handler failed" in caplog.text
    clock.advance(timedelta(seconds=5))
    await worker.wait_idle()
    assert attempts == [1, 2]


def test_a_kind_has_one_handler(worker: TimerWorker) -> None:
    async def handle(timer: Timer) -> None:
        return None

    worker.register("job", handle)
    with pytest.raises(ValueError, match="already has a handler"):
        worker.register("job", handle)
