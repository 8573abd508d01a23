"""Outage rules: a service (or a third-party provider) failed with no visible cause of its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta

from bot.engine.describe import hhmm
from bot.engine.evidence import ChangeEvent
from bot.engine.facts import IMPAIRMENT_SIGNALS, REFUSED_AS_MALFORMED, Facts, ServiceFacts
from bot.engine.model import Cause, Discarded, Evidence, EvidenceKind
from bot.engine.platform import family_members
from bot.engine.rules.candidate import Candidate, Outcome
from bot.engine.rules.evidence import (
    MORE_QUOTED_LINES,
    blame_evidence,
    onset_evidence,
    rival_change_evidence,
    signature_evidence,
    victim_evidence,
)
from bot.engine.rules.measures import (
    blamers_changed,
    caller_change_before,
    change_between,
    earlier_root,
    host_words,
    lag_timing,
    load_like,
    plausibility,
    queue_peers,
    saturating,
    shared_egress,
    trouble,
    trouble_at,
    victims,
    way_out,
)
from bot.engine.rules.resource import resource_words
from bot.engine.rules.weights import (
    CALLER_LOAD_FACTOR,
    DEGRADED,
    FAILING,
    HOST_LINES_SCALE,
    OWN_CAUSE_WINDOW,
    VICTIM_FACTOR,
)

#: Factor for a failure that no caller suffered from, at an alerting service.
UNFELT_ALERTING_FACTOR = 0.55
#: Factor for a failure that no caller suffered from, at a service nobody alerted on.
UNFELT_FACTOR = 0.3
#: Factor for a failure that a caller's trouble came before.
CALLERS_FIRST_FACTOR = 0.35
#: Factor for a failure within OWN_CAUSE_WINDOW after the service's own change.
OWN_CHANGE_FACTOR = 0.35
#: Share of the tolerance by which a climb or surge must precede the failure to lead it.
LEAD_MARGIN = 0.5
#: Share of the failure a full-strength climb or surge explains away when it leads the failure...
LEADING_EXPLAINS = 0.6
#: ...and when it comes with it.
ACCOMPANYING_EXPLAINS = 0.2
#: Factor for a failure that log lines say was exhaustion.
EXHAUSTION_WORDS_FACTOR = 0.5
#: Most of the failure that host-level log lines explain away.
HOST_EXPLAINS = 0.5
#: An outage is named for the absence of other causes: it never scores above this.
OUTAGE_SCORE_CAP = 0.9
#: Score of a failure with the faintest evidence, before its factors.
FAILURE_SCORE_FLOOR = 0.25
#: Score a failure gains from full-strength evidence.
FAILURE_SCORE_STRENGTH = 0.75
#: Weight of the callers that degraded after the failure.
VICTIMS_WEIGHT = 0.5
#: Weight of the absence of a change of the service.
NO_CHANGE_WEIGHT = 0.3
#: Victims named in evidence text.
LISTED_IN_EVIDENCE = 4
#: Victims named in a summary.
LISTED_IN_SUMMARY = 3
#: Share of a provider's blame that its blaming callers' own change, just before, explains away:
#: a new client, timeout or credential fails against a healthy provider as loudly as an outage.
CHANGED_CALLERS_EXPLAIN = 0.7
#: Factor for a provider unreachable at the same moment as others (the shared way out is blamed).
SHARED_EGRESS_FACTOR = 0.5
#: Factor for a provider whose blaming callers all depend on a component of ours failing by then.
OTHER_FAILURE_FACTOR = 0.5
#: Weight of the blaming callers' change as evidence against the provider.
CHANGED_CALLERS_WEIGHT = 0.5


def _failure_strength(f: Facts, facts: ServiceFacts) -> tuple[float, datetime | None, float]:
    """(strength of the failure, when it began, factor for its victims being later than it)."""
    strength = trouble(facts)
    began = trouble_at(facts)
    hit = victims(f, facts.name)
    factor = 1.0 if hit else (UNFELT_ALERTING_FACTOR if facts.name in f.alerting else UNFELT_FACTOR)
    # an unmeasured component is dated by its callers' complaints, which come late
    if (
        began is not None
        and facts.has_coverage
        and any((t := trouble_at(f.services[v])) is not None and t < began - f.tolerance for v in hit)
    ):
        factor *= CALLERS_FIRST_FACTOR
    return strength, began, factor


def _explained(f: Facts, at: datetime, strength: float, began: datetime) -> float:
    """The factor left by a climb or surge at ``at`` that came no later than the failure."""
    leads = at < began - f.tolerance * LEAD_MARGIN
    return 1.0 - (LEADING_EXPLAINS if leads else ACCOMPANYING_EXPLAINS) * strength


def _blamers_failing_otherwise(f: Facts, provider: ServiceFacts, began: datetime) -> str | None:
    """A component of our own that every caller blaming the provider also depends on, failing
    no later than the blame began: a line about a provider's request ("event evt_1 from stripe
    failed: connection refused") is then as likely that component's failure, which it explains
    along with its other callers'. One blamer with no such failure clears the provider of it."""
    callers = set(f.catalog.dependents(provider.name))
    blamers = sorted({s.service for s in provider.blamed_in if s.service in callers})
    shared: set[str] | None = None
    for blamer in blamers:
        failing = {
            d
            for d in f.dependencies_within(blamer)
            if d != provider.name
            and not f.services[d].platform
            and not f.services[d].external
            and not f.services[d].queue  # a backlog where the caller reads is the caller's slowness
            and trouble(f.services[d]) >= FAILING
            and (at := trouble_at(f.services[d])) is not None
            and at <= began + f.tolerance
        }
        shared = failing if shared is None else shared & failing
    return min(shared) if shared else None


#: Factor for a failure minutes after a dependency it calls changed.
CHANGED_DEPENDENCY_FACTOR = 0.3
#: How soon after a dependency's change a caller's failure is still that change's doing.
DEPENDENCY_CHANGE_WINDOW = timedelta(minutes=20)


def _dependency_changed_before(f: Facts, facts: ServiceFacts, began: datetime) -> ChangeEvent | None:
    """A change of a dependency ``facts``' service calls, minutes before it failed, with no
    change of its own in the hour before: what the dependency now answers is the visible cause."""
    if any(began - OWN_CAUSE_WINDOW <= c.started_at <= began + f.tolerance for c in facts.changes):
        return None  # its own change is the nearer suspect (scored as such above)
    return change_between(
        f, sorted(f.dependencies_within(facts.name)), began - DEPENDENCY_CHANGE_WINDOW, began + f.tolerance
    )


def _changed_writer_named(f: Facts, facts: ServiceFacts, began: datetime) -> ChangeEvent | None:
    """The change of a service sharing a queue with ``facts``' service, named in its new errors,
    shortly before it began failing: a reader rejecting what a writer just started sending."""
    named = [peer for peer in queue_peers(f, facts.name) if peer in facts.names_blamed]
    return change_between(f, named, began - OWN_CAUSE_WINDOW, began + f.tolerance)


def _refused_what_was_sent(f: Facts, facts: ServiceFacts, began: datetime) -> ChangeEvent | None:
    """The change of a caller (or of a writer to the same queue), shortly before, when every line
    of trouble the service has is a refusal of malformed requests (``status=400 err="unable to
    parse points"``): a component rejecting what it is sent is working; the sender that just
    changed sends something new."""
    if not facts.trouble_signatures or any(
        not REFUSED_AS_MALFORMED.search(f"{s.template} {s.example}") for s in facts.trouble_signatures
    ):
        return None
    senders = sorted({*f.dependents_within(facts.name), *queue_peers(f, facts.name)})
    return change_between(f, senders, began - OWN_CAUSE_WINDOW, began + f.tolerance)


#: A balancer's lines about the backends behind it: reports on them, not failures of its own.
_ABOUT_BACKENDS = re.compile(
    r"upstream|backend|\bbe_|server \S+ is down|no (live|healthy) (upstream|server|host|target)|pool member"
    r"|health ?check|marked (as )?down|layer[47] (timeout|check)"
    # an AWS balancer's access line names the target group it forwarded to
    r"|targetgroup/"
    # an access line recording what the backend answered (Azure's serverStatus, an upstream_status)
    r"|(server|upstream|backend|target|origin)_?(status|routed)",
    re.IGNORECASE,
)


def _passed_on(f: Facts, facts: ServiceFacts) -> str | None:
    """A service behind a load balancer or ingress that slowed or failed no later than the
    balancer did, for every sign the balancer shows: a balancer times its backends' answers and
    relays their errors, so their trouble is its latency and error ratio; so are its lines about
    those backends (an upstream that refused, a server it marked down). Lines of any other kind
    are its own failure."""
    name = facts.name
    if not facts.platform or not family_members(f.catalog, [name], "ingress"):
        return None
    if any(not _ABOUT_BACKENDS.search(f"{s.template} {s.example}") for s in facts.trouble_signatures):
        return None  # a line of its own that is not about a backend: its own failure
    shown = facts.impairment_onsets()
    if not shown:
        return None
    for caller in f.dependents_within(name):
        if caller == name:
            continue
        behind = f.services[caller].onsets
        if all(
            (o := behind.get(sign.signal)) is not None and o.direction == "up" and o.at <= sign.at + f.tolerance
            for sign in shown
        ):
            return caller
    return None


def _reported_upstream(f: Facts, facts: ServiceFacts, began: datetime) -> str | None:
    """A service a mesh sidecar or a balancer names in every line it has in trouble, itself
    failing by its own signs by then, when those lines are all the component shows: an access log
    line ``503 UF ... outbound|8080||log-streamer`` reports on log-streamer, not on the mesh."""
    name = facts.name
    if not facts.platform or facts.impairment_onsets() or not facts.trouble_signatures:
        return None
    if not (family_members(f.catalog, [name], "mesh") or family_members(f.catalog, [name], "ingress")):
        return None
    named: set[str] | None = None
    for signature in facts.trouble_signatures:
        if not _ABOUT_BACKENDS.search(f"{signature.template} {signature.example}"):
            return None  # a line of its own (its control plane, its config): its own failure
        failing = {
            m
            for m in signature.mentions
            if m in f.services
            and m != name
            and not f.services[m].platform
            and trouble(f.services[m]) >= DEGRADED
            and (at := trouble_at(f.services[m])) is not None
            and at <= began + f.tolerance
        }
        named = failing if named is None else named & failing
    return min(named) if named else None


#: How long a service may serve more traffic before failing with the traffic still its cause;
#: past it, the cause fades as a change's does.
SURGE_SERVED_FOR = timedelta(minutes=30)
#: What a queue shows of a backlog: its oldest message's age, its depth.
BACKLOG_SIGNALS = frozenset({"latency_p99_seconds", "saturation"})


def _readers_stuck_elsewhere(f: Facts, facts: ServiceFacts, began: datetime) -> tuple[str, str] | None:
    """A service on a queue that shows only a backlog (no errors, no lines of its own), failing by
    then on another component its lines name: older messages and a deeper queue are what services
    that cannot finish their work leave behind, not a broker's failure."""
    if not facts.queue or facts.trouble_signatures or facts.blamed_in:
        return None  # lines of its own, or callers naming it: the broker's own failure
    if any(o.signal not in BACKLOG_SIGNALS for o in facts.impairment_onsets()):
        return None  # errors, or its throughput collapsing: the broker failed

    for user in sorted(f.dependents_within(facts.name)):
        user_facts = f.services[user]
        if trouble(user_facts) < FAILING or (at := trouble_at(user_facts)) is None or at > began + f.tolerance:
            continue
        for signature in user_facts.trouble_signatures:
            named = [m for m in signature.mentions if m not in (facts.name, user) and m in f.services]
            if named:
                return user, named[0]
    return None


def _blamed_along_with(f: Facts, facts: ServiceFacts, began: datetime) -> str | None:
    """Another component that every line blaming this one also blames, and that shows its own
    failure (its metrics or its own lines) no later: for a component known only through those
    lines, the one failing in plain sight is what they report ("nfs: server not responding"
    names the filer whose disks were failing, not the hypervisor cluster that also has storage)."""
    if facts.has_coverage or facts.trouble_signatures or not facts.blamed_in:
        return None
    for other in sorted(f.services):
        rival = f.services[other]
        if other == facts.name or not (rival.trouble_signatures or rival.metric_trouble >= DEGRADED):
            continue
        if all(line in rival.blamed_in for line in facts.blamed_in) and (
            (at := trouble_at(rival)) is not None and at <= began + f.tolerance
        ):
            return other
    return None


def _only_fewer_calls(provider: ServiceFacts) -> bool:
    """Whether all a provider shows is fewer calls: what we measure of it is what we send it, and
    callers that stopped working send less, while a provider that fails answers with errors,
    delays or lines that blame it."""
    shown = provider.impairment_onsets()
    return (
        not provider.blamed_in
        and not provider.trouble_signatures
        and bool(shown)
        and all(o.signal == "request_rate" and o.direction == "down" for o in shown)
    )


def _callers_exhausted_first(f: Facts, provider: ServiceFacts, began: datetime) -> list[str]:
    """The callers of a provider known only by its metrics (no caller's line blames it), when
    every one of them was climbing towards exhaustion before the provider's signs began."""
    if provider.blamed_in:
        return []
    callers = sorted(c for c in f.dependents_within(provider.name) if f.services[c].signals)
    exhausted = [c for c in callers if (at := f.services[c].exhausted_at) is not None and at < began - f.tolerance]
    return exhausted if callers and exhausted == callers else []


def _rival(kind: EvidenceKind, service: str, text: str) -> Evidence:
    """What the failure is instead of this component's own: evidence against blaming it."""
    return Evidence(kind=kind, service=service, weight=CHANGED_CALLERS_WEIGHT, text=text)


def _victims_evidence(name: str, hit: list[str], how: str) -> Evidence:
    """Callers ``hit`` by ``name``'s failure, as evidence; ``how`` ends the sentence that lists them."""
    return Evidence(
        kind="topology", service=name, weight=VICTIMS_WEIGHT, text=f"{', '.join(hit[:LISTED_IN_EVIDENCE])} {how}"
    )


def dependency_rule(f: Facts, facts: ServiceFacts) -> Iterator[Outcome]:
    """The service itself failed, with no change, climb, surge or failing dependency before it.

    A shared platform component failing so is an infrastructure fault, not a dependency outage.
    """
    name = facts.name
    if facts.external:
        return
    cause: Cause = "infrastructure" if facts.platform else "dependency_outage"
    strength, began, factor = _failure_strength(f, facts)
    if strength < DEGRADED or began is None:
        yield Discarded(cause=cause, culprit=name, reason=f"no sign that {name} itself failed")
        return
    own_changes = [c for c in facts.changes if began - OWN_CAUSE_WINDOW <= c.started_at <= began + f.tolerance]
    if own_changes:
        factor *= OWN_CHANGE_FACTOR
    # a climb that leads the failure is its visible cause; one that comes with it is part of it
    resource_at = facts.resource_at
    if resource_at is not None and resource_at <= began + f.tolerance:
        factor *= _explained(f, resource_at, max(o.strength for o in facts.resource_onsets()), began)
    if facts.surge is not None and facts.surge.at <= began + f.tolerance:
        # more traffic that breaks a service does so while it rises or soon after: one it served
        # for half an hour and more before failing is the day's shape, not the visible cause
        lag = lag_timing(f, began - facts.surge.at - SURGE_SERVED_FOR)
        factor *= _explained(f, facts.surge.at, facts.surge.strength * lag, began)
    rivals: list[Evidence] = []
    if root := earlier_root(f, name, began):
        factor *= root.factor
        root_facts = f.services[root.service]
        if (
            not root_facts.platform
            and load_like(f, root_facts)
            and (root_change := caller_change_before(f, root.service, root.at)) is not None
            and root_change.service != name
        ):
            # the dependency it fell with buckled under a caller's change: that change explains both
            factor *= CALLER_LOAD_FACTOR
            who = f"{root_change.service}, whose change loaded {root.service} just before it failed"
            rivals.append(rival_change_evidence(root_change, who, CHANGED_CALLERS_WEIGHT))
    if (writer_change := _changed_writer_named(f, facts, began)) is not None:
        factor *= VICTIM_FACTOR  # what it reads changed shape at the writer that just changed
        who = f"{writer_change.service}, which {name}'s errors name and whose queue it reads"
        rivals.append(rival_change_evidence(writer_change, who, CHANGED_CALLERS_WEIGHT))
    if (sender_change := _refused_what_was_sent(f, facts, began)) is not None:
        factor *= VICTIM_FACTOR
        who = f"{sender_change.service}, which sends to {name}, whose every error refuses a malformed request"
        rivals.append(rival_change_evidence(sender_change, who, CHANGED_CALLERS_WEIGHT))
    if (rival := _blamed_along_with(f, facts, began)) is not None:
        factor *= VICTIM_FACTOR
        rivals.append(
            _rival(
                "log", rival, f"the lines that name {name} also name {rival}, which was failing by its own signs first"
            )
        )
    if (stuck := _readers_stuck_elsewhere(f, facts, began)) is not None:
        factor *= VICTIM_FACTOR
        user, blamed = stuck
        rivals.append(
            _rival(
                "log", blamed, f"{name} shows only a backlog; {user}, which uses it, was failing on {blamed} by then"
            )
        )
    if (reported := _reported_upstream(f, facts, began)) is not None:
        factor *= VICTIM_FACTOR
        rivals.append(
            _rival("log", reported, f"{name}'s lines report on {reported}, which was failing by its own signs by then")
        )
    if (behind := _passed_on(f, facts)) is not None:
        factor *= VICTIM_FACTOR
        rivals.append(
            _rival(
                "metric",
                behind,
                f"{behind}, behind {name}, was in trouble no later than it: a balancer relays its backends'",
            )
        )
    if (upstream_change := _dependency_changed_before(f, facts, began)) is not None:
        factor *= CHANGED_DEPENDENCY_FACTOR
        who = f"{upstream_change.service}, which {name} calls"
        rivals.append(rival_change_evidence(upstream_change, who, CHANGED_CALLERS_WEIGHT))
    if not facts.platform and load_like(f, facts) and caller_change_before(f, name, began) is not None:
        # more work arrived right after a caller changed: its doing (every service calls the
        # platform, so there a caller's change says nothing)
        factor *= CALLER_LOAD_FACTOR
    if resource_words(f, name):
        factor *= EXHAUSTION_WORDS_FACTOR
    if host := host_words(facts):
        # a host or platform failure is a visible cause of its own
        factor *= 1.0 - HOST_EXPLAINS * saturating(sum(s.count_after for s in host), HOST_LINES_SCALE)
    hit = victims(f, name)
    evidence = [
        *onset_evidence(facts, (*IMPAIRMENT_SIGNALS, "request_rate")),
        *blame_evidence(f, name),
        *signature_evidence(f, name),
        *victim_evidence(f, name, began),
        *rivals,
    ]
    if hit:
        evidence.append(_victims_evidence(name, hit, f"depend on {name} and degraded after it"))
    if not own_changes:
        evidence.append(
            Evidence(
                kind="change",
                service=name,
                weight=NO_CHANGE_WEIGHT,
                text=f"no deploy or config change of {name} in the hour before {hhmm(began)}",
            )
        )
    summary = f"{name} failed at {hhmm(began)} with no change of its own"
    if hit:
        summary += f"; {', '.join(hit[:LISTED_IN_SUMMARY])} degraded after it"
    score = OUTAGE_SCORE_CAP * plausibility(strength, FAILURE_SCORE_FLOOR, FAILURE_SCORE_STRENGTH) * factor
    yield Candidate(cause, name, score, summary, began, evidence)


def external_rule(f: Facts, facts: ServiceFacts) -> Iterator[Outcome]:
    """A third-party provider is failing, by its callers' errors naming it."""
    name = facts.name
    if not facts.external:
        yield Discarded(cause="external", culprit=name, reason=f"{name} is not an external service")
        return
    strength, began, factor = _failure_strength(f, facts)
    hit = victims(f, name)
    if strength < DEGRADED and not f.logs_available and hit:
        strength = DEGRADED
    if strength < DEGRADED:
        yield Discarded(cause="external", culprit=name, reason=f"no caller's errors name {name}")
        return
    # a provider that buckled under the traffic we sent it failed because of that traffic
    surges = [s for c in f.dependents_within(name) if (s := f.services[c].surge) is not None]
    if began is not None and (leading := [s for s in surges if began - OWN_CAUSE_WINDOW <= s.at <= began]):
        factor *= _explained(f, min(s.at for s in leading), max(s.strength for s in leading), began)
    # what we measure of a provider is measured by its callers: one running out of memory or CPU
    # slows its own calls, and the provider's latency rises with it
    starved = _callers_exhausted_first(f, facts, began) if began is not None else []
    if starved:
        factor *= VICTIM_FACTOR
    fewer_calls = _only_fewer_calls(facts)
    if fewer_calls:
        factor *= VICTIM_FACTOR
    egress = shared_egress(f)
    if egress is not None and way_out(f, egress.at) is None:
        egress = None
    if egress is not None and set(facts.blamed_in) & set(egress.signatures):
        factor *= SHARED_EGRESS_FACTOR  # unreachable along with other providers: the way out failed
    evidence = [*blame_evidence(f, name, limit=MORE_QUOTED_LINES), *onset_evidence(facts)]
    if starved:
        text = f"{', '.join(starved)}, which measure {name}, were running out of resources before it slowed"
        evidence.append(_rival("metric", starved[0], text))
    if fewer_calls:
        evidence.append(
            _rival("metric", name, f"{name} only received fewer calls: no caller's line, error or delay says it failed")
        )
    if began is not None and (change := blamers_changed(f, facts, began)) is not None:
        factor *= 1.0 - CHANGED_CALLERS_EXPLAIN * lag_timing(f, began - change.started_at)
        evidence.append(rival_change_evidence(change, f"{change.service}, which blames {name}", CHANGED_CALLERS_WEIGHT))
    if began is not None and (rival := _blamers_failing_otherwise(f, facts, began)) is not None:
        factor *= OTHER_FAILURE_FACTOR
        evidence.append(
            Evidence(
                kind="topology",
                service=rival,
                weight=CHANGED_CALLERS_WEIGHT,
                text=f"{rival}, which the callers blaming {name} also depend on, was failing by then",
            )
        )
    if hit:
        evidence.append(_victims_evidence(name, hit, f"call {name} and degraded"))
    summary = f"External dependency {name} is failing"
    if began is not None:
        summary += f" since {hhmm(began)}"
    if hit:
        summary += f"; callers {', '.join(hit[:LISTED_IN_SUMMARY])} degraded"
    score = plausibility(strength, FAILURE_SCORE_FLOOR, FAILURE_SCORE_STRENGTH) * factor
    yield Candidate("external", name, score, summary, began, evidence)
