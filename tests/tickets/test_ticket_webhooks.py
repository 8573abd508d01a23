"""Jira and ServiceNow webhooks move the desk's tickets, once per delivery, and only a person's
changes are news for the requester; the bot's own changes coming back tell nobody anything."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from prometheus_client import CollectorRegistry
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.coordination import TimerWorker
from bot.desk.ticket_events import jira_event, servicenow_event
from bot.desk.ticket_mirror import COMMENT_LIMIT, MirroredTickets, TicketMirror, TicketNews, news_of
from bot.desk.ticket_systems import JiraTicketSettings, ServiceNowTicketSettings
from bot.intake.ticket_hooks import TicketHooks
from bot.observability.metrics import ServerMetrics
from bot.store import Storage
from bot.store.tables import TicketDeliveryRow
from bot.store.ticket_mirror import Delivery, MirroredTicket
from connectors.tickets.jira import Jira
from connectors.tickets.servicenow import ServiceNow
from tests.intake_fixtures import open_store
from tests.support.fake_jira import FakeJira
from tests.support.fake_servicenow import FakeServiceNow
from tests.tickets.drafts import T0, draft

RemoteSettings = JiraTicketSettings | ServiceNowTicketSettings
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
SECRET = "It0sE3cr3t-shared-with-jira"
BOT_ACCOUNT = "5b10ac8d82e05b22cc7d4ef5"
ANA = ("557058:f1c2", "Ana López")
JIRA = JiraTicketSettings(
    type="jira",
    url="https://example.atlassian.net",
    project="DESK",
    email="bot@example.com",
    token_env="JIRA_API_TOKEN",
    webhook_secret_env="JIRA_WEBHOOK_SECRET",
    account_id=BOT_ACCOUNT,
)
SERVICENOW = ServiceNowTicketSettings(
    type="servicenow",
    url="https://example.service-now.com",
    user="opsdesk.integration",
    password_env="SERVICENOW_PASSWORD",
    webhook_secret_env="SERVICENOW_WEBHOOK_SECRET",
)


@pytest.fixture(params=BACKENDS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Storage]:
    async with open_store(str(request.param), tmp_path) as opened:
        yield opened


@dataclass
class Hooks:
    url: str
    mirror: TicketMirror
    worker: TimerWorker
    news: list[TicketNews] = field(default_factory=list)

    async def told(self) -> list[TicketNews]:
        """What the requesters were told, once every telling the deliveries scheduled has run."""
        await self.worker.wait_idle()
        return list(self.news)


def listening_mirror(store: Storage, holder: str) -> tuple[TicketMirror, TimerWorker, list[TicketNews]]:
    """A mirror whose news timers a started worker runs, and the news it tells."""
    mirror = TicketMirror(store.mirrored_tickets, store.timers, FixedClock(T0))
    worker = TimerWorker(store.timers, FixedClock(T0), holder=holder)
    mirror.register_timers(worker)
    heard: list[TicketNews] = []

    async def listen(news: TicketNews) -> None:
        heard.append(news)

    mirror.on_news(listen)
    worker.start()
    return mirror, worker, heard


@contextlib.asynccontextmanager
async def hooks_serving(
    store: Storage, settings: JiraTicketSettings | ServiceNowTicketSettings
) -> AsyncIterator[Hooks]:
    mirror, worker, heard = listening_mirror(store, "serving")
    app = web.Application()
    TicketHooks(settings, SECRET, mirror, ServerMetrics(CollectorRegistry()), max_body_bytes=65_536).mount(app)
    server = TestServer(app, host="127.0.0.1", port=0)
    await server.start_server()
    hooks = Hooks(str(server.make_url(f"/hooks/tickets/{settings.type}")), mirror, worker, heard)
    try:
        yield hooks
    finally:
        await server.close()
        await worker.close(5.0)


@contextlib.asynccontextmanager
async def jira_desk(store: Storage) -> AsyncIterator[tuple[FakeJira, MirroredTickets, Hooks]]:
    async with FakeJira(account_id=BOT_ACCOUNT) as jira, hooks_serving(store, JIRA) as hooks:
        client = Jira(jira.url, "DESK", "bot@example.com", "jira-token")
        jira.send_webhooks(hooks.url, SECRET)
        try:
            yield jira, MirroredTickets(client, store.mirrored_tickets, FixedClock(T0)), hooks
        finally:
            await client.close()


async def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, object]]:
    async with aiohttp.ClientSession() as session, session.post(url, data=body, headers=headers) as response:
        return response.status, await response.json()


def _signed(body: bytes, delivery: str = "d-1") -> dict[str, str]:
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Hub-Signature": signature, "X-Atlassian-Webhook-Identifier": delivery}


async def _deliveries(store: Storage) -> int:
    async with store.database.read() as connection:
        return int(await connection.scalar(select(func.count()).select_from(TicketDeliveryRow)) or 0)


async def test_a_person_working_the_issue_in_jira_moves_the_request_and_tells_the_requester(store: Storage) -> None:
    async with jira_desk(store) as (jira, tickets, hooks):
        ticket = await tickets.create(draft())
        jira.act(ticket.key, ANA, status="In Progress", comment="Looking at it now.\nCan you restart first?")
        answers = await jira.webhooks.deliver()
        assert [status for status, _ in answers] == [200, 200]
        assert [answer["status"] for _, answer in answers] == ["applied", "applied"]
        mirrored = await store.mirrored_tickets.get("jira", ticket.key)
        assert mirrored is not None
        assert mirrored.state == "in_progress"
        # each delivery is told by a timer of its own: in either order
        assert sorted(((n.state, n.comment, n.actor) for n in await hooks.told()), key=str) == [
            ("in_progress", "", "Ana López"),
            (None, "Looking at it now.\nCan you restart first?", "Ana López"),
        ]
        assert {(n.requester, n.key, n.url) for n in await hooks.told()} == {("U123", ticket.key, ticket.url)}
        [summary] = await store.mirrored_tickets.requests_of("U123")
        assert (summary.reference, summary.state, summary.title) == (ticket.key, "in_progress", draft().summary)


async def test_news_acknowledged_by_a_process_that_then_died_is_told_once_after_a_restart(store: Storage) -> None:
    """The webhook was answered and the process died before telling anyone: the telling was
    committed with the delivery, so the next process to run timers tells it, once; Jira's retry
    of the same delivery tells nobody again."""
    async with FakeJira(account_id=BOT_ACCOUNT) as jira:
        client = Jira(jira.url, "DESK", "bot@example.com", "jira-token")
        try:
            ticket = await MirroredTickets(client, store.mirrored_tickets, FixedClock(T0)).create(draft())
        finally:
            await client.close()
        jira.send_webhooks("http://127.0.0.1:9/unused", SECRET)
        jira.act(ticket.key, ANA, comment="Swapped your dock.")
        [delivery] = jira.webhooks.queued
    dead = TicketMirror(store.mirrored_tickets, store.timers, FixedClock(T0))  # answers, runs no timers
    event = jira_event(json.loads(delivery.body), BOT_ACCOUNT)
    identifier = delivery.headers["X-Atlassian-Webhook-Identifier"]
    assert (await dead.receive(event, identifier)).outcome == "applied"
    restarted, worker, heard = listening_mirror(store, "after-restart")
    try:
        await worker.wait_idle()
        assert [n.comment for n in heard] == ["Swapped your dock."]
        assert (await restarted.receive(event, identifier)).outcome == "duplicate"
        await worker.wait_idle()
        assert [n.comment for n in heard] == ["Swapped your dock."]
    finally:
        await worker.close(5.0)


async def test_the_bots_own_changes_come_back_and_tell_nobody(store: Storage) -> None:
    async with jira_desk(store) as (jira, tickets, hooks):
        ticket = await tickets.create(draft())
        await tickets.comment(ticket.key, "U123", "any news?")
        await tickets.transition(ticket.key, "resolved")
        answers = await jira.webhooks.deliver()
        assert [answer["status"] for _, answer in answers] == ["applied", "applied"]
        mirrored = await store.mirrored_tickets.get("jira", ticket.key)
        assert mirrored is not None
        assert mirrored.state == "resolved", "the state is recorded whoever moved it"
        assert await hooks.told() == []


async def test_a_retried_delivery_is_applied_once_even_when_both_arrive_together(store: Storage) -> None:
    async with jira_desk(store) as (jira, tickets, hooks):
        ticket = await tickets.create(draft())
        jira.act(ticket.key, ANA, comment="Replaced your dock.")
        [delivery] = jira.webhooks.queued
        answers = await asyncio.gather(*(jira.webhooks.post(delivery) for _ in range(3)))
        assert sorted(answer["status"] for _, answer in answers) == ["applied", "duplicate", "duplicate"]
        assert [n.comment for n in await hooks.told()] == ["Replaced your dock."]
        assert await _deliveries(store) == 1


async def test_an_older_delivery_arriving_late_does_not_move_the_ticket_back(store: Storage) -> None:
    async with jira_desk(store) as (jira, tickets, hooks):
        ticket = await tickets.create(draft())
        jira.act(ticket.key, ANA, status="In Progress")
        jira.act(ticket.key, ANA, status="Done")
        started, done = jira.webhooks.queued
        await jira.webhooks.post(done)
        status, answer = await jira.webhooks.post(started)
        assert (status, answer["status"], answer["state"]) == (200, "applied", "resolved")
        mirrored = await store.mirrored_tickets.get("jira", ticket.key)
        assert mirrored is not None
        assert mirrored.state == "resolved"
        assert [n.state for n in await hooks.told()] == ["resolved"], "the stale move is no news"


async def test_issues_the_desk_did_not_file_change_nothing(store: Storage) -> None:
    async with jira_desk(store) as (jira, _tickets, hooks):
        plain = Jira(jira.url, "DESK", "bot@example.com", "jira-token")
        try:
            other = await plain.create(draft("filed-elsewhere"))
        finally:
            await plain.close()
        jira.act(other.key, ANA, status="Done", comment="closing")
        answers = await jira.webhooks.deliver()
        assert [(status, answer["status"]) for status, answer in answers] == [(200, "ignored"), (200, "ignored")]
        assert "was not filed by the desk" in str(answers[0][1]["reason"])
        assert await store.mirrored_tickets.get("jira", other.key) is None
        assert await _deliveries(store) == 0
        assert await hooks.told() == []


@pytest.mark.parametrize(
    ("headers", "status", "error"),
    [
        ({}, 401, "X-Hub-Signature: missing signature"),
        ({"X-Hub-Signature": "sha256=" + "0" * 64, "X-Atlassian-Webhook-Identifier": "d-1"}, 401, "wrong signature"),
    ],
)
async def test_unsigned_or_wrongly_signed_deliveries_are_refused_and_store_nothing(
    store: Storage, headers: dict[str, str], status: int, error: str
) -> None:
    async with jira_desk(store) as (jira, tickets, hooks):
        ticket = await tickets.create(draft())
        jira.act(ticket.key, ANA, status="Done")
        [delivery] = jira.webhooks.queued
        answer = await _post(hooks.url, delivery.body, headers)
        assert answer[0] == status
        assert error in str(answer[1]["error"])
        mirrored = await store.mirrored_tickets.get("jira", ticket.key)
        assert mirrored is not None
        assert mirrored.state == "open"
        assert await _deliveries(store) == 0


@pytest.mark.parametrize(
    ("body", "delivery", "error"),
    [
        (b"{not json", "d-1", "body: malformed JSON"),
        (b"[1, 2]", "d-1", "body: must be a JSON object"),
        (b'{"webhookEvent": "jira:issue_updated"}', "d-1", "issue.key: required"),
        (b'{"issue": {"key": "DESK-1"}}', "", "X-Atlassian-Webhook-Identifier: required"),
    ],
)
async def test_a_signed_body_that_is_no_issue_event_is_a_400_naming_the_problem(
    store: Storage, body: bytes, delivery: str, error: str
) -> None:
    async with hooks_serving(store, JIRA) as hooks:
        status, answer = await _post(hooks.url, body, _signed(body, delivery))
    assert status == 400
    assert error in str(answer["error"])
    assert await _deliveries(store) == 0


async def test_servicenow_updates_move_the_incident_with_a_bearer_token(store: Storage) -> None:
    async with FakeServiceNow() as now, hooks_serving(store, SERVICENOW) as hooks:
        now.send_updates(hooks.url, SECRET)
        client = ServiceNow(now.url, "opsdesk.integration", "now-secret")
        tickets = MirroredTickets(client, store.mirrored_tickets, FixedClock(T0))
        try:
            ticket = await tickets.create(draft())
            await tickets.comment(ticket.key, "U123", "any news?")
        finally:
            await client.close()
        now.act(ticket.key, "ana.lopez", state="6", comment="Replaced the dock; it charges now.")
        _own, person = now.webhooks.queued
        answers = await now.webhooks.deliver()
        assert [(status, answer["status"]) for status, answer in answers] == [(200, "applied"), (200, "applied")]
        assert (await now.webhooks.post(person))[1]["status"] == "duplicate"
        wrong = {**person.headers, "Authorization": "Bearer not-the-secret"}
        status, answer = await _post(hooks.url, person.body, wrong)
        assert (status, answer["error"]) == (401, "authorization: wrong bearer token")
        mirrored = await store.mirrored_tickets.get("servicenow", ticket.key)
        assert mirrored is not None
        assert mirrored.state == "resolved"
        assert [(n.state, n.comment, n.actor) for n in await hooks.told()] == [
            ("resolved", "Replaced the dock; it charges now.", "ana.lopez")
        ], "the bot's own comment is no news"


async def test_a_servicenow_record_without_its_change_count_is_refused(store: Storage) -> None:
    async with hooks_serving(store, SERVICENOW) as hooks:
        body = json.dumps({"number": "INC0010001", "state": "6"}).encode()
        status, answer = await _post(hooks.url, body, {"Authorization": f"Bearer {SECRET}"})
    assert status == 400
    assert "sys_mod_count: required" in str(answer["error"])


def test_comment_bodies_are_read_as_text_whichever_shape_jira_sends() -> None:
    adf = {
        "type": "doc",
        "version": 1,
        "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "first"}, {"type": "hardBreak"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "second"}]},
        ],
    }
    for body, text in ((adf, "first\n\nsecond"), ("  plain  ", "plain"), (42, "")):
        event = jira_event({"issue": {"key": "DESK-1"}, "comment": {"body": body}}, BOT_ACCOUNT)
        assert event.text == text
    unknown_status = jira_event({"issue": {"key": "DESK-1", "fields": {"status": {}}}}, BOT_ACCOUNT)
    assert (unknown_status.state, unknown_status.order, unknown_status.changed_by_bot) == (None, 0, True)


def test_servicenow_state_codes_follow_the_configured_map() -> None:
    renamed = servicenow_event(
        {"number": "INC1", "state": "105", "sys_mod_count": "4", "sys_updated_by": "ana"}, "bot", {"resolved": "105"}
    )
    assert (renamed.state, renamed.order, renamed.changed_by_bot) == ("resolved", 4, False)
    assert servicenow_event({"number": "INC1", "sys_mod_count": True}, "bot").order == 0


def test_news_quotes_a_long_comment_up_to_its_limit() -> None:
    ticket = MirroredTicket("jira", "DESK-1", None, "Dock", "U1", "open", 0, T0, T0)
    event = jira_event(
        {"issue": {"key": "DESK-1"}, "comment": {"body": "x" * 5000, "author": {"accountId": "a"}}}, BOT_ACCOUNT
    )
    news = news_of(event, Delivery("applied", ticket, ticket))
    assert news is not None
    assert len(news.comment) == COMMENT_LIMIT
    assert news.comment.endswith("…")
    assert news_of(event, Delivery("duplicate")) is None
