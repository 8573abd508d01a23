"""Hand-built incident situations for the engine's unit tests: facts without series or logs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.catalog import Catalog
from bot.engine.evidence import ChangeEvent
from bot.engine.facts import Facts, ServiceFacts
from bot.engine.model import LogSignature, Onset

T0 = datetime(2026, 3, 4, 14, 0, tzinfo=UTC)
STEP = timedelta(seconds=30)
TOLERANCE = timedelta(seconds=120)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def catalog(services: Mapping[str, Mapping[str, Any]]) -> Catalog:
    """``{"api": {"depends_on": ["db"]}, "db": {}}`` as a validated catalog."""
    return Catalog.from_mapping({"services": {name: dict(fields) for name, fields in services.items()}})


def onset(
    service: str,
    signal: str,
    minutes: float,
    *,
    baseline: float = 0.01,
    level: float = 0.3,
    peak: float | None = None,
    strength: float = 1.0,
    direction: str = "up",
) -> Onset:
    return Onset.model_validate(
        {
            "service": service,
            "signal": signal,
            "at": at(minutes),
            "direction": direction,
            "baseline": baseline,
            "level": level,
            "peak": level if peak is None else peak,
            "z": 20.0,
            "strength": strength,
        }
    )


def errors(service: str, minutes: float, *, count: int = 20, mentions: tuple[str, ...] = ()) -> LogSignature:
    """A new error signature: ``count`` lines from ``minutes`` on, naming ``mentions``."""
    return lines(service, f"call to {' '.join(mentions) or 'backend'} failed", minutes, count=count, mentions=mentions)


def lines(
    service: str,
    template: str,
    minutes: float,
    *,
    count: int = 20,
    before: int = 0,
    level: str = "error",
    mentions: tuple[str, ...] = (),
) -> LogSignature:
    return LogSignature(
        service=service,
        level=level,
        template=template,
        count_before=before,
        count_after=count,
        first_after=at(minutes),
        example=template,
        mentions=mentions,
    )


def change(service: str, minutes: float, kind: str = "deploy", change_id: str = "c1") -> ChangeEvent:
    return ChangeEvent.model_validate(
        {
            "id": change_id,
            "service": service,
            "kind": kind,
            "version": "v2",
            "previous_version": "v1",
            "started_at": at(minutes),
        }
    )


def situation(
    graph: Catalog,
    alerting: Iterable[str],
    *,
    onsets: Iterable[Onset] = (),
    signatures: Iterable[LogSignature] = (),
    changes: Iterable[ChangeEvent] = (),
    unplaced: Iterable[ChangeEvent] = (),
    signals: Mapping[str, Iterable[str]] | None = None,
    logs_available: bool = True,
) -> Facts:
    """Facts as :func:`bot.engine.facts.build_facts` would leave them, from already-found onsets,
    trouble signatures and changes. Every service with an onset has that signal; ``signals``
    adds signals that stayed at baseline."""
    alerting = tuple(alerting)
    neighbourhood = tuple(graph.neighbourhood(alerting))
    siblings = tuple(graph.siblings(alerting))
    services = {
        name: ServiceFacts(
            name=name,
            external=bool((svc := graph.get(name)) and svc.is_external),
            platform=bool(svc and svc.is_platform),
            queue=bool(svc and svc.kind == "queue"),
        )
        for name in (*neighbourhood, *siblings)
    }
    for name, names in (signals or {}).items():
        services[name].signals.update(names)
    found = list(onsets)
    for o in found:
        services[o.service].signals.add(o.signal)
        services[o.service].onsets[o.signal] = o
    troubles = list(signatures)
    for s in troubles:
        services[s.service].trouble_signatures.append(s)
        for peer in s.mentions:
            services[peer].blamed_in.append(s)
    for c in changes:
        services[c.service].changes.append(c)
    return Facts(
        now=at(30),
        alerting=alerting,
        neighbourhood=neighbourhood,
        siblings=siblings,
        services=services,
        catalog=graph,
        tolerance=TOLERANCE,
        step=STEP,
        split_at=at(-1),
        signatures=troubles,
        onsets=found,
        unplaced_changes=list(unplaced),
        logs_available=logs_available,
        metrics_available=True,
    )
