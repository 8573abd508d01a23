"""The bot's own health: /readyz names the database, Slack auth and the RAG store; /metrics counts
Slack calls and errors by method and shows queue depths; start-up is one line plus warnings."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import re
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest
from prometheus_client import CollectorRegistry

from bot.cli.serve_commands import serve
from bot.config import Settings, load_settings
from bot.observability.jsonlog import configure_logging
from bot.observability.readiness import CheckResult, Readiness
from bot.observability.startup import startup_report
from bot.system import Service
from tests.intake_fixtures import TOKEN, webhook
from tests.slack.harness import CATALOG, SIGNING_SECRET, WatchedSlack, alert
from tests.slack.test_slack_serve import _free_port, _settings
from tests.support.fake_slack import FakeSlack


@contextlib.asynccontextmanager
async def serving(settings: Settings, on_ready: Callable[[Service], object] = lambda _: None) -> AsyncIterator[str]:
    """``opsdesk serve`` in this event loop on a free port, its own metrics registry."""
    port = _free_port()
    stop, ready = asyncio.Event(), asyncio.Event()

    def started(service: Service) -> None:
        on_ready(service)
        ready.set()

    task = asyncio.create_task(
        serve(settings, CATALOG, "127.0.0.1", port, stop=stop, ready=started, registry=CollectorRegistry())
    )
    try:
        await asyncio.wait_for(ready.wait(), 20)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


async def _get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


def _sample(metrics: str, name: str, **labels: str) -> float | None:
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    pattern = "^" + re.escape(name) + (r"\{" + re.escape(wanted) + r"\}" if labels else "") + r" (\S+)$"
    found = re.search(pattern, metrics, re.M)
    return float(found[1]) if found else None


async def test_readyz_fails_while_slack_refuses_the_token_and_says_why(tmp_path: Path) -> None:
    (tmp_path / "no-runbooks").mkdir()
    async with FakeSlack() as fake:
        fake.fail("auth.test", "invalid_auth", times=1000)
        async with serving(_settings(tmp_path, fake, slack_signing_secret=SIGNING_SECRET)) as url:
            status, body = await _get(f"{url}/readyz")
            assert status == 503
            answer = json.loads(body)
            assert answer["failing"] == ["slack"]
            assert "invalid_auth" in answer["checks"]["slack"]["detail"]
            assert answer["checks"]["database"] == {"ok": True}
            assert answer["checks"]["rag"]["ok"] is True
            _, metrics = await _get(f"{url}/metrics")
    assert _sample(metrics, "opsdesk_ready", check="slack") == 0
    assert _sample(metrics, "opsdesk_ready", check="database") == 1
    assert _sample(metrics, "opsdesk_slack_api_errors_total", method="auth.test", error="invalid_auth") == 1


async def test_readyz_is_ready_with_slack_answering(tmp_path: Path) -> None:
    (tmp_path / "no-runbooks").mkdir()
    async with FakeSlack() as fake, serving(_settings(tmp_path, fake, slack_signing_secret=SIGNING_SECRET)) as url:
        status, body = await _get(f"{url}/readyz")
        await _get(f"{url}/readyz")
    assert status == 200
    answer = json.loads(body)
    assert answer["status"] == "ready"
    assert set(answer["checks"]) == {"database", "slack", "rag"}
    assert len(fake.calls_to("auth.test")) == 1, "auth.test is asked once per interval, not per probe"


async def test_readyz_fails_when_the_chroma_server_is_unreachable(tmp_path: Path) -> None:
    from retrieval.store import Store
    from tests.retrieval.conftest import HashEmbedder
    from tests.retrieval.test_retrieval_store import _closed_port

    (tmp_path / "no-runbooks").mkdir()
    (tmp_path / "rb.md").write_text("# Roll back\n\nUndo the deploy.\n", encoding="utf-8")
    Store(tmp_path / "data", embedder=HashEmbedder()).index([tmp_path / "rb.md"])
    chroma = f"http://127.0.0.1:{_closed_port()}"
    async with FakeSlack() as fake:
        settings = _settings(tmp_path, fake, slack_signing_secret=SIGNING_SECRET)
        settings = settings.model_copy(update={"data_dir": tmp_path / "data", "chroma_url": chroma})
        async with serving(settings) as url:
            status, body = await _get(f"{url}/readyz")
    assert status == 503
    answer = json.loads(body)
    assert answer["failing"] == ["rag"]
    assert "unreachable" in answer["checks"]["rag"]["detail"]


async def test_metrics_count_slack_calls_by_method_and_show_queue_depths(tmp_path: Path) -> None:
    (tmp_path / "no-runbooks").mkdir()
    services: list[Service] = []
    async with (
        WatchedSlack() as fake,
        serving(_settings(tmp_path, fake, slack_signing_secret=SIGNING_SECRET), on_ready=services.append) as url,
    ):
        async with (
            aiohttp.ClientSession() as session,
            session.post(
                f"{url}/hooks/alertmanager", json=webhook(alert("m1")), headers={"Authorization": f"Bearer {TOKEN}"}
            ) as response,
        ):
            assert response.status == 200
        await asyncio.wait_for(fake.called("chat.postMessage"), 20)  # a hang guard
        service = services[0]
        await service.worker.wait_idle()
        await service.storage.timers.schedule("slack-post", "99", service.clock.now() + timedelta(hours=1))
        await service.storage.timers.schedule("investigate", "98", service.clock.now() + timedelta(hours=1))
        _, metrics = await _get(f"{url}/metrics")
    posted = len(fake.calls_to("chat.postMessage"))
    assert _sample(metrics, "opsdesk_slack_api_calls_total", method="chat.postMessage") == posted
    assert _sample(metrics, "opsdesk_investigations_total", outcome="ok") == 1
    assert _sample(metrics, "opsdesk_timers", kind="slack-post", state="pending") == 1
    assert _sample(metrics, "opsdesk_timers", kind="investigate", state="pending") == 1
    assert _sample(metrics, "opsdesk_timers", kind="slack-resolved", state="running") == 0
    assert _sample(metrics, "opsdesk_slack_posts_pending") == 1
    assert _sample(metrics, "opsdesk_slack_queue_depth") == 0


async def test_a_failing_check_fails_readiness_and_a_hanging_one_times_out() -> None:
    readiness = Readiness(timeout_seconds=0.05)
    never = asyncio.Event()

    async def hangs() -> CheckResult:
        await never.wait()
        return CheckResult(True)

    async def raises() -> CheckResult:
        raise RuntimeError("boom")

    async def fine() -> CheckResult:
        return CheckResult(True)

    readiness.add("hangs", hangs)
    readiness.add("raises", raises)
    readiness.add("fine", fine)
    results = await readiness.evaluate()
    assert results["fine"].ok
    assert not results["raises"].ok
    assert "boom" in results["raises"].detail
    assert not results["hangs"].ok
    assert "no answer" in results["hangs"].detail
    with pytest.raises(ValueError, match="already registered"):
        readiness.add("fine", fine)


def test_the_start_up_line_names_what_is_configured_and_what_is_not() -> None:
    bare = startup_report(load_settings({}), runbook_index=False)
    assert bare.configured == ("database (embedded SQLite)",)
    assert "Slack" in bare.not_configured
    assert "Alertmanager token" in bare.not_configured
    assert any("OPSDESK_WEBHOOK_TOKEN" in w for w in bare.warnings)
    full = startup_report(
        load_settings(
            {
                "DATABASE_URL": "postgresql+asyncpg://opsdesk:secret@db/opsdesk",
                "SLACK_BOT_TOKEN": "xoxb-1",
                "SLACK_APP_TOKEN": "xapp-1",
                "OPSDESK_WEBHOOK_TOKEN": "t",
                "PROMETHEUS_URL": "http://prometheus:9090",
            }
        ),
        runbook_index=True,
    )
    line = full.line(["0.0.0.0:3000"])
    assert "database (postgresql)" in line
    assert "Slack (Socket Mode)" in line
    assert "secret" not in line
    assert full.warnings == ()
    assert "\n" not in line


def test_logging_keeps_framework_chatter_off_the_console(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, logging.getLogger("bot").level)
    try:
        configure_logging("info")
        logging.getLogger("alembic.runtime.migration").info("Running upgrade 0001 -> 0002")
        logging.getLogger("aiohttp.access").info("GET /metrics 200")
        logging.getLogger("bot.cli.serve_commands").info("opsdesk serving")
        logging.getLogger("chromadb").warning("a framework warning still shows")
    finally:
        root.handlers[:], level, bot_level = saved
        root.setLevel(level)
        logging.getLogger("bot").setLevel(bot_level)
    lines = [json.loads(line)["message"] for line in stream.getvalue().splitlines()]
    assert lines == ["opsdesk serving", "a framework warning still shows"]
    with pytest.raises(ValueError, match="unknown log level"):
        configure_logging("loud")


async def test_slack_failures_are_counted_by_method_and_error_once_per_call(tmp_path: Path) -> None:
    from prometheus_client import generate_latest
    from slack_sdk.errors import SlackApiError

    from bot.observability.metrics import ServerMetrics
    from bot.observability.slack import SlackHealth
    from bot.slack.client import ObservedWebClient, retry_handlers
    from tests.retrieval.test_retrieval_store import _closed_port

    registry = CollectorRegistry()
    metrics = ServerMetrics(registry)
    health = SlackHealth(metrics.slack_api_calls, metrics.slack_api_errors)
    async with FakeSlack() as fake:
        client = ObservedWebClient(token="xoxb-1", base_url=fake.api_url, retry_handlers=retry_handlers())
        client.health = health
        fake.fail("chat.postMessage", "channel_not_found")
        with pytest.raises(SlackApiError):
            await client.chat_postMessage(channel="C1", text="hello")
        await client.chat_postMessage(channel="C1", text="hello again")
    unreachable = ObservedWebClient(token="xoxb-1", base_url=f"http://127.0.0.1:{_closed_port()}/api/")
    unreachable.health = health
    with pytest.raises(Exception) as failed:  # noqa: PT011 - aiohttp's connection error, whichever subtype
        await unreachable.auth_test()
    text = generate_latest(registry).decode()
    assert _sample(text, "opsdesk_slack_api_calls_total", method="chat.postMessage") == 2
    assert _sample(text, "opsdesk_slack_api_errors_total", method="chat.postMessage", error="channel_not_found") == 1
    assert _sample(text, "opsdesk_slack_api_errors_total", method="auth.test", error=type(failed.value).__name__) == 1
