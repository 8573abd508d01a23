"""The HTTP plumbing the executors share: one lazily opened session, bounded retries.

Retries (tenacity) only for answers that say "try again" (429, 5xx) and for connection errors,
and only because every request carries its idempotency key: a retried side effect is recognised
by the other side, never applied twice.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import aiohttp
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from connectors.executors.model import ExecutorError

ATTEMPTS = 3


class RetryableAnswer(Exception):
    def __init__(self, status: int, text: str) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.text = text


class HttpClient:
    def __init__(self, name: str, timeout_seconds: float) -> None:
        self._name = name
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
    ) -> tuple[int, Any]:
        """``(status, parsed JSON or text)`` of the final answer; 429/5xx/connection errors are retried."""
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(ATTEMPTS),
                wait=wait_exponential(multiplier=0.2, max=2),
                retry=retry_if_exception_type((RetryableAnswer, aiohttp.ClientConnectionError, TimeoutError)),
                reraise=True,
            ):
                with attempt:
                    return await self._once(method, url, body, headers, params)
        except RetryableAnswer as answer:
            raise ExecutorError(self._name, f"answered HTTP {answer.status} {answer.text[:120]}") from None
        except (aiohttp.ClientError, TimeoutError) as error:
            raise ExecutorError(self._name, f"unreachable ({type(error).__name__}): outcome unknown") from None
        raise AssertionError("unreachable")  # pragma: no cover - tenacity re-raises or returns

    async def _once(
        self,
        method: str,
        url: str,
        body: bytes | None,
        headers: Mapping[str, str] | None,
        params: Mapping[str, str] | None,
    ) -> tuple[int, Any]:
        async with self._open().request(method, url, data=body, headers=headers, params=params) as response:
            text = await response.text()
            if response.status == 429 or response.status >= 500:
                raise RetryableAnswer(response.status, text)
            try:
                return response.status, json.loads(text) if text else None
            except ValueError:
                return response.status, text

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
