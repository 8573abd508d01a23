"""The postmortem draft: written once when an incident resolves, by alerts or by hand, stored
and posted in the incident's thread with outside text escaped."""

from __future__ import annotations

from pathlib import Path

from tests.slack.harness import alert, running


async def test_resolution_by_alerts_stores_and_posts_the_draft(tmp_path: Path) -> None:
    async with running(tmp_path) as slack:
        await slack.alerts(alert("a1"))
        await slack.alerts(alert("a1", status="resolved", ends_minutes=4))
        stored = await slack.store.postmortems.get(1)
    assert stored is not None
    assert stored.startswith("# Postmortem draft: incident #1")
    for section in ("## Timeline (UTC)", "## Impact", "## Root cause", "## Contributing factors", "## Follow-ups"):
        assert section in stored
    assert "**Bad deploy · checkout** (confidence 80% when last investigated): deploy v2 raised errors" in stored
    drafts = [r for r in slack.thread_replies() if r.startswith("*Postmortem draft: incident #1")]
    assert len(drafts) == 1
    assert "*Root cause*" in drafts[0]


async def test_resolution_by_hand_writes_the_draft_with_the_summary_escaped(tmp_path: Path) -> None:
    async with running(tmp_path) as slack:
        await slack.alerts(alert("a1"))
        channel = (await slack.store.slack_posts.get(1)).channel  # type: ignore[union-attr]
        await slack.command("UALICE", "resolve #1 rolled back <!channel>", channel=channel)
        await slack.settle()
        stored = await slack.store.postmortems.get(1)
    assert stored is not None
    assert "resolved: rolled back <!channel>" in stored
    [draft] = [r for r in slack.thread_replies() if r.startswith("*Postmortem draft")]
    assert "rolled back &lt;!channel&gt;" in draft
    assert "<!channel>" not in draft
