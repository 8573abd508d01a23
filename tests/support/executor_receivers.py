"""Local HTTP servers on the other side of the executors.

* :class:`WebhookReceiver` checks the signed-webhook format exactly as a receiver must (its own
  HMAC, the 300 s window), refuses stale fencing tokens per target, and counts executions per
  idempotency key, so a test can prove "exactly once".
* :class:`PagerDutyEvents` speaks PagerDuty's Events API v2 (``POST /v2/enqueue``): 202 with
  ``{"status": "success", "message": "Event processed", "dedup_key"}``, 400 ``invalid event``
  with ``errors`` for a bad body, and repeats of a ``dedup_key`` folded into one alert.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections import Counter
from typing import Any

from aiohttp import web

EVENT_ACTIONS = ("trigger", "acknowledge", "resolve")


class WebhookReceiver:
    def __init__(self, secret: str, *, fail_first: int = 0) -> None:
        self.secret = secret
        self.executions: Counter[str] = Counter()
        self.bodies: list[dict[str, Any]] = []
        self.refusals: list[str] = []
        self.highest_fence: dict[str, int] = {}
        self._fail_first = fail_first
        self.app = web.Application()
        self.app.router.add_post("/hooks/opsdesk", self._receive)

    async def _receive(self, request: web.Request) -> web.Response:
        body = await request.read()
        stamp = request.headers.get("X-Opsdesk-Timestamp", "")
        given = request.headers.get("X-Opsdesk-Signature", "")
        expected = "sha256=" + hmac.new(self.secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        if not stamp.isdigit() or abs(time.time() - int(stamp)) > 300 or not hmac.compare_digest(given, expected):
            self.refusals.append("signature")
            return web.json_response({"error": "bad signature"}, status=401)
        data = json.loads(body)
        if request.headers.get("Idempotency-Key") != data["idempotency_key"]:
            self.refusals.append("idempotency-key header")
            return web.json_response({"error": "Idempotency-Key header differs from the body"}, status=400)
        if self._fail_first > 0:
            self._fail_first -= 1
            return web.json_response({"error": "try again"}, status=503)
        if data["fence"] < self.highest_fence.get(data["target"], 0):
            self.refusals.append("stale fence")
            return web.json_response({"error": "stale fencing token"}, status=409)
        self.highest_fence[data["target"]] = data["fence"]
        self.bodies.append(data)
        first = data["idempotency_key"] not in self.executions
        self.executions[data["idempotency_key"]] += 1
        return web.json_response({"status": "done" if first else "noop"})


class PagerDutyEvents:
    def __init__(self, routing_key: str) -> None:
        self.routing_key = routing_key
        self.alerts: dict[str, dict[str, Any]] = {}
        #: Open or resolved, by dedup key, as PagerDuty's incident list would show them.
        self.status: dict[str, str] = {}
        self.events: list[dict[str, Any]] = []
        self.app = web.Application()
        self.app.router.add_post("/v2/enqueue", self._enqueue)

    async def _enqueue(self, request: web.Request) -> web.Response:
        try:
            event = await request.json()
        except ValueError:
            return self._invalid("Event object is invalid", "body is not JSON")
        errors = []
        if event.get("routing_key") != self.routing_key:
            errors.append("'routing_key' is invalid")
        if event.get("event_action") not in EVENT_ACTIONS:
            errors.append("'event_action' is missing or blank")
        payload = event.get("payload") or {}
        for required in ("summary", "source", "severity"):
            if event.get("event_action") == "trigger" and not payload.get(required):
                errors.append(f"'payload.{required}' is missing or blank")
        if errors:
            return self._invalid("Event object is invalid", *errors)
        self.events.append(event)
        dedup_key = event.get("dedup_key") or hashlib.md5(json.dumps(event).encode()).hexdigest()
        if event["event_action"] == "trigger":
            self.alerts.setdefault(dedup_key, event)
            self.status[dedup_key] = "triggered"
        elif dedup_key in self.status:
            self.status[dedup_key] = "resolved" if event["event_action"] == "resolve" else "acknowledged"
        return web.json_response(
            {"status": "success", "message": "Event processed", "dedup_key": dedup_key}, status=202
        )

    @staticmethod
    def _invalid(message: str, *errors: str) -> web.Response:
        return web.json_response({"status": "invalid event", "message": message, "errors": list(errors)}, status=400)
