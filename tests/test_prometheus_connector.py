"""PrometheusMetrics against a real Prometheus holding backfilled signals, and its failure modes."""

from __future__ import annotations

import asyncio
import itertools
import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest
import pytest_asyncio
import requests
from hypothesis import given
from hypothesis import strategies as st

from bot.catalog import Catalog
from connectors.errors import SourceUnavailable
from connectors.fetched import Fetched
from connectors.metrics import MetricsSource, SignalSamples
from connectors.metrics.prometheus import PrometheusMetrics, _is_timeout
from tests.support._process import free_port
from tests.support.prometheus import (
    LATENCY_BUCKETS,
    QUANTILE,
    bucket_shares,
    prometheus_with_signals,
    signals_to_openmetrics,
)

T0 = 1_700_000_000
STEP = 30
STEP_AT = T0 + 3600  # the error ratio, latency, CPU and saturation change here
RATE_WINDOW = 300
BEFORE = {
    "request_rate": 100.0,
    "error_ratio": 0.01,
    "latency_p99_seconds": 0.12,
    "cpu_utilisation": 0.3,
    "memory_utilisation": 0.5,
    "saturation": 0.4,
}
AFTER = {**BEFORE, "error_ratio": 0.2, "latency_p99_seconds": 0.8, "cpu_utilisation": 0.6, "saturation": 0.9}
STEADY = {
    "request_rate": 40.0,
    "error_ratio": 0.0,
    "latency_p99_seconds": 0.004,
    "cpu_utilisation": 0.2,
    "memory_utilisation": 0.7,
    "saturation": 0.3,
}
#: Signals read as gauges change at the step itself; rate()-based ones need one window.
GAUGES = {"memory_utilisation", "saturation"}


def _series(before: float, after: float) -> list[list[float]]:
    """Two hours at a 30 s step with a step change at STEP_AT."""
    times = range(T0, T0 + 2 * 3600 + 1, STEP)
    return [[t, before if t < STEP_AT else after] for t in times]


def _signals() -> dict[str, dict[str, list[list[float]]]]:
    return {
        "checkout": {name: _series(BEFORE[name], AFTER[name]) for name in BEFORE},
        "payments-db": {name: _series(value, value) for name, value in STEADY.items()},
    }


def _at(unix_seconds: float) -> datetime:
    return datetime.fromtimestamp(unix_seconds, tz=UTC)


@pytest.fixture(scope="module")
def prometheus_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with prometheus_with_signals(_signals(), tmp_path_factory.mktemp("prometheus")) as server:
        yield server.url


@pytest.fixture(scope="module")
def catalog_queries() -> dict[str, dict[str, str]]:
    catalog = Catalog.from_mapping({"services": {"checkout": {"depends_on": ["payments-db"]}, "payments-db": {}}})
    return {name: catalog.signal_queries(name) for name in catalog.services}


async def _fetch(url: str, queries: dict[str, dict[str, str]], services: list[str]) -> Fetched[SignalSamples]:
    source = PrometheusMetrics(url, queries)
    assert isinstance(source, MetricsSource)
    try:
        return await source.fetch_samples(services, _at(STEP_AT - 1800), _at(STEP_AT + 1800))
    finally:
        source.close()


def _by_signal(result: Fetched[SignalSamples], service: str) -> dict[str, list[list[float]]]:
    """Each signal's ``[unix_seconds, value]`` rows."""
    return {series.signal: series.samples.tolist() for series in result.items if series.service == service}


@pytest.mark.slow
async def test_catalog_queries_return_the_backfilled_signals(
    prometheus_url: str, catalog_queries: dict[str, dict[str, str]]
) -> None:
    result = await _fetch(prometheus_url, catalog_queries, ["checkout", "payments-db"])

    assert result.problems == ()
    assert len(result.items) == 12
    checkout = _by_signal(result, "checkout")
    assert set(checkout) == set(BEFORE)
    for signal, rows in checkout.items():
        settle = 0 if signal in GAUGES else RATE_WINDOW
        assert rows[0][0] == STEP_AT - 1800
        for moment, value in rows:
            if moment < STEP_AT:
                assert value == pytest.approx(BEFORE[signal], rel=1e-6), (signal, moment)
            elif moment >= STEP_AT + settle:
                assert value == pytest.approx(AFTER[signal], rel=1e-6), (signal, moment)
    for signal, rows in _by_signal(result, "payments-db").items():
        assert all(value == pytest.approx(STEADY[signal], rel=1e-6, abs=1e-12) for _, value in rows), signal


@pytest.mark.slow
async def test_step_change_shows_within_one_rate_window(
    prometheus_url: str, catalog_queries: dict[str, dict[str, str]]
) -> None:
    result = await _fetch(prometheus_url, catalog_queries, ["checkout"])
    error_ratio = _by_signal(result, "checkout")["error_ratio"]

    midpoint = (BEFORE["error_ratio"] + AFTER["error_ratio"]) / 2
    crossing = next(moment for moment, value in error_ratio if value > midpoint)
    assert STEP_AT < crossing <= STEP_AT + RATE_WINDOW
    # A 5m rate over a step is a linear ramp: halfway after half a window (± one query step).
    assert abs(crossing - (STEP_AT + RATE_WINDOW / 2)) <= STEP


@pytest.mark.slow
async def test_failed_and_empty_queries_do_not_hide_the_good_ones(
    prometheus_url: str, catalog_queries: dict[str, dict[str, str]]
) -> None:
    queries = {
        "checkout": {
            "error_ratio": catalog_queries["checkout"]["error_ratio"],
            "broken": "sum(rate(http_requests_total[5m]",
            "absent": "sum(rate(no_such_metric_total[5m]))",
        }
    }
    result = await _fetch(prometheus_url, queries, ["checkout", "not-in-the-queries"])

    assert [series.signal for series in result.items] == ["error_ratio"]
    assert len(result.problems) == 1
    assert re.fullmatch(r"checkout/broken: HTTP 400: .*parse error.*", result.problems[0])


async def test_unreachable_prometheus_is_unavailable() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there any more
    source = PrometheusMetrics(url, {"checkout": {"error_ratio": "up", "request_rate": "up"}})

    with pytest.raises(SourceUnavailable) as caught:
        await source.fetch_samples(["checkout"], _at(T0), _at(T0 + 600))

    assert caught.value.source == "prometheus"
    assert caught.value.reason == f"all 2 queries failed, e.g. cannot connect to {url}"


@pytest_asyncio.fixture
async def hanging_server() -> AsyncIterator[tuple[str, asyncio.Event]]:
    """Accepts HTTP connections and never answers; the event is set when a request arrives."""
    arrived, release = asyncio.Event(), asyncio.Event()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readline()
        arrived.set()
        await release.wait()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}", arrived
    finally:
        release.set()
        server.close()
        await server.wait_closed()


async def test_query_timeout_is_enforced_without_blocking_the_loop(
    hanging_server: tuple[str, asyncio.Event],
) -> None:
    url, arrived = hanging_server
    source = PrometheusMetrics(url, {"checkout": {"error_ratio": "up"}}, timeout_seconds=0.3)
    fetch = asyncio.create_task(source.fetch_samples(["checkout"], _at(T0), _at(T0 + 600)))

    # The server runs on this loop: it only sees the request if the query does not block it.
    await asyncio.wait_for(arrived.wait(), timeout=2)
    with pytest.raises(SourceUnavailable) as caught:
        await fetch

    assert caught.value.reason == "timed out after 0.3s"


async def test_no_services_means_no_queries() -> None:
    source = PrometheusMetrics("http://127.0.0.1:1", {"checkout": {"error_ratio": "up"}})
    assert await source.fetch_samples([], _at(T0), _at(T0 + 60)) == Fetched()


def _histogram_quantile(cumulative: list[float]) -> float:
    """Prometheus' bucket interpolation, on cumulative shares (the last one is +Inf)."""
    rank = QUANTILE * cumulative[-1]
    index = next(i for i, count in enumerate(cumulative) if count >= rank)
    if index == len(LATENCY_BUCKETS):
        return LATENCY_BUCKETS[-1]
    low = LATENCY_BUCKETS[index - 1] if index > 0 else 0.0
    below = cumulative[index - 1] if index > 0 else 0.0
    return low + (LATENCY_BUCKETS[index] - low) * (rank - below) / (cumulative[index] - below)


@given(st.floats(min_value=LATENCY_BUCKETS[0], max_value=LATENCY_BUCKETS[-1]))
def test_bucket_shares_put_the_quantile_on_the_latency(latency: float) -> None:
    shares = bucket_shares(latency)

    assert all(0 <= share <= 1 for share in shares)
    assert sum(shares) == pytest.approx(1)
    assert _histogram_quantile(list(itertools.accumulate(shares))) == pytest.approx(latency, rel=1e-9)


def test_latencies_outside_the_buckets_are_clamped_to_them() -> None:
    assert _histogram_quantile(list(itertools.accumulate(bucket_shares(1e-5)))) == LATENCY_BUCKETS[0]
    assert _histogram_quantile(list(itertools.accumulate(bucket_shares(500.0)))) == LATENCY_BUCKETS[-1]


def test_openmetrics_families_are_contiguous_and_series_in_time_order() -> None:
    text = signals_to_openmetrics(_signals())
    lines = text.splitlines()

    assert lines[-1] == "# EOF"
    families = [line.split()[2] for line in lines if line.startswith("# TYPE")]
    assert len(families) == len(set(families)) == 6
    last_seen: dict[str, float] = {}
    finished_metrics: set[str] = set()
    family = kind = metric = ""
    for line in lines[:-1]:
        if line.startswith("# TYPE"):
            _, _, family, kind = line.split()
            continue
        series, value, moment = line.rsplit(" ", 2)
        assert series.startswith(family)
        if kind == "counter":
            assert series.startswith(f"{family}_total{{")
        assert float(moment) > last_seen.get(series, float("-inf")), series
        assert float(value) >= 0
        last_seen[series] = float(moment)
        # A metric (labels without le) must not come back once another one has started.
        labels = re.sub(r',?le="[^"]*"', "", series[series.index("{") :])
        if family + labels != metric:
            assert family + labels not in finished_metrics, series
            finished_metrics.add(metric)
            metric = family + labels


async def test_a_read_timeout_seen_by_the_client_first_is_still_a_timeout(
    hanging_server: tuple[str, asyncio.Event],
) -> None:
    """urllib3 wraps a read timeout in MaxRetryError when retries are off, and requests turns
    that into ConnectionError; whichever timeout fires first, the reason must say timed out."""
    url, _ = hanging_server
    source = PrometheusMetrics(url, {"checkout": {"error_ratio": "up"}}, timeout_seconds=0.2)
    with pytest.raises(requests.ConnectionError) as caught:
        await asyncio.to_thread(source._query_range, "up", _at(T0), _at(T0 + 60), 30)
    assert _is_timeout(caught.value)
    source.close()
