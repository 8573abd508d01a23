"""Per-service facts the rules reason over: when each service got into trouble, and how badly.

The rules never look at raw series or log lines; they read these facts, which
keeps every rule a few lines of arithmetic on times and strengths.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from statistics import median
from typing import Any, NamedTuple

import numpy as np

from bot.catalog import Catalog
from bot.engine.aliases import component_aliases, provider_duties
from bot.engine.evidence import ChangeEvent, LogRecord, Series
from bot.engine.logsig import COMPONENT_WORDS, NAME_PARTS, mention_pattern, shorthand_pattern, signatures, surge_factor
from bot.engine.model import LogSignature, Onset
from bot.engine.onset import detect_onset
from bot.engine.platform import (
    family_members,
    platform_processes,
    platform_symptoms,
    same_family,
    unmistakable_components,
)

IMPAIRMENT_SIGNALS = ("error_ratio", "latency_p99_seconds")
RESOURCE_SIGNALS = ("cpu_utilisation", "memory_utilisation", "saturation")
#: request_rate falling below this share of its baseline means the service stopped serving.
COLLAPSE_RATIO = 0.5
#: request_rate rising above this multiple of its baseline is a surge.
SURGE_RATIO = 1.5
#: a signature counts as trouble when it is new, or this much more frequent than before.
SIGNATURE_SURGE = 3.0
#: a signature counts as trouble only from this many lines after the split.
MIN_SIGNATURE_COUNT = 3
#: a service whose series all stopped this many sampling steps (or tolerances) before ``now`` is silent.
SILENT_STEPS = 4
#: trouble an alert shows on a service with no error or latency series and no new error lines.
ALERT_TROUBLE = 0.5
#: trouble of a component that stopped reporting as its callers began failing.
DARK_TROUBLE = 0.6
#: callers failing up to this many tolerances after a component stopped reporting failed with it.
DARK_CALLERS_TOLERANCES = 2
#: a warning line counts as this share of an error line.
WARN_LINE_WEIGHT = 0.3
#: error lines at which log trouble reaches 1 - 1/e.
LOG_TROUBLE_SCALE = 8.0
#: logs alone never make trouble as certain as metrics: their share of it.
LOG_TROUBLE_WEIGHT = 0.85
#: the sampling step is the median spacing in this many series...
STEP_SAMPLE_SERIES = 20
#: ...over this many gaps from each one's start.
STEP_SAMPLE_GAPS = 20
#: the step assumed when no series has two samples, in seconds.
DEFAULT_STEP_SECONDS = 60.0
#: times within this many sampling steps count as the same moment (the tolerance)...
TOLERANCE_STEPS = 2
#: ...and so do times within this, however fine the sampling.
MIN_TOLERANCE = timedelta(seconds=120)
#: share of the tolerance by which "before" ends ahead of the first onset.
SPLIT_LEAD = 0.5
#: share of the tolerance by which a platform component's "before" ends ahead of everyone else's:
#: its failure comes first and shows on the services it breaks only once they fail, so its own
#: first lines (a kernel lockup, a kubelet error) land just before the others' split.
PLATFORM_SPLIT_LEAD = 1.0
#: without onsets, "before" ends this long before the alert started...
ALERT_LEAD = timedelta(minutes=5)
#: ...or, without an alert time, this long before now.
DEFAULT_LOOKBACK = timedelta(minutes=15)
#: A resource (0..1) that climbed to this level is damage; below it, work that more traffic brings.
EXHAUSTION_PEAK = 0.8
#: Trouble (0..1) from which a service counts as failing along with a platform component.
FAILING_TROUBLE = 0.3
#: Callers of a datastore or queue, unchanged and failing together with nothing else to blame,
#: that make it a suspect.
MIN_CALLERS_TOGETHER = 2
#: A change this long before a caller's failure is a cause of its own.
OWN_CHANGE_WINDOW = timedelta(minutes=30)
#: Unrelated services failing together with a platform component at which the coincidence
#: reaches 1 - 1/e as evidence against it (one alone is no coincidence).
CO_FAILURE_SCALE = 2.0
#: shortest span, in seconds, over which log rates before and after the split are compared.
MIN_SPAN_SECONDS = 60.0

#: A disk past the mark a store stops writing at (Elasticsearch's flood-stage watermark, a
#: usage threshold exceeded): out of room, in the words of stores that refuse before it is full.
DISK_PAST_MARK = (
    r"(disk|storage|space)[\w ]{0,20}watermark|(disk|storage|space) (usage|used)[\w ]{0,20}(exceeded|above|over)"
)
RESOURCE_WORDS = re.compile(
    # a pool that ran dry, not any pool: "HikariPool-1 - Connection is not available, request timed
    # out", not "HTTPSConnectionPool(host=...): Read timed out" (a slow provider) nor a reconnect
    r"(?<!httpconnection)(?<!httpsconnection)pool\b[^\n]{0,80}?\b(exhaust|full|timed? ?out|timeout|wait|limit"
    r"|overflow|no (free|available|idle)|0 (free|available|idle))|(exhausted|full|saturated)[\w ]{0,20}pool"
    r"|exhaust|out of memory|\boom|heap|gc overhead|no space|not[ _]enough[ _](free[ _])?(disk[ _])?space|disk full"
    r"|storage ?full|insufficient[\w ]{0,20}(storage|space|memory|disk)|too many parts"
    r"|\bfull\b"
    r"|free (disk |drive )?space (below|under|low)|minimum free|low (disk|free) space"
    r"|too many (connections|open files|clients)|file descriptor|quota"
    r"|(storage|space|memory|disk)[\w ]{0,20}insufficient"
    r"|queue (is )?full|backlog|throttl|saturat|capacity|limit (reached|exceeded)"
    r"|resources? ?(_|\b)(exhausted|limit|quota)|(insufficient|out of|no) (\w+ )?resources"
    r"|(reached|exceeded|hit)( the| its)? (maximum|max|size limit)"
    rf"|{DISK_PAST_MARK}",
    re.IGNORECASE,
)
#: What a caller says when the service it called is out of room (as opposed to the caller's own
#: client pool timing out, which is what any outage of a dependency looks like from outside).
EXHAUSTED_PEER_WORDS = re.compile(
    r"storage ?full|\bfull\b|no space|(storage|space|memory|disk)[\w ]{0,20}insufficient|quota|out of memory"
    r"|free (disk |drive )?space (below|under|low)|minimum free|low (disk|free) space"
    r"|too many (connections|clients)"
    r"|limit (reached|exceeded)|(reached|exceeded|hit)( the| its)? (maximum|max) (size|capacity|storage)"
    r"|oom-?killed|killed process"  # a host about a workload it runs: the workload hit its own limit
    rf"|{DISK_PAST_MARK}",
    re.IGNORECASE,
)
#: What a caller says when the component it called refused more work than it takes (a
#: database's or a queue's throughput limit): load, whoever sent it, not a crash.
THROTTLED_WORDS = re.compile(
    r"throttl|rate.?limit|too many requests|\b429\b|throughput ?exceeded|slow ?down|request limit", re.IGNORECASE
)
#: Exhaustion only the logging process can suffer (its file descriptors, its heap): a line that
#: says so speaks of the logger whatever host or peer it was calling at the time.
OWN_PROCESS_WORDS = re.compile(
    r"too many open files|\bemfile\b|file descriptors?|outofmemoryerror|java heap space|gc overhead"
    r"|cannot allocate memory",
    re.IGNORECASE,
)
#: What a provider answers when it is failing itself (as opposed to refusing what it was sent,
#: or not answering at all).
PROVIDER_FAILING_WORDS = re.compile(
    r"\b50[0-4]\b|service unavailable|internal server error|bad gateway|gateway time-?out|overloaded"
    r"|under maintenance|temporarily unavailable",
    re.IGNORECASE,
)
#: A request refused as malformed (``status=400``, a 422 validation error): the sender's fault,
#: not the refuser's.
REFUSED_AS_MALFORMED = re.compile(
    r"status\"?\s*[=:]\s*\"?4(00|22)\b|\bHTTP(/[\d.]+)?\"?\s+4(00|22)\b|errorCode\"?\s*[=:]\s*\"?4(00|22)\b"
    r"|bad request|unprocessable|validation (error|failed)|\"errorType\":\s*\"validation\""
    r"|(unable to|could not|cannot|failed to) (parse|decode|deseriali[sz]e)|parse error|malformed"
    r"|invalid (field|format|json|payload|request body|syntax|message|schema)|schema (validation|mismatch)"
    r"|unknown field|unrecognized field",
    re.IGNORECASE,
)
INFRA_WORDS = re.compile(
    r"notready|not ready|\bnode\b[\s\w.-]{0,40}(unreachable|unavailable|down|lost|dead|offline|pressure|drain"
    r"|cordon|fail)|evict|kubelet|hypervisor|volume|i/o error|disk stall|ebs|nfs|packet loss|unreachable"
    r"|network (unreachable|partition)|no route to host|availability zone|host (down|unreachable)"
    r"|readonly file ?system|read-only file ?system|kernel",
    re.IGNORECASE,
)


@dataclass
class ServiceFacts:
    name: str
    external: bool
    platform: bool = False
    queue: bool = False
    signals: set[str] = field(default_factory=set)
    onsets: dict[str, Onset] = field(default_factory=dict)
    trouble_signatures: list[LogSignature] = field(default_factory=list)
    changes: list[ChangeEvent] = field(default_factory=list)
    blamed_in: list[LogSignature] = field(default_factory=list)
    """Other services' trouble signatures that name this one (callers blaming it)."""
    co_failures: tuple[str, ...] = ()
    """For a platform component with signs of its own: services leaning on it that failed with
    it, each with no failing dependency of its own to blame (see :func:`_co_failures`); for a
    datastore or queue, its callers that failed together with nothing else to blame (see
    :func:`_callers_failing_together`)."""
    co_failed_at: datetime | None = None
    """When the first of those callers began failing, for a component with no sign of its own."""
    silent_since: datetime | None = None
    """When every series of this service stopped reporting, if they stopped well before ``now``."""
    gaps: tuple[datetime, ...] = ()
    """Where every series of this service stopped reporting for a while and then resumed (a
    database that went down and came back takes its exporter with it), earliest first."""
    alerted_at: datetime | None = None
    went_dark_at: datetime | None = None
    """When this component stopped reporting, kept only when its callers began failing right
    then: a process that died (or a host that vanished) takes its exporter with it."""
    """When an alert on this service fired, kept only when nothing else can show its trouble
    (no error or latency series, no new error lines): the alert is then the only sign."""

    @property
    def blamed_by(self) -> dict[str, int]:
        """Lines blaming this service, per blaming service."""
        counts: dict[str, int] = {}
        for signature in self.blamed_in:
            counts[signature.service] = counts.get(signature.service, 0) + signature.count_after
        return counts

    @property
    def blamed_at(self) -> datetime | None:
        times = [s.first_after for s in self.blamed_in if s.first_after]
        return min(times) if times else None

    @property
    def names_blamed(self) -> set[str]:
        """The services this one's own new errors name."""
        return {peer for s in self.trouble_signatures for peer in s.mentions}

    @property
    def has_coverage(self) -> bool:
        """True when the service's own error or latency signal was available, and still reporting:
        series that stopped before the investigation (an exporter that died with its host) say
        nothing about how the service is doing now."""
        return self.silent_since is None and any(s in self.signals for s in IMPAIRMENT_SIGNALS)

    def impairment_onsets(self) -> list[Onset]:
        found = [o for s, o in self.onsets.items() if s in IMPAIRMENT_SIGNALS and o.direction == "up"]
        rate = self.onsets.get("request_rate")
        if rate is not None and rate.direction == "down" and rate.ratio <= COLLAPSE_RATIO:
            found.append(rate)
        return found

    def resource_onsets(self) -> list[Onset]:
        return [o for s, o in self.onsets.items() if s in RESOURCE_SIGNALS and o.direction == "up"]

    @property
    def surge(self) -> Onset | None:
        rate = self.onsets.get("request_rate")
        if rate is not None and rate.direction == "up" and rate.ratio >= SURGE_RATIO:
            return rate
        return None

    @property
    def metric_trouble(self) -> float:
        return max((o.strength for o in self.impairment_onsets()), default=0.0)

    @property
    def log_trouble(self) -> float:
        errors = sum(s.count_after for s in self.trouble_signatures if s.level == "error")
        warns = sum(s.count_after for s in self.trouble_signatures if s.level != "error")
        return 1.0 - math.exp(-(errors + WARN_LINE_WEIGHT * warns) / LOG_TROUBLE_SCALE)

    @property
    def trouble(self) -> float:
        """How clearly this service itself is failing, 0..1, from metrics and its own logs; for a
        platform component, also from unrelated services that failed with it."""
        own = max(self.metric_trouble, LOG_TROUBLE_WEIGHT * self.log_trouble)
        if self.alerted_at is not None:
            own = max(own, ALERT_TROUBLE)
        if self.went_dark_at is not None:
            own = max(own, DARK_TROUBLE)
        together = 1.0 - math.exp(-max(0, len(self.co_failures) - 1) / CO_FAILURE_SCALE)
        return 1.0 - (1.0 - own) * (1.0 - together)

    @property
    def trouble_at(self) -> datetime | None:
        """When the service began failing, as at least two of its signs agree.

        The earliest sign alone is fragile: one latency spike inside Prometheus' rate window
        can date a failure minutes early. With two or more signs (impairment onsets and the
        first new error line), the second earliest is the time; a single sign stands alone.
        """
        times = sorted(o.at for o in self.impairment_onsets())
        logged = [s.first_after for s in self.trouble_signatures if s.first_after and s.level == "error"]
        if not logged and not times:  # warnings are trouble too when nothing else is
            logged = [s.first_after for s in self.trouble_signatures if s.first_after]
        if logged:
            times = sorted([*times, min(logged)])
        if not times:
            # the last sample of a component gone dark: it was still alive then, so any sign
            # of its own dates the failure better
            return self.went_dark_at or self.alerted_at or self.co_failed_at
        began = times[1] if len(times) > 1 else times[0]
        if self.went_dark_at is not None and began > self.went_dark_at:
            # ...unless the sign came after its series stopped: by then it had failed already
            # (a standby's "cannot reach the primary" minutes later is a symptom seen late)
            return self.went_dark_at
        return began

    @property
    def exhausted_at(self) -> datetime | None:
        """When a resource climbed near exhaustion: damage, not merely more work being done.
        A queue's backlog growing is damage at any level: messages are late."""
        times = [o.at for o in self.exhaustion_onsets()]
        return min(times) if times else None

    @property
    def exhausted_since(self) -> datetime | None:
        """:attr:`exhausted_at` of climbs seen beginning: one under way when the series began
        started at an unknown earlier time, so nothing inside the window can have caused it."""
        times = [o.at for o in self.exhaustion_onsets() if not o.censored]
        return min(times) if times else None

    def exhaustion_onsets(self) -> list[Onset]:
        return [
            o for o in self.resource_onsets() if o.peak >= EXHAUSTION_PEAK or (self.queue and o.signal == "saturation")
        ]

    @property
    def resource_at(self) -> datetime | None:
        times = [o.at for o in self.resource_onsets()]
        return min(times) if times else None

    def words(self, pattern: re.Pattern[str]) -> list[LogSignature]:
        return [s for s in self.trouble_signatures if pattern.search(f"{s.template} {s.example}")]


@dataclass
class Facts:
    """Everything the rules know about one incident's neighbourhood."""

    now: datetime
    alerting: tuple[str, ...]
    neighbourhood: tuple[str, ...]
    siblings: tuple[str, ...]
    services: dict[str, ServiceFacts]
    catalog: Catalog
    tolerance: timedelta
    step: timedelta
    split_at: datetime
    signatures: list[LogSignature]
    onsets: list[Onset]
    unplaced_changes: list[ChangeEvent]
    logs_available: bool
    metrics_available: bool
    #: what the rules derive from the whole incident once and share (see rules.measures)
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def dependents_within(self, name: str) -> list[str]:
        """Services under investigation (siblings included) that (transitively) depend on ``name``."""
        return [s for s in self.catalog.transitive_dependents(name) if s in self.services]

    def dependencies_within(self, name: str) -> list[str]:
        inside = set(self.neighbourhood)
        return [s for s in self.catalog.transitive_dependencies(name) if s in inside]

    def affected_by(self, name: str) -> list[str]:
        """Where a fault at ``name`` shows within the incident: itself and its callers in the
        neighbourhood (a sibling's trouble is its own incident); for a sibling, also the shared
        dependencies it can overload and their callers."""
        inside = set(self.neighbourhood)
        found = dict.fromkeys([name, *(s for s in self.dependents_within(name) if s in inside)])
        if name in self.siblings:
            for dependency in self.dependencies_within(name):
                found.update(dict.fromkeys([dependency, *self.dependents_within(dependency)]))
        return list(found)


def _reporting(series: Sequence[Series], now: datetime, silence: timedelta) -> dict[str, Reporting]:
    """For each service, over all its series up to ``now``: its latest sample, and the gaps
    of ``silence`` or longer in all of them at once (the last sample before each)."""
    times: dict[str, list[np.ndarray]] = {}
    cut = now.timestamp()
    for item in series:
        stamps = item.array[:, 0]
        if (kept := stamps[stamps <= cut]).size:
            times.setdefault(item.service, []).append(kept)
    found: dict[str, Reporting] = {}
    for name, parts in times.items():
        stamps = np.unique(np.concatenate(parts))
        wide = np.flatnonzero(np.diff(stamps) >= silence.total_seconds())
        found[name] = Reporting(
            last=datetime.fromtimestamp(float(stamps[-1]), tz=UTC),
            gaps=tuple(datetime.fromtimestamp(float(stamps[i]), tz=UTC) for i in wide),
        )
    return found


class Reporting(NamedTuple):
    last: datetime
    gaps: tuple[datetime, ...]


def _step_seconds(series: Sequence[Series]) -> float:
    steps = [
        float(step)
        for s in series[:STEP_SAMPLE_SERIES]
        for step in np.diff(s.array[: STEP_SAMPLE_GAPS + 1, 0])
        if step > 0
    ]
    return median(steps) if steps else DEFAULT_STEP_SECONDS


def build_facts(
    catalog: Catalog,
    alerting: Sequence[str],
    now: datetime,
    series: Sequence[Series] | None,
    logs: Sequence[LogRecord] | None,
    changes: Sequence[ChangeEvent] | None,
    alert_started_at: datetime | None = None,
    logs_since: datetime | None = None,
    *,
    learn: bool = True,
) -> Facts:
    """What the rules know. ``logs_since`` is where the log query began: lines are counted per
    minute from there (the first line returned may be much later, as only warnings and errors are).
    With ``learn``, dependencies the logs show and the catalog lacks are added (see
    :func:`undeclared_dependencies`) and the facts built again over the corrected catalog."""
    neighbourhood = tuple(catalog.neighbourhood(alerting))
    siblings = tuple(catalog.siblings(alerting))
    inside = set(neighbourhood) | set(siblings)
    services = {
        name: ServiceFacts(
            name=name,
            external=bool((svc := catalog.get(name)) and svc.is_external),
            platform=bool(svc and svc.is_platform),
            queue=bool(svc and svc.kind == "queue"),
        )
        for name in (*neighbourhood, *siblings)
    }
    relevant = [s for s in (series or ()) if s.service in inside]
    onsets: list[Onset] = []
    for item in relevant:
        facts = services[item.service]
        facts.signals.add(item.signal)
        onset = detect_onset(item.service, item.signal, item.array, now)
        if onset is not None:
            facts.onsets[item.signal] = onset
            onsets.append(onset)
    step = timedelta(seconds=_step_seconds(relevant))
    tolerance = max(TOLERANCE_STEPS * step, MIN_TOLERANCE)
    silence = SILENT_STEPS * max(step, tolerance / TOLERANCE_STEPS)
    for name, reported in _reporting(relevant, now, silence).items():
        if now - reported.last > silence:
            services[name].silent_since = reported.last
        services[name].gaps = reported.gaps

    impairment = [o.at for n in neighbourhood for o in services[n].impairment_onsets()]
    anomalies = [o.at for o in onsets if o.service in neighbourhood]
    if impairment:
        split_at = min(impairment) - tolerance * SPLIT_LEAD
    elif anomalies:
        split_at = min(anomalies) - tolerance * SPLIT_LEAD
    elif alert_started_at is not None:
        split_at = alert_started_at - ALERT_LEAD
    else:
        split_at = now - DEFAULT_LOOKBACK

    splits = {
        name: split_at - tolerance * PLATFORM_SPLIT_LEAD if facts.platform else split_at
        for name, facts in services.items()
    }
    found = _log_signatures(
        catalog,
        _platform_lines(catalog, logs or ()),
        services,
        (*neighbourhood, *siblings),
        split_at,
        splits,
        now,
        logs_since,
    )
    if alert_started_at is not None:
        for name in alerting:
            alerted = services.get(name)
            if alerted is not None and not alerted.has_coverage and not alerted.trouble_signatures:
                alerted.alerted_at = alert_started_at
    if learn and (learned := undeclared_dependencies(catalog, services, neighbourhood)):
        # the catalog missed what the logs show a service calls: investigate with it added
        return build_facts(
            catalog.with_dependencies(learned),
            alerting,
            now,
            series,
            logs,
            changes,
            alert_started_at,
            logs_since,
            learn=False,
        )
    for facts in services.values():
        facts.went_dark_at = _went_dark(catalog, services, facts, tolerance)
    unplaced = _place_changes(changes or (), services, now)
    for name in neighbourhood:
        if services[name].platform:
            services[name].co_failures = _co_failures(catalog, services, name, tolerance)
        elif (
            (component := catalog.get(name)) is not None
            and component.kind in ("datastore", "queue")
            # it shows nothing itself: no failure, and no climb (a backlog is its own story)
            and services[name].trouble < FAILING_TROUBLE
            and not services[name].resource_onsets()
        ):
            together = _callers_failing_together(catalog, services, name, tolerance)
            if together:
                services[name].co_failures = tuple(n for _, n in together)
                services[name].co_failed_at = min(at for at, _ in together)
    return Facts(
        now=now,
        alerting=tuple(alerting),
        neighbourhood=neighbourhood,
        siblings=siblings,
        services=services,
        catalog=catalog,
        tolerance=tolerance,
        step=step,
        split_at=split_at,
        signatures=found,
        onsets=onsets,
        unplaced_changes=unplaced,
        logs_available=logs is not None,
        metrics_available=series is not None,
    )


def undeclared_dependencies(
    catalog: Catalog, services: dict[str, ServiceFacts], neighbourhood: Sequence[str]
) -> dict[str, list[str]]:
    """``{service: components}``: what a service of the neighbourhood names in its new errors
    though the catalog does not list it among its dependencies (nor as a caller).

    Hand-written ``depends_on`` lists go stale: a service starts calling another and nobody
    adds the edge. Its errors then name a component that the catalog only knows as a caller of
    the neighbourhood (a sibling), so the failing dependency is never investigated as one.
    """
    inside = set(neighbourhood)
    learned: dict[str, list[str]] = {}
    platform = [name for name, facts in services.items() if facts.platform]
    for name in neighbourhood:
        if services[name].platform:
            # a platform piece whose own errors name another outright leans on it ("backend
            # changed its IP to (none) by consul/ns1": the load balancer resolves through Consul)
            leaned = _platform_named(catalog, services[name], platform)
            if leaned:
                learned[name] = leaned
            continue
        # a database's or a broker's own lines name its internals ("broker 2", "replica"), not calls
        if (component := catalog.get(name)) is None or component.kind != "service":
            continue
        facts = services[name]
        named = sorted(
            {
                peer
                for signature in facts.trouble_signatures
                for peer in signature.mentions
                if peer in services
                and peer not in inside
                and not services[peer].platform
                and _named_outright(f"{signature.template} {signature.example}".lower(), peer)
            }
        )
        callers = set(catalog.transitive_dependents(name))
        if found := [peer for peer in named if peer not in callers]:
            learned[name] = found
    return learned


def _platform_named(catalog: Catalog, facts: ServiceFacts, platform: Sequence[str]) -> list[str]:
    """The other platform components (not of its own family) that ``facts``' new errors name
    outright, and that the catalog does not already place beneath it or above it."""
    related = {*catalog.transitive_dependencies(facts.name), *catalog.transitive_dependents(facts.name)}
    return sorted(
        {
            peer
            for signature in facts.trouble_signatures
            for peer in platform
            if peer != facts.name
            and peer not in related
            and not same_family(catalog, facts.name, peer)
            and _named_outright(f"{signature.template} {signature.example}".lower(), peer)
        }
    )


def _went_dark(
    catalog: Catalog, services: dict[str, ServiceFacts], facts: ServiceFacts, tolerance: timedelta
) -> datetime | None:
    """When ``facts``' component went silent, if a caller began failing within
    DARK_CALLERS_TOLERANCES after (an exporter restarting alone leaves a gap, not silence, and
    one that died while everything kept working says nothing of the component)."""
    # a gap counts only where the component came back changed (restarting: connections dropped,
    # CPU climbing, its own errors) or its callers' errors named it as it went quiet: an exporter
    # that restarted alone resumes the series as they were, and nobody misses it
    gaps = [g for g in facts.gaps if _own_sign_after(facts, g) or _missed(facts, g, tolerance)]
    for dark in (*gaps, *([facts.silent_since] if facts.silent_since else [])):
        for caller in sorted(catalog.dependents(facts.name)):
            other = services.get(caller)
            began = other.trouble_at if other is not None and other.trouble >= FAILING_TROUBLE else None
            if began is not None and dark - tolerance <= began <= dark + DARK_CALLERS_TOLERANCES * tolerance:
                return dark
    return None


def _missed(facts: ServiceFacts, at: datetime, tolerance: timedelta) -> bool:
    """Whether callers' new errors began naming the component right as it went quiet at ``at``."""
    return any(
        s.first_after is not None and at - tolerance <= s.first_after <= at + DARK_CALLERS_TOLERANCES * tolerance
        for s in facts.blamed_in
    )


def _own_sign_after(facts: ServiceFacts, at: datetime) -> bool:
    return any(o.at >= at for o in facts.onsets.values()) or any(
        s.first_after is not None and s.first_after >= at for s in facts.trouble_signatures
    )


def _named_outright(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` in full or by the technology in its name (``redis`` for
    ``redis-cache``): a word-like shorthand (``user`` for ``user-service``) is too often a word."""
    if mention_pattern(name).search(text):
        return True
    return any(
        shorthand_pattern(part).search(text) for part in NAME_PARTS.findall(name.lower()) if part in COMPONENT_WORDS
    )


def _log_signatures(
    catalog: Catalog,
    logs: Iterable[LogRecord],
    services: dict[str, ServiceFacts],
    neighbourhood: Sequence[str],
    split_at: datetime,
    splits: dict[str, datetime],
    now: datetime,
    since: datetime | None = None,
) -> list[LogSignature]:
    records = [r for r in logs if r.timestamp <= now]
    if not records:
        return []
    first = min(r.timestamp for r in records)
    start = min(since, first) if since is not None else first
    before_span = max((split_at - start).total_seconds(), MIN_SPAN_SECONDS)
    after_span = max((now - split_at).total_seconds(), MIN_SPAN_SECONDS)
    found = catalog_signatures(catalog, records, splits, neighbourhood)
    callers = {name: set(catalog.transitive_dependents(name)) for name in services}
    unmistakable = unmistakable_components(catalog)
    quiet = _quiet_components_speaking_up(catalog, found)
    hosts = set(family_members(catalog, list(services), "nodes"))
    # what each host's line is about, when not the host itself; and its new lines per workload
    named = [
        _workloads_named(catalog, s, f"{s.template} {s.example}".lower()) if s.service in hosts else [] for s in found
    ]
    about: dict[tuple[str, str], int] = {}
    for signature, workloads in zip(found, named, strict=True):
        if signature.is_new:
            for peer in workloads:
                about[(signature.service, peer)] = about.get((signature.service, peer), 0) + signature.count_after
    for signature, workloads in zip(found, named, strict=True):
        troubling = (signature.count_after >= MIN_SIGNATURE_COUNT or signature.service in quiet) and (
            signature.is_new or surge_factor(signature, before_span, after_span) >= SIGNATURE_SURGE
        )
        if not troubling:
            continue
        text = f"{signature.template} {signature.example}".lower()
        if workloads:
            # a host saying one of its workloads was killed or restarted: that workload's failure,
            # once it says so as often as a line must repeat to count (one probe failing is noise)
            for peer in workloads:
                if about.get((signature.service, peer), 0) >= MIN_SIGNATURE_COUNT:
                    services[peer].blamed_in.append(signature)
            continue
        services[signature.service].trouble_signatures.append(signature)
        # DNS, a mesh or an ingress names what it serves, not what failed; but a platform piece
        # reporting an unmistakable failure of another (a controller whose nodes vanished) blames it
        reporter_is_platform = services[signature.service].platform
        if OWN_PROCESS_WORDS.search(text):
            continue  # "lookup api.routeplane.com: too many open files" is the caller's own exhaustion
        for peer in signature.mentions:
            if reporter_is_platform and peer not in unmistakable:
                continue
            if (
                reporter_is_platform
                and services[peer].platform
                and same_family(catalog, signature.service, peer)
                and not _named_outright(text, peer)
            ):
                continue  # a node pool's kubelet failing speaks of its own nodes, not of a pool like it
            if peer not in callers[signature.service]:  # a server naming its client is not blaming it
                services[peer].blamed_in.append(signature)
    return found


#: What a host logs about one workload it runs, rather than about itself: the workload's container
#: hit its own limit, crashed or stopped answering its probes.
WORKLOAD_WORDS = re.compile(
    r"oom-?kill|killed process|back-?off restarting|crash-?loop|(readiness|liveness|startup) probe failed"
    r"|container [\w-]+ (exited|terminated|died)"
)


def _workloads_named(catalog: Catalog, signature: LogSignature, text: str) -> list[str]:
    """What a host's line is about when it is not the host itself: the workloads it names outright
    as killed or restarted, or the storage under it whose devices it reports slow or gone."""
    storage = [
        peer
        for peer in family_members(catalog, signature.mentions, "storage")
        if peer != signature.service and not same_family(catalog, signature.service, peer)
    ]
    if storage or not WORKLOAD_WORDS.search(text):
        return storage
    return [
        peer
        for peer in signature.mentions
        if peer != signature.service
        and not same_family(catalog, signature.service, peer)
        and _named_outright(text, peer)
    ]


def _quiet_components_speaking_up(catalog: Catalog, found: Sequence[LogSignature]) -> set[str]:
    """Components other than services (a database, a broker, a platform piece) whose new lines
    reach MIN_SIGNATURE_COUNT together. They log little of their own, each line about a different
    part of the same failure (a PANIC, then the restart failing), so one template seldom repeats."""
    new: dict[str, int] = {}
    for signature in found:
        component = catalog.get(signature.service)
        if signature.is_new and component is not None and component.kind != "service":
            new[signature.service] = new.get(signature.service, 0) + signature.count_after
    return {name for name, count in new.items() if count >= MIN_SIGNATURE_COUNT}


def _platform_lines(catalog: Catalog, logs: Sequence[LogRecord]) -> Sequence[LogRecord]:
    """Lines that platform software logs under its own name (``kubelet``), as the catalog's
    component of that family (the node pool), when the catalog has exactly one."""
    processes = platform_processes(catalog)
    if not processes or not any(r.service in processes for r in logs):
        return logs
    return [r.model_copy(update={"service": processes[r.service]}) if r.service in processes else r for r in logs]


def catalog_signatures(
    catalog: Catalog, records: Sequence[LogRecord], onset_by_service: dict[str, datetime], names: Sequence[str]
) -> list[LogSignature]:
    """:func:`~bot.engine.logsig.signatures` of ``records``, naming the components among ``names``
    as the catalog knows them: aliases, platform symptoms, and what each service calls."""
    return signatures(
        records,
        onset_by_service,
        peers=names,
        symptoms=platform_symptoms(catalog, names),
        aliases=component_aliases(catalog, names),
        dependencies={name: catalog.transitive_dependencies(name) for name in onset_by_service},
        direct={name: catalog.dependencies(name) for name in onset_by_service},
        technologies=built_on(catalog, names),
        providers=sole_providers(catalog, onset_by_service, names),
        duties=provider_duties(catalog, onset_by_service, names),
    )


#: Component words that name a product ("redis"), not a kind of thing ("cache"): a description's
#: "rates cache" says what the component is for, and "cache=miss" in a line names nothing.
PRODUCT_WORDS = COMPONENT_WORDS - {
    "cache",
    "queue",
    "bus",
    "broker",
    "storage",
    "blob",
    "blobstore",
    "cdn",
    "dns",
    "smtp",
    "ldap",
    "sftp",
    "tsdb",
}


def built_on(catalog: Catalog, names: Sequence[str]) -> dict[str, set[str]]:
    """``{component: technologies}`` for the datastores and queues among ``names`` whose description
    names what they are built on ("Memorystore for Redis"): logs name the technology, not the key.
    A service's description tends to name what it calls, so services are left out."""
    found: dict[str, set[str]] = {}
    for name in names:
        component = catalog.get(name)
        if component is not None and component.kind in ("datastore", "queue") and component.description:
            words = set(NAME_PARTS.findall(component.description.lower())) & PRODUCT_WORDS
            if words:
                found[name] = words
    return found


def sole_providers(catalog: Catalog, callers: Iterable[str], names: Sequence[str]) -> dict[str, str]:
    """``{caller: provider}`` for each caller whose declared dependencies include exactly one
    third party, when that provider is among ``names`` (what the incident can blame)."""
    inside = set(names)
    found: dict[str, str] = {}
    for caller in callers:
        external = [d for d in catalog.dependencies(caller) if (c := catalog.get(d)) is not None and c.is_external]
        if len(external) == 1 and external[0] in inside:
            found[caller] = external[0]
    return found


def _callers_failing_together(
    catalog: Catalog, services: dict[str, ServiceFacts], component: str, tolerance: timedelta
) -> list[tuple[datetime, str]]:
    """Callers of a datastore or queue that began failing within the tolerance of the first of
    them, each with no other failing dependency; none unless two of them had no change of their
    own in the half hour before.

    Several services whose one shared dependency is this component failing in the same minute,
    with no cause of their own, is that component failing, though it shows nothing itself (a
    managed broker or database nobody measures, named in their logs by another name); a caller
    that had changed fails with them."""
    failing = sorted(
        (facts.trouble_at, name)
        for name in catalog.dependents(component)
        if (facts := services.get(name)) is not None
        and not facts.platform
        and facts.trouble >= FAILING_TROUBLE
        and facts.trouble_at is not None
    )
    if not failing:
        return []
    first = failing[0][0]
    together = []
    for at, name in failing:
        if at - first > tolerance:
            break
        # what it depends on, as the catalog has it and as its own lines name it
        others = [
            d
            for d in {*catalog.dependencies(name), *services[name].names_blamed}
            if d != component and d in catalog.services and not catalog.services[d].is_platform
        ]
        if any(
            (o := services.get(d)) is not None
            and o.trouble >= FAILING_TROUBLE
            and o.trouble_at is not None
            and o.trouble_at <= at + tolerance
            for d in others
        ):
            continue
        together.append((at, name))
    unchanged = [
        name
        for at, name in together
        if not any(at - OWN_CHANGE_WINDOW <= c.started_at <= at for c in services[name].changes)
    ]
    if len(unchanged) < MIN_CALLERS_TOGETHER:
        return []
    if _shared_dependency_changed(catalog, services, component, [name for _, name in together], first):
        return []
    return together


def _shared_dependency_changed(
    catalog: Catalog, services: dict[str, ServiceFacts], component: str, callers: list[str], first: datetime
) -> bool:
    """Whether ``callers`` also share a dependency other than ``component`` that changed in the
    half hour before they failed: their failing together then points at that change as much as
    at a component that shows nothing (integrations refused with ``invalid_token`` right after
    the token service's configuration changed, with the content database they also use silent)."""
    shared: set[str] | None = None
    for caller in callers:
        dependencies = {d for d in catalog.dependencies(caller) if d != component}
        shared = dependencies if shared is None else shared & dependencies
    return any(
        first - OWN_CHANGE_WINDOW <= c.started_at <= first
        for dependency in shared or ()
        if (facts := services.get(dependency)) is not None
        for c in facts.changes
    )


def _co_failures(
    catalog: Catalog, services: dict[str, ServiceFacts], platform: str, tolerance: timedelta
) -> tuple[str, ...]:
    """Services leaning on ``platform`` that began failing within the tolerance of its first sign,
    none of whose declared dependencies was failing by then.

    Several services with nothing in common failing in the same minute is no coincidence: what
    they share failed. Only a component with a sign of its own (a line, an onset, a caller naming
    it) qualifies, so the coincidence says which platform piece, not merely that one broke.
    """
    began = services[platform].trouble_at or services[platform].resource_at
    blamed = [s.first_after for s in services[platform].blamed_in if s.first_after]
    signs = [t for t in (began, min(blamed, default=None)) if t is not None]
    if not signs:
        return ()
    first = min(signs)

    def failing_at(name: str) -> datetime | None:
        facts = services.get(name)
        if facts is None or facts.trouble < FAILING_TROUBLE:
            return None
        return facts.trouble_at

    found = []
    for name in sorted(catalog.dependents(platform)):
        at = failing_at(name)
        if at is None or abs(at - first) > tolerance:
            continue
        declared = [d for d in catalog.transitive_dependencies(name) if not catalog.services[d].is_platform]
        if not any((t := failing_at(d)) is not None and t <= at + tolerance for d in declared):
            found.append(name)
    return tuple(found)


def _place_changes(
    changes: Iterable[ChangeEvent], services: dict[str, ServiceFacts], now: datetime
) -> list[ChangeEvent]:
    """Attach each change to its service; infra changes naming a service in their text go there too."""
    unplaced: list[ChangeEvent] = []
    patterns = {name: mention_pattern(name) for name in services}
    for change in sorted(changes, key=lambda c: c.started_at):
        if change.started_at > now:
            continue
        if change.service in services:
            services[change.service].changes.append(change)
            continue
        text = f"{change.description or ''} {change.id}".lower()
        named = [name for name, pattern in patterns.items() if pattern.search(text)]
        if change.kind == "infra" and named:
            for name in named:
                services[name].changes.append(change)
        else:
            unplaced.append(change)
    return unplaced
