"""Silences through Alertmanager's v2 API (``/api/v2/silences``).

The silence matches the target's alerts by their ``service`` label, for ``params["minutes"]``
(60 by default). Before creating one, the active silences are read: one that already matches
exactly that service and lasts at least as long makes the action a ``noop``. The comment carries
the incident, the idempotency key and the fence. :meth:`undo` reads the silence first and expires
it only while it is still active (an expired one makes the undo a ``noop``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from connectors.executors._http import HttpClient
from connectors.executors.model import ExecutionRequest, ExecutionResult, ExecutorError

DEFAULT_MINUTES = 60
#: A silence ending this much earlier than asked still counts as the desired state.
TOLERANCE = timedelta(minutes=1)


class AlertmanagerSilencer:
    name = "alertmanager"

    def __init__(self, url: str, *, timeout_seconds: float = 10.0, now: Callable[[], float] = time.time) -> None:
        self._url = url.rstrip("/")
        self._now = now
        self._http = HttpClient(self.name, timeout_seconds)

    async def execute(self, request: ExecutionRequest) -> ExecutionResult:
        minutes = request.params.get("minutes", DEFAULT_MINUTES)
        if not isinstance(minutes, int) or minutes <= 0:
            raise ExecutorError(self.name, f"minutes must be a positive whole number (got {minutes!r})")
        now = datetime.fromtimestamp(self._now(), UTC)
        ends = now + timedelta(minutes=minutes)
        matchers = [{"name": "service", "value": request.target, "isRegex": False, "isEqual": True}]
        existing = await self._covering(matchers, ends)
        if existing is not None:
            return ExecutionResult("noop", f"{request.target} is already silenced (silence {existing})", existing)
        silence = {
            "matchers": matchers,
            "startsAt": _iso(now),
            "endsAt": _iso(ends),
            "createdBy": request.approved_by or request.requested_by or "opsdesk",
            "comment": (
                f"opsdesk incident {request.incident}: {request.action} "
                f"(idempotency key {request.idempotency_key}, fence {request.fence})"
            ),
        }
        status, answer = await self._http.request(
            "POST",
            f"{self._url}/api/v2/silences",
            body=json.dumps(silence).encode(),
            headers={"Content-Type": "application/json"},
        )
        if status != 200 or not isinstance(answer, dict) or "silenceID" not in answer:
            raise ExecutorError(self.name, f"silence not created: HTTP {status} {str(answer)[:120]}")
        silence_id = str(answer["silenceID"])
        return ExecutionResult(
            "done", f"silenced {request.target} for {minutes} min (silence {silence_id})", silence_id
        )

    async def undo(self, request: ExecutionRequest, reference: str) -> ExecutionResult:
        status, answer = await self._http.request("GET", f"{self._url}/api/v2/silence/{reference}")
        if status != 200 or not isinstance(answer, dict):
            raise ExecutorError(self.name, f"silence {reference} not readable: HTTP {status} {str(answer)[:120]}")
        if answer.get("status", {}).get("state") == "expired":
            return ExecutionResult("noop", f"silence {reference} on {request.target} had already ended", reference)
        status, answer = await self._http.request("DELETE", f"{self._url}/api/v2/silence/{reference}")
        if status != 200:
            raise ExecutorError(self.name, f"silence {reference} not expired: HTTP {status} {str(answer)[:120]}")
        return ExecutionResult("done", f"silence {reference} on {request.target} expired", reference)

    async def _covering(self, matchers: list[dict[str, Any]], ends: datetime) -> str | None:
        service = matchers[0]["value"]
        status, answer = await self._http.request(
            "GET", f"{self._url}/api/v2/silences", params={"filter": f'service="{service}"'}
        )
        if status != 200 or not isinstance(answer, list):
            raise ExecutorError(self.name, f"silences not readable: HTTP {status}")
        for silence in answer:
            if silence.get("status", {}).get("state") != "active":
                continue
            if [_matcher(m) for m in silence.get("matchers", [])] != [_matcher(m) for m in matchers]:
                continue
            if _parse(silence["endsAt"]) + TOLERANCE >= ends:
                return str(silence["id"])
        return None

    async def close(self) -> None:
        await self._http.close()


def _matcher(matcher: dict[str, Any]) -> tuple[str, str, bool, bool]:
    return (matcher["name"], matcher["value"], bool(matcher.get("isRegex")), bool(matcher.get("isEqual", True)))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
