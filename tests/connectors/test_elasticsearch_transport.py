"""ElasticsearchLogs through the real AsyncElasticsearch client and a handler node."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pytest

from connectors.errors import SourceUnavailable
from connectors.fetched import Fetched
from connectors.logs import LogSource
from connectors.logs.elasticsearch import ElasticsearchLogs
from tests.support.transports import (
    ES_HEADERS,
    EsHandler,
    EsRequest,
    EsResponse,
    elasticsearch_node,
    es_error,
    search_response,
)

URL = "http://elasticsearch.test:9200"
START = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
END = datetime(2024, 5, 1, 13, 0, tzinfo=UTC)


def _doc(minute: int, service: str = "checkout", **fields: Any) -> dict[str, Any]:
    return {"@timestamp": f"2024-05-01T12:{minute:02d}:00Z", "service": {"name": service}, **fields}


def _logs(handler: EsHandler, **options: Any) -> ElasticsearchLogs:
    return ElasticsearchLogs(URL, node_class=elasticsearch_node(handler), **options)


def _answer(response: EsResponse, seen: list[EsRequest] | None = None) -> EsHandler:
    async def handle(request: EsRequest) -> EsResponse:
        if seen is not None:
            seen.append(request)
        return response

    return handle


def _minutes(fetched: Fetched[Any]) -> list[int]:
    return [document.timestamp.minute for document in fetched.items]


async def test_one_search_returns_documents_oldest_first() -> None:
    seen: list[EsRequest] = []
    newest_first = [_doc(40, message="c"), _doc(20, message="b"), _doc(20, message="a"), _doc(5)]
    source = _logs(_answer(search_response(newest_first), seen), index="logs-app-*", max_records=50)
    assert isinstance(source, LogSource)

    fetched = await source.fetch_documents(["checkout", "payments"], START, END)

    assert _minutes(fetched) == [5, 20, 20, 40]
    assert [d.ecs.get("message") for d in fetched.items][1:3] == ["b", "a"]  # ties keep the search order
    assert fetched.problems == ()
    (search,) = seen
    assert (search.method, search.path) == ("POST", "/logs-app-*/_search")
    assert search.headers["accept"].startswith("application/vnd.elasticsearch+json")
    expected = source.search_arguments(["checkout", "payments"], START, END)
    expected["_source"] = expected.pop("source")  # the client's name for it in the body
    assert search.body == expected
    assert search.body["size"] == 50
    assert {"terms": {"service.name": ["checkout", "payments"]}} in search.body["query"]["bool"]["filter"]


async def test_documents_without_a_time_or_service_are_left_out() -> None:
    docs = [
        _doc(1),
        {"service": {"name": "checkout"}},
        {"@timestamp": "yesterday", "service": {"name": "checkout"}},
        {"@timestamp": "2024-05-01T12:02:00Z"},
        {"@timestamp": 1714564980000, "service.name": "checkout"},  # epoch millis, dotted key
        {"@timestamp": "2024-05-01T12:04:00", "service": {"name": "checkout"}},  # no zone: UTC
    ]
    fetched = await _logs(_answer(search_response(docs))).fetch_documents(["checkout"], START, END)

    assert [d.timestamp for d in fetched.items] == [
        datetime(2024, 5, 1, 12, 1, tzinfo=UTC),
        datetime(2024, 5, 1, 12, 3, tzinfo=UTC),
        datetime(2024, 5, 1, 12, 4, tzinfo=UTC),
    ]
    assert {d.service for d in fetched.items} == {"checkout"}


async def test_a_capped_result_says_how_much_was_left_out() -> None:
    response = search_response([_doc(59), _doc(58)], total=10_000, relation="gte")

    fetched = await _logs(_answer(response), max_records=2).fetch_documents(["checkout"], START, END)

    assert _minutes(fetched) == [58, 59]
    assert fetched.problems == ("only the newest 2 of more than 10000 matching log lines were read",)


async def test_server_side_timeouts_and_shard_failures_are_problems() -> None:
    response = search_response([_doc(3)], timed_out=True, shards=5, failed_shards=2)

    fetched = await _logs(_answer(response)).fetch_documents(["checkout"], START, END)

    assert _minutes(fetched) == [3]
    assert fetched.problems == ("the search timed out on the server; results are partial", "2 of 5 shards failed")


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (es_error(400, "parsing_exception", "unknown query [match_none]"), "HTTP 400 parsing_exception: unknown query"),
        (es_error(503, "search_phase_execution_exception", "all shards failed"), "HTTP 503 search_phase_execution_"),
        (EsResponse(502, b"Bad Gateway", {**ES_HEADERS, "Content-Type": "text/plain"}), "HTTP 502"),
    ],
    ids=["400", "503", "502-text"],
)
async def test_http_errors_make_the_source_unavailable(response: EsResponse, reason: str) -> None:
    seen: list[EsRequest] = []

    with pytest.raises(SourceUnavailable) as caught:
        await _logs(_answer(response, seen)).fetch_documents(["checkout"], START, END)

    assert caught.value.source == "elasticsearch"
    assert caught.value.reason.startswith(reason)
    assert len(seen) == 1  # no retries


async def test_an_answer_without_the_product_header_is_refused() -> None:
    response = search_response([_doc(1)])
    impostor = EsResponse(200, response.body, {"Content-Type": "application/json"})

    with pytest.raises(SourceUnavailable, match=f"the server at {URL} is not Elasticsearch"):
        await _logs(_answer(impostor)).fetch_documents(["checkout"], START, END)


async def test_a_slow_cluster_times_out_at_the_request_timeout() -> None:
    async def slow(request: EsRequest) -> EsResponse:
        await asyncio.sleep(5)
        return search_response([])

    started = asyncio.get_running_loop().time()
    with pytest.raises(SourceUnavailable, match=r"timed out after 0\.2s"):
        await _logs(slow, timeout_seconds=0.2).fetch_documents(["checkout"], START, END)
    assert asyncio.get_running_loop().time() - started < 1


async def test_a_refused_connection_is_named() -> None:
    async def refused(request: EsRequest) -> EsResponse:
        raise ConnectionRefusedError(111, "Connection refused")

    with pytest.raises(SourceUnavailable, match=f"cannot connect to {URL}"):
        await _logs(refused).fetch_documents(["checkout"], START, END)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"took":3,"hits":{"total":{"value":1},"hits":[{"_source":', "transport error: SerializationError"),
        ({"took": 3, "timed_out": False}, "bad reply: no hits in the search response"),
        ({"hits": {"hits": {"_source": {}}}}, "bad reply: no hits in the search response"),
    ],
    ids=["truncated-json", "no-hits", "hits-not-a-list"],
)
async def test_malformed_bodies_make_the_source_unavailable(body: bytes | Mapping[str, Any], reason: str) -> None:
    with pytest.raises(SourceUnavailable) as caught:
        await _logs(_answer(EsResponse(200, body))).fetch_documents(["checkout"], START, END)

    assert caught.value.reason == reason


async def test_hits_that_are_not_documents_are_skipped() -> None:
    body = search_response([_doc(2)]).body
    body["hits"]["hits"] += [{"_id": "no-source"}, "not a hit", {"_source": ["not", "a", "document"]}]

    fetched = await _logs(_answer(EsResponse(200, body))).fetch_documents(["checkout"], START, END)

    assert _minutes(fetched) == [2]


async def test_no_services_sends_nothing() -> None:
    seen: list[EsRequest] = []

    assert await _logs(_answer(search_response([]), seen)).fetch_documents([], START, END) == Fetched()
    assert seen == []
