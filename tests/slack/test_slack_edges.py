"""The Slack edge against hostile input: requests to ``/slack/events`` that must be a 4xx with a
reason (never a 500), button values out of range, outside text that must reach Slack inert
(no live mention, broadcast or link), and the notice of alerts a webhook refused."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.slack.parsing import actions
from tests.intake_fixtures import TOKEN, webhook, wire_alert
from tests.slack.harness import SIGNING_SECRET, Harness, alert, running
from tests.support.fake_slack import signed_headers

FORM = "application/x-www-form-urlencoded"
#: What must never reach Slack live from outside text.
LIVE = ("<!channel>", "<!everyone>", "<!here>", "<@UEVIL>", "<https://evil.example|click>")
HOSTILE = " ".join(LIVE)


@pytest.fixture
async def slack(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running(tmp_path, settings={"slack_refused_alerts_channel": "#opsdesk-admin"}) as harness:
        yield harness


async def _raw(slack: Harness, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    async with slack.session.post(f"{slack.url}/slack/events", data=body, headers=headers) as response:
        return response.status, await response.text()


# -- /slack/events: 4xx with a reason, never 5xx --------------------------------------------------


@pytest.mark.parametrize("timestamp", ["abc", "", "1e9", "9" * 5000, "-1", "١٢٣", "12.5"], ids=lambda t: repr(t[:12]))
async def test_a_malformed_timestamp_is_refused_as_unsigned(slack: Harness, timestamp: str) -> None:
    body = b"payload=%7B%7D"
    headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": "v0=abc", "Content-Type": FORM}
    status, text = await _raw(slack, body, headers)
    assert status == 401, text
    assert "error" in json.loads(text)


async def test_a_non_ascii_signature_is_refused_as_unsigned(slack: Harness) -> None:
    body = b"payload=%7B%7D"
    headers = {
        "X-Slack-Request-Timestamp": str(int(time.time())),
        "X-Slack-Signature": "v0=é",
        "Content-Type": FORM,
    }
    status, _ = await _raw(slack, body, headers)
    assert status == 401


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
async def test_a_body_that_is_not_utf8_is_refused(slack: Harness, signed: bool) -> None:
    body = b"payload=\xff\xfe\xfd"
    headers = signed_headers(SIGNING_SECRET if signed else "wrong", body, content_type=FORM)
    status, text = await _raw(slack, body, headers)
    assert status in (400, 401), text
    assert "error" in json.loads(text)


SIGNED_GARBAGE: list[tuple[str, bytes, str]] = [
    ("json array", b"[1, 2, 3]", "application/json"),
    ("json string", b'"hello"', "application/json"),
    ("json number", b"42", "application/json"),
    ("json null", b"null", "application/json"),
    ("broken json", b'{"type": ', "application/json"),
    ("payload array", b"payload=%5B1%5D", FORM),
    ("payload garbage", b"payload=%7Bnot+json", FORM),
    ("payload string", b"payload=%22x%22", FORM),
    ("payload twice", b"payload=%7B%7D&payload=%7B%7D", FORM),
    ("form without payload", b"a=1&b=2", FORM),
    ("binary", bytes(range(1, 128)), "application/octet-stream"),
    ("event with a list event", b'{"type": "event_callback", "event": [1]}', "application/json"),
    ("event with a string event", b'{"type": "event_callback", "event": "x", "event_id": 5}', "application/json"),
    (
        "block actions, actions not a list",
        b"payload=" + b"%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A5%7D",
        FORM,
    ),
    ("block actions, user a string", b"payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%22x%22%7D", FORM),
    ("url verification without challenge", b'{"type": "url_verification"}', "application/json"),
    ("type not a string", b"payload=%7B%22type%22%3A+%5Bnull%5D%2C+%22event%22%3A+null%7D", FORM),
    ("event null", b'{"type": "event_callback", "event": null}', "application/json"),
    ("no action", b"payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%5D%7D", FORM),
    ("actions null", b"payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3Anull%7D", FORM),
    ("block actions without actions", b"payload=%7B%22type%22%3A%22block_actions%22%7D", FORM),
    (
        "an action without its action_id",
        b"payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%7B%22value%22%3A%22x%22%7D%5D%7D",
        FORM,
    ),
    ("huge integer", b'{"type": "event_callback", "event_time": ' + b"9" * 5000 + b"}", "application/json"),
    (
        "lone surrogate",
        b'{"type": "event_callback", "event": {"type": "message", "text": "\\ud800"}}',
        "application/json",
    ),
]


@pytest.mark.parametrize(("body", "content_type"), [g[1:] for g in SIGNED_GARBAGE], ids=[g[0] for g in SIGNED_GARBAGE])
async def test_signed_garbage_is_answered_without_a_server_error(
    slack: Harness, body: bytes, content_type: str, caplog: pytest.LogCaptureFixture
) -> None:
    status, text = await _raw(slack, body, signed_headers(SIGNING_SECRET, body, content_type=content_type))
    await slack.settle()
    assert status < 500, text
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


# -- buttons ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("incident", [10**30, 2**31, 2**63])
async def test_a_button_for_an_incident_number_out_of_range_is_explained(slack: Harness, incident: int) -> None:
    value = json.dumps({"v": 1, "incident": incident})
    status, _ = await slack.click("UALICE", actions.ACK, value)
    assert status == 200
    [reply] = slack.ephemerals("UALICE")
    assert "altered" in reply or "not opsdesk's" in reply


def test_an_incident_value_in_range_still_parses() -> None:
    assert actions.parse_value(actions.ACK, actions.incident_value(2**31 - 1)).incident == 2**31 - 1


# -- outside text reaches Slack inert ---------------------------------------------------------------


def _sent_texts(slack: Harness) -> list[str]:
    """Every piece of text opsdesk sent to Slack: top-level ``text`` and every block's text."""
    texts: list[str] = []
    for call in slack.fake.calls:
        if "text" in call.args:
            texts.append(str(call.args["text"]))
        if "topic" in call.args:
            texts.append(str(call.args["topic"]))
        blocks = call.args.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        texts += _block_texts(blocks or [])
    return texts


def _block_texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if isinstance(node.get("text"), str) and node.get("type") == "mrkdwn" else []
        return found + [t for value in node.values() for t in _block_texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in _block_texts(item)]
    return []


def _assert_inert(texts: list[str]) -> None:
    assert texts
    for text in texts:
        for live in LIVE:
            assert live not in text, text


async def test_alert_labels_reach_the_post_its_text_and_its_thread_inert(slack: Harness) -> None:
    first = alert("a1", "checkout", alertname=f"Errors{HOSTILE}")
    first["labels"]["severity"] = "<!here>"
    await slack.alerts(first)
    await slack.alerts(alert("a2", "payments-db", alertname=f"Slow{HOSTILE}"))
    texts = _sent_texts(slack)
    assert any("&lt;!channel&gt;" in t for t in texts)
    assert len(slack.thread_replies()) == 1
    _assert_inert(texts)


async def test_declared_titles_and_resolve_summaries_reach_slack_inert(slack: Harness) -> None:
    status, _ = await slack.command("UCAROL", f"declare Broken {HOSTILE} sev2", channel="CGEN")
    assert status == 200
    await slack.command("UCAROL", "status #1", channel="CGEN")
    await slack.command("UCAROL", f"resolve #1 fixed it {HOSTILE}", channel="CGEN")
    await slack.command("UCAROL", "status #1", channel="CGEN")
    texts = _sent_texts(slack)
    assert any("Resolved by" in t for t in texts)
    assert len(slack.ephemerals("UCAROL")) == 2
    _assert_inert(texts)


async def test_a_declared_title_reaches_the_incident_channel_inert(slack: Harness) -> None:
    await slack.command("UCAROL", f"declare Broken {HOSTILE}", channel="CGEN")
    status, _ = await slack.click("UCAROL", actions.OPEN_CHANNEL, actions.incident_value(1), channel="CGEN")
    assert status == 200
    assert slack.fake.calls_to("conversations.create")
    _assert_inert(_sent_texts(slack))


@pytest.mark.parametrize("text", ["ic <!channel>", "<!everyone> now", "status <@UEVIL>"])
async def test_a_wrong_command_echoes_the_argument_inert(slack: Harness, text: str) -> None:
    status, answer = await slack.command("UCAROL", text, channel="CGEN")
    assert status == 200
    assert "⛔" in answer
    assert "&lt;" in answer
    _assert_inert([answer])


async def test_an_unknown_action_id_is_echoed_inert(slack: Harness) -> None:
    await slack.click("UALICE", "<!channel>", actions.incident_value(1))
    [reply] = slack.ephemerals("UALICE")
    assert "&lt;!channel&gt;" in reply
    _assert_inert([reply])


# -- /incident ic: both orders ------------------------------------------------------------------------


async def test_ic_takes_the_person_and_the_incident_in_either_order(slack: Harness) -> None:
    await slack.alerts(alert("a1", "checkout"))
    status, text = await slack.command("UALICE", "ic <@UBOB|bob> #1", channel="CGEN")
    assert (status, text) == (200, "")
    assert (await slack.store.slack_posts.get(1)).commander == "UBOB"  # type: ignore[union-attr]
    status, text = await slack.command("UBOB", "ic #1 <@UALICE|alice>", channel="CGEN")
    assert (status, text) == (200, "")
    assert (await slack.store.slack_posts.get(1)).commander == "UALICE"  # type: ignore[union-attr]


# -- refused alerts are noticed ------------------------------------------------------------------------


async def test_refused_alerts_are_noticed_in_the_configured_channel_inert(slack: Harness) -> None:
    bad = wire_alert("bad", "checkout")
    del bad["labels"]["service"]
    bad["labels"]["team"] = HOSTILE
    unknown = wire_alert("x", "nope")
    async with slack.session.post(
        f"{slack.url}/hooks/alertmanager",
        json=webhook(wire_alert("ok", "checkout"), bad, unknown),
        headers={"Authorization": f"Bearer {TOKEN}"},
    ) as response:
        assert response.status == 200
        assert len((await response.json())["refused"]) == 2
    await slack.settle()
    [notice] = [c for c in slack.fake.calls_to("chat.postMessage") if c.args.get("channel") == "#opsdesk-admin"]
    text = str(notice.args["text"])
    assert "2 alert(s)" in text
    assert "alerts.1.labels.service: missing label" in text
    assert "unknown service 'nope'" in text
    _assert_inert([text])
