"""PrometheusMetrics through the real client and a handler transport: replies, failures, limits."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
import requests
import urllib3

from connectors.errors import SourceUnavailable
from connectors.fetched import Fetched
from connectors.metrics import MetricsSource, SignalSamples
from connectors.metrics.prometheus import MAX_POINTS_PER_SERIES, PrometheusMetrics
from tests.support.transports import (
    RequestsHandler,
    json_response,
    prometheus_error,
    prometheus_matrix,
    query_of,
)

URL = "http://prometheus.test:9090"
T0 = 1_700_000_000
START, END = datetime.fromtimestamp(T0, UTC), datetime.fromtimestamp(T0 + 600, UTC)
QUERIES = {
    "checkout": {"error_ratio": 'errors{service="checkout"}', "request_rate": 'rate{service="checkout"}'},
    "payments-db": {"saturation": 'pool{service="payments-db"}'},
}
Handler = Callable[[requests.PreparedRequest], requests.Response]


@pytest.fixture
def connect() -> Iterator[Callable[..., tuple[PrometheusMetrics, RequestsHandler]]]:
    """``connect(handler, **options)``: a connector whose HTTP goes to ``handler``."""
    made: list[PrometheusMetrics] = []

    def make(handler: Handler, **options: float) -> tuple[PrometheusMetrics, RequestsHandler]:
        transport = RequestsHandler(handler)
        source = PrometheusMetrics(URL, QUERIES, adapter=transport, **options)  # type: ignore[arg-type]
        made.append(source)
        return source, transport

    yield make
    for source in made:
        source.close()


def _by_query(answers: dict[str, requests.Response | Exception]) -> Handler:
    def handle(request: requests.PreparedRequest) -> requests.Response:
        answer = answers[query_of(request)["query"]]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return handle


def _ramp(values: list[str]) -> requests.Response:
    return json_response(200, prometheus_matrix(({}, [(T0 + 30 * i, v) for i, v in enumerate(values)])))


async def test_each_signal_is_one_range_query_with_the_budget_and_step(connect) -> None:  # type: ignore[no-untyped-def]
    source, transport = connect(lambda request: _ramp(["0.5"]), step_seconds=15, timeout_seconds=2)
    assert isinstance(source, MetricsSource)

    fetched = await source.fetch_samples(["checkout", "checkout", "unknown"], START, END)

    assert [(s.service, s.signal) for s in fetched.items] == [("checkout", "error_ratio"), ("checkout", "request_rate")]
    assert fetched.problems == ()
    sent = sorted((query_of(r) for r in transport.requests), key=lambda q: q["query"])
    assert [q["query"] for q in sent] == ['errors{service="checkout"}', 'rate{service="checkout"}']
    assert {(q["start"], q["end"], q["step"], q["timeout"]) for q in sent} == {(str(T0), str(T0 + 600), "15", "2s")}
    assert {r.method for r in transport.requests} == {"GET"}
    assert {r.url.split("?")[0] for r in transport.requests} == {f"{URL}/api/v1/query_range"}  # type: ignore[union-attr]


async def test_samples_are_float_pairs_without_nan_or_infinity(connect) -> None:  # type: ignore[no-untyped-def]
    source, _ = connect(lambda request: _ramp(["1", "NaN", "2.5", "+Inf", "-Inf", "3"]))

    fetched = await source.fetch_samples(["payments-db"], START, END)

    (samples,) = fetched.items
    assert isinstance(samples, SignalSamples)
    assert samples.samples.dtype == float
    assert samples.samples.tolist() == [[T0, 1.0], [T0 + 60, 2.5], [T0 + 150, 3.0]]


async def test_empty_and_all_nan_results_are_absent_not_failed(connect) -> None:  # type: ignore[no-untyped-def]
    source, _ = connect(
        _by_query(
            {
                'errors{service="checkout"}': json_response(200, prometheus_matrix()),
                'rate{service="checkout"}': _ramp(["NaN", "NaN"]),
            }
        )
    )

    assert await source.fetch_samples(["checkout"], START, END) == Fetched()


async def test_only_the_first_series_of_a_query_is_read(connect) -> None:  # type: ignore[no-untyped-def]
    body = prometheus_matrix(({"pod": "a"}, [(T0, "1")]), ({"pod": "b"}, [(T0, "9")]))
    source, _ = connect(lambda request: json_response(200, body))

    (samples,) = (await source.fetch_samples(["payments-db"], START, END)).items

    assert samples.samples.tolist() == [[T0, 1.0]]


async def test_failed_queries_are_problems_next_to_the_good_ones(connect) -> None:  # type: ignore[no-untyped-def]
    source, _ = connect(
        _by_query(
            {
                'errors{service="checkout"}': _ramp(["0.1"]),
                'rate{service="checkout"}': prometheus_error(
                    422, "execution", "query processing would load too many samples into memory"
                ),
            }
        )
    )

    fetched = await source.fetch_samples(["checkout"], START, END)

    assert [s.signal for s in fetched.items] == ["error_ratio"]
    assert fetched.problems == (
        "checkout/request_rate: HTTP 422: query processing would load too many samples into memory",
    )


async def test_every_query_failing_makes_the_source_unavailable(connect) -> None:  # type: ignore[no-untyped-def]
    source, _ = connect(lambda request: json_response(503, b"Service Unavailable", {"Content-Type": "text/plain"}))

    with pytest.raises(SourceUnavailable) as caught:
        await source.fetch_samples(["checkout"], START, END)

    assert (caught.value.source, caught.value.reason) == ("prometheus", "all 2 queries failed, e.g. HTTP 503")


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (requests.ReadTimeout("read timed out"), "timed out after 5s"),
        (
            requests.ConnectionError(
                urllib3.exceptions.MaxRetryError(
                    None, "/", urllib3.exceptions.ReadTimeoutError(None, "/", "read timed out")
                )
            ),  # type: ignore[arg-type]
            "timed out after 5s",
        ),
        (
            requests.ConnectionError(
                urllib3.exceptions.MaxRetryError(None, "/", urllib3.exceptions.NewConnectionError(None, "refused"))
            ),  # type: ignore[arg-type]
            f"cannot connect to {URL}",
        ),
    ],
    ids=["read-timeout", "read-timeout-after-retries-off", "refused"],
)
async def test_transport_errors_are_named(connect, error: Exception, reason: str) -> None:  # type: ignore[no-untyped-def]
    source, _ = connect(_by_query({'pool{service="payments-db"}': error}))

    with pytest.raises(SourceUnavailable) as caught:
        await source.fetch_samples(["payments-db"], START, END)

    assert caught.value.reason == reason


async def test_a_reply_slower_than_the_budget_times_out_on_the_loop(connect) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()

    def slow(request: requests.PreparedRequest) -> requests.Response:
        release.wait(5)  # a worker thread stuck in the transport
        return _ramp(["1"])

    source, _ = connect(slow, timeout_seconds=0.2)
    started = asyncio.get_running_loop().time()
    try:
        with pytest.raises(SourceUnavailable, match=r"timed out after 0\.2s"):
            await source.fetch_samples(["payments-db"], START, END)
    finally:
        release.set()
    assert asyncio.get_running_loop().time() - started < 1


@pytest.mark.parametrize(
    "body",
    [
        b'{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1700000000,"1"]',
        b"<html>proxy error</html>",
        b'{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[["x","y"]]}]}}',
        b'{"status":"success","data":{"resultType":"vector","result":{"metric":{}}}}',
        b'{"status":"success"}',
    ],
    ids=["truncated-json", "not-json", "not-numbers", "not-a-list", "no-data"],
)
async def test_malformed_bodies_are_bad_replies(connect, body: bytes) -> None:  # type: ignore[no-untyped-def]
    source, _ = connect(lambda request: json_response(200, body))

    with pytest.raises(SourceUnavailable, match=r"^prometheus: bad reply: "):
        await source.fetch_samples(["payments-db"], START, END)


async def test_long_ranges_widen_the_step_to_stay_under_the_point_limit(connect) -> None:  # type: ignore[no-untyped-def]
    source, transport = connect(lambda request: _ramp(["1"]), step_seconds=30)
    week = datetime.fromtimestamp(T0 + 7 * 86400, UTC)

    await source.fetch_samples(["payments-db"], START, week)

    step = float(query_of(transport.requests[0])["step"])
    assert step > 30
    assert 7 * 86400 / step <= MAX_POINTS_PER_SERIES - 1


async def test_no_configured_signal_sends_nothing(connect) -> None:  # type: ignore[no-untyped-def]
    source, transport = connect(lambda request: _ramp(["1"]))

    assert await source.fetch_samples(["unknown"], START, END) == Fetched()
    assert transport.requests == []
