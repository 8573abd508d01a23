"""Planning one intake batch: which alerts are new, repeated or resolved, and where they go.

Pure on purpose. The store reads what a batch needs in two queries (the stored
alerts with the batch's fingerprints, and the open incidents near the batch in
time), this module decides, and the store writes the decisions with a handful
of bulk statements. So the rules are testable without a database and intake
never issues a query per alert.

Rules, in the order they are checked for each alert (oldest ``starts_at`` first):

* seen earlier in the same batch: a repeat of that alert (its latest content wins);
* stored, and its incident is still open, or the notification says "resolved":
  a repeat; its status, times and counters are updated;
* never seen and already resolved: ignored (``unknown_resolved``): there is no outage left
  to respond to, and opening an incident only to close it would page for nothing;
* otherwise (never seen, or firing again after its incident was resolved): a
  new occurrence, placed with :func:`bot.intake.grouping.find_incident` among the
  open incidents (including ones opened earlier in this batch) or opening one.

An incident is checked for resolution whenever one of its alerts resolves; the
store closes it when none of its alerts is still firing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.catalog import Catalog
from bot.intake.alertmanager import Alert
from bot.intake.grouping import OpenIncident, find_incident

_SEVERITY_RANK = {
    "critical": 5,
    "page": 5,
    "error": 4,
    "high": 4,
    "major": 4,
    "warning": 3,
    "medium": 3,
    "minor": 2,
    "low": 2,
    "info": 1,
}


def severity_rank(severity: str) -> int:
    return _SEVERITY_RANK.get(severity.lower(), 0)


def worst_severity(a: str, b: str) -> str:
    return b if severity_rank(b) > severity_rank(a) else a


@dataclass(frozen=True)
class KnownAlert:
    """What the store already holds for one fingerprint."""

    id: int
    fingerprint: str
    incident_id: int
    incident_open: bool
    status: str
    notifications: int


@dataclass
class IncidentDraft:
    """An open incident as the batch sees it. ``key`` is the row id, or negative when new."""

    key: int
    title: str
    severity: str
    grouping: OpenIncident
    new_firing: bool = False

    @property
    def is_new(self) -> bool:
        return self.key < 0

    def join(self, alert: Alert) -> None:
        self.grouping.services.add(alert.service)
        self.grouping.last_alert_at = max(self.grouping.last_alert_at, alert.starts_at)
        self.grouping.opened_at = min(self.grouping.opened_at, alert.starts_at)
        self.severity = worst_severity(self.severity, alert.severity)
        self.new_firing = self.new_firing or alert.status == "firing"


@dataclass(frozen=True)
class Arrival:
    """One alert and when its notification was received (a batch may gather several webhooks)."""

    alert: Alert
    received_at: datetime


@dataclass
class AlertWrite:
    """The row one fingerprint will have after the batch. ``id`` None means insert.

    ``placed`` is False for a repeat, whose stored row keeps its incident and start (and
    its ``first_received_at``: only a placed alert's is written).
    """

    alert: Alert
    incident_key: int
    id: int | None
    notifications: int
    first_received_at: datetime
    last_received_at: datetime
    placed: bool = True


@dataclass
class IngestPlan:
    drafts: dict[int, IncidentDraft]
    writes: dict[str, AlertWrite] = field(default_factory=dict)
    #: incident key -> latest end time among its alerts that resolved in this batch
    resolution_checks: dict[int, datetime] = field(default_factory=dict)
    joined: set[int] = field(default_factory=set)
    new: int = 0
    duplicates: int = 0
    resolved: int = 0
    unknown_resolved: int = 0

    @property
    def new_drafts(self) -> list[IncidentDraft]:
        return [d for d in self.drafts.values() if d.is_new]

    @property
    def changed_existing(self) -> list[IncidentDraft]:
        return [d for d in self.drafts.values() if not d.is_new and d.key in self.joined]


def open_draft(
    incident_id: int,
    title: str,
    severity: str,
    services: Iterable[str],
    opened_at: datetime,
    last_alert_at: datetime,
) -> IncidentDraft:
    """A stored open incident, ready for grouping."""
    grouping = OpenIncident(str(incident_id), set(services), opened_at, last_alert_at)
    return IncidentDraft(incident_id, title, severity, grouping)


def needs_placement(alert: Alert, stored: KnownAlert | None) -> bool:
    """Whether ``alert`` is a new occurrence that grouping must place (module docstring)."""
    if stored is None:
        return True
    return not stored.incident_open and alert.status == "firing"


def plan_ingest(
    alerts: Iterable[Alert],
    known: Mapping[str, KnownAlert],
    open_incidents: Iterable[IncidentDraft],
    catalog: Catalog,
    window: timedelta,
    received_at: datetime,
) -> IngestPlan:
    """Decide every write for one batch received at once (see the module docstring for the rules)."""
    arrivals = [Arrival(alert, received_at) for alert in alerts]
    return plan_arrivals(arrivals, known, open_incidents, catalog, window)


def plan_arrivals(
    arrivals: Iterable[Arrival],
    known: Mapping[str, KnownAlert],
    open_incidents: Iterable[IncidentDraft],
    catalog: Catalog,
    window: timedelta,
) -> IngestPlan:
    """Decide every write for one batch whose alerts arrived at their own times, in arrival order."""
    plan = IngestPlan(drafts={d.key: d for d in open_incidents})
    for arrival in sorted(arrivals, key=lambda a: a.alert.starts_at):
        alert, received_at = arrival.alert, arrival.received_at
        earlier = plan.writes.get(alert.fingerprint)
        stored = known.get(alert.fingerprint)
        if earlier is not None:
            _repeat(plan, earlier, alert, earlier.alert.status, received_at)
        elif stored is not None and not needs_placement(alert, stored):
            write = AlertWrite(
                alert, stored.incident_id, stored.id, stored.notifications, received_at, received_at, False
            )
            plan.writes[alert.fingerprint] = write
            _repeat(plan, write, alert, stored.status, received_at)
        elif stored is None and alert.status == "resolved":
            plan.unknown_resolved += 1
        else:
            _place(plan, alert, stored, catalog, window, received_at)
    return plan


def _repeat(plan: IngestPlan, write: AlertWrite, alert: Alert, previous_status: str, received_at: datetime) -> None:
    write.alert = alert
    write.notifications += 1
    write.last_received_at = max(write.last_received_at, received_at)
    plan.duplicates += 1
    if alert.status == "resolved" and previous_status != "resolved":
        _note_resolution(plan, write.incident_key, alert, received_at)


def _place(
    plan: IngestPlan,
    alert: Alert,
    stored: KnownAlert | None,
    catalog: Catalog,
    window: timedelta,
    received_at: datetime,
) -> None:
    groupings = (d.grouping for d in plan.drafts.values())
    match = find_incident(alert, groupings, catalog, window)
    draft = _new_draft(plan, alert) if match is None else plan.drafts[int(match.key)]
    draft.join(alert)
    plan.joined.add(draft.key)
    plan.new += 1
    notifications = stored.notifications + 1 if stored else 1
    plan.writes[alert.fingerprint] = AlertWrite(
        alert, draft.key, stored.id if stored else None, notifications, received_at, received_at
    )
    if alert.status == "resolved":
        _note_resolution(plan, draft.key, alert, received_at)


def _new_draft(plan: IngestPlan, alert: Alert) -> IncidentDraft:
    key = -1 - len(plan.new_drafts)
    grouping = OpenIncident(str(key), set(), alert.starts_at, alert.starts_at)
    draft = IncidentDraft(key, f"{alert.alertname} on {alert.service}", alert.severity, grouping)
    plan.drafts[key] = draft
    return draft


def _note_resolution(plan: IngestPlan, key: int, alert: Alert, received_at: datetime) -> None:
    plan.resolved += 1
    ended = alert.ends_at or received_at
    previous = plan.resolution_checks.get(key)
    plan.resolution_checks[key] = ended if previous is None else max(previous, ended)


def in_runs(notifications: Iterable[Sequence[Arrival]]) -> list[list[Arrival]]:
    """Notifications, in arrival order, cut into runs to plan one at a time: a run ends after a
    notification that resolves an alert, so what fires after it is placed once the incidents it
    closes are closed (a firing alert planned with them would keep such an incident open)."""
    runs: list[list[Arrival]] = [[]]
    for notification in notifications:
        runs[-1].extend(notification)
        if any(arrival.alert.status == "resolved" for arrival in notification):
            runs.append([])
    return [run for run in runs if run]
