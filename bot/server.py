"""The HTTP edge: webhooks, probes and metrics on one aiohttp application (``opsdesk serve``).

Built by the composition root (:func:`bot.system.open_service`) from parts it already made;
this module only routes. ``/healthz`` says the process is alive, ``/readyz`` that the database
answers and no readiness check (:data:`READINESS_CHECKS`, e.g. Slack's token) reports a fatal
problem (non-fatal ones answer 200 with ``"status": "degraded"`` and the reasons), ``/metrics``
serves the registry the service was given. Unexpected failures answer a
JSON 500 and are logged with the route, never swallowed.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from bot.intake.hooks import IntakeHooks
from bot.store import Database, StoreUnavailable

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
#: ``(fatal, reason)`` while a part is in trouble, ``None`` while it is fine.
ReadinessCheck = Callable[[], "tuple[bool, str] | None"]
READINESS_CHECKS = web.AppKey("readiness_checks", list[ReadinessCheck])


def settle_heap() -> None:
    """Move what start-up allocated (modules, the app, the catalog, the model) out of the collector's reach.

    Python's full collections walk every tracked object: with a serving process's start-up heap that
    is a pause of tens of milliseconds, and when it falls inside a burst of Slack clicks it lands on
    their acks. Frozen objects are never walked again; what requests allocate is collected as usual.
    Called once the server listens, and again when a background warm-up finishes.
    """
    gc.collect()
    gc.freeze()


def web_application(
    hooks: IntakeHooks, database: Database, registry: CollectorRegistry, *, max_body_bytes: int
) -> web.Application:
    app = web.Application(client_max_size=max_body_bytes, middlewares=[_json_errors])
    app.router.add_post("/hooks/alertmanager", hooks.alertmanager)
    app.router.add_post("/hooks/deploy", hooks.deploy)
    app.router.add_get("/healthz", _healthz)
    app[READINESS_CHECKS] = []
    app.router.add_get("/readyz", _readiness(database))
    app.router.add_get("/metrics", _metrics_page(registry))
    return app


async def _healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def _readiness(database: Database) -> Handler:
    async def readyz(request: web.Request) -> web.Response:
        try:
            await database.ping()
        except StoreUnavailable as error:
            log.warning("not ready", extra={"error": str(error)})
            return web.json_response({"status": "unavailable", "error": str(error)}, status=503)
        problems = [found for check in request.app[READINESS_CHECKS] if (found := check()) is not None]
        if any(fatal for fatal, _ in problems):
            return web.json_response({"status": "unavailable", "problems": [r for _, r in problems]}, status=503)
        if problems:
            return web.json_response({"status": "degraded", "problems": [r for _, r in problems]})
        return web.json_response({"status": "ready"})

    return readyz


def _metrics_page(registry: CollectorRegistry) -> Handler:
    async def metrics(request: web.Request) -> web.Response:
        return web.Response(body=generate_latest(registry), headers={"Content-Type": CONTENT_TYPE_LATEST})

    return metrics


@web.middleware
async def _json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception:
        log.exception("request failed", extra={"method": request.method, "path": request.path})
        return web.json_response({"error": "internal error"}, status=500)
