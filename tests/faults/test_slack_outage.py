"""Slack failing for minutes: 5xx past slack-sdk's retries, 429, a bad token.

The alert is acknowledged regardless; the post waits as a durable timer and goes out once Slack
answers again, edits that fail are retried the same way, ``/readyz`` says Slack is in trouble and
``/metrics`` counts Slack's calls and errors by method. "Minutes" pass on the injected clock: each
failed attempt leaves its retry due a few seconds later, and the test moves the clock there.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FixedClock
from bot.incidents.drafts import POSTMORTEM_TIMER
from bot.slack.publisher import POST_TIMER, RESOLVED_TIMER
from bot.slack.views import notes
from bot.store import Timer
from tests.intake_fixtures import TOKEN, webhook
from tests.slack.harness import Harness, alert, running

pytestmark = pytest.mark.slow

#: slack-sdk tries a call four times (once and three retries) before it gives up on a 5xx.
ATTEMPTS_PER_CALL = 4


class Retries:
    """An event for each durable retry the worker or the publisher stores (no polling)."""

    def __init__(self, harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        timers = harness.store.timers
        retry, schedule = timers.retry, timers.schedule

        async def retried(timer: Timer, at: datetime) -> bool:
            done = await retry(timer, at)
            self.queue.put_nowait(timer.kind)
            return done

        async def scheduled(kind: str, key: str, due_at: datetime, *args: Any, **kwargs: Any) -> None:
            await schedule(kind, key, due_at, *args, **kwargs)
            if due_at > harness.bot.incidents.clock.now():
                self.queue.put_nowait(kind)

        monkeypatch.setattr(timers, "retry", retried)
        monkeypatch.setattr(timers, "schedule", scheduled)

    async def next(self) -> str:
        return await self.queue.get()


@pytest.fixture
async def slack(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running(tmp_path) as harness:
        yield harness


def _later(harness: Harness, seconds: float = 10) -> None:
    clock = harness.bot.incidents.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(seconds=seconds))
    harness.bot.incidents.worker.wake()


async def _send(harness: Harness, *alerts: dict[str, Any]) -> int:
    async with harness.session.post(
        f"{harness.url}/hooks/alertmanager", json=webhook(*alerts), headers={"Authorization": f"Bearer {TOKEN}"}
    ) as response:
        return response.status


async def _get(harness: Harness, path: str) -> tuple[int, str]:
    async with harness.session.get(f"{harness.url}{path}") as response:
        return response.status, await response.text()


async def test_a_post_that_slack_refused_for_minutes_goes_out_once_slack_answers(
    slack: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    retries = Retries(slack, monkeypatch)
    outage = 3  # three attempts of the post, each slack-sdk's four tries, all 503
    slack.fake.server_error("chat.postMessage", times=outage * ATTEMPTS_PER_CALL)
    assert await _send(slack, alert("a1")) == 200
    for _ in range(outage):
        assert await retries.next() == POST_TIMER
        status, body = await _get(slack, "/readyz")
        assert status == 200
        assert "degraded" in body
        assert "chat.postMessage: http_503" in body
        _later(slack)
    await slack.settle()
    posts = [c for c in slack.fake.calls_to("chat.postMessage") if not c.args.get("thread_ts")]
    assert len(posts) == outage * ATTEMPTS_PER_CALL + 1
    post = await slack.store.slack_posts.get(1)
    assert post is not None
    assert post.ts is not None
    status, body = await _get(slack, "/readyz")
    assert (status, json.loads(body)["status"]) == (200, "ready")
    _, metrics = await _get(slack, "/metrics")
    assert 'opsdesk_slack_api_errors_total{error="http_503",method="chat.postMessage"} 3.0' in metrics
    assert 'opsdesk_slack_api_calls_total{method="chat.postMessage"} 4.0' in metrics
    assert 'opsdesk_slack_api_calls_total{method="auth.test"} 2.0' in metrics  # start-up, then past 30 s


async def test_an_edit_and_a_resolution_notice_refused_for_a_while_are_retried(
    slack: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await slack.alerts(alert("a1"))
    retries = Retries(slack, monkeypatch)
    slack.fake.server_error("chat.update", times=ATTEMPTS_PER_CALL)
    slack.fake.rate_limit("chat.postMessage", retry_after=0, times=ATTEMPTS_PER_CALL)
    assert await _send(slack, alert("a1", status="resolved", ends_minutes=4)) == 200
    kinds = {await retries.next(), await retries.next()}
    assert POST_TIMER in kinds  # the failed edit
    assert kinds - {POST_TIMER} <= {RESOLVED_TIMER, POSTMORTEM_TIMER}  # whichever thread reply met the 429s
    _later(slack)
    await slack.settle()
    post = await slack.store.slack_posts.get(1)
    assert post is not None
    assert post.ts is not None
    channel = slack.fake._channel_id(str(post.channel))
    assert "resolved" in str(slack.fake.messages[(channel, post.ts)]["text"])
    replies = [str(m["text"]) for m in slack.fake.messages.values() if m.get("thread_ts")]  # as Slack kept them
    assert replies.count(notes.RESOLVED_BY_ALERTS) == 1
    assert len([r for r in replies if r.startswith("*Postmortem draft")]) == 1


async def test_a_refused_token_makes_the_process_not_ready_and_keeps_the_post_pending(
    slack: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    retries = Retries(slack, monkeypatch)
    slack.fake.fail("chat.postMessage", "token_revoked")
    assert await _send(slack, alert("a1")) == 200
    assert await retries.next() == POST_TIMER
    status, body = await _get(slack, "/readyz")
    assert status == 503
    assert "token refused (token_revoked)" in body
    post = await slack.store.slack_posts.get(1)
    assert post is None or post.ts is None
    assert [t.kind for t in await slack.store.timers.list(state="pending")] == [POST_TIMER]


async def test_a_grouped_alerts_note_refused_for_a_while_is_sent_later_not_lost(
    slack: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await slack.alerts(alert("a1"))
    retries = Retries(slack, monkeypatch)
    slack.fake.server_error("chat.postMessage", times=ATTEMPTS_PER_CALL)
    assert await _send(slack, alert("a2", service="payments-db")) == 200
    assert await retries.next() == POST_TIMER
    post = await slack.store.slack_posts.get(1)
    assert post is not None
    assert post.alerts_posted == 1, "the note's alert is handed back to the next refresh"
    _later(slack)
    await slack.settle()
    notes_sent = [str(m["text"]) for m in slack.fake.messages.values() if "grouped here" in str(m.get("text"))]
    assert len(notes_sent) == 1
    assert "payments-db" in notes_sent[0]
    post = await slack.store.slack_posts.get(1)
    assert post is not None
    assert post.alerts_posted == 2
