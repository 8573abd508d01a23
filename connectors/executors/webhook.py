"""The signed webhook executor: one JSON POST per action to a deploy tool (Argo CD, Rundeck, AWX,
GitHub Actions, Jenkins...), in the documented body and signature format, with an
``Idempotency-Key`` header. A 2xx answer is done; ``{"status": "noop"}`` in it says the desired
state already held. Anything else is an :class:`ExecutorError`."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from connectors.executors._http import HttpClient
from connectors.executors.model import ExecutionRequest, ExecutionResult, ExecutorError
from connectors.executors.signing import signed_headers


class WebhookExecutor:
    name = "webhook"

    def __init__(
        self, url: str, secret: str, *, timeout_seconds: float = 10.0, now: Callable[[], float] = time.time
    ) -> None:
        if not secret:
            raise ExecutorError(self.name, "no signing secret")
        self._url = url
        self._secret = secret
        self._now = now
        self._http = HttpClient(self.name, timeout_seconds)

    def signed(self, request: ExecutionRequest) -> tuple[bytes, dict[str, str]]:
        body = json.dumps(request.payload(), separators=(",", ":"), sort_keys=True).encode()
        headers = {
            "Content-Type": "application/json",
            "Idempotency-Key": request.idempotency_key,
            **signed_headers(self._secret, int(self._now()), body),
        }
        return body, headers

    async def execute(self, request: ExecutionRequest) -> ExecutionResult:
        body, headers = self.signed(request)
        status, answer = await self._http.request("POST", self._url, body=body, headers=headers)
        if not 200 <= status < 300:
            shown = answer if isinstance(answer, str) else json.dumps(answer)
            raise ExecutorError(self.name, f"refused with HTTP {status}: {(shown or '')[:120]}")
        noop = isinstance(answer, dict) and answer.get("status") == "noop"
        return ExecutionResult(
            outcome="noop" if noop else "done",
            detail=f"{request.action} on {request.target}: HTTP {status}",
            reference=request.idempotency_key,
        )

    async def close(self) -> None:
        await self._http.close()
