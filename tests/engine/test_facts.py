"""Facts from small series, logs and changes: onsets, timing tolerance, trouble lines, blame and changes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.engine.evidence import LogRecord, Series
from bot.engine.facts import (
    ALERT_LEAD,
    DEFAULT_LOOKBACK,
    MIN_TOLERANCE,
    RESOURCE_WORDS,
    ServiceFacts,
    build_facts,
    sole_providers,
)
from bot.engine.platform import same_family
from bot.engine.rules.resource import resource_words
from tests.engine.situations import T0, at, catalog, change, onset

SHOP = catalog(
    {
        "web": {"depends_on": ["api"]},
        "api": {"depends_on": ["db"]},
        "db": {},
        "batch": {"depends_on": ["db"]},
        "search": {},
    }
)
NOW = at(20)


def _step_series(service: str, signal: str, before: float, after: float, step: float = 30.0) -> Series:
    """``before`` until T0, ``after`` from T0 on, sampled every ``step`` seconds up to NOW."""
    start = T0 - timedelta(hours=1)
    count = int((NOW - start).total_seconds() // step) + 1
    times = [start.timestamp() + i * step for i in range(count)]
    points = [(t, before if t < T0.timestamp() else after) for t in times]
    return Series(service=service, signal=signal, points=points)


def _log(service: str, minutes: float, message: str, level: str = "error") -> LogRecord:
    return LogRecord(timestamp=at(minutes), service=service, level=level, message=message)


def test_the_neighbourhood_is_the_alerting_service_and_its_dependencies_and_siblings_call_into_it() -> None:
    f = build_facts(SHOP, ["web"], NOW, (), (), ())
    assert f.neighbourhood == ("web", "api", "db")
    assert f.siblings == ("batch",)
    assert set(f.services) == {"web", "api", "db", "batch"}


def test_a_step_in_a_signal_becomes_an_onset_and_dates_the_trouble() -> None:
    f = build_facts(SHOP, ["web"], NOW, [_step_series("api", "error_ratio", 0.001, 0.2)], (), ())
    api = f.services["api"]
    assert api.onsets["error_ratio"].at == T0
    assert api.trouble_at == T0
    assert api.signals == {"error_ratio"}
    assert [o.service for o in f.onsets] == ["api"]
    assert f.split_at == T0 - f.tolerance / 2


@pytest.mark.parametrize(("step", "tolerance"), [(30.0, MIN_TOLERANCE), (300.0, timedelta(seconds=600))])
def test_times_within_two_samples_count_as_the_same_moment(step: float, tolerance: timedelta) -> None:
    f = build_facts(SHOP, ["web"], NOW, [_step_series("api", "cpu_utilisation", 0.3, 0.3, step)], (), ())
    assert f.step == timedelta(seconds=step)
    assert f.tolerance == tolerance


def test_series_outside_the_incident_are_ignored() -> None:
    f = build_facts(SHOP, ["web"], NOW, [_step_series("search", "error_ratio", 0.001, 0.2)], (), ())
    assert f.onsets == []


def test_new_error_lines_are_trouble_and_blame_the_service_they_name() -> None:
    logs = [_log("api", 1 + i, "timeout calling db after 5000ms") for i in range(4)]
    logs += [_log("api", 2, "cache warm-up slow", "warn"), _log("api", 3, "cache warm-up slow", "warn")]
    f = build_facts(SHOP, ["web"], NOW, (), logs, (), alert_started_at=at(0))
    (trouble,) = f.services["api"].trouble_signatures
    assert trouble.mentions == ("db",)
    assert trouble.count_after == 4
    assert f.services["db"].blamed_in == [trouble]
    assert f.services["api"].trouble_at == at(1)


@pytest.mark.parametrize(
    "message",
    [
        "call to db failed: dial tcp: lookup db.internal: too many open files",
        "query on db aborted: java.lang.OutOfMemoryError: Java heap space",
    ],
)
def test_a_line_about_the_callers_own_exhaustion_does_not_blame_what_it_was_calling(message: str) -> None:
    logs = [_log("api", 1 + i, message) for i in range(4)]
    f = build_facts(SHOP, ["web"], NOW, (), logs, (), alert_started_at=at(0))
    (trouble,) = f.services["api"].trouble_signatures
    assert trouble.mentions == ("db",)
    assert f.services["db"].blamed_in == []
    assert resource_words(f, "api") == [trouble]


def test_a_store_past_its_disk_watermark_ran_out_of_room_by_its_lines_and_its_callers() -> None:
    """Elasticsearch stops taking writes at its flood-stage watermark, before the disk is full:
    its own warning and its writers' refusals both say it ran out of room."""
    own = "[es-data-3] flood stage disk watermark [95%] exceeded on [es-data-3][/data] free: 4.1gb[4.8%]"
    refused = "bulk to db failed: cluster_block_exception: disk usage exceeded flood-stage watermark"
    logs = [_log("db", 1 + i, own, level="warn") for i in range(4)] + [_log("api", 2 + i, refused) for i in range(4)]
    f = build_facts(SHOP, ["web"], NOW, (), logs, (), alert_started_at=at(0))
    words = resource_words(f, "db")
    assert {s.service for s in words} == {"db", "api"}


@pytest.mark.parametrize(
    "message",
    [
        "Cannot select parts for optimization: Insufficient available disk space, required 46 GiB. (NOT_ENOUGH_SPACE)",
        "Code: 252. DB::Exception: Too many parts (3000 with average size of 1.2 MiB) in table 'analytics.listens'",
    ],
)
def test_a_store_that_cannot_merge_for_want_of_disk_ran_out_of_room(message: str) -> None:
    """ClickHouse short of disk stops merging, then refuses inserts for too many parts: both
    lines say it ran out of room, in the words of a store that refuses before the disk is full."""
    logs = [_log("db", 1 + i, message) for i in range(4)]
    f = build_facts(SHOP, ["web"], NOW, (), logs, (), alert_started_at=at(0))
    assert [s.service for s in resource_words(f, "db")] == ["db"]


def test_a_server_naming_its_client_does_not_blame_it() -> None:
    logs = [_log("db", 1 + i, "rejected connection from api: auth failed") for i in range(4)]
    f = build_facts(SHOP, ["web"], NOW, (), logs, (), alert_started_at=at(0))
    assert len(f.services["db"].trouble_signatures) == 1
    assert f.services["api"].blamed_in == []


def test_lines_as_frequent_as_before_the_trouble_are_not_trouble() -> None:
    logs = [_log("api", minutes, "retrying request") for minutes in range(-40, 20, 2)]
    f = build_facts(SHOP, ["web"], NOW, (), logs, (), alert_started_at=at(0))
    assert f.signatures
    assert f.services["api"].trouble_signatures == []


def test_changes_go_to_their_service_or_the_one_an_infra_change_names() -> None:
    deploy = change("api", -5)
    drain = change("node-pool-7", -4, "infra", change_id="drain-nodes-behind-api")
    network = change("vpc", -3, "infra", change_id="vpc-peering")
    future = change("db", 30, change_id="later")
    f = build_facts(SHOP, ["web"], NOW, (), (), [network, future, drain, deploy])
    assert f.services["api"].changes == [deploy, drain]
    assert f.services["db"].changes == []
    assert f.unplaced_changes == [network]


def test_without_sources_the_split_falls_back_to_the_alert_or_to_now() -> None:
    alerted = build_facts(SHOP, ["web"], NOW, None, None, None, alert_started_at=at(2))
    blind = build_facts(SHOP, ["web"], NOW, None, None, None)
    assert alerted.split_at == at(2) - ALERT_LEAD
    assert blind.split_at == NOW - DEFAULT_LOOKBACK
    assert not blind.logs_available
    assert not blind.metrics_available


def test_with_two_signs_the_second_earliest_dates_the_trouble() -> None:
    """One early latency spike alone must not date a failure minutes early."""
    facts = ServiceFacts(name="api", external=False)
    facts.onsets["latency_p99_seconds"] = onset("api", "latency_p99_seconds", -4)
    assert facts.trouble_at == at(-4)
    facts.onsets["error_ratio"] = onset("api", "error_ratio", 0)
    assert facts.trouble_at == at(0)


NODES_SPEC: dict[str, dict[str, object]] = {
    "web": {"depends_on": ["api"]},
    "api": {"depends_on": ["db"]},
    "db": {},
    "billing": {},
    "search": {},
    "workers-pool": {"kind": "infrastructure"},
}
NODES = catalog(NODES_SPEC)


def test_unrelated_services_failing_with_a_platform_component_count_against_it() -> None:
    failing = [_step_series(name, "error_ratio", 0.001, 0.3) for name in ("web", "api", "billing", "search")]
    node_lines = [_log("workers-pool", 0.2 + i / 10, f"Error updating node status node=pool-{i}") for i in range(3)]
    quiet = build_facts(NODES, ["web", "billing", "search"], NOW, failing[:1], node_lines, ())
    loud = build_facts(NODES, ["web", "billing", "search"], NOW, failing, node_lines, ())
    # web fails because api does: only api, billing and search fail with nothing of their own to blame
    assert loud.services["workers-pool"].co_failures == ("api", "billing", "search")
    assert quiet.services["workers-pool"].co_failures == ("web",)
    assert loud.services["workers-pool"].trouble > quiet.services["workers-pool"].trouble
    # the platform's own lines name no one: they never blame a service
    assert all(not f.blamed_in for name, f in loud.services.items() if name != "workers-pool")


def test_a_platform_components_own_first_lines_just_before_its_victims_failed_are_its_trouble() -> None:
    # the node pool locks up a minute before the services on it fail; the split sits at their failure
    failing = [_step_series(name, "error_ratio", 0.001, 0.3) for name in ("web", "api", "billing", "search")]
    lockups = [_log("workers-pool", -1.5 + i / 2, "kernel: watchdog: BUG: soft lockup - CPU#3 stuck") for i in range(6)]
    f = build_facts(NODES, ["web", "billing", "search"], NOW, failing, lockups, ())
    pool = f.services["workers-pool"]
    assert f.split_at == at(0) - MIN_TOLERANCE * 0.5
    assert [(s.count_before, s.count_after) for s in pool.trouble_signatures] == [(0, 6)]
    assert pool.co_failures == ("api", "billing", "search")
    # a service's own lines keep the common split: the same lines under a service are partly before
    g = build_facts(
        NODES,
        ["web", "billing", "search"],
        NOW,
        failing,
        [r.model_copy(update={"service": "billing"}) for r in lockups],
        (),
    )
    assert [(s.count_before, s.count_after) for s in g.signatures if s.service == "billing"] == [(1, 5)]


def test_platform_software_logging_under_its_own_name_speaks_for_the_catalogs_component() -> None:
    lines = [_log("kubelet", 0.2 + i / 10, f'"Node is NotReady" node="pool-a-{i}"') for i in range(4)]
    f = build_facts(NODES, ["web"], NOW, [_step_series("api", "error_ratio", 0.001, 0.3)], lines, ())
    assert [s.service for s in f.services["workers-pool"].trouble_signatures] == ["workers-pool"]
    two_pools = catalog({**NODES_SPEC, "batch-pool": {"kind": "infrastructure"}})
    g = build_facts(two_pools, ["web"], NOW, [_step_series("api", "error_ratio", 0.001, 0.3)], lines, ())
    assert g.services["workers-pool"].trouble_signatures == []  # with two pools, kubelet names neither


def test_a_platform_piece_reporting_nodes_gone_blames_the_pool_but_not_the_services_it_names() -> None:
    estate = catalog(
        {
            **NODES_SPEC,
            "web": {"depends_on": ["api", "scheduler"]},
            "scheduler": {"kind": "infrastructure"},
            "mesh": {"kind": "infrastructure", "description": "service mesh sidecars"},
        }
    )
    gone = [_log("scheduler", 0.2 + i / 10, f"pod web-{i} lost: node pool-a-{i} NotReady") for i in range(4)]
    sidecar = [_log("scheduler", 0.2 + i / 10, f"envoy sidecar for api-{i} failed to start") for i in range(4)]
    f = build_facts(estate, ["web"], NOW, [_step_series("web", "error_ratio", 0.001, 0.3)], gone + sidecar, ())
    # the node pool is blamed by a platform peer's unmistakable symptom; web (named) and the mesh
    # (a symptom that a platform piece's own trouble explains as well) are not
    assert [s.service for s in f.services["workers-pool"].blamed_in] == ["scheduler"]
    assert f.services["mesh"].blamed_in == []
    assert f.services["web"].blamed_in == []


def test_lines_are_counted_per_minute_from_where_the_log_query_began_not_from_the_first_line() -> None:
    # only warnings and errors come back: a few just before the split are no steady background
    before = [_log("api", -4 + i, "TLS handshake failed for client", level="warn") for i in range(4)]
    after = [_log("api", 0.5 * i, "TLS handshake failed for client", level="warn") for i in range(30)]
    first_line = build_facts(SHOP, ["api"], NOW, None, before + after, (), alert_started_at=at(5))
    whole_query = build_facts(SHOP, ["api"], NOW, None, before + after, (), alert_started_at=at(5), logs_since=at(-60))
    assert first_line.services["api"].trouble_signatures == []
    assert [s.count_after for s in whole_query.services["api"].trouble_signatures] == [30]


def test_with_nothing_else_to_show_it_the_alert_is_the_alerting_services_trouble() -> None:
    f = build_facts(SHOP, ["api"], NOW, None, None, [change("api", -1)], alert_started_at=at(0))
    api = f.services["api"]
    assert api.alerted_at == at(0)
    assert api.trouble_at == at(0)
    assert api.trouble > 0
    assert f.services["db"].alerted_at is None  # only the services the alerts name
    measured = build_facts(
        SHOP, ["api"], NOW, [_step_series("api", "error_ratio", 0.001, 0.001)], None, (), alert_started_at=at(0)
    )
    assert measured.services["api"].alerted_at is None  # its own series say it is fine


def test_a_deploy_just_before_the_alert_is_a_hypothesis_without_metrics_or_logs() -> None:
    from bot.engine.analyse import analyse

    analysis = analyse(
        SHOP,
        ["api"],
        ["HighErrorRate"],
        NOW,
        series=None,
        logs=None,
        changes=[change("api", -1)],
        alert_started_at=at(0),
    )
    assert analysis.hypotheses
    assert (analysis.hypotheses[0].cause, analysis.hypotheses[0].culprit) == ("deploy", "api")


def test_series_that_stopped_well_before_now_say_nothing_about_the_service_now() -> None:
    reporting = _step_series("db", "error_ratio", 0.001, 0.001)
    stopped = Series(
        service="db",
        signal="error_ratio",
        points=[(t, v) for t, v in reporting.array.tolist() if t <= at(10).timestamp()],  # exporter died at +10 min
    )
    fresh = build_facts(SHOP, ["api"], NOW, [reporting], None, ())
    assert fresh.services["db"].has_coverage
    assert fresh.services["db"].silent_since is None
    silent = build_facts(SHOP, ["api"], NOW, [stopped], None, ())
    assert silent.services["db"].silent_since == at(10)
    assert not silent.services["db"].has_coverage  # so callers blaming it are not discounted as wrong


STALE = catalog(
    {
        "web": {"depends_on": ["api"]},
        "api": {"depends_on": ["db"]},
        "db": {"kind": "datastore"},
        "tax-service": {"depends_on": ["db", "taxes-provider"]},
        "taxes-provider": {"kind": "external"},
        "user-service": {"depends_on": ["db"]},
        "session-redis": {"kind": "datastore"},
        "sessions": {"depends_on": ["session-redis", "db"]},
        # what every component leans on makes each one a caller of the neighbourhood (a sibling)
        "cluster-dns": {"kind": "infrastructure"},
    }
)


def test_a_service_its_errors_name_but_the_catalog_does_not_list_is_investigated_as_its_dependency() -> None:
    logs = [_log("api", 1 + i / 4, "POST /finalize 503: tax-service: upstream 503") for i in range(4)]
    f = build_facts(STALE, ["web"], NOW, (), logs, (), alert_started_at=at(0))
    assert "tax-service" in f.dependencies_within("api")
    # what it calls comes into the incident with it
    assert {"tax-service", "taxes-provider"} <= set(f.neighbourhood)
    assert f.catalog.get("tax-service") == STALE.get("tax-service")
    assert "tax-service" not in STALE.transitive_dependencies("api")  # the loaded catalog is left alone


def test_the_technology_in_a_name_teaches_a_dependency_but_a_word_like_stem_does_not() -> None:
    redis = [_log("api", 1 + i / 4, "session GET took 900ms (redis 10.0.0.7)", "warn") for i in range(12)]
    user = [_log("api", 1 + i / 4, "slow query for user=42 in 900ms") for i in range(4)]
    by_technology = build_facts(STALE, ["web"], NOW, (), redis, (), alert_started_at=at(0))
    by_word = build_facts(STALE, ["web"], NOW, (), user, (), alert_started_at=at(0))
    assert "session-redis" in by_technology.dependencies_within("api")
    assert "user-service" not in by_word.neighbourhood


def test_a_datastore_naming_something_in_its_own_lines_does_not_teach_a_dependency() -> None:
    logs = [_log("db", 1 + i / 4, "broker link to session-redis lost, stopping apply") for i in range(4)]
    f = build_facts(STALE, ["web"], NOW, (), logs, (), alert_started_at=at(0))
    assert f.services["session-redis"].blamed_in  # it is named...
    assert "session-redis" not in f.neighbourhood  # ...but a datastore's lines are no calls


def test_only_a_caller_of_exactly_one_provider_within_the_incident_has_a_sole_provider() -> None:
    estate = catalog(
        {
            "edi": {"depends_on": ["customs"]},
            "pay": {"depends_on": ["stripe", "adyen", "db"]},
            "ais": {"depends_on": ["feed"]},
            "db": {},
            "customs": {"kind": "external"},
            "stripe": {"kind": "external"},
            "adyen": {"kind": "external"},
            "feed": {"kind": "external"},
        }
    )
    # feed is outside what the incident can blame: naming it would blame a stranger
    assert sole_providers(estate, ["edi", "pay", "ais", "db"], ["edi", "pay", "ais", "customs", "stripe"]) == {
        "edi": "customs"
    }


def _until(service: str, signal: str, value: float, stop: float, step: float = 30.0) -> Series:
    """``value`` from an hour before T0 until ``stop`` minutes after it, then nothing."""
    start = T0 - timedelta(hours=1)
    count = int((at(stop) - start).total_seconds() // step) + 1
    return Series(service=service, signal=signal, points=[(start.timestamp() + i * step, value) for i in range(count)])


def test_a_component_that_stops_reporting_as_its_callers_fail_went_down_with_them() -> None:
    failing = _step_series("api", "error_ratio", 0.001, 0.4)
    dark = build_facts(SHOP, ["web"], NOW, [failing, _until("db", "cpu_utilisation", 0.3, -0.5)], (), ())
    assert dark.services["db"].went_dark_at == at(-0.5)
    assert dark.services["db"].trouble_at == at(-0.5)
    assert dark.services["db"].trouble >= 0.5
    # an exporter that died long before the callers' trouble, or while nobody failed, says nothing
    early = build_facts(SHOP, ["web"], NOW, [failing, _until("db", "cpu_utilisation", 0.3, -30)], (), ())
    calm = build_facts(SHOP, ["web"], NOW, [_until("db", "cpu_utilisation", 0.3, -0.5)], (), ())
    for facts in (early, calm):
        assert facts.services["db"].silent_since is not None
        assert facts.services["db"].went_dark_at is None
        assert facts.services["db"].trouble == 0.0


def _with_gap(service: str, signal: str, before: float, after: float, gap: tuple[float, float]) -> Series:
    """``before`` until ``gap[0]`` minutes after T0, nothing until ``gap[1]``, then ``after`` up to NOW."""
    start = T0 - timedelta(hours=1)
    times = [start.timestamp() + i * 30.0 for i in range(int((NOW - start).total_seconds() // 30) + 1)]
    points = [(t, before if t <= at(gap[0]).timestamp() else after) for t in times]
    return Series(
        service=service,
        signal=signal,
        points=[p for p in points if not at(gap[0]).timestamp() < p[0] < at(gap[1]).timestamp()],
    )


def test_a_component_that_went_dark_as_its_callers_failed_and_came_back_changed_went_down() -> None:
    failing = _step_series("api", "error_ratio", 0.001, 0.4)
    # the database's exporter is silent for eight minutes and the database comes back recovering
    restarted = build_facts(
        SHOP, ["web"], NOW, [failing, _with_gap("db", "cpu_utilisation", 0.2, 0.7, (-0.5, 8))], (), ()
    )
    assert restarted.services["db"].gaps == (at(-0.5),)
    assert restarted.services["db"].went_dark_at == at(-0.5)
    assert restarted.services["db"].trouble >= 0.5
    # the same gap with the series resuming as they were is an exporter restarting, not an outage
    exporter = build_facts(
        SHOP, ["web"], NOW, [failing, _with_gap("db", "cpu_utilisation", 0.2, 0.2, (-0.5, 8))], (), ()
    )
    assert exporter.services["db"].gaps == (at(-0.5),)
    assert exporter.services["db"].went_dark_at is None
    assert exporter.services["db"].trouble == 0.0
    # ...unless the callers' errors began naming it as it went quiet: it failed over and came back
    missed = [_log("api", 0.2 + i / 10, "could not obtain connection to db: connection reset") for i in range(4)]
    failed_over = build_facts(
        SHOP, ["web"], NOW, [failing, _with_gap("db", "cpu_utilisation", 0.2, 0.2, (-0.5, 8))], missed, ()
    )
    assert failed_over.services["db"].went_dark_at == at(-0.5)


def test_a_gap_of_exactly_the_silence_counts() -> None:
    # the silence is four steps of at least a minute (the tolerance's half): a scrape every minute
    # missed three times in a row is four minutes between samples
    gapped = build_facts(SHOP, ["web"], NOW, [_with_gap("db", "cpu_utilisation", 0.2, 0.2, (-2.0, 2.0))], (), ())
    assert gapped.services["db"].gaps == (at(-2.0),)
    shorter = build_facts(SHOP, ["web"], NOW, [_with_gap("db", "cpu_utilisation", 0.2, 0.2, (-2.0, 1.5))], (), ())
    assert shorter.services["db"].gaps == ()


def test_a_sign_logged_after_a_component_went_dark_does_not_date_its_failure() -> None:
    failing = _step_series("api", "error_ratio", 0.001, 0.4)
    observer = [_log("db", 3 + i / 10, "standby: unable to connect to primary", level="warn") for i in range(4)]
    dark = build_facts(SHOP, ["web"], NOW, [failing, _until("db", "cpu_utilisation", 0.3, -0.5)], observer, ())
    assert dark.services["db"].trouble_signatures  # the standby's lines are the database's trouble...
    assert dark.services["db"].trouble_at == at(-0.5)  # ...but it had failed when its series stopped


QUEUES = catalog(
    {
        "api": {"depends_on": ["jobs"]},
        "worker": {"depends_on": ["jobs", "mailer"]},
        "jobs": {"kind": "queue"},
        "mailer": {"kind": "external"},
        "gateway": {"depends_on": ["mailer", "sms"]},
        "sms": {"kind": "external"},
    }
)


def test_a_backlog_alert_investigates_the_queues_readers_and_what_they_call() -> None:
    f = build_facts(QUEUES, ["jobs"], NOW, (), (), ())
    assert {"api", "worker", "mailer"} <= set(f.neighbourhood)


def test_a_readers_answer_from_an_outside_url_blames_the_one_provider_it_calls() -> None:
    line = "send failed: HTTP 503 Service Unavailable from https://send.mailhost.example.net/v3/send"
    logs = [_log("worker", 1 + i / 4, line) for i in range(4)]
    logs += [_log("gateway", 1 + i / 4, line) for i in range(4)]
    f = build_facts(QUEUES, ["jobs"], NOW, (), logs, (), alert_started_at=at(0))
    # the gateway calls two providers: its line could be either's
    assert [s.service for s in f.services["mailer"].blamed_in] == ["worker"]


def test_a_queue_whose_writer_and_reader_failed_together_with_nothing_else_to_blame_failed() -> None:
    writer = [_step_series("api", "error_ratio", 0.001, 0.3), _step_series("api", "memory_utilisation", 0.3, 0.8)]
    reader = [_step_series("worker", "request_rate", 50, 0.5)]
    f = build_facts(QUEUES, ["api"], NOW, [*writer, *reader], (), ())
    jobs = f.services["jobs"]
    assert jobs.co_failures == ("api", "worker")
    assert jobs.trouble >= 0.3
    assert jobs.trouble_at == f.services["api"].trouble_at
    # one caller failing alone is its own trouble, not the queue's
    alone = build_facts(QUEUES, ["api"], NOW, writer, (), ())
    assert alone.services["jobs"].co_failures == ()
    assert alone.services["jobs"].trouble == 0.0
    # nor is it when the reader had just changed: one unchanged caller is no coincidence
    changed = build_facts(QUEUES, ["api"], NOW, [*writer, *reader], (), [change("worker", -10)])
    assert changed.services["jobs"].co_failures == ()
    # a queue with signs of its own needs no coincidence to show its trouble
    measured = build_facts(
        QUEUES, ["api"], NOW, [*writer, *reader, _step_series("jobs", "saturation", 0.1, 0.95)], (), ()
    )
    assert measured.services["jobs"].co_failures == ()


TOKENS = catalog(
    {
        "content-api": {"depends_on": ["content-db", "auth"]},
        "media-api": {"depends_on": ["content-db", "auth"]},
        "content-db": {"kind": "datastore"},
        "auth": {},
    }
)


@pytest.mark.parametrize(("auth_changed_minutes", "blamed"), [(-3, False), (-90, True), (None, True)])
def test_callers_failing_together_blame_a_silent_store_only_if_nothing_else_they_share_changed(
    auth_changed_minutes: float | None, blamed: bool
) -> None:
    """Both APIs refuse tokens in the same minute, and the database they share shows nothing: it
    failed unseen, unless the token service they also share had just changed its configuration."""
    failing = [
        _step_series("content-api", "error_ratio", 0.001, 0.3),
        _step_series("media-api", "error_ratio", 0.001, 0.3),
    ]
    changes = [] if auth_changed_minutes is None else [change("auth", auth_changed_minutes, kind="config")]
    f = build_facts(TOKENS, ["content-api"], NOW, failing, (), changes)
    assert (f.services["content-db"].co_failures == ("content-api", "media-api")) is blamed


ZONES = catalog(
    {
        "matcher": {"depends_on": ["zone-db"]},
        "zones": {"depends_on": ["zone-db"]},
        "zone-db": {"kind": "datastore"},
    }
)


@pytest.mark.parametrize(("message", "blamed"), [("lookup on zones timed out", False), ("request timed out", True)])
def test_callers_failing_together_blame_a_silent_store_only_if_their_lines_name_nothing_else(
    message: str, blamed: bool
) -> None:
    """The matcher and the zone service fail in the same minute and the database they share shows
    nothing. If the matcher's errors name the zone service (which the catalog forgot it calls),
    it failed on that service, not with it: the coincidence says nothing of the database."""
    failing = [_step_series("matcher", "error_ratio", 0.001, 0.3), _step_series("zones", "error_ratio", 0.001, 0.3)]
    logs = [_log("matcher", 1 + i / 2, message) for i in range(6)]
    f = build_facts(ZONES, ["matcher", "zones"], NOW, failing, logs, ())
    assert (set(f.services["zone-db"].co_failures) == {"matcher", "zones"}) is blamed


def test_the_callers_of_a_queue_that_failed_with_them_are_its_victims_not_culprits() -> None:
    from bot.engine.analyse import analyse

    writer = [_step_series("api", "error_ratio", 0.001, 0.3), _step_series("api", "memory_utilisation", 0.3, 0.9)]
    reader = [_step_series("worker", "request_rate", 50, 0.5)]
    analysis = analyse(QUEUES, ["api"], ["PublishErrors"], NOW, series=[*writer, *reader], logs=[], changes=[])
    top = analysis.hypotheses[0]
    assert (top.cause, top.culprit) == ("dependency_outage", "jobs")


def test_a_database_or_platform_pieces_few_new_lines_are_trouble_together() -> None:
    failing = [_step_series("api", "error_ratio", 0.001, 0.3)]
    crash = [
        _log("db", 0.5, 'PANIC: could not write to file "pg_wal/xlogtemp.41123": No space left on device'),
        _log("db", 1.0, "server process (PID 4122) was terminated by signal 6: Aborted"),
        _log("db", 1.5, "systemd[1]: postgresql.service: Failed with result 'exit-code'."),
    ]
    estate = catalog({"web": {"depends_on": ["api"]}, "api": {"depends_on": ["db"]}, "db": {"kind": "datastore"}})
    f = build_facts(estate, ["web"], NOW, failing, crash, ())
    assert len(f.services["db"].trouble_signatures) == 3
    assert f.services["db"].trouble > 0
    # a service's three different lines, once each, stay below the count: services log plenty
    g = build_facts(estate, ["web"], NOW, failing, [r.model_copy(update={"service": "api"}) for r in crash], ())
    assert g.services["api"].trouble_signatures == []
    # nor do two lines make a database's trouble
    h = build_facts(estate, ["web"], NOW, failing, crash[:2], ())
    assert h.services["db"].trouble_signatures == []


def test_a_node_pools_own_kubelet_errors_do_not_blame_the_other_pool() -> None:
    two_pools = catalog({**NODES_SPEC, "batch-pool": {"kind": "infrastructure"}})
    pleg = [
        _log("workers-pool", 0.2 + i / 10, '"Skipping pod synchronization" err="PLEG is not healthy"') for i in range(4)
    ]
    f = build_facts(two_pools, ["web"], NOW, [_step_series("api", "error_ratio", 0.001, 0.3)], pleg, ())
    assert [s.service for s in f.services["workers-pool"].trouble_signatures] == ["workers-pool"]
    assert f.services["batch-pool"].blamed_in == []
    named = [r.model_copy(update={"message": f"{r.message} (draining to batch-pool)"}) for r in pleg]
    g = build_facts(two_pools, ["web"], NOW, [_step_series("api", "error_ratio", 0.001, 0.3)], named, ())
    assert [s.service for s in g.services["batch-pool"].blamed_in] == ["workers-pool"]


def test_a_host_saying_one_of_its_workloads_was_killed_speaks_of_that_workload() -> None:
    estate = catalog({**NODES_SPEC, "cluster-dns": {"kind": "infrastructure", "description": "CoreDNS"}})
    killed = [
        _log("workers-pool", 0.2 + i / 10, f"Container cluster-dns in pod kube-system/dns-{i} OOMKilled (exit 137)")
        for i in range(4)
    ]
    f = build_facts(estate, ["web"], NOW, [_step_series("web", "error_ratio", 0.001, 0.3)], killed, ())
    assert f.services["workers-pool"].trouble_signatures == []
    assert [s.service for s in f.services["cluster-dns"].blamed_in] == ["workers-pool"]
    assert resource_words(f, "cluster-dns")  # the workload hit its own limit
    pressure = [_log("workers-pool", 0.2 + i / 10, f"node pool-a-{i} memory pressure, evicting pods") for i in range(4)]
    g = build_facts(estate, ["web"], NOW, [_step_series("web", "error_ratio", 0.001, 0.3)], pressure, ())
    assert [s.service for s in g.services["workers-pool"].trouble_signatures] == ["workers-pool"]


def test_a_host_reporting_the_storage_under_it_slow_or_gone_speaks_of_that_storage() -> None:
    san = {"kind": "infrastructure", "description": "FC SAN array backing the datastores"}
    estate = catalog({**NODES_SPEC, "san": san})
    paths = [
        _log("workers-pool", 0.2 + i / 10, f"vmkernel: NMP: path vmhba64:C0:T0:L{i} state changed from active to dead")
        for i in range(4)
    ]
    f = build_facts(estate, ["web"], NOW, [_step_series("web", "error_ratio", 0.001, 0.3)], paths, ())
    assert f.services["workers-pool"].trouble_signatures == []
    assert {s.service for s in f.services["san"].blamed_in} == {"workers-pool"}


def test_a_shared_technology_word_means_what_the_logging_service_calls_itself() -> None:
    estate = catalog(
        {
            "player": {"depends_on": ["progress-cosmos", "courses"]},
            "courses": {"depends_on": ["catalog-cosmos"]},
            "progress-cosmos": {"kind": "datastore"},
            "catalog-cosmos": {"kind": "datastore"},
        }
    )
    full = [_log("player", 0.2 + i / 10, "cosmos upsert failed: partition key reached maximum size") for i in range(4)]
    f = build_facts(estate, ["player"], NOW, [_step_series("player", "error_ratio", 0.001, 0.3)], full, ())
    assert [s.service for s in f.services["progress-cosmos"].blamed_in] == ["player"]
    assert f.services["catalog-cosmos"].blamed_in == []
    assert resource_words(f, "progress-cosmos")  # what it holds reached its maximum size


def test_a_datastore_is_known_by_the_technology_its_description_names() -> None:
    estate = catalog(
        {
            "search": {"depends_on": ["rates-store", "pricing"], "description": "search API, Java, uses redis"},
            "pricing": {},
            "rates-store": {"kind": "datastore", "description": "Memorystore for Redis: rates cache"},
        }
    )
    lost = [_log("search", 0.2 + i / 10, "unable to connect to redis at 10.0.0.4") for i in range(4)]
    f = build_facts(estate, ["search"], NOW, [_step_series("search", "error_ratio", 0.001, 0.3)], lost, ())
    assert [s.service for s in f.services["rates-store"].blamed_in] == ["search"]
    # "rates cache" says what it is for: a kind of thing, not a product, names nothing in a line
    missed = [_log("search", 0.2 + i / 10, 'GET /hotels 500 cache=miss err="storage: 403"') for i in range(4)]
    g = build_facts(estate, ["search"], NOW, [_step_series("search", "error_ratio", 0.001, 0.3)], missed, ())
    assert g.services["rates-store"].blamed_in == []


@pytest.mark.parametrize(
    ("line", "exhausted"),
    [
        ("kernel: oom-killer invoked", True),
        ("Container api OOMKilled", True),
        ("lock wait on RoomNights(HL-AMS-CEN) range", False),  # a word inside another
        ("RESOURCE_EXHAUSTED: quota for reads", True),
        ("insufficient resources to schedule the job", True),
        ("ResourceHealth: Degraded - your database is unavailable", False),  # a product's name
        ("recv: Resource temporarily unavailable", False),  # EAGAIN: try again, nothing ran out
        ("HikariPool-1 - Connection is not available, request timed out after 3000ms", True),
        ("UCP: connection pool CCB_POOL has 0 available connections, 18 waiting", True),
        ("ReadTimeout: HTTPSConnectionPool(host='api.example.com', port=443): Read timed out", False),
        ("HikariPool-1 - Connection is not available after failover, reconnecting; recovered", False),
        ("<Warning> events.impressions (MergerMutator): Not enough space for merging parts", True),
        ("WriteTimeout: not enough free disk space on /var/lib/cassandra", True),
        ("not enough replicas acknowledged the write", False),  # a quorum, not a resource
    ],
)
def test_exhaustion_is_read_from_words_not_from_parts_of_names(line: str, exhausted: bool) -> None:
    assert bool(RESOURCE_WORDS.search(line)) is exhausted


def test_a_platform_piece_whose_errors_name_another_outright_leans_on_it() -> None:
    estate = catalog(
        {
            "web": {},
            "haproxy-edge": {"kind": "infrastructure", "description": "HAProxy, backends resolved via Consul DNS"},
            "consul": {"kind": "infrastructure", "description": "service discovery and DNS"},
        }
    )
    # a load balancer whose description mentions Consul is still a load balancer, not Consul's kin
    assert not same_family(estate, "haproxy-edge", "consul")
    gone = [
        _log("haproxy-edge", 0.2 + i / 10, f"be_web/web-{i} changed its IP to (none) by consul/ns1") for i in range(4)
    ]
    f = build_facts(estate, ["web"], NOW, [_step_series("web", "error_ratio", 0.001, 0.3)], gone, ())
    assert f.dependencies_within("haproxy-edge") == ["consul"]


def test_a_service_running_on_node_js_is_no_kin_of_a_node_pool() -> None:
    estate = catalog({**NODES_SPEC, "search": {"description": "Node.js worker serving search"}})
    assert not same_family(estate, "workers-pool", "search")
    killed = [
        _log("workers-pool", 0.2 + i / 10, f"kubelet: Container search in pod search-{i} OOMKilled") for i in range(4)
    ]
    f = build_facts(estate, ["search"], NOW, [_step_series("search", "error_ratio", 0.001, 0.3)], killed, ())
    assert [s.service for s in f.services["search"].blamed_in] == ["workers-pool"]
    # the pool speaking up about itself makes each of its lines count, but one line about a
    # workload is not yet that workload's failure
    own = [_log("workers-pool", 0.1 + i / 10, f"node pool-a-{i} condition changed") for i in range(3)]
    once = build_facts(
        estate, ["search"], NOW, [_step_series("search", "error_ratio", 0.001, 0.3)], [*own, killed[0]], ()
    )
    assert once.services["search"].blamed_in == []
