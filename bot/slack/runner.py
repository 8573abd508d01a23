"""Background work of the Slack surface: everything a request starts runs after Slack has its answer.

Slack wants every request answered within 3 s, whatever the Web API or the database do. So every
listener calls ``ack()`` first and hands its work to :meth:`BackgroundRunner.spawn`; the tasks are
tracked, their failures logged (a store outage as one line), and drained at shutdown
(:meth:`BackgroundRunner.close`). While requests are being answered (:meth:`BackgroundRunner.request`),
new work waits briefly (:data:`MAX_DEFER_SECONDS`), so the acks of a burst go out before the work
the burst started.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine, Iterator
from typing import Any

from bot.store import StoreUnavailable

log = logging.getLogger(__name__)

SHUTDOWN_GRACE_SECONDS = 10.0
#: How long background work waits for in-flight Slack requests to be answered before it starts.
MAX_DEFER_SECONDS = 0.25
Work = Coroutine[Any, Any, object]


class BackgroundRunner:
    """Tracked tasks started after the ack (see the module docstring)."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self._idle = asyncio.Event()
        self._idle.set()
        self._quiet = asyncio.Event()
        self._quiet.set()
        self._in_flight = 0

    def spawn(self, work: Work, name: str) -> None:
        """Run ``work`` after the ack, tracked so shutdown can drain it; failures are logged."""
        task = asyncio.create_task(self._guarded(work, name), name=name)
        self._tasks.add(task)
        self._idle.clear()
        task.add_done_callback(self._done)

    @contextlib.contextmanager
    def request(self) -> Iterator[None]:
        """Marks a Slack request being answered; background work waits for the answers (briefly)."""
        self._in_flight += 1
        self._quiet.clear()
        try:
            yield
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._quiet.set()

    async def wait_idle(self) -> None:
        """Return once no task is running (including tasks those tasks started)."""
        while self._tasks:
            await self._idle.wait()
            await asyncio.sleep(0)

    async def close(self, grace_seconds: float = SHUTDOWN_GRACE_SECONDS) -> None:
        """Let running tasks finish within ``grace_seconds``, then cancel the rest."""
        if self._tasks:
            _, late = await asyncio.wait(list(self._tasks), timeout=grace_seconds)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not self._tasks:
            self._idle.set()

    async def _guarded(self, work: Work, name: str) -> None:
        try:
            if not self._quiet.is_set():
                # Let the acks of a burst of requests go out before the work they started.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._quiet.wait(), MAX_DEFER_SECONDS)
            await work
        except StoreUnavailable as error:
            log.error("slack work failed: store unavailable", extra={"task": name, "error": str(error)})
        except Exception:
            log.exception("slack work failed", extra={"task": name})
