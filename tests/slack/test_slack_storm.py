"""A storm of 200 alerts for one channel: the posting rate is held, every incident is represented,
and edits of one message coalesce. Time in the posting queue is virtual, so the test does not wait."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path
from typing import Any

from bot.slack.poster import Poster
from tests.slack.harness import VirtualTime, alert, running

#: What the storm may add to resident memory. The serving process's own peak (budget 1.2 GB) is
#: measured by bench/bench_slack.py in a process of its own; this process also holds whatever
#: earlier tests loaded (the embedding model, chroma), so its peak says nothing about serving.
STORM_GROWTH_LIMIT_BYTES = 200 * 1024 * 1024


def _resident_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


async def test_a_storm_of_200_alerts_for_one_channel(tmp_path: Path) -> None:
    clock = VirtualTime(scale=0.005)

    def paced(client: Any) -> Poster:
        return Poster(client, interval=1.0, monotonic=clock.monotonic, sleep=clock.sleep)

    resident_before = _resident_bytes()
    async with running(tmp_path, poster=paced) as slack:
        bodies = [alert(f"storm-{i}", f"svc{i % 20}", alertname=f"Alert{i % 7}") for i in range(200)]
        await asyncio.gather(*(slack.alerts(body) for body in bodies))
        await slack.settle()
        incidents = await slack.store.incidents.list(limit=1000)
        assert len(incidents) == 20
        for incident in incidents:
            post = await slack.store.slack_posts.get(incident.id)
            assert post is not None
            assert post.ts is not None, f"incident {incident.id} was never posted"
            assert post.alerts_posted == 10, "every alert is on the post or in its thread"
        sent = [c for c in slack.bot.incidents.poster.sent if c.channel.endswith(("storm", "#storm"))]
        storm_posts = [c for c in slack.bot.incidents.poster.sent if c.method == "chat.postMessage"]
        assert sent
        for channel, calls in itertools.groupby(
            sorted(slack.bot.incidents.poster.sent, key=lambda c: c.channel), key=lambda c: c.channel
        ):
            times = [c.at for c in calls]
            gaps = [b - a for a, b in itertools.pairwise(times)]
            assert all(gap >= 1.0 - 1e-9 for gap in gaps), f"{channel} posted faster than 1/s"
        tops = [c for c in slack.fake.calls_to("chat.postMessage") if not c.args.get("thread_ts")]
        assert len(tops) == 20  # one message per incident, never a second one
        assert len(storm_posts) >= 20
        assert _resident_bytes() - resident_before < STORM_GROWTH_LIMIT_BYTES
