"""Each rule on small hand-built situations: when it blames, when it does not, and how timing ranks it."""

from __future__ import annotations

import math
from datetime import timedelta, timezone

import pytest

from bot.engine.evidence import ChangeEvent
from bot.engine.model import Discarded, Onset
from bot.engine.rules import Candidate, Outcome, evaluate
from bot.engine.rules.change import (
    CLEAN_CHANGE_STRENGTH,
    NOT_LOAD_FACTOR,
    SHARED_SYMPTOM_FACTOR,
    SIBLING_STRENGTH,
    SURGE_BETWEEN_FACTOR,
    UNOBSERVED_CHANGE_SHARE,
    change_rule,
)
from bot.engine.rules.dependency import (
    CHANGED_CALLERS_EXPLAIN,
    OTHER_FAILURE_FACTOR,
    OWN_CHANGE_FACTOR,
    SHARED_EGRESS_FACTOR,
    dependency_rule,
    external_rule,
)
from bot.engine.rules.infra import host_rule, shared_compute_rule, shared_egress_rule, unplaced_infra_rule
from bot.engine.rules.measures import (
    CHANGE_LAG_SCALE,
    CRASHED_DEPENDENCY_FACTOR,
    NEAR_VICTIM_FACTOR,
    earlier_root,
    load_like,
    plausibility,
)
from bot.engine.rules.resource import (
    FAILED_FIRST_FACTOR,
    SHARED_CAUSE_FACTOR,
    STOPPED_SERVING_FACTOR,
    SURGE_EXPLAINS,
    hogging_rule,
    resource_rule,
    resource_words,
)
from bot.engine.rules.surge import AMPLIFIED_FACTOR, CALLER_SURGED_FACTOR, surge_rule
from bot.engine.rules.weights import CALLER_LOAD_FACTOR, EXPLAINED_ELSEWHERE_FACTOR, VICTIM_FACTOR
from tests.engine.situations import TOLERANCE, at, catalog, change, errors, lines, onset, situation

CHAIN = catalog(
    {"web": {"depends_on": ["api"]}, "api": {"depends_on": ["db", "stripe"]}, "db": {}, "stripe": {"kind": "external"}}
)
PAIR = catalog({"api": {"depends_on": ["db"]}, "db": {}, "batch": {"depends_on": ["db"]}})


def _timing(lag_minutes: float) -> float:
    """The timing factor of an effect ``lag_minutes`` after its cause."""
    lag = max(0.0, lag_minutes * 60 - TOLERANCE.total_seconds())
    return math.exp(-lag / CHANGE_LAG_SCALE.total_seconds())


def _one(outcomes: list[Outcome]) -> Outcome:
    assert len(outcomes) == 1, outcomes
    return outcomes[0]


def _candidate(outcomes: list[Outcome]) -> Candidate:
    outcome = _one(outcomes)
    assert isinstance(outcome, Candidate), outcome
    return outcome


def _discarded(outcomes: list[Outcome]) -> Discarded:
    outcome = _one(outcomes)
    assert isinstance(outcome, Discarded), outcome
    return outcome


# --- change ---------------------------------------------------------------


def test_a_deploy_shortly_before_the_errors_is_blamed() -> None:
    deploy = change("api", -5)
    f = situation(CHAIN, ["web"], onsets=[onset("api", "error_ratio", 0)], changes=[deploy])
    found = _candidate(list(change_rule(f, f.services["api"])))
    assert (found.cause, found.culprit, found.change) == ("deploy", "api", deploy)
    assert found.started_at == deploy.started_at
    assert found.score == pytest.approx(_timing(5))
    assert found.summary == "Deploy c1 v2 on api at 13:55, 5 min before api degraded"


def test_a_change_stamped_in_the_deployers_zone_is_told_in_utc_like_everything_else() -> None:
    """A pipeline in Chicago stamps its deploy 07:55-06:00: the post says 13:55, beside the
    errors it explains at 14:00 (UTC), not 07:55."""
    chicago = timezone(timedelta(hours=-6))
    deploy = change("api", -5).model_copy(update={"started_at": at(-5).astimezone(chicago)})
    f = situation(CHAIN, ["web"], onsets=[onset("api", "error_ratio", 0)], changes=[deploy])
    found = _candidate(list(change_rule(f, f.services["api"])))
    assert found.summary == "Deploy c1 v2 on api at 13:55, 5 min before api degraded"
    assert any("at 13:55" in e.text for e in found.evidence if e.kind == "change")


@pytest.mark.parametrize(
    ("kind", "cause"), [("config", "config_change"), ("flag", "config_change"), ("infra", "infrastructure")]
)
def test_each_kind_of_change_names_its_cause(kind: str, cause: str) -> None:
    f = situation(CHAIN, ["web"], onsets=[onset("api", "error_ratio", 0)], changes=[change("api", -5, kind)])
    assert _candidate(list(change_rule(f, f.services["api"]))).cause == cause


@pytest.mark.parametrize(("kind", "cause"), [("datastore", "config_change"), ("infrastructure", "infrastructure")])
def test_an_infra_change_to_a_datastore_is_a_change_of_its_configuration(kind: str, cause: str) -> None:
    estate = catalog({"web": {"depends_on": ["bucket"]}, "bucket": {"kind": kind}})
    f = situation(estate, ["web"], onsets=[onset("web", "error_ratio", 0)], changes=[change("bucket", -5, "infra")])
    assert _candidate(list(change_rule(f, f.services["bucket"]))).cause == cause


def test_a_change_after_the_service_was_already_failing_is_discarded() -> None:
    f = situation(CHAIN, ["web"], onsets=[onset("api", "error_ratio", 0)], changes=[change("api", 10)])
    assert "already failing at 14:00, before the change" in _discarded(list(change_rule(f, f.services["api"]))).reason


def test_a_change_after_faint_trouble_explains_nothing() -> None:
    """Trouble too faint to count as failing still began before the change: no effect follows it."""
    f = situation(CHAIN, ["web"], onsets=[onset("api", "error_ratio", 0, strength=0.2)], changes=[change("api", 10)])
    assert _discarded(list(change_rule(f, f.services["api"]))).reason == "c1: nothing degraded after the change"


def test_a_change_long_before_the_trouble_is_too_early_to_blame() -> None:
    f = situation(CHAIN, ["web"], onsets=[onset("api", "error_ratio", 0)], changes=[change("api", -90)])
    assert "too late to follow from it" in _discarded(list(change_rule(f, f.services["api"]))).reason


def test_a_dependency_failing_before_the_change_makes_it_a_bystander() -> None:
    own = situation(CHAIN, ["web"], onsets=[onset("api", "error_ratio", 0)], changes=[change("api", -5)])
    db_first = situation(
        CHAIN,
        ["web"],
        onsets=[onset("api", "error_ratio", 0), onset("db", "error_ratio", -20)],
        changes=[change("api", -5)],
    )
    alone = _candidate(list(change_rule(own, own.services["api"])))
    bystander = _candidate(list(change_rule(db_first, db_first.services["api"])))
    assert bystander.score == pytest.approx(alone.score * VICTIM_FACTOR)
    assert any(e.text == "db, a dependency of api, failed on its own at 13:40" for e in bystander.evidence)


def test_a_siblings_change_is_blamed_more_for_overload_than_for_a_crash() -> None:
    def score(climbs: bool) -> float:
        found = [onset("db", "error_ratio", 0)]
        if climbs:
            found.append(onset("db", "saturation", 0, baseline=0.3, level=0.9))
        f = situation(PAIR, ["api"], onsets=found, changes=[change("batch", -5)])
        assert f.siblings == ("batch",)
        return _candidate(list(change_rule(f, f.services["batch"]))).score

    overload, crash = score(climbs=True), score(climbs=False)
    assert overload == pytest.approx(_timing(5) * plausibility(SIBLING_STRENGTH))
    assert crash == pytest.approx(
        _timing(5) * plausibility(SIBLING_STRENGTH * NOT_LOAD_FACTOR) * CRASHED_DEPENDENCY_FACTOR
    )


def test_a_surge_between_a_callers_change_and_the_load_takes_the_blame_for_it() -> None:
    trio = catalog(
        {"api": {"depends_on": ["db"]}, "db": {}, "batch": {"depends_on": ["db"]}, "shop": {"depends_on": ["db"]}}
    )

    def score(surge_at: float) -> float:
        found = [
            onset("db", "saturation", 0, baseline=0.3, level=0.9),
            onset("db", "error_ratio", 1),
            onset("shop", "request_rate", surge_at, baseline=100, level=400),
        ]
        f = situation(trio, ["api"], onsets=found, changes=[change("batch", -9)])
        return _candidate(list(change_rule(f, f.services["batch"]))).score

    before_the_change, after_the_change = score(-12), score(-4)
    assert before_the_change == pytest.approx(_timing(9) * plausibility(SIBLING_STRENGTH))
    assert after_the_change == pytest.approx(before_the_change * SURGE_BETWEEN_FACTOR)


# --- resource -------------------------------------------------------------


def _memory(minutes: float) -> Onset:
    return onset("api", "memory_utilisation", minutes, baseline=0.5, level=0.9, peak=0.95)


def test_memory_climbing_ahead_of_the_errors_is_blamed() -> None:
    f = situation(CHAIN, ["web"], onsets=[_memory(-10), onset("api", "error_ratio", 0)])
    found = _candidate(list(resource_rule(f, f.services["api"])))
    assert (found.cause, found.culprit, found.started_at) == (
        "resource_saturation",
        "api",
        f.services["api"].resource_at,
    )
    assert found.score == pytest.approx(1.0)
    assert found.summary == "api memory climbed from 50% to 95% from 13:50, before api degraded at 14:00"


def test_memory_climbing_after_the_errors_began_is_a_consequence() -> None:
    f = situation(CHAIN, ["web"], onsets=[_memory(0), onset("api", "error_ratio", -10)])
    found = _candidate(list(resource_rule(f, f.services["api"])))
    assert found.score == pytest.approx(FAILED_FIRST_FACTOR)
    assert any("before its resources climbed" in e.text for e in found.evidence)


def test_a_callers_change_just_before_the_climb_takes_the_blame_for_the_load() -> None:
    plain = situation(CHAIN, ["web"], onsets=[_memory(-10), onset("api", "error_ratio", 0)])
    called = situation(
        CHAIN, ["web"], onsets=[_memory(-10), onset("api", "error_ratio", 0)], changes=[change("web", -12)]
    )
    before = _candidate(list(resource_rule(plain, plain.services["api"])))
    after = _candidate(list(resource_rule(called, called.services["api"])))
    assert after.score == pytest.approx(before.score * CALLER_LOAD_FACTOR)
    assert any(e.text.startswith("web, a caller, changed just before") for e in after.evidence)


def test_a_platform_pieces_climb_owes_nothing_to_a_caller_that_changed_but_works_as_before() -> None:
    estate = catalog({"web": {"depends_on": ["api"]}, "api": {}, "cluster-dns": {"kind": "infrastructure"}})
    climb = [onset("cluster-dns", "cpu_utilisation", -10, level=1.0), onset("cluster-dns", "error_ratio", -9)]
    idle = situation(estate, ["web"], onsets=climb, changes=[change("web", -12)])
    busy = situation(
        estate, ["web"], onsets=[*climb, onset("web", "cpu_utilisation", -11, level=0.9)], changes=[change("web", -12)]
    )
    plain = situation(estate, ["web"], onsets=climb)
    unchanged = _candidate(list(resource_rule(plain, plain.services["cluster-dns"])))
    assert _candidate(list(resource_rule(idle, idle.services["cluster-dns"]))).score == unchanged.score
    busier = _candidate(list(resource_rule(busy, busy.services["cluster-dns"])))
    assert busier.score == pytest.approx(unchanged.score * CALLER_LOAD_FACTOR)


def test_a_platform_pieces_own_rise_in_requests_is_its_callers_retries_not_load_that_explains_it() -> None:
    estate = catalog({"web": {"depends_on": ["api"]}, "api": {}, "cluster-dns": {"kind": "infrastructure"}})
    climb = [onset("cluster-dns", "cpu_utilisation", -10, level=1.0), onset("cluster-dns", "error_ratio", -9)]
    retried = [*climb, onset("cluster-dns", "request_rate", -9, baseline=100, level=250)]
    plain, retrying = situation(estate, ["web"], onsets=climb), situation(estate, ["web"], onsets=retried)
    assert (
        _candidate(list(resource_rule(retrying, retrying.services["cluster-dns"]))).score
        == _candidate(list(resource_rule(plain, plain.services["cluster-dns"]))).score
    )


def test_a_climb_under_way_when_the_series_began_owes_nothing_to_a_change_at_that_moment() -> None:
    leaking = _memory(-30).model_copy(update={"censored": True})
    plain = situation(CHAIN, ["web"], onsets=[leaking, onset("api", "error_ratio", 0)])
    changed = situation(
        CHAIN,
        ["web"],
        onsets=[leaking, onset("api", "error_ratio", 0)],
        changes=[change("web", -30), change("api", -31, change_id="c2")],
    )
    before = _candidate(list(resource_rule(plain, plain.services["api"])))
    after = _candidate(list(resource_rule(changed, changed.services["api"])))
    assert after.score == pytest.approx(before.score)


def test_a_pool_that_filled_as_the_service_stopped_serving_is_what_the_failure_left_behind() -> None:
    full = onset("api", "saturation", 0, baseline=0.01, level=1.0)
    failing = onset("api", "error_ratio", 0.5)
    stopped = onset("api", "request_rate", 0.5, baseline=300.0, level=30.0, direction="down")
    serving = situation(CHAIN, ["web"], onsets=[full, failing])
    gone = situation(CHAIN, ["web"], onsets=[full, failing, stopped])
    before = _candidate(list(resource_rule(serving, serving.services["api"])))
    after = _candidate(list(resource_rule(gone, gone.services["api"])))
    assert after.score == pytest.approx(before.score * STOPPED_SERVING_FACTOR)


def test_a_store_below_its_free_space_floor_is_out_of_room_by_its_callers_words() -> None:
    full = lines(
        "api", "PUT bucket/key failed: backend has reached its minimum free drive threshold", 0, mentions=("db",)
    )
    f = situation(CHAIN, ["web"], signatures=[full], onsets=[onset("api", "error_ratio", 0)])
    assert resource_words(f, "db") == [full]


def test_resources_at_baseline_are_discarded_and_say_whether_they_were_watched() -> None:
    watched = situation(CHAIN, ["web"], signals={"api": ["cpu_utilisation"]})
    unwatched = situation(CHAIN, ["web"])
    assert "stayed at baseline" in _discarded(list(resource_rule(watched, watched.services["api"]))).reason
    assert _discarded(list(resource_rule(unwatched, unwatched.services["api"]))).reason == "api: no resource signals"


def test_exhaustion_in_the_services_own_logs_is_blamed_without_metrics() -> None:
    f = situation(CHAIN, ["web"], signatures=[lines("api", "connection pool exhausted", -2, count=10)])
    found = _candidate(list(resource_rule(f, f.services["api"])))
    assert found.summary == "api ran out of a resource from 13:58, by its logs and its callers'"


def test_a_pool_exhausted_naming_a_dependency_is_the_dependencys_symptom() -> None:
    f = situation(CHAIN, ["web"], signatures=[lines("api", "db pool exhausted", -2, count=10, mentions=("db",))])
    for name in ("api", "db"):
        assert isinstance(_one(list(resource_rule(f, f.services[name]))), Discarded)


# --- surge ----------------------------------------------------------------


def _traffic(service: str, minutes: float, ratio: float = 3.0) -> Onset:
    return onset(service, "request_rate", minutes, baseline=100.0, level=100.0 * ratio)


def test_a_traffic_jump_ahead_of_the_latency_is_blamed() -> None:
    f = situation(PAIR, ["api"], onsets=[_traffic("api", -5), onset("api", "latency_p99_seconds", 0)])
    found = _candidate(list(surge_rule(f, f.services["api"])))
    assert found.score == pytest.approx(_timing(5))
    assert found.summary == "Traffic to api jumped 3.0× at 13:55, 5 min before api degraded"


def test_no_rise_in_traffic_is_discarded() -> None:
    f = situation(PAIR, ["api"], signals={"api": ["request_rate"]})
    assert _discarded(list(surge_rule(f, f.services["api"]))).reason == "api: no rise in request rate"


def test_a_surge_is_blamed_where_it_entered_not_where_it_passed_through() -> None:
    symptoms = [onset("api", "latency_p99_seconds", 0), onset("web", "error_ratio", 1)]
    alone = situation(CHAIN, ["web"], onsets=[_traffic("api", -5), *symptoms])
    through = situation(CHAIN, ["web"], onsets=[_traffic("api", -5), _traffic("web", -5), *symptoms])
    passed = _candidate(list(surge_rule(through, through.services["api"])))
    assert passed.score == pytest.approx(
        _candidate(list(surge_rule(alone, alone.services["api"]))).score * CALLER_SURGED_FACTOR
    )
    assert _candidate(list(surge_rule(through, through.services["web"]))).score > passed.score


@pytest.mark.parametrize(("caller_ratio", "passed_on"), [(4.2, True), (2.0, False)])
def test_a_caller_surging_nearly_as_much_passed_the_traffic_on(caller_ratio: float, passed_on: bool) -> None:
    # one order in is a hold and a release on the risk service: its rise can be a little larger
    symptoms = [onset("api", "latency_p99_seconds", 0), onset("web", "error_ratio", 1)]
    alone = situation(CHAIN, ["web"], onsets=[_traffic("api", -5, 4.7), *symptoms])
    both = situation(CHAIN, ["web"], onsets=[_traffic("api", -5, 4.7), _traffic("web", -5, caller_ratio), *symptoms])
    ratio = _candidate(list(surge_rule(both, both.services["api"]))).score / (
        _candidate(list(surge_rule(alone, alone.services["api"]))).score
    )
    assert ratio == pytest.approx(CALLER_SURGED_FACTOR if passed_on else 1.0)


def test_a_surge_no_caller_brought_in_was_made_by_the_caller_that_just_changed() -> None:
    symptoms = [onset("api", "latency_p99_seconds", 0), onset("web", "error_ratio", 1)]
    surges = [_traffic("api", -5, 27.0), _traffic("web", -5, 2.3)]
    plain = situation(CHAIN, ["web"], onsets=[*surges, *symptoms])
    changed = situation(CHAIN, ["web"], onsets=[*surges, *symptoms], changes=[change("web", -7)])
    ratio = _candidate(list(surge_rule(changed, changed.services["api"]))).score / (
        _candidate(list(surge_rule(plain, plain.services["api"]))).score
    )
    assert ratio == pytest.approx(CALLER_LOAD_FACTOR**2)


def test_a_surge_is_dated_against_the_exhaustion_it_caused_downstream_not_later_errors() -> None:
    exhausted = onset("db", "memory_utilisation", -2, baseline=0.5, level=0.9, peak=0.97)
    symptoms = [onset("db", "latency_p99_seconds", 6), onset("api", "error_ratio", 8)]
    f = situation(CHAIN, ["api"], onsets=[_traffic("api", -5), exhausted, *symptoms])
    surge = _candidate(list(surge_rule(f, f.services["api"])))
    assert "3 min before db degraded" in surge.summary
    assert surge.score == pytest.approx(_timing(3) * plausibility(1.0))


def test_exhaustion_already_under_way_when_the_series_began_is_no_effect_of_a_change() -> None:
    leaking = onset("db", "saturation", -30, baseline=0.6, level=0.95, peak=0.99).model_copy(update={"censored": True})
    f = situation(PAIR, ["api"], onsets=[leaking], changes=[change("batch", -30)])
    assert isinstance(_one(list(change_rule(f, f.services["batch"]))), Discarded)


def test_more_calls_without_more_callers_traffic_after_a_failure_were_amplified() -> None:
    symptoms = [_traffic("api", -5), onset("api", "latency_p99_seconds", 0), onset("db", "error_ratio", -6)]
    unseen = situation(CHAIN, ["web"], onsets=symptoms)
    seen = situation(CHAIN, ["web"], onsets=symptoms, signals={"web": ["request_rate"]})
    amplified = _candidate(list(surge_rule(seen, seen.services["api"])))
    assert amplified.score == pytest.approx(
        _candidate(list(surge_rule(unseen, unseen.services["api"]))).score * AMPLIFIED_FACTOR
    )


def test_more_calls_without_more_callers_traffic_and_nothing_failing_came_from_outside() -> None:
    """A public API takes traffic from clients no catalog lists: with nothing failing first,
    no retry or fallback can have multiplied the calls."""
    symptoms = [_traffic("api", -5), onset("api", "latency_p99_seconds", 0)]
    unseen = situation(CHAIN, ["web"], onsets=symptoms)
    seen = situation(CHAIN, ["web"], onsets=symptoms, signals={"web": ["request_rate"]})
    assert _candidate(list(surge_rule(seen, seen.services["api"]))).score == pytest.approx(
        _candidate(list(surge_rule(unseen, unseen.services["api"]))).score
    )


# --- dependency and external ----------------------------------------------


def _cascade() -> list[Onset]:
    return [onset("db", "error_ratio", -10), onset("api", "error_ratio", -5), onset("web", "error_ratio", 0)]


def test_the_first_service_to_fail_is_the_outage_and_its_callers_are_victims() -> None:
    f = situation(CHAIN, ["web"], onsets=_cascade())
    root = _candidate(list(dependency_rule(f, f.services["db"])))
    victim = _candidate(list(dependency_rule(f, f.services["api"])))
    assert root.summary == "db failed at 13:50 with no change of its own; api, web degraded after it"
    assert victim.score == pytest.approx(root.score * VICTIM_FACTOR)
    assert any(e.text == "db, a dependency of api, was failing earlier (from 13:50)" for e in victim.evidence)


def test_an_own_change_before_the_failure_weakens_the_outage() -> None:
    plain = situation(CHAIN, ["web"], onsets=_cascade())
    changed = situation(CHAIN, ["web"], onsets=_cascade(), changes=[change("db", -25)])
    outage = _candidate(list(dependency_rule(changed, changed.services["db"])))
    assert outage.score == pytest.approx(
        _candidate(list(dependency_rule(plain, plain.services["db"]))).score * OWN_CHANGE_FACTOR
    )
    assert not any(e.kind == "change" for e in outage.evidence)


def test_a_quiet_service_is_no_outage_and_a_provider_is_left_to_its_own_rule() -> None:
    quiet = situation(CHAIN, ["web"])
    assert _discarded(list(dependency_rule(quiet, quiet.services["db"]))).reason == "no sign that db itself failed"
    f = situation(CHAIN, ["web"], signatures=[errors("api", 0, mentions=("stripe",))])
    assert list(dependency_rule(f, f.services["stripe"])) == []


def test_a_provider_named_by_its_callers_errors_is_an_external_outage() -> None:
    f = situation(CHAIN, ["web"], signatures=[errors("api", 0, mentions=("stripe",))])
    found = _candidate(list(external_rule(f, f.services["stripe"])))
    assert (found.cause, found.culprit) == ("external", "stripe")
    assert found.summary == "External dependency stripe is failing since 14:00; callers api degraded"
    assert _discarded(list(external_rule(f, f.services["db"]))).reason == "db is not an external service"


def test_a_provider_blamed_by_callers_whose_own_database_was_failing_is_the_weaker_case() -> None:
    blamed = errors("api", 0, mentions=("stripe",))
    plain = situation(CHAIN, ["web"], signatures=[blamed])
    db_down = situation(CHAIN, ["web"], signatures=[blamed], onsets=[onset("db", "error_ratio", -0.5)])
    later = situation(CHAIN, ["web"], signatures=[blamed], onsets=[onset("db", "error_ratio", 10)])
    score = _candidate(list(external_rule(plain, plain.services["stripe"]))).score
    assert _candidate(list(external_rule(db_down, db_down.services["stripe"]))).score == pytest.approx(
        score * OTHER_FAILURE_FACTOR
    )
    assert _candidate(list(external_rule(later, later.services["stripe"]))).score == pytest.approx(score)


def test_a_backlog_on_a_queue_the_blaming_caller_reads_is_no_rival_of_the_provider() -> None:
    estate = catalog(
        {"worker": {"depends_on": ["jobs", "mailer"]}, "jobs": {"kind": "queue"}, "mailer": {"kind": "external"}}
    )
    blamed = errors("worker", 0, mentions=("mailer",))
    plain = situation(estate, ["worker"], signatures=[blamed])
    backlog = situation(estate, ["worker"], signatures=[blamed], onsets=[onset("jobs", "latency_p99_seconds", -0.5)])
    assert _candidate(list(external_rule(backlog, backlog.services["mailer"]))).score == pytest.approx(
        _candidate(list(external_rule(plain, plain.services["mailer"]))).score
    )


@pytest.mark.parametrize(
    ("answer", "explained"),
    [
        ("POST api.stripe.com/v1/charges: 400 Bad Request (invalid field amount_cents)", True),
        ("POST api.stripe.com/v1/charges: read timed out", True),
        ("POST api.stripe.com/v1/charges: 503 Service Unavailable", False),
    ],
)
def test_a_callers_own_change_explains_its_complaints_about_a_provider_unless_the_provider_says_it_is_failing(
    answer: str, explained: bool
) -> None:
    def external(changes: list[ChangeEvent]) -> Candidate:
        complaints = lines("api", answer, 1, mentions=("stripe",))
        f = situation(CHAIN, ["web"], signatures=[complaints], changes=changes)
        return _candidate(list(external_rule(f, f.services["stripe"])))

    alone, after_change = external([]), external([change("api", 0)])
    expected = alone.score * (1 - CHANGED_CALLERS_EXPLAIN) if explained else alone.score
    assert after_change.score == pytest.approx(expected)
    assert any("which blames stripe, changed just before" in e.text for e in after_change.evidence) == explained


@pytest.mark.parametrize(
    ("answer", "explained"),
    [
        ('Stripe call failed: HTTP Exception errorCode: 422 {"status":422,"errorType":"validation"}', True),
        ("Stripe call failed: 503 Service Unavailable", False),
    ],
)
def test_a_callers_own_502s_after_a_provider_refused_its_requests_say_nothing_of_the_provider(
    answer: str, explained: bool
) -> None:
    """The checkout's flag sends payments without a field the provider requires: the provider
    answers 422, and the checkout answers its own clients 502. The 502 is the checkout's; the
    provider is answering, and the change explains the trouble."""
    complaints = lines("api", answer, 1, mentions=("stripe",))
    own = lines("api", "POST /api/checkout/payments -> 502", 1)
    f = situation(CHAIN, ["web"], signatures=[complaints, own], changes=[change("api", 0, kind="flag")])
    provider = _candidate(list(external_rule(f, f.services["stripe"])))
    assert any("which blames stripe, changed just before" in e.text for e in provider.evidence) == explained


def test_a_silent_provider_counts_only_when_no_logs_could_name_it() -> None:
    blind = situation(CHAIN, ["web"], onsets=[onset("api", "error_ratio", 0)], logs_available=False)
    seeing = situation(CHAIN, ["web"], onsets=[onset("api", "error_ratio", 0)])
    assert _candidate(list(external_rule(blind, blind.services["stripe"]))).culprit == "stripe"
    assert _discarded(list(external_rule(seeing, seeing.services["stripe"]))).reason == "no caller's errors name stripe"


# --- infrastructure -------------------------------------------------------

MESHED = catalog(
    {
        "web": {"depends_on": ["orders"]},
        "orders": {"depends_on": ["orders-db"]},
        "orders-db": {"kind": "datastore"},
        "search": {},
        "cluster-dns": {"kind": "infrastructure"},
    }
)


def test_a_platform_component_blamed_by_unrelated_services_is_an_infrastructure_fault() -> None:
    signatures = [errors(name, 1, mentions=("cluster-dns",)) for name in ("web", "orders", "search")]
    onsets = [onset(name, "error_ratio", 1) for name in ("web", "orders", "search")]
    f = situation(MESHED, ["web", "search"], onsets=onsets, signatures=signatures)
    found = _candidate(list(dependency_rule(f, f.services["cluster-dns"])))
    assert (found.cause, found.culprit) == ("infrastructure", "cluster-dns")
    assert (
        found.summary == "cluster-dns failed at 14:01 with no change of its own; orders, search, web degraded after it"
    )
    for victim in ("web", "orders", "search"):
        outage = _candidate(list(dependency_rule(f, f.services[victim])))
        assert outage.score < found.score
    # the victims' lines blame the platform, so they are no host trouble of the victims' own
    assert list(host_rule(f, f.services["orders"])) == []


def test_one_services_change_is_not_credited_with_load_on_the_platform_every_service_uses() -> None:
    busy_dns = [
        onset("cluster-dns", "request_rate", 2, baseline=100.0, level=160.0),
        onset("cluster-dns", "cpu_utilisation", 3, baseline=0.3, level=0.95, peak=1.0),
        onset("cluster-dns", "latency_p99_seconds", 4),
    ]
    failing = [onset(name, "error_ratio", 6) for name in ("web", "orders", "search")]
    f = situation(MESHED, ["web", "search"], onsets=[*busy_dns, *failing], changes=[change("search", -3)])
    deploy = _candidate(list(change_rule(f, f.services["search"])))
    assert "before search degraded" in deploy.summary  # not "before cluster-dns degraded"
    assert any(e.service == "cluster-dns" and "failed on its own" in e.text for e in deploy.evidence)


POOLED = catalog(
    {
        "web": {"depends_on": ["orders"]},
        "orders": {},
        "search": {},
        "billing": {},
        "general-pool": {"kind": "infrastructure", "description": "the cluster's node pool"},
    }
)


def _starved(name: str, minutes: float) -> Onset:
    return onset(name, "cpu_utilisation", minutes, baseline=0.3, level=0.95, peak=1.0)


def test_services_starving_of_cpu_at_once_with_no_surge_point_at_the_node_pool_they_share() -> None:
    starving = [_starved("orders", 0), _starved("search", 0.5), _starved("billing", 1)]
    failing = [onset(name, "latency_p99_seconds", 4) for name in ("orders", "search", "billing")]
    f = situation(POOLED, ["web", "search", "billing"], onsets=[*starving, *failing])
    (pool,) = list(shared_compute_rule(f))
    assert isinstance(pool, Candidate)
    assert (pool.cause, pool.culprit) == ("infrastructure", "general-pool")
    assert "billing, orders, search ran out of CPU or memory together at 14:00" in pool.evidence[0].text
    alone = situation(POOLED, ["search"], onsets=[_starved("search", 0.5), failing[1]])
    shared = _candidate(list(resource_rule(f, f.services["search"])))
    assert shared.score == pytest.approx(
        _candidate(list(resource_rule(alone, alone.services["search"]))).score * SHARED_CAUSE_FACTOR
    )


def test_a_surge_or_a_lone_starving_service_is_no_node_pool_fault() -> None:
    starving = [_starved("orders", 0), _starved("search", 0.5), _starved("billing", 1)]
    surged = situation(POOLED, ["web", "search", "billing"], onsets=[*starving, _traffic("search", -1)])
    assert list(shared_compute_rule(surged)) == []
    two = situation(POOLED, ["web", "search"], onsets=starving[:2])
    assert list(shared_compute_rule(two)) == []


EGRESS = catalog(
    {
        "pay": {"depends_on": ["acquirer"]},
        "eta": {},
        "notify": {},
        "acquirer": {"kind": "external"},
        "nat-gateway": {"kind": "infrastructure"},
    }
)


def test_providers_unreachable_together_from_several_services_point_at_the_way_out() -> None:
    unreachable = [
        lines("pay", "Connect to checkout.acquirer.com:443 failed: Connect timed out", 0, mentions=("acquirer",)),
        lines("eta", "connect ETIMEDOUT 142.250.1.1 (maps.googleapis.com)", 0.5),
        lines("notify", 'Post "https://push.example-push.io/v1/send": dial tcp 10.1.1.1:443: i/o timeout', 1),
    ]
    failing = [onset(name, "error_ratio", 1) for name in ("pay", "eta", "notify")]
    f = situation(EGRESS, ["pay", "eta", "notify"], onsets=failing, signatures=unreachable)
    (way_out,) = list(shared_egress_rule(f))
    assert isinstance(way_out, Candidate)
    assert (way_out.cause, way_out.culprit) == ("infrastructure", "nat-gateway")
    assert "3 outside hosts unreachable at once" in way_out.summary
    alone = situation(EGRESS, ["pay"], onsets=failing[:1], signatures=unreachable[:1])
    provider = _candidate(list(external_rule(f, f.services["acquirer"])))
    assert provider.score == pytest.approx(
        _candidate(list(external_rule(alone, alone.services["acquirer"]))).score * SHARED_EGRESS_FACTOR
    )
    assert list(shared_egress_rule(alone)) == []


ZONED = catalog(
    {
        "pay": {"depends_on": ["acquirer"]},
        "eta": {},
        "notify": {"depends_on": ["sms"]},
        "acquirer": {"kind": "external"},
        "sms": {"kind": "external"},
        "api-gateway": {"kind": "infrastructure", "description": "API Gateway, VPC link to the internal ALB"},
        "nat-zone-a": {"kind": "infrastructure", "description": "NAT gateway for zone a"},
        "nat-zone-b": {"kind": "infrastructure", "description": "NAT gateway for zone b"},
    }
)


def test_of_several_ways_out_the_one_failing_by_its_own_signs_is_blamed() -> None:
    unreachable = [
        lines("pay", "Connect to checkout.acquirer.com:443 failed: Connect timed out", 0, mentions=("acquirer",)),
        lines("eta", 'Post "https://maps.googleapis.com/v1": dial tcp 142.250.1.1:443: i/o timeout', 0.5),
        # a public address with no name: the provider the line names is where it was going
        lines("notify", "sms send failed provider=sms error=connect ETIMEDOUT 54.171.1.2:443", 0.5, mentions=("sms",)),
        # a class name is no host
        lines("pay", "java.net.SocketTimeoutException: connect timed out", 0.5),
    ]
    failing = [onset(name, "error_ratio", 1) for name in ("pay", "eta", "notify")]
    gateway = onset("api-gateway", "latency_p99_seconds", 1)  # an edge balancer carries traffic in, not out
    quiet = situation(ZONED, ["pay", "eta", "notify"], onsets=[*failing, gateway], signatures=unreachable)
    assert list(shared_egress_rule(quiet)) == [], "two NAT gateways and no sign which: no way out to blame"
    zone_a = onset("nat-zone-a", "error_ratio", 0)
    f = situation(ZONED, ["pay", "eta", "notify"], onsets=[*failing, gateway, zone_a], signatures=unreachable)
    (way_out,) = list(shared_egress_rule(f))
    assert isinstance(way_out, Candidate)
    assert way_out.culprit == "nat-zone-a"
    assert "3 outside hosts unreachable at once (checkout.acquirer.com, maps.googleapis.com, sms)" in way_out.summary


def test_dotted_words_that_are_no_hosts_make_no_egress_fault() -> None:
    """A user name, a PHP file and a class in connection-failure lines are not outside hosts:
    three services timing out on their own database are no way out failing."""
    local = [
        lines("pay", "PUT /draft 500 err=connect timeout user=a.campbell", 0),
        lines("eta", "PHP Warning: mysqli_real_connect(): (HY000/2002): Connection timed out in class-wpdb.php", 0.5),
        lines("notify", "java.net.SocketTimeoutException: connect timed out user=k.obrien", 1),
    ]
    failing = [onset(name, "error_ratio", 1) for name in ("pay", "eta", "notify")]
    f = situation(EGRESS, ["pay", "eta", "notify"], onsets=failing, signatures=local)
    assert list(shared_egress_rule(f)) == []


def test_providers_answering_with_errors_are_not_an_egress_fault() -> None:
    answered = [
        lines("pay", "POST checkout.acquirer.com: 503 Service Unavailable", 0, mentions=("acquirer",)),
        lines("eta", "maps.googleapis.com returned 500", 0.5),
        lines("notify", "push.example-push.io: 502 Bad Gateway", 1),
    ]
    f = situation(EGRESS, ["pay", "eta", "notify"], signatures=answered)
    assert list(shared_egress_rule(f)) == []


def test_host_failures_in_a_services_logs_are_infrastructure() -> None:
    f = situation(CHAIN, ["web"], signatures=[lines("api", "node ip-10-0-0-7 NotReady", -1, count=8)])
    found = _candidate(list(host_rule(f, f.services["api"])))
    assert (found.cause, found.culprit) == ("infrastructure", "api")
    assert found.summary == "api shows host or platform failures from 13:59"
    assert list(host_rule(f, f.services["db"])) == []


def test_an_infra_change_outside_the_catalog_is_blamed_where_trouble_followed() -> None:
    pool = change("node-pool-a", -5, "infra")
    f = situation(CHAIN, ["web"], onsets=[onset("api", "error_ratio", 0)], unplaced=[pool])
    found = _candidate(list(unplaced_infra_rule(f)))
    assert (found.cause, found.culprit, found.change) == ("infrastructure", "api", pool)
    assert found.summary == "Infrastructure change c1 at 13:55, 5 min before api degraded"


@pytest.mark.parametrize(
    ("kind", "minutes", "db_failed_at"),
    [("deploy", -5, None), ("infra", -90, None), ("infra", -5, -30)],
    ids=["not-infra", "too-early", "api-was-db's-victim"],
)
def test_an_unplaced_change_is_not_blamed(kind: str, minutes: float, db_failed_at: float | None) -> None:
    found = [onset("api", "error_ratio", 0)]
    if db_failed_at is not None:
        found.append(onset("db", "error_ratio", db_failed_at))
    f = situation(CHAIN, ["web"], onsets=found, unplaced=[change("elsewhere", minutes, kind)])
    assert list(unplaced_infra_rule(f)) == []


# --- evaluate -------------------------------------------------------------


def test_evaluate_asks_a_sibling_only_about_its_changes_and_traffic() -> None:
    f = situation(
        PAIR,
        ["api"],
        onsets=[onset("db", "error_ratio", 0), onset("batch", "error_ratio", 0), _traffic("batch", -3)],
        changes=[change("batch", -5)],
        unplaced=[change("node-pool-a", -4, "infra", change_id="np")],
    )
    candidates, discarded = evaluate(f)
    about_batch = {(o.cause, o.culprit) for o in [*candidates, *discarded] if o.culprit == "batch"}
    assert about_batch == {("deploy", "batch"), ("traffic_surge", "batch")}
    assert any(c.change is not None and c.change.id == "np" for c in candidates)
    assert all(isinstance(c, Candidate) for c in candidates)
    assert all(isinstance(d, Discarded) for d in discarded)


def test_a_dependency_out_of_connections_makes_its_failing_caller_a_victim() -> None:
    exhausted = onset("db", "saturation", 0, baseline=0.2, level=1.0)
    f = situation(CHAIN, ["api"], onsets=[exhausted, onset("api", "error_ratio", 0)])
    alone = situation(CHAIN, ["api"], onsets=[onset("api", "error_ratio", 0)])
    outage = _candidate(list(dependency_rule(f, f.services["api"])))
    plain = _candidate(list(dependency_rule(alone, alone.services["api"])))
    assert outage.score == pytest.approx(plain.score * NEAR_VICTIM_FACTOR)


def test_a_provider_that_buckled_under_our_surge_is_the_surges_doing() -> None:
    blamed = [errors("api", 0, mentions=("stripe",))]
    calm = situation(CHAIN, ["web"], signatures=blamed)
    surged = situation(
        CHAIN, ["web"], signatures=blamed, onsets=[onset("api", "request_rate", -4, baseline=100, level=400)]
    )
    plain = _candidate(list(external_rule(calm, calm.services["stripe"])))
    after_surge = _candidate(list(external_rule(surged, surged.services["stripe"])))
    assert after_surge.score < plain.score * 0.5


QUEUED = catalog(
    {
        "sender": {"depends_on": ["bus"]},
        "reader": {"depends_on": ["bus"]},
        "bus": {"kind": "queue"},
    }
)


def test_a_producers_surge_reaches_the_reader_of_its_queue() -> None:
    burst = onset("sender", "request_rate", 0, baseline=10, level=100)
    backlog = [onset("bus", "saturation", 1, baseline=0.05, level=0.4), onset("reader", "latency_p99_seconds", 2)]
    f = situation(QUEUED, ["reader"], onsets=[burst, *backlog])
    found = _candidate(list(surge_rule(f, f.services["sender"])))
    assert found.summary == "Traffic to sender jumped 10.0× at 14:00, 60 s before bus degraded"


def test_a_queue_taking_more_messages_than_its_writer_took_requests_is_no_target_of_the_surge() -> None:
    burst = onset("sender", "request_rate", 0, baseline=10, level=35)
    fan_out = onset("bus", "request_rate", 0, baseline=10, level=70)
    backlog = [onset("bus", "saturation", 1, baseline=0.05, level=0.4), onset("reader", "latency_p99_seconds", 2)]
    alone = situation(QUEUED, ["bus"], onsets=[burst, *backlog])
    fanned = situation(QUEUED, ["bus"], onsets=[burst, fan_out, *backlog])
    assert _candidate(list(surge_rule(fanned, fanned.services["sender"]))).score == pytest.approx(
        _candidate(list(surge_rule(alone, alone.services["sender"]))).score
    )


def test_a_producers_change_that_left_it_healthy_is_blamed_for_the_readers_it_broke() -> None:
    """A new message format breaks every consumer while the producer's own signals stay clean."""
    broken = onset("reader", "error_ratio", 4)
    clean = {"sender": ["error_ratio"]}
    f = situation(QUEUED, ["reader"], onsets=[broken], changes=[change("sender", 0)], signals=clean)
    leaking = onset("reader", "memory_utilisation", -20, baseline=0.5, level=0.9, peak=0.95)
    g = situation(QUEUED, ["reader"], onsets=[broken, leaking], changes=[change("sender", 0)], signals=clean)
    hurt = _candidate(list(change_rule(f, f.services["sender"])))
    assert hurt.score == pytest.approx(_timing(4) * plausibility(UNOBSERVED_CHANGE_SHARE))
    # a reader running out of memory since before the change was failing on its own
    own = _candidate(list(change_rule(g, g.services["sender"])))
    assert own.score == pytest.approx(_timing(4) * plausibility(CLEAN_CHANGE_STRENGTH))


def test_a_surge_through_a_load_balancer_or_a_database_is_not_theirs() -> None:
    edge = catalog(
        {
            "lb": {"kind": "infrastructure", "depends_on": ["api"]},
            "api": {"depends_on": ["db"]},
            "db": {"kind": "datastore"},
        }
    )
    rises = [onset(name, "request_rate", 0, baseline=10, level=50) for name in ("lb", "api", "db")]
    f = situation(edge, ["api"], onsets=[*rises, onset("db", "latency_p99_seconds", 2)])
    assert _discarded(list(surge_rule(f, f.services["db"]))).reason == "db is a datastore: traffic starts at a service"
    assert _candidate(list(surge_rule(f, f.services["api"]))).culprit == "api"


HOGGED = catalog(
    {
        "stats": {"depends_on": ["stats-db"]},
        "results": {"depends_on": ["stats-db"]},
        "matches": {"depends_on": ["allocator"]},
        "allocator": {},
        "stats-db": {"kind": "datastore"},
    }
)


def test_a_caller_whose_pool_fills_in_step_with_the_shared_database_is_blamed_for_it() -> None:
    climbs = [onset("stats-db", "saturation", 0, level=0.95), onset("results", "saturation", 0.5, level=0.98)]
    f = situation(HOGGED, ["stats-db"], onsets=climbs)
    assert "results" in f.siblings
    leak = _candidate(list(hogging_rule(f, f.services["results"])))
    assert (leak.cause, leak.culprit) == ("resource_saturation", "results")
    ranked = sorted((c for c in evaluate(f)[0]), key=lambda c: -c.score)
    assert (ranked[0].cause, ranked[0].culprit) == ("resource_saturation", "results")
    # a caller whose pool fills long after the database's is its victim, not its cause
    late = situation(HOGGED, ["stats-db"], onsets=[climbs[0], onset("results", "saturation", 10, level=0.98)])
    assert isinstance(_one(list(hogging_rule(late, late.services["results"]))), Discarded)
    # and a caller of a failing service whose pool fills has held nothing of it
    victim = situation(
        HOGGED,
        ["allocator"],
        onsets=[onset("allocator", "error_ratio", 0), onset("matches", "saturation", 0.5, level=0.98)],
    )
    assert isinstance(_one(list(hogging_rule(victim, victim.services["matches"]))), Discarded)


FED_QUEUE = catalog(
    {
        "cards": {"depends_on": ["events"]},
        "fraud": {"depends_on": ["events"]},
        "events": {"kind": "queue"},
    }
)


def test_a_consumer_working_flat_out_after_its_producer_surged_is_explained_by_the_surge() -> None:
    busy = [onset("fraud", "cpu_utilisation", 5, baseline=0.5, level=0.98), onset("fraud", "latency_p99_seconds", 8)]
    quiet = situation(FED_QUEUE, ["fraud"], onsets=busy)
    surged = situation(FED_QUEUE, ["fraud"], onsets=[_traffic("cards", 0), *busy])
    alone = _candidate(list(resource_rule(quiet, quiet.services["fraud"])))
    fed = _candidate(list(resource_rule(surged, surged.services["fraud"])))
    assert fed.score < alone.score
    assert fed.score == pytest.approx(alone.score * (1.0 - SURGE_EXPLAINS), rel=0.05)


SHARED_BUS = catalog(
    {
        "notify": {"depends_on": ["bus"]},
        "cards": {"depends_on": ["bus"]},
        "fraud": {"depends_on": ["bus"]},
        "bus": {"kind": "queue"},
    }
)


def test_a_change_is_doubted_when_services_it_cannot_reach_log_the_same_new_error_unchanged() -> None:
    broker = "[{}] Connection to node <n> could not be established. Broker may not be available."
    alone = situation(
        SHARED_BUS,
        ["notify"],
        onsets=[onset("notify", "error_ratio", 1)],
        signatures=[lines("notify", broker.format("notify-producer-<n>"), 1)],
        changes=[change("notify", -3)],
    )
    shared = situation(
        SHARED_BUS,
        ["notify", "fraud"],
        onsets=[onset("notify", "error_ratio", 1), onset("fraud", "error_ratio", 1)],
        signatures=[
            lines("notify", broker.format("notify-producer-<n>"), 1),
            lines("fraud", broker.format("fraud-consumer"), 1),
        ],
        changes=[change("notify", -3)],
    )
    before = _candidate(list(change_rule(alone, alone.services["notify"])))
    after = _candidate(list(change_rule(shared, shared.services["notify"])))
    assert after.score == pytest.approx(before.score * SHARED_SYMPTOM_FACTOR)
    assert any("fraud began logging the same error" in e.text for e in after.evidence)


def test_a_database_filling_up_under_callers_that_sent_it_no_more_work_failed_on_its_own() -> None:
    """Its callers' pools running dry at the same moment are its victims, not its cause."""
    filling = [
        onset("db", "saturation", -1, baseline=0.3, level=0.95, peak=0.98),
        onset("db", "latency_p99_seconds", 0),
    ]
    idle = situation(PAIR, ["api"], onsets=filling)
    root = earlier_root(idle, "api", at(0.5), load_explained=True)
    assert root is not None
    assert (root.service, root.factor) == ("db", NEAR_VICTIM_FACTOR)
    for sent_more in (
        situation(PAIR, ["api"], onsets=[*filling, _traffic("api", -3)]),
        situation(PAIR, ["api"], onsets=filling, changes=[change("api", -20)]),
        situation(PAIR, ["api"], onsets=[*filling, onset("api", "saturation", -1, baseline=0.1, level=0.9)]),
    ):
        assert earlier_root(sent_more, "api", at(0.5), load_explained=True) is None


CART = catalog(
    {
        "api": {"depends_on": ["payments", "cache"]},
        "menu": {"depends_on": ["cache"]},
        "payments": {},
        "cache": {"kind": "datastore"},
    }
)


def test_a_healthy_services_change_is_doubted_when_its_caller_fails_with_a_cache_it_does_not_reach() -> None:
    def deploy_of_payments(api_names: tuple[str, ...]) -> Candidate:
        facts = situation(
            CART,
            ["api"],
            onsets=[onset("api", "error_ratio", 5)],
            signatures=[errors("api", 4, mentions=api_names), errors("menu", 4, mentions=api_names)],
            changes=[change("payments", 0)],
            signals={"payments": ["error_ratio"]},
        )
        return _candidate(list(change_rule(facts, facts.services["payments"])))

    unexplained = deploy_of_payments(())
    with_the_cache = deploy_of_payments(("cache",))
    assert with_the_cache.score == pytest.approx(unexplained.score * EXPLAINED_ELSEWHERE_FACTOR)
    assert any("cache, a dependency of api, failed at" in e.text for e in with_the_cache.evidence)


def test_a_climb_a_healthy_service_weathered_is_doubted_when_its_caller_fails_with_something_else() -> None:
    def climb_of_payments(api_names: tuple[str, ...]) -> Candidate:
        facts = situation(
            CART,
            ["api"],
            onsets=[
                onset("payments", "cpu_utilisation", -40, baseline=0.3, level=0.75),
                onset("api", "error_ratio", 5),
            ],
            signatures=[errors("api", 4, mentions=api_names), errors("menu", 4, mentions=api_names)],
        )
        return _candidate(list(resource_rule(facts, facts.services["payments"])))

    assert climb_of_payments(("cache",)).score == pytest.approx(
        climb_of_payments(()).score * EXPLAINED_ELSEWHERE_FACTOR
    )


def test_a_dependency_that_went_dark_stopped_serving_rather_than_buckled_under_load() -> None:
    facts = situation(CART, ["api"], onsets=[onset("cache", "saturation", 3, baseline=0.1, level=0.4)])
    assert load_like(facts, facts.services["cache"])
    facts.services["cache"].went_dark_at = at(4)
    assert not load_like(facts, facts.services["cache"])


@pytest.mark.parametrize(
    ("line", "load"),
    [
        ("PutItem on cache throttled, retry 2/5", True),
        ("cache answered 429 Too Many Requests", True),
        ("connect to cache refused", False),
    ],
)
def test_a_dependency_that_throttles_its_callers_is_under_load_not_down(line: str, load: bool) -> None:
    facts = situation(
        CART,
        ["api"],
        onsets=[onset("api", "error_ratio", 2)],
        signatures=[lines("api", line, 1, mentions=("cache",))],
    )
    assert load_like(facts, facts.services["cache"]) is load


@pytest.mark.parametrize(("measured", "victim"), [(False, True), (True, False)])
def test_a_cache_serving_less_while_still_called_failed_its_callers(measured: bool, victim: bool) -> None:
    """One node of an unmeasured cache gone: what it serves falls by a third while the callers
    keep calling, and another caller names it. A cache with error signals of its own must
    collapse for its falling rate alone to say so."""
    facts = situation(
        CART,
        ["api"],
        onsets=[
            onset("cache", "request_rate", 0, baseline=100, level=60, direction="down"),
            onset("api", "error_ratio", 0),
        ],
        signatures=[errors("menu", 3, mentions=("cache",))],
        signals={"cache": ["error_ratio"]} if measured else None,
    )
    root = earlier_root(facts, "api", at(0))
    assert (root is not None and root.service == "cache" and root.factor == VICTIM_FACTOR) is victim


def test_a_provider_blamed_only_by_the_caller_that_just_changed_does_not_excuse_the_change() -> None:
    def deploy_of_api(line: str) -> Candidate:
        facts = situation(
            CHAIN,
            ["api"],
            onsets=[onset("api", "error_ratio", 5)],
            signatures=[lines("api", line, 5, mentions=("stripe",))],
            changes=[change("api", 0)],
        )
        return _candidate(list(change_rule(facts, facts.services["api"])))

    refused = deploy_of_api("stripe rejected charge: invalid currency unit")
    failing = deploy_of_api("stripe answered 503 service unavailable")
    assert failing.score == pytest.approx(refused.score * CRASHED_DEPENDENCY_FACTOR)
    assert not any("failed on its own" in e.text for e in refused.evidence)


def test_a_reader_rejecting_what_a_writer_that_just_changed_sends_is_its_victim() -> None:
    estate = catalog(
        {"writer": {"depends_on": ["events"]}, "reader": {"depends_on": ["events"]}, "events": {"kind": "queue"}}
    )
    rejecting = errors("reader", 0, mentions=("writer",))
    failing = [onset("reader", "error_ratio", 0)]
    plain = situation(estate, ["reader"], onsets=failing, signatures=[rejecting])
    changed = situation(estate, ["reader"], onsets=failing, signatures=[rejecting], changes=[change("writer", -4)])
    alone = _candidate(list(dependency_rule(plain, plain.services["reader"])))
    after = _candidate(list(dependency_rule(changed, changed.services["reader"])))
    assert after.score == pytest.approx(alone.score * VICTIM_FACTOR)
    assert any(e.service == "writer" and "changed just before" in e.text for e in after.evidence)


PACING = catalog(
    {
        "bidder": {"depends_on": ["pacing", "cache"]},
        "pacing": {"depends_on": ["cache"]},
        "cache": {"kind": "datastore"},
    }
)


def test_a_change_is_doubted_when_an_unchanged_caller_names_the_same_failed_dependency_in_its_own_words() -> None:
    """pacing deployed, then the cache stopped answering: pacing's "memcache: set ... i/o timeout"
    and its unchanged caller's "marking cache down" are two phrasings of one failure."""
    alone = situation(
        PACING,
        ["pacing", "bidder"],
        onsets=[onset("pacing", "error_ratio", 6)],
        signatures=[errors("pacing", 5, mentions=("cache",))],
        changes=[change("pacing", 0)],
    )
    both = situation(
        PACING,
        ["pacing", "bidder"],
        onsets=[onset("pacing", "error_ratio", 6), onset("bidder", "error_ratio", 6)],
        signatures=[
            errors("pacing", 5, mentions=("cache",)),
            lines("bidder", "marking cache down after <n> consecutive timeouts", 5, mentions=("cache",)),
        ],
        changes=[change("pacing", 0)],
    )
    before = _candidate(list(change_rule(alone, alone.services["pacing"])))
    after = _candidate(list(change_rule(both, both.services["pacing"])))
    assert after.score == pytest.approx(before.score * SHARED_SYMPTOM_FACTOR)
    assert any("bidder began logging the same error" in e.text for e in after.evidence)
    blaming_pacing = situation(
        PACING,
        ["pacing", "bidder"],
        onsets=[onset("pacing", "error_ratio", 6), onset("bidder", "error_ratio", 6)],
        signatures=[
            errors("pacing", 5, mentions=("cache",)),
            lines("bidder", "pacing and cache both timing out", 5, mentions=("cache", "pacing")),
        ],
        changes=[change("pacing", 0)],
    )
    kept = _candidate(list(change_rule(blaming_pacing, blaming_pacing.services["pacing"])))
    assert not any("began logging the same error" in e.text for e in kept.evidence), "it names pacing: pacing's victim"
    assert kept.score > after.score


@pytest.mark.parametrize("reader_failing", [False, True])
def test_a_backlog_a_surge_filled_while_the_reader_kept_up_counts_however_long_it_took(reader_failing: bool) -> None:
    """The producer tripled what it enqueued at 14:00; the reader, working flat out and healthy,
    fell behind and the backlog alarm came half an hour later. A reader with trouble of its own
    let the backlog grow, and then the lag does count against the surge."""
    burst = onset("sender", "request_rate", 0, baseline=10, level=100)
    intake = onset("bus", "request_rate", 0, baseline=10, level=100)
    backlog = onset("bus", "saturation", 30, baseline=0.05, level=0.6)
    reader = [onset("reader", "error_ratio", 20)] if reader_failing else []
    late = situation(QUEUED, ["bus"], onsets=[burst, intake, backlog, *reader])
    prompt = situation(QUEUED, ["bus"], onsets=[burst, intake, onset("bus", "saturation", 1, baseline=0.05, level=0.6)])
    late_score = _candidate(list(surge_rule(late, late.services["sender"]))).score
    prompt_score = _candidate(list(surge_rule(prompt, prompt.services["sender"]))).score
    if reader_failing:
        assert late_score < prompt_score
    else:
        assert late_score == pytest.approx(prompt_score)


BALANCED = catalog(
    {
        "web": {"depends_on": ["db", "balancer"]},
        "db": {"kind": "datastore"},
        "balancer": {"kind": "infrastructure", "description": "F5 BIG-IP LTM pair: TLS termination and pools"},
    }
)


def test_a_balancers_latency_and_errors_that_rose_with_the_backend_behind_it_are_the_backends() -> None:
    """The F5 times Moodle's answers and relays its errors: when Moodle showed each of the
    balancer's signs no later than the balancer did, the balancer failed nobody."""
    erring_backend = situation(
        BALANCED,
        ["web"],
        onsets=[onset("balancer", "latency_p99_seconds", 1, baseline=0.5, level=5), onset("web", "error_ratio", 1)],
    )
    behind = situation(
        BALANCED,
        ["web"],
        onsets=[
            onset("balancer", "latency_p99_seconds", 1, baseline=0.5, level=5),
            onset("web", "latency_p99_seconds", 1, baseline=0.5, level=5),
        ],
    )
    apart = _candidate(list(dependency_rule(erring_backend, erring_backend.services["balancer"])))
    passed_on = _candidate(list(dependency_rule(behind, behind.services["balancer"])))
    assert passed_on.score == pytest.approx(apart.score * VICTIM_FACTOR)
    assert any("a balancer relays its backends'" in e.text for e in passed_on.evidence)
    relayed = situation(
        BALANCED,
        ["web"],
        onsets=[
            onset("balancer", "error_ratio", 2),
            onset("web", "error_ratio", 1),
            onset("web", "latency_p99_seconds", 1, baseline=0.5, level=5),
        ],
    )
    assert any(
        "a balancer relays" in e.text
        for e in _candidate(list(dependency_rule(relayed, relayed.services["balancer"]))).evidence
    )
    erring = situation(
        BALANCED,
        ["web"],
        onsets=[
            onset("balancer", "latency_p99_seconds", 1, baseline=0.5, level=5),
            onset("balancer", "error_ratio", 1),
            onset("web", "latency_p99_seconds", 1, baseline=0.5, level=5),
        ],
    )
    own = _candidate(list(dependency_rule(erring, erring.services["balancer"])))
    assert not any("a balancer relays" in e.text for e in own.evidence), "errors web never showed are its own"


STORAGE = catalog(
    {
        "web": {"depends_on": ["filer"]},
        "filer": {"kind": "infrastructure", "description": "NetApp filer, NFS exports"},
        "hypervisors": {"kind": "infrastructure", "description": "vSphere cluster on SAN datastores"},
    }
)


def test_a_component_known_only_from_lines_that_also_name_one_failing_in_plain_sight_is_not_the_cause() -> None:
    """ "nfs: server not responding" names both storage pieces; the filer's own latency had been
    failing since 13:31, the hypervisor cluster shows nothing of its own."""
    lines_naming_both = errors("web", 12, mentions=("filer", "hypervisors"))
    quiet_filer = situation(STORAGE, ["web"], onsets=[onset("web", "error_ratio", 12)], signatures=[lines_naming_both])
    failing_filer = situation(
        STORAGE,
        ["web"],
        onsets=[onset("web", "error_ratio", 12), onset("filer", "latency_p99_seconds", 1, baseline=0.004, level=0.2)],
        signatures=[lines_naming_both],
    )
    alone = _candidate(list(dependency_rule(quiet_filer, quiet_filer.services["hypervisors"])))
    beside = _candidate(list(dependency_rule(failing_filer, failing_filer.services["hypervisors"])))
    assert beside.score == pytest.approx(alone.score * VICTIM_FACTOR)
    assert any("also name filer, which was failing by its own signs first" in e.text for e in beside.evidence)


FLEET = catalog(
    {
        "ota": {"depends_on": ["broker"]},
        "presence": {"depends_on": ["broker"]},
        "broker": {"kind": "infrastructure", "description": "MQTT broker for the device fleet"},
    }
)


def test_a_change_whose_version_comes_back_in_another_services_new_lines_made_its_trouble() -> None:
    """The OTA wave pushed lock firmware 5.8.1; minutes later presence-service's traffic jumped
    and its new lines are full of ``fw=5.8.1``. No catalog edge joins them: the devices do."""
    wave = change("ota", 0)
    wave = wave.model_copy(update={"version": "lock-fw 5.8.1 wave 2 (25%)"})
    flaps = lines("presence", "flap detected client=lock-<n> fw=5.8.1 connects_10m=<n>", 15, level="warn")
    facts = situation(
        FLEET,
        ["presence"],
        onsets=[onset("presence", "request_rate", 5, baseline=1700, level=16000), onset("presence", "error_ratio", 20)],
        signatures=[flaps],
        changes=[wave],
        signals={"ota": ["error_ratio"]},
    )
    deploy = _candidate(list(change_rule(facts, facts.services["ota"])))
    assert deploy.summary.endswith("5 min before presence degraded")
    assert any("new lines name lock-fw 5.8.1 wave 2 (25%)" in e.text for e in deploy.evidence)
    surge = _candidate(list(surge_rule(facts, facts.services["presence"])))
    unrelated = situation(
        FLEET,
        ["presence"],
        onsets=[onset("presence", "request_rate", 5, baseline=1700, level=16000), onset("presence", "error_ratio", 20)],
        signatures=[lines("presence", "flap detected client=lock-<n> fw=5.7.9 connects_10m=<n>", 15, level="warn")],
        changes=[wave],
        signals={"ota": ["error_ratio"]},
    )
    assert surge.score == pytest.approx(
        _candidate(list(surge_rule(unrelated, unrelated.services["presence"]))).score * CALLER_LOAD_FACTOR
    )
    assert "nothing degraded" in _discarded(list(change_rule(unrelated, unrelated.services["ota"]))).reason


@pytest.mark.parametrize(
    ("line", "relayed"),
    [
        ("Server be_patient_records/wb3 is DOWN, reason: Layer7 timeout, check duration: 2001ms", True),
        ("connect() failed (111: Connection refused) while connecting to upstream", True),
        (
            "http 2024-10-16T13:13:20Z app/origin-prod/50dc 10.22.9.52:48635 10.20.5.176:80 0.000 0.001 0.000"
            ' 502 502 846 138 "GET http://origin.example.co.uk:80/opinion/ HTTP/1.1" "Varnish/7.4" - -'
            " arn:aws:elasticloadbalancing:eu-west-1:381492003312:targetgroup/tg-wordpress/9a8b7c6d5e4f3a21",
            True,
        ),
        (
            "GET /workbench/api/claims/CLM-1 500 host=workbench.example.net clientIP=203.0.113.7"
            " serverRouted=10.20.4.17:8080 serverStatus=500 timeTaken=2.104",
            True,
        ),
        ("worker process 4711 exited on signal 11 (core dumped)", False),
    ],
)
def test_a_balancers_lines_about_its_backends_are_reports_on_them(line: str, relayed: bool) -> None:
    """HAProxy marking servers down is what it saw of the hypervisor failing under them; a
    crashing worker of its own is its own failure."""
    facts = situation(
        BALANCED,
        ["web"],
        onsets=[
            onset("balancer", "latency_p99_seconds", 1, baseline=0.5, level=5),
            onset("web", "latency_p99_seconds", 1, baseline=0.5, level=5),
        ],
        signatures=[lines("balancer", line, 2)],
    )
    found = _candidate(list(dependency_rule(facts, facts.services["balancer"])))
    assert any("a balancer relays" in e.text for e in found.evidence) is relayed


SIDECARS = catalog(
    {
        "web": {"depends_on": ["streams"]},
        "streams": {},
        "mesh": {"kind": "infrastructure", "description": "Istio sidecars and istiod"},
    }
)


@pytest.mark.parametrize(
    ("line", "reported"),
    [
        ('"GET /v1/stream/b_1 HTTP/1.1" 503 UF,URX via_upstream - outbound|8080||streams.prod.svc', True),
        ("ADS:EDS: timeout sending to streams-7f9c; connection closing, pushing 3 endpoints", False),
    ],
)
def test_a_sidecars_access_lines_about_a_failing_upstream_are_reports_on_it(line: str, reported: bool) -> None:
    """Envoy logging 503 UF for calls to streams, while streams runs out of memory and fails by
    its own signs, is streams failing; the control plane's own errors are the mesh's."""
    facts = situation(
        SIDECARS,
        ["web"],
        onsets=[onset("streams", "memory_utilisation", -30, level=0.99), onset("streams", "error_ratio", 1)],
        signatures=[lines("mesh", line, 1, mentions=("streams",))],
    )
    found = _candidate(list(dependency_rule(facts, facts.services["mesh"])))
    assert any("lines report on streams" in e.text for e in found.evidence) is reported


CAPTURES = catalog(
    {
        "payments": {"depends_on": ["captures", "payments-db"]},
        "capture-worker": {"depends_on": ["captures", "payments-db"]},
        "captures": {"kind": "queue"},
        "payments-db": {"kind": "datastore"},
    }
)


def test_a_queue_that_only_backs_up_while_its_reader_fails_on_a_database_is_no_outage() -> None:
    """The capture queue's oldest message ages because its worker cannot write to the database it
    names: the backlog is the worker's doing, and the database's failure. A broker that fails
    shows errors, lines of its own, or callers naming it."""
    backlog = [onset("captures", "latency_p99_seconds", 0, baseline=3, level=450)]
    worker = [
        onset("capture-worker", "error_ratio", 0, level=0.6),
        onset("payments", "error_ratio", 0, level=0.3),
    ]
    stuck = [
        lines(
            "capture-worker",
            "capture failed: I/O error sending to the backend payments-db",
            0,
            count=40,
            mentions=("payments-db",),
        )
    ]
    f = situation(CAPTURES, ["payments"], onsets=[*backlog, *worker], signatures=stuck)
    queue = _candidate(list(dependency_rule(f, f.services["captures"])))
    assert any("captures shows only a backlog" in e.text for e in queue.evidence)
    named = [lines("payments", "publish to captures failed: broker connection refused", 0, mentions=("captures",))]
    broker = situation(CAPTURES, ["payments"], onsets=[*backlog, *worker], signatures=[*stuck, *named])
    failed = _candidate(list(dependency_rule(broker, broker.services["captures"])))
    assert not any("shows only a backlog" in e.text for e in failed.evidence)
    assert failed.score > queue.score


def test_traffic_a_service_served_for_an_hour_is_not_what_broke_it() -> None:
    """Kafka took the afternoon's doubled traffic for an hour, then a broker vanished: the rise is
    the day's shape, not the visible cause of the sudden failure. A rise minutes before still is."""
    bus = catalog({"bets": {"depends_on": ["kafka"]}, "kafka": {}})

    def failure(surge_minutes: float) -> float:
        onsets = [
            onset("kafka", "request_rate", surge_minutes, baseline=40_000, level=80_000),
            onset("kafka", "latency_p99_seconds", 0, baseline=0.02, level=1.9),
            onset("bets", "error_ratio", 0.5),
        ]
        f = situation(bus, ["bets"], onsets=onsets)
        return _candidate(list(dependency_rule(f, f.services["kafka"]))).score

    assert failure(-61) > failure(-5)
    assert failure(-20) == pytest.approx(failure(-5))


SINK = catalog({"writer": {"depends_on": ["tsdb"]}, "tsdb": {"kind": "datastore"}, "rating": {"depends_on": ["tsdb"]}})


@pytest.mark.parametrize(
    ("line", "refused"),
    [
        (
            'lvl=info msg="Write handler" service=httpd status=400 err="unable to parse points: invalid field format"',
            True,
        ),
        ("ERROR: malformed array literal in INSERT from writer", True),
        (
            'lvl=error msg="Write failed" err="engine: error writing WAL entry: write /var/lib/influxdb/wal: no space"',
            False,
        ),
    ],
)
def test_a_store_refusing_malformed_writes_after_a_writer_changed_is_no_outage(line: str, refused: bool) -> None:
    """The time-series store answers every write from the writer's new client with "unable to
    parse": it works, and refuses what it is sent; the writer's release just before is the cause.
    A store failing on its own disk is its own outage, whoever changed before."""
    onsets = [
        onset("tsdb", "request_rate", 0, baseline=870, level=240, direction="down"),
        onset("writer", "error_ratio", 0.5),
    ]
    f = situation(
        SINK,
        ["writer"],
        onsets=onsets,
        signatures=[lines("tsdb", line, 0, count=20)],
        changes=[change("writer", -4)],
    )
    store = _candidate(list(dependency_rule(f, f.services["tsdb"])))
    assert any("refuses a malformed request" in e.text for e in store.evidence) is refused
    release = _candidate(list(change_rule(f, f.services["writer"])))
    assert (release.score > store.score) is refused


SSO = catalog({"lms": {"depends_on": ["idp"]}, "idp": {}})


@pytest.mark.parametrize(("idp_changed_minutes", "cleared"), [(-7, True), (-45, False), (None, False)])
def test_a_caller_failing_minutes_after_its_dependency_changed_did_not_fail_on_its_own(
    idp_changed_minutes: float | None, cleared: bool
) -> None:
    """The identity provider's attribute filter changed; it stays healthy and logs every login as
    a success, while the learning platform behind it starts refusing the logins it cannot map.
    The platform failed with no change of its own, but not with no visible cause: the change of
    what it calls, minutes before, is one. A change long before is not."""
    changes = [] if idp_changed_minutes is None else [change("idp", idp_changed_minutes, kind="config")]
    f = situation(SSO, ["lms"], onsets=[onset("lms", "error_ratio", 0, level=0.05)], changes=changes)
    lms = _candidate(list(dependency_rule(f, f.services["lms"])))
    assert any("which lms calls" in e.text for e in lms.evidence) is cleared
    if cleared:
        idp = _candidate(list(change_rule(f, f.services["idp"])))
        assert idp.score > lms.score
        # a release of its own the day before is no nearer suspect than the change minutes before
        old = situation(
            SSO,
            ["lms"],
            onsets=[onset("lms", "error_ratio", 0, level=0.05)],
            changes=[*changes, change("lms", -180, change_id="yesterday")],
        )
        assert any(
            "which lms calls" in e.text for e in _candidate(list(dependency_rule(old, old.services["lms"]))).evidence
        )


BOOKINGS = catalog(
    {
        "booking": {"depends_on": ["sql"]},
        "payments": {"depends_on": ["sql"]},
        "web": {"depends_on": ["booking", "payments"]},
        "sql": {"kind": "datastore"},
    }
)


@pytest.mark.parametrize("booking_deployed", [True, False])
def test_a_service_that_fell_with_a_store_a_callers_release_loaded_is_explained_by_that_release(
    booking_deployed: bool,
) -> None:
    """A booking release queries the database once per room type; the database pegs, and the
    payments service on it slows two minutes later. Payments fell with the database, and the
    release that loaded the database explains both."""
    onsets = [
        onset("sql", "cpu_utilisation", -1, baseline=0.3, level=0.99),
        onset("sql", "latency_p99_seconds", 0, baseline=0.01, level=2.5),
        onset("booking", "latency_p99_seconds", 0, baseline=0.3, level=6.5),
        onset("payments", "latency_p99_seconds", 2, baseline=0.9, level=2.5),
    ]
    changes = [change("booking", -5)] if booking_deployed else []
    f = situation(BOOKINGS, ["sql", "web"], onsets=onsets, changes=changes)
    payments = _candidate(list(dependency_rule(f, f.services["payments"])))
    assert any("whose change loaded sql" in e.text for e in payments.evidence) is booking_deployed
    if booking_deployed:
        assert _candidate(list(change_rule(f, f.services["booking"]))).score > payments.score


EDGE = catalog(
    {
        "web": {"depends_on": ["lessons"]},
        "lessons": {},
        "cdn": {"kind": "infrastructure", "description": "Fastly in front of www"},
    }
)


def test_more_traffic_behind_an_edge_that_just_changed_is_the_changes_doing() -> None:
    """The CDN's new cache key included a cookie, so nearly every request missed the cache: the
    origin's traffic jumped two minutes later. The traffic came in through the edge that changed."""
    onsets = [
        onset("web", "request_rate", 0, baseline=100, level=680),
        onset("web", "latency_p99_seconds", 1, baseline=0.2, level=3),
        onset("lessons", "latency_p99_seconds", 1, baseline=0.2, level=3),
    ]
    quiet = situation(EDGE, ["web"], onsets=onsets)
    changed = situation(EDGE, ["web"], onsets=onsets, changes=[change("cdn", -2, kind="config")])
    surge = _candidate(list(surge_rule(changed, changed.services["web"])))
    assert surge.score == pytest.approx(
        _candidate(list(surge_rule(quiet, quiet.services["web"]))).score * CALLER_LOAD_FACTOR
    )
    assert any("cdn, in front of web" in e.text for e in surge.evidence)
    assert _candidate(list(change_rule(changed, changed.services["cdn"]))).score > surge.score


@pytest.mark.parametrize(
    ("description", "cause"),
    [
        ("terraform: wafpol-prod policy_settings.mode Detection -> Prevention", "config_change"),
        ("Terraform: google_cloud_run_v2_service.resizer scaling.max_instance_count 100 -> 20", "config_change"),
        ("GKE node pool upgrade 1.27 -> 1.28: cordon and drain gke-pool-db-2", "infrastructure"),
        ("Modify EBS volume vol-0c7e (data) gp2 -> gp3", "infrastructure"),
        ("NetworkPolicy sched-pg-ingress v7 applied: allow ingress only from labelled pods", "infrastructure"),
    ],
)
def test_an_infra_change_to_a_components_own_settings_is_a_config_change(description: str, cause: str) -> None:
    """Terraform that switches a WAF to prevention or caps a service's instances changes how the
    component is configured; a change to the nodes, volumes or network beneath it is the platform's."""
    infra = change("api", -2, kind="infra").model_copy(update={"description": description})
    f = situation(CHAIN, ["web"], onsets=[onset("api", "error_ratio", 0)], changes=[infra])
    assert _candidate(list(change_rule(f, f.services["api"]))).cause == cause


PUSH = catalog({"push": {"depends_on": ["apns"]}, "apns": {"kind": "external"}})


@pytest.mark.parametrize("leaking", [True, False])
def test_a_provider_slow_only_as_its_caller_ran_out_of_memory_is_the_callers_symptom(leaking: bool) -> None:
    """The push service leaks memory for hours; by the time it nears its limit, the latency it
    measures of APNs rises too. No line blames APNs: what we see of it is what the starving
    caller measures. A caller with memory to spare measuring the same rise clears nothing."""
    onsets = [
        onset("apns", "latency_p99_seconds", 0, baseline=0.16, level=0.55),
        onset("push", "latency_p99_seconds", 1, baseline=0.4, level=5),
    ]
    if leaking:
        onsets.append(onset("push", "memory_utilisation", -90, baseline=0.85, level=0.96, peak=0.97))
    else:
        onsets.append(onset("push", "cpu_utilisation", -90, baseline=0.2, level=0.3, peak=0.35))
    f = situation(PUSH, ["push"], onsets=onsets)
    provider = _candidate(list(external_rule(f, f.services["apns"])))
    assert any("were running out of resources before it slowed" in e.text for e in provider.evidence) is leaking


MAIL = catalog({"mailer": {"depends_on": ["postmark"]}, "postmark": {"kind": "external"}})


@pytest.mark.parametrize(("sign", "cleared"), [("request_rate", True), ("latency_p99_seconds", False)])
def test_a_provider_that_only_received_fewer_calls_did_not_fail(sign: str, cleared: bool) -> None:
    """The mailer stopped sending because the queue it reads from stalled: what we measure of the
    mail provider is what we send it, and fewer calls say nothing of its health. A provider that
    answers slowly does."""
    shown = (
        onset("postmark", "request_rate", 0, baseline=12, level=0.6, direction="down")
        if sign == "request_rate"
        else onset("postmark", "latency_p99_seconds", 0, baseline=0.2, level=3)
    )
    f = situation(MAIL, ["mailer"], onsets=[shown, onset("mailer", "error_ratio", 1)])
    provider = _candidate(list(external_rule(f, f.services["postmark"])))
    assert any("only received fewer calls" in e.text for e in provider.evidence) is cleared
