"""Prometheus metrics of the HTTP intake, the investigation scheduler, Slack and the work queues.

Metrics live in a registry the caller passes in (``serve`` passes the process
default, which adds process and GC metrics; tests pass a fresh one), so the
same names can be registered once per application without global state.

Counters are counted where things happen; the gauges of queue depths and readiness are set just
before each scrape (``/metrics`` runs the samplers it was given: :class:`QueueDepths`, readiness),
since what they measure lives in the database and in other processes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

if TYPE_CHECKING:
    from bot.store.inbox import InboxRepository
    from bot.store.timers import TimerRepository

HOOKS = ("alertmanager", "deploy")
INVESTIGATION_OUTCOMES = ("ok", "error", "timeout", "skipped")
TIMER_STATES = ("pending", "running")
INVESTIGATION_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
#: Time to grant access spans an instant policy grant to owners answering the next day.
ACCESS_GRANT_BUCKETS = (1, 10, 60, 300, 900, 1800, 3600, 4 * 3600, 12 * 3600, 24 * 3600)


class ServerMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        self.webhooks_received = Counter(
            "opsdesk_webhooks_received",
            "Webhook requests received, by hook.",
            ["hook"],
            registry=registry,
        )
        self.webhooks_rejected = Counter(
            "opsdesk_webhooks_rejected",
            "Webhook requests refused, by hook and reason.",
            ["hook", "reason"],
            registry=registry,
        )
        self.alerts_accepted = Counter(
            "opsdesk_alerts_accepted",
            "Alerts the Alertmanager hook acknowledged (kept in the alert inbox until grouped).",
            registry=registry,
        )
        self.alerts_ingested = Counter(
            "opsdesk_alerts_ingested",
            "Alerts stored for the first time (or firing again after their incident closed).",
            registry=registry,
        )
        self.alert_duplicates = Counter(
            "opsdesk_alert_duplicates",
            "Repeat notifications of alerts already stored.",
            registry=registry,
        )
        self.alerts_refused = Counter(
            "opsdesk_alerts_refused",
            "Alerts of an accepted or refused webhook body that were not kept, by reason (invalid, unknown_service).",
            ["reason"],
            registry=registry,
        )
        self.alerts_resolved = Counter("opsdesk_alerts_resolved", "Alerts that changed to resolved.", registry=registry)
        self.incidents_opened = Counter("opsdesk_incidents_opened", "Incidents opened by intake.", registry=registry)
        self.changes_recorded = Counter(
            "opsdesk_changes_recorded",
            "Change events stored from /hooks/deploy.",
            registry=registry,
        )
        self.investigations = Counter(
            "opsdesk_investigations",
            "Investigations run, by outcome (ok, error, timeout, skipped).",
            ["outcome"],
            registry=registry,
        )
        self.investigation_seconds = Histogram(
            "opsdesk_investigation_duration_seconds",
            "Wall time of one investigation, evidence gathering and storing included.",
            buckets=INVESTIGATION_BUCKETS,
            registry=registry,
        )
        self.slack_api_calls = Counter(
            "opsdesk_slack_api_calls",
            "Slack Web API calls made, by method (retries inside the client count once).",
            ["method"],
            registry=registry,
        )
        self.slack_api_errors = Counter(
            "opsdesk_slack_api_errors",
            "Slack Web API calls that failed for good, by method and Slack's error name "
            "(connection_error, timeout when Slack did not answer).",
            ["method", "error"],
            registry=registry,
        )
        self.timers = Gauge(
            "opsdesk_timers",
            "Durable timers (queued work) not yet done, by kind and state (pending, running), all processes.",
            ["kind", "state"],
            registry=registry,
        )
        self.alert_inbox = Gauge(
            "opsdesk_alert_inbox",
            "Webhooks acknowledged and not yet grouped into incidents, all processes.",
            registry=registry,
        )
        self.slack_posts_pending = Gauge(
            "opsdesk_slack_posts_pending",
            "Incident posts and updates waiting to reach Slack: durable post timers not done, all processes.",
            registry=registry,
        )
        self.slack_queue_depth = Gauge(
            "opsdesk_slack_queue_depth",
            "Slack calls waiting in this process's per-channel posting queues.",
            registry=registry,
        )
        self.ready = Gauge(
            "opsdesk_ready",
            "1 when the readiness check passed at its last run (by check: database, slack, rag), else 0.",
            ["check"],
            registry=registry,
        )
        self.access_time_to_grant = Histogram(
            "opsdesk_access_time_to_grant_seconds",
            "From an access request to its grant (policy grants and owners' approvals alike).",
            buckets=ACCESS_GRANT_BUCKETS,
            registry=registry,
        )
        self.access_grants = Counter(
            "opsdesk_access_grants",
            "Access grants carried out (or recorded in shadow mode), by the resource's sensitivity.",
            ["sensitivity"],
            registry=registry,
        )
        self.access_revocations = Counter(
            "opsdesk_access_revocations",
            "Access grants taken back, by reason (expiry, early).",
            ["reason"],
            registry=registry,
        )
        for hook in HOOKS:
            self.webhooks_received.labels(hook=hook)
        for reason in ("invalid", "unknown_service"):
            self.alerts_refused.labels(reason=reason)
        for outcome in INVESTIGATION_OUTCOMES:
            self.investigations.labels(outcome=outcome)


class QueueDepths:
    """Sets the queue gauges from the timers and inbox tables (every process's queued work) before a scrape."""

    def __init__(
        self,
        timers: TimerRepository,
        metrics: ServerMetrics,
        kinds: Callable[[], Iterable[str]],
        *,
        post_kinds: Iterable[str] = (),
        local_queue: Callable[[], int] | None = None,
        inbox: InboxRepository | None = None,
    ) -> None:
        self._timers = timers
        self._inbox = inbox
        self._metrics = metrics
        self._kinds = kinds
        self.post_kinds = set(post_kinds)
        self.local_queue = local_queue

    async def __call__(self) -> None:
        counts = await self._timers.counts()
        if self._inbox is not None:
            self._metrics.alert_inbox.set(await self._inbox.depth())
        gauge = self._metrics.timers
        gauge.clear()
        for kind in self._kinds():
            for state in TIMER_STATES:
                gauge.labels(kind=kind, state=state).set(0)
        for (kind, state), count in counts.items():
            gauge.labels(kind=kind, state=state).set(count)
        self._metrics.slack_posts_pending.set(sum(n for (kind, _), n in counts.items() if kind in self.post_kinds))
        if self.local_queue is not None:
            self._metrics.slack_queue_depth.set(self.local_queue())
