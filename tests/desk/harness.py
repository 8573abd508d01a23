"""A running opsdesk with the desk mounted, as :mod:`tests.slack.harness` runs the incident side:
the aiohttp server on a loopback port, Bolt's verification and dispatch, slack-sdk's client
against the fake Slack Web API, the SQL store. Requests are signed as Slack signs them."""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp.test_utils import TestServer
from prometheus_client import CollectorRegistry

from bot.clock import FixedClock
from bot.config import load_settings
from bot.desk.knowledge import KnowledgeBase
from bot.desk.model import Classifier
from bot.desk.service import DeskParts
from bot.slack.client import slack_client
from bot.store.tickets import StoredTicket
from bot.system import Service, open_service
from tests.intake_fixtures import T0, TOKEN
from tests.slack.harness import BOT_TOKEN, CATALOG, SIGNING_SECRET, AnalysisInvestigator, Harness
from tests.support.fake_slack import WatchedSlack

#: Cosine similarity for an answer with the hash embedder of the tests (MiniLM's bar is higher).
TEST_MIN_SIMILARITY = 0.38


class DeskSlack(WatchedSlack):
    """The fake Slack plus ``views.open`` (the desk's modal), answered as Slack does."""

    def _m_views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        view = args.get("view")
        if isinstance(view, str):
            view = json.loads(view)
        if not args.get("trigger_id") or not isinstance(view, dict):
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "view": {**view, "id": f"V{len(self.calls_to('views.open'))}"}}


@dataclass
class DeskHarness:
    harness: Harness
    service: Service
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def fake(self) -> WatchedSlack:
        return self.harness.fake

    async def dm(self, user: str, text: str, *, thread_ts: str | None = None, **extra: Any) -> str:
        """A DM from ``user`` to the bot; returns the message ts (the thread of the conversation)."""
        ts = f"{1_800_000_000 + next(self._ids)}.000200"
        event: dict[str, Any] = {
            "type": "message",
            "channel": f"D{user}",
            "channel_type": "im",
            "user": user,
            "text": text,
            "ts": ts,
            "event_ts": ts,
            **extra,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        status, _ = await self.harness.event(event, f"Ev{next(self._ids)}")
        assert status == 200
        return ts

    async def mention(self, user: str, text: str, channel: str = "CGENERAL") -> str:
        ts = f"{1_800_000_000 + next(self._ids)}.000300"
        event = {"type": "app_mention", "channel": channel, "user": user, "text": text, "ts": ts, "event_ts": ts}
        status, _ = await self.harness.event(event, f"Ev{next(self._ids)}")
        assert status == 200
        return ts

    async def click(self, user: str, action_id: str, value: str, channel: str) -> tuple[int, str]:
        return await self.harness.click(user, action_id, value, channel=channel)

    async def interactive(self, payload: dict[str, Any]) -> tuple[int, str]:
        result = await self.harness.send(
            urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"
        )
        await self.harness.settle()
        return result

    async def slash(self, user: str, command: str, text: str) -> tuple[int, str]:
        form = {
            "token": "legacy",
            "team_id": "T0001",
            "channel_id": "CGENERAL",
            "channel_name": "general",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "api_app_id": "A1",
            "response_url": f"{self.fake.base_url}/response",
            "trigger_id": f"trigger-{next(self._ids)}",
        }
        result = await self.harness.send(urlencode(form), "application/x-www-form-urlencoded")
        await self.harness.settle()
        return result

    async def tickets(self) -> list[StoredTicket]:
        """The tickets filed, oldest first."""
        return sorted(await self.harness.store.tickets.list_tickets(), key=lambda t: t.id)

    def replies(self, channel: str, thread_ts: str) -> list[dict[str, Any]]:
        return [
            c.args
            for c in self.fake.calls_to("chat.postMessage")
            if c.args.get("channel") == channel and c.args.get("thread_ts") == thread_ts
        ]


def posted_text(args: dict[str, Any]) -> str:
    """A posted message's text and block text together, as a reader would see it."""
    return str(args.get("text", "")) + "\n" + json.dumps(args.get("blocks") or [], ensure_ascii=False)


@contextlib.asynccontextmanager
async def desk_running(
    tmp_path: Path,
    classifier: Classifier,
    knowledge: KnowledgeBase | None,
    *,
    settings: dict[str, Any] | None = None,
    min_similarity: float = TEST_MIN_SIMILARITY,
) -> AsyncIterator[DeskHarness]:
    async with DeskSlack() as fake:
        values: dict[str, Any] = {
            "data_dir": tmp_path,
            "webhook_token": TOKEN,
            "investigation_debounce_seconds": 0,
            "slack_bot_token": BOT_TOKEN,
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": fake.api_url,
            "slack_post_interval_seconds": 0,
            "slack_alert_channels": ["CALERTS"],
            "slack_default_channel": "#incidents",
            **(settings or {}),
        }
        config = load_settings(environ={}, **values)
        parts = DeskParts(
            classifier=classifier,
            knowledge=knowledge,
            min_similarity=min_similarity,
        )
        service = await open_service(
            config,
            catalog=CATALOG,
            clock=FixedClock(T0 + timedelta(minutes=5)),
            registry=CollectorRegistry(),
            investigator=AnalysisInvestigator(),
            slack_client=slack_client(config),
            desk=parts,
        )
        assert service.slack is not None
        server = TestServer(service.app, host="127.0.0.1", port=0)
        await server.start_server()
        try:
            async with aiohttp.ClientSession() as session:
                harness = Harness(fake, service.storage, service.slack, service.investigations, server, session, config)
                yield DeskHarness(harness, service)
        finally:
            await server.close()
