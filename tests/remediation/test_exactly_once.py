"""Requests, approvals and executions happen once, whoever clicks, retries, races or stalls."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer
from sqlalchemy import update

from bot.clock import FixedClock
from bot.coordination import TimerWorker
from bot.engine.model import Action
from bot.remediation.policy import parse_policy
from bot.remediation.service import (
    APPROVAL_EXPIRY_TIMER,
    Busy,
    Refused,
    Remediations,
    Timing,
    idempotency_key,
)
from bot.store import Storage
from bot.store.tables import RemediationRow
from connectors.executors import ExecutionRequest, ExecutionResult, Executor
from connectors.executors.pagerduty import PagerDutyPager
from connectors.executors.webhook import WebhookExecutor
from tests.intake_fixtures import database_url
from tests.remediation.policies import CATALOG, IN_WINDOW, POLICY_YAML
from tests.support.executor_receivers import PagerDutyEvents, WebhookReceiver

SECRET = "executor-secret"
POLICY = parse_policy(POLICY_YAML.encode())
ROLLBACK = Action(id="rollback", label="Roll back checkout", risk="high", target="checkout", params={"version": "2"})
RESTART = Action(id="restart", label="Restart checkout", risk="medium", target="checkout")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
TIMING = Timing(approval=timedelta(minutes=10), execution=timedelta(minutes=10), lease=timedelta(seconds=30))


@dataclass
class World:
    storage: Storage
    clock: FixedClock
    receiver: WebhookReceiver
    webhook: WebhookExecutor
    url: str
    closers: list[Callable[[], object]] = field(default_factory=list)

    def remediations(
        self, holder: str = "p1", storage: Storage | None = None, executor: Executor | None = None
    ) -> Remediations:
        executors: dict[str, Executor] = {"deploy-hook": executor or self.webhook}
        return Remediations(storage or self.storage, POLICY, executors, CATALOG, self.clock, holder, timing=TIMING)


@pytest.fixture(params=BACKENDS)
async def world(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[World]:
    receiver = WebhookReceiver(SECRET)
    server = TestServer(receiver.app, host="127.0.0.1", port=0)
    await server.start_server()
    clock = FixedClock(IN_WINDOW)
    url = str(server.make_url("/hooks/opsdesk"))
    webhook = WebhookExecutor(url, SECRET)
    try:
        async with database_url(str(request.param), tmp_path) as db_url:
            storage = await Storage.open(db_url, clock=clock)
            try:
                yield World(storage, clock, receiver, webhook, db_url)
            finally:
                await storage.close()
    finally:
        await webhook.close()
        await server.close()


async def _approved(world: World, remediations: Remediations) -> int:
    row, _ = await remediations.request(7, ROLLBACK, "P1", "U0REQUESTER", trigger="click")
    await remediations.approve(row.id, "U0APPROVER", digest=row.idempotency_key, allowed=True, email="a@example.com")
    return row.id


async def test_a_repeated_request_is_one_request(world: World) -> None:
    remediations = world.remediations()
    results = await asyncio.gather(
        *(remediations.request(7, ROLLBACK, "P1", "U0REQUESTER", trigger="click") for _ in range(20))
    )
    assert sum(created for _, created in results) == 1
    assert len({row.id for row, _ in results}) == 1
    assert results[0][0].state == "awaiting_approval"
    records = [r async for r in world.storage.audit.records()]
    assert [r.kind for r in records] == ["request"]
    assert await world.storage.audit.verify() is None


async def test_concurrent_executions_run_once(world: World) -> None:
    remediations = world.remediations()
    remediation_id = await _approved(world, remediations)
    outcomes = await asyncio.gather(*(remediations.execute(remediation_id) for _ in range(30)), return_exceptions=True)
    assert len(world.receiver.bodies) == 1
    assert world.receiver.executions == {idempotency_key(7, "rollback", "checkout", {"version": "2"}): 1}
    final = await world.storage.remediations.get(remediation_id)
    assert final is not None
    assert final.state == "done"
    assert all(not isinstance(o, Exception) or type(o).__name__ == "Busy" for o in outcomes)
    assert (await remediations.execute(remediation_id)).state == "done"
    assert len(world.receiver.bodies) == 1
    kinds = [r.kind async for r in world.storage.audit.records()]
    assert kinds == ["request", "approval", "execution", "execution"]
    assert await world.storage.audit.verify() is None


@pytest.mark.postgres
async def test_two_stores_on_one_postgres_execute_once(tmp_path: Path) -> None:
    receiver = WebhookReceiver(SECRET)
    server = TestServer(receiver.app, host="127.0.0.1", port=0)
    await server.start_server()
    clock = FixedClock(IN_WINDOW)
    webhook = WebhookExecutor(str(server.make_url("/hooks/opsdesk")), SECRET)
    try:
        async with database_url("postgres", tmp_path) as url:
            first, second = await Storage.open(url, clock=clock), await Storage.open(url, clock=clock)
            try:
                world = World(first, clock, receiver, webhook, url)
                one, two = world.remediations("p1", first), world.remediations("p2", second)
                remediation_id = await _approved(world, one)
                await asyncio.gather(
                    *(r.execute(remediation_id) for _ in range(10) for r in (one, two)), return_exceptions=True
                )
            finally:
                await first.close()
                await second.close()
    finally:
        await webhook.close()
        await server.close()
    assert len(receiver.bodies) == 1


class Stalling:
    """Forwards to a real executor once released: a holder frozen between claim and side effect."""

    def __init__(self, inner: Executor) -> None:
        self.name = "stalling"
        self.inner = inner
        self.claimed = asyncio.Event()
        self.release = asyncio.Event()

    async def execute(self, request: ExecutionRequest) -> ExecutionResult:
        self.claimed.set()
        await self.release.wait()
        return await self.inner.execute(request)

    async def close(self) -> None:
        return None


async def test_a_holder_resuming_after_a_takeover_changes_nothing(world: World) -> None:
    stalling = Stalling(world.webhook)
    frozen = world.remediations("frozen", executor=stalling)
    remediation_id = await _approved(world, frozen)
    stalled = asyncio.create_task(frozen.execute(remediation_id))
    await stalling.claimed.wait()
    world.clock.advance(TIMING.lease + timedelta(seconds=1))
    successor = world.remediations("successor")
    taken = await successor.execute(remediation_id)
    assert taken.state == "done"
    assert taken.fence == 2
    stalling.release.set()
    await stalled
    final = await world.storage.remediations.get(remediation_id)
    assert final is not None
    assert (final.state, final.fence) == ("done", 2)
    assert (final.holder or "").startswith("successor:")
    assert len(world.receiver.bodies) == 1
    assert world.receiver.refusals == ["stale fence"]
    assert await world.storage.audit.verify() is None


async def test_self_approval_and_outsiders_are_refused_and_audited(world: World) -> None:
    remediations = world.remediations()
    row, _ = await remediations.request(7, ROLLBACK, "P1", "U0REQUESTER", trigger="click")
    with pytest.raises(Refused, match="cannot approve"):
        await remediations.approve(row.id, "U0REQUESTER", digest=row.idempotency_key, allowed=True)
    with pytest.raises(Refused, match="only the incident commander or a policy approver"):
        await remediations.approve(row.id, "U0RANDOM", digest=row.idempotency_key, allowed=False)
    other = idempotency_key(7, "rollback", "payments-db", {"version": "2"})
    with pytest.raises(Refused, match="does not match"):
        await remediations.approve(row.id, "U0APPROVER", digest=other, allowed=True)
    assert (await remediations.execute(row.id)).state == "awaiting_approval"
    assert not world.receiver.bodies
    kinds = [r.kind async for r in world.storage.audit.records()]
    assert kinds == ["request", "refusal", "refusal", "refusal"]


async def test_a_hundred_concurrent_approvals_approve_once(world: World) -> None:
    remediations = world.remediations()
    row, _ = await remediations.request(7, ROLLBACK, "P1", "U0REQUESTER", trigger="click")
    results = await asyncio.gather(
        *(remediations.approve(row.id, f"U0APPROVER{n}", digest=row.idempotency_key, allowed=True) for n in range(100)),
        return_exceptions=True,
    )
    approved = [r for r in results if not isinstance(r, BaseException)]
    assert len(approved) == 1
    assert all(isinstance(r, Refused) for r in results if isinstance(r, BaseException))
    await asyncio.gather(*(remediations.execute(row.id) for _ in range(10)), return_exceptions=True)
    assert len(world.receiver.bodies) == 1
    assert world.receiver.bodies[0]["approved_by"] == approved[0].approved_by


async def test_parameters_changed_after_approval_void_it(world: World) -> None:
    remediations = world.remediations()
    remediation_id = await _approved(world, remediations)
    async with world.storage.database.write() as connection:
        await connection.execute(
            update(RemediationRow).where(RemediationRow.id == remediation_id).values(params={"version": "0.0.1"})
        )
    final = await remediations.execute(remediation_id)
    assert final.state == "refused"
    assert not world.receiver.bodies


async def test_approving_or_executing_after_expiry_is_refused(world: World) -> None:
    remediations = world.remediations()
    row, _ = await remediations.request(7, ROLLBACK, "P1", "U0REQUESTER", trigger="click")
    world.clock.advance(TIMING.approval)
    with pytest.raises(Refused, match="expired"):
        await remediations.approve(row.id, "U0APPROVER", digest=row.idempotency_key, allowed=True)
    second, _ = await remediations.request(8, ROLLBACK, "P1", "U0REQUESTER", trigger="click")
    await remediations.approve(second.id, "U0APPROVER", digest=second.idempotency_key, allowed=True)
    world.clock.advance(TIMING.execution)
    assert (await remediations.execute(second.id)).state == "expired"
    assert not world.receiver.bodies


async def test_the_approval_timer_expires_a_request_once(world: World) -> None:
    remediations = world.remediations()
    row, _ = await remediations.request(7, ROLLBACK, "P1", "U0REQUESTER", trigger="click")
    assert [t.key for t in await world.storage.timers.list(APPROVAL_EXPIRY_TIMER)] == [str(row.id)]
    world.clock.advance(TIMING.approval)
    worker = TimerWorker(world.storage.timers, world.clock, holder="w")
    remediations.register_timers(worker)
    worker.start()
    try:
        await worker.wait_idle()
    finally:
        await worker.close()
    expired = await world.storage.remediations.get(row.id)
    assert expired is not None
    assert expired.state == "expired"
    assert [r.kind async for r in world.storage.audit.records()] == ["request", "expiry"]


async def test_a_forbidden_or_unknown_action_is_refused_audited_and_never_run(world: World) -> None:
    remediations = world.remediations()
    unknown = Action(id="rm-rf", label="approved by the CTO, P0, restart payments-db", risk="low", target="checkout")
    row, _ = await remediations.request(7, unknown, "P4", "U0REQUESTER", trigger="click")
    assert row.state == "refused"
    assert (await remediations.execute(row.id)).state == "refused"
    assert not world.receiver.bodies
    records = [r async for r in world.storage.audit.records()]
    record = records[0]
    assert record.kind == "refusal"
    assert any("allow-list" in reason for reason in record.record["reasons"])


async def test_notify_runs_without_approval_and_shadow_mode_never_runs(world: World) -> None:
    remediations = world.remediations()
    row, _ = await remediations.request(7, RESTART, "P2", "U0REQUESTER", trigger="click")
    assert row.state == "ready"
    assert (await remediations.execute(row.id)).state == "done"
    shadow = Remediations(
        world.storage,
        POLICY.model_copy(update={"shadow_mode": True}),
        {"deploy-hook": world.webhook},
        CATALOG,
        world.clock,
        "p1",
    )
    shadowed, _ = await shadow.request(9, RESTART, "P0", "U0REQUESTER", trigger="click")
    assert shadowed.state == "shadowed"
    assert (await shadow.execute(shadowed.id)).state == "shadowed"
    assert len(world.receiver.bodies) == 1


async def test_a_notify_action_is_undone_once_however_often_it_is_asked(world: World) -> None:
    events = PagerDutyEvents("R0UTINGKEY")
    server = TestServer(events.app, host="127.0.0.1", port=0)
    await server.start_server()
    pager = PagerDutyPager("R0UTINGKEY", url=str(server.make_url("/")).rstrip("/"))
    try:
        remediations = world.remediations(executor=pager)
        row, _ = await remediations.request(7, RESTART, "P1", "U0REQUESTER", trigger="click")
        done = await remediations.execute(row.id)
        assert done.state == "done"
        assert remediations.undoable(done)
        undos = await asyncio.gather(
            *(remediations.undo(row.id, "U0OWNER", digest=row.idempotency_key, allowed=True) for _ in range(10)),
            return_exceptions=True,
        )
    finally:
        await pager.close()
        await server.close()
    assert all(isinstance(u, Busy) or getattr(u, "state", None) == "undone" for u in undos), undos
    assert [e["event_action"] for e in events.events] == ["trigger", "resolve"], "one page, one resolve"
    assert events.status == {row.idempotency_key: "resolved"}
    records = [r async for r in world.storage.audit.records() if r.kind == "undo"]
    assert [r.record["outcome"] for r in records][-1].startswith("undone: page for checkout resolved")
    assert await world.storage.audit.verify() is None


async def test_an_approved_or_unfinished_action_is_not_undone(world: World) -> None:
    remediations = world.remediations()
    row_id = await _approved(world, remediations)
    row = await remediations.execute(row_id)
    with pytest.raises(Refused, match="`approve` action is not undone"):
        await remediations.undo(row_id, "U0OWNER", digest=row.idempotency_key, allowed=True)
    restart, _ = await remediations.request(7, RESTART, "P1", "U0REQUESTER", trigger="click")
    with pytest.raises(Refused, match="cannot be undone"):
        await remediations.undo(restart.id, "U0OWNER", digest=restart.idempotency_key, allowed=True)
    with pytest.raises(Refused, match="may undo"):
        await remediations.undo(restart.id, "U0STRANGER", digest=restart.idempotency_key, allowed=False)
    refusals = [r async for r in world.storage.audit.records() if r.kind == "refusal"]
    assert len(refusals) == 3
    assert len(world.receiver.bodies) == 1, "only the approved rollback ran; nothing was reverted"
