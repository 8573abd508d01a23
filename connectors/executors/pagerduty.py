"""Paging on-call through PagerDuty's Events API v2 (``POST /v2/enqueue``).

A ``trigger`` event whose ``dedup_key`` is the idempotency key: PagerDuty folds repeats of it into
one alert, so a retry or a second process never pages twice. The answer is 202 with
``{"status": "success", "dedup_key": ...}``; 400 (``invalid event``) is refused, 429 and 5xx are
retried. PagerDuty offers no way to read state through this API, so there is no ``noop``.
:meth:`undo` sends ``resolve`` for the same ``dedup_key``, which closes the page it opened.
"""

from __future__ import annotations

import json

from connectors.executors._http import HttpClient
from connectors.executors.model import ExecutionRequest, ExecutionResult, ExecutorError

SEVERITIES = ("critical", "error", "warning", "info")


class PagerDutyPager:
    name = "pagerduty"

    def __init__(
        self, routing_key: str, *, url: str = "https://events.pagerduty.com", timeout_seconds: float = 10.0
    ) -> None:
        if not routing_key:
            raise ExecutorError(self.name, "no routing key")
        self._routing_key = routing_key
        self._url = url.rstrip("/")
        self._http = HttpClient(self.name, timeout_seconds)

    def event(self, request: ExecutionRequest) -> dict[str, object]:
        severity = request.params.get("severity", "critical")
        return {
            "routing_key": self._routing_key,
            "event_action": "trigger",
            "dedup_key": request.idempotency_key,
            "payload": {
                "summary": f"opsdesk incident {request.incident}: {request.action} for {request.target}"[:1024],
                "source": request.target,
                "severity": severity if severity in SEVERITIES else "critical",
                "component": request.target,
                "custom_details": {**request.payload(), "params": dict(request.params)},
            },
            "client": "opsdesk",
        }

    async def execute(self, request: ExecutionRequest) -> ExecutionResult:
        answer = await self._enqueue(self.event(request))
        dedup_key = str(answer.get("dedup_key") or request.idempotency_key)
        return ExecutionResult("done", f"paged on-call for {request.target} (dedup key {dedup_key})", dedup_key)

    async def undo(self, request: ExecutionRequest, reference: str) -> ExecutionResult:
        await self._enqueue({"routing_key": self._routing_key, "event_action": "resolve", "dedup_key": reference})
        return ExecutionResult("done", f"page for {request.target} resolved (dedup key {reference})", reference)

    async def _enqueue(self, event: dict[str, object]) -> dict[str, object]:
        status, answer = await self._http.request(
            "POST",
            f"{self._url}/v2/enqueue",
            body=json.dumps(event).encode(),
            headers={"Content-Type": "application/json"},
        )
        if status != 202 or not isinstance(answer, dict) or answer.get("status") != "success":
            reason = answer.get("message") if isinstance(answer, dict) else answer
            raise ExecutorError(self.name, f"event refused: HTTP {status} {str(reason)[:120]}")
        return answer

    async def close(self) -> None:
        await self._http.close()
