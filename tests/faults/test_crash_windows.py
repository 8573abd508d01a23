"""What intake commits is all the work an acknowledged alert calls for.

A process can die right after intake's transaction commits and before it answers; anything
scheduled only after the commit is then lost. These tests take the post-commit notification
away (as a crash there would) and check that the resolution notice and the postmortem draft,
like the investigation, still happen: they were committed with the alerts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.incidents.drafts import POSTMORTEM_TIMER
from bot.slack.publisher import RESOLVED_TIMER
from bot.slack.views import notes
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
