"""Measures the rules share: how troubled a service is, when it began, what came first."""

from __future__ import annotations

import ipaddress
import math
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import NamedTuple

from bot.engine.evidence import ChangeEvent
from bot.engine.facts import (
    COLLAPSE_RATIO,
    EXHAUSTION_PEAK,
    INFRA_WORDS,
    PROVIDER_FAILING_WORDS,
    REFUSED_AS_MALFORMED,
    RESOURCE_WORDS,
    THROTTLED_WORDS,
    Facts,
    ServiceFacts,
)
from bot.engine.logsig import CONNECT_FAILURE, INTERNAL_DOMAINS
from bot.engine.model import LogSignature, Onset
from bot.engine.platform import family_members
from bot.engine.rules.weights import DEGRADED, FAILING, OWN_CAUSE_WINDOW, VICTIM_FACTOR

#: Score of a cause with the faintest evidence, before its timing and priority factors.
SCORE_FLOOR = 0.3
#: Score a cause gains from full-strength evidence (SCORE_FLOOR + SCORE_STRENGTH × strength).
SCORE_STRENGTH = 0.7
#: A resource below this level (0..1) has used none of its headroom.
HEADROOM_FROM = 0.6
#: Climb above HEADROOM_FROM at which the headroom is used up.
HEADROOM_SPAN = 0.32
#: Least headroom used that any resource onset counts for.
HEADROOM_FLOOR = 0.2
#: Callers' blaming lines at which blame reaches 1 - 1/e.
BLAME_LINES_SCALE = 6.0
#: Callers blaming a service whose own error and latency signals stay clean are more likely
#: wrong about it (a too-short timeout, a bad route of their own) than right.
CLEAN_BLAME_DISCOUNT = 0.3
#: Time after the tolerance in which a cause's timing factor falls to 1/e.
CHANGE_LAG_SCALE = timedelta(minutes=20)
#: An onset is only as precise as the sampling step: climbs this many steps after the trouble still lead it.
ONSET_PRECISION_STEPS = 2
#: Priority of a service whose dependency failed at the same time (the deepest is the likelier root).
NEAR_VICTIM_FACTOR = 0.6
#: Priority of a change when a dependency crashed after it on its own.
CRASHED_DEPENDENCY_FACTOR = 0.5
#: A caller's change this long before extra load on a service explains the load.
CALLER_CHANGE_WINDOW = timedelta(minutes=20)
#: Outside hosts that services fail to reach at once, from this many, share the way out.
SHARED_EGRESS_HOSTS = 3
#: A host name where a line says it is one (lower-cased): a URL's host, a name with its port,
#: or a bare name of three labels or more. A dotted word alone (``user=a.campbell``,
#: ``class-wpdb.php``) is no host.
OUTSIDE_HOST = re.compile(
    r"[a-z][a-z0-9+.-]*://((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})\b"
    r"|\b((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}):\d{1,5}\b"
    r"|\b((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.){2,}[a-z]{2,})\b"
)
#: Dotted names that are classes or files, not hosts (``java.net.SocketTimeoutException``, ``app.min.js``).
CLASS_NAME = re.compile(
    r"(exception|error|\.(php|js|py|rb|go|java|jar|class|html?|json|ya?ml|xml|log|txt|conf|sql|sh))$"
)
#: An IPv4 address and its port, as a connection failure names where it was going.
ADDRESS_PORT = re.compile(r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}:\d{1,5}\b")
#: Services starving of CPU or memory together, from this many, share a cause.
SHARED_CLIMB_SERVICES = 3
#: The resources a service draws from the node it runs on.
COMPUTE_SIGNALS = ("cpu_utilisation", "memory_utilisation")
#: Trouble (0..1) from which a caller counts as a victim.
VICTIM_TROUBLE = 0.2


class Root(NamedTuple):
    """A dependency that explains a service's trouble: which, since when, and the factor it leaves."""

    service: str
    at: datetime
    factor: float


def plausibility(strength: float, floor: float = SCORE_FLOOR, span: float = SCORE_STRENGTH) -> float:
    """A cause's score from the strength of its evidence, before its timing and priority factors."""
    return floor + span * strength


def saturating(amount: float, scale: float) -> float:
    """0..1, rising with ``amount``: 1 - 1/e at ``scale``."""
    return 1.0 - math.exp(-amount / scale)


def headroom_used(peak: float) -> float:
    """HEADROOM_FLOOR..1: how close a 0..1 resource came to exhaustion; a climb to 70 % starves nothing."""
    return min(1.0, max(HEADROOM_FLOOR, (peak - HEADROOM_FROM) / HEADROOM_SPAN))


def lag_timing(f: Facts, lag: timedelta) -> float:
    """1 for an effect within the tolerance of its cause, decaying the later it came."""
    return math.exp(-max(timedelta(0), lag - f.tolerance) / CHANGE_LAG_SCALE)


def blame(facts: ServiceFacts) -> float:
    """How strongly other services' new errors name this one, 0..1."""
    raw = saturating(sum(facts.blamed_by.values()), BLAME_LINES_SCALE)
    if facts.has_coverage and facts.metric_trouble == 0.0 and not _ran_out_as_blamed(facts):
        # its own metrics look clean; each further caller that blames it independently is one
        # more chance that they miss what the callers see (refused connections never arrive)
        return raw * (1.0 - (1.0 - CLEAN_BLAME_DISCOUNT) ** len(facts.blamed_by))
    return raw


def _ran_out_as_blamed(facts: ServiceFacts) -> bool:
    """Whether its metrics show it ran out of something and its callers' lines say so too ("OOM
    command not allowed when used memory > 'maxmemory'" from a cache at 100 % memory): then its
    metrics are not clean, whatever its error and latency series say."""
    return facts.exhausted_at is not None and any(
        RESOURCE_WORDS.search(f"{s.template} {s.example}") for s in facts.blamed_in
    )


def host_words(facts: ServiceFacts) -> list[LogSignature]:
    """The service's new lines about hosts, volumes or networks failing under it; not those that
    name another component (an I/O error calling a provider, a platform component's symptom)."""
    return [s for s in facts.words(INFRA_WORDS) if not s.mentions]


def trouble(facts: ServiceFacts) -> float:
    """Evidence the service is failing: its own signals and logs, or callers blaming it."""
    own, blamed = facts.trouble, blame(facts)
    return 1.0 - (1.0 - own) * (1.0 - blamed)


def trouble_at(facts: ServiceFacts) -> datetime | None:
    times = [t for t in (facts.trouble_at, facts.blamed_at) if t is not None]
    return min(times) if times else None


def queue_peers(f: Facts, name: str) -> list[str]:
    """The other services of the incident on the queues ``name`` uses: what it writes, they read
    (or the other way round; the catalog does not say which)."""
    found: dict[str, None] = {}
    for dependency in f.catalog.dependencies(name):
        component = f.catalog.get(dependency)
        if component is not None and component.kind == "queue":
            found.update(dict.fromkeys(p for p in sorted(f.catalog.dependents(dependency)) if p != name))
    return [p for p in found if p in f.services]


def effect_after(
    f: Facts,
    name: str,
    since: datetime,
    include_resources: bool = True,
    slack: timedelta | None = None,
    *,
    downstream: bool = False,
) -> tuple[datetime, str] | None:
    """The earliest trouble at ``name`` or anything that depends on it, from ``since`` on
    (``slack`` earlier at most, for onsets dated a sample early). With ``downstream`` (a change
    or more traffic at ``name``), load on what it calls counts too.

    A sibling reaches the neighbourhood only through the dependencies it shares with it, so
    for a sibling only their trouble or exhaustion counts (more traffic through them is no
    damage yet); its own trouble is its own incident.
    """
    earliest: tuple[datetime, str] | None = None
    limit = since - (f.tolerance if slack is None else slack)
    sibling = name in f.siblings
    # a queue's readers fall behind without working harder: their delay is the effect
    readers = set(queue_peers(f, name)) if downstream and not sibling else set()
    # every service calls the platform (DNS, a mesh, nodes): one caller's change or traffic is
    # no reason for its load, so it is not counted as loaded by them
    called = [d for d in f.dependencies_within(name) if not f.services[d].platform]
    loaded = {*called, *readers} if downstream and not sibling else set()
    for service in f.dependencies_within(name) if sibling else [*f.affected_by(name), *sorted(loaded)]:
        facts = f.services[service]
        times = [trouble_at(facts)] if trouble(facts) >= DEGRADED else []
        if service in loaded and not load_like(f, facts) and service not in readers:
            times = []  # a dependency that crashed on its own is no effect of more work
        if sibling or (include_resources and service == name) or service in loaded:
            times.append(facts.exhausted_since)
        for at in times:
            if at is not None and at >= limit and (earliest is None or at < earliest[0]):
                earliest = (at, service)
    return earliest


def load_like(f: Facts, facts: ServiceFacts) -> bool:
    """True when the service's trouble looks like more work arriving (a caller's doing): its
    traffic or resources climbed no later than its trouble began, and it did not stop serving."""
    rate = facts.onsets.get("request_rate")
    if (rate is not None and rate.direction == "down") or facts.went_dark_at is not None:
        return False  # it stopped serving (or stopped reporting altogether): more work slows, it does not silence
    began = trouble_at(facts)
    climbs = [o.at for o in facts.resource_onsets()]
    if facts.surge is not None:
        climbs.append(facts.surge.at)
    climbs += [s.first_after for s in facts.blamed_in if s.first_after and THROTTLED_WORDS.search(s.template)]
    return bool(climbs) and (began is None or min(climbs) <= began + ONSET_PRECISION_STEPS * f.step)


def earlier_root(f: Facts, name: str, at: datetime, *, load_explained: bool = False) -> Root | None:
    """A dependency that explains ``name``'s trouble at ``at``, and how strongly (a factor < 1).

    A dependency that was clearly failing earlier makes ``name`` a victim; so does one
    failing at the same time, more weakly (the deepest failing service is the likelier
    root), unless ``load_explained`` and the dependency's trouble is load that ``name``
    sent; and so does one that ``name``'s own new errors name while it is failing too
    (by its own signals, or unobserved).
    """
    blamed = f.services[name].names_blamed
    best: Root | None = None
    for dependency in f.dependencies_within(name):
        facts = f.services[dependency]
        began = trouble_at(facts) if trouble(facts) >= FAILING else None
        if facts.exhausted_at is not None and (began is None or facts.exhausted_at < began):
            began = facts.exhausted_at  # a database out of connections fails its callers, errors or not
        if began is None:
            continue
        # a component nobody measures is dated by its callers' complaints, which come late
        unobserved = not facts.has_coverage
        named_and_failing = (
            dependency in blamed
            and (began <= at + f.tolerance or unobserved)
            and (facts.trouble >= FAILING or unobserved)
        )
        factor = 1.0
        if (
            began < at - f.tolerance
            or named_and_failing
            or _stopped_serving_while_called(f, name, dependency, at)
            or (_failed_with_its_callers(facts, name) and began <= at + f.tolerance)
        ):
            factor = VICTIM_FACTOR
        elif began <= at and not (load_explained and load_like(f, facts) and _sent_more(f, name, began)):
            factor = NEAR_VICTIM_FACTOR
        if factor < 1.0 and (best is None or factor < best.factor):
            best = Root(dependency, began, factor)
    return best


def explained_elsewhere(f: Facts, name: str, effect_service: str, effect_at: datetime) -> Root | None:
    """A dependency of ``effect_service`` that ``name`` does not reach, failing by ``effect_at``
    and named in the incident's errors: the service that degraded after something happened at
    ``name`` (a routine deploy, a climb it weathered) was failing with that dependency instead."""
    if effect_service == name:
        return None
    root = earlier_root(f, effect_service, effect_at)
    if root is None or root.service == name or root.service in f.catalog.transitive_dependencies(name):
        return None
    return root if f.services[root.service].blamed_in else None


def _failed_with_its_callers(dependency: ServiceFacts, name: str) -> bool:
    """``name`` is one of the callers a datastore or queue failed together with, or one of the
    services that failed with a platform piece logging its own failure (see
    :attr:`~bot.engine.facts.ServiceFacts.co_failures`): one cause for all of them, not one each."""
    if dependency.platform and not dependency.trouble_signatures:
        return False  # a platform piece is only suspected through what failed with it
    return name in dependency.co_failures


def _sent_more(f: Facts, name: str, at: datetime) -> bool:
    """Whether ``name`` can have loaded a dependency that began failing at ``at``: its traffic
    rose, it changed shortly before, or something of its own (a pool holding connections) climbed
    by then. A caller doing what it always did loads nothing."""
    facts = f.services[name]
    if facts.surge is not None and facts.surge.at <= at + f.tolerance:
        return True
    if facts.resource_at is not None and facts.resource_at <= at + f.tolerance:
        return True
    return any(at - OWN_CAUSE_WINDOW <= c.started_at <= at + f.tolerance for c in facts.changes)


def _stopped_serving_while_called(f: Facts, name: str, dependency: str, at: datetime) -> bool:
    """``dependency``'s traffic collapsed around ``at`` while ``name`` kept taking its own: the
    calls were still being made, so the dependency stopped answering them (a caller that fails
    first sends less, but then its own traffic falls with it)."""
    served = f.services[dependency]
    gone = served.onsets.get("request_rate")
    # what a component with no error signal of its own served is all it says: any clear drop
    # while it was still called (one node of a cache cluster gone halves it) is a failure to answer
    collapse = COLLAPSE_RATIO if served.has_coverage else 1.0
    if gone is None or gone.direction != "down" or gone.ratio > collapse or gone.at > at + f.tolerance:
        return False
    own = f.services[name].onsets.get("request_rate")
    return own is None or not (own.direction == "down" and own.ratio <= COLLAPSE_RATIO)


def blamers_changed(f: Facts, provider: ServiceFacts, began: datetime) -> ChangeEvent | None:
    """The latest change among the provider's callers that blame it, when every one of them
    changed shortly before the blame began (one unchanged caller blaming it too clears them,
    and so does the provider answering that it is failing: a 503 speaks for itself)."""
    callers = set(f.catalog.dependents(provider.name))
    blamers = sorted({s.service for s in provider.blamed_in if s.service in callers})
    # the failing answer may be logged without the provider's name, by a caller that blames nobody else
    answers = [
        s
        for blamer in blamers
        for s in f.services[blamer].trouble_signatures
        if provider.name in s.mentions or f.services[blamer].names_blamed <= {provider.name}
    ]
    # a provider refusing a malformed request is answering, not failing: the caller's own 502s
    # that follow say nothing of the provider
    refused = [s for s in answers if REFUSED_AS_MALFORMED.search(f"{s.template} {s.example}")]
    if refused:
        answers = [s for s in answers if provider.name in s.mentions and s not in refused]
    if any(PROVIDER_FAILING_WORDS.search(f"{s.template} {s.example}") for s in answers):
        return None
    latest: ChangeEvent | None = None
    for blamer in blamers:
        changes = [
            c for c in f.services[blamer].changes if began - OWN_CAUSE_WINDOW <= c.started_at <= began + f.tolerance
        ]
        if not changes:
            return None
        nearest = max(changes, key=lambda c: c.started_at)
        if latest is None or nearest.started_at > latest.started_at:
            latest = nearest
    return latest


def root_before_change(f: Facts, name: str, change: ChangeEvent, effect_at: datetime) -> Root | None:
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
        if began is None or trouble(facts) < FAILING:
            continue
        degrading = [t for t in (began, facts.exhausted_at) if t is not None]
        if min(degrading) < change.started_at - f.tolerance:
            return Root(dependency, min(degrading), VICTIM_FACTOR)
        if facts.external and (rival := blamers_changed(f, facts, began)) is not None and rival.service == name:
            continue  # a provider blamed only by callers that had just changed is not failing on its own
        # named by the service or by anyone in the incident (a fallback naming its failed cache)
        named = dependency in blamed or bool(facts.blamed_in)
        if facts.trouble < FAILING and not (named and not facts.has_coverage):
            continue
        first_to_fail = own_began is None or began < own_began
        # the platform's load is nobody's change (see effect_after): there it failed on its own
        overloaded = load_like(f, facts) and not facts.platform
        if (named or first_to_fail) and began <= effect_at + f.tolerance and not overloaded:
            return Root(dependency, began, CRASHED_DEPENDENCY_FACTOR)
    return None


_BRACKETED = re.compile(r"\[[^\]]*\]")


def _symptom(template: str) -> str:
    """A line's template without its bracketed tags (logger, thread or client names)."""
    return " ".join(_BRACKETED.sub(" ", template).split())


def shared_symptom(f: Facts, name: str, since: datetime) -> list[str]:
    """Services that ``name``'s change cannot reach (not its callers) and that did not change
    themselves, which began logging the same new error as ``name`` from ``since`` on: the error
    has a cause they share, not ``name``'s change."""
    own = {
        _symptom(s.template)
        for s in f.services[name].trouble_signatures
        if s.first_after is not None and s.first_after >= since
    }
    if not own:
        return []
    reachable = set(f.affected_by(name))
    witnesses = []
    for other, facts in f.services.items():
        if other in reachable or any(c.started_at >= since - OWN_CAUSE_WINDOW for c in facts.changes):
            continue
        new = (s for s in facts.trouble_signatures if s.first_after is not None and s.first_after >= since)
        if any(_symptom(s.template) in own for s in new):
            witnesses.append(other)
    return sorted(witnesses)


def named_alike(f: Facts, name: str, since: datetime) -> list[str]:
    """Services with no change of their own that began, from ``since`` on, logging new errors
    naming a component of the estate (not a provider, whose rejections a change can provoke)
    that ``name``'s new errors also name and that failed rather than overloaded, without naming
    ``name``: the failure they all name is theirs and ``name``'s alike, whatever ``name``
    changed (a caller of ``name`` counts too, when its errors name the shared dependency and
    not ``name``)."""
    named = {
        m
        for s in f.services[name].trouble_signatures
        if s.first_after is not None and s.first_after >= since
        for m in s.mentions
        if m != name and m in f.services and not f.services[m].external and not load_like(f, f.services[m])
    }
    if not named:
        return []
    witnesses = []
    for other, facts in f.services.items():
        if other == name or other in named or any(c.started_at >= since - OWN_CAUSE_WINDOW for c in facts.changes):
            continue
        new = (s for s in facts.trouble_signatures if s.first_after is not None and s.first_after >= since)
        mentions = {m for s in new for m in s.mentions}
        if mentions & named and name not in mentions:
            witnesses.append(other)
    return sorted(witnesses)


_VERSION = re.compile(r"(?<![\w.])\d+\.\d+\.\d+(?:[-+][\w.]+)?(?![\w.])")


def _delivered_version(change: ChangeEvent) -> re.Pattern[str] | None:
    """A pattern for the three-part versions ``change`` delivered, as whole tokens (no address,
    no protocol version matches), or ``None`` when its version names none."""
    versions = sorted(set(_VERSION.findall(change.version or "")))
    if not versions:
        return None
    return re.compile("|".join(rf"(?<![\w.]){re.escape(v)}(?![\w.])" for v in versions))


def _naming_lines(f: Facts, service: str, change: ChangeEvent, pattern: re.Pattern[str]) -> list[LogSignature]:
    """``service``'s trouble lines, from ``change`` on, that name what ``pattern`` matches."""
    since = change.started_at - f.tolerance
    return [
        s
        for s in f.services[service].trouble_signatures
        if s.first_after is not None and s.first_after >= since and pattern.search(s.example)
    ]


def version_named(f: Facts, change: ChangeEvent) -> tuple[datetime, str] | None:
    """The earliest new trouble, after ``change``, at another service whose lines name the
    version the change delivered (``fw=5.8.1`` from devices on the firmware an OTA wave pushed,
    ``app 6.2.0 rejected`` after a mobile release): what the change put out in the world, come
    back as someone else's errors, whatever the catalog says about who calls whom. The service
    was hit when it first moved, which can be before anyone logged the version."""
    pattern = _delivered_version(change)
    if pattern is None:
        return None
    since = change.started_at - f.tolerance
    earliest: tuple[datetime, str] | None = None
    for other, facts in f.services.items():
        lines = [] if other == change.service else _naming_lines(f, other, change, pattern)
        if not lines:
            continue
        surge = facts.surge
        moved = [t for t in (trouble_at(facts), surge.at if surge else None) if t is not None and t >= since]
        at = min([*(s.first_after for s in lines if s.first_after is not None), *moved])
        if earliest is None or at < earliest[0]:
            earliest = (at, other)
    return earliest


def delivered_change(f: Facts, name: str, at: datetime) -> ChangeEvent | None:
    """A change of another service, in the hour before ``at``, whose delivered version ``name``'s
    own trouble lines name (see :func:`version_named`)."""
    for other, facts in sorted(f.services.items()):
        if other == name:
            continue
        for change in facts.changes:
            if not at - OWN_CAUSE_WINDOW <= change.started_at <= at + f.tolerance:
                continue
            if (pattern := _delivered_version(change)) is not None and _naming_lines(f, name, change, pattern):
                return change
    return None


def change_between(f: Facts, services: Iterable[str], since: datetime, until: datetime) -> ChangeEvent | None:
    """The first change, in the order ``services`` are given, that one of them made from ``since``
    to ``until``."""
    for service in services:
        for change in f.services[service].changes:
            if since <= change.started_at <= until:
                return change
    return None


def caller_change_before(f: Facts, name: str, at: datetime, *, busier: bool = False) -> ChangeEvent | None:
    """A change of a caller shortly before ``at``: extra load on ``name`` is then its doing. With
    ``busier``, only a caller that itself surged or climbed after its change counts: every service
    runs on the platform, and one that changed but works as before put no more on it."""
    for caller in f.dependents_within(name):
        facts = f.services[caller]
        working = [o.at for o in (*facts.resource_onsets(), *([facts.surge] if facts.surge else []))] if busier else []
        for change in facts.changes:
            if not change.started_at - f.tolerance <= at <= change.started_at + CALLER_CHANGE_WINDOW:
                continue
            if not busier or any(change.started_at - f.tolerance <= t <= at + f.tolerance for t in working):
                return change
    return None


def surge_between(f: Facts, name: str, after: datetime, until: datetime, *, besides: str) -> Onset | None:
    """A surge of a caller of ``name`` other than ``besides`` in ``(after, until]``: extra load
    on ``name`` by ``until`` is then more likely that surge's doing than anything before it."""
    for caller in f.dependents_within(name):
        surge = f.services[caller].surge if caller != besides else None
        if surge is not None and after < surge.at <= until + f.tolerance:
            return surge
    return None


def sole_platform(f: Facts, family: str) -> str | None:
    """The one platform component of ``family`` (``"nodes"``, ``"network"``) in the neighbourhood;
    ``None`` when there is none to blame, or several and no way to tell which."""
    members = family_members(f.catalog, f.neighbourhood, family)
    return members[0] if len(members) == 1 else None


def way_out(f: Facts, at: datetime) -> str | None:
    """The network component calls to the outside leave through (a NAT gateway, an egress proxy, a
    firewall): the one in the neighbourhood, or of several (one NAT gateway per zone), the only
    one in trouble by its own signs no later than ``at``. Balancers and gateways at the edge carry
    traffic in, not out, whatever their description says of networks."""
    inbound = set(family_members(f.catalog, f.neighbourhood, "ingress"))
    members = [m for m in family_members(f.catalog, f.neighbourhood, "network") if m not in inbound]
    if len(members) == 1:
        return members[0]
    failing = [
        m
        for m in members
        if m in f.services
        and trouble(f.services[m]) >= DEGRADED
        and (began := trouble_at(f.services[m])) is not None
        and began <= at + f.tolerance
    ]
    return failing[0] if len(failing) == 1 else None


class SharedClimb(NamedTuple):
    """Services whose CPU or memory ran out at the same moment, with no surge behind it."""

    services: tuple[str, ...]
    at: datetime


def shared_climb(f: Facts) -> SharedClimb | None:
    """The largest set of services whose CPU or memory ran out within the tolerance of each
    other while no traffic surge reached them. Waiting on a failing dependency fills pools and
    queues down a call chain, but burns no CPU and holds no more memory: from
    SHARED_CLIMB_SERVICES services starving of compute at once, the cause is the compute they
    share (a node pool that failed to scale, lost nodes, or a neighbour that took them)."""
    if "shared_climb" not in f.derived:
        f.derived["shared_climb"] = _shared_climb(f)
    found: SharedClimb | None = f.derived["shared_climb"]
    return found


def _shared_climb(f: Facts) -> SharedClimb | None:
    climbs: list[tuple[datetime, str]] = []
    for name, facts in f.services.items():
        component = f.catalog.get(name)
        if component is None or component.kind != "service":
            continue
        starved = [
            o.at
            for o in facts.resource_onsets()
            if o.signal in COMPUTE_SIGNALS and o.peak >= EXHAUSTION_PEAK and not o.censored
        ]
        if not starved:
            continue
        at = min(starved)
        surges = [s for c in [name, *f.dependents_within(name)] if (s := f.services[c].surge) is not None]
        if not any(s.at <= at + f.tolerance for s in surges):
            climbs.append((at, name))
    climbs.sort()
    best: list[tuple[datetime, str]] = []
    for i, (start, _) in enumerate(climbs):
        together = [c for c in climbs[i:] if c[0] <= start + f.tolerance]
        if len(together) > len(best):
            best = together
    if len(best) < SHARED_CLIMB_SERVICES:
        return None
    return SharedClimb(tuple(sorted(name for _, name in best)), best[0][0])


class SharedEgress(NamedTuple):
    """Outside hosts that several services failed to reach at the same moment."""

    hosts: tuple[str, ...]
    services: tuple[str, ...]
    signatures: tuple[LogSignature, ...]
    at: datetime


def shared_egress(f: Facts) -> SharedEgress | None:
    """The largest set of new connection failures to hosts outside the estate that began within
    the tolerance of each other: from SHARED_EGRESS_HOSTS hosts of more than one domain, reached
    by more than one service, the providers did not all fail at once; the way out they share did
    (a NAT gateway, an egress proxy, a firewall)."""
    if "shared_egress" not in f.derived:
        f.derived["shared_egress"] = _shared_egress(f)
    found: SharedEgress | None = f.derived["shared_egress"]
    return found


def _shared_egress(f: Facts) -> SharedEgress | None:
    failures: list[tuple[datetime, str, LogSignature]] = []
    for facts in f.services.values():
        for signature in facts.trouble_signatures:
            if signature.first_after is None or not CONNECT_FAILURE.search(signature.example):
                continue
            for host in _outside_destinations(signature):
                failures.append((signature.first_after, host, signature))
    failures.sort(key=lambda failure: (failure[0], failure[1]))
    best: list[tuple[datetime, str, LogSignature]] = []
    for i, (start, _, _) in enumerate(failures):
        together = [failure for failure in failures[i:] if failure[0] <= start + f.tolerance]
        if len({host for _, host, _ in together}) > len({host for _, host, _ in best}):
            best = together
    hosts = sorted({host for _, host, _ in best})
    services = sorted({s.service for _, _, s in best})
    domains = {".".join(host.split(".")[-2:]) for host in hosts}
    if len(hosts) < SHARED_EGRESS_HOSTS or len(domains) < 2 or len(services) < 2:
        return None
    signatures = tuple(dict.fromkeys(s for _, _, s in best))
    return SharedEgress(tuple(hosts), tuple(services), signatures, best[0][0])


def _outside_destinations(signature: LogSignature) -> list[str]:
    """Where a failed connection was going, outside the estate: the host names in the line, or,
    for a public address with no name (``connect ETIMEDOUT 54.171.127.192:443``), the provider
    the line names (the address alone, when it names none)."""
    text = signature.example.lower()
    found = [next(g for g in groups if g) for groups in OUTSIDE_HOST.findall(text)]
    hosts = list(dict.fromkeys(h for h in found if not h.endswith(INTERNAL_DOMAINS) and not CLASS_NAME.search(h)))
    if hosts:
        return hosts
    public = [address for m in ADDRESS_PORT.finditer(text) if _public(address := m.group(0).rsplit(":", 1)[0])]
    if not public:
        return []
    return list(signature.mentions) if signature.mentions else public[:1]


def _public(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_global
    except ValueError:  # an octet past 255: no address
        return False


def victims(f: Facts, name: str) -> list[str]:
    """Callers of ``name`` inside the incident that are failing too (siblings are their own story)."""
    inside = set(f.neighbourhood)
    return [s for s in f.dependents_within(name) if s in inside and trouble(f.services[s]) >= VICTIM_TROUBLE]
