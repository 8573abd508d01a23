"""Evidence sources down, failing or slow during an incident: the alert is still investigated and
posted, and the post names what was missing.

The whole serving process runs (``open_service``: intake, the real incident agent, the Slack
layer against the fake Slack Web API); Prometheus is a closed port or a server that never answers,
Elasticsearch the ES test server answering errors or hanging.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client import CollectorRegistry

from bot.catalog import Catalog
from bot.clock import FixedClock
from bot.config import Settings, load_settings
from bot.system import open_service
from tests.intake_fixtures import T0, TOKEN, webhook, wire_alert
from tests.support._process import free_port
from tests.support.fake_elasticsearch import FakeElasticsearch
from tests.support.fake_slack import WatchedSlack

pytestmark = pytest.mark.slow

RUNBOOKS = Path(__file__).resolve().parents[2] / "runbooks"
CATALOG = Catalog.from_mapping({"services": {"checkout": {"channel": "#payments-incidents"}}})


@pytest.fixture
async def silent_prometheus() -> AsyncIterator[str]:
    """A Prometheus that accepts the connection and never answers."""
    never = asyncio.Event()

    async def hang(request: web.Request) -> web.Response:
        await never.wait()
        return web.Response(status=204)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", hang)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        never.set()
        await server.close()


def _settings(tmp_path: Path, slack: WatchedSlack, **sources: object) -> Settings:
    """The serving process's settings, Slack on the stand-in, with ``sources`` (the parts under test)."""
    return load_settings(
        environ={},
        data_dir=tmp_path / "data",
        webhook_token=TOKEN,
        investigation_debounce_seconds=0,
        slack_bot_token="xoxb-faults",
        slack_signing_secret="faults-secret",
        slack_api_url=slack.api_url,
        slack_post_interval_seconds=0,
        **sources,
    )


async def _posted_blocks(tmp_path: Path, prometheus_url: str, elasticsearch: FakeElasticsearch) -> str:
    async with WatchedSlack() as slack:
        settings = _settings(
            tmp_path,
            slack,
            source_timeout_seconds=0.5,
            prometheus_url=prometheus_url,
            elasticsearch_url=elasticsearch.url,
        )
        service = await open_service(
            settings, catalog=CATALOG, clock=FixedClock(T0), registry=CollectorRegistry(), knowledge=None
        )
        async with TestClient(TestServer(service.app, host="127.0.0.1")) as client:
            reply = await client.post(
                "/hooks/alertmanager",
                json=webhook(wire_alert("a1", "checkout")),
                headers={"Authorization": f"Bearer {TOKEN}"},
            )
            assert reply.status == 200
            post = await slack.called("chat.postMessage", lambda call: not call.args.get("thread_ts"))
        return str(post.args["blocks"])


async def test_prometheus_down_and_elasticsearch_failing_still_post_and_say_so(tmp_path: Path) -> None:
    async with FakeElasticsearch() as elasticsearch:
        elasticsearch.fail_with(500, "search_phase_execution_exception", "all shards failed")
        blocks = await _posted_blocks(tmp_path, f"http://127.0.0.1:{free_port()}", elasticsearch)
    assert "Missing data" in blocks
    assert "metrics" in blocks
    assert "logs" in blocks


async def test_prometheus_and_elasticsearch_too_slow_still_post_and_say_so(
    tmp_path: Path, silent_prometheus: str
) -> None:
    async with FakeElasticsearch() as elasticsearch:
        elasticsearch.hang()
        blocks = await _posted_blocks(tmp_path, silent_prometheus, elasticsearch)
    assert "Missing data" in blocks
    assert "metrics" in blocks
    assert "logs" in blocks


async def test_the_chroma_server_down_still_posts_and_readiness_names_it(tmp_path: Path) -> None:
    """Search reads the generation's own vectors, so an incident is investigated and posted with its
    runbook steps while the chroma server is down; ``/readyz`` says which part is failing."""
    from bot.system import incident_knowledge
    from retrieval.store import Store

    Store(tmp_path / "data").index([RUNBOOKS / "dependency-outage.md", RUNBOOKS / "rollback-a-deploy.md"])
    async with WatchedSlack() as slack:
        settings = _settings(tmp_path, slack, chroma_url=f"http://127.0.0.1:{free_port()}")
        knowledge = incident_knowledge(settings)
        assert knowledge is not None, "the index is read from the data dir, not from chroma"
        service = await open_service(
            settings, catalog=CATALOG, clock=FixedClock(T0), registry=CollectorRegistry(), knowledge=knowledge
        )
        async with TestClient(TestServer(service.app, host="127.0.0.1")) as client:
            reply = await client.post(
                "/hooks/alertmanager",
                json=webhook(wire_alert("a1", "checkout")),
                headers={"Authorization": f"Bearer {TOKEN}"},
            )
            assert reply.status == 200
            post = await slack.called("chat.postMessage", lambda call: not call.args.get("thread_ts"))
            ready = await client.get("/readyz")
            readiness = await ready.json()
    assert "Next steps (runbooks)" in str(post.args["blocks"])
    assert ready.status == 503
    assert readiness["failing"] == ["rag"]
    assert "unreachable" in readiness["checks"]["rag"]["detail"]
