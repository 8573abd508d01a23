"""Rules: score every (cause, culprit) pair in the alerting services' neighbourhood.

Each rule reads :class:`~bot.engine.facts.Facts` and returns a scored candidate
or the reason it does not apply. Scores are plausibilities in 0..1 built from
three questions a responder asks, multiplied together:

* strength - is there clear evidence of this fault at this service?
* timing   - did it start before the trouble it should explain, and close to it?
* priority - did nothing upstream in the dependency chain break even earlier,
             and is there no more direct explanation (its own change, a surge)?
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.engine.describe import change_text, hhmm, minutes, onset_text, signal_name, signature_text, value
from bot.engine.facts import EXHAUSTED_PEER_WORDS, INFRA_WORDS, RESOURCE_WORDS, Facts, ServiceFacts
from bot.engine.model import Cause, Discarded, Evidence, LogSignature
from connectors.base import ChangeEvent

CHANGE_CAUSE: dict[str, Cause] = {
    "deploy": "deploy",
    "config": "config_change",
    "flag": "config_change",
    "infra": "infrastructure",
}
MAX_CHANGE_LAG = timedelta(minutes=60)
CHANGE_LAG_SCALE = timedelta(minutes=20)
OWN_CAUSE_WINDOW = timedelta(minutes=60)
VICTIM_FACTOR = 0.4
NEAR_VICTIM_FACTOR = 0.6
CRASHED_DEPENDENCY_FACTOR = 0.5
CALLER_CHANGE_WINDOW = timedelta(minutes=20)
#: Load on a dependency that rose right after a caller changed is the caller's doing.
CALLER_LOAD_FACTOR = 0.45
HOST_EXPLAINS_FACTOR = 0.6
AMPLIFIED_FACTOR = 0.4
#: A resource that climbs together with the errors, rather than ahead of them, is as
#: likely their consequence as their cause.
SIMULTANEOUS_FACTOR = 0.75


@dataclass
class Candidate:
    cause: Cause
    culprit: str
    score: float
    summary: str
    started_at: datetime | None
    evidence: list[Evidence] = field(default_factory=list)
    change: ChangeEvent | None = None


Outcome = Candidate | Discarded


# --- shared measures -------------------------------------------------------


def headroom_used(peak: float) -> float:
    """0.2..1: how close a 0..1 resource came to exhaustion; a climb to 70 % starves nothing."""
    return min(1.0, max(0.2, (peak - 0.6) / 0.32))


#: Callers blaming a service whose own error and latency signals stay clean are more likely
#: wrong about it (a too-short timeout, a bad route of their own) than right.
CLEAN_BLAME_DISCOUNT = 0.3


def blame(facts: ServiceFacts) -> float:
    """How strongly other services' new errors name this one, 0..1."""
    raw = 1.0 - math.exp(-sum(facts.blamed_by.values()) / 6.0)
    if facts.has_coverage and facts.metric_trouble == 0.0:
        return raw * CLEAN_BLAME_DISCOUNT
    return raw


def trouble(facts: ServiceFacts) -> float:
    """Evidence the service is failing: its own signals and logs, or callers blaming it."""
    own, blamed = facts.trouble, blame(facts)
    return 1.0 - (1.0 - own) * (1.0 - blamed)


def trouble_at(facts: ServiceFacts) -> datetime | None:
    times = [t for t in (facts.trouble_at, facts.blamed_at) if t is not None]
    return min(times) if times else None


def effect_after(
    f: Facts, name: str, since: datetime, include_resources: bool = True, slack: timedelta | None = None
) -> tuple[datetime, str] | None:
    """The earliest trouble at ``name`` or anything that depends on it, from ``since`` on
    (``slack`` earlier at most, for onsets dated a sample early).

    A sibling reaches the neighbourhood only through the dependencies it shares with it, so
    for a sibling only trouble or load on those counts; its own trouble is its own incident.
    """
    earliest: tuple[datetime, str] | None = None
    limit = since - (f.tolerance if slack is None else slack)
    sibling = name in f.siblings
    for service in f.dependencies_within(name) if sibling else f.affected_by(name):
        facts = f.services[service]
        times = [trouble_at(facts)] if trouble(facts) >= 0.15 else []
        if (include_resources and service == name) or sibling:
            times.append(facts.resource_at)
        if sibling and facts.surge is not None:
            times.append(facts.surge.at)
        for at in times:
            if at is not None and at >= limit and (earliest is None or at < earliest[0]):
                earliest = (at, service)
    return earliest


def load_like(f: Facts, facts: ServiceFacts) -> bool:
    """True when the service's trouble looks like more work arriving (a caller's doing): its
    traffic or resources climbed no later than its trouble began, and it did not stop serving."""
    rate = facts.onsets.get("request_rate")
    if rate is not None and rate.direction == "down":
        return False
    began = trouble_at(facts)
    climbs = [o.at for o in facts.resource_onsets()]
    if facts.surge is not None:
        climbs.append(facts.surge.at)
    # within two samples: an onset is only as precise as the sampling step
    return bool(climbs) and (began is None or min(climbs) <= began + 2 * f.step)


def earlier_root(
    f: Facts, name: str, at: datetime, *, load_explained: bool = False
) -> tuple[str, datetime, float] | None:
    """A dependency that explains ``name``'s trouble at ``at``, and how strongly (a factor < 1).

    A dependency that was clearly failing earlier makes ``name`` a victim; so does one
    failing at the same time, more weakly (the deepest failing service is the likelier
    root), unless ``load_explained`` and the dependency's trouble is load that ``name``
    sent; and so does one that ``name``'s own new errors name while it is failing too
    (by its own signals, or unobserved).
    """
    blamed = f.services[name].names_blamed
    best: tuple[str, datetime, float] | None = None
    for dependency in f.dependencies_within(name):
        facts = f.services[dependency]
        began = trouble_at(facts)
        if began is None or trouble(facts) < 0.3:
            continue
        named_and_failing = (
            dependency in blamed and began <= at + f.tolerance and (facts.trouble >= 0.3 or not facts.has_coverage)
        )
        factor = 1.0
        if began < at - f.tolerance or named_and_failing:
            factor = VICTIM_FACTOR
        elif began <= at and not (load_explained and load_like(f, facts)):
            factor = NEAR_VICTIM_FACTOR
        if factor < 1.0 and (best is None or factor < best[2]):
            best = (dependency, began, factor)
    return best


def root_before_change(
    f: Facts, name: str, change: ChangeEvent, effect_at: datetime
) -> tuple[str, datetime, float] | None:
    """A dependency whose own failure explains the trouble better than ``name``'s change.

    A dependency already failing, or already degrading, before the change explains it; one
    that failed after the change explains it only when it crashed rather than overloaded (a
    change upstream can flood a dependency, it rarely kills it) and either ``name``'s new
    errors name it or it failed before ``name`` did.
    """
    blamed = f.services[name].names_blamed
    own_began = trouble_at(f.services[name])
    for dependency in f.dependencies_within(name):
        facts = f.services[dependency]
        began = trouble_at(facts)
        if began is None or trouble(facts) < 0.3:
            continue
        degrading = [t for t in (began, facts.resource_at) if t is not None]
        if min(degrading) < change.started_at - f.tolerance:
            return dependency, min(degrading), VICTIM_FACTOR
        if facts.trouble < 0.3 and not (dependency in blamed and not facts.has_coverage):
            continue
        first_to_fail = own_began is None or began < own_began
        if (dependency in blamed or first_to_fail) and began <= effect_at + f.tolerance and not load_like(f, facts):
            return dependency, began, CRASHED_DEPENDENCY_FACTOR
    return None


def caller_change_before(f: Facts, name: str, at: datetime) -> ChangeEvent | None:
    """A change of a caller shortly before ``at``: extra load on ``name`` is then its doing."""
    for caller in f.dependents_within(name):
        for change in f.services[caller].changes:
            if change.started_at - f.tolerance <= at <= change.started_at + CALLER_CHANGE_WINDOW:
                return change
    return None


def victims(f: Facts, name: str) -> list[str]:
    """Callers of ``name`` inside the incident that are failing too (siblings are their own story)."""
    inside = set(f.neighbourhood)
    return [s for s in f.dependents_within(name) if s in inside and trouble(f.services[s]) >= 0.2]


def _victim_evidence(f: Facts, name: str, at: datetime) -> Iterator[Evidence]:
    root = earlier_root(f, name, at)
    if root is not None:
        dependency, began, _ = root
        yield Evidence(
            kind="topology",
            service=dependency,
            at=began,
            weight=0.6,
            text=f"{dependency}, a dependency of {name}, was failing earlier (from {hhmm(began)})",
        )


def _onset_evidence(facts: ServiceFacts, signals: tuple[str, ...] | None = None, weight: float = 0.8) -> list[Evidence]:
    onsets = sorted(facts.onsets.values(), key=lambda o: o.at)
    return [
        Evidence(
            kind="metric",
            service=o.service,
            at=o.at,
            weight=min(1.0, weight * (0.5 + o.strength / 2)),
            text=onset_text(o),
            ref=o.signal,
        )
        for o in onsets
        if signals is None or o.signal in signals
    ]


def _log_evidence(signatures: Sequence[LogSignature], weight: float | None = None) -> list[Evidence]:
    """Log signatures as evidence; without ``weight``, new signatures weigh more than surging ones."""
    return [
        Evidence(
            kind="log",
            service=s.service,
            at=s.first_after,
            weight=weight if weight is not None else (0.7 if s.is_new else 0.5),
            text=signature_text(s),
            ref=s.template,
        )
        for s in signatures
    ]


def _signature_evidence(f: Facts, service: str, since: datetime | None = None, limit: int = 2) -> list[Evidence]:
    found = [
        s
        for s in f.services[service].trouble_signatures
        if since is None or (s.first_after is not None and s.first_after >= since - f.tolerance)
    ]
    found.sort(key=lambda s: (not s.is_new, -s.count_after))
    return _log_evidence(found[:limit])


def _blame_evidence(f: Facts, name: str, limit: int = 2) -> list[Evidence]:
    blaming = sorted(f.services[name].blamed_in, key=lambda s: -s.count_after)
    return _log_evidence(blaming[:limit], weight=0.75)


# --- rules -----------------------------------------------------------------


def change_rule(f: Facts, facts: ServiceFacts) -> Iterator[Outcome]:
    """A deploy, config/flag or infra change of the service shortly before the trouble began."""
    name = facts.name
    for change in facts.changes:
        cause = CHANGE_CAUSE[change.kind]
        began = trouble_at(facts)
        if began is not None and began < change.started_at - f.tolerance and trouble(facts) >= 0.3:
            yield Discarded(
                cause=cause,
                culprit=name,
                reason=f"{change.id}: {name} was already failing at {hhmm(began)}, before the change",
            )
            continue
        # a change cannot explain trouble that began before it
        effect = effect_after(f, name, change.started_at, slack=f.tolerance / 2)
        if effect is None:
            yield Discarded(cause=cause, culprit=name, reason=f"{change.id}: nothing degraded after the change")
            continue
        effect_at, effect_service = effect
        lag = effect_at - change.started_at
        if lag > MAX_CHANGE_LAG:
            yield Discarded(
                cause=cause,
                culprit=name,
                reason=f"{change.id}: trouble began {minutes(lag)} after the change, too late to follow from it",
            )
            continue
        timing = math.exp(-max(timedelta(0), lag - f.tolerance) / CHANGE_LAG_SCALE)
        own = trouble(facts)
        if name in f.siblings:
            # a caller's change shows in the shared dependency it overloads (its own errors are
            # that dependency's doing); it can flood that dependency, not make it stop serving
            hit = f.services[effect_service]
            strength = 0.7 * trouble(hit) * (1.0 if load_like(f, hit) else 0.4)
        elif own < 0.15 and facts.resource_at is None:
            strength = 0.05 if facts.has_coverage else 0.5 * trouble(f.services[effect_service])
        else:
            strength = max(own, 0.6 if facts.resource_at else 0.0)
        new_lines = [
            s
            for s in facts.trouble_signatures
            if s.is_new and not s.mentions and s.first_after and s.first_after >= change.started_at - f.tolerance
        ]
        if new_lines:
            strength = 1.0 - (1.0 - strength) * 0.6
        root = root_before_change(f, name, change, effect_at)
        priority = root[2] if root else 1.0
        score = timing * (0.3 + 0.7 * strength) * priority
        evidence = [
            Evidence(
                kind="change", service=name, at=change.started_at, weight=0.9, text=change_text(change), ref=change.id
            ),
            *_onset_evidence(facts),
            *_signature_evidence(f, name, since=change.started_at),
        ]
        if root is not None:
            evidence.append(
                Evidence(
                    kind="topology",
                    service=root[0],
                    at=root[1],
                    weight=0.6,
                    text=f"{root[0]}, a dependency of {name}, failed on its own at {hhmm(root[1])}",
                )
            )
        if effect_service != name:
            evidence.append(
                Evidence(
                    kind="topology",
                    service=effect_service,
                    at=effect_at,
                    weight=0.5,
                    text=f"{effect_service} depends on {name} and degraded at {hhmm(effect_at)}",
                )
            )
        label = {
            "deploy": "Deploy",
            "config": "Config change",
            "flag": "Feature-flag change",
            "infra": "Infrastructure change",
        }[change.kind]
        version = f" {change.version}" if change.version and change.kind == "deploy" else ""
        summary = (
            f"{label} {change.id}{version} on {name} at {hhmm(change.started_at)}, "
            f"{minutes(lag)} before {effect_service} degraded"
        )
        yield Candidate(
            cause=cause,
            culprit=name,
            score=score,
            summary=summary,
            started_at=change.started_at,
            evidence=evidence,
            change=change,
        )


def resource_words(f: Facts, name: str) -> list[LogSignature]:
    """New errors saying ``name`` ran out of something: its own, or callers' naming it."""
    # a caller's "redis pool exhausted" is its dependency's symptom, not its own exhaustion
    dependencies = set(f.catalog.transitive_dependencies(name))
    own = [s for s in f.services[name].words(RESOURCE_WORDS) if not set(s.mentions) & dependencies]
    blaming = f.services[name].blamed_in
    return own + [s for s in blaming if EXHAUSTED_PEER_WORDS.search(f"{s.template} {s.example}")]


def _worded_exhaustion(f: Facts, facts: ServiceFacts, words: list[LogSignature]) -> Iterator[Outcome]:
    """Resource exhaustion known only from log lines ("storage full", "too many open files")."""
    name = facts.name
    began = min((s.first_after for s in words if s.first_after), default=None)
    count = sum(s.count_after for s in words)
    strength = 0.5 + 0.4 * (1.0 - math.exp(-count / 10.0))
    root = earlier_root(f, name, began, load_explained=True) if began else None
    factor = root[2] if root else 1.0
    evidence = [*_log_evidence(words[:3], weight=0.8), *_onset_evidence(facts, weight=0.6)]
    yield Candidate(
        cause="resource_saturation",
        culprit=name,
        score=(0.3 + 0.7 * strength) * factor,
        summary=f"{name} ran out of a resource from {hhmm(began)}, by its logs and its callers'",
        started_at=began,
        evidence=evidence,
    )


def resource_rule(f: Facts, facts: ServiceFacts) -> Iterator[Outcome]:
    name = facts.name
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
        strength = 1.0 - (1.0 - strength) * 0.6
    factor = 1.0
    notes: list[Evidence] = []
    began = trouble_at(facts)
    effect = effect_after(f, name, first.at, include_resources=False)
    if began is not None and began < first.at - f.tolerance:
        factor *= 0.25
        notes.append(
            Evidence(
                kind="topology",
                service=name,
                at=began,
                weight=0.3,
                text=f"{name} was failing from {hhmm(began)}, before its resources climbed",
            )
        )
    elif effect is None and name not in f.alerting:
        factor *= 0.3
    elif began is not None and began < first.at + f.tolerance:
        factor *= SIMULTANEOUS_FACTOR
    for caller in [name, *f.dependents_within(name)]:
        surge = f.services[caller].surge
        if surge is not None and surge.at <= first.at + f.tolerance:
            factor *= 1.0 - 0.7 * surge.strength
            break
    recent = [c for c in facts.changes if first.at - OWN_CAUSE_WINDOW <= c.started_at <= first.at + f.tolerance]
    if recent:
        factor *= 0.5
    if root := earlier_root(f, name, first.at, load_explained=True):
        factor *= root[2]
    host = facts.words(INFRA_WORDS)
    if host and min((s.first_after for s in host if s.first_after), default=first.at) <= first.at + f.tolerance:
        factor *= HOST_EXPLAINS_FACTOR
        notes.append(
            Evidence(
                kind="log",
                service=name,
                at=host[0].first_after,
                weight=0.5,
                text=f"host-level failures on {name} came first: {signature_text(host[0])}",
            )
        )
    if (change := caller_change_before(f, name, first.at)) is not None:
        factor *= CALLER_LOAD_FACTOR
        notes.append(
            Evidence(
                kind="change",
                service=change.service,
                at=change.started_at,
                weight=0.5,
                text=f"{change.service}, a caller, changed just before: {change_text(change)}",
            )
        )
    evidence = [
        *_onset_evidence(facts, ("cpu_utilisation", "memory_utilisation", "saturation"), weight=0.9),
        *_log_evidence(words[:2], weight=0.7),
        *_onset_evidence(facts, ("error_ratio", "latency_p99_seconds"), weight=0.6),
        *notes,
        *_victim_evidence(f, name, first.at),
    ]
    summary = (
        f"{name} {signal_name(strongest.signal)} climbed from {value(strongest.signal, strongest.baseline)} "
        f"to {value(strongest.signal, strongest.peak)} from {hhmm(first.at)}"
    )
    if effect is not None:
        order = "before" if effect[0] > first.at else "as"
        summary += f", {order} {effect[1]} degraded at {hhmm(effect[0])}"
    yield Candidate(
        cause="resource_saturation",
        culprit=name,
        score=(0.3 + 0.7 * strength) * factor,
        summary=summary,
        started_at=first.at,
        evidence=evidence,
    )


def surge_rule(f: Facts, facts: ServiceFacts) -> Iterator[Outcome]:
    name = facts.name
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
    strength = min(1.0, (surge.ratio - 1.0) / 2.0) * (0.5 + surge.strength / 2)
    factor = 1.0
    began = trouble_at(facts)
    if began is not None and began < surge.at - f.tolerance:
        factor *= 0.3
    effect = effect_after(f, name, surge.at)
    if effect is None:
        factor *= 0.3
    else:
        # like a change, a surge that hurts does so within minutes; a slow climb hours earlier
        # is the day's traffic shape, not the cause
        factor *= math.exp(-max(timedelta(0), effect[0] - surge.at - f.tolerance) / CHANGE_LAG_SCALE)
    # The surge started where it is most pronounced: a caller that surged as much or more
    # (the traffic passed through it) or a dependency that surged even more (it was the target).
    for other in f.dependents_within(name):
        other_surge = f.services[other].surge
        if other_surge is not None and other_surge.at <= surge.at + f.tolerance and other_surge.ratio >= surge.ratio:
            factor *= 0.5
            break
    for other in f.dependencies_within(name):
        other_surge = f.services[other].surge
        if (
            other_surge is not None
            and abs(other_surge.at - surge.at) <= f.tolerance
            and other_surge.ratio > surge.ratio
        ):
            factor *= 0.6
            break
    if [c for c in facts.changes if surge.at - timedelta(minutes=30) <= c.started_at <= surge.at + f.tolerance]:
        # traffic that rises right after the service's own change is that change's doing
        factor *= CALLER_LOAD_FACTOR
    if root := earlier_root(f, name, surge.at, load_explained=True):
        factor *= root[2]
    if caller_change_before(f, name, surge.at) is not None:
        factor *= CALLER_LOAD_FACTOR
    callers = [f.services[c] for c in f.dependents_within(name) if "request_rate" in f.services[c].signals]
    if callers and not any(c.surge is not None and c.surge.at <= surge.at + f.tolerance for c in callers):
        # more calls with no more callers' traffic: fallbacks or retries amplified it
        factor *= AMPLIFIED_FACTOR
    evidence = [
        *_onset_evidence(facts, ("request_rate",), weight=0.95),
        *_onset_evidence(
            facts,
            ("cpu_utilisation", "memory_utilisation", "saturation", "latency_p99_seconds", "error_ratio"),
            weight=0.6,
        ),
        *_victim_evidence(f, name, surge.at),
    ]
    summary = f"Traffic to {name} jumped {surge.ratio:.1f}× at {hhmm(surge.at)}"
    if effect is not None and effect[0] > surge.at:
        summary += f", {minutes(effect[0] - surge.at)} before {effect[1]} degraded"
    yield Candidate(
        cause="traffic_surge",
        culprit=name,
        score=(0.3 + 0.7 * strength) * factor,
        summary=summary,
        started_at=surge.at,
        evidence=evidence,
    )


def _failure_strength(f: Facts, facts: ServiceFacts) -> tuple[float, datetime | None, float]:
    """(strength of the failure, when it began, factor for its victims being later than it)."""
    strength = trouble(facts)
    began = trouble_at(facts)
    hit = victims(f, facts.name)
    factor = 1.0 if hit else (0.55 if facts.name in f.alerting else 0.3)
    if began is not None and any((t := trouble_at(f.services[v])) is not None and t < began - f.tolerance for v in hit):
        factor *= 0.35
    return strength, began, factor


def dependency_rule(f: Facts, facts: ServiceFacts) -> Iterator[Outcome]:
    name = facts.name
    if facts.external:
        return
    strength, began, factor = _failure_strength(f, facts)
    if strength < 0.15 or began is None:
        yield Discarded(cause="dependency_outage", culprit=name, reason=f"no sign that {name} itself failed")
        return
    own_changes = [c for c in facts.changes if began - OWN_CAUSE_WINDOW <= c.started_at <= began + f.tolerance]
    if own_changes:
        factor *= 0.35
    # a climb that leads the failure is its visible cause; one that comes with it is part of it
    resource_at = facts.resource_at
    if resource_at is not None and resource_at <= began + f.tolerance:
        leads = resource_at < began - f.tolerance / 2
        factor *= 1.0 - (0.6 if leads else 0.2) * max(o.strength for o in facts.resource_onsets())
    if facts.surge is not None and facts.surge.at <= began + f.tolerance:
        leads = facts.surge.at < began - f.tolerance / 2
        factor *= 1.0 - (0.6 if leads else 0.2) * facts.surge.strength
    if root := earlier_root(f, name, began):
        factor *= root[2]
    if resource_words(f, name):
        factor *= 0.5
    if host := facts.words(INFRA_WORDS):
        # a host or platform failure is a visible cause of its own
        factor *= 1.0 - 0.5 * (1.0 - math.exp(-sum(s.count_after for s in host) / 4.0))
    hit = victims(f, name)
    evidence = [
        *_onset_evidence(facts, ("error_ratio", "latency_p99_seconds", "request_rate")),
        *_blame_evidence(f, name),
        *_signature_evidence(f, name),
        *_victim_evidence(f, name, began),
    ]
    if hit:
        evidence.append(
            Evidence(
                kind="topology",
                service=name,
                weight=0.5,
                text=f"{', '.join(hit[:4])} depend on {name} and degraded after it",
            )
        )
    if not own_changes:
        evidence.append(
            Evidence(
                kind="change",
                service=name,
                weight=0.3,
                text=f"no deploy or config change of {name} in the hour before {hhmm(began)}",
            )
        )
    summary = f"{name} failed at {hhmm(began)} with no change of its own"
    if hit:
        summary += f"; {', '.join(hit[:3])} degraded after it"
    yield Candidate(
        cause="dependency_outage",
        culprit=name,
        score=0.9 * (0.25 + 0.75 * strength) * factor,
        summary=summary,
        started_at=began,
        evidence=evidence,
    )


def external_rule(f: Facts, facts: ServiceFacts) -> Iterator[Outcome]:
    name = facts.name
    if not facts.external:
        yield Discarded(cause="external", culprit=name, reason=f"{name} is not an external service")
        return
    strength, began, factor = _failure_strength(f, facts)
    hit = victims(f, name)
    if strength < 0.15 and not f.logs_available and hit:
        strength = 0.15
    if strength < 0.15:
        yield Discarded(cause="external", culprit=name, reason=f"no caller's errors name {name}")
        return
    evidence = [*_blame_evidence(f, name, limit=3), *_onset_evidence(facts)]
    if hit:
        evidence.append(
            Evidence(kind="topology", service=name, weight=0.5, text=f"{', '.join(hit[:4])} call {name} and degraded")
        )
    summary = f"External dependency {name} is failing"
    if began is not None:
        summary += f" since {hhmm(began)}"
    if hit:
        summary += f"; callers {', '.join(hit[:3])} degraded"
    yield Candidate(
        cause="external",
        culprit=name,
        score=(0.25 + 0.75 * strength) * factor,
        summary=summary,
        started_at=began,
        evidence=evidence,
    )


def host_rule(f: Facts, facts: ServiceFacts) -> Iterator[Outcome]:
    """Infrastructure trouble visible only in the service's own logs (node, volume, network)."""
    name = facts.name
    words = facts.words(INFRA_WORDS)
    if not words:
        return
    began = min((s.first_after for s in words if s.first_after), default=None)
    count = sum(s.count_after for s in words)
    strength = 0.5 + 0.5 * (1.0 - math.exp(-count / 4.0))
    root = earlier_root(f, name, began) if began else None
    factor = root[2] if root else 1.0
    evidence = [*_log_evidence(words[:3], weight=0.75), *_onset_evidence(facts, weight=0.6)]
    yield Candidate(
        cause="infrastructure",
        culprit=name,
        score=(0.2 + 0.5 * strength) * factor,
        summary=f"{name} shows host or platform failures from {hhmm(began)}",
        started_at=began,
        evidence=evidence,
    )


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
        if (root := earlier_root(f, name, at)) and root[2] <= VICTIM_FACTOR:
            continue
        lag = at - change.started_at
        timing = math.exp(-max(timedelta(0), lag - f.tolerance) / CHANGE_LAG_SCALE)
        facts = f.services[name]
        evidence = [
            Evidence(
                kind="change",
                service=change.service,
                at=change.started_at,
                weight=0.85,
                text=change_text(change),
                ref=change.id,
            ),
            *_onset_evidence(facts),
        ]
        yield Candidate(
            cause="infrastructure",
            culprit=name,
            score=0.7 * timing * (0.3 + 0.7 * trouble(facts)),
            summary=f"Infrastructure change {change.id} at {hhmm(change.started_at)}, "
            f"{minutes(lag)} before {name} degraded",
            started_at=change.started_at,
            evidence=evidence,
            change=change,
        )


SERVICE_RULES: tuple[Callable[[Facts, ServiceFacts], Iterator[Outcome]], ...] = (
    change_rule,
    resource_rule,
    surge_rule,
    dependency_rule,
    external_rule,
    host_rule,
)


#: A caller outside the neighbourhood can only hurt it through a shared dependency: by a change
#: that makes it misbehave, or by flooding it.
SIBLING_RULES: tuple[Callable[[Facts, ServiceFacts], Iterator[Outcome]], ...] = (change_rule, surge_rule)


def evaluate(f: Facts) -> tuple[list[Candidate], list[Discarded]]:
    candidates: list[Candidate] = []
    discarded: list[Discarded] = []
    outcomes: list[Outcome] = [
        o for name in f.neighbourhood for rule in SERVICE_RULES for o in rule(f, f.services[name])
    ]
    outcomes += [o for name in f.siblings for rule in SIBLING_RULES for o in rule(f, f.services[name])]
    outcomes += list(unplaced_infra_rule(f))
    for outcome in outcomes:
        if isinstance(outcome, Candidate):
            candidates.append(outcome)
        else:
            discarded.append(outcome)
    return candidates, discarded
