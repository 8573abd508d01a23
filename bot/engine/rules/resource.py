"""The resource rule: a service ran out of CPU, memory, a pool, a queue or disk."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from bot.engine.describe import hhmm, signal_name, signature_text, value
from bot.engine.facts import (
    COLLAPSE_RATIO,
    EXHAUSTED_PEER_WORDS,
    IMPAIRMENT_SIGNALS,
    OWN_PROCESS_WORDS,
    RESOURCE_SIGNALS,
    RESOURCE_WORDS,
    Facts,
    ServiceFacts,
)
from bot.engine.model import Cause, Discarded, Evidence, LogSignature
from bot.engine.rules.candidate import Candidate, Outcome
from bot.engine.rules.evidence import (
    MORE_QUOTED_LINES,
    QUOTED_LINES,
    SUPPORTING_ONSET_WEIGHT,
    elsewhere_evidence,
    log_evidence,
    onset_evidence,
    rival_change_evidence,
    victim_evidence,
)
from bot.engine.rules.measures import (
    caller_change_before,
    earlier_root,
    effect_after,
    explained_elsewhere,
    headroom_used,
    host_words,
    plausibility,
    queue_peers,
    saturating,
    shared_climb,
    sole_platform,
    trouble,
    trouble_at,
)
from bot.engine.rules.weights import (
    CALLER_LOAD_FACTOR,
    CORROBORATED_DOUBT,
    DEGRADED,
    EXPLAINED_ELSEWHERE_FACTOR,
    NO_EFFECT_FACTOR,
    OWN_CAUSE_WINDOW,
)

#: Strength of an exhaustion known only from one log line.
WORDED_STRENGTH_FLOOR = 0.5
#: Strength that many exhaustion log lines add to WORDED_STRENGTH_FLOOR.
WORDED_STRENGTH_SPAN = 0.4
#: Exhaustion log lines at which WORDED_STRENGTH_SPAN is 1 - 1/e used.
WORDED_LINES_SCALE = 10.0
#: Weight of exhaustion log lines when they are the only sign of it.
WORDED_LINE_WEIGHT = 0.8
#: Weight of a resource onset as evidence.
RESOURCE_ONSET_WEIGHT = 0.9
#: Weight of exhaustion log lines that accompany a resource onset.
RESOURCE_LINE_WEIGHT = 0.7
#: Factor for resources that climbed after the service was already failing.
FAILED_FIRST_FACTOR = 0.25
#: Weight of the note that the service was failing before its resources climbed.
FAILED_FIRST_WEIGHT = 0.3
#: A resource that climbs together with the errors, rather than ahead of them, is as
#: likely their consequence as their cause.
SIMULTANEOUS_FACTOR = 0.75
#: Share of a climb that a full-strength surge, at the service or a caller, explains away.
SURGE_EXPLAINS = 0.7
#: Factor for a CPU or memory climb shared by several services at once (the node pool they share is blamed).
SHARED_CAUSE_FACTOR = 0.5
#: Factor for a climb that came as the service stopped serving (its request rate collapsed).
STOPPED_SERVING_FACTOR = 0.5
#: Factor for a climb that came within OWN_CAUSE_WINDOW after the service's own change.
CHANGED_FIRST_FACTOR = 0.5
#: Factor for a climb that host-level failures of the service came before.
HOST_EXPLAINS_FACTOR = 0.6
#: Weight of a rival explanation (host failures, a caller's change) as evidence.
RIVAL_WEIGHT = 0.5
#: Factor for a fill that a caller's pool filling in step explains (the caller holds what filled).
HELD_BY_CALLER_FACTOR = 0.5


def resource_words(f: Facts, name: str) -> list[LogSignature]:
    """New errors saying ``name`` ran out of something: its own, or callers' naming it."""
    # a caller's "redis pool exhausted" is its dependency's symptom, not its own exhaustion
    dependencies = set(f.catalog.transitive_dependencies(name))
    platform = f.services[name].platform

    def about_another(s: LogSignature) -> bool:
        # a host's "container coredns OOMKilled" is about the workload it names, which hit its own limit
        return bool(set(s.mentions) - {name} if platform else set(s.mentions) & dependencies)

    own = [
        s
        for s in f.services[name].words(RESOURCE_WORDS)
        if not about_another(s) or OWN_PROCESS_WORDS.search(f"{s.template} {s.example}")
    ]
    blaming = f.services[name].blamed_in
    return own + [s for s in blaming if EXHAUSTED_PEER_WORDS.search(f"{s.template} {s.example}")]


def _worded_exhaustion(f: Facts, facts: ServiceFacts, words: list[LogSignature]) -> Iterator[Outcome]:
    """Resource exhaustion known only from log lines ("storage full", "too many open files")."""
    name = facts.name
    began = min((s.first_after for s in words if s.first_after), default=None)
    count = sum(s.count_after for s in words)
    strength = WORDED_STRENGTH_FLOOR + WORDED_STRENGTH_SPAN * saturating(count, WORDED_LINES_SCALE)
    root = earlier_root(f, name, began, load_explained=True) if began else None
    factor = root.factor if root else 1.0
    evidence = [
        *log_evidence(words[:MORE_QUOTED_LINES], weight=WORDED_LINE_WEIGHT),
        *onset_evidence(facts, weight=SUPPORTING_ONSET_WEIGHT),
    ]
    summary = f"{name} ran out of a resource from {hhmm(began)}, by its logs and its callers'"
    cause: Cause = "infrastructure" if facts.platform else "resource_saturation"
    yield Candidate(cause, name, plausibility(strength) * factor, summary, began, evidence)


def resource_rule(f: Facts, facts: ServiceFacts) -> Iterator[Outcome]:
    """A CPU, memory or saturation climb at the service (or log lines saying it ran out)."""
    name = facts.name
    if facts.external:
        yield Discarded(
            cause="resource_saturation", culprit=name, reason=f"{name} is a provider: its exhaustion is its outage"
        )
        return
    onsets = facts.resource_onsets()
    if not onsets and (words := resource_words(f, name)):
        yield from _worded_exhaustion(f, facts, words)
        return
    if not onsets:
        yield Discarded(
            cause="resource_saturation",
            culprit=name,
            reason=f"{name}: CPU, memory and saturation stayed at baseline"
            if facts.signals
            else f"{name}: no resource signals",
        )
        return
    first = min(onsets, key=lambda o: o.at)
    strongest = max(onsets, key=lambda o: (headroom_used(o.peak), o.strength))
    strength = strongest.strength * headroom_used(strongest.peak)
    words = resource_words(f, name)
    if words:
        strength = 1.0 - (1.0 - strength) * CORROBORATED_DOUBT
    factor = 1.0
    notes: list[Evidence] = []
    began = trouble_at(facts)
    effect = effect_after(f, name, first.at, include_resources=False)
    if began is not None and began < first.at - f.tolerance:
        factor *= FAILED_FIRST_FACTOR
        notes.append(
            Evidence(
                kind="topology",
                service=name,
                at=began,
                weight=FAILED_FIRST_WEIGHT,
                text=f"{name} was failing from {hhmm(began)}, before its resources climbed",
            )
        )
    elif effect is None and name not in f.alerting:
        factor *= NO_EFFECT_FACTOR
    elif began is not None and began < first.at + f.tolerance:
        factor *= SIMULTANEOUS_FACTOR
    climb = shared_climb(f) if sole_platform(f, "nodes") is not None else None
    if climb is not None and name in climb.services:
        factor *= SHARED_CAUSE_FACTOR  # starved with other services at once: what they share ran short
    rate = facts.onsets.get("request_rate")
    if (
        rate is not None
        and rate.direction == "down"
        and rate.ratio <= COLLAPSE_RATIO
        and rate.at <= first.at + f.tolerance
    ):
        # it stopped serving as the resource filled: a node gone, a cluster without quorum; the
        # full pool or queue is what that leaves behind, not what a climb did
        factor *= STOPPED_SERVING_FACTOR
    # more work reaches a service from its callers, or through a queue from those who write to it
    # a platform component's own rise in requests with none at its callers is their retries
    senders = [*([] if facts.platform else [name]), *f.dependents_within(name), *queue_peers(f, name)]
    surges = [s for c in senders if (s := f.services[c].surge) is not None]
    if leading := [s for s in surges if s.at <= first.at + f.tolerance]:
        factor *= 1.0 - SURGE_EXPLAINS * max(s.strength for s in leading)
    # a climb already under way when the series began started before anything seen here
    recent = [
        c
        for c in facts.changes
        if first.at - OWN_CAUSE_WINDOW <= c.started_at <= first.at + f.tolerance and not first.censored
    ]
    if recent:
        factor *= CHANGED_FIRST_FACTOR
    if root := earlier_root(f, name, first.at, load_explained=True):
        factor *= root.factor
    host = host_words(facts)
    if host and min((s.first_after for s in host if s.first_after), default=first.at) <= first.at + f.tolerance:
        factor *= HOST_EXPLAINS_FACTOR
        notes.append(
            Evidence(
                kind="log",
                service=name,
                at=host[0].first_after,
                weight=RIVAL_WEIGHT,
                text=f"host-level failures on {name} came first: {signature_text(host[0])}",
            )
        )
    if holder := _held_by_caller(f, facts, first.at):
        factor *= HELD_BY_CALLER_FACTOR
        notes.append(
            Evidence(
                kind="topology",
                service=holder,
                at=f.services[holder].resource_at,
                weight=RIVAL_WEIGHT,
                text=f"{holder}, a caller, filled its own pool in step while {name} still served normally",
            )
        )
    if effect is not None and trouble(facts) < DEGRADED:
        elsewhere = explained_elsewhere(f, name, effect[1], effect[0])
        if elsewhere is not None:
            factor *= EXPLAINED_ELSEWHERE_FACTOR
            notes.append(elsewhere_evidence(elsewhere, effect[1], name))
    if not first.censored and (change := caller_change_before(f, name, first.at, busier=facts.platform)) is not None:
        factor *= CALLER_LOAD_FACTOR
        notes.append(rival_change_evidence(change, f"{change.service}, a caller", RIVAL_WEIGHT))
    evidence = [
        *onset_evidence(facts, RESOURCE_SIGNALS, weight=RESOURCE_ONSET_WEIGHT),
        *log_evidence(words[:QUOTED_LINES], weight=RESOURCE_LINE_WEIGHT),
        *onset_evidence(facts, IMPAIRMENT_SIGNALS, weight=SUPPORTING_ONSET_WEIGHT),
        *notes,
        *victim_evidence(f, name, first.at),
    ]
    summary = (
        f"{name} {signal_name(strongest.signal)} climbed from {value(strongest.signal, strongest.baseline)} "
        f"to {value(strongest.signal, strongest.peak)} from {hhmm(first.at)}"
    )
    if effect is not None:
        order = "before" if effect[0] > first.at else "as"
        summary += f", {order} {effect[1]} degraded at {hhmm(effect[0])}"
    # a platform piece out of memory or CPU (a node pool, an ingress) is an infrastructure fault
    cause: Cause = "infrastructure" if facts.platform else "resource_saturation"
    yield Candidate(cause, name, plausibility(strength) * factor, summary, first.at, evidence)


def _held_by_caller(f: Facts, facts: ServiceFacts, at: datetime) -> str | None:
    """A caller whose pool filled in step with ``facts``' resource while it still served normally:
    what filled is held by that caller (a leak), not used up by its own work. A platform piece
    (a node pool) fills with everything on it: no one caller holds it."""
    if facts.platform:
        return None
    began = trouble_at(facts)
    if began is not None and began <= at + f.tolerance:
        return None
    for caller in sorted(f.catalog.dependents(facts.name)):
        pool = f.services[caller].onsets.get("saturation") if caller in f.services else None
        if pool is not None and pool.direction == "up" and abs(pool.at - at) <= f.tolerance:
            return caller
    return None


def hogging_rule(f: Facts, facts: ServiceFacts) -> Iterator[Outcome]:
    """A caller outside the neighbourhood holding a shared dependency's capacity: its own pool
    climbed in step with the dependency's (a leak that fills the database's connections).

    Only a climb in step counts: a caller whose pool fills after its dependency failed, or for
    reasons of its own, has done nothing to the neighbourhood.
    """
    name = facts.name
    at = facts.resource_at
    if at is None:
        return
    shared = [
        d
        for d in f.catalog.dependencies(name)
        if d in f.neighbourhood and (r := f.services[d].resource_at) is not None and abs(r - at) <= f.tolerance
    ]
    if not shared:
        yield Discarded(
            cause="resource_saturation",
            culprit=name,
            reason=f"{name}: no dependency it shares with the alerting services filled up in step with it",
        )
        return
    yield from resource_rule(f, facts)
