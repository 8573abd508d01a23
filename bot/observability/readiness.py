"""``/readyz``: named checks of what the bot needs to do its job, each bounded by a timeout.

A :class:`Readiness` holds checks by name (``database``, ``slack``, ``rag``); the composition root
adds the ones the configuration calls for, and anything else (a start-up probe, a circuit that
opened) can add its own or feed one it shares, such as :class:`SlackAuth`. The process is ready
when every check passes; the answer names each check and why it failed, and the
``opsdesk_ready{check}`` gauge keeps the last result for alerting.

A check is an ``async`` callable returning a :class:`CheckResult`; one that raises or takes longer
than the timeout counts as failed with that reason, so a hanging dependency cannot hang the probe.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.clock import Clock
from bot.store import Database, StoreUnavailable

if TYPE_CHECKING:
    from prometheus_client import Gauge
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.observability.slack import SlackHealth
    from retrieval.store import Store as KnowledgeStore

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    detail: str = ""
    degraded: bool = False
    """Passing, but in trouble that does not stop the bot's work (Slack failing while posts wait)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            **({"detail": self.detail} if self.detail else {}),
            **({"degraded": True} if self.degraded else {}),
        }


Check = Callable[[], Awaitable[CheckResult]]


class Readiness:
    def __init__(self, gauge: Gauge | None = None, *, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        self._checks: dict[str, Check] = {}
        self._gauge = gauge
        self._timeout = timeout_seconds

    def add(self, name: str, check: Check) -> None:
        if name in self._checks:
            raise ValueError(f"readiness check {name!r} is already registered")
        self._checks[name] = check

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._checks)

    async def evaluate(self) -> dict[str, CheckResult]:
        """Every check's result, run concurrently."""
        names = list(self._checks)
        results = await asyncio.gather(*(self._run(name) for name in names))
        outcome = dict(zip(names, results, strict=True))
        if self._gauge is not None:
            for name, result in outcome.items():
                self._gauge.labels(check=name).set(1 if result.ok else 0)
        return outcome

    async def _run(self, name: str) -> CheckResult:
        try:
            return await asyncio.wait_for(self._checks[name](), self._timeout)
        except TimeoutError:
            return CheckResult(False, f"no answer within {self._timeout:g} s")
        except Exception as error:  # a broken check is a failed check, never a failed probe
            log.warning("readiness check failed", extra={"check": name, "error": repr(error)})
            return CheckResult(False, f"{type(error).__name__}: {error}"[:300])


def database_check(database: Database) -> Check:
    async def check() -> CheckResult:
        try:
            await database.ping()
        except StoreUnavailable as error:
            return CheckResult(False, str(error))
        return CheckResult(True)

    return check


def knowledge_check(store: KnowledgeStore) -> Check:
    """The RAG store answers: the chroma server's heartbeat, or the embedded index opens.

    Without an index the bot works (posts cite no runbook sections): ready, and it says so.
    """

    async def check() -> CheckResult:
        from retrieval.errors import RetrievalError

        if not store.has_index():
            return CheckResult(True, "no runbook index (run opsdesk index)")
        try:
            await asyncio.to_thread(store.vectors.heartbeat)
        except RetrievalError as error:
            return CheckResult(False, str(error))
        return CheckResult(True)

    return check


class SlackAuth:
    """Whether Slack accepts the bot token, as :class:`~bot.observability.slack.SlackHealth` saw it.

    ``auth.test`` is asked at most once per ``ttl_seconds`` (its answer reaches the health through
    the observed client); any other call's answer counts too. A refused token fails the check; Slack
    failing (5xx, timeouts) passes it as degraded: posts wait as durable timers and intake goes on,
    so taking the replica out of service would only stop intake.
    """

    def __init__(self, client: AsyncWebClient, health: SlackHealth, clock: Clock, *, ttl_seconds: float = 30.0) -> None:
        self._client = client
        self._health = health
        self._clock = clock
        self._ttl = ttl_seconds
        self._asked: float | None = None
        self._lock = asyncio.Lock()

    async def check(self) -> CheckResult:
        async with self._lock:
            now = self._clock.now().timestamp()
            if self._asked is None or now - self._asked >= self._ttl:
                self._asked = now
                with contextlib.suppress(Exception):  # the outcome is in the health either way
                    await self._client.auth_test()
        problem = self._health.problem()
        if problem is None:
            return CheckResult(True)
        fatal, reason = problem
        return CheckResult(False, reason) if fatal else CheckResult(True, reason, degraded=True)
