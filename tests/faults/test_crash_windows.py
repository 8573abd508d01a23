"""What intake commits is all the work an acknowledged alert calls for.

A process can die right after intake's transaction commits and before it answers; anything
scheduled only after the commit is then lost. These tests take the post-commit notification
away (as a crash there would) and check that the resolution notice and the postmortem draft,
like the investigation, still happen: they were committed with the alerts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.catalog import Catalog
from bot.clock import FixedClock
from bot.incidents.drafts import POSTMORTEM_TIMER
from bot.slack.publisher import RESOLVED_TIMER
from bot.slack.views import notes
from bot.store import Timer
from tests.intake_fixtures import TOKEN, webhook
from tests.slack.harness import alert, running


async def _process_died_after_commit(incident_ids: Sequence[int]) -> None:
    return None


async def test_a_resolution_commits_its_notice_and_draft_with_the_alerts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running(tmp_path) as slack:
        await slack.alerts(alert("a1"))
        monkeypatch.setattr(slack.investigations, "notify_resolved", _process_died_after_commit)
        await slack.alerts(alert("a1", status="resolved", ends_minutes=4))
        timers = {(t.kind, t.key) for t in await slack.store.timers.list()}
        draft = await slack.store.postmortems.get(1)
    assert {(RESOLVED_TIMER, "1"), (POSTMORTEM_TIMER, "1")} <= timers
    assert draft is not None
    assert notes.RESOLVED_BY_ALERTS in slack.thread_replies()
    assert len([r for r in slack.thread_replies() if r.startswith("*Postmortem draft")]) == 1


BY_ID = Catalog.from_mapping({"services": {"checkout": {"channel": "CPAYMENTS"}}})


async def test_a_first_post_sent_just_before_a_crash_is_adopted_not_sent_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running(tmp_path, catalog=BY_ID) as slack:
        posts = slack.store.slack_posts
        record = posts.record_first_post
        retried = asyncio.Event()

        async def lost_with_its_process(*args: Any, **kwargs: Any) -> None:
            monkeypatch.setattr(posts, "record_first_post", record)  # the next attempt is another process's
            raise ConnectionResetError("killed between Slack's answer and the commit")

        async def noted_retry(timer: Timer, at: datetime) -> bool:
            done = await retry(timer, at)
            retried.set()
            return done

        retry = slack.store.timers.retry
        monkeypatch.setattr(posts, "record_first_post", lost_with_its_process)
        monkeypatch.setattr(slack.store.timers, "retry", noted_retry)
        async with slack.session.post(
            f"{slack.url}/hooks/alertmanager", json=webhook(alert("a1")), headers={"Authorization": f"Bearer {TOKEN}"}
        ) as response:
            assert response.status == 200
        await retried.wait()
        clock = slack.bot.incidents.clock
        assert isinstance(clock, FixedClock)
        clock.advance(timedelta(seconds=10))
        slack.bot.incidents.worker.wake()
        await slack.settle()
        post = await posts.get(1)
    assert post is not None
    assert post.ts is not None
    top_level = [c for c in slack.fake.calls_to("chat.postMessage") if not c.args.get("thread_ts")]
    assert len(top_level) == 1
    assert [key for key, m in slack.fake.messages.items() if not m.get("thread_ts")] == [(post.channel, post.ts)]
    assert slack.fake.calls_to("chat.update")  # the adopted message is brought up to date
