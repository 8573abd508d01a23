"""The change rule: a deploy, config/flag or infra change of a service shortly before the trouble."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from bot.engine.describe import change_text, hhmm, minutes
from bot.engine.evidence import ChangeEvent
from bot.engine.facts import Facts, ServiceFacts
from bot.engine.model import Cause, Discarded, Evidence
from bot.engine.rules.candidate import Candidate, Outcome
from bot.engine.rules.evidence import elsewhere_evidence, onset_evidence, root_evidence, signature_evidence
from bot.engine.rules.measures import (
    effect_after,
    explained_elsewhere,
    lag_timing,
    load_like,
    named_alike,
    plausibility,
    queue_peers,
    root_before_change,
    shared_symptom,
    surge_between,
    trouble,
    trouble_at,
    version_named,
)
from bot.engine.rules.weights import (
    CORROBORATED_DOUBT,
    DEGRADED,
    EXPLAINED_ELSEWHERE_FACTOR,
    FAILING,
    MAX_CHANGE_LAG,
)

#: Share of the tolerance by which an effect may precede the change (onsets come a sample early).
EFFECT_SLACK = 0.5
#: Most strength of a caller's change: it shows only in the shared dependency it overloads.
SIBLING_STRENGTH = 0.7
#: Factor for a caller's change when the shared dependency stopped serving rather than
#: slowed under load: a caller can flood a dependency, it rarely kills it.
NOT_LOAD_FACTOR = 0.4
#: Factor for a change blamed for load on a dependency when another caller's traffic surged
#: between the change and that load: the surge is the nearer cause of it.
SURGE_BETWEEN_FACTOR = 0.4
#: Strength of a change of a service whose own signals stayed clean.
CLEAN_CHANGE_STRENGTH = 0.05
#: Without signals of its own, a changed service gets this share of its effect's trouble.
UNOBSERVED_CHANGE_SHARE = 0.5
#: Least strength of a change after which the service's resources climbed.
RESOURCE_CLIMB_STRENGTH = 0.6
#: Weight of the change itself as evidence.
CHANGE_WEIGHT = 0.9
#: Weight of a caller that degraded after the change.
EFFECT_WEIGHT = 0.5
#: Factor for a change whose service's new error appeared at the same time at services the
#: change cannot reach: one cause they share explains it better.
SHARED_SYMPTOM_FACTOR = 0.4

CHANGE_CAUSE: dict[str, Cause] = {
    "deploy": "deploy",
    "config": "config_change",
    "flag": "config_change",
    "infra": "infrastructure",
}
CHANGE_LABEL = {
    "deploy": "Deploy",
    "config": "Config change",
    "flag": "Feature-flag change",
    "infra": "Infrastructure change",
}


#: What an infrastructure change touches when it changes the platform beneath a component (its
#: nodes, machine images, volumes, network) rather than the component's own settings.
PLATFORM_BENEATH = re.compile(
    r"\bnodes?\b|node ?(pool|group|claim)|\bami\b|\bami-|kernel|\bvolumes?\b|\bebs\b|\bdisks?\b|network|subnet"
    r"|\bvpc\b|\bdrain|\bcordon|\bhosts?\b|\binstances?\b|hypervisor|\bvms?\b|firmware",
    re.IGNORECASE,
)


def _change_cause(f: Facts, change: ChangeEvent) -> Cause:
    """The cause a change stands for. An infrastructure change to a datastore or a queue (a
    bucket's access settings, a topic's retention, applied through Terraform) alters how that
    component is configured: a config change, not a failure of the platform beneath it. So does
    one to any component that touches only its own settings (a Cloud Run service's instance cap,
    a WAF policy's mode); one that touches its nodes, images, volumes or network, or does not say
    what it touched, is the platform's."""
    component = f.catalog.get(change.service)
    if change.kind == "infra" and component is not None and component.kind in ("datastore", "queue"):
        return "config_change"
    if (
        change.kind == "infra"
        and change.description
        and not PLATFORM_BENEATH.search(f"{change.description} {change.version or ''}")
    ):
        return "config_change"  # it says what it changed, and that is no part of the platform
    return CHANGE_CAUSE[change.kind]


def change_rule(f: Facts, facts: ServiceFacts) -> Iterator[Outcome]:
    """A deploy, config/flag or infra change of the service shortly before the trouble began."""
    name = facts.name
    for change in facts.changes:
        cause = _change_cause(f, change)
        began = trouble_at(facts)
        if began is not None and began < change.started_at - f.tolerance and trouble(facts) >= FAILING:
            yield Discarded(
                cause=cause,
                culprit=name,
                reason=f"{change.id}: {name} was already failing at {hhmm(began)}, before the change",
            )
            continue
        # a change cannot explain trouble that began before it
        effect = effect_after(f, name, change.started_at, slack=f.tolerance * EFFECT_SLACK, downstream=True)
        delivered = version_named(f, change)
        if delivered is not None and (effect is None or delivered[0] < effect[0]):
            effect = delivered
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
        timing = lag_timing(f, lag)
        own = trouble(facts)
        if name in f.siblings:
            # a caller's change shows in the shared dependency it overloads (its own errors are
            # that dependency's doing); it can flood that dependency, not make it stop serving
            hit = f.services[effect_service]
            strength = SIBLING_STRENGTH * trouble(hit) * (1.0 if load_like(f, hit) else NOT_LOAD_FACTOR)
        elif own < DEGRADED and facts.resource_at is None:
            if (
                not facts.has_coverage
                or _reader_hurt(f, name, effect_service, change.started_at)
                or (delivered is not None and delivered[1] == effect_service)
            ):
                strength = UNOBSERVED_CHANGE_SHARE * trouble(f.services[effect_service])
            else:
                strength = CLEAN_CHANGE_STRENGTH
        else:
            # a climb that began before the change is none of its doing
            climbed = facts.resource_at is not None and facts.resource_at >= change.started_at - f.tolerance
            strength = max(own, RESOURCE_CLIMB_STRENGTH if climbed else 0.0)
        new_lines = [
            s
            for s in facts.trouble_signatures
            if s.is_new and not s.mentions and s.first_after and s.first_after >= change.started_at - f.tolerance
        ]
        if new_lines:
            strength = 1.0 - (1.0 - strength) * CORROBORATED_DOUBT
        root = root_before_change(f, name, change, effect_at)
        priority = root.factor if root else 1.0
        surge = None
        if effect_service in f.dependencies_within(name) and load_like(f, f.services[effect_service]):
            surge = surge_between(f, effect_service, change.started_at, effect_at, besides=name)
            if surge is not None:
                priority *= SURGE_BETWEEN_FACTOR
        witnesses = shared_symptom(f, name, change.started_at - f.tolerance) or named_alike(
            f, name, change.started_at - f.tolerance
        )
        if witnesses:
            priority *= SHARED_SYMPTOM_FACTOR
        elsewhere = explained_elsewhere(f, name, effect_service, effect_at) if own < DEGRADED else None
        if elsewhere is not None:
            priority *= EXPLAINED_ELSEWHERE_FACTOR
        score = timing * plausibility(strength) * priority
        evidence = [
            Evidence(
                kind="change",
                service=name,
                at=change.started_at,
                weight=CHANGE_WEIGHT,
                text=change_text(change),
                ref=change.id,
            ),
            *onset_evidence(facts),
            *signature_evidence(f, name, since=change.started_at),
        ]
        if delivered is not None and delivered[1] == effect_service:
            evidence.append(
                Evidence(
                    kind="log",
                    service=effect_service,
                    weight=EFFECT_WEIGHT,
                    text=f"{effect_service}'s new lines name {change.version}, what this change put out",
                )
            )
        if root is not None:
            evidence.append(root_evidence(root, name, f"failed on its own at {hhmm(root.at)}"))
        if elsewhere is not None:
            evidence.append(elsewhere_evidence(elsewhere, effect_service, name))
        if witnesses:
            evidence.append(
                Evidence(
                    kind="log",
                    service=witnesses[0],
                    weight=EFFECT_WEIGHT,
                    text=f"{', '.join(witnesses[:3])} began logging the same error with no change of their own",
                )
            )
        if surge is not None:
            evidence.append(
                Evidence(
                    kind="metric",
                    service=surge.service,
                    at=surge.at,
                    weight=EFFECT_WEIGHT,
                    text=f"traffic to {surge.service} jumped {surge.ratio:.1f}× at {hhmm(surge.at)}, "
                    f"after this change and before {effect_service} degraded",
                )
            )
        if effect_service != name:
            relation = (
                f"{name} depends on {effect_service}, which"
                if effect_service in f.catalog.transitive_dependencies(name)
                else f"{effect_service} depends on {name} and"
            )
            evidence.append(
                Evidence(
                    kind="topology",
                    service=effect_service,
                    at=effect_at,
                    weight=EFFECT_WEIGHT,
                    text=f"{relation} degraded at {hhmm(effect_at)}",
                )
            )
        version = f" {change.version}" if change.version and change.kind == "deploy" else ""
        summary = (
            f"{CHANGE_LABEL[change.kind]} {change.id}{version} on {name} at {hhmm(change.started_at)}, "
            f"{minutes(lag)} before {effect_service} degraded"
        )
        yield Candidate(cause, name, score, summary, change.started_at, evidence, change)


def _reader_hurt(f: Facts, name: str, reader: str, since: datetime) -> bool:
    """Whether ``reader`` reads a queue ``name`` writes to and nothing of its own ran out before
    ``since``: a message the producer sends without trouble can still break every consumer."""
    if reader not in queue_peers(f, name):
        return False
    exhausted = f.services[reader].exhausted_at
    return exhausted is None or exhausted >= since
