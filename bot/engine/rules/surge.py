"""The surge rule: more traffic than a service could take, and where it entered."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from bot.engine.describe import hhmm, minutes
from bot.engine.evidence import ChangeEvent
from bot.engine.facts import IMPAIRMENT_SIGNALS, RESOURCE_SIGNALS, Facts, ServiceFacts
from bot.engine.model import Discarded
from bot.engine.platform import family_members
from bot.engine.rules.candidate import Candidate, Outcome
from bot.engine.rules.evidence import (
    SUPPORTING_ONSET_WEIGHT,
    onset_evidence,
    rival_change_evidence,
    victim_evidence,
)
from bot.engine.rules.measures import (
    caller_change_before,
    change_between,
    delivered_change,
    earlier_root,
    effect_after,
    lag_timing,
    plausibility,
    queue_peers,
    trouble,
    trouble_at,
)
from bot.engine.rules.weights import CALLER_LOAD_FACTOR, DEGRADED, NO_EFFECT_FACTOR

#: Rise over the baseline (ratio - 1) at which a surge is at full strength: traffic tripled.
FULL_SURGE_RISE = 2.0
#: A faint surge onset keeps this share of its strength; a clear one keeps all of it.
SURGE_CLARITY_FLOOR = 0.5
#: Factor for a surge that came after the service was already failing.
FAILED_FIRST_FACTOR = 0.3
#: Factor when a caller surged about as much or more, no later: the traffic passed through it.
CALLER_SURGED_FACTOR = 0.5
#: Share of a surge a caller's own surge must reach to have passed it on: one request in can be a
#: few calls out (a hold and a release per order), so the callee's rise may be a little larger.
PASSED_ON_SHARE = 0.75
#: Factor when a dependency surged even more at the same time: it was the target.
TARGET_SURGED_FACTOR = 0.6
#: Traffic that rises this soon after the service's own change is that change's doing.
OWN_CHANGE_WINDOW = timedelta(minutes=30)
#: More calls with no more callers' traffic: fallbacks or retries amplified them.
AMPLIFIED_FACTOR = 0.4
#: Weight of a change of the edge in front of the service, as evidence against its surge.
EDGE_CHANGE_WEIGHT = 0.5
#: Weight of the request-rate onset as evidence.
SURGE_ONSET_WEIGHT = 0.95


def surge_rule(f: Facts, facts: ServiceFacts) -> Iterator[Outcome]:
    """A rise in the service's request rate shortly before the trouble."""
    name = facts.name
    if (component := f.catalog.get(name)) is not None and component.kind != "service":
        # a load balancer, a database or a provider passes traffic on; it starts at a service
        yield Discarded(
            cause="traffic_surge", culprit=name, reason=f"{name} is a {component.kind}: traffic starts at a service"
        )
        return
    surge = facts.surge
    if surge is None:
        yield Discarded(
            cause="traffic_surge",
            culprit=name,
            reason=f"{name}: no rise in request rate"
            if "request_rate" in facts.signals
            else f"{name}: no request-rate signal",
        )
        return
    clarity = SURGE_CLARITY_FLOOR + (1.0 - SURGE_CLARITY_FLOOR) * surge.strength
    strength = min(1.0, (surge.ratio - 1.0) / FULL_SURGE_RISE) * clarity
    factor = 1.0
    began = trouble_at(facts)
    if began is not None and began < surge.at - f.tolerance:
        factor *= FAILED_FIRST_FACTOR
    effect = effect_after(f, name, surge.at, downstream=True)
    if effect is None:
        factor *= NO_EFFECT_FACTOR
    elif not _backlog_of(f, name, surge.at, effect[1]):
        # like a change, a surge that hurts does so within minutes; a slow climb hours earlier
        # is the day's traffic shape, not the cause
        factor *= lag_timing(f, effect[0] - surge.at)
    # The surge started where it is most pronounced: a caller that surged as much or more
    # (the traffic passed through it) or a dependency that surged even more (it was the target).
    passed_on = False
    for other in [*f.dependents_within(name), *queue_peers(f, name)]:
        other_surge = f.services[other].surge
        if (
            other_surge is not None
            and other_surge.at <= surge.at + f.tolerance
            and other_surge.ratio >= PASSED_ON_SHARE * surge.ratio
        ):
            factor *= CALLER_SURGED_FACTOR
            passed_on = True
            break
    # a queue, a database or a provider passes the traffic on (one request can be many
    # messages): only a service can be where it was aimed
    for other in f.dependencies_within(name):
        other_surge = f.services[other].surge
        if (
            (component := f.catalog.get(other)) is not None
            and component.kind == "service"
            and other_surge is not None
            and abs(other_surge.at - surge.at) <= f.tolerance
            and other_surge.ratio > surge.ratio
        ):
            factor *= TARGET_SURGED_FACTOR
            break
    if [c for c in facts.changes if surge.at - OWN_CHANGE_WINDOW <= c.started_at <= surge.at + f.tolerance]:
        factor *= CALLER_LOAD_FACTOR
    edge_change = _edge_change_before(f, name, surge.at)
    if edge_change is not None:
        # what the edge in front of it stopped absorbing (a cache, a rate limit) now reaches it
        factor *= CALLER_LOAD_FACTOR
    if root := earlier_root(f, name, surge.at, load_explained=True):
        factor *= root.factor
    if delivered_change(f, name, surge.at) is not None:
        factor *= CALLER_LOAD_FACTOR  # its own lines name what another service's change put out
    callers = [f.services[c] for c in f.dependents_within(name) if "request_rate" in f.services[c].signals]
    if caller_change_before(f, name, surge.at) is not None:
        factor *= CALLER_LOAD_FACTOR
        if callers and not passed_on:
            # no caller brought this traffic in: the one that changed multiplied its own calls
            factor *= CALLER_LOAD_FACTOR
    if (
        callers
        and not any(c.surge is not None and c.surge.at <= surge.at + f.tolerance for c in callers)
        and _failing_by(f, surge.at)
    ):
        # retries and fallbacks multiply calls only where something already failed
        factor *= AMPLIFIED_FACTOR
    evidence = [
        *onset_evidence(facts, ("request_rate",), weight=SURGE_ONSET_WEIGHT),
        *onset_evidence(facts, (*RESOURCE_SIGNALS, *IMPAIRMENT_SIGNALS), weight=SUPPORTING_ONSET_WEIGHT),
        *victim_evidence(f, name, surge.at),
    ]
    if edge_change is not None:
        evidence.append(
            rival_change_evidence(edge_change, f"{edge_change.service}, in front of {name}", EDGE_CHANGE_WEIGHT)
        )
    summary = f"Traffic to {name} jumped {surge.ratio:.1f}× at {hhmm(surge.at)}"
    if effect is not None and effect[0] > surge.at:
        summary += f", {minutes(effect[0] - surge.at)} before {effect[1]} degraded"
    yield Candidate("traffic_surge", name, plausibility(strength) * factor, summary, surge.at, evidence)


def _edge_change_before(f: Facts, name: str, at: datetime) -> ChangeEvent | None:
    """A change, shortly before ``at``, of an edge component (a CDN, a balancer, an ingress) in
    front of ``name``: traffic reaches a service through its edge, so more of it arriving right
    after the edge changed is that change's doing."""
    edges = family_members(f.catalog, f.dependencies_within(name), "ingress")
    return change_between(f, edges, at - OWN_CHANGE_WINDOW, at + f.tolerance)


def _backlog_of(f: Facts, name: str, at: datetime, damaged: str) -> bool:
    """Whether the damage is a backlog that ``name``'s surge filled: ``damaged`` is a queue
    ``name`` writes to (or one of its readers), the queue's intake rose with the surge, and its
    readers kept working without trouble of their own. A backlog takes as long to fill as the
    readers keep up, so the lag says nothing against it."""
    for queue in f.dependencies_within(name):
        facts = f.services[queue]
        intake = facts.onsets.get("request_rate")
        if not facts.queue or intake is None or intake.direction != "up" or abs(intake.at - at) > f.tolerance:
            continue
        readers = [f.services[r] for r in f.catalog.dependents(queue) if r != name and r in f.services]
        if any(trouble(reader) >= DEGRADED for reader in readers):
            continue  # a reader in trouble of its own let the backlog grow: that is the reader's doing
        if damaged == queue or queue in f.dependencies_within(damaged):
            return True
    return False


def _failing_by(f: Facts, at: datetime) -> bool:
    """Whether any service of the incident was in trouble by ``at``."""
    return any(
        trouble(facts) >= DEGRADED and (began := trouble_at(facts)) is not None and began <= at
        for facts in f.services.values()
    )
