"""Two ``opsdesk serve`` processes on one PostgreSQL database, one fake Slack between them.

Each process is the real command in its own interpreter: they share nothing but the database,
as replicas behind a load balancer do. The same webhook and the same Slack delivery sent to both
must be handled once: one incident, one investigation per change, one post, one reply.

The processes are separate, so there is no event to await for "the other one is done too": the
test waits, with a bounded poll of the database, until no timer of either process is pending or
running, and only then counts.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.slack.parsing.actions import ACK, incident_value
from bot.store import Storage
from tests.intake_fixtures import TOKEN, postgres_database, webhook, wire_alert
from tests.slack.harness import block_actions
from tests.support.fake_slack import WatchedSlack, signed_headers
from tests.support.serve_processes import ServeProcesses

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

SIGNING_SECRET = "two-process-secret"
CATALOG = """
services:
  checkout: {channel: "#payments-incidents", owners: [UALICE], depends_on: [payments-db]}
  payments-db: {channel: "#payments-incidents", owners: [UALICE]}
"""
RUNBOOKS = Path(__file__).resolve().parents[2] / "runbooks"
#: Bound on waiting for both processes to finish their work (a poll of the database, see above).
SETTLE_SECONDS = 60.0
SETTLE_POLL_SECONDS = 0.05


@dataclass
class Replicas:
    urls: tuple[str, str]
    storage: Storage
    fake: WatchedSlack
    session: aiohttp.ClientSession

    async def alerts(self, url: str, *alerts: dict[str, Any]) -> int:
        async with self.session.post(
            f"{url}/hooks/alertmanager", json=webhook(*alerts), headers={"Authorization": f"Bearer {TOKEN}"}
        ) as response:
            return response.status

    def click(self, user: str, action_id: str, value: str, action_ts: str) -> str:
        return block_actions(
            user,
            action_id,
            value,
            action_ts=action_ts,
            trigger_id=f"trigger-{action_ts}",
            channel="CPAY",
            response_url=f"{self.fake.base_url}/response",
        )

    async def slack(self, url: str, body: str) -> int:
        headers = signed_headers(SIGNING_SECRET, body, content_type="application/x-www-form-urlencoded")
        async with self.session.post(f"{url}/slack/events", data=body, headers=headers) as response:
            return response.status

    async def settled(self) -> None:
        """Until neither process has a timer pending or running (bounded; see the module docstring)."""
        deadline = time.monotonic() + SETTLE_SECONDS
        while await self.storage.timers.list(state="pending") or await self.storage.timers.list(state="running"):
            assert time.monotonic() < deadline, "the two processes did not finish their work"
            await asyncio.sleep(SETTLE_POLL_SECONDS)

    def posts(self) -> list[dict[str, Any]]:
        return [c.args for c in self.fake.calls_to("chat.postMessage") if not c.args.get("thread_ts")]

    def replies(self) -> list[str]:
        return [str(c.args["text"]) for c in self.fake.calls_to("chat.postMessage") if c.args.get("thread_ts")]


@pytest.fixture
async def replicas(tmp_path: Path) -> AsyncIterator[Replicas]:
    async with postgres_database() as url, WatchedSlack() as fake:
        storage = await Storage.open(url)  # migrated once here, so the processes start on a ready schema
        servers = _two_servers(tmp_path, url, fake)
        try:
            for index in (0, 1):
                servers.start(index)
            for index in (0, 1):
                await servers.ready(index)
            async with aiohttp.ClientSession() as session:
                yield Replicas((servers.urls[0], servers.urls[1]), storage, fake, session)
        finally:
            await asyncio.to_thread(servers.stop_all)  # the fake Slack keeps answering meanwhile
            await storage.close()


def _two_servers(tmp_path: Path, database_url: str, fake: WatchedSlack) -> ServeProcesses:
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(CATALOG, encoding="utf-8")
    config = tmp_path / "opsdesk.yaml"
    config.write_text(
        "investigation_debounce_seconds: 0\nslack_post_interval_seconds: 0\n"
        f"runbooks_dir: {json.dumps(str(RUNBOOKS))}\n",
        encoding="utf-8",
    )
    return ServeProcesses(
        2,
        tmp_path,
        {
            "DATABASE_URL": database_url,
            "OPSDESK_CATALOG": str(catalog),
            "OPSDESK_CONFIG": str(config),
            "OPSDESK_WEBHOOK_TOKEN": TOKEN,
            "SLACK_BOT_TOKEN": "xoxb-two-processes",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "OPSDESK_SLACK_API_URL": fake.api_url,
        },
    )


async def test_one_webhook_sent_to_both_makes_one_incident_one_investigation_and_one_post(
    replicas: Replicas,
) -> None:
    first, second = replicas.urls
    alert = wire_alert("a1", "checkout")
    statuses = await asyncio.gather(replicas.alerts(first, alert), replicas.alerts(second, alert))
    assert statuses == [200, 200]
    await replicas.fake.called("chat.postMessage")
    await replicas.settled()
    counts = await replicas.storage.database.counts()
    assert (counts["incidents"], counts["alerts"], counts["investigations"]) == (1, 1, 1)
    [post] = replicas.posts()
    assert post["channel"] == "#payments-incidents"

    # A new alert of the same incident, to the other process: one more investigation, the same post.
    assert await replicas.alerts(second, wire_alert("a2", "payments-db", minutes=1)) == 200
    await replicas.fake.called("chat.update")
    await replicas.settled()
    counts = await replicas.storage.database.counts()
    assert (counts["incidents"], counts["investigations"]) == (1, 2)
    assert len(replicas.posts()) == 1
    assert [r for r in replicas.replies() if "grouped here" in r] == [
        "➕ 1 new alert(s) grouped here: HighErrorRate on payments-db"
    ]


async def test_one_click_delivered_to_both_is_acted_on_once(replicas: Replicas) -> None:
    first, second = replicas.urls
    assert await replicas.alerts(first, wire_alert("a1", "checkout")) == 200
    await replicas.fake.called("chat.postMessage")
    await replicas.settled()
    click = replicas.click("UALICE", ACK, incident_value(1), action_ts="1700000000.000001")
    assert await asyncio.gather(replicas.slack(first, click), replicas.slack(second, click)) == [200, 200]
    await replicas.fake.called("chat.postMessage", lambda call: "Acknowledged" in str(call.args.get("text")))
    await replicas.settled()
    assert [r for r in replicas.replies() if "Acknowledged" in r] == ["👀 Acknowledged by <@UALICE>."]
    post = await replicas.storage.slack_posts.get(1)
    assert post is not None
    assert post.acknowledged_by == "UALICE"
