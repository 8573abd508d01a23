"""``/hooks/alertmanager`` and ``/hooks/deploy``: outside input, checked before anything is stored.

* **Closed by default.** With no ``OPSDESK_WEBHOOK_TOKEN`` (or no ``OPSDESK_DEPLOY_SECRET``) the
  matching hook answers 503 with the reason instead of accepting anyone's alerts: an open intake
  would let anything on the network open incidents and start investigations.
* **Nothing stored on any error.** Credentials are checked before the body is read, the body is
  read up to ``max_body_bytes`` (413 past it), parsed and validated whole (400, or 422 for a
  service the catalog does not know), and only then written, in one transaction. Errors are
  ``{"error": "<field>: <problem>"}``.
* **Durable before the reply, grouped after it.** A 200 means the webhook's valid alerts are
  committed to the alert inbox (:mod:`bot.store.inbox`), in one short insert that waits on no
  grouping (webhooks arriving together share it); grouping, and the investigations it calls
  for, follow off the request path (:mod:`bot.intake.draining`), in whichever process is alive.
  A store that cannot be reached answers 503 so Alertmanager retries later.
* **One bad alert does not cost the others.** Alertmanager drops a whole batch answered 4xx, so
  the valid alerts of a body are stored and answered 200 while each invalid one is refused on its
  own: named in the reply's ``refused``, counted (``opsdesk_alerts_refused``), logged with its
  labels, and noticed in a Slack channel when one is configured. Only a body with no valid alert
  is answered 4xx.
* **Signed deploys, newest wins.** ``/hooks/deploy`` needs a signature over a timestamp and the
  body (:mod:`bot.intake.signing`); the signed time orders the events of one deploy, so a late or
  replayed older event never replaces a newer one.
* Secrets are compared in constant time (:func:`hmac.compare_digest`).
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from aiohttp import web

from bot.catalog import Catalog
from bot.clock import Clock
from bot.config import Settings
from bot.errors import InputError, OpsdeskError, UnknownServiceError
from bot.intake.alertmanager import Alert, AlertBatch, RefusedAlert, parse_alert_batch
from bot.intake.changes import parse_change_events
from bot.intake.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, BadSignature, verify
from bot.observability.metrics import ServerMetrics
from bot.store import Storage, StoreUnavailable

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Tells people about alerts a webhook refused (a Slack channel when one is configured).
RefusedNotice = Callable[[list[RefusedAlert]], None]


class Drainer(Protocol):
    """Groups what the hook acknowledged (:class:`bot.intake.draining.InboxDrainer`)."""

    def wake(self) -> None: ...


class Rejected(OpsdeskError):
    """A request refused with ``status``; ``reason`` labels the rejection metric."""

    def __init__(self, status: int, reason: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message


class IntakeHooks:
    """``/hooks/alertmanager`` and ``/hooks/deploy``."""

    def __init__(
        self,
        settings: Settings,
        catalog: Catalog,
        storage: Storage,
        drainer: Drainer,
        clock: Clock,
        metrics: ServerMetrics,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.storage = storage
        self.drainer = drainer
        self.clock = clock
        self.metrics = metrics
        self.skew = timedelta(seconds=settings.max_clock_skew_seconds)
        self.notice_refused: RefusedNotice | None = None

    async def alertmanager(self, request: web.Request) -> web.Response:
        hook = "alertmanager"
        self.metrics.webhooks_received.labels(hook=hook).inc()
        try:
            _check_bearer(request, self.settings.webhook_token)
            body = await read_body(request, self.settings.max_body_bytes)
            now = self.clock.now()
            batch = _validated(lambda: parse_alert_batch(body, self.catalog, now, self.skew))
            if not batch.alerts:
                self._report_refused(batch.refused)
            alerts = _accepted(batch)
            await _stored(self.storage.inbox.put(alerts, received_at=now))
        except Rejected as rejected:
            return self._reject(hook, rejected)
        self.drainer.wake()
        self.metrics.alerts_accepted.inc(len(alerts))
        self._report_refused(batch.refused)  # once stored: a 503 and Alertmanager's retry report them once
        services = sorted({a.service for a in alerts})
        log.info("alerts accepted", extra={"alerts": len(alerts), "refused": len(batch.refused), "services": services})
        return web.json_response(_accepted_reply(alerts, batch.refused))

    async def deploy(self, request: web.Request) -> web.Response:
        hook = "deploy"
        self.metrics.webhooks_received.labels(hook=hook).inc()
        try:
            secret = _deploy_secret(self.settings)
            if not request.headers.get(SIGNATURE_HEADER, "").strip():
                raise Rejected(401, "unauthorized", f"{SIGNATURE_HEADER}: missing signature")
            body = await read_body(request, self.settings.max_body_bytes)
            now = self.clock.now()
            signed_at = _verified(secret, body, request, now)
            events = _validated(lambda: parse_change_events(body, self.catalog, now, self.skew))
            written = await _stored(self.storage.changes.record(events, received_at=signed_at))
        except Rejected as rejected:
            return self._reject(hook, rejected)
        self.metrics.changes_recorded.inc(len(written))
        stale = sorted({e.id for e in events} - set(written))
        log.info(
            "changes recorded",
            extra={
                "changes": sorted(written),
                "stale": stale,
                "services": sorted({e.service for e in events}),
            },
        )
        reply: dict[str, object] = {"status": "ok", "recorded": len(written)}
        if stale:
            reply["stale"] = stale
        return web.json_response(reply)

    def _report_refused(self, refused: list[RefusedAlert]) -> None:
        """Count, log and notice the alerts a body carried that cannot be kept."""
        if not refused:
            return
        for alert in refused:
            reason = "unknown_service" if alert.unknown_service else "invalid"
            self.metrics.alerts_refused.labels(reason=reason).inc()
            log.warning(
                "alert refused",
                extra={"hook": "alertmanager", "error": alert.error, "labels": alert.labels, "index": alert.index},
            )
        if self.notice_refused is not None:
            self.notice_refused(refused)

    def _reject(self, hook: str, rejected: Rejected) -> web.Response:
        self.metrics.webhooks_rejected.labels(hook=hook, reason=rejected.reason).inc()
        log.warning(
            "webhook rejected",
            extra={
                "hook": hook,
                "status": rejected.status,
                "reason": rejected.reason,
                "error": rejected.message,
            },
        )
        bearer = hook == "alertmanager" and rejected.status == 401
        headers = {"WWW-Authenticate": 'Bearer realm="opsdesk"'} if bearer else None
        return web.json_response({"error": rejected.message}, status=rejected.status, headers=headers)


# -- request checks ---------------------------------------------------------------------


def _check_bearer(request: web.Request, expected: str | None) -> None:
    if not expected:
        raise Rejected(503, "disabled", "webhook: disabled until OPSDESK_WEBHOOK_TOKEN is configured")
    scheme, _, token = request.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Rejected(401, "unauthorized", "authorization: missing bearer token")
    if not same_secret(token.strip(), expected):
        raise Rejected(401, "unauthorized", "authorization: wrong bearer token")


def _deploy_secret(settings: Settings) -> str:
    if not settings.deploy_secret:
        raise Rejected(503, "disabled", "webhook: disabled until OPSDESK_DEPLOY_SECRET is configured")
    return settings.deploy_secret


def _verified(secret: str, body: bytes, request: web.Request, now: datetime) -> datetime:
    try:
        return verify(
            secret, body, request.headers.get(TIMESTAMP_HEADER, ""), request.headers.get(SIGNATURE_HEADER, ""), now
        )
    except BadSignature as bad:
        raise Rejected(401, "unauthorized", str(bad)) from None


def same_secret(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode("utf-8", "surrogateescape"))


async def read_body(request: web.Request, limit: int) -> bytes:
    """The raw body, refusing (413) as soon as it is known to exceed ``limit`` bytes."""
    too_large = Rejected(413, "too_large", f"body: larger than the limit of {limit} bytes")
    if request.content_length is not None and request.content_length > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.content.iter_any():
        body += chunk
        if len(body) > limit:
            raise too_large
    return bytes(body)


def _accepted(batch: AlertBatch) -> list[Alert]:
    """The batch's valid alerts; a batch with none is refused whole, as its first problem."""
    if batch.alerts:
        return batch.alerts
    first = batch.refused[0]
    more = f" (and {len(batch.refused) - 1} more refused alerts)" if len(batch.refused) > 1 else ""
    if first.unknown_service:
        raise Rejected(422, "unknown_service", first.error + more)
    raise Rejected(400, "invalid", first.error + more)


def _validated(parse: Callable[[], T]) -> T:
    try:
        return parse()
    except UnknownServiceError as error:
        raise Rejected(422, "unknown_service", str(error)) from None
    except InputError as error:
        raise Rejected(400, "invalid", str(error)) from None


async def _stored(write: Awaitable[T]) -> T:
    try:
        return await write
    except StoreUnavailable as error:
        raise Rejected(503, "store_unavailable", str(error)) from None


# -- replies and logs -------------------------------------------------------------------


def _accepted_reply(alerts: list[Alert], refused: list[RefusedAlert]) -> dict[str, object]:
    reply: dict[str, object] = {"status": "partial" if refused else "accepted", "alerts": len(alerts)}
    if refused:
        reply["refused"] = [{"alert": r.index, "error": r.error, "labels": r.labels} for r in refused]
    return reply
