"""ElasticsearchLogs through the real AsyncElasticsearch client against the ES-compatible test
server, and its documents as the agent's log records."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web
from elasticsearch import AsyncElasticsearch, BadRequestError

from bot.engine.evidence import LogRecord
from bot.incidents.sources import LogsFromDocuments
from connectors.errors import SourceUnavailable
from connectors.fetched import Fetched
from connectors.logs import LogSource
from connectors.logs.elasticsearch import ElasticsearchLogs
from tests.support._process import free_port
from tests.support.fake_elasticsearch import FakeElasticsearch

START = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
END = datetime(2024, 5, 1, 13, 0, tzinfo=UTC)


def _doc(minute: int, service: str, level: str, message: str, **extra: Any) -> dict[str, Any]:
    return {
        "@timestamp": f"2024-05-01T12:{minute:02d}:00.000Z",
        "service": {"name": service},
        "log": {"level": level},
        "message": message,
        **extra,
    }


DOCS = [
    _doc(5, "checkout", "ERROR", "payment authorisation failed", error={"type": "TimeoutError"}),
    _doc(6, "checkout", "info", "request served"),
    _doc(7, "checkout", "Warning", "retrying payment"),
    _doc(8, "payments", "warn", "pool nearly exhausted"),
    _doc(9, "search", "error", "index missing"),  # another service
    _doc(10, "checkout", "debug", "cache miss"),
    _doc(11, "checkout", "FATAL", "out of memory"),
    _doc(12, "checkout", "SEVERE", "java.sql.SQLException: pool closed"),  # java.util.logging's error
    _doc(13, "checkout", "err", "dial tcp 10.0.0.9:5432: i/o timeout"),  # syslog's spelling
    {"@timestamp": "2024-05-01T11:59:59.999Z", "service": {"name": "checkout"}, "log": {"level": "error"}},
    {"@timestamp": "2024-05-01T13:00:00.001Z", "service": {"name": "checkout"}, "log": {"level": "error"}},
    # ECS allows dotted keys instead of nested objects.
    {
        "@timestamp": "2024-05-01T12:30:00Z",
        "service.name": "payments",
        "log.level": "critical",
        "message": "upstream refused connection",
        "error.message": "connect ECONNREFUSED",
        "destination.address": "10.0.0.7",
        "url": {"domain": "api.stripe.com", "full": "https://api.stripe.com/v1/charges", "path": "/v1/charges"},
        "host": {"name": "payments-7f9c"},
        "error": {"type": "ConnectionError"},
    },
]


@pytest_asyncio.fixture
async def es(fake_elasticsearch: FakeElasticsearch) -> FakeElasticsearch:
    fake_elasticsearch.add(DOCS, index="logs-app")
    fake_elasticsearch.add([_doc(20, "checkout", "error", "not a log index")], index="metrics-app")
    return fake_elasticsearch


def _messages(records: Fetched[LogRecord]) -> list[str]:
    return [record.message for record in records.items]


async def _records(url: str, services: list[str], **options: Any) -> Fetched[LogRecord]:
    return await LogsFromDocuments(ElasticsearchLogs(url, **options)).fetch_logs(services, START, END)


async def test_filters_by_service_time_and_level_in_time_order(es: FakeElasticsearch) -> None:
    source = ElasticsearchLogs(es.url)
    assert isinstance(source, LogSource)

    records = await LogsFromDocuments(source).fetch_logs(["checkout", "payments"], START, END)

    assert records.problems == ()
    assert _messages(records) == [
        "payment authorisation failed",
        "retrying payment",
        "pool nearly exhausted",
        "out of memory",
        "java.sql.SQLException: pool closed",
        "dial tcp 10.0.0.9:5432: i/o timeout",
        "upstream refused connection",
    ]
    levels = [record.level for record in records.items]
    assert levels == ["error", "warning", "warn", "fatal", "severe", "err", "critical"]


async def test_maps_ecs_documents_to_log_records(es: FakeElasticsearch) -> None:
    records = (await _records(es.url, ["payments"])).items

    assert records[-1] == LogRecord(
        timestamp=datetime(2024, 5, 1, 12, 30, tzinfo=UTC),
        service="payments",
        level="critical",
        message="upstream refused connection",
        context=(
            "ConnectionError connect ECONNREFUSED 10.0.0.7 api.stripe.com "
            "https://api.stripe.com/v1/charges /v1/charges payments-7f9c"
        ),
    )
    assert records[0].context == ""


async def test_sends_one_bounded_search_with_the_index_pattern(es: FakeElasticsearch) -> None:
    await ElasticsearchLogs(es.url, max_records=100, timeout_seconds=2).fetch_documents(["checkout"], START, END)

    (search,) = es.requests
    assert (search.method, search.path) == ("POST", "/logs-*/_search")
    assert search.body["size"] == 100
    assert search.body["sort"] == [{"@timestamp": {"order": "desc"}}]
    assert search.body["timeout"] == "2000ms"
    assert {"terms": {"service.name": ["checkout"]}} in search.body["query"]["bool"]["filter"]


async def test_newest_lines_win_when_the_cap_is_hit(es: FakeElasticsearch) -> None:
    records = await _records(es.url, ["checkout", "payments"], max_records=2)

    assert _messages(records) == ["dial tcp 10.0.0.9:5432: i/o timeout", "upstream refused connection"]
    assert records.problems == ("only the newest 2 of 7 matching log lines were read",)


async def test_no_services_sends_no_request(es: FakeElasticsearch) -> None:
    assert await ElasticsearchLogs(es.url).fetch_documents([], START, END) == Fetched()
    assert es.requests == []


async def test_server_error_makes_the_source_unavailable(es: FakeElasticsearch) -> None:
    es.fail_with(503, "search_phase_execution_exception", "all shards failed")

    with pytest.raises(SourceUnavailable) as caught:
        await ElasticsearchLogs(es.url).fetch_documents(["checkout"], START, END)

    assert caught.value.source == "elasticsearch"
    assert caught.value.reason == "HTTP 503 search_phase_execution_exception: all shards failed"
    assert len(es.searches) == 1  # no retries


async def test_missing_concrete_index_makes_the_source_unavailable(es: FakeElasticsearch) -> None:
    with pytest.raises(SourceUnavailable, match=r"HTTP 404 index_not_found_exception: no such index \[logs-nope\]"):
        await ElasticsearchLogs(es.url, index="logs-nope").fetch_documents(["checkout"], START, END)


async def test_hanging_server_times_out(es: FakeElasticsearch) -> None:
    es.hang()

    with pytest.raises(SourceUnavailable, match=r"timed out after 0\.3s"):
        await ElasticsearchLogs(es.url, timeout_seconds=0.3).fetch_documents(["checkout"], START, END)


async def test_unreachable_server_makes_the_source_unavailable() -> None:
    url = f"http://127.0.0.1:{free_port()}"

    with pytest.raises(SourceUnavailable, match=re.escape(f"cannot connect to {url}")):
        await ElasticsearchLogs(url, timeout_seconds=1).fetch_documents(["checkout"], START, END)


@pytest_asyncio.fixture
async def not_elasticsearch() -> AsyncIterator[str]:
    """Answers JSON without the product header, like a proxy or another search engine."""

    async def anything(request: web.Request) -> web.Response:
        return web.json_response({"hits": {"hits": []}})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", anything)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        await runner.cleanup()


async def test_a_server_that_is_not_elasticsearch_is_refused(not_elasticsearch: str) -> None:
    with pytest.raises(SourceUnavailable, match="is not Elasticsearch"):
        await ElasticsearchLogs(not_elasticsearch).fetch_documents(["checkout"], START, END)


async def test_fake_passes_the_client_product_check_and_rejects_unknown_queries(es: FakeElasticsearch) -> None:
    async with AsyncElasticsearch(es.url) as client:
        info = await client.info()
        assert info["tagline"] == "You Know, for Search"
        with pytest.raises(BadRequestError) as caught:
            await client.search(index="logs-*", query={"match": {"message": "payment"}})
    assert caught.value.status_code == 400
    assert caught.value.body["error"]["type"] == "parsing_exception"


async def test_the_installed_client_speaks_to_an_8x_server(es: FakeElasticsearch) -> None:
    """The client negotiates REST compatibility with 8.x; a 9.x client asks for 9 and is refused."""
    async with AsyncElasticsearch(es.url) as client:
        info = await client.info()
    assert info["version"]["number"].startswith("8.")
    accept = es.requests[-1].headers["Accept"]
    assert "compatible-with=8" in accept


@pytest.mark.parametrize("version", ["9", "10"])
async def test_the_test_server_refuses_rest_compatibility_it_lacks_like_8x(es: FakeElasticsearch, version: str) -> None:
    import aiohttp

    media_type = f"application/vnd.elasticsearch+json; compatible-with={version}"
    async with aiohttp.ClientSession() as session, session.get(es.url, headers={"Accept": media_type}) as response:
        body = await response.json(content_type=None)
        assert response.status == 400
        assert response.headers["X-Elastic-Product"] == "Elasticsearch"
    assert body["error"]["type"] == "media_type_header_exception"


async def test_the_test_server_answers_8x_clients_in_their_media_type(es: FakeElasticsearch) -> None:
    import aiohttp

    media_type = "application/vnd.elasticsearch+json; compatible-with=8"
    async with aiohttp.ClientSession() as session, session.get(es.url, headers={"Accept": media_type}) as response:
        body = await response.json(content_type=None)
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/vnd.elasticsearch+json;compatible-with=8"
    assert body["version"]["number"] == "8.17.0"
