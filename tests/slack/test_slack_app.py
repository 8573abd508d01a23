"""The Slack app over real HTTP: signed requests to ``/slack/events``, the real Bolt app and
slack-sdk client, a real store, and a fake Slack Web API that records every call.

Every refused request is checked twice: the person is told why (ephemeral) and nothing changed.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest

from bot.slack.parsing import actions
from bot.slack.views.limits import check_blocks
from bot.store.records import StoreUnavailable
from tests.slack.harness import ALERT_CHANNEL, Harness, alert, running

ACK_VALUE_1 = actions.incident_value(1)


@pytest.fixture
async def slack(tmp_path: Path) -> Any:
    async with running(tmp_path) as harness:
        yield harness


async def _opened(slack: Harness) -> dict[str, Any]:
    await slack.alerts(alert("a1"))
    (post,) = [c for c in slack.fake.calls_to("chat.postMessage") if not c.args.get("thread_ts")]
    return post.args


# -- the post ---------------------------------------------------------------------------------


async def test_an_incident_is_posted_once_in_its_team_channel_and_edited_in_place(slack: Harness) -> None:
    post = await _opened(slack)
    assert post["channel"] == "#payments-incidents"
    assert check_blocks(post["blocks"]) == []
    assert "deploy v2 raised errors" in json.dumps(post["blocks"])
    stored = await slack.store.slack_posts.get(1)
    assert stored is not None
    assert stored.ts is not None
    await slack.alerts(alert("a2", "payments-db", alertname="DBSlow"))
    assert len([c for c in slack.fake.calls_to("chat.postMessage") if not c.args.get("thread_ts")]) == 1
    updates = slack.fake.calls_to("chat.update")
    assert updates
    assert updates[-1].args["ts"] == stored.ts
    assert any("1 new alert(s) grouped here: DBSlow on payments-db" in r for r in slack.thread_replies())
    assert all(c.token == "xoxb-test-token" for c in slack.fake.calls)


async def test_resolution_by_alerts_goes_to_the_thread(slack: Harness) -> None:
    await _opened(slack)
    await slack.alerts(alert("a1", status="resolved", ends_minutes=4))
    assert any("Resolved: every alert" in r for r in slack.thread_replies())
    message = next(iter(slack.fake.messages.values()))
    assert "RESOLVED" in message["blocks"][0]["text"]["text"]


# -- buttons ------------------------------------------------------------------------------------


async def test_acknowledge_records_who_once_even_on_double_clicks_and_retries(slack: Harness) -> None:
    await _opened(slack)
    status, _ = await slack.click("UALICE", actions.ACK, ACK_VALUE_1, action_ts="111.1")
    assert status == 200
    assert (await slack.store.slack_posts.get(1)).acknowledged_by == "UALICE"  # type: ignore[union-attr]
    await slack.click("UALICE", actions.ACK, ACK_VALUE_1, action_ts="111.1")  # Slack's retry of that click
    status, _ = await slack.click("UBOB", actions.ACK, ACK_VALUE_1, action_ts="111.2")  # a second click
    assert status == 200
    assert sum("Acknowledged by" in r for r in slack.thread_replies()) == 1
    assert (await slack.store.slack_posts.get(1)).acknowledged_by == "UALICE"  # type: ignore[union-attr]
    message = next(iter(slack.fake.messages.values()))
    assert "<@UALICE>" in json.dumps(message["blocks"])


async def test_taking_the_commander_role_is_for_the_owning_team(slack: Harness) -> None:
    await _opened(slack)
    await slack.click("UMALLORY", actions.TAKE_IC, ACK_VALUE_1)
    assert any("only the incident commander or the owning team" in t for t in slack.ephemerals("UMALLORY"))
    assert (await slack.store.slack_posts.get(1)).commander is None  # type: ignore[union-attr]
    await slack.click("UBOB", actions.TAKE_IC, ACK_VALUE_1)  # member of the S0PAYMENTS user group
    assert (await slack.store.slack_posts.get(1)).commander == "UBOB"  # type: ignore[union-attr]
    await slack.click("UOWNER", actions.TAKE_IC, ACK_VALUE_1)  # a direct owner takes over
    assert (await slack.store.slack_posts.get(1)).commander == "UOWNER"  # type: ignore[union-attr]
    assert any("commander is now <@UOWNER> (was <@UBOB>)" in r for r in slack.thread_replies())
    assert "<@UOWNER>" in json.dumps(next(iter(slack.fake.messages.values()))["blocks"])
    assert len(slack.fake.calls_to("usergroups.users.list")) == 1  # cached


async def test_open_incident_channel_creates_invites_sets_topic_and_links_back(slack: Harness) -> None:
    await _opened(slack)
    slack.fake.channels["inc-1-higherrorrate-on-checkout"] = "CTAKEN"
    await slack.click("UALICE", actions.ACK, ACK_VALUE_1)
    await slack.click("UBOB", actions.OPEN_CHANNEL, ACK_VALUE_1)
    creates = [c.args["name"] for c in slack.fake.calls_to("conversations.create")]
    assert creates[0].startswith("inc-1-")
    assert creates[-1] == creates[0] + "-2"  # name_taken, then a unique one
    post = await slack.store.slack_posts.get(1)
    assert post is not None
    assert post.incident_channel is not None
    assert slack.fake.members[post.incident_channel] >= {"UALICE", "UBOB"}
    topic = slack.fake.calls_to("conversations.setTopic")[0].args
    assert topic["channel"] == post.incident_channel
    assert "Incident #1" in topic["topic"]
    in_channel = [
        c.args["text"] for c in slack.fake.calls_to("chat.postMessage") if c.args["channel"] == post.incident_channel
    ]
    assert "slack.com/archives/" in in_channel[0]
    assert any(f"<#{post.incident_channel}> opened by <@UBOB>" in r for r in slack.thread_replies())
    await slack.click("UBOB", actions.OPEN_CHANNEL, ACK_VALUE_1)
    assert len(slack.fake.calls_to("conversations.create")) == 2
    assert any("already has a channel" in t for t in slack.ephemerals("UBOB"))


async def test_hypothesis_feedback_is_stored_per_person(slack: Harness) -> None:
    await _opened(slack)
    await slack.click("UALICE", actions.FEEDBACK_UP, actions.feedback_value(1, 0, "up"))
    await slack.click("UMALLORY", actions.FEEDBACK_DOWN, actions.feedback_value(1, 1, "down"))
    await slack.click("UALICE", actions.FEEDBACK_DOWN, actions.feedback_value(1, 0, "down"))  # changes her mind
    assert await slack.store.feedback.tally(1) == {1: {"up": 0, "down": 1}, 2: {"up": 0, "down": 1}}
    assert "Wrong (1)" in json.dumps(next(iter(slack.fake.messages.values()))["blocks"], ensure_ascii=False)


@pytest.mark.parametrize(
    ("action_id", "value", "reason"),
    [
        ("drop-tables", ACK_VALUE_1, "unknown action"),
        (actions.ACK, '{"v":1,"incident":1,"admin":true}', "altered"),
        (actions.FEEDBACK_UP, actions.feedback_value(1, 0, "down"), "altered"),
        (actions.ACK, actions.incident_value(999), "does not exist"),
        (actions.FEEDBACK_UP, actions.feedback_value(1, 7, "up"), "no hypothesis 8"),
    ],
)
async def test_bad_clicks_are_explained_and_change_nothing(
    slack: Harness, action_id: str, value: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    await _opened(slack)
    before = await slack.store.database.counts()
    post_before = await slack.store.slack_posts.get(1)
    status, _ = await slack.click("UALICE", action_id, value)
    assert status == 200
    assert any(reason in t for t in slack.ephemerals("UALICE"))
    assert await slack.store.slack_posts.get(1) == post_before
    assert await slack.store.feedback.tally(1) == {}
    after = await slack.store.database.counts()
    assert {k: v for k, v in after.items() if k != "claims"} == {k: v for k, v in before.items() if k != "claims"}
    assert any(getattr(r, "audit", False) for r in caplog.records if r.getMessage() == "slack request refused")


# -- signatures -----------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["unsigned", "wrong secret", "stale", "future", "body changed"])
async def test_unsigned_forged_or_stale_requests_are_refused(slack: Harness, how: str) -> None:
    await _opened(slack)
    slack.fake.clear()
    post_before = await slack.store.slack_posts.get(1)
    payload = json.dumps(
        {
            "type": "block_actions",
            "user": {"id": "UALICE"},
            "actions": [{"action_id": actions.ACK, "value": ACK_VALUE_1, "action_ts": "1"}],
        }
    )
    from urllib.parse import urlencode

    body = urlencode({"payload": payload})
    form = "application/x-www-form-urlencoded"
    if how == "unsigned":
        async with slack.session.post(f"{slack.url}/slack/events", data=body, headers={"Content-Type": form}) as r:
            status = r.status
    elif how == "wrong secret":
        status, _ = await slack.send(body, form, secret="not-the-secret")
    elif how == "stale":
        status, _ = await slack.send(body, form, timestamp=int(time.time()) - 301)
    elif how == "future":
        status, _ = await slack.send(body, form, timestamp=int(time.time()) + 400)
    else:
        from tests.slack.harness import SIGNING_SECRET
        from tests.support.fake_slack import signed_headers

        headers = signed_headers(SIGNING_SECRET, body, content_type=form)
        async with slack.session.post(f"{slack.url}/slack/events", data=body + "x", headers=headers) as r:
            status = r.status
    await slack.settle()
    assert status == 401
    assert slack.fake.calls == []
    assert await slack.store.slack_posts.get(1) == post_before


# -- /incident ------------------------------------------------------------------------------------


async def test_declare_posts_in_the_channel_and_makes_the_caller_commander(slack: Harness) -> None:
    status, _ = await slack.command("UCAROL", "declare Login page broken sev2", channel="CGEN")
    assert status == 200
    (post,) = slack.fake.calls_to("chat.postMessage")
    assert post.args["channel"] == "CGEN"
    assert "SEV2" in post.args["blocks"][0]["text"]["text"]
    record = await slack.store.slack_posts.get(1)
    assert record is not None
    assert record.commander == "UCAROL"
    incident = await slack.store.incidents.get(1)
    assert incident is not None
    assert (incident.title, incident.severity, incident.status) == ("Login page broken", "sev2", "open")


async def test_status_resolve_and_ic_with_role_checks(slack: Harness) -> None:
    await _opened(slack)
    await slack.command("UMALLORY", "status", channel="CPAY")
    assert any("No incident here" in t or "no incident here" in t for t in slack.ephemerals("UMALLORY"))
    await slack.command("UMALLORY", "status #999")
    assert any("incident #999 does not exist" in t for t in slack.ephemerals("UMALLORY"))
    await slack.command("UALICE", "resolve #999 done")
    assert any("incident #999 does not exist" in t for t in slack.ephemerals("UALICE"))
    await slack.command("UMALLORY", "status #1")
    assert any("Incident #1" in t and "deploy on checkout (80%)" in t for t in slack.ephemerals("UMALLORY"))
    channel = (await slack.store.slack_posts.get(1)).channel  # type: ignore[union-attr]
    await slack.command("UMALLORY", "resolve all good", channel=channel)
    assert any("only the incident commander or the owning team may resolve" in t for t in slack.ephemerals("UMALLORY"))
    assert (await slack.store.incidents.get(1)).status == "open"  # type: ignore[union-attr]
    await slack.command("UMALLORY", "ic <@UMALLORY|mallory>", channel=channel)
    assert (await slack.store.slack_posts.get(1)).commander is None  # type: ignore[union-attr]
    await slack.command("UALICE", "ic <@UDAVE|dave>", channel=channel)
    assert (await slack.store.slack_posts.get(1)).commander == "UDAVE"  # type: ignore[union-attr]
    await slack.command("UDAVE", "resolve #1 rolled back v2")  # the IC may, although not an owner
    incident = await slack.store.incidents.get(1)
    assert incident is not None
    assert incident.status == "resolved"
    assert any("Resolved by <@UDAVE>: rolled back v2" in r for r in slack.thread_replies())
    await slack.command("UDAVE", "resolve #1")
    assert any("already resolved" in t for t in slack.ephemerals("UDAVE"))


async def test_the_cause_recorded_at_resolution_goes_to_the_feedback_ledger(slack: Harness) -> None:
    await _opened(slack)
    before = await slack.store.database.counts()
    status, answer = await slack.command("UALICE", "resolve #1 cause:bad-karma rolled back")
    assert status == 200
    assert "unknown cause `bad-karma`" in answer
    assert await slack.store.database.counts() == before
    await slack.command("UALICE", "resolve #1 cause:external <!channel> stripe was down")
    assert any("Resolved by <@UALICE> (cause: Third-party outage)" in r for r in slack.thread_replies())
    ledger = await slack.store.feedback.ledger()
    # the post led with a deploy: the recorded cause proved right, the first guess wrong
    assert [(e.cause, e.sign, e.source, e.actor) for e in ledger] == [
        ("external", 1, "resolution", "UALICE"),
        ("deploy", -1, "resolution", "UALICE"),
    ]
    weights = await slack.store.feedback.weights()
    assert weights.of("external") > 1 > weights.of("deploy")
    await slack.alerts(alert("b1", "payments-db", alertname="DBSlow"))  # the next incident ranks with them
    analysis = await slack.store.analyses.latest(2)
    assert analysis is not None
    assert analysis.cause_weights == weights.as_dict()
    assert "Ranking weighted by past feedback" in json.dumps(list(slack.fake.messages.values()), ensure_ascii=False)


async def test_ic_must_be_an_active_person(slack: Harness) -> None:
    await _opened(slack)
    slack.fake.users.update({"UGONE": {"deleted": True}, "UBOT": {"is_bot": True}, "UNOBODY": None})
    for who, reason in [
        ("UGONE", "is deactivated"),
        ("UBOT", "is a bot or an app"),
        ("UNOBODY", "is not a member of this workspace"),
    ]:
        await slack.command("UALICE", f"ic #1 <@{who}>")
        assert reason in slack.ephemerals("UALICE")[-1]
        assert (await slack.store.slack_posts.get(1)).commander is None  # type: ignore[union-attr]
    slack.fake.fail("users.info", "internal_error")  # Slack trouble: the mention is trusted
    await slack.command("UALICE", "ic #1 <@UDAVE>")
    assert (await slack.store.slack_posts.get(1)).commander == "UDAVE"  # type: ignore[union-attr]


async def test_help_lists_what_the_caller_may_run(slack: Harness) -> None:
    await _opened(slack)
    channel = (await slack.store.slack_posts.get(1)).channel  # type: ignore[union-attr]
    await slack.command("UMALLORY", "help", channel=channel)
    await slack.command("UALICE", "help", channel=channel)
    assert "you may not" in slack.ephemerals("UMALLORY")[-1]
    assert "✅ you may" in slack.ephemerals("UALICE")[-1]


@pytest.mark.parametrize("text", ["declare", "ic nobody", "frobnicate", "status now"])
async def test_wrong_arguments_get_the_usage_at_once_and_change_nothing(slack: Harness, text: str) -> None:
    status, body = await slack.command("UALICE", text)
    assert status == 200
    assert "⛔" in body
    assert "/incident declare" in body
    assert await slack.store.incidents.list() == []
    assert slack.fake.calls_to("chat.postMessage") == []


async def test_a_repeated_command_delivery_runs_once(slack: Harness) -> None:
    await slack.command("UCAROL", "declare Twice sev2", trigger_id="T-1")
    await slack.command("UCAROL", "declare Twice sev2", trigger_id="T-1")
    assert len(await slack.store.incidents.list()) == 1


# -- alerts from channels ---------------------------------------------------------------------------


async def test_alert_messages_in_alert_channels_become_incidents_once_per_event(slack: Harness) -> None:
    event = {
        "type": "message",
        "subtype": "bot_message",
        "channel": ALERT_CHANNEL,
        "ts": "1700000000.000100",
        "bot_id": "BALERTMANAGER",
        "attachments": [{"title": "[FIRING:1] HighErrorRate checkout (critical)", "title_link": "http://am"}],
    }
    status, _ = await slack.event(event, "Ev1")
    assert status == 200
    retried, _ = await slack.event(event, "Ev1", **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert retried == 200
    (incident,) = await slack.store.incidents.list()
    assert incident.services == ("checkout",)
    detail = await slack.store.incidents.get(incident.id)
    assert detail is not None
    assert detail.alerts[0].source == "slack-alertmanager"
    assert len([c for c in slack.fake.calls_to("chat.postMessage") if not c.args.get("thread_ts")]) == 1
    await slack.event({**event, "channel": "CRANDOM"}, "Ev2")
    assert len(await slack.store.incidents.list()) == 1


async def test_a_channel_alert_is_acknowledged_only_once_it_is_kept(
    slack: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = {
        "type": "message",
        "subtype": "bot_message",
        "channel": ALERT_CHANNEL,
        "ts": "1700000000.000200",
        "bot_id": "BALERTMANAGER",
        "attachments": [{"title": "[FIRING:1] HighErrorRate checkout (critical)", "title_link": "http://am"}],
    }
    put = slack.store.inbox.put

    async def unavailable(*args: Any, **kwargs: Any) -> None:
        raise StoreUnavailable("database: connection refused")

    monkeypatch.setattr(slack.store.inbox, "put", unavailable)
    status, _ = await slack.event(event, "Ev9")
    assert status != 200  # Slack redelivers an event it got no acknowledgement for
    assert await slack.store.incidents.list() == []
    monkeypatch.setattr(slack.store.inbox, "put", put)
    retried, _ = await slack.event(event, "Ev9", **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"})
    assert retried == 200
    (incident,) = await slack.store.incidents.list()
    assert incident.services == ("checkout",)


# -- Slack errors -------------------------------------------------------------------------------------


async def test_429_with_retry_after_and_5xx_are_retried(slack: Harness) -> None:
    slack.fake.rate_limit("chat.postMessage", retry_after=1)
    slack.fake.server_error("chat.postMessage", status=503)
    await slack.alerts(alert("a1"))
    calls = slack.fake.calls_to("chat.postMessage")
    assert len(calls) == 3
    assert calls[1].at - calls[0].at >= 0.9  # waited for Retry-After
    assert (await slack.store.slack_posts.get(1)).ts is not None  # type: ignore[union-attr]


async def test_not_in_channel_joins_and_posts(slack: Harness) -> None:
    slack.fake.fail("chat.postMessage", "not_in_channel")
    await slack.alerts(alert("a1"))
    assert len(slack.fake.calls_to("conversations.join")) == 1
    assert (await slack.store.slack_posts.get(1)).ts is not None  # type: ignore[union-attr]


async def test_channel_not_found_falls_back_to_the_default_channel(
    slack: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    slack.fake.fail("chat.postMessage", "channel_not_found")
    await slack.alerts(alert("a1"))
    channels = [c.args["channel"] for c in slack.fake.calls_to("chat.postMessage")]
    assert channels == ["#payments-incidents", "#incidents"]
    assert any(getattr(r, "error", None) == "channel_not_found" for r in caplog.records)


async def test_blocks_too_long_sends_a_shortened_post(slack: Harness) -> None:
    slack.fake.fail("chat.postMessage", "msg_blocks_too_long")
    await slack.alerts(alert("a1"))
    _, second = slack.fake.calls_to("chat.postMessage")
    assert len(second.args["blocks"]) == 2
    assert (await slack.store.slack_posts.get(1)).ts is not None  # type: ignore[union-attr]


async def test_a_failed_channel_creation_is_explained(slack: Harness) -> None:
    await _opened(slack)
    slack.fake.fail("conversations.create", "restricted_action")
    await slack.click("UALICE", actions.OPEN_CHANNEL, ACK_VALUE_1)
    assert any("workspace setting" in t for t in slack.ephemerals("UALICE"))
    assert (await slack.store.slack_posts.get(1)).incident_channel is None  # type: ignore[union-attr]


async def test_acks_come_first_even_while_slack_holds_the_work(slack: Harness) -> None:
    await _opened(slack)
    slack.fake.hold("chat.postMessage", "chat.update")  # the work started by the requests cannot finish
    requests = asyncio.gather(
        *(slack.click("UALICE", actions.ACK, ACK_VALUE_1, settle=False) for _ in range(20)),
        slack.command("UCAROL", "declare Slow Slack sev2", settle=False),
    )
    results = await asyncio.wait_for(requests, 30)  # a hang guard: acks that waited for the work never come
    assert all(status == 200 for status, _ in results)
    declared = await slack.store.slack_posts.get(2)
    assert declared is None or declared.ts is None  # answered before the work was done
    slack.fake.release()
    await slack.settle()
    assert (await slack.store.slack_posts.get(1)).acknowledged_by == "UALICE"  # type: ignore[union-attr]
    assert (await slack.store.slack_posts.get(2)).ts is not None  # type: ignore[union-attr]
