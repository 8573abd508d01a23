"""Access requests through Slack, end to end: signed requests to the real Bolt app (App Home, the
modal, its options, its submission, the owners' buttons), the fake Slack Web API, a real store,
the policy file, and a signed-webhook receiver that counts grants and revocations.

Identity and e-mail come from ``users.info`` (the fake serves it), never from what was typed.
The revoke timers stay pending (hours ahead), so these tests wait for the Slack background work,
not for the timer worker to be idle.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestServer

from bot.clock import FixedClock
from bot.desk.resources import load_resources
from bot.slack.handlers.access import open_access_modal
from bot.slack.parsing import access as values
from tests.slack.harness import Harness, running
from tests.support.executor_receivers import WebhookReceiver

pytestmark = pytest.mark.timeout(90)
SECRET = "executor-secret"
RESOURCES_YAML = """\
resources:
  - {id: figma-seat, name: Figma editor seat, sensitivity: low, owners: [UDESIGN], max_duration: 90d,
     executor: access-hook, aliases: [figma]}
  - id: prod-orders-db-read
    name: Production orders database (read-only)
    description: SELECT on the orders schema
    sensitivity: high
    owners: [S0DBA]
    max_duration: 8h
    executor: access-hook
    aliases: [orders db]
  - {id: prod-admin, name: Production admin, sensitivity: critical, owners: [S0SRE], max_duration: 4h,
     executor: access-hook}
"""
DBAS = ["UDBA1", "UDBA2", "UBOB", "UDBABOT"]
SRES = ["USRE1", "USRE2"]
JUSTIFY = "Investigating <!channel> refund bug OPS-7"


def policy_yaml(url: str, *, shadow: bool = False) -> str:
    return f"""\
shadow_mode: {str(shadow).lower()}
executors:
  access-hook: {{type: webhook, url: "{url}", secret_env: OPSDESK_EXECUTOR_SECRET}}
"""


@dataclass
class World:
    slack: Harness
    receiver: WebhookReceiver

    async def idle(self) -> None:
        await self.slack.bot.incidents.runner.wait_idle()

    async def click(self, user: str, action_id: str, value: str, **send: Any) -> int:
        status, _ = await self.slack.click(user, action_id, value, settle=False, **send)
        await self.idle()
        return status

    async def interact(self, payload: dict[str, Any]) -> tuple[int, str]:
        body = {"team": {"id": "T0001", "domain": "test"}, "api_app_id": "A1", "token": "legacy", **payload}
        result = await self.slack.send(urlencode({"payload": json.dumps(body)}), "application/x-www-form-urlencoded")
        await self.idle()
        return result

    async def submit(self, user: str, resource: str, duration: str, justification: str = "", view: str = "V1") -> Any:
        state = {
            values.RESOURCE_BLOCK: {
                values.RESOURCE_BLOCK: {"type": "external_select", "selected_option": {"value": resource}}
            },
            values.DURATION_BLOCK: {values.DURATION_BLOCK: {"type": "plain_text_input", "value": duration}},
            values.JUSTIFICATION_BLOCK: {
                values.JUSTIFICATION_BLOCK: {"type": "plain_text_input", "value": justification or None}
            },
        }
        status, text = await self.interact(
            {
                "type": "view_submission",
                "user": {"id": user, "username": user.lower(), "team_id": "T0001"},
                "trigger_id": "trigger-submit",
                "view": {"id": view, "type": "modal", "callback_id": values.MODAL, "state": {"values": state}},
            }
        )
        assert status == 200, text
        return json.loads(text) if text else None

    async def home(self, user: str) -> dict[str, Any]:
        event = {"type": "app_home_opened", "user": user, "channel": "D" + user, "tab": "home"}
        body = {"token": "legacy", "team_id": "T0001", "api_app_id": "A1", "type": "event_callback"}
        body |= {"event_id": f"EvHome{user}{len(self.slack.fake.calls)}", "event_time": 1, "event": event}
        status, _ = await self.slack.send(json.dumps(body), "application/json")
        assert status == 200
        await self.idle()
        return self.slack.fake.homes[user]

    def dms(self, user: str) -> list[dict[str, Any]]:
        return [m for m in self.slack.fake.messages.values() if m["channel"] == user]

    def buttons(self, user: str, action_id: str) -> list[str]:
        found = []
        for message in self.dms(user):
            for block in message.get("blocks") or []:
                for element in [*(block.get("elements") or []), block.get("accessory") or {}]:
                    if element.get("action_id") == action_id:
                        found.append(str(element["value"]))
        return found

    def actions(self) -> list[str]:
        return [body["action"] for body in self.receiver.bodies]


@pytest.fixture
async def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    receiver = WebhookReceiver(SECRET)
    server = TestServer(receiver.app, host="127.0.0.1", port=0)
    await server.start_server()
    monkeypatch.setenv("OPSDESK_EXECUTOR_SECRET", SECRET)
    policy = tmp_path / "policy.yaml"
    policy.write_text(policy_yaml(str(server.make_url("/hooks/opsdesk"))))
    resources = tmp_path / "resources.yaml"
    resources.write_text(RESOURCES_YAML)
    try:
        async with running(tmp_path, settings={"policy_file": policy, "resources_file": resources}) as slack:
            slack.fake.usergroups |= {"S0DBA": list(DBAS), "S0SRE": list(SRES)}
            slack.fake.users["UBOB"] = {"profile": {"email": "bob@example.com"}}
            slack.fake.users["UDBA1"] = {"profile": {"email": "dba1@example.com"}}
            slack.fake.users["UDBABOT"] = {"is_bot": True}
            yield World(slack, receiver)
    finally:
        await server.close()


async def test_app_home_offers_the_desk_and_request_access_opens_the_modal(world: World) -> None:
    home = await world.home("UBOB")
    text = json.dumps(home)
    assert all(part in text for part in ("Request access", "Report a problem", "My requests", "My access"))
    assert values.OPEN in text
    assert "desk-report-problem" in text
    await world.click("UBOB", values.OPEN, values.open_value())
    [modal] = world.slack.fake.views.values()
    assert modal["callback_id"] == values.MODAL
    assert [b["block_id"] for b in modal["blocks"]] == [
        values.RESOURCE_BLOCK,
        values.DURATION_BLOCK,
        values.JUSTIFICATION_BLOCK,
    ]


async def test_the_conversation_can_open_the_modal_pre_filled(world: World) -> None:
    catalog = load_resources(world.slack.settings.resources_file)
    assert await open_access_modal(world.slack.bot.incidents.client, "trigger-x", catalog, "prod-orders-db-read")
    [modal] = world.slack.fake.views.values()
    select = modal["blocks"][0]["element"]
    assert select["initial_option"]["value"] == "prod-orders-db-read"


async def test_the_resource_select_searches_the_catalog(world: World) -> None:
    status, text = await world.interact(
        {
            "type": "block_suggestion",
            "user": {"id": "UBOB"},
            "action_id": values.RESOURCE_SELECT,
            "block_id": values.RESOURCE_BLOCK,
            "value": "orders",
            "view": {"id": "V1", "type": "modal", "callback_id": values.MODAL},
        }
    )
    assert status == 200
    assert [o["value"] for o in json.loads(text)["options"]] == ["prod-orders-db-read"]


@pytest.mark.parametrize(
    ("resource", "duration", "justification", "block", "problem"),
    [
        ("root-everywhere", "1h", JUSTIFY, values.RESOURCE_BLOCK, "not in the resource catalog"),
        ("prod-orders-db-read", "9h", JUSTIFY, values.DURATION_BLOCK, "at most 8h"),
        ("prod-orders-db-read", "soon", JUSTIFY, values.DURATION_BLOCK, "not a duration"),
        ("prod-orders-db-read", "4h", "", values.JUSTIFICATION_BLOCK, "say why"),
    ],
)
async def test_a_bad_submission_is_shown_in_the_modal_and_changes_nothing(
    world: World, resource: str, duration: str, justification: str, block: str, problem: str
) -> None:
    answer = await world.submit("UBOB", resource, duration, justification)
    assert answer["response_action"] == "errors"
    assert problem in answer["errors"][block]
    assert await world.slack.store.access.of_requester("UBOB") == []
    assert [r.kind async for r in world.slack.store.audit.records()] == ["refusal"]
    assert world.receiver.bodies == []


async def test_a_high_request_goes_to_the_owners_and_one_of_them_grants_it(world: World) -> None:
    assert await world.submit("UBOB", "prod-orders-db-read", "4h", JUSTIFY) is None
    assert world.receiver.bodies == [], "nothing is granted before an owner approves"
    assert world.buttons("UBOB", values.APPROVE) == [], "the requester, an owner too, is not asked"
    [approve] = world.buttons("UDBA1", values.APPROVE)
    assert world.buttons("UDBA2", values.APPROVE) == [approve]
    dm = json.dumps(world.dms("UDBA1"))
    assert "&lt;!channel&gt;" in dm, "the justification is escaped"
    assert "<!channel>" not in dm
    await world.click("UBOB", values.APPROVE, approve, channel="DUBOB")
    assert any("cannot approve" in e for e in world.slack.ephemerals("UBOB"))
    await world.click("UDBABOT", values.APPROVE, approve)
    assert any("bots" in e for e in world.slack.ephemerals("UDBABOT"))
    await world.click("UMALLORY", values.APPROVE, approve)
    assert any("only an owner" in e for e in world.slack.ephemerals("UMALLORY"))
    assert world.receiver.bodies == []
    await world.click("UDBA1", values.APPROVE, approve)
    [grant] = world.receiver.bodies
    assert (grant["action"], grant["target"], grant["requested_by"], grant["approved_by"]) == (
        "access-grant",
        "prod-orders-db-read",
        "UBOB",
        "UDBA1",
    )
    assert grant["params"]["email"] == "bob@example.com"
    assert world.buttons("UDBA1", values.APPROVE) == [], "the approval messages were edited in place"
    assert world.buttons("UDBA2", values.APPROVE) == []
    assert len(world.buttons("UBOB", values.REVOKE)) == 1, "the requester is told, with a revoke button"
    [approval] = [r async for r in world.slack.store.audit.records() if r.kind == "approval"]
    assert approval.record["approved_by"] == {"slack_id": "UDBA1", "email": "dba1@example.com"}
    home = json.dumps(world.slack.fake.homes["UBOB"])
    assert "Production orders database" in home
    assert values.REVOKE in home
    assert await world.slack.store.audit.verify() is None


async def test_critical_needs_two_distinct_owners_and_a_double_click_counts_once(world: World) -> None:
    await world.submit("UBOB", "prod-admin", "2h", "I'm the new VP, add me to prod-admin, my manager said OK")
    [approve] = world.buttons("USRE1", values.APPROVE)
    await world.click("USRE1", values.APPROVE, approve)
    await world.click("USRE1", values.APPROVE, approve)
    assert world.receiver.bodies == []
    assert any("already approved" in e for e in world.slack.ephemerals("USRE1"))
    row = (await world.slack.store.access.of_requester("UBOB"))[0]
    assert (row.state, row.approvers) == ("awaiting_approval", ("USRE1",))
    assert "Approved so far by <@USRE1> (1 of 2)" in json.dumps(world.dms("USRE2"))
    assert world.buttons("USRE2", values.APPROVE) == [approve], "still waiting for a second owner"
    await world.click("USRE2", values.APPROVE, approve)
    assert world.actions() == ["access-grant"]
    assert world.receiver.bodies[0]["approved_by"] == "USRE1,USRE2"


async def test_a_low_request_is_granted_at_once_and_revoked_early_by_its_holder(world: World) -> None:
    await world.submit("UBOB", "figma-seat", "7d")
    assert world.actions() == ["access-grant"]
    [revoke] = world.buttons("UBOB", values.REVOKE)
    await world.click("UMALLORY", values.REVOKE, revoke)
    assert world.actions() == ["access-grant"]
    assert any("only the person who holds" in e for e in world.slack.ephemerals("UMALLORY"))
    await world.click("UBOB", values.REVOKE, revoke)
    assert world.actions() == ["access-grant", "access-revoke"]
    home = json.dumps(world.slack.fake.homes["UBOB"])
    assert "No access granted" in home


async def test_a_repeated_submission_is_one_request(world: World) -> None:
    await world.submit("UBOB", "prod-orders-db-read", "4h", JUSTIFY, view="V7")
    await world.submit("UBOB", "prod-orders-db-read", "4h", JUSTIFY, view="V7")
    assert len(await world.slack.store.access.of_requester("UBOB")) == 1
    assert len(world.buttons("UDBA1", values.APPROVE)) == 1


async def test_an_altered_button_value_is_refused(world: World) -> None:
    await world.submit("UBOB", "prod-orders-db-read", "4h", JUSTIFY)
    [approve] = world.buttons("UDBA1", values.APPROVE)
    forged = json.loads(approve) | {"digest": "f" * 40}
    await world.click("UDBA1", values.APPROVE, json.dumps(forged))
    await world.click("UDBA1", values.APPROVE, "{not json")
    assert world.receiver.bodies == []
    replies = world.slack.ephemerals("UDBA1")
    assert any("does not match" in e for e in replies)
    assert any("not opsdesk's" in e for e in replies)


async def test_an_unanswered_request_expires_closed_and_its_messages_say_so(world: World) -> None:
    await world.submit("UBOB", "prod-orders-db-read", "4h", JUSTIFY)
    [approve] = world.buttons("UDBA1", values.APPROVE)
    services = world.slack.bot.incidents
    assert isinstance(services.clock, FixedClock)
    services.clock.advance(timedelta(hours=24))
    await services.worker.wait_idle()
    await world.idle()
    assert world.buttons("UDBA1", values.APPROVE) == [], "the approval message was edited: nothing to click"
    assert any("expired" in m["text"] for m in world.dms("UBOB")), "the requester is told"
    await world.click("UDBA1", values.APPROVE, approve)
    assert world.receiver.bodies == []
    assert any("expired" in e for e in world.slack.ephemerals("UDBA1"))


async def test_a_grant_is_revoked_at_expiry_and_the_holder_is_told(world: World) -> None:
    await world.submit("UBOB", "figma-seat", "1d")
    services = world.slack.bot.incidents
    assert isinstance(services.clock, FixedClock)
    services.clock.advance(timedelta(days=1))
    await services.worker.wait_idle()
    await world.idle()
    assert world.actions() == ["access-grant", "access-revoke"]
    assert any("revoked" in m["text"] for m in world.dms("UBOB"))
    assert "No access granted" in json.dumps(world.slack.fake.homes["UBOB"])


async def test_my_requests_on_app_home_lists_the_persons_tickets_with_their_access_requests(world: World) -> None:
    from bot.clock import SystemClock
    from bot.store.tickets import LocalTickets
    from tests.tickets.drafts import draft

    tickets = LocalTickets(world.slack.store.tickets, SystemClock())
    mine = await tickets.create(draft("conv-9:ticket", requester="UBOB", summary="Dock flickers on the 4K screen"))
    await tickets.create(draft("conv-10:ticket", requester="UCAROL", summary="Someone else's printer"))
    home = json.dumps(await world.home("UBOB"))
    assert mine.key in home
    assert "Dock flickers on the 4K screen" in home
    assert "Someone else" not in home
