"""``opsdesk serve``: the long-running process behind the webhooks, probes and metrics.

Everything is built from settings at start: the store (migrated before the
first request), the incident agent with whichever evidence sources are
configured plus the change events the store receives on ``/hooks/deploy``, and
the aiohttp application of :mod:`bot.server`. It runs until SIGINT or SIGTERM,
then stops accepting, drains investigations, and closes the store.

Slack is attached by :func:`mount_slack` when ``SLACK_BOT_TOKEN`` is set: Bolt on
``/slack/events`` (HTTP mode), or a Socket Mode connection when ``SLACK_APP_TOKEN`` is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from bot.catalog import Catalog
from bot.config import Settings, load_settings
from bot.errors import ConfigError

# The server, store and HTTP stack load only when serving: every other opsdesk command
# imports this module to register ``serve`` and should not pay for them.
if TYPE_CHECKING:
    from aiohttp import web
    from prometheus_client import CollectorRegistry

    from bot.investigations import Investigator
    from bot.knowledge import Knowledge, RetrievalKnowledge
    from bot.store import Store

log = logging.getLogger(__name__)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (0 picks a free one, logged at start)")] = 3000,
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error")] = "info",
) -> None:
    """Serve the webhooks, /healthz, /readyz, /metrics and Slack (/slack/events or Socket Mode)."""
    from bot.jsonlog import configure_logging

    settings = load_settings()
    catalog = load_catalog(settings)
    configure_logging(log_level.upper())
    asyncio.run(serve(settings, catalog, host, port))


def load_catalog(settings: Settings) -> Catalog:
    """The service catalog; ``serve`` cannot validate alerts without one."""
    if settings.catalog_file is None:
        raise ConfigError("environment", "OPSDESK_CATALOG", "required by serve: set it to the catalog.yaml file")
    return Catalog.load(settings.catalog_file)


async def serve(
    settings: Settings,
    catalog: Catalog,
    host: str,
    port: int,
    *,
    stop: asyncio.Event | None = None,
    ready: asyncio.Event | None = None,
    registry: CollectorRegistry | None = None,
) -> None:
    """Run until ``stop`` is set, or until SIGINT/SIGTERM when no event is given.

    ``ready`` is set once the socket listens (for callers in the same event loop).
    """
    from aiohttp import web
    from prometheus_client import REGISTRY

    from bot.knowledge import IncidentMemory
    from bot.server import INVESTIGATIONS_KEY, create_app, settle_heap
    from bot.store import Store

    registry = REGISTRY if registry is None else registry
    stop = stop or _stop_on_signals()
    store = await Store.open(settings.effective_database_url)
    closers: list[Callable[[], None]] = []
    runner: web.AppRunner | None = None
    try:
        knowledge = open_knowledge(settings)
        investigator = build_agent(settings, catalog, store, closers, knowledge=knowledge)
        app = create_app(settings, catalog, store, investigator, registry=registry)
        if knowledge is not None:
            memory = IncidentMemory(store, knowledge)
            app[INVESTIGATIONS_KEY].add_observer(memory)
            app.on_cleanup.append(lambda _app: memory.drain())
        mount_slack(app, settings, catalog)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, host, port).start()
        bound = [f"{a[0]}:{a[1]}" for a in runner.addresses if isinstance(a, tuple)]
        log.info("listening", extra={"addresses": bound, "database": store.url})
        settle_heap()
        if ready is not None:
            ready.set()
        await stop.wait()
    finally:
        if runner is not None:
            await runner.cleanup()
        for close in closers:
            close()
        await store.close()
        log.info("stopped")


def open_knowledge(settings: Settings) -> RetrievalKnowledge | None:
    """The RAG store when something is indexed under the data dir, warming up in the background
    (loading the model takes seconds; the first incident should not wait for it)."""
    from bot.knowledge import RetrievalKnowledge

    knowledge = RetrievalKnowledge(settings.data_dir, settings.chroma_url)
    if not knowledge.store.has_index():
        log.info(
            "no runbook index under %s: posts will not cite runbook sections (run opsdesk index)", settings.data_dir
        )
        return None
    threading.Thread(target=_warm, args=(knowledge,), name="knowledge-warm-up", daemon=True).start()
    return knowledge


def _warm(knowledge: RetrievalKnowledge) -> None:
    from bot.server import settle_heap

    try:
        knowledge.warm()
        settle_heap()
    except Exception as error:  # the agent reports knowledge failures per incident
        log.warning("runbook index warm-up failed: %s", error)


def build_agent(
    settings: Settings,
    catalog: Catalog,
    store: Store,
    closers: list[Callable[[], None]],
    *,
    knowledge: Knowledge | None = None,
) -> Investigator:
    """The incident agent over the configured sources; ``closers`` collects their cleanups."""
    from bot.agent import IncidentAgent
    from bot.runbooks import RunbookLibrary
    from connectors.base import LogSource, MetricsSource

    metrics: MetricsSource | None = None
    if settings.prometheus_url:
        from connectors.prometheus import PrometheusMetrics

        prometheus = PrometheusMetrics(
            settings.prometheus_url,
            queries=_signal_queries(catalog),
            step_seconds=settings.prometheus_step_seconds,
            timeout_seconds=settings.source_timeout_seconds,
        )
        closers.append(prometheus.close)
        metrics = prometheus
    logs: LogSource | None = None
    if settings.elasticsearch_url:
        from connectors.elasticsearch import ElasticsearchLogs

        logs = ElasticsearchLogs(
            settings.elasticsearch_url,
            index=settings.elasticsearch_index,
            timeout_seconds=settings.source_timeout_seconds,
        )
    return IncidentAgent(
        catalog,
        metrics=metrics,
        logs=logs,
        changes=store.change_source(),
        runbooks=RunbookLibrary.load(settings.runbooks_dir),
        source_timeout=settings.source_timeout_seconds,
        lookback=timedelta(minutes=settings.lookback_minutes),
        knowledge=knowledge,
    )


def _signal_queries(catalog: Catalog) -> dict[str, dict[str, str]]:
    """PromQL per service; external services only when the catalog gives them signals."""
    return {
        name: catalog.signal_queries(name)
        for name, service in catalog.services.items()
        if not service.is_external or service.signals
    }


def mount_slack(app: web.Application, settings: Settings, catalog: Catalog) -> None:
    """Attach the Slack app: ``/slack/events`` in HTTP mode, or Socket Mode with ``SLACK_APP_TOKEN``."""
    if not settings.slack_bot_token:
        if settings.slack_app_token or settings.slack_signing_secret:
            log.warning("Slack disabled: SLACK_BOT_TOKEN is not set")
        return
    from bot.server import INVESTIGATIONS_KEY, STORE_KEY
    from bot.slack.app import build_slack
    from bot.slack.socket_mode import attach_socket_mode

    store = app[STORE_KEY]
    investigations = app[INVESTIGATIONS_KEY]
    socket_mode = bool(settings.slack_app_token)
    bot = build_slack(settings, catalog, store, investigations, socket_mode=socket_mode)
    investigations.add_observer(bot.incidents)

    async def close_slack(_: web.Application) -> None:
        await bot.incidents.close()

    if socket_mode:
        attach_socket_mode(app, bot, str(settings.slack_app_token))
    else:
        app.router.add_post("/slack/events", bot.handle)
    app.on_cleanup.append(close_slack)
    log.info("Slack mounted", extra={"mode": "socket" if socket_mode else "http"})


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    return stop
