"""Infrastructure rules: infra changes outside the catalog (a node pool, a network) followed by
trouble in the neighbourhood, and host or platform failures in a service's own logs."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from bot.engine.describe import change_text, hhmm, minutes
from bot.engine.facts import Facts, ServiceFacts
from bot.engine.model import Evidence
from bot.engine.rules.candidate import Candidate, Outcome
from bot.engine.rules.evidence import MORE_QUOTED_LINES, SUPPORTING_ONSET_WEIGHT, log_evidence, onset_evidence
from bot.engine.rules.measures import (
    COMPUTE_SIGNALS,
    earlier_root,
    host_words,
    lag_timing,
    plausibility,
    saturating,
    shared_climb,
    shared_egress,
    sole_platform,
    trouble,
    trouble_at,
    way_out,
)
from bot.engine.rules.weights import (
    HOST_LINES_SCALE,
    MAX_CHANGE_LAG,
    VICTIM_FACTOR,
)

#: Services starved together beyond the first at which a shared cause's strength reaches 1 - 1/e.
SHARED_CLIMB_SCALE = 2.0
#: Weight of the services starved together, as evidence against what they share.
SHARED_CLIMB_WEIGHT = 0.8
#: Services named in a shared climb's summary.
LISTED_SERVICES = 4
#: Strength of host-level trouble known from one log line.
HOST_STRENGTH_FLOOR = 0.5
#: Strength that many host-level log lines add to HOST_STRENGTH_FLOOR.
HOST_STRENGTH_SPAN = 0.5
#: Score of host-level trouble with the faintest evidence: logs alone are a weaker case.
HOST_SCORE_FLOOR = 0.2
#: Score host-level trouble gains from full-strength evidence.
HOST_SCORE_STRENGTH = 0.5
#: Weight of host-level log lines as evidence.
HOST_LINE_WEIGHT = 0.75
#: An infra change outside the catalog is a guess about where it struck: its score is scaled by this.
UNPLACED_FACTOR = 0.7
#: Weight of an infra change outside the catalog as evidence.
UNPLACED_CHANGE_WEIGHT = 0.85


def shared_compute_rule(f: Facts) -> Iterator[Outcome]:
    """Several services out of CPU or memory at once, with no surge behind it: the node pool
    they share ran short (see :func:`~bot.engine.rules.measures.shared_climb`)."""
    if (pool := sole_platform(f, "nodes")) is None or (climb := shared_climb(f)) is None:
        return
    starved = _listed(climb.services)
    note = f"{starved} ran out of CPU or memory together at {hhmm(climb.at)}, with no surge behind it"
    summary = f"{pool} ran short under {len(climb.services)} services at {hhmm(climb.at)}: {starved} starved together"
    onsets = (
        e
        for name in climb.services
        for e in onset_evidence(f.services[name], COMPUTE_SIGNALS, weight=SUPPORTING_ONSET_WEIGHT)
    )
    yield _shared_cause(pool, len(climb.services), climb.at, note, summary, onsets)


def shared_egress_rule(f: Facts) -> Iterator[Outcome]:
    """Several providers unreachable from several services at once: the way out they share failed
    (see :func:`~bot.engine.rules.measures.shared_egress`)."""
    if (egress := shared_egress(f)) is None or (exit_point := way_out(f, egress.at)) is None:
        return
    hosts = _listed(egress.hosts)
    note = f"{_listed(egress.services)} could not reach {hosts} from {hhmm(egress.at)}"
    summary = (
        f"{exit_point} failed at {hhmm(egress.at)}: {len(egress.hosts)} outside hosts unreachable at once ({hosts})"
    )
    lines = log_evidence(list(egress.signatures[:MORE_QUOTED_LINES]), weight=HOST_LINE_WEIGHT)
    yield _shared_cause(exit_point, len(egress.hosts), egress.at, note, summary, lines)


def _shared_cause(
    component: str, count: int, at: datetime, note: str, summary: str, more: Iterable[Evidence]
) -> Candidate:
    """A platform component blamed for ``count`` things failing together at ``at``: the more of
    them, the stronger the case."""
    strength = 1.0 - math.exp(-(count - 1) / SHARED_CLIMB_SCALE)
    together = Evidence(kind="topology", service=component, at=at, weight=SHARED_CLIMB_WEIGHT, text=note)
    return Candidate("infrastructure", component, plausibility(strength), summary, at, [together, *more])


def _listed(names: Sequence[str]) -> str:
    shown = ", ".join(names[:LISTED_SERVICES])
    return shown + (f" and {len(names) - LISTED_SERVICES} more" if len(names) > LISTED_SERVICES else "")


def unplaced_infra_rule(f: Facts) -> Iterator[Outcome]:
    """An infra change outside the catalog (a node pool, a network) followed by trouble in the neighbourhood."""
    for change in f.unplaced_changes:
        if change.kind != "infra":
            continue
        hits = []
        for name in f.neighbourhood:
            at = trouble_at(f.services[name])
            if at is not None and change.started_at - f.tolerance <= at <= change.started_at + MAX_CHANGE_LAG:
                hits.append((at, name))
        if not hits:
            continue
        at, name = min(hits)
        if (root := earlier_root(f, name, at)) and root.factor <= VICTIM_FACTOR:
            continue
        lag = at - change.started_at
        facts = f.services[name]
        evidence = [
            Evidence(
                kind="change",
                service=change.service,
                at=change.started_at,
                weight=UNPLACED_CHANGE_WEIGHT,
                text=change_text(change),
                ref=change.id,
            ),
            *onset_evidence(facts),
        ]
        score = UNPLACED_FACTOR * lag_timing(f, lag) * plausibility(trouble(facts))
        summary = (
            f"Infrastructure change {change.id} at {hhmm(change.started_at)}, {minutes(lag)} before {name} degraded"
        )
        yield Candidate("infrastructure", name, score, summary, change.started_at, evidence, change)


def host_rule(f: Facts, facts: ServiceFacts) -> Iterator[Outcome]:
    """Infrastructure trouble visible only in the service's own logs (node, volume, network)."""
    name = facts.name
    words = host_words(facts)
    if not words:
        return
    began = min((s.first_after for s in words if s.first_after), default=None)
    count = sum(s.count_after for s in words)
    strength = HOST_STRENGTH_FLOOR + HOST_STRENGTH_SPAN * saturating(count, HOST_LINES_SCALE)
    root = earlier_root(f, name, began) if began else None
    factor = root.factor if root else 1.0
    evidence = [
        *log_evidence(words[:MORE_QUOTED_LINES], weight=HOST_LINE_WEIGHT),
        *onset_evidence(facts, weight=SUPPORTING_ONSET_WEIGHT),
    ]
    score = plausibility(strength, HOST_SCORE_FLOOR, HOST_SCORE_STRENGTH) * factor
    summary = f"{name} shows host or platform failures from {hhmm(began)}"
    yield Candidate("infrastructure", name, score, summary, began, evidence)
