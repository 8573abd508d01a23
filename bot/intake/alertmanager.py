"""Alertmanager webhook bodies (version 4) and the alerts opsdesk keeps from them.

Parsing is pure and strict: a body is accepted whole or rejected whole with the
first problem named, so a bad request never stores half of its alerts.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.catalog import Catalog
from bot.errors import InputError, UnknownServiceError, first_validation_problem
from bot.intake.body import json_body

MAX_ALERTS_PER_BODY = 1000
_UNSET_YEAR = 1970  # Alertmanager sends 0001-01-01T00:00:00Z for "no end yet"


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
        if value is not None and value.tzinfo is None:
            raise ValueError("timestamp needs a timezone (RFC 3339)")
        return value


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
    alerts: list[_WireAlert] = Field(min_length=1, max_length=MAX_ALERTS_PER_BODY)


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


def label_fingerprint(labels: dict[str, str]) -> str:
    """A stable 16-hex id from the label set, for senders that give no fingerprint."""
    canonical = json.dumps(sorted(labels.items()), separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def parse_alertmanager(
    payload: bytes | str | dict[str, Any],
    catalog: Catalog,
    now: datetime,
    max_clock_skew: timedelta = timedelta(minutes=5),
) -> list[Alert]:
    """Validate a webhook body and return its alerts, or raise :class:`InputError`."""
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
    latest_allowed = now + max_clock_skew
    alerts: list[Alert] = []
    for index, wire in enumerate(body.alerts):
        where = f"alerts.{index}"
        for required in ("alertname", "service"):
            if not wire.labels.get(required, "").strip():
                raise InputError(f"{where}.labels.{required}", "missing label")
        service = wire.labels["service"]
        if service not in catalog:
            raise UnknownServiceError(f"{where}.labels.service", f"unknown service {service!r} (not in the catalog)")
        if wire.startsAt > latest_allowed:
            raise InputError(
                f"{where}.startsAt",
                f"{wire.startsAt.isoformat()} is in the future (now {now.isoformat()})",
            )
        ends_at = wire.endsAt if wire.endsAt and wire.endsAt.year >= _UNSET_YEAR else None
        alerts.append(
            Alert(
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
        )
    return alerts
