"""What the store hands back: immutable values, never live database rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.errors import OpsdeskError
from bot.intake.alertmanager import Alert

IncidentStatus = Literal["open", "resolved"]


class StoreUnavailable(OpsdeskError):
    """The database cannot be reached or is locked; the caller may retry later."""


class StoredAlert(Alert):
    """An alert as kept: the latest notification's content plus receipt bookkeeping."""

    incident_id: int
    first_received_at: datetime
    last_received_at: datetime
    notifications: int


class IncidentSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    title: str
    services: tuple[str, ...]
    status: IncidentStatus
    severity: str
    opened_at: datetime
    last_alert_at: datetime
    resolved_at: datetime | None = None


class IncidentScope(IncidentSummary):
    """An incident and the names of its alerts: what an investigation starts from."""

    alertnames: tuple[str, ...] = ()


class IncidentDetail(IncidentSummary):
    alerts: tuple[StoredAlert, ...] = ()

    @property
    def alertnames(self) -> tuple[str, ...]:
        return alertnames((a.alertname, a.status) for a in self.alerts)


def alertnames(names_and_statuses: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """Distinct names of the firing alerts (of all alerts when none is firing), sorted."""
    pairs = list(names_and_statuses)
    firing = {name for name, status in pairs if status == "firing"}
    return tuple(sorted(firing or {name for name, _ in pairs}))


@dataclass(frozen=True)
class IngestResult:
    """The outcome of one :meth:`bot.store.alerts.AlertRepository.ingest` call.

    Every alert of the batch is either ``new`` (first of its fingerprint, or firing
    again after its incident closed) or one of the ``duplicates`` (a repeat
    notification) or ``unknown_resolved``, so ``new + duplicates + unknown_resolved ==
    len(alerts)``; ``resolved`` counts, independently, the alerts whose status changed to resolved.
    ``investigate`` lists the incidents that got new firing alerts and are still
    open: the ones whose analysis is now stale. ``unknown_resolved`` counts the alerts that
    arrived already resolved without ever having fired here: not stored, no incident.
    """

    created: tuple[int, ...] = ()
    updated: tuple[int, ...] = ()
    resolved_incidents: tuple[int, ...] = ()
    investigate: tuple[int, ...] = ()
    new: int = 0
    duplicates: int = 0
    resolved: int = 0
    unknown_resolved: int = 0

    @property
    def incidents(self) -> tuple[int, ...]:
        return tuple(sorted({*self.created, *self.updated}))
