"""Change-event bodies of ``/hooks/deploy``: one event or a list, as in ``deploys.json``.

Pure and strict like :mod:`bot.intake.alertmanager`: a body is accepted whole or rejected
whole with the first problem named, so a bad request stores nothing. Each event
is validated with :class:`bot.engine.evidence.ChangeEvent`; on top of that, times
must carry a time zone, must not lie in the future (beyond the allowed clock
skew) nor more than :data:`MAX_CHANGE_AGE` in the past, and a rollout cannot finish before it starts.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError

from bot.catalog import Catalog
from bot.engine.evidence import ChangeEvent
from bot.errors import InputError, UnknownServiceError, first_validation_problem
from bot.intake.alertmanager import in_utc
from bot.intake.body import json_body

MAX_EVENTS_PER_BODY = 1000
#: Older changes explain no outage opsdesk investigates; a zero or epoch time is a sender's bug.
MAX_CHANGE_AGE = timedelta(days=3650)


def parse_change_events(
    payload: bytes | str,
    catalog: Catalog,
    now: datetime,
    max_clock_skew: timedelta = timedelta(minutes=5),
) -> list[ChangeEvent]:
    """Validate a deploy-hook body and return its events, or raise :class:`InputError`."""
    items, indexed = _items(payload)
    allowed = (now - MAX_CHANGE_AGE, now + max_clock_skew)
    events: list[ChangeEvent] = []
    for index, item in enumerate(items):
        prefix = f"{index}." if indexed else ""
        events.append(_event(item, prefix, catalog, allowed))
    return events


def _items(payload: bytes | str) -> tuple[list[Any], bool]:
    data = json_body(payload)
    if isinstance(data, dict):
        return [data], False
    if not isinstance(data, list):
        raise InputError("body", "expected a change event object or a list of them")
    if not data:
        raise InputError("body", "expected at least one change event")
    if len(data) > MAX_EVENTS_PER_BODY:
        raise InputError("body", f"at most {MAX_EVENTS_PER_BODY} change events per request")
    return data, True


def _event(item: Any, prefix: str, catalog: Catalog, allowed: tuple[datetime, datetime]) -> ChangeEvent:
    if not isinstance(item, dict):
        raise InputError(prefix.rstrip(".") or "body", "expected a change event object")
    try:
        event = ChangeEvent.model_validate(item)
    except ValidationError as error:
        key, problem = first_validation_problem(error, prefix=prefix.rstrip("."))
        raise InputError(key, problem) from None
    for name in ("started_at", "finished_at"):
        value: datetime | None = getattr(event, name)
        if value is None:
            continue
        if value.tzinfo is None:
            raise InputError(f"{prefix}{name}", "timestamp needs a timezone (RFC 3339)")
        if value > allowed[1]:
            raise InputError(f"{prefix}{name}", f"{value.isoformat()} is in the future")
        if value < allowed[0]:
            raise InputError(f"{prefix}{name}", f"{value.isoformat()} is more than {MAX_CHANGE_AGE.days} days ago")
        try:
            in_utc(value)
        except ValueError as error:
            raise InputError(f"{prefix}{name}", str(error)) from None
    if event.finished_at is not None and event.finished_at < event.started_at:
        raise InputError(f"{prefix}finished_at", "is before started_at")
    if event.service not in catalog:
        raise UnknownServiceError(f"{prefix}service", f"unknown service {event.service!r} (not in the catalog)")
    return event
