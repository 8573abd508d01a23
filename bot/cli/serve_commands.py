"""``opsdesk serve``: the long-running process behind the webhooks, probes, metrics and Slack.

Everything is built by :func:`bot.system.open_service`; this command only listens, waits for
SIGINT or SIGTERM, then stops accepting, lets running work finish for a grace period, and closes
the store. Work still pending then is in the database, and the next process (or another replica)
picks it up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from bot.config import Settings, load_settings

# The server, store and HTTP stack load only when serving: every other opsdesk command
# imports this module to register ``serve`` and should not pay for them.
if TYPE_CHECKING:
    from prometheus_client import CollectorRegistry

    from bot.catalog import Catalog
    from bot.system import Service

log = logging.getLogger(__name__)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (0 picks a free one, logged at start)")] = 3000,
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error")] = "info",
) -> None:
    """Serve the webhooks, /healthz, /readyz, /metrics and Slack (/slack/events or Socket Mode)."""
    from bot.observability.jsonlog import configure_logging
    from bot.system import load_catalog, warm_desk_in_background

    settings = load_settings()
    catalog = load_catalog(settings)
    configure_logging(log_level.upper())
    asyncio.run(serve(settings, catalog, host, port, ready=warm_desk_in_background))


async def serve(
    settings: Settings,
    catalog: Catalog,
    host: str,
    port: int,
    *,
    stop: asyncio.Event | None = None,
    ready: Callable[[Service], object] | None = None,
    registry: CollectorRegistry | None = None,
) -> None:
    """Run until ``stop`` is set, or until SIGINT/SIGTERM when no event is given.

    ``ready`` is called with the running service once the socket listens (for callers in the
    same event loop: tests and benchmarks).
    """
    from aiohttp import web
    from prometheus_client import REGISTRY

    from bot.observability.startup import startup_report
    from bot.server import settle_heap
    from bot.system import knowledge_store, open_service

    stop = stop or _stop_on_signals()
    service = await open_service(settings, catalog=catalog, registry=REGISTRY if registry is None else registry)
    runner = web.AppRunner(service.app)
    try:
        await runner.setup()
        await web.TCPSite(runner, host, port).start()
        bound = [f"{a[0]}:{a[1]}" for a in runner.addresses if isinstance(a, tuple)]
        report = startup_report(settings, runbook_index=knowledge_store(settings).has_index())
        log.info(
            report.line(bound),
            extra={
                "addresses": bound,
                "database": service.storage.database.url,
                "configured": report.configured,
                "not_configured": report.not_configured,
            },
        )
        for warning in report.warnings:
            log.warning(warning)
        settle_heap()
        if ready is not None:
            ready(service)
        await stop.wait()
    finally:
        await runner.cleanup()
        await service.close()
        log.info("stopped")


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    return stop
