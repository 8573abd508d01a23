"""The composition root: the one module that builds opsdesk's parts from settings.

Every entry point builds through here, and so do the tests and the benchmarks, so what they
exercise is what runs:

============================  =================================================================
``open_service(settings)``    ``opsdesk serve``: store, timer worker, investigations, agent,
                              knowledge, intake hooks, the HTTP application and Slack
``scenario_agent(...)``       ``replay``, ``eval``, ``demo``: the agent over a recorded incident
``knowledge_store(settings)`` ``index``, ``search``, ``demo``: the RAG store of the data dir
``incident_knowledge(...)``   runbook sections and past incidents for the agent, when indexed
``runbook_library(settings)`` next steps from runbook front matter
``remediation_policy(...)``   ``OPSDESK_POLICY``, validated whole (one line and exit on any error)
``ticket_system(...)``        where the desk files tickets: the ``tickets:`` block (default: local)
============================  =================================================================

Heavy imports (aiohttp, SQLAlchemy, Slack, the RAG store and through it torch) happen inside the
builders that need them, so ``opsdesk --help`` and the light commands stay fast.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.catalog import Catalog
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.errors import ConfigError
from bot.runbooks.library import RunbookLibrary

if TYPE_CHECKING:
    from aiohttp import web
    from prometheus_client import CollectorRegistry
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.coordination import TimerWorker
    from bot.desk.access import AccessDesk
    from bot.desk.classify import DeskClassifier
    from bot.desk.resources import ResourceCatalog
    from bot.desk.routing import RoutingAdviser
    from bot.desk.service import DeskParts
    from bot.desk.ticket_mirror import TicketMirror
    from bot.incidents.agent import IncidentAgent, Investigator
    from bot.incidents.drafts import PostmortemWriter
    from bot.incidents.investigations import Investigations
    from bot.incidents.knowledge import Knowledge, RetrievalKnowledge
    from bot.incidents.scenario import Scenario
    from bot.intake.alertmanager import RefusedAlert
    from bot.intake.draining import InboxDrainer
    from bot.intake.hooks import IntakeHooks
    from bot.llm import Advisor
    from bot.observability.metrics import QueueDepths, ServerMetrics
    from bot.observability.readiness import Readiness
    from bot.remediation.policy import Policy
    from bot.remediation.service import Remediations
    from bot.server import Sampler
    from bot.slack.app import SlackBot
    from bot.slack.poster import Poster
    from bot.store import Storage
    from connectors.llm import ChatModel
    from connectors.tickets import TicketSystem
    from retrieval.embedder import Embedder
    from retrieval.store import Store as KnowledgeStore

log = logging.getLogger(__name__)

#: How long shutdown waits for running investigations and Slack work before cancelling them.
SHUTDOWN_GRACE_SECONDS = 10.0


def load_catalog(settings: Settings) -> Catalog:
    """The service catalog; ``serve`` cannot validate alerts without one."""
    if settings.catalog_file is None:
        raise ConfigError("environment", "OPSDESK_CATALOG", "required by serve: set it to the catalog.yaml file")
    return Catalog.load(settings.catalog_file)


def remediation_policy(settings: Settings, *, environ: Mapping[str, str] | None = None) -> Policy:
    """The remediation policy; a policy that executes needs every secret its executors name."""
    from bot.remediation.errors import PolicyError
    from bot.remediation.policy import load_policy

    policy = load_policy(settings.policy_file)
    missing = policy.secrets_missing(os.environ if environ is None else environ)
    if missing and not policy.shadow_mode:
        raise PolicyError(str(settings.policy_file), "executors", f"environment variable {missing[0]} is not set")
    return policy


def runbook_library(settings: Settings) -> RunbookLibrary:
    return RunbookLibrary.load(settings.runbooks_dir, url_template=settings.runbook_url)


def knowledge_store(settings: Settings) -> KnowledgeStore:
    """The RAG store under ``OPSDESK_DATA_DIR`` (or the ``CHROMA_URL`` server); lazy until used."""
    from retrieval.store import Store

    return Store(settings.data_dir, chroma_url=settings.chroma_url)


def desk_classifier(embedder: Embedder | None = None) -> DeskClassifier:
    """The service desk's intent router; pass the knowledge store's embedder to share one model.

    Alone (``opsdesk desk classify``), it runs its own model in float32, where messages of one
    padded length are embedded together, each row still exactly its lone vector: on two cores about
    300 against 104 requests/s in bfloat16, where each message runs alone (the same answers on every
    labelled set; ``bench/bench_desk_classify.py``). The bot shares the knowledge store's model:
    it routes one message at a time."""
    from bot.desk.classify import DeskClassifier
    from retrieval.embedder import SentenceTransformerEmbedder

    return DeskClassifier(embedder or SentenceTransformerEmbedder(precision="float32"))


def incident_knowledge(settings: Settings, *, warm_in_background: bool = False) -> RetrievalKnowledge | None:
    """The RAG store as the agent's knowledge, when something is indexed under the data dir.

    ``warm_in_background`` loads the model and indexes in a thread (seconds), so the first
    incident of a serving process does not wait for them.
    """
    from bot.incidents.knowledge import RetrievalKnowledge

    knowledge = RetrievalKnowledge(knowledge_store(settings), url_template=settings.runbook_url)
    if not knowledge.store.has_index():
        log.debug(
            "no runbook index under %s: posts will not cite runbook sections (run opsdesk index)", settings.data_dir
        )
        return None
    if warm_in_background:
        _warm_in_background("knowledge", "runbook index", lambda: _warm_knowledge(knowledge))
    return knowledge


def _warm_knowledge(knowledge: RetrievalKnowledge) -> None:
    from bot.server import settle_heap

    knowledge.warm()
    settle_heap()


def _warm_in_background(name: str, what: str, warm: Callable[[], None]) -> None:
    """``warm`` in a daemon thread ``<name>-warm-up``; a failure is logged, not raised: whatever
    needs the warmed part later warms it again and reports the failure where it matters."""

    def run() -> None:
        try:
            warm()
        except Exception as error:
            log.warning("%s warm-up failed: %s", what, error)

    threading.Thread(target=run, name=f"{name}-warm-up", daemon=True).start()


def scenario_agent(
    scenario: Scenario,
    settings: Settings,
    *,
    runbooks: RunbookLibrary | None = None,
    knowledge: Knowledge | None = None,
) -> IncidentAgent:
    """The incident agent over a recorded incident's files (replay sources)."""
    from bot.incidents.agent import IncidentAgent
    from bot.incidents.sources import replay_sources

    metrics, logs, changes = replay_sources(scenario)
    return IncidentAgent(
        scenario.catalog,
        metrics=metrics,
        logs=logs,
        changes=changes,
        runbooks=runbooks,
        source_timeout=settings.source_timeout_seconds,
        knowledge=knowledge,
    )


def live_agent(
    settings: Settings,
    catalog: Catalog,
    storage: Storage,
    closers: list[Callable[[], None]],
    *,
    knowledge: Knowledge | None = None,
) -> IncidentAgent:
    """The incident agent over the configured sources; ``closers`` collects their cleanups."""
    from bot.incidents.agent import IncidentAgent
    from bot.incidents.sources import live_sources

    metrics, logs = live_sources(settings, catalog, closers)
    return IncidentAgent(
        catalog,
        metrics=metrics,
        logs=logs,
        changes=storage.changes,
        runbooks=runbook_library(settings),
        source_timeout=settings.source_timeout_seconds,
        lookback=timedelta(minutes=settings.lookback_minutes),
        knowledge=knowledge,
    )


def language_model_advisor(settings: Settings, closers: list[Callable[[], Awaitable[None]]]) -> Advisor | None:
    """The language-model adviser when ``OPSDESK_LLM_MODEL`` is set (with ``OPENAI_BASE_URL``
    and/or ``OPENAI_API_KEY``); ``None``, and the rules alone, otherwise."""
    chat = _chat_model(settings, closers)
    if chat is None or settings.llm_model is None:
        return None
    from bot.llm import Advisor

    return Advisor(chat, label=settings.llm_model, timeout_seconds=settings.llm_timeout_seconds)


def desk_routing_adviser(settings: Settings, closers: list[Callable[[], Awaitable[None]]]) -> RoutingAdviser | None:
    """The model the desk asks about requests its rules are unsure of, configured as
    :func:`language_model_advisor`'s; ``None``, and the rules alone, otherwise."""
    chat = _chat_model(settings, closers)
    if chat is None or settings.llm_model is None:
        return None
    from bot.desk.routing import RoutingAdviser

    return RoutingAdviser(chat, label=settings.llm_model, timeout_seconds=settings.desk_llm_timeout_seconds)


def _chat_model(settings: Settings, closers: list[Callable[[], Awaitable[None]]]) -> ChatModel | None:
    if not settings.llm_model or not (settings.openai_base_url or settings.openai_api_key):
        return None
    from connectors.llm.openai_chat import OpenAIChat

    chat = OpenAIChat(settings.llm_model, base_url=settings.openai_base_url, api_key=settings.openai_api_key)
    closers.append(chat.close)
    return chat


def ticket_system(
    settings: Settings,
    storage: Storage,
    clock: Clock,
    closers: list[Callable[[], Awaitable[None]]],
    *,
    environ: Mapping[str, str] | None = None,
) -> TicketSystem:
    """The configured ticket system (Jira, ServiceNow, or the local store); its session closes with ``closers``."""
    from bot.desk.ticket_systems import build_ticket_system

    system = build_ticket_system(settings.tickets, storage, clock, environ=environ)
    close = getattr(system, "close", None)
    if close is not None:
        closers.append(close)
    return system


@dataclass
class Service:
    """Everything ``opsdesk serve`` runs, built once per process by :func:`open_service`."""

    settings: Settings
    clock: Clock
    catalog: Catalog
    storage: Storage
    registry: CollectorRegistry
    metrics: ServerMetrics
    worker: TimerWorker
    drainer: InboxDrainer
    hooks: IntakeHooks
    investigations: Investigations
    postmortems: PostmortemWriter
    app: web.Application
    readiness: Readiness
    samplers: list[Sampler] = field(default_factory=list)
    policy: Policy | None = None
    remediations: Remediations | None = None
    access: AccessDesk | None = None
    ticket_mirror: TicketMirror | None = None
    slack: SlackBot | None = None
    closers: list[Callable[[], None]] = field(default_factory=list)
    async_closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    owns_storage: bool = True
    _closed: bool = field(default=False, init=False, repr=False)

    async def close(self) -> None:
        """Stop claiming work, let running work finish for a grace period, release everything."""
        if self._closed:
            return
        self._closed = True
        await self.drainer.close()
        await self.worker.close(SHUTDOWN_GRACE_SECONDS)
        if self.slack is not None:
            await self.slack.incidents.close(SHUTDOWN_GRACE_SECONDS)
        for close in self.closers:
            close()
        for aclose in self.async_closers:
            await aclose()
        if self.owns_storage:
            await self.storage.close()


async def open_service(
    settings: Settings,
    *,
    catalog: Catalog | None = None,
    clock: Clock | None = None,
    registry: CollectorRegistry | None = None,
    storage: Storage | None = None,
    investigator: Investigator | None = None,
    knowledge: Knowledge | None = None,
    slack_client: AsyncWebClient | None = None,
    slack_poster: Poster | None = None,
    desk: DeskParts | None = None,
) -> Service:
    """Build the serving process from ``settings``; overrides are for tests and benchmarks.

    The returned service's ``app`` starts the timer worker when it starts and closes the
    service on cleanup, so running the app (``web.AppRunner`` or a test client) runs it all.
    """
    from prometheus_client import CollectorRegistry

    from bot.coordination import TimerWorker, process_holder
    from bot.incidents.drafts import POSTMORTEM_TIMER, PostmortemWriter
    from bot.incidents.investigations import Investigations
    from bot.intake.draining import InboxDrainer
    from bot.intake.hooks import IntakeHooks
    from bot.observability.metrics import QueueDepths, ServerMetrics
    from bot.observability.readiness import Readiness, database_check
    from bot.server import web_application
    from bot.store import Storage

    clock = clock or SystemClock()
    catalog = catalog or load_catalog(settings)
    policy = remediation_policy(settings)
    registry = registry if registry is not None else CollectorRegistry()
    owns_storage = storage is None
    if storage is None:
        storage = await Storage.open(settings.effective_database_url, clock=clock)
    else:
        storage = Storage.over(storage.database, clock)
    closers: list[Callable[[], None]] = []
    async_closers: list[Callable[[], Awaitable[None]]] = []
    try:
        metrics = ServerMetrics(registry)
        worker = TimerWorker(storage.timers, clock, holder=process_holder())
        if investigator is None:
            if knowledge is None:
                knowledge = incident_knowledge(settings, warm_in_background=True)
            investigator = live_agent(settings, catalog, storage, closers, knowledge=knowledge)
        investigations = Investigations(
            storage,
            investigator,
            worker,
            clock=clock,
            debounce_seconds=settings.investigation_debounce_seconds,
            metrics=metrics,
            advisor=language_model_advisor(settings, async_closers),
        )
        postmortems = PostmortemWriter(storage, worker, clock)
        investigations.on_resolution(POSTMORTEM_TIMER)
        remediations = _remediations(policy, storage, catalog, clock, worker, async_closers)
        access = _access_desk(settings, remediations, storage, clock, worker, metrics)
        window = timedelta(minutes=settings.grouping_window_minutes)
        drainer = InboxDrainer(storage.inbox, catalog, window, investigations, metrics)
        investigations.drain_first(drainer)
        hooks = IntakeHooks(settings, catalog, storage, drainer, clock, metrics)
        readiness = Readiness(metrics.ready)
        readiness.add("database", database_check(storage.database))
        queues = QueueDepths(storage.timers, metrics, lambda: worker.kinds, inbox=storage.inbox)
        samplers: list[Sampler] = [queues, _evaluated(readiness)]
        app = web_application(hooks, readiness, registry, max_body_bytes=settings.max_body_bytes, samplers=samplers)
        ticket_mirror = _ticket_webhooks(settings, storage, clock, metrics, app, worker)
        service = Service(
            settings=settings,
            clock=clock,
            catalog=catalog,
            storage=storage,
            registry=registry,
            metrics=metrics,
            worker=worker,
            drainer=drainer,
            hooks=hooks,
            investigations=investigations,
            postmortems=postmortems,
            app=app,
            readiness=readiness,
            samplers=samplers,
            closers=closers,
            async_closers=async_closers,
            owns_storage=owns_storage,
            policy=policy,
            remediations=remediations,
            access=access,
            ticket_mirror=ticket_mirror,
        )
        if knowledge is not None:
            _remember_resolved_incidents(service, knowledge)
        _check_knowledge(service, knowledge)
        if settings.slack_bot_token:
            desk = desk_parts(settings, storage, clock, async_closers, given=desk)
        service.slack = _mount_slack(service, slack_client, slack_poster, queues, desk)
        if service.slack is not None and settings.slack_refused_alerts_channel:
            hooks.notice_refused = _refused_notice(service.slack, settings.slack_refused_alerts_channel)
    except BaseException:
        for close in closers:
            close()
        for aclose in async_closers:
            await aclose()
        if owns_storage:
            await storage.close()
        raise

    async def start(_: web.Application) -> None:
        worker.start()
        drainer.start()

    async def stop(_: web.Application) -> None:
        await service.close()

    app.on_startup.append(start)
    app.on_cleanup.append(stop)
    return service


def _ticket_webhooks(
    settings: Settings,
    storage: Storage,
    clock: Clock,
    metrics: ServerMetrics,
    app: web.Application,
    worker: TimerWorker,
) -> TicketMirror:
    """The mirror of the desk's Jira or ServiceNow tickets, and that system's webhook route when
    its ``webhook_secret_env`` is set (:class:`ConfigError` when the variable it names is not)."""
    from bot.desk.ticket_mirror import TicketMirror
    from bot.desk.ticket_systems import LocalTicketSettings, webhook_secret
    from bot.intake.ticket_hooks import TicketHooks

    mirror = TicketMirror(storage.mirrored_tickets, storage.timers, clock)
    mirror.register_timers(worker)
    tickets = settings.tickets
    secret = webhook_secret(tickets)
    if secret is not None and not isinstance(tickets, LocalTicketSettings):
        TicketHooks(tickets, secret, mirror, metrics, max_body_bytes=settings.max_body_bytes).mount(app)
    return mirror


def _evaluated(readiness: Readiness) -> Sampler:
    async def sample() -> None:
        await readiness.evaluate()

    return sample


def _check_knowledge(service: Service, knowledge: Knowledge | None) -> None:
    """The RAG store's readiness: the store in use, else the configured one (which may be indexed later)."""
    from bot.incidents.knowledge import RetrievalKnowledge
    from bot.observability.readiness import knowledge_check

    store = knowledge.store if isinstance(knowledge, RetrievalKnowledge) else None
    if store is None and knowledge is None:
        store = knowledge_store(service.settings)
    if store is not None:
        service.readiness.add("rag", knowledge_check(store))


def _remediations(
    policy: Policy,
    storage: Storage,
    catalog: Catalog,
    clock: Clock,
    worker: TimerWorker,
    async_closers: list[Callable[[], Awaitable[None]]],
) -> Remediations:
    """Requests, approvals and executions under ``policy``; its expiry timers run on ``worker``."""
    from bot.remediation.executors import build_executors
    from bot.remediation.service import Remediations

    executors = build_executors(policy, os.environ)
    async_closers.extend(executor.close for executor in executors.values())
    remediations = Remediations(storage, policy, executors, catalog, clock, worker.holder)
    remediations.register_timers(worker)
    return remediations


def resource_catalog(settings: Settings, policy: Policy) -> ResourceCatalog:
    """``OPSDESK_RESOURCES`` (or the bundled example), its executors checked against the policy.

    An operator's catalog must name executors the policy defines (one line and exit otherwise);
    the bundled example is only warned about, and its grants fail closed at the executor.
    """
    from bot.desk.resources import ResourceCatalogError, load_resources

    catalog = load_resources(settings.resources_file)
    if policy.configured and (undefined := catalog.undefined_executor(policy.executors)) is not None:
        index, resource = undefined
        problem = f"executor {resource.executor!r} is not defined in the remediation policy (OPSDESK_POLICY)"
        if settings.resources_file is not None:
            raise ResourceCatalogError(catalog.source, f"resources.{index}.executor", problem)
        log.warning("%s: resources.%d.executor: %s", catalog.source, index, problem)
    return catalog


def _access_desk(
    settings: Settings,
    remediations: Remediations,
    storage: Storage,
    clock: Clock,
    worker: TimerWorker,
    metrics: ServerMetrics,
) -> AccessDesk:
    """Access requests over the resource catalog, granted through remediation's policy and executors."""
    from bot.desk.access import AccessDesk, AccessTiming

    policy = remediations.policy
    timing = AccessTiming(approval=timedelta(hours=settings.access_approval_hours))
    catalog = resource_catalog(settings, policy)
    desk = AccessDesk(storage, catalog, policy, remediations.executors, clock, metrics=metrics, timing=timing)
    desk.register_timers(worker)
    return desk


def _remember_resolved_incidents(service: Service, knowledge: Knowledge) -> None:
    from bot.incidents.knowledge import IncidentMemory

    memory = IncidentMemory(service.storage.incidents, service.storage.analyses, knowledge)
    service.investigations.add_observer(memory)

    async def drain(_: web.Application) -> None:
        await memory.drain()

    service.app.on_cleanup.insert(0, drain)


def _refused_notice(bot: SlackBot, channel: str) -> Callable[[list[RefusedAlert]], None]:
    """Posts a notice of refused alerts to ``channel`` in the background: the webhook's answer
    never waits on Slack, and a failed notice is logged (the alerts are logged and counted anyway)."""
    from bot.slack.client import safe
    from bot.slack.views.notes import refused_alerts

    services = bot.incidents

    async def post(text: str) -> None:
        await safe(services.poster.post(channel, text=text, unfurl_links=False))

    def notice(refused: list[RefusedAlert]) -> None:
        services.runner.spawn(post(refused_alerts(refused)), "refused-notice")

    return notice


def _watch_slack(service: Service, bot: SlackBot) -> None:
    """Slack calls and errors on ``/metrics``, Slack trouble on ``/readyz``, the token checked at start-up."""
    from bot.observability.readiness import SlackAuth
    from bot.observability.slack import SlackHealth
    from bot.slack.client import ObservedWebClient

    client = bot.incidents.client
    if not isinstance(client, ObservedWebClient):
        return
    health = SlackHealth(service.metrics.slack_api_calls, service.metrics.slack_api_errors)
    client.health = health
    auth = SlackAuth(client, health, service.clock)
    service.readiness.add("slack", auth.check)

    async def check_token() -> None:
        result = await auth.check()  # the same auth.test the readiness probe would ask
        if result.ok and not result.degraded:
            log.info("Slack token accepted")
        else:
            log.error("Slack token check failed: %s", result.detail)

    async def start(_: web.Application) -> None:
        bot.incidents.runner.spawn(check_token(), "slack-auth-test")

    service.app.on_startup.append(start)


def desk_parts(
    settings: Settings,
    storage: Storage,
    clock: Clock,
    closers: list[Callable[[], Awaitable[None]]],
    *,
    given: DeskParts | None = None,
) -> DeskParts:
    """The service desk's parts: the intent router, the knowledge base (the ``kb`` collection of
    the RAG store, when indexed), the configured ticket system. ``given`` overrides (tests,
    benchmarks); its ticket system, when it names none, is the configured one."""
    from dataclasses import replace

    from bot.desk.knowledge import RetrievalKnowledgeBase
    from bot.desk.service import DeskParts, classification_priority

    if given is not None:
        if given.tickets is None:
            given = replace(given, tickets=ticket_system(settings, storage, clock, closers))
        if given.adviser is None:
            given = replace(given, adviser=desk_routing_adviser(settings, closers))
        return given
    store = knowledge_store(settings)
    knowledge = RetrievalKnowledgeBase(store, url_template=settings.runbook_url) if store.has_index() else None
    return DeskParts(
        classifier=desk_classifier(store.embedder),
        knowledge=knowledge,
        tickets=ticket_system(settings, storage, clock, closers),
        priority=classification_priority,
        adviser=desk_routing_adviser(settings, closers),
    )


def warm_desk_in_background(service: Service) -> None:
    """Embed the desk router's examples in a thread (tens of seconds on two cores), so the first
    employee's message does not wait for them; ``opsdesk serve`` calls it once it listens. Like the
    runbook index's warm-up, only where something is indexed: the router shares that model, and
    a bot with no knowledge base is not yet answering anyone."""
    handlers = service.slack.desk if service.slack is not None else None
    if handlers is not None and knowledge_store(service.settings).has_index():
        _warm_in_background("desk", "desk router", handlers.desk.classifier.warm)


def _watch_desk(service: Service) -> None:
    """The desk's deflection, escalation and satisfaction on ``/metrics``, read from the store."""
    from bot.observability.desk import DeskMetrics

    service.samplers.append(DeskMetrics(service.registry, service.storage.desk_conversations))


def _mount_slack(
    service: Service,
    client: AsyncWebClient | None,
    poster: Poster | None,
    queues: QueueDepths,
    desk: DeskParts | None = None,
) -> SlackBot | None:
    """Slack on ``/slack/events`` (HTTP mode), or Socket Mode with ``SLACK_APP_TOKEN``; none without a token."""
    settings = service.settings
    if not settings.slack_bot_token:
        if settings.slack_app_token or settings.slack_signing_secret:
            log.warning("Slack disabled: SLACK_BOT_TOKEN is not set")
        return None
    from bot.slack.app import build_slack
    from bot.slack.client import slack_client
    from bot.slack.publisher import POST_TIMER, RESOLVED_TIMER
    from bot.slack.socket_mode import attach_socket_mode

    client = client or slack_client(settings)
    socket_mode = bool(settings.slack_app_token)
    if desk is not None and desk.access is None and service.access is not None:
        from dataclasses import replace

        from bot.desk.service import AccessForm

        desk = replace(desk, access=AccessForm(service.access.catalog))
    bot = build_slack(
        settings,
        service.catalog,
        service.storage,
        service.investigations,
        service.worker,
        socket_mode=socket_mode,
        clock=service.clock,
        client=client,
        poster=poster,
        postmortems=service.postmortems,
        remediations=service.remediations,
        access=service.access,
        desk=desk,
    )
    if desk is not None:
        _watch_desk(service)
    if bot.desk is not None and service.ticket_mirror is not None:
        service.ticket_mirror.on_news(bot.desk.tell_ticket_news)
    service.investigations.add_observer(bot.incidents)
    queues.post_kinds = {POST_TIMER, RESOLVED_TIMER}
    queues.local_queue = lambda: bot.incidents.poster.waiting
    _watch_slack(service, bot)
    if socket_mode:
        attach_socket_mode(service.app, bot, str(settings.slack_app_token))
    else:
        service.app.router.add_post("/slack/events", bot.handle)
    log.debug("Slack mounted", extra={"mode": "socket" if socket_mode else "http"})
    return bot
