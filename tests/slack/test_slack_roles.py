"""Who may change an incident (:class:`bot.slack.roles.Roles`), against the fake Slack Web API:
the commander, the catalog owners, members of owning user groups (looked up and cached), and the
rule for incidents nobody owns."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.catalog import Catalog
from bot.slack.roles import Roles
from tests.support.fake_slack import FakeSlack

CATALOG = Catalog.from_mapping(
    {
        "services": {
            "checkout": {"owners": ["S0PAYMENTS", "UOWNER"]},
            "payments-db": {"owners": ["S0PAYMENTS", "UDBA"]},
            "search": {"owners": ["S0GONE"]},
            "orphan": {},
        }
    }
)


class Ticks:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as slack:
        slack.usergroups["S0PAYMENTS"] = ["UALICE", "UBOB"]
        yield slack


def _roles(fake: FakeSlack, ticks: Ticks | None = None, cache_seconds: float = 60.0) -> Roles:
    client = AsyncWebClient(token="xoxb-test", base_url=fake.api_url)
    return Roles(client, CATALOG, cache_seconds=cache_seconds, monotonic=ticks or Ticks())


def _lookups(fake: FakeSlack) -> int:
    return len(fake.calls_to("usergroups.users.list"))


async def test_owners_are_those_of_the_incident_services_in_order_each_once(fake: FakeSlack) -> None:
    roles = _roles(fake)
    assert roles.owners(["checkout", "payments-db", "orphan", "not-in-catalog"]) == ("S0PAYMENTS", "UOWNER", "UDBA")
    assert roles.owners([]) == ()


async def test_the_commander_and_direct_owners_may_act_without_asking_slack(fake: FakeSlack) -> None:
    roles = _roles(fake)
    assert await roles.may_act("UCMD", ["checkout"], commander="UCMD")
    assert await roles.may_act("UCMD", [], commander="UCMD")
    assert await roles.may_act("UOWNER", ["checkout"], commander=None)
    assert fake.calls == []


async def test_members_of_an_owning_user_group_may_act_and_others_may_not(fake: FakeSlack) -> None:
    roles = _roles(fake)
    assert await roles.may_act("UBOB", ["checkout"], commander=None)
    assert not await roles.may_act("UMALLORY", ["checkout"], commander="UCMD")
    assert not await roles.may_act("UDBA", ["checkout"], commander=None)  # owns payments-db, not checkout
    assert [c.args["usergroup"] for c in fake.calls_to("usergroups.users.list")] == ["S0PAYMENTS"]


async def test_group_members_are_cached_for_cache_seconds(fake: FakeSlack) -> None:
    ticks = Ticks()
    roles = _roles(fake, ticks, cache_seconds=60)
    assert await roles.may_act("UBOB", ["checkout"], None)
    fake.usergroups["S0PAYMENTS"] = ["UALICE"]  # UBOB leaves the team
    ticks.now = 59.9
    assert await roles.may_act("UBOB", ["payments-db"], None)  # still the cached members
    assert _lookups(fake) == 1
    ticks.now = 60.0
    assert not await roles.may_act("UBOB", ["checkout"], None)
    assert _lookups(fake) == 2


async def test_a_failed_lookup_keeps_the_last_members_known_and_knows_nobody_at_first(fake: FakeSlack) -> None:
    ticks = Ticks()
    roles = _roles(fake, ticks, cache_seconds=60)
    assert await roles.may_act("UALICE", ["checkout"], None)
    ticks.now = 120.0
    fake.fail("usergroups.users.list", "missing_scope", times=2)
    assert await roles.may_act("UALICE", ["checkout"], None)  # the members seen before
    assert not await roles.may_act("UALICE", ["search"], None)  # S0GONE: never looked up successfully
    assert await roles.may_act("UALICE", ["checkout"], None)  # asked again, and the answer is cached anew
    assert _lookups(fake) == 4


async def test_with_no_owners_and_no_commander_anyone_may_take_the_incident_up(fake: FakeSlack) -> None:
    roles = _roles(fake)
    for services in ([], ["orphan"], ["not-in-catalog"]):  # declared, or services without owners
        assert await roles.may_take_up("UANYONE", services, commander=None)
        assert not await roles.may_act("UANYONE", services, commander=None)


async def test_once_there_is_a_commander_or_an_owner_the_incident_is_theirs(fake: FakeSlack) -> None:
    roles = _roles(fake)
    assert not await roles.may_take_up("UANYONE", ["orphan"], commander="UCMD")
    assert await roles.may_take_up("UCMD", ["orphan"], commander="UCMD")
    assert not await roles.may_take_up("UMALLORY", ["checkout"], commander=None)
    assert await roles.may_take_up("UBOB", ["checkout"], commander=None)
