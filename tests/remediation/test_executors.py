"""The executors against what is on the other side: a signed-webhook receiver, the real
Alertmanager, and a server speaking PagerDuty's Events API v2."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.remediation.executors import build_executors
from bot.remediation.policy import parse_policy
from connectors.executors import ExecutionRequest, ExecutorError
from connectors.executors.alertmanager import AlertmanagerSilencer
from connectors.executors.pagerduty import PagerDutyPager
from connectors.executors.shadow import ShadowExecutor
from connectors.executors.signing import signed_headers, verify
from connectors.executors.webhook import WebhookExecutor
from tests.remediation.policies import POLICY_YAML
from tests.support.alertmanager import running_alertmanager
from tests.support.executor_receivers import PagerDutyEvents, WebhookReceiver

SECRET = "executor-secret"
ROLLBACK = ExecutionRequest(
    idempotency_key="k-rollback-1",
    incident=7,
    action="rollback",
    target="checkout",
    params={"version": "2.41.0", "previous_version": "2.40.3"},
    requested_by="U0REQUEST",
    approved_by="U0APPROVE",
    fence=3,
)


async def serve(app: object) -> AsyncIterator[TestServer]:
    server = TestServer(app, host="127.0.0.1", port=0)  # type: ignore[arg-type]
    await server.start_server()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[WebhookReceiver, str]]:
    hooks = WebhookReceiver(SECRET)
    async for server in serve(hooks.app):
        yield hooks, str(server.make_url("/hooks/opsdesk"))


def test_signatures_follow_the_documented_format() -> None:
    body = b'{"a":1}'
    headers = signed_headers("s", 1700000000, body)
    assert headers["X-Opsdesk-Timestamp"] == "1700000000"
    assert verify("s", headers, body, now=1700000100) is None
    assert verify("s", headers, body + b" ", now=1700000100) == "bad signature"
    assert verify("other", headers, body, now=1700000100) == "bad signature"
    assert "300 s" in (verify("s", headers, body, now=1700000301) or "")
    assert verify("s", {}, body, now=1700000000) is not None


async def test_the_webhook_posts_the_documented_body_signed_with_an_idempotency_key(
    receiver: tuple[WebhookReceiver, str],
) -> None:
    hooks, url = receiver
    executor = WebhookExecutor(url, SECRET)
    try:
        result = await executor.execute(ROLLBACK)
        again = await executor.execute(ROLLBACK)
    finally:
        await executor.close()
    assert result.outcome == "done"
    assert again.outcome == "noop"
    assert hooks.executions == {"k-rollback-1": 2}
    assert hooks.bodies[0] == {
        "idempotency_key": "k-rollback-1",
        "incident": 7,
        "action": "rollback",
        "target": "checkout",
        "params": {"version": "2.41.0", "previous_version": "2.40.3"},
        "requested_by": "U0REQUEST",
        "approved_by": "U0APPROVE",
        "fence": 3,
    }


async def test_a_wrong_secret_or_an_old_timestamp_is_refused(receiver: tuple[WebhookReceiver, str]) -> None:
    hooks, url = receiver
    for executor in (WebhookExecutor(url, "wrong"), WebhookExecutor(url, SECRET, now=lambda: time.time() - 600)):
        try:
            with pytest.raises(ExecutorError, match="HTTP 401"):
                await executor.execute(ROLLBACK)
        finally:
            await executor.close()
    assert hooks.refusals == ["signature", "signature"]
    assert not hooks.executions


async def test_a_stale_fence_is_refused_by_the_receiver(receiver: tuple[WebhookReceiver, str]) -> None:
    hooks, url = receiver
    executor = WebhookExecutor(url, SECRET)
    try:
        await executor.execute(ROLLBACK)
        stale = ExecutionRequest(**{**ROLLBACK.__dict__, "idempotency_key": "k-2", "fence": 2})
        with pytest.raises(ExecutorError, match="HTTP 409"):
            await executor.execute(stale)
    finally:
        await executor.close()
    assert hooks.executions == {"k-rollback-1": 1}


async def test_a_transient_failure_is_retried_with_the_same_key() -> None:
    hooks = WebhookReceiver(SECRET, fail_first=1)
    async for server in serve(hooks.app):
        executor = WebhookExecutor(str(server.make_url("/hooks/opsdesk")), SECRET)
        try:
            assert (await executor.execute(ROLLBACK)).outcome == "done"
        finally:
            await executor.close()
    assert hooks.executions == {"k-rollback-1": 1}


async def test_pagerduty_events_v2_is_paged_once_per_key() -> None:
    events = PagerDutyEvents("R0UTINGKEY")
    async for server in serve(events.app):
        base = str(server.make_url("/")).rstrip("/")
        pager = PagerDutyPager("R0UTINGKEY", url=base)
        wrong = PagerDutyPager("WRONG", url=base)
        page = ExecutionRequest(idempotency_key="k-page", incident=7, action="page-owners", target="checkout")
        try:
            first = await pager.execute(page)
            await pager.execute(page)
            with pytest.raises(ExecutorError, match="HTTP 400 Event object is invalid"):
                await wrong.execute(page)
            assert events.status == {"k-page": "triggered"}
            undone = await pager.undo(page, first.reference or "")
        finally:
            await pager.close()
            await wrong.close()
    assert first.outcome == "done"
    assert first.reference == "k-page"
    assert list(events.alerts) == ["k-page"]
    assert events.events[0]["payload"]["source"] == "checkout"
    assert events.events[0]["event_action"] == "trigger"
    assert undone.outcome == "done"
    assert events.status == {"k-page": "resolved"}, "the undo resolves the page it opened, by its dedup key"


async def test_the_shadow_executor_runs_nothing() -> None:
    shadow = ShadowExecutor(would_run="deploy-hook")
    result = await shadow.execute(ROLLBACK)
    assert result.outcome == "shadowed"
    assert "would run rollback on checkout via deploy-hook" in result.detail
    assert shadow.recorded == [ROLLBACK]


def test_shadow_mode_builds_only_shadows_and_real_mode_needs_its_secrets() -> None:
    shadowed = parse_policy(POLICY_YAML.replace("shadow_mode: false", "shadow_mode: true").encode())
    assert {type(e) for e in build_executors(shadowed, {}).values()} == {ShadowExecutor}
    real = parse_policy(POLICY_YAML.encode())
    built = build_executors(real, {"OPSDESK_EXECUTOR_SECRET": "s", "PAGERDUTY_ROUTING_KEY": "k"})
    assert isinstance(built["deploy-hook"], WebhookExecutor)
    assert isinstance(built["alertmanager"], AlertmanagerSilencer)
    assert isinstance(built["pager"], PagerDutyPager)


@pytest.mark.slow
async def test_alertmanager_silences_through_the_real_v2_api(tmp_path: Path) -> None:
    silence = ExecutionRequest(
        idempotency_key="k-silence", incident=7, action="silence", target="checkout", params={"minutes": 30}, fence=1
    )
    with running_alertmanager(tmp_path / "am", "http://127.0.0.1:9/unused", "token") as alertmanager:
        silencer = AlertmanagerSilencer(alertmanager.url)
        try:
            created = await silencer.execute(silence)
            repeated = await silencer.execute(silence)
            longer = await silencer.execute(ExecutionRequest(**{**silence.__dict__, "params": {"minutes": 120}}))
            async with (
                aiohttp.ClientSession() as session,
                session.get(f"{alertmanager.url}/api/v2/silences") as response,
            ):
                listed = await response.json()
            undone = await silencer.undo(silence, created.reference or "")
            async with (
                aiohttp.ClientSession() as session,
                session.get(f"{alertmanager.url}/api/v2/silence/{created.reference}") as response,
            ):
                expired = await response.json()
            undone_again = await silencer.undo(silence, created.reference or "")
            with pytest.raises(ExecutorError, match="minutes must be a positive"):
                await silencer.execute(ExecutionRequest(**{**silence.__dict__, "params": {"minutes": 0}}))
        finally:
            await silencer.close()
    assert created.outcome == "done"
    assert repeated.outcome == "noop"
    assert repeated.reference == created.reference
    assert longer.outcome == "done"
    mine = next(s for s in listed if s["id"] == created.reference)
    assert mine["matchers"] == [{"name": "service", "value": "checkout", "isRegex": False, "isEqual": True}]
    assert "k-silence" in mine["comment"]
    assert expired["status"]["state"] == "expired"
    assert (undone.outcome, undone_again.outcome) == ("done", "noop"), "the second undo sees the silence ended"
