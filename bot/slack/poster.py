"""Per-channel posting queue: about one message per second per channel, successive edits coalesced.

Slack allows roughly one ``chat.postMessage`` per second per channel and rate-limits bursts
beyond it with 429. During an alert storm opsdesk would otherwise post and edit the same channel
dozens of times a second, so every write to a channel goes through that channel's queue:

* one worker per busy channel sends at most one call per ``interval`` seconds;
* an ``chat.update`` of a message that already has an edit waiting in the queue replaces that
  edit (the message is rebuilt whole each time, so only the last one matters); all callers get
  the one answer;
* a new incident's message can go ahead of waiting edits and thread replies (``first``);
* with a ``pace`` (the store's :meth:`~bot.store.pace.PaceRepository.reserve`), each call also
  takes the channel's next slot shared by every process, so replicas together keep the pace; when
  the store cannot be asked, the process's own pacing still holds;
* 429 and 5xx are retried inside :class:`slack_sdk.web.async_client.AsyncWebClient` by the retry
  handlers given to it (:func:`bot.slack.client.retry_handlers`), so a call here returns only once
  it succeeded or failed for good.

The clock and sleep are injected so tests check the pacing without waiting. Written here because
neither slack-sdk nor Bolt queue per channel; the retries are slack-sdk's.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
#: ``reserve(channel, interval)``: seconds until the channel's next shared slot, which it takes.
Pace = Callable[[str, float], Awaitable[float]]
DEFAULT_INTERVAL_SECONDS = 1.0


@dataclass
class _Job:
    method: str
    kwargs: dict[str, Any]
    futures: list[asyncio.Future[dict[str, Any]]] = field(default_factory=list)
    first: bool = False
    key: str | None = None


@dataclass
class SentCall:
    """One call as the queue sent it (for tests and the benchmark)."""

    channel: str
    method: str
    at: float


class Poster:
    """Paced, coalescing writes to Slack channels (see the module docstring)."""

    def __init__(
        self,
        client: AsyncWebClient,
        *,
        interval: float = DEFAULT_INTERVAL_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        keep_log: int = 10_000,
        pace: Pace | None = None,
    ) -> None:
        self._client = client
        self._interval = interval
        self._monotonic = monotonic
        self._sleep = sleep
        self._pace = pace
        self._queues: dict[str, deque[_Job]] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._last_sent: dict[str, float] = {}
        self.sent: deque[SentCall] = deque(maxlen=keep_log)
        self.coalesced = 0

    @property
    def waiting(self) -> int:
        """Calls queued in this process and not yet sent, across channels."""
        return sum(len(queue) for queue in self._queues.values())

    async def post(
        self, channel: str, *, first: bool = False, coalesce_key: str | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        """``chat.postMessage`` to ``channel`` in its turn; returns Slack's answer or raises SlackApiError.

        ``first`` puts it ahead of the edits and thread replies waiting for the channel (behind
        other ``first`` posts): a new incident's message is not held up by the chatter of others.
        ``coalesce_key``: a waiting post with the same key is replaced by this one (its text
        must then say everything the replaced one said).
        """
        job = _Job("chat.postMessage", {"channel": channel, **kwargs}, first=first, key=coalesce_key)
        return await self._enqueue(channel, job)

    async def update(self, channel: str, ts: str, **kwargs: Any) -> dict[str, Any]:
        """``chat.update`` of message ``ts``; coalesced with an edit of the same message still waiting."""
        job = _Job("chat.update", {"channel": channel, "ts": ts, **kwargs}, key=f"chat.update:{ts}")
        return await self._enqueue(channel, job)

    async def close(self, grace_seconds: float = 10.0) -> None:
        """Let queued calls go out within ``grace_seconds``, then cancel the rest."""
        workers = list(self._workers.values())
        if not workers:
            return
        _, late = await asyncio.wait(workers, timeout=grace_seconds)
        for task in late:
            task.cancel()
        for task in late:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _enqueue(self, channel: str, job: _Job) -> dict[str, Any]:
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        queue = self._queues.setdefault(channel, deque())
        waiting = next((w for w in queue if job.key is not None and w.key == job.key), None)
        if waiting is not None:
            waiting.kwargs = job.kwargs
            waiting.futures.append(future)
            self.coalesced += 1
            return await future
        job.futures.append(future)
        if job.first:
            position = next((i for i, waiting in enumerate(queue) if not waiting.first), len(queue))
            queue.insert(position, job)
        else:
            queue.append(job)
        if channel not in self._workers:
            self._workers[channel] = asyncio.create_task(self._drain(channel), name=f"slack-poster-{channel}")
        return await future

    async def _shared_slot(self, channel: str) -> None:
        if self._pace is None or self._interval <= 0:
            return
        try:
            wait = await self._pace(channel, self._interval)
        except Exception as error:  # the store is down: this process's own pacing still holds
            log.warning("shared posting slot not taken", extra={"channel": channel, "error": str(error)})
            return
        if wait > 0:
            await self._sleep(wait)

    async def _drain(self, channel: str) -> None:
        queue = self._queues[channel]
        try:
            while queue:
                last = self._last_sent.get(channel)
                if last is not None:
                    wait = last + self._interval - self._monotonic()
                    if wait > 0:
                        await self._sleep(wait)
                await self._shared_slot(channel)
                job = queue.popleft()
                self._last_sent[channel] = self._monotonic()
                self.sent.append(SentCall(channel, job.method, self._last_sent[channel]))
                try:
                    response = await self._client.api_call(job.method, json=job.kwargs)
                    result: dict[str, Any] = dict(response.data) if isinstance(response.data, dict) else {}
                except Exception as error:
                    for future in job.futures:
                        if not future.done():
                            future.set_exception(error)
                else:
                    for future in job.futures:
                        if not future.done():
                            future.set_result(result)
        finally:
            self._workers.pop(channel, None)
            while queue:  # only when cancelled with work left
                for future in queue.popleft().futures:
                    future.cancel()
            self._queues.pop(channel, None)
