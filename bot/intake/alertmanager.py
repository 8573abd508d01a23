"""Alertmanager webhook bodies (version 4) and the alerts opsdesk keeps from them.

Parsing is pure. A body that is not a version-4 webhook is refused whole. Inside a good body
each alert is checked on its own (:func:`parse_alert_batch`): the valid ones are kept and each
invalid one is refused with its problem named, because Alertmanager drops a whole batch that
is answered 4xx, and one alert without a ``service`` label must not cost the others their page.
:func:`parse_alertmanager` is the strict form (replay): any refused alert refuses the body.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.catalog import Catalog
from bot.errors import InputError, UnknownServiceError, first_validation_problem
from bot.intake.body import json_body

MAX_ALERTS_PER_BODY = 1000
_UNSET_YEAR = 1970  # Alertmanager sends 0001-01-01T00:00:00Z for "no end yet"
#: An alert that started longer ago than this is refused: a clock at the epoch or a
#: zero time, not an outage to open an incident for (it would be dated then).
MAX_ALERT_AGE = timedelta(days=365)
#: Longest value kept per label; ``alertname`` and ``service`` are stored in 200-character
#: columns and ``severity`` in a 32-character one.
MAX_END_AHEAD = timedelta(days=366)
MAX_LABEL_VALUE = 1000
MAX_ANNOTATION_VALUE = 10_000
_COLUMN_LIMITS = {"alertname": 200, "service": 200, "severity": 32}


class _WireAlert(BaseModel):
    model_config = ConfigDict(extra="ignore")

    status: Literal["firing", "resolved"]
    labels: dict[str, str]
    annotations: dict[str, str] = Field(default_factory=dict)
    startsAt: datetime
    endsAt: datetime | None = None
    generatorURL: str = ""
    fingerprint: str | None = Field(default=None, max_length=128)

    @field_validator("startsAt", "endsAt")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamp needs a timezone (RFC 3339)")
        return in_utc(value)


class WebhookBody(BaseModel):
    model_config = ConfigDict(extra="ignore")

    version: Literal["4"]
    status: Literal["firing", "resolved"]
    receiver: str = ""
    groupKey: str = ""
    truncatedAlerts: int = 0
    groupLabels: dict[str, str] = Field(default_factory=dict)
    commonLabels: dict[str, str] = Field(default_factory=dict)
    commonAnnotations: dict[str, str] = Field(default_factory=dict)
    externalURL: str = ""
    alerts: list[Any] = Field(min_length=1, max_length=MAX_ALERTS_PER_BODY)


class Alert(BaseModel):
    """One alert as opsdesk stores it; ``fingerprint`` identifies it across notifications."""

    model_config = ConfigDict(frozen=True)

    fingerprint: str
    alertname: str
    service: str
    status: Literal["firing", "resolved"]
    severity: str = "unknown"
    starts_at: datetime
    ends_at: datetime | None = None
    summary: str = ""
    labels: dict[str, str] = Field(default_factory=dict)
    annotations: dict[str, str] = Field(default_factory=dict)
    generator_url: str = ""
    source: str = "alertmanager"


def in_utc(value: datetime) -> datetime:
    """``value`` in UTC; a time that cannot be (year 1 east of UTC, year 9999 west of it) is a
    ``ValueError``, which validation reports as a problem of the input."""
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("timestamp out of range") from None


def label_problem(labels: dict[str, str]) -> tuple[str, str] | None:
    """The first label whose value is too long to keep, and why; ``None`` when all fit."""
    for name, value in labels.items():
        limit = _COLUMN_LIMITS.get(name, MAX_LABEL_VALUE)
        if len(value) > limit:
            return name, f"longer than {limit} characters ({len(value)})"
    return None


def label_fingerprint(labels: dict[str, str]) -> str:
    """A stable 16-hex id from the label set, for senders that give no fingerprint."""
    canonical = json.dumps(sorted(labels.items()), separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class RefusedAlert:
    """One alert of a body that was not kept: where it was, why, and what it said."""

    index: int
    field: str
    problem: str
    labels: dict[str, str]
    unknown_service: bool = False

    @property
    def error(self) -> str:
        return f"{self.field}: {self.problem}"


@dataclass(frozen=True)
class AlertBatch:
    alerts: list[Alert]
    refused: list[RefusedAlert]


def parse_alertmanager(
    payload: bytes | str | dict[str, Any],
    catalog: Catalog,
    now: datetime,
    max_clock_skew: timedelta = timedelta(minutes=5),
) -> list[Alert]:
    """Validate a webhook body and return its alerts, or raise :class:`InputError` for the first
    problem (the body or any one alert)."""
    batch = parse_alert_batch(payload, catalog, now, max_clock_skew)
    if batch.refused:
        first = batch.refused[0]
        error = UnknownServiceError if first.unknown_service else InputError
        raise error(first.field, first.problem)
    return batch.alerts


def parse_alert_batch(
    payload: bytes | str | dict[str, Any],
    catalog: Catalog,
    now: datetime,
    max_clock_skew: timedelta = timedelta(minutes=5),
) -> AlertBatch:
    """The valid alerts of a webhook body and the refused ones; :class:`InputError` for a bad body."""
    data = json_body(payload) if isinstance(payload, (bytes, str)) else payload
    if not isinstance(data, dict):
        raise InputError("body", "expected a JSON object (an Alertmanager webhook body)")
    if "version" in data and data["version"] != "4":
        raise InputError("version", f"unsupported webhook version {data['version']!r}; expected '4'")
    try:
        body = WebhookBody.model_validate(data)
    except ValidationError as error:
        key, problem = first_validation_problem(error)
        raise InputError(key, problem) from None
    alerts: list[Alert] = []
    refused: list[RefusedAlert] = []
    for index, item in enumerate(body.alerts):
        try:
            alerts.append(_alert(item, f"alerts.{index}", catalog, now, max_clock_skew))
        except InputError as error:
            refused.append(
                RefusedAlert(
                    index,
                    error.field,
                    error.problem,
                    _shown_labels(item),
                    unknown_service=isinstance(error, UnknownServiceError),
                )
            )
    return AlertBatch(alerts, refused)


def _alert(item: Any, where: str, catalog: Catalog, now: datetime, max_clock_skew: timedelta) -> Alert:
    if not isinstance(item, dict):
        raise InputError(where, "expected an alert object")
    try:
        wire = _WireAlert.model_validate(item)
    except ValidationError as error:
        key, problem = first_validation_problem(error, prefix=where)
        raise InputError(key, problem) from None
    for required in ("alertname", "service"):
        if not wire.labels.get(required, "").strip():
            raise InputError(f"{where}.labels.{required}", "missing label")
    if (too_long := label_problem(wire.labels)) is not None:
        label, text = too_long
        raise InputError(f"{where}.labels.{label[:60]}", text)
    for name, value in wire.annotations.items():
        if len(value) > MAX_ANNOTATION_VALUE:
            raise InputError(
                f"{where}.annotations.{name[:60]}", f"longer than {MAX_ANNOTATION_VALUE} characters ({len(value)})"
            )
    service = wire.labels["service"]
    if service not in catalog:
        raise UnknownServiceError(f"{where}.labels.service", f"unknown service {service!r} (not in the catalog)")
    if wire.startsAt > now + max_clock_skew:
        raise InputError(f"{where}.startsAt", f"{wire.startsAt.isoformat()} is in the future (now {now.isoformat()})")
    if wire.startsAt < now - MAX_ALERT_AGE:
        raise InputError(
            f"{where}.startsAt",
            f"{wire.startsAt.isoformat()} is more than {MAX_ALERT_AGE.days} days before now ({now.isoformat()})",
        )
    ends_at = wire.endsAt if wire.endsAt and wire.endsAt.year >= _UNSET_YEAR else None
    if ends_at is not None and ends_at > now + MAX_END_AHEAD:
        raise InputError(f"{where}.endsAt", f"{ends_at.isoformat()} is more than a year after now ({now.isoformat()})")
    return Alert(
        fingerprint=wire.fingerprint or label_fingerprint(wire.labels),
        alertname=wire.labels["alertname"],
        service=service,
        status=wire.status,
        severity=wire.labels.get("severity", "unknown"),
        starts_at=wire.startsAt,
        ends_at=ends_at,
        summary=wire.annotations.get("summary") or wire.annotations.get("description", ""),
        labels=wire.labels,
        annotations=wire.annotations,
        generator_url=wire.generatorURL,
    )


def _shown_labels(item: Any, keep: int = 10, width: int = 100) -> dict[str, str]:
    """A refused alert's labels as far as they can be shown: strings only, cut short."""
    labels = item.get("labels") if isinstance(item, dict) else None
    if not isinstance(labels, dict):
        return {}
    shown = [(str(k)[:width], v[:width]) for k, v in labels.items() if isinstance(v, str)]
    return dict(sorted(shown)[:keep])
