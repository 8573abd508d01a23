"""The Jira connector against a Jira look-alike on loopback (REST v3 shapes, basic auth)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from connectors.tickets import TicketError
from connectors.tickets.jira import Jira, idempotency_label
from tests.support.fake_jira import FakeJira, adf_text
from tests.tickets.drafts import draft


@pytest.fixture
async def jira() -> AsyncIterator[FakeJira]:
    async with FakeJira() as server:
        yield server


@pytest.fixture
async def client(jira: FakeJira) -> AsyncIterator[Jira]:
    connector = Jira(jira.url, "DESK", "bot@example.com", "jira-token", timeout_seconds=1.0)
    yield connector
    await connector.close()


async def test_create_files_an_issue_carrying_the_conversation(jira: FakeJira, client: Jira) -> None:
    ticket = await client.create(draft(priority="P2"))
    assert (ticket.system, ticket.key, ticket.state) == ("jira", "DESK-1", "open")
    assert ticket.url == f"{jira.url}/browse/DESK-1"
    fields = jira.issue("DESK-1").fields
    assert fields["summary"] == "VPN drops every ten minutes"
    assert fields["priority"] == {"name": "High"}
    assert fields["issuetype"] == {"name": "Task"}
    assert set(fields["labels"]) == {"opsdesk", idempotency_label("conv-1:ticket"), "opsdesk-network"}
    text = adf_text(fields["description"])
    for expected in ("my vpn keeps dropping", "did that, still drops", "kb/vpn-reset", "ana@example.com"):
        assert expected in text


async def test_a_retried_create_returns_the_same_issue(jira: FakeJira, client: Jira) -> None:
    first = await client.create(draft())
    again = await client.create(draft(summary="worded differently"))
    assert again == first
    assert len(jira.issues) == 1


async def test_a_create_whose_answer_was_lost_is_found_not_repeated(jira: FakeJira, client: Jira) -> None:
    jira.fail_writes(502, {"errorMessages": ["Bad gateway"], "errors": {}}, after_applying=True)
    ticket = await client.create(draft())
    assert ticket.key == "DESK-1"
    assert len(jira.issues) == 1


async def test_a_server_error_says_no_issue_was_opened(jira: FakeJira, client: Jira) -> None:
    jira.fail_writes(503, {"errorMessages": ["Service unavailable"], "errors": {}})
    with pytest.raises(TicketError, match=r"HTTP 503 \(Service unavailable\): no issue was opened"):
        await client.create(draft())
    assert jira.issues == {}
    assert (await client.create(draft())).key == "DESK-1"


async def test_a_timeout_then_a_retry_opens_one_issue(jira: FakeJira) -> None:
    client = Jira(jira.url, "DESK", "bot@example.com", "jira-token", timeout_seconds=0.3)
    try:
        jira.hang_writes(after_applying=True)
        ticket = await client.create(draft())  # the answer never came; the search finds the issue
        assert ticket.key == "DESK-1"
        assert len(jira.issues) == 1
    finally:
        await client.close()


async def test_a_timeout_before_applying_says_nothing_was_opened(jira: FakeJira) -> None:
    client = Jira(jira.url, "DESK", "bot@example.com", "jira-token", timeout_seconds=0.3)
    try:
        jira.hang_writes()
        with pytest.raises(TicketError, match=r"create no answer \(.*\): no issue was opened"):
            await client.create(draft())
        assert jira.issues == {}
    finally:
        await client.close()


async def test_wrong_credentials_are_refused(jira: FakeJira) -> None:
    client = Jira(jira.url, "DESK", "bot@example.com", "wrong", timeout_seconds=1.0)
    try:
        with pytest.raises(TicketError, match="refused, check the email and API token: HTTP 401"):
            await client.create(draft())
    finally:
        await client.close()
    assert jira.issues == {}
    assert all(r.authorization and r.authorization.startswith("Basic ") for r in jira.requests)


async def test_jira_validation_errors_are_named(jira: FakeJira) -> None:
    client = Jira(jira.url, "OTHER", "bot@example.com", "jira-token", timeout_seconds=1.0)
    try:
        with pytest.raises(TicketError, match="project: valid project is required"):
            await client.create(draft())
    finally:
        await client.close()


async def test_comments_are_adf_with_the_author(jira: FakeJira, client: Jira) -> None:
    ticket = await client.create(draft())
    await client.comment(ticket.key, "U123", "still dropping\nat home too")
    [comment] = jira.issue(ticket.key).comments
    assert adf_text(comment["body"]).split() == ["U123:", "still", "dropping", "at", "home", "too"]
    with pytest.raises(TicketError, match="Issue does not exist"):
        await client.comment("DESK-99", "U123", "hello")


async def test_transition_picks_the_transition_to_the_status(jira: FakeJira, client: Jira) -> None:
    ticket = await client.create(draft())
    moved = await client.transition(ticket.key, "in_progress")
    assert moved.state == "in_progress"
    assert jira.issue(ticket.key).status == "In Progress"
    await client.transition(ticket.key, "resolved")
    assert jira.issue(ticket.key).status == "Done"
    assert (await client.create(draft())).state == "resolved"


async def test_a_status_the_workflow_lacks_is_named(jira: FakeJira, client: Jira) -> None:
    ticket = await client.create(draft())
    with pytest.raises(TicketError, match=r"no transition to 'Closed' \(available: Done, In Progress\)"):
        await client.transition(ticket.key, "closed")
    assert jira.issue(ticket.key).status == "To Do"


async def test_statuses_can_be_renamed_for_a_project_workflow(jira: FakeJira) -> None:
    client = Jira(jira.url, "DESK", "bot@example.com", "jira-token", statuses={"closed": "Done"})
    try:
        ticket = await client.create(draft())
        assert (await client.transition(ticket.key, "closed")).state == "closed"
        assert jira.issue(ticket.key).status == "Done"
    finally:
        await client.close()
