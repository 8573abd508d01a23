"""Nothing the bot created triggers the bot: its tickets and its own changes coming back are ignored."""

from __future__ import annotations

from pathlib import Path

from bot.clock import FixedClock
from bot.desk.ticket_events import jira_event, local_event, may_trigger_bot, servicenow_event
from bot.store.tickets import LocalTickets
from connectors.tickets.jira import Jira
from connectors.tickets.servicenow import ServiceNow
from tests.intake_fixtures import open_store
from tests.support.fake_jira import FakeJira
from tests.support.fake_servicenow import FakeServiceNow
from tests.tickets.drafts import T0, draft

BOT_ACCOUNT = "5b10ac8d82e05b22cc7d4ef5"


async def test_local_tickets_the_desk_opened_never_trigger_it(tmp_path: Path) -> None:
    async with open_store("sqlite", tmp_path) as store:
        tickets = LocalTickets(store.tickets, FixedClock(T0))
        ours = await tickets.create(draft("ours"))
        theirs = await tickets.create(draft("theirs", source="it-import"))
        await tickets.comment(ours.key, "U123", "any news?")
        stored = await store.tickets.get(ours.key, with_comments=True)
        other = await store.tickets.get(theirs.key)
    assert stored is not None
    assert other is not None
    [comment] = stored.comments
    assert not may_trigger_bot(local_event(stored.key, stored.source, comment.source))
    assert not may_trigger_bot(local_event(other.key, other.source, "desk"))
    assert may_trigger_bot(local_event(other.key, other.source, "it-import"))


async def test_jira_issues_the_bot_opened_carry_the_mark_the_rule_reads() -> None:
    async with FakeJira() as server:
        client = Jira(server.url, "DESK", "bot@example.com", "jira-token")
        try:
            ticket = await client.create(draft())
        finally:
            await client.close()
        issue = server.issue(ticket.key)
    comment = {"webhookEvent": "comment_created", "comment": {"author": {"accountId": "557058:agent"}, "body": "hi"}}
    ours = {**comment, "issue": {"key": issue.key, "fields": {"labels": issue.fields["labels"]}}}
    assert not may_trigger_bot(jira_event(ours, BOT_ACCOUNT))
    theirs = {**comment, "issue": {"key": "IT-5", "fields": {"labels": ["vpn"]}}}
    assert may_trigger_bot(jira_event(theirs, BOT_ACCOUNT))
    by_bot = {**theirs, "comment": {"author": {"accountId": BOT_ACCOUNT}, "body": "hi"}}
    assert not may_trigger_bot(jira_event(by_bot, BOT_ACCOUNT))
    assert not may_trigger_bot(jira_event({"issue": {"key": "IT-6"}}, BOT_ACCOUNT))  # unreadable: ignored


async def test_servicenow_incidents_the_bot_opened_carry_the_mark_the_rule_reads() -> None:
    async with FakeServiceNow() as server:
        client = ServiceNow(server.url, "opsdesk.integration", "now-secret")
        try:
            ticket = await client.create(draft())
        finally:
            await client.close()
        record = {**server.by_number(ticket.key), "sys_updated_by": "ana.agent"}
    assert not may_trigger_bot(servicenow_event(record, "opsdesk.integration"))
    theirs = {"number": "INC0000042", "correlation_display": "", "sys_updated_by": "ana.agent"}
    assert may_trigger_bot(servicenow_event(theirs, "opsdesk.integration"))
    assert not may_trigger_bot(
        servicenow_event({**theirs, "sys_updated_by": "opsdesk.integration"}, "opsdesk.integration")
    )
