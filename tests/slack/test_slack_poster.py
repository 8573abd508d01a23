"""The posting queue: pacing per channel, coalesced edits, a new incident's post ahead of chatter.
Time is virtual (:class:`tests.slack.harness.VirtualTime`), so nothing waits for real."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.poster import Poster
from tests.slack.harness import VirtualTime
from tests.support.fake_slack import FakeSlack


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as slack:
        yield slack


@pytest.fixture
async def poster(fake: FakeSlack) -> AsyncIterator[Poster]:
    clock = VirtualTime()
    client = AsyncWebClient(token="xoxb-test", base_url=fake.api_url)
    paced = Poster(client, interval=1.0, monotonic=clock.monotonic, sleep=clock.sleep)
    yield paced
    await paced.close()


async def test_the_queue_paces_a_channel_and_coalesces_edits_of_one_message(fake: FakeSlack, poster: Poster) -> None:
    first = await poster.post("#ops", text="first")
    ts = first["ts"]
    results = await asyncio.gather(
        poster.post("#ops", text="second"),
        *(poster.update(first["channel"], ts, text=f"edit {i}") for i in range(10)),
        poster.post("#other", text="elsewhere"),
    )
    assert all(r.get("ok") for r in results)
    ops = [c for c in poster.sent if c.channel == "#ops"]
    assert [c.method for c in ops] == ["chat.postMessage", "chat.postMessage"]
    edits = [c for c in poster.sent if c.method == "chat.update"]
    assert len(edits) == 1  # nine edits were coalesced into the last one
    assert poster.coalesced == 9
    assert fake.messages[(first["channel"], ts)]["text"] == "edit 9"
    gaps = [b.at - a.at for a, b in itertools.pairwise(ops)]
    assert all(gap >= 1.0 for gap in gaps)


async def test_a_new_incident_post_goes_ahead_of_waiting_chatter(fake: FakeSlack, poster: Poster) -> None:
    first = await poster.post("#ops", text="incident 1")
    chatter = [poster.post("#ops", text=f"reply {i}", thread_ts=first["ts"]) for i in range(5)]
    tasks = [asyncio.ensure_future(c) for c in chatter]
    await asyncio.sleep(0)
    urgent = asyncio.ensure_future(poster.post("#ops", first=True, text="incident 2"))
    await asyncio.gather(*tasks, urgent)
    texts = [c.args["text"] for c in fake.calls_to("chat.postMessage")]
    assert texts.index("incident 2") <= 2  # ahead of the replies still waiting


async def test_each_call_also_waits_for_the_channel_slot_shared_with_other_processes(fake: FakeSlack) -> None:
    clock = VirtualTime()
    taken: list[str] = []

    async def shared_slot(channel: str, interval: float) -> float:
        taken.append(channel)
        return 2.5 if len(taken) == 2 else 0.0  # another process holds the next slot of #ops

    client = AsyncWebClient(token="xoxb-test", base_url=fake.api_url)
    poster = Poster(client, interval=1.0, monotonic=clock.monotonic, sleep=clock.sleep, pace=shared_slot)
    try:
        await poster.post("#ops", text="one")
        await poster.post("#ops", text="two")
    finally:
        await poster.close()
    assert taken == ["#ops", "#ops"]
    assert [c.at for c in poster.sent] == [0.0, 3.5]  # its own second of pace, then the other's slot
