"""Two ``opsdesk serve`` processes on one PostgreSQL database take Slack's clicks on one approval
request: the action runs exactly once, and every click is answered.

Everything is real but Slack (the fake Web API, in this process) and the far side of the executor
(a receiver that checks the signed-webhook format and counts executions): the serve command in two
interpreters that share only the database, Bolt's signature checks, the policy file, the webhook
executor. The incident is opened through process A's Alertmanager webhook. Without metrics or logs
the engine proposes no typed action, so the test then stores a newer analysis whose leading
hypothesis proposes a rollback, as an investigation would, and clicks the button the post carries
for it. A hundred approvers then click approve at once, split between the processes, with Slack
delivering some clicks twice (to the other process) and the requester asking again.

The test waits on the fake Slack's answers, never on time; it counts only after both processes
have stopped, so nothing still running in them can change the numbers afterwards.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.engine.model import Action, Analysis, Evidence, Hypothesis, NextStep
from bot.remediation.service import idempotency_key
from bot.slack.parsing import remediation as values
from bot.store import Storage
from tests.intake_fixtures import TOKEN, postgres_database, webhook, wire_alert
from tests.slack.harness import block_actions
from tests.support.executor_receivers import WebhookReceiver
from tests.support.fake_slack import Call, WatchedSlack, signed_headers
from tests.support.serve_processes import ServeProcesses

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.timeout(300)]

SIGNING_SECRET = "two-serve-signing-secret"
EXECUTOR_SECRET = "two-serve-executor-secret"
REQUESTER = "UALICE"
APPROVERS = [f"UAPPROVER{n}" for n in range(100)]
#: Approval clicks Slack delivers a second time, to the other process.
REDELIVERED = 5
#: The requester's clicks on the request button again, to process B.
REPEATED_REQUESTS = 3
CATALOG = """\
services:
  checkout: {channel: "#payments-incidents", owners: [S0PAYMENTS]}
"""
ROLLBACK = Action(
    id="rollback",
    label="Roll back checkout to 2.40.3",
    risk="high",
    target="checkout",
    params={"previous_version": "2.40.3"},
)
#: Serve logs: an unhandled error is logged at ERROR or CRITICAL, or as a bare traceback.
UNHANDLED = re.compile(r'"level": ?"(error|critical)"|Traceback \(most recent call last\)')


def policy(receiver_url: str) -> str:
    return f"""\
shadow_mode: false
approvers: ["S0SRELEADS"]
actions:
  rollback: {{tier: approve, executor: deploy-hook}}
executors:
  deploy-hook: {{type: webhook, url: "{receiver_url}", secret_env: OPSDESK_EXECUTOR_SECRET}}
"""


def rollback_analysis(engine: Analysis) -> Analysis:
    """The engine's analysis, led by a hypothesis whose runbook step proposes the rollback."""
    step = NextStep(
        runbook_id="rollback-a-deploy",
        title="Roll back a bad deploy",
        path="runbooks/rollback-a-deploy.md",
        actions=(ROLLBACK,),
    )
    deploy = Hypothesis(
        cause="deploy",
        culprit="checkout",
        confidence=0.8,
        score=2,
        summary="deploy 2.41.0 raised errors",
        evidence=(Evidence(kind="change", text="deploy 2.41.0 at 11:58", weight=0.9),),
        next_steps=(step,),
    )
    return engine.model_copy(update={"hypotheses": (deploy,)})


@dataclass
class Slack:
    """Clicks signed as Slack signs them, and what the fake Slack was asked."""

    fake: WatchedSlack
    session: aiohttp.ClientSession
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def click(self, user: str, action_id: str, value: str) -> str:
        n = next(self._ids)
        return block_actions(
            user,
            action_id,
            value,
            action_ts=f"1700000000.{n:06d}",
            trigger_id=f"trigger-{n}",
            channel="CPAY",
            response_url=f"{self.fake.base_url}/response",
        )

    async def send(self, url: str, body: str, *, redelivery: bool = False) -> int:
        headers = signed_headers(SIGNING_SECRET, body, content_type="application/x-www-form-urlencoded")
        if redelivery:
            headers |= {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        async with self.session.post(f"{url}/slack/events", data=body, headers=headers) as response:
            await response.read()
            return response.status

    def ephemerals(self, user: str) -> list[str]:
        return [str(c.args.get("text")) for c in self.fake.calls_to("chat.postEphemeral") if c.args.get("user") == user]

    def refused_approvers(self) -> list[str]:
        return [str(c.args["user"]) for c in self.fake.calls_to("chat.postEphemeral") if c.args["user"] in APPROVERS]

    def with_approve_buttons(self) -> list[dict[str, Any]]:
        return [m for m in self.fake.messages.values() if values.APPROVE in json.dumps(m.get("blocks") or [])]

    def approval_value(self) -> str:
        for message in self.with_approve_buttons():
            for block in message["blocks"]:
                for element in block.get("elements") or []:
                    if element.get("action_id") == values.APPROVE:
                        return str(element["value"])
        raise AssertionError("no approval button")


def _outcome_reply(call: Call) -> bool:
    return bool(call.args.get("thread_ts")) and str(call.args.get("text", "")).startswith("rollback on checkout")


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[WebhookReceiver, str]]:
    receiver = WebhookReceiver(EXECUTOR_SECRET)
    server = TestServer(receiver.app, host="127.0.0.1", port=0)
    await server.start_server()
    try:
        yield receiver, str(server.make_url("/hooks/opsdesk"))
    finally:
        await server.close()


def _servers(tmp_path: Path, database_url: str, slack_api_url: str, receiver_url: str) -> ServeProcesses:
    (tmp_path / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    (tmp_path / "policy.yaml").write_text(policy(receiver_url), encoding="utf-8")
    (tmp_path / "opsdesk.yaml").write_text(
        "investigation_debounce_seconds: 0\nslack_post_interval_seconds: 0\n", encoding="utf-8"
    )
    return ServeProcesses(
        2,
        tmp_path,
        {
            "DATABASE_URL": database_url,
            "OPSDESK_CATALOG": str(tmp_path / "catalog.yaml"),
            "OPSDESK_CONFIG": str(tmp_path / "opsdesk.yaml"),
            "OPSDESK_POLICY": str(tmp_path / "policy.yaml"),
            "OPSDESK_EXECUTOR_SECRET": EXECUTOR_SECRET,
            "OPSDESK_WEBHOOK_TOKEN": TOKEN,
            "SLACK_BOT_TOKEN": "xoxb-two-serve",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "OPSDESK_SLACK_API_URL": slack_api_url,
        },
    )


async def test_a_hundred_approval_clicks_across_two_serve_processes_run_the_action_once(
    tmp_path: Path, receiver: tuple[WebhookReceiver, str]
) -> None:
    executions, receiver_url = receiver
    async with postgres_database() as database_url, WatchedSlack() as fake, aiohttp.ClientSession() as session:
        fake.usergroups |= {"S0PAYMENTS": [REQUESTER, "UBOB"], "S0SRELEADS": list(APPROVERS)}
        fake.users[APPROVERS[0]] = {"profile": {"email": "approver0@example.com"}}
        slack = Slack(fake, session)
        storage = await Storage.open(database_url)  # migrated once, so both processes start on a ready schema
        servers = _servers(tmp_path, database_url, fake.api_url, receiver_url)
        try:
            for index in (0, 1):
                servers.start(index)
            for index in (0, 1):
                await servers.ready(index)
            a, b = servers.urls

            # The incident, through A's Alertmanager webhook, posted to Slack.
            async with session.post(
                f"{a}/hooks/alertmanager",
                json=webhook(wire_alert("a1", "checkout")),
                headers={"Authorization": f"Bearer {TOKEN}"},
            ) as response:
                assert response.status == 200, await response.text()
            await fake.called("chat.postMessage", lambda call: not call.args.get("thread_ts"))
            [incident] = await storage.incidents.list()
            engine = await storage.analyses.latest(incident.id)
            assert engine is not None
            await storage.analyses.save(incident.id, rollback_analysis(engine))
            digest = idempotency_key(incident.id, ROLLBACK.id, "checkout", ROLLBACK.params)
            request = values.request_value(incident.id, 0, 0, 0, ROLLBACK.id, digest)

            # The owner asks; A posts the approval request and DMs the first approver.
            assert await slack.send(a, slack.click(REQUESTER, values.REQUEST, request)) == 200
            await fake.called(
                "chat.postEphemeral",
                lambda call: call.args.get("user") == REQUESTER and "Approval requested" in str(call.args.get("text")),
            )
            asked = slack.with_approve_buttons()
            assert {m["channel"] for m in asked if not m.get("thread_ts")} == {APPROVERS[0]}
            assert len([m for m in asked if m.get("thread_ts")]) == 1
            approval = slack.approval_value()

            # A hundred approvals at once, half to each process; some delivered again to the other
            # one with the same action_ts, and the requester asking again at B.
            approvals = [
                (servers.urls[n % 2], slack.click(approver, values.APPROVE, approval))
                for n, approver in enumerate(APPROVERS)
            ]
            redeliveries = [(servers.urls[(n + 1) % 2], body) for n, (_, body) in enumerate(approvals[:REDELIVERED])]
            repeats = [slack.click(REQUESTER, values.REQUEST, request) for _ in range(REPEATED_REQUESTS)]
            statuses = await asyncio.gather(
                *(slack.send(url, body) for url, body in approvals),
                *(slack.send(url, body, redelivery=True) for url, body in redeliveries),
                *(slack.send(b, body) for body in repeats),
            )
            assert statuses == [200] * (len(APPROVERS) + REDELIVERED + REPEATED_REQUESTS)

            # Every approval either ran the action (its outcome replied in the thread) or was refused.
            await fake.answered_until(
                lambda: (
                    len(set(slack.refused_approvers())) + len(executions.bodies) >= len(APPROVERS)
                    and any(_outcome_reply(call) for call in fake.calls_to("chat.postMessage"))
                    and sum("Already requested" in text for text in slack.ephemerals(REQUESTER)) >= REPEATED_REQUESTS
                )
            )
            await asyncio.to_thread(servers.stop_all)
            records = [record async for record in storage.audit.records()]
            verified = await storage.audit.verify()
            rows = await storage.remediations.for_incident(incident.id)
        finally:
            await asyncio.to_thread(servers.stop_all)
            await storage.close()

    logs = [servers.log(index) for index in (0, 1)]
    for log in logs:
        assert not UNHANDLED.search(log), log[-4000:]
    assert len(executions.bodies) == 1, executions.bodies
    assert list(executions.executions.values()) == [1]
    [body] = executions.bodies
    assert (body["action"], body["target"], body["params"]) == ("rollback", "checkout", {"previous_version": "2.40.3"})
    assert body["requested_by"] == REQUESTER
    assert body["approved_by"] in APPROVERS
    assert [(row.state, row.approved_by) for row in rows] == [("done", body["approved_by"])]

    refused = slack.refused_approvers()
    assert sorted(refused) == sorted(set(APPROVERS) - {body["approved_by"]}), "each loser told once"
    assert all("already decided" in text or "not awaiting" in text for a in refused for text in slack.ephemerals(a))
    assert len(slack.ephemerals(REQUESTER)) == 1 + REPEATED_REQUESTS

    kinds = [record.kind for record in records]
    assert kinds.count("request") == 1
    assert kinds.count("approval") == 1
    executed = [record.record["outcome"] for record in records if record.kind == "execution"]
    assert len(executed) == 2, executed
    assert executed[0] == "started"
    assert executed[1].startswith("done"), executed
    assert kinds.count("refusal") == len(APPROVERS) - 1
    assert verified is None

    assert not slack.with_approve_buttons(), "every approval message was edited in place: no buttons left"
    outcome = [c for c in fake.calls_to("chat.postMessage") if _outcome_reply(c)]
    assert len(outcome) == 1
