"""The HTTP plumbing the ticket connectors share: one lazily opened session, basic auth, outcomes.

Reads (GET, and searches that change nothing) are retried on 429/5xx and connection errors.
Writes are sent once: neither Jira nor ServiceNow recognises a repeated create, so a write that
failed on the way is reported as such (:class:`WriteFailed`) and the connector decides what can
be said about its outcome, usually by looking for what the write would have made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aiohttp
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from connectors.tickets.model import TicketError

READ_ATTEMPTS = 3


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any  # parsed JSON, or the text when it was not JSON

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class _Retryable(Exception):
    def __init__(self, answer: Answer) -> None:
        super().__init__(f"HTTP {answer.status}")
        self.answer = answer


class WriteFailed(Exception):
    """A write whose answer never came (``answer`` None) or said the server failed (5xx/429)."""

    def __init__(self, answer: Answer | None, reason: str) -> None:
        super().__init__(reason)
        self.answer = answer
        self.reason = reason


class TicketHttp:
    def __init__(self, system: str, base_url: str, user: str, token: str, timeout_seconds: float) -> None:
        self.system = system
        self._base = base_url.rstrip("/")
        self._authorization = aiohttp.encode_basic_auth(user, token)
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    @property
    def base_url(self) -> str:
        return self._base

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=self._timeout,
                headers={"Accept": "application/json", "Authorization": self._authorization},
            )
        return self._session

    async def read(
        self, method: str, path: str, *, json_body: Any = None, params: dict[str, str] | None = None
    ) -> Answer:
        """An answer that changes nothing on the server; 429/5xx/connection errors are retried."""
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(READ_ATTEMPTS),
                wait=wait_exponential(multiplier=0.1, max=1),
                retry=retry_if_exception_type((_Retryable, aiohttp.ClientConnectionError, TimeoutError)),
                reraise=True,
            ):
                with attempt:
                    answer = await self._once(method, path, json_body, params)
                    if answer.status == 429 or answer.status >= 500:
                        raise _Retryable(answer)
                    return answer
        except _Retryable as failed:
            raise TicketError(self.system, f"{method} {path} answered {describe(failed.answer)}") from None
        except (aiohttp.ClientError, TimeoutError) as error:
            raise TicketError(self.system, f"{method} {path} unreachable ({type(error).__name__})") from None
        raise AssertionError("unreachable")  # pragma: no cover - tenacity re-raises or returns

    async def write(self, method: str, path: str, *, json_body: Any = None) -> Answer:
        """One attempt; :class:`WriteFailed` when the server failed or never answered."""
        try:
            answer = await self._once(method, path, json_body, None)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise WriteFailed(None, f"no answer ({type(error).__name__})") from None
        if answer.status == 429 or answer.status >= 500:
            raise WriteFailed(answer, f"answered {describe(answer)}")
        return answer

    async def _once(self, method: str, path: str, json_body: Any, params: dict[str, str] | None) -> Answer:
        async with self._open().request(method, self._base + path, json=json_body, params=params) as response:
            text = await response.text()
            try:
                return Answer(response.status, json.loads(text) if text else None)
            except ValueError:
                return Answer(response.status, text)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


def describe(answer: Answer) -> str:
    """``HTTP 400 (summary: is required)``: the status and the first thing the body says is wrong."""
    detail = error_detail(answer.body)
    return f"HTTP {answer.status}" + (f" ({detail[:200]})" if detail else "")


def error_detail(body: Any) -> str:
    """The reason in a Jira (``errorMessages``/``errors``) or ServiceNow (``error``) error body."""
    if isinstance(body, dict):
        messages = body.get("errorMessages")
        errors = body.get("errors")
        parts: list[str] = []
        if isinstance(messages, list):
            parts.extend(str(message) for message in messages)
        if isinstance(errors, dict):
            parts.extend(f"{field}: {message}" for field, message in errors.items())
        error = body.get("error")
        if isinstance(error, dict):
            parts.extend(str(error[part]) for part in ("message", "detail") if error.get(part))
        return "; ".join(parts)
    if isinstance(body, str):
        return " ".join(body.split())[:200]
    return ""
