"""``opsdesk serve`` with Slack: HTTP mode answers Slack's URL verification on ``/slack/events``;
Socket Mode connects to a local websocket speaking Slack's envelope format and handles
commands, clicks and events from it, with the webhooks still served."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from prometheus_client import CollectorRegistry

from bot.cli.serve_commands import serve
from bot.config import Settings, load_settings
from bot.slack.parsing import actions
from tests.intake_fixtures import TOKEN, webhook
from tests.slack.harness import BOT_TOKEN, CATALOG, SIGNING_SECRET, WatchedSlack, alert
from tests.support.fake_slack import FakeSlack, signed_headers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.asynccontextmanager
async def serving(settings: Settings) -> AsyncIterator[str]:
    port = _free_port()
    stop, ready = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(
        serve(
            settings, CATALOG, "127.0.0.1", port, stop=stop, ready=lambda _: ready.set(), registry=CollectorRegistry()
        )
    )
    try:
        await asyncio.wait_for(ready.wait(), 20)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


def _settings(tmp_path: Path, fake: FakeSlack, **extra: Any) -> Settings:
    return load_settings(
        environ={},
        data_dir=tmp_path,
        webhook_token=TOKEN,
        investigation_debounce_seconds=0,
        slack_bot_token=BOT_TOKEN,
        slack_api_url=fake.api_url,
        slack_post_interval_seconds=0,
        runbooks_dir=tmp_path / "no-runbooks",
        **extra,
    )


async def test_http_mode_answers_url_verification_and_refuses_unsigned(tmp_path: Path) -> None:
    (tmp_path / "no-runbooks").mkdir()
    async with FakeSlack() as fake, serving(_settings(tmp_path, fake, slack_signing_secret=SIGNING_SECRET)) as url:
        body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"})
        headers = signed_headers(SIGNING_SECRET, body, content_type="application/json")
        async with aiohttp.ClientSession() as session:
            async with session.post(f"{url}/slack/events", data=body, headers=headers) as response:
                assert response.status == 200
                assert "abc123" in await response.text()
            async with session.post(
                f"{url}/slack/events", data=body, headers={"Content-Type": "application/json"}
            ) as r:
                assert r.status == 401
            async with session.get(f"{url}/healthz") as r:
                assert r.status == 200


async def test_serve_freezes_its_start_up_heap_once_listening(tmp_path: Path) -> None:
    """Full collections then skip the start-up objects, so their pauses stay off Slack's acks."""
    (tmp_path / "no-runbooks").mkdir()
    gc.unfreeze()
    try:
        async with FakeSlack() as fake, serving(_settings(tmp_path, fake, slack_signing_secret=SIGNING_SECRET)):
            assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


async def test_socket_mode_handles_envelopes_and_keeps_the_webhooks(tmp_path: Path) -> None:
    (tmp_path / "no-runbooks").mkdir()
    async with WatchedSlack() as fake, serving(_settings(tmp_path, fake, slack_app_token="xapp-test")) as url:
        await asyncio.wait_for(fake.socket_connected.wait(), 10)
        assert fake.calls_to("apps.connections.open")[0].token == "xapp-test"
        command = {
            "token": "x",
            "team_id": "T0001",
            "channel_id": "CGEN",
            "user_id": "UCAROL",
            "command": "/incident",
            "text": "declare Socket mode works sev2",
            "trigger_id": "trig-1",
            "api_app_id": "A1",
            "response_url": f"{fake.base_url}/response",
        }
        acked = await fake.send_envelope("slash_commands", command)
        assert "envelope_id" in acked
        post = await asyncio.wait_for(fake.called("chat.postMessage"), 10)
        assert len(fake.calls_to("chat.postMessage")) == 1
        assert post.args["channel"] == "CGEN"
        assert "SEV2" in post.args["blocks"][0]["text"]["text"]
        bad = await fake.send_envelope("slash_commands", {**command, "text": "frobnicate", "trigger_id": "trig-2"})
        assert "unknown subcommand" in json.dumps(bad.get("payload", {}))
        click = {
            "type": "block_actions",
            "user": {"id": "UCAROL"},
            "team": {"id": "T0001"},
            "api_app_id": "A1",
            "channel": {"id": "CGEN"},
            "container": {"type": "message", "message_ts": "1.0", "channel_id": "CGEN"},
            "trigger_id": "trig-3",
            "actions": [
                {"action_id": actions.ACK, "value": actions.incident_value(1), "action_ts": "5.5", "type": "button"}
            ],
        }
        await fake.send_envelope("interactive", click)
        acknowledged = fake.called("chat.postMessage", lambda c: "Acknowledged by <@UCAROL>" in str(c.args["text"]))
        await asyncio.wait_for(acknowledged, 10)  # a hang guard: the click over Socket Mode is handled
        async with (
            aiohttp.ClientSession() as session,
            session.post(
                f"{url}/hooks/alertmanager",
                json=webhook(_now(alert("s1"))),
                headers={"Authorization": f"Bearer {TOKEN}"},
            ) as response,
        ):
            assert response.status == 200


def _now(alert: dict[str, Any]) -> dict[str, Any]:
    """``alert`` starting now: ``serve`` runs on the wall clock, which refuses alerts a year old."""
    return {**alert, "startsAt": datetime.now(UTC).isoformat()}
