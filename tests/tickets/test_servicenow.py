"""The ServiceNow connector against a Table API look-alike on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from connectors.tickets import TicketError
from connectors.tickets.servicenow import ServiceNow
from tests.support.fake_servicenow import FakeServiceNow
from tests.tickets.drafts import draft


@pytest.fixture
async def now() -> AsyncIterator[FakeServiceNow]:
    async with FakeServiceNow() as server:
        yield server


@pytest.fixture
async def client(now: FakeServiceNow) -> AsyncIterator[ServiceNow]:
    connector = ServiceNow(now.url, "opsdesk.integration", "now-secret", timeout_seconds=1.0)
    yield connector
    await connector.close()


async def test_create_files_an_incident_carrying_the_conversation(now: FakeServiceNow, client: ServiceNow) -> None:
    ticket = await client.create(draft(priority="P1"))
    assert (ticket.system, ticket.key, ticket.state) == ("servicenow", "INC0010001", "open")
    record = now.by_number("INC0010001")
    assert ticket.url is not None
    assert record["sys_id"] in ticket.url
    assert (record["impact"], record["urgency"], record["category"]) == ("1", "1", "network")
    assert (record["correlation_id"], record["correlation_display"]) == ("conv-1:ticket", "opsdesk")
    assert record["caller_id"] == "ana@example.com"
    for expected in ("my vpn keeps dropping", "did that, still drops", "- kb/vpn-reset"):
        assert expected in record["description"]


async def test_a_retried_create_returns_the_same_incident(now: FakeServiceNow, client: ServiceNow) -> None:
    first = await client.create(draft())
    assert await client.create(draft()) == first
    assert len(now.incidents) == 1
    [query, *_] = [r for r in now.requests if r.method == "GET"]
    assert query.query["sysparm_query"] == "correlation_id=conv-1:ticket"


async def test_a_create_whose_answer_was_lost_is_found_not_repeated(now: FakeServiceNow, client: ServiceNow) -> None:
    now.fail_writes(
        500, {"error": {"message": "Internal error", "detail": ""}, "status": "failure"}, after_applying=True
    )
    assert (await client.create(draft())).key == "INC0010001"
    assert len(now.incidents) == 1


async def test_a_server_error_says_no_incident_was_opened(now: FakeServiceNow, client: ServiceNow) -> None:
    now.fail_writes(503, {"error": {"message": "Instance hibernating", "detail": "try later"}, "status": "failure"})
    with pytest.raises(TicketError, match=r"HTTP 503 \(Instance hibernating; try later\): no incident was opened"):
        await client.create(draft())
    assert now.incidents == {}


async def test_an_unknown_outcome_is_said_so(now: FakeServiceNow) -> None:
    client = ServiceNow(now.url, "opsdesk.integration", "now-secret", timeout_seconds=0.3)
    try:
        ticket = await client.create(draft())
        now.hang_writes()
        with pytest.raises(TicketError, match=r"comment on INC0010001 no answer \(.*\): outcome unknown"):
            await client.comment(ticket.key, "U123", "hello")
    finally:
        await client.close()


async def test_wrong_credentials_are_refused(now: FakeServiceNow) -> None:
    client = ServiceNow(now.url, "opsdesk.integration", "wrong", timeout_seconds=1.0)
    try:
        with pytest.raises(
            TicketError, match=r"refused, check the user and password: HTTP 401 \(User Not Authenticated"
        ):
            await client.create(draft())
    finally:
        await client.close()
    assert now.incidents == {}


async def test_comments_go_to_the_journal(now: FakeServiceNow, client: ServiceNow) -> None:
    ticket = await client.create(draft())
    await client.comment(ticket.key, "U123", "still dropping")
    assert now.journal[now.by_number(ticket.key)["sys_id"]] == ["U123: still dropping"]
    with pytest.raises(TicketError, match="no incident INC0099999"):
        await client.comment("INC0099999", "U123", "hello")


async def test_state_changes_carry_what_the_data_policy_asks(now: FakeServiceNow, client: ServiceNow) -> None:
    ticket = await client.create(draft())
    assert (await client.transition(ticket.key, "in_progress")).state == "in_progress"
    assert (await client.transition(ticket.key, "resolved")).state == "resolved"
    record = now.by_number(ticket.key)
    assert (record["state"], record["close_code"]) == ("6", "Solved (Permanently)")
    await client.transition(ticket.key, "closed")
    with pytest.raises(TicketError, match="ACL Exception"):
        await client.transition(ticket.key, "open")


async def test_a_state_the_instance_lacks_is_named(now: FakeServiceNow) -> None:
    client = ServiceNow(now.url, "opsdesk.integration", "now-secret", states={"in_progress": "42"})
    try:
        ticket = await client.create(draft())
        with pytest.raises(TicketError, match=r"stayed in state '1': the workflow refused in_progress \(state 42\)"):
            await client.transition(ticket.key, "in_progress")
    finally:
        await client.close()
