"""``/hooks/tickets/jira`` and ``/hooks/tickets/servicenow``: the desk's tickets moved where IT works.

Mounted only for the configured ticket system, and only when its ``webhook_secret_env`` is set.

* **Proven before parsed.** Jira signs an admin webhook's body with the secret (``X-Hub-Signature:
  sha256=<hex HMAC-SHA256>``); ServiceNow's outbound message sends it as a bearer token. A
  missing proof is 401 before the body is read, a wrong one 401 before it is parsed, and nothing
  is stored; the body is read up to ``max_body_bytes`` (413 past it) and must be JSON (400 naming
  the problem).
* **Each delivery once.** Jira names a delivery in ``X-Atlassian-Webhook-Identifier`` (the same
  on a retry); a ServiceNow record is one delivery per ``number`` and ``sys_mod_count``. A
  delivery applied before answers ``duplicate``; a ticket the desk did not file answers
  ``ignored`` (200 either way, so the sender does not retry what will never apply).
* A store that cannot be reached answers 503, so the sender retries later.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from bot.desk.ticket_events import TicketEvent, jira_event, servicenow_event
from bot.desk.ticket_mirror import TicketMirror
from bot.desk.ticket_systems import JiraTicketSettings, ServiceNowTicketSettings
from bot.errors import InputError
from bot.intake.body import json_body
from bot.intake.hooks import Rejected, read_body, same_secret
from bot.observability.metrics import ServerMetrics
from bot.store import StoreUnavailable
from connectors.tickets.jira import DEFAULT_STATUSES
from connectors.tickets.servicenow import DEFAULT_STATES

log = logging.getLogger(__name__)

JIRA_SIGNATURE_HEADER = "X-Hub-Signature"
JIRA_DELIVERY_HEADER = "X-Atlassian-Webhook-Identifier"
MAX_DELIVERY_LENGTH = 200


def jira_signature(secret: str, body: bytes) -> str:
    """The ``X-Hub-Signature`` value Jira sends for ``body``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class TicketHooks:
    """The webhook of one ticket system; :meth:`mount` adds its route."""

    def __init__(
        self,
        settings: JiraTicketSettings | ServiceNowTicketSettings,
        secret: str,
        mirror: TicketMirror,
        metrics: ServerMetrics,
        *,
        max_body_bytes: int,
    ) -> None:
        self.settings = settings
        self.secret = secret
        self.mirror = mirror
        self.metrics = metrics
        self.max_body_bytes = max_body_bytes

    @property
    def system(self) -> str:
        return self.settings.type

    def mount(self, app: web.Application) -> None:
        app.router.add_post(f"/hooks/tickets/{self.system}", self.receive)

    async def receive(self, request: web.Request) -> web.Response:
        hook = f"tickets-{self.system}"
        self.metrics.webhooks_received.labels(hook=hook).inc()
        try:
            if isinstance(self.settings, JiraTicketSettings):
                event, delivery = await self._jira(request, self.settings)
            else:
                event, delivery = await self._servicenow(request, self.settings)
            try:
                outcome = await self.mirror.receive(event, delivery)
            except StoreUnavailable as error:
                raise Rejected(503, "store_unavailable", str(error)) from None
        except Rejected as rejected:
            self.metrics.webhooks_rejected.labels(hook=hook, reason=rejected.reason).inc()
            log.warning(
                "webhook rejected",
                extra={"hook": hook, "status": rejected.status, "reason": rejected.reason, "error": rejected.message},
            )
            return web.json_response({"error": rejected.message}, status=rejected.status)
        status = "ignored" if outcome.outcome == "unknown" else outcome.outcome
        log.info("ticket webhook", extra={"hook": hook, "ticket": event.key, "status": status})
        reply: dict[str, object] = {"status": status, "ticket": event.key}
        if outcome.outcome == "unknown":
            reply["reason"] = f"{event.key or 'the ticket'} was not filed by the desk"
        elif outcome.after is not None:
            reply["state"] = outcome.after.state
        return web.json_response(reply)

    async def _jira(self, request: web.Request, settings: JiraTicketSettings) -> tuple[TicketEvent, str]:
        signature = request.headers.get(JIRA_SIGNATURE_HEADER, "").strip()
        if not signature:
            raise Rejected(401, "unauthorized", f"{JIRA_SIGNATURE_HEADER}: missing signature")
        body = await read_body(request, self.max_body_bytes)
        if not same_secret(signature, jira_signature(self.secret, body)):
            raise Rejected(401, "unauthorized", f"{JIRA_SIGNATURE_HEADER}: wrong signature")
        payload = _object(body)
        issue = payload.get("issue")
        if not isinstance(issue, Mapping) or not isinstance(issue.get("key"), str) or not issue["key"]:
            raise Rejected(400, "invalid", "issue.key: required (a Jira issue event)")
        delivery = request.headers.get(JIRA_DELIVERY_HEADER, "").strip()
        if not delivery:
            raise Rejected(400, "invalid", f"{JIRA_DELIVERY_HEADER}: required (it makes a retried delivery apply once)")
        statuses = {**DEFAULT_STATUSES, **settings.statuses}
        return jira_event(payload, settings.account_id or "", statuses), _bounded(delivery)

    async def _servicenow(self, request: web.Request, settings: ServiceNowTicketSettings) -> tuple[TicketEvent, str]:
        scheme, _, token = request.headers.get("Authorization", "").strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Rejected(401, "unauthorized", "authorization: missing bearer token")
        if not same_secret(token.strip(), self.secret):
            raise Rejected(401, "unauthorized", "authorization: wrong bearer token")
        record = _object(await read_body(request, self.max_body_bytes))
        number, count = record.get("number"), record.get("sys_mod_count")
        if not isinstance(number, str) or not number:
            raise Rejected(400, "invalid", "number: required (the incident's number)")
        if not isinstance(count, str | int) or isinstance(count, bool) or not str(count).isdigit():
            raise Rejected(400, "invalid", "sys_mod_count: required, a whole number (it orders a ticket's changes)")
        states = {**DEFAULT_STATES, **settings.states}
        return servicenow_event(record, settings.user, states), _bounded(f"{number}:{count}")


def _object(body: bytes) -> Mapping[str, Any]:
    try:
        payload = json_body(body)
    except InputError as error:
        raise Rejected(400, "invalid", str(error)) from None
    if not isinstance(payload, dict):
        raise Rejected(400, "invalid", "body: must be a JSON object")
    return payload


def _bounded(delivery: str) -> str:
    """A delivery identity that fits its column: long ones are kept by their digest."""
    if len(delivery) <= MAX_DELIVERY_LENGTH:
        return delivery
    return "sha256:" + hashlib.sha256(delivery.encode()).hexdigest()
