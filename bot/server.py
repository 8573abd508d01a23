"""The HTTP edge: webhooks, probes and metrics on one aiohttp application (``opsdesk serve``).

Built by the composition root (:func:`bot.system.open_service`) from parts it already made;
this module only routes. ``/healthz`` says the process is alive; ``/readyz`` runs the readiness
checks it was given (:mod:`bot.observability.readiness`: database, Slack auth, RAG store) and is
503 with the failing ones named unless all pass (200 ``"degraded"`` when one passes in trouble,
such as Slack failing while posts wait); ``/metrics`` runs its samplers (queue depths,
readiness) and serves the registry. Unexpected failures answer a JSON 500 and are logged with
the route, never swallowed.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Awaitable, Callable, Sequence

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from bot.intake.hooks import IntakeHooks
from bot.observability.readiness import Readiness

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Sampler = Callable[[], Awaitable[None]]


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
    hooks: IntakeHooks,
    readiness: Readiness,
    registry: CollectorRegistry,
    *,
    max_body_bytes: int,
    samplers: Sequence[Sampler] = (),
) -> web.Application:
    """``samplers`` may be a list the caller appends to later (Slack is mounted after the app)."""
    app = web.Application(client_max_size=max_body_bytes, middlewares=[_json_errors])
    app.router.add_post("/hooks/alertmanager", hooks.alertmanager)
    app.router.add_post("/hooks/deploy", hooks.deploy)
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/readyz", _readiness(readiness))
    app.router.add_get("/metrics", _metrics_page(registry, samplers))
    return app


async def _healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def _readiness(readiness: Readiness) -> Handler:
    async def readyz(request: web.Request) -> web.Response:
        results = await readiness.evaluate()
        checks = {name: result.to_json() for name, result in results.items()}
        failing = sorted(name for name, result in results.items() if not result.ok)
        if failing:
            log.warning("not ready", extra={"failing": {name: checks[name].get("detail") for name in failing}})
            return web.json_response({"status": "unavailable", "failing": failing, "checks": checks}, status=503)
        degraded = sorted(name for name, result in results.items() if result.degraded)
        if degraded:
            return web.json_response({"status": "degraded", "degraded": degraded, "checks": checks})
        return web.json_response({"status": "ready", "checks": checks})

    return readyz


def _metrics_page(registry: CollectorRegistry, samplers: Sequence[Sampler]) -> Handler:
    async def metrics(request: web.Request) -> web.Response:
        for sample in list(samplers):
            try:
                await sample()
            except Exception as error:  # a gauge that cannot be read must not hide every other metric
                log.warning("metrics sampler failed", extra={"sampler": repr(sample), "error": str(error)})
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
