"""A running opsdesk with Slack mounted, talking to :class:`WatchedSlack` (the fake Slack Web API).

Everything is real except Slack and the investigator: the aiohttp server on a loopback port,
Bolt's verification and dispatch, slack-sdk's client and retry handlers, the SQL store.
Requests to ``/slack/events`` are signed exactly as Slack signs them. Tests wait for events
(the fake's answers, the background work being done), never for time to pass.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp.test_utils import TestServer
from prometheus_client import CollectorRegistry
from slack_sdk.web.async_client import AsyncWebClient

from bot.catalog import Catalog
from bot.config import Settings, load_settings
from bot.engine.model import Analysis, Evidence, Hypothesis, NextStep
from bot.incidents.agent import Investigator, Question
from bot.incidents.investigations import Investigations
from bot.slack.app import SlackBot
from bot.slack.client import slack_client
from bot.slack.poster import Poster
from bot.store import Storage, StoredAlert
from bot.system import open_service
from tests.intake_fixtures import T0, TOKEN, webhook, wire_alert
from tests.support.fake_slack import WatchedSlack, signed_headers

SIGNING_SECRET = "signing-secret-for-tests"
BOT_TOKEN = "xoxb-test-token"
ALERT_CHANNEL = "CALERTS"
CATALOG = Catalog.from_mapping(
    {
        "services": {
            "checkout": {
                "team": "payments",
                "channel": "#payments-incidents",
                "owners": ["S0PAYMENTS", "UOWNER"],
                "depends_on": ["payments-db"],
            },
            "payments-db": {"channel": "#payments-incidents", "owners": ["S0PAYMENTS"]},
            "search": {"channel": "#search-incidents", "owners": ["USEARCH"]},
            **{f"svc{i}": {"channel": "#storm", "owners": ["USTORM"]} for i in range(20)},
        }
    }
)
OWNERS_GROUP = {"S0PAYMENTS": ["UALICE", "UBOB"]}


class VirtualTime:
    """A monotonic clock that only moves when someone sleeps; ``scale`` > 0 also waits that
    fraction of the time for real, so work keeps arriving while the queue waits (a storm)."""

    def __init__(self, scale: float = 0.0) -> None:
        self.now = 0.0
        self.scale = scale

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(seconds * self.scale)


class AnalysisInvestigator:
    """Answers two hypotheses for any incident (the Slack layer is what is under test)."""

    def __init__(self) -> None:
        self.calls = 0

    async def investigate(self, question: Question) -> Analysis:
        services, alertnames, now = question.services, question.alertnames, question.now
        self.calls += 1
        step = NextStep(
            runbook_id="rollback", title="Roll back", path="runbooks/rollback.md", url="https://rb/rollback"
        )
        return Analysis(
            services=tuple(services),
            alertnames=tuple(alertnames),
            now=now,
            hypotheses=(
                Hypothesis(
                    cause="deploy",
                    culprit=services[0],
                    confidence=0.8,
                    score=2,
                    summary="deploy v2 raised errors",
                    evidence=(Evidence(kind="change", text="deploy v2 at 11:58", weight=0.9),),
                    next_steps=(step,),
                ),
                Hypothesis(
                    cause="traffic_surge", culprit=services[0], confidence=0.1, score=0.2, summary="more traffic"
                ),
            ),
            cause_weights=question.weights.as_dict(),  # as the engine reports the weights it ranked with
        )


@dataclass
class Harness:
    fake: WatchedSlack
    store: Storage
    bot: SlackBot
    investigations: Investigations
    server: TestServer
    session: aiohttp.ClientSession
    settings: Settings
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    async def settle(self) -> None:
        """Wait until investigations and the Slack layer's background work are done."""
        for _ in range(3):
            await self.investigations.wait_idle()
            await self.bot.incidents.wait_idle()

    async def alerts(self, *alerts: dict[str, Any]) -> dict[str, Any]:
        async with self.session.post(
            f"{self.url}/hooks/alertmanager", json=webhook(*alerts), headers={"Authorization": f"Bearer {TOKEN}"}
        ) as response:
            assert response.status == 200, await response.text()
            result: dict[str, Any] = await response.json()
        await self.settle()
        return result

    async def send(
        self,
        body: str,
        content_type: str,
        *,
        secret: str = SIGNING_SECRET,
        timestamp: int | None = None,
        **headers: str,
    ) -> tuple[int, str]:
        signed = signed_headers(secret, body, timestamp=timestamp, content_type=content_type)
        async with self.session.post(f"{self.url}/slack/events", data=body, headers={**signed, **headers}) as response:
            return response.status, await response.text()

    async def click(
        self,
        user: str,
        action_id: str,
        value: str,
        *,
        action_ts: str | None = None,
        channel: str = "CPAY",
        settle: bool = True,
        **send: Any,
    ) -> tuple[int, str]:
        body = block_actions(
            user,
            action_id,
            value,
            trigger_id=f"trigger-{next(self._ids)}",
            action_ts=action_ts or f"{time.time():.6f}{next(self._ids)}",
            channel=channel,
            response_url=f"{self.fake.base_url}/response",
        )
        result = await self.send(body, "application/x-www-form-urlencoded", **send)
        if settle:
            await self.settle()
        return result

    async def command(
        self, user: str, text: str, *, channel: str = "CPAY", trigger_id: str | None = None, settle: bool = True
    ) -> tuple[int, str]:
        form = {
            "token": "legacy",
            "team_id": "T0001",
            "channel_id": channel,
            "channel_name": "payments-incidents",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/incident",
            "text": text,
            "api_app_id": "A1",
            "response_url": f"{self.fake.base_url}/response",
            "trigger_id": trigger_id or f"trigger-{next(self._ids)}",
        }
        result = await self.send(urlencode(form), "application/x-www-form-urlencoded")
        if settle:
            await self.settle()
        return result

    async def event(self, event: dict[str, Any], event_id: str, **headers: str) -> tuple[int, str]:
        body = {
            "token": "legacy",
            "team_id": "T0001",
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
        }
        result = await self.send(json.dumps(body), "application/json", **headers)
        await self.settle()
        return result

    def ephemerals(self, user: str | None = None) -> list[str]:
        return [
            str(c.args.get("text"))
            for c in self.fake.calls_to("chat.postEphemeral")
            if user is None or c.args.get("user") == user
        ]

    def thread_replies(self) -> list[str]:
        return [str(c.args["text"]) for c in self.fake.calls_to("chat.postMessage") if c.args.get("thread_ts")]


def block_actions(
    user: str, action_id: str, value: str, *, action_ts: str, trigger_id: str, channel: str, response_url: str
) -> str:
    """The form body Slack posts to ``/slack/events`` when ``user`` clicks a button (sign it to send)."""
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "team_id": "T0001"},
        "api_app_id": "A1",
        "token": "legacy",
        "team": {"id": "T0001", "domain": "test"},
        "container": {"type": "message", "message_ts": "1.0", "channel_id": channel},
        "trigger_id": trigger_id,
        "channel": {"id": channel, "name": "payments-incidents"},
        "message": {"ts": "1.0", "text": ""},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "incident-actions",
                "value": value,
                "action_ts": action_ts,
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)})


def alert(fingerprint: str, service: str = "checkout", **fields: Any) -> dict[str, Any]:
    return wire_alert(fingerprint, service, **fields)


def stored_alert(name: str, service: str, incident_id: int = 7) -> StoredAlert:
    """An alert as the store hands it back, firing since :data:`T0`."""
    return StoredAlert(
        fingerprint=f"{name}-{service}",
        alertname=name,
        service=service,
        status="firing",
        starts_at=T0,
        incident_id=incident_id,
        first_received_at=T0,
        last_received_at=T0,
        notifications=1,
    )


@contextlib.asynccontextmanager
async def running(
    tmp_path: Path,
    *,
    settings: dict[str, Any] | None = None,
    poster: Callable[[AsyncWebClient], Poster] | None = None,
    now: datetime | None = None,
    investigator: Investigator | None = None,
    catalog: Catalog | None = None,
) -> AsyncIterator[Harness]:
    from bot.clock import FixedClock

    async with WatchedSlack() as fake:
        fake.usergroups.update(_owner_groups())
        values: dict[str, Any] = {
            "data_dir": tmp_path,
            "webhook_token": TOKEN,
            "investigation_debounce_seconds": 0,
            "slack_bot_token": BOT_TOKEN,
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": fake.api_url,
            "slack_post_interval_seconds": 0,
            "slack_alert_channels": [ALERT_CHANNEL],
            "slack_default_channel": "#incidents",
            **(settings or {}),
        }
        config = load_settings(environ={}, **values)
        client = slack_client(config)
        service = await open_service(
            config,
            catalog=catalog or CATALOG,
            clock=FixedClock(now or T0 + timedelta(minutes=5)),
            registry=CollectorRegistry(),
            investigator=investigator or AnalysisInvestigator(),
            slack_client=client,
            slack_poster=poster(client) if poster is not None else None,
        )
        assert service.slack is not None
        server = TestServer(service.app, host="127.0.0.1", port=0)
        await server.start_server()
        try:
            async with aiohttp.ClientSession() as session:
                yield Harness(fake, service.storage, service.slack, service.investigations, server, session, config)
        finally:
            await server.close()


def _owner_groups() -> dict[str, list[str]]:
    return {k: list(v) for k, v in OWNERS_GROUP.items()}
