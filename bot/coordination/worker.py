"""Runs durable timers in this process: claim what is due, run it under a lease, close it.

One worker per process serves every timer kind registered with it. It wakes when this process
schedules work (:meth:`TimerWorker.wake`), when the next known timer falls due, and at least
every ``poll_seconds`` to pick up work that another process scheduled or abandoned. While a
handler runs, its lease is extended every third of the lease, so a live process keeps its work
and a dead one loses it after one lease. A handler that raises is logged and its timer retried
after ``retry_seconds``; a handler that finishes closes its timer. Finished timers are deleted a
day later.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.store.records import StoreUnavailable
from bot.store.timers import Timer, TimerRepository

log = logging.getLogger(__name__)

TimerHandler = Callable[[Timer], Awaitable[None]]
Sleep = Callable[[float], Awaitable[None]]

DEFAULT_LEASE = timedelta(seconds=30)
DEFAULT_POLL_SECONDS = 1.0
DEFAULT_RETRY_SECONDS = 5.0
#: Timers run at once by one process; more wait for the next claim.
DEFAULT_CONCURRENCY = 16
#: A lease is extended this many times per lease period while its handler runs.
HEARTBEATS_PER_LEASE = 3
#: Finished timers are kept this long (to look into what ran), then deleted about this often.
DONE_RETENTION = timedelta(days=1)
FORGET_EVERY = timedelta(hours=1)


async def sleep_or_nudge(sleep: Sleep, seconds: float, nudged: asyncio.Event) -> None:
    """Wait ``seconds`` (through ``sleep``, which tests replace), or less if ``nudged`` is set."""
    sleeper = asyncio.ensure_future(sleep(seconds))
    nudge = asyncio.ensure_future(nudged.wait())
    try:
        await asyncio.wait({sleeper, nudge}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in (sleeper, nudge):
            waiter.cancel()
        await asyncio.gather(sleeper, nudge, return_exceptions=True)


class TimerWorker:
    def __init__(
        self,
        timers: TimerRepository,
        clock: Clock,
        *,
        holder: str,
        lease: timedelta = DEFAULT_LEASE,
        poll_seconds: float = DEFAULT_POLL_SECONDS,
        retry_seconds: float = DEFAULT_RETRY_SECONDS,
        concurrency: int = DEFAULT_CONCURRENCY,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._timers = timers
        self._clock = clock
        self.holder = holder
        self._lease = lease
        self._poll = poll_seconds
        self._retry = timedelta(seconds=retry_seconds)
        self._concurrency = concurrency
        self._sleep = sleep
        self._handlers: dict[str, TimerHandler] = {}
        self._deadlines: set[str] = set()
        self._running: dict[int, asyncio.Task[None]] = {}
        self._nudged = asyncio.Event()
        self._idle = asyncio.Event()
        self._caught_up = asyncio.Event()
        self._loop: asyncio.Task[None] | None = None
        self._closed = False
        self._forgot_at: datetime | None = None
        self._wakes = 0

    def register(self, kind: str, handler: TimerHandler, *, deadline: bool = False) -> None:
        """Run ``handler`` for due timers of ``kind``. A ``deadline`` kind is a watch set far ahead
        (close a conversation left for days), not work in progress: :meth:`wait_idle` waits for
        it only once it is due."""
        if kind in self._handlers:
            raise ValueError(f"timer kind {kind!r} already has a handler")
        self._handlers[kind] = handler
        if deadline:
            self._deadlines.add(kind)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The timer kinds this worker runs."""
        return tuple(self._handlers)

    @property
    def running(self) -> tuple[str, ...]:
        """``kind:key`` of the timers this process is running now."""
        return tuple(sorted(task.get_name() for task in self._running.values()))

    def start(self) -> None:
        if self._loop is None and not self._closed:
            self._loop = asyncio.create_task(self._run(), name="timer-worker")

    def wake(self) -> None:
        """Something was scheduled: look for due work now instead of at the next poll."""
        self._wakes += 1
        self._idle.clear()
        self._caught_up.clear()
        self._nudged.set()

    async def wait_idle(self) -> None:
        """Return once no timer of this worker's kinds is pending or running, in any process
        (deadline kinds only once due)."""
        self.wake()
        await self._idle.wait()

    async def wait_caught_up(self) -> None:
        """Return once no timer of this worker's kinds is due by now and unclaimed, nor running in
        this process (timers due later, or running in another process, may still be there)."""
        self.wake()
        await self._caught_up.wait()

    async def close(self, grace_seconds: float = 10.0) -> None:
        """Stop claiming, let running handlers finish within ``grace_seconds``, cancel the rest.

        A cancelled handler's timer stays claimed until its lease lapses, then runs again
        (here after a restart, or in another process).
        """
        self._closed = True
        if self._loop is not None:
            self._loop.cancel()
            await asyncio.gather(self._loop, return_exceptions=True)
        tasks = list(self._running.values())
        if tasks:
            _, late = await asyncio.wait(tasks, timeout=grace_seconds)
            for task in late:
                task.cancel()
            if late:
                log.warning("timers cancelled at shutdown", extra={"count": len(late)})
                await asyncio.gather(*late, return_exceptions=True)
        self._idle.set()
        self._caught_up.set()

    async def _run(self) -> None:
        while not self._closed:
            self._nudged.clear()
            try:
                delay = await self._claim_and_start()
            except StoreUnavailable as error:
                log.warning("timers not claimed: store unavailable", extra={"error": str(error)})
                delay = self._poll
            except Exception:
                log.exception("timer worker failed; retrying")
                delay = self._poll
            if delay <= 0:
                continue
            await self._pause(delay)

    async def _claim_and_start(self) -> float:
        """Claim and start due timers; returns how long to wait before looking again."""
        await self._forget_old()
        wakes = self._wakes  # a wake during this scan may follow work the scan did not see
        kinds = list(self._handlers)
        room = self._concurrency - len(self._running)
        claimed = await self._timers.claim_due(self.holder, kinds, lease=self._lease, limit=room) if room > 0 else []
        for timer in claimed:
            task = asyncio.create_task(self._execute(timer), name=f"{timer.kind}:{timer.key}")
            self._running[timer.id] = task
        wake_at = await self._timers.next_wake(kinds)
        settled = not self._running and wakes == self._wakes
        caught_up = wake_at is None or wake_at > self._clock.now()
        if settled and caught_up:
            self._caught_up.set()
            if wake_at is None or await self._no_work_pending(kinds):
                self._idle.set()
        if claimed and len(claimed) == room:
            return 0.0
        if wake_at is None:
            return self._poll
        until = (wake_at - self._clock.now()).total_seconds()
        # Due but not claimed: its key is busy (here or elsewhere); a finishing handler nudges.
        return self._poll if until <= 0 else min(until, self._poll)

    async def _no_work_pending(self, kinds: list[str]) -> bool:
        """Nothing but deadlines (due later) is pending: the timers due now are done already."""
        work = [kind for kind in kinds if kind not in self._deadlines]
        return len(work) < len(kinds) and (not work or await self._timers.next_wake(work) is None)

    async def _forget_old(self) -> None:
        now = self._clock.now()
        if self._forgot_at is not None and now - self._forgot_at < FORGET_EVERY:
            return
        self._forgot_at = now
        forgotten = await self._timers.forget_done_before(now - DONE_RETENTION)
        if forgotten:
            log.info("finished timers forgotten", extra={"count": forgotten})

    async def _pause(self, seconds: float) -> None:
        await sleep_or_nudge(self._sleep, seconds, self._nudged)

    async def _execute(self, timer: Timer) -> None:
        heartbeat = asyncio.create_task(self._keep_lease(timer), name=f"lease:{timer.kind}:{timer.key}")
        try:
            await self._handlers[timer.kind](timer)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("timer handler failed", extra={"kind": timer.kind, "key": timer.key})
            await self._close_safely(self._timers.retry(timer, self._clock.now() + self._retry), timer)
        else:
            await self._close_safely(self._timers.complete(timer), timer)
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat
            self._running.pop(timer.id, None)
            self.wake()

    async def _close_safely(self, closing: Awaitable[bool], timer: Timer) -> None:
        try:
            if not await closing:
                log.warning("timer was taken over before it finished", extra={"kind": timer.kind, "key": timer.key})
        except StoreUnavailable as error:
            log.warning("timer not closed: store unavailable", extra={"key": timer.key, "error": str(error)})

    async def _keep_lease(self, timer: Timer) -> None:
        interval = self._lease.total_seconds() / HEARTBEATS_PER_LEASE
        while True:
            await asyncio.sleep(interval)
            try:
                if not await self._timers.extend(timer, self._lease):
                    log.warning("timer lease lost", extra={"kind": timer.kind, "key": timer.key})
                    return
            except StoreUnavailable as error:
                log.warning("timer lease not extended", extra={"key": timer.key, "error": str(error)})
