"""Which incident an alert belongs to: pure rules, shared by intake and replay.

An alert joins an open incident when its service is the incident's service or
is connected to one of them through the catalog's dependency graph (one is a
transitive dependency of the other), and it started within ``window`` of the
incident's latest alert. Otherwise it opens a new incident.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.catalog import Catalog
from bot.intake.alertmanager import Alert


@dataclass
class OpenIncident:
    key: str
    services: set[str]
    opened_at: datetime
    last_alert_at: datetime
    fingerprints: set[str] = field(default_factory=set)


def find_incident(
    alert: Alert, incidents: Iterable[OpenIncident], catalog: Catalog, window: timedelta
) -> OpenIncident | None:
    """The open incident ``alert`` belongs to, most recently active first; None means a new one."""
    best: OpenIncident | None = None
    for incident in incidents:
        if alert.fingerprint in incident.fingerprints:
            return incident
        if alert.starts_at > incident.last_alert_at + window:
            continue
        if alert.starts_at < incident.opened_at - window:
            continue
        if not any(catalog.related(alert.service, s) for s in incident.services):
            continue
        if best is None or incident.last_alert_at > best.last_alert_at:
            best = incident
    return best


def group_alerts(alerts: Sequence[Alert], catalog: Catalog, window: timedelta) -> list[list[Alert]]:
    """Group a batch of alerts into incidents, in start order (used by replay)."""
    incidents: list[OpenIncident] = []
    groups: dict[str, list[Alert]] = {}
    for alert in sorted(alerts, key=lambda a: a.starts_at):
        incident = find_incident(alert, incidents, catalog, window)
        if incident is None:
            incident = OpenIncident(
                key=str(len(incidents)),
                services=set(),
                opened_at=alert.starts_at,
                last_alert_at=alert.starts_at,
            )
            incidents.append(incident)
            groups[incident.key] = []
        incident.services.add(alert.service)
        incident.fingerprints.add(alert.fingerprint)
        incident.last_alert_at = max(incident.last_alert_at, alert.starts_at)
        groups[incident.key].append(alert)
    return [groups[i.key] for i in incidents]
