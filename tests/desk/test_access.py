"""Access requests on real databases (SQLite and PostgreSQL), granted and revoked through a real
signed-webhook executor on loopback: each adversarial case is a test, and each checks that
nothing was granted that should not have been."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer
from prometheus_client import CollectorRegistry

from bot.clock import FixedClock
from bot.coordination import TimerWorker
from bot.desk.access import (
    APPROVAL_EXPIRY_TIMER,
    REVOKE_TIMER,
    AccessDesk,
    AccessRefused,
    AccessTiming,
    Person,
)
from bot.desk.resources import parse_resources
from bot.observability.metrics import ServerMetrics
from bot.remediation.executors import build_executors
from bot.remediation.policy import Policy, parse_policy
from bot.store import Storage
from bot.store.access import AccessRequest
from connectors.executors import Executor
from tests.intake_fixtures import T0, database_url
from tests.support.executor_receivers import WebhookReceiver

SECRET = "executor-secret"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
RESOURCES = parse_resources(
    b"""
resources:
  - {id: figma-seat, name: Figma editor seat, sensitivity: low, owners: [U0DESIGN], max_duration: 90d,
     executor: access-hook, aliases: [figma]}
  - {id: github-web-team-write, name: GitHub team web (write), sensitivity: medium, owners: [U0WEBLEAD],
     max_duration: 30d, executor: access-hook}
  - {id: prod-orders-db-read, name: Production orders database (read-only), sensitivity: high,
     owners: [U0DBA, U0DBA2, U0ALICE], max_duration: 8h, executor: access-hook, aliases: [orders db]}
  - {id: prod-admin, name: Production admin, sensitivity: critical, owners: [U0SRE1, U0SRE2, U0SRE3],
     max_duration: 4h, executor: access-hook, aliases: [prod admin]}
"""
)
ALICE = Person("U0ALICE", "alice@example.com")
BOB = Person("U0BOB", "bob@example.com")
DBA = Person("U0DBA", "dba@example.com")
SRE1, SRE2 = Person("U0SRE1", "sre1@example.com"), Person("U0SRE2", "sre2@example.com")
JUSTIFY = "investigating ticket OPS-1234"


def policy(url: str, *, shadow: bool = False) -> Policy:
    return parse_policy(
        f"""\
shadow_mode: {str(shadow).lower()}
executors:
  access-hook: {{type: webhook, url: "{url}", secret_env: OPSDESK_EXECUTOR_SECRET}}
""".encode()
    )


@dataclass
class World:
    url: str
    storage: Storage
    clock: FixedClock
    receiver: WebhookReceiver
    hook_url: str
    executors: list[Executor]
    registry: CollectorRegistry

    def __post_init__(self) -> None:
        self.metrics = ServerMetrics(self.registry)

    def desk(self, storage: Storage | None = None, *, shadow: bool = False) -> AccessDesk:
        chosen = policy(self.hook_url, shadow=shadow)
        executors = build_executors(chosen, {"OPSDESK_EXECUTOR_SECRET": SECRET})
        self.executors += executors.values()
        metrics = ServerMetrics(CollectorRegistry()) if storage is not None else self.metrics
        timing = AccessTiming(approval=timedelta(hours=2), retry=timedelta(seconds=30))
        return AccessDesk(
            storage or self.storage, RESOURCES, chosen, executors, self.clock, metrics=metrics, timing=timing
        )

    async def kinds(self) -> list[str]:
        return [record.kind async for record in self.storage.audit.records()]

    def granted(self) -> list[str]:
        return [body["action"] for body in self.receiver.bodies]


@pytest.fixture(params=BACKENDS)
async def world(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[World]:
    receiver = WebhookReceiver(SECRET)
    server = TestServer(receiver.app, host="127.0.0.1", port=0)
    await server.start_server()
    clock = FixedClock(T0)
    executors: list[Executor] = []
    try:
        async with database_url(str(request.param), tmp_path) as url:
            storage = await Storage.open(url, clock=clock)
            try:
                yield World(
                    url,
                    storage,
                    clock,
                    receiver,
                    str(server.make_url("/hooks/opsdesk")),
                    executors,
                    CollectorRegistry(),
                )
            finally:
                await storage.close()
    finally:
        for executor in executors:
            await executor.close()
        await server.close()


async def test_a_low_resource_is_granted_by_policy_at_once_and_measured(world: World) -> None:
    desk = world.desk()
    row, created = await desk.request(ALICE, "figma-seat", "30d", "", submission="s1")
    assert created
    assert row.state == "granted"
    assert not row.shadow
    assert row.expires_at == T0 + timedelta(days=30)
    [body] = world.receiver.bodies
    assert (body["action"], body["target"], body["requested_by"]) == ("access-grant", "figma-seat", "U0ALICE")
    assert body["params"]["email"] == "alice@example.com"
    assert body["params"]["duration"] == "30d"
    assert await world.kinds() == ["request", "grant"]
    assert world.registry.get_sample_value("opsdesk_access_grants_total", {"sensitivity": "low"}) == 1
    assert world.registry.get_sample_value("opsdesk_access_time_to_grant_seconds_count") == 1
    [timer] = await world.storage.timers.list(kind=REVOKE_TIMER, state="pending")
    assert timer.due_at == row.expires_at
    assert await world.storage.audit.verify() is None


async def test_a_resource_not_in_the_catalog_is_refused_and_only_audited(world: World) -> None:
    desk = world.desk()
    with pytest.raises(AccessRefused, match="not in the resource catalog"):
        await desk.request(ALICE, "root-on-everything", "1h", JUSTIFY, submission="s1")
    assert await world.storage.access.of_requester(ALICE.user) == []
    assert await world.kinds() == ["refusal"]
    assert world.receiver.bodies == []


async def test_a_duration_above_the_maximum_is_refused(world: World) -> None:
    desk = world.desk()
    with pytest.raises(AccessRefused, match="at most 8h"):
        await desk.request(ALICE, "prod-orders-db-read", "9h", JUSTIFY, submission="s1")
    with pytest.raises(AccessRefused, match="not a duration"):
        await desk.request(ALICE, "prod-orders-db-read", "forever", JUSTIFY, submission="s2")
    assert await world.storage.access.of_requester(ALICE.user) == []
    assert await world.kinds() == ["refusal", "refusal"]


async def test_medium_and_up_need_a_justification(world: World) -> None:
    desk = world.desk()
    with pytest.raises(AccessRefused, match="say why"):
        await desk.request(ALICE, "github-web-team-write", "1d", "   ", submission="s1")
    assert await world.storage.access.of_requester(ALICE.user) == []


async def test_a_requester_who_is_also_an_owner_cannot_approve_their_own_request(world: World) -> None:
    desk = world.desk()
    row, _ = await desk.request(ALICE, "prod-orders-db-read", "4h", JUSTIFY, submission="s1")
    assert row.state == "awaiting_approval"
    with pytest.raises(AccessRefused, match="cannot approve"):
        await desk.approve(row.id, ALICE, digest=row.digest, allowed=True)
    after = await world.storage.access.get(row.id)
    assert after is not None
    assert after.state == "awaiting_approval"
    assert after.approvals == ()
    assert world.receiver.bodies == []
    assert await world.kinds() == ["request", "refusal"]


async def test_bots_and_non_owners_never_approve(world: World) -> None:
    desk = world.desk()
    row, _ = await desk.request(BOB, "prod-orders-db-read", "4h", JUSTIFY, submission="s1")
    with pytest.raises(AccessRefused, match="bots"):
        await desk.approve(row.id, Person("U0DBA", None, is_person=False), digest=row.digest, allowed=True)
    with pytest.raises(AccessRefused, match="only an owner"):
        await desk.approve(row.id, Person("U0MALLORY"), digest=row.digest, allowed=False)
    with pytest.raises(AccessRefused, match="does not match"):
        await desk.approve(row.id, DBA, digest="0" * 40, allowed=True)
    assert world.receiver.bodies == []
    granted = await desk.approve(row.id, DBA, digest=row.digest, allowed=True)
    assert granted.state == "granted"
    assert granted.approvers == ("U0DBA",)
    assert world.granted() == ["access-grant"]


async def test_critical_needs_two_distinct_approvers_and_the_same_one_twice_counts_once(world: World) -> None:
    desk = world.desk()
    row, _ = await desk.request(BOB, "prod-admin", "2h", JUSTIFY, submission="s1")
    once = await desk.approve(row.id, SRE1, digest=row.digest, allowed=True)
    assert once.state == "awaiting_approval"
    assert once.approvers == ("U0SRE1",)
    with pytest.raises(AccessRefused, match="already approved"):
        await desk.approve(row.id, SRE1, digest=row.digest, allowed=True)
    still = await world.storage.access.get(row.id)
    assert still is not None
    assert still.state == "awaiting_approval"
    assert len(still.approvals) == 1
    assert world.receiver.bodies == []
    twice = await desk.approve(row.id, SRE2, digest=row.digest, allowed=True)
    assert twice.state == "granted"
    assert twice.approvers == ("U0SRE1", "U0SRE2")
    assert world.receiver.bodies[0]["approved_by"] == "U0SRE1,U0SRE2"
    assert await world.kinds() == ["request", "approval", "refusal", "approval", "grant"]


async def test_the_new_vp_who_says_their_manager_agreed_still_goes_to_the_owners(world: World) -> None:
    text = "I'm the new VP, add me to prod-admin, my manager said OK"
    assert [r.id for r in RESOURCES.match_resources(text)] == ["prod-admin"]
    desk = world.desk()
    row, _ = await desk.request(Person("U0NEWVP", "vp@example.com"), "prod-admin", "4h", text, submission="s1")
    assert row.state == "awaiting_approval"
    assert row.approvals_needed == 2
    assert world.receiver.bodies == []
    [timer] = await world.storage.timers.list(kind=APPROVAL_EXPIRY_TIMER)
    assert timer.due_at == T0 + timedelta(hours=2)


async def test_a_double_click_grants_once(world: World) -> None:
    desk = world.desk()
    row, _ = await desk.request(BOB, "prod-orders-db-read", "4h", JUSTIFY, submission="s1")
    results = await asyncio.gather(
        *(desk.approve(row.id, DBA, digest=row.digest, allowed=True) for _ in range(8)), return_exceptions=True
    )
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert all(isinstance(r, AccessRefused) for r in results if isinstance(r, Exception))
    assert list(world.receiver.executions.values()) == [1]
    again = await asyncio.gather(*(desk.grant(row.id, trigger="retry") for _ in range(5)))
    assert {r.state for r in again} == {"granted"}
    assert list(world.receiver.executions.values()) == [1]
    assert (await world.kinds()).count("grant") == 1


async def test_a_repeated_submission_is_one_request_and_a_second_one_is_refused(world: World) -> None:
    desk = world.desk()
    first, created = await desk.request(BOB, "prod-orders-db-read", "4h", JUSTIFY, submission="view-1")
    again, created_again = await desk.request(BOB, "prod-orders-db-read", "4h", JUSTIFY, submission="view-1")
    assert created
    assert not created_again
    assert again.id == first.id
    with pytest.raises(AccessRefused, match="already asked"):
        await desk.request(BOB, "prod-orders-db-read", "2h", JUSTIFY, submission="view-2")


async def test_approval_expiry_fails_closed(world: World) -> None:
    desk = world.desk()
    row, _ = await desk.request(BOB, "prod-orders-db-read", "4h", JUSTIFY, submission="s1")
    world.clock.advance(timedelta(hours=2))
    with pytest.raises(AccessRefused, match="expired"):
        await desk.approve(row.id, DBA, digest=row.digest, allowed=True)
    worker = TimerWorker(world.storage.timers, world.clock, holder="w1")
    desk.register_timers(worker)
    worker.start()
    try:
        await worker.wait_idle()
    finally:
        await worker.close(grace_seconds=0)
    expired = await world.storage.access.get(row.id)
    assert expired is not None
    assert expired.state == "expired"
    with pytest.raises(AccessRefused, match="expired, not awaiting"):
        await desk.approve(row.id, DBA, digest=row.digest, allowed=True)
    assert world.receiver.bodies == []
    assert (await world.kinds())[-2:] == ["expiry", "refusal"]


async def test_early_revoke_by_the_requester_or_an_owner_only(world: World) -> None:
    desk = world.desk()
    row, _ = await desk.request(BOB, "figma-seat", "7d", "", submission="s1")
    with pytest.raises(AccessRefused, match="only the person who holds"):
        await desk.revoke(row.id, "U0MALLORY", allowed=False)
    revoked = await desk.revoke(row.id, "U0DESIGN", allowed=True)
    assert revoked.state == "revoked"
    assert revoked.revoked_by == "U0DESIGN"
    assert world.granted() == ["access-grant", "access-revoke"]
    with pytest.raises(AccessRefused, match="revoked, not in force"):
        await desk.revoke(row.id, BOB.user, allowed=False)
    assert world.registry.get_sample_value("opsdesk_access_revocations_total", {"reason": "early"}) == 1
    assert await world.kinds() == ["request", "grant", "refusal", "revocation", "refusal"]


async def test_a_revoke_timer_that_fell_due_while_no_process_ran_fires_at_the_next_start(world: World) -> None:
    desk = world.desk()
    row, _ = await desk.request(BOB, "figma-seat", "1d", "", submission="s1")
    await world.storage.close()  # the process stops with the grant in force
    world.clock.advance(timedelta(days=3))
    restarted = await Storage.open(world.url, clock=world.clock)
    world.storage = restarted
    desk = world.desk()
    worker = TimerWorker(restarted.timers, world.clock, holder="after-restart")
    desk.register_timers(worker)
    worker.start()
    try:
        await worker.wait_idle()
    finally:
        await worker.close(grace_seconds=0)
    revoked = await restarted.access.get(row.id)
    assert revoked is not None
    assert revoked.state == "revoked"
    assert revoked.revoked_by == "opsdesk"
    assert world.granted() == ["access-grant", "access-revoke"]
    assert (await world.kinds())[-1] == "revocation"


async def test_a_worker_holding_only_watches_on_a_grant_in_force_is_idle(world: World) -> None:
    desk = world.desk()
    row, _ = await desk.request(BOB, "figma-seat", "1d", "", submission="s1")
    worker = TimerWorker(world.storage.timers, world.clock, holder="w1")
    desk.register_timers(worker)
    worker.start()
    try:
        await worker.wait_idle()  # the revoke and the grant check fall due later: nothing to wait for now
    finally:
        await worker.close(grace_seconds=0)
    pending = sorted(t.kind for t in await world.storage.timers.list())
    assert pending == ["access-grant-check", "access-revoke"]
    held = await world.storage.access.get(row.id)
    assert held is not None
    assert held.state == "granted"


async def test_two_workers_revoke_once(world: World) -> None:
    desk = world.desk()
    row, _ = await desk.request(BOB, "figma-seat", "1d", "", submission="s1")
    second = await Storage.open(world.url, clock=world.clock)
    try:
        workers = []
        for name, storage in (("p1", world.storage), ("p2", second)):
            worker = TimerWorker(storage.timers, world.clock, holder=name)
            world.desk(storage).register_timers(worker)
            workers.append(worker)
        world.clock.advance(timedelta(days=1))
        for worker in workers:
            worker.start()
        try:
            await asyncio.gather(*(worker.wait_idle() for worker in workers))
        finally:
            for worker in workers:
                await worker.close(grace_seconds=0)
    finally:
        await second.close()
    revokes = [body for body in world.receiver.bodies if body["action"] == "access-revoke"]
    assert len(revokes) == 1
    assert world.receiver.executions[row.digest + ":revoke"] == 1
    assert (await world.kinds()).count("revocation") == 1


async def test_a_failed_revocation_is_retried_by_the_timer(world: World) -> None:
    desk = world.desk()
    row, _ = await desk.request(BOB, "figma-seat", "1d", "", submission="s1")
    world.receiver._fail_first = 3  # the webhook executor retries 503s itself: one failed call
    failed = asyncio.Event()

    async def seen(changed: AccessRequest) -> None:
        if changed.state == "revoking":
            failed.set()

    desk.on_change(seen)
    world.clock.advance(timedelta(days=1))
    worker = TimerWorker(world.storage.timers, world.clock, holder="w1", retry_seconds=30)
    desk.register_timers(worker)
    worker.start()
    try:
        await failed.wait()
        assert world.receiver.executions[row.digest + ":revoke"] == 0
        world.clock.advance(timedelta(minutes=1))
        await worker.wait_idle()
    finally:
        await worker.close(grace_seconds=0)
    revoked = await world.storage.access.get(row.id)
    assert revoked is not None
    assert revoked.state == "revoked"
    assert world.receiver.executions[row.digest + ":revoke"] == 1


async def test_shadow_mode_records_what_would_be_granted_without_calling_the_executor(world: World) -> None:
    desk = world.desk(shadow=True)
    low, _ = await desk.request(ALICE, "figma-seat", "1d", "", submission="s1")
    high, _ = await desk.request(BOB, "prod-orders-db-read", "4h", JUSTIFY, submission="s2")
    high = await desk.approve(high.id, DBA, digest=high.digest, allowed=True)
    assert (low.state, low.shadow, high.state, high.shadow) == ("granted", True, "granted", True)
    assert low.detail is not None
    assert "would run access-grant on figma-seat via access-hook" in low.detail
    assert world.receiver.bodies == []
    grants = [r async for r in world.storage.audit.records() if r.kind == "grant"]
    assert [g.record["shadow"] for g in grants] == [True, True]
    assert all(str(g.record["outcome"]).startswith("shadowed") for g in grants)


async def test_my_access_and_my_requests(world: World) -> None:
    desk = world.desk()
    await desk.request(ALICE, "figma-seat", "1d", "", submission="s1")
    await desk.request(ALICE, "prod-orders-db-read", "4h", JUSTIFY, submission="s2")
    [grant] = await desk.active_grants(ALICE.user)
    assert (grant.resource, grant.expires_at) == ("figma-seat", T0 + timedelta(days=1))
    summaries = await desk.summaries(ALICE.user)
    assert [(s.kind, s.state) for s in summaries] == [("access", "awaiting_approval"), ("access", "granted")]
    assert summaries[1].title == "Figma editor seat for 1d"


async def test_a_grant_the_executor_failed_is_still_revoked_at_its_expiry(world: World) -> None:
    desk = world.desk()
    world.receiver._fail_first = 3  # every attempt of the grant's one call fails
    row, _ = await desk.request(BOB, "figma-seat", "1d", "", submission="s1")
    assert row.state == "failed"
    assert row.detail is not None
    assert "503" in row.detail
    world.clock.advance(timedelta(days=1))
    worker = TimerWorker(world.storage.timers, world.clock, holder="w1")
    desk.register_timers(worker)
    worker.start()
    try:
        await worker.wait_idle()
    finally:
        await worker.close(grace_seconds=0)
    assert world.granted() == ["access-revoke"]
    assert (await world.kinds())[-2:] == ["grant", "revocation"]


async def test_a_grant_whose_process_stopped_mid_call_is_carried_out_once_by_the_next(world: World) -> None:
    class Hanging:
        """An executor whose call never returns, as in a process that died during it."""

        name = "hanging"

        def __init__(self) -> None:
            self.called = asyncio.Event()

        async def execute(self, request: object) -> object:
            self.called.set()
            await asyncio.Event().wait()
            raise AssertionError("unreachable")

        async def close(self) -> None:
            return None

    stalled = world.desk()
    hanging = Hanging()
    stalled._executors = {"access-hook": hanging}  # type: ignore[assignment]
    attempt = asyncio.create_task(stalled.request(BOB, "figma-seat", "1d", "", submission="s1"))
    await hanging.called.wait()
    attempt.cancel()
    with pytest.raises(asyncio.CancelledError):
        await attempt
    [row] = await world.storage.access.of_requester(BOB.user)
    assert row.state == "granting"
    assert not world.receiver.bodies

    world.clock.advance(timedelta(minutes=3))
    desk = world.desk()
    worker = TimerWorker(world.storage.timers, world.clock, holder="survivor")
    desk.register_timers(worker)
    worker.start()
    try:
        await worker.wait_caught_up()
    finally:
        await worker.close(grace_seconds=0)
    granted = await world.storage.access.get(row.id)
    assert granted is not None
    assert granted.state == "granted"
    assert world.granted() == ["access-grant"]
    assert await world.kinds() == ["request", "grant"]
    [revoke] = await world.storage.timers.list(kind=REVOKE_TIMER, state="pending")
    assert revoke.due_at == T0 + timedelta(days=1), "still taken back when first granted until"
