"""Prometheus metrics of the HTTP intake and the investigation scheduler.

Metrics live in a registry the caller passes in (``serve`` passes the process
default, which adds process and GC metrics; tests pass a fresh one), so the
same names can be registered once per application without global state.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

HOOKS = ("alertmanager", "deploy")
INVESTIGATION_OUTCOMES = ("ok", "error", "timeout", "skipped")
INVESTIGATION_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


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
        for hook in HOOKS:
            self.webhooks_received.labels(hook=hook)
        for reason in ("invalid", "unknown_service"):
            self.alerts_refused.labels(reason=reason)
        for outcome in INVESTIGATION_OUTCOMES:
            self.investigations.labels(outcome=outcome)
