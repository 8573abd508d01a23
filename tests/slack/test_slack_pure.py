"""The pure parts of the Slack layer: Block Kit builders and limits, button values, ``/incident``
parsing, alert messages from channels, and the posting queue's pacing and coalescing."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.web.async_client import AsyncWebClient

from bot.catalog import Catalog
from bot.engine.model import CAUSES, Action, Analysis, Evidence, Hypothesis, NextStep
from bot.slack import actions, commands
from bot.slack.app import incident_channel_name
from bot.slack.blocks import (
    MAX_BLOCKS,
    MAX_TOTAL_TEXT,
    POINTER,
    PostState,
    check_blocks,
    fit_to_limits,
    incident_blocks,
)
from bot.slack.channel_alerts import alerts_from_message
from bot.slack.poster import Poster
from tests.support.fake_slack import FakeSlack

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
CATALOG = Catalog.from_mapping({"services": {"checkout": {}, "payments-db": {}, "search": {}}})


def _state(**fields: Any) -> PostState:
    values: dict[str, Any] = {
        "incident_id": 7,
        "title": "HighErrorRate on checkout",
        "severity": "critical",
        "status": "open",
        "services": ("checkout",),
        "opened_at": NOW,
        "alertnames": ("HighErrorRate",),
        **fields,
    }
    return PostState(**values)


def _analysis(hypotheses: int = 2, text: str = "error ratio 0.4 after deploy v2") -> Analysis:
    step = NextStep(
        runbook_id="rollback",
        title="Roll back a bad deploy",
        path="runbooks/rollback.md",
        url="https://runbooks/rollback",
        actions=(Action(id="rollback", label="Roll back checkout", risk="high"),),
    )
    return Analysis(
        services=("checkout",),
        alertnames=("HighErrorRate",),
        now=NOW,
        hypotheses=tuple(
            Hypothesis(
                cause=CAUSES[i % len(CAUSES)],
                culprit="checkout",
                confidence=0.8 / (i + 1),
                score=1.0,
                summary=f"summary {i}",
                evidence=tuple(Evidence(kind="metric", text=f"{text} #{j}", weight=j / 10) for j in range(5)),
                next_steps=(step,),
            )
            for i in range(hypotheses)
        ),
        missing_sources=("logs: not configured",),
    )


# -- blocks -----------------------------------------------------------------------------


def test_the_post_shows_header_hypotheses_evidence_missing_sources_steps_and_buttons() -> None:
    blocks = incident_blocks(_state(acknowledged_by="UALICE", commander="UBOB"), _analysis())
    assert check_blocks(blocks) == []
    header = blocks[0]["text"]["text"]
    assert "CRITICAL" in header
    assert "checkout" in header
    assert "OPEN" in header
    text = json.dumps(blocks, ensure_ascii=False)
    assert "confidence *80%*" in text
    assert "<@UALICE>" in text
    assert "<@UBOB>" in text
    assert "Missing data: logs: not configured" in text
    assert "<https://runbooks/rollback|Roll back a bad deploy>" in text
    hypothesis_text = blocks[3]["text"]["text"]
    assert hypothesis_text.count("• ") == 3  # the three strongest evidence lines
    assert "#4" in hypothesis_text
    assert "#0" not in hypothesis_text
    ids = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert ids.count(actions.FEEDBACK_UP) == 2
    assert {actions.ACK, actions.TAKE_IC, actions.OPEN_CHANNEL} <= set(ids)


def test_an_incident_with_a_channel_shows_it_instead_of_the_button() -> None:
    blocks = incident_blocks(_state(incident_channel="CINC"), None)
    assert "<#CINC>" in json.dumps(blocks, ensure_ascii=False)
    assert actions.OPEN_CHANNEL not in json.dumps(blocks, ensure_ascii=False)


def test_long_content_is_truncated_with_a_pointer_never_rejected() -> None:
    blocks = incident_blocks(_state(title="t" * 5000), _analysis(hypotheses=3, text="x" * 4000))
    assert check_blocks(blocks) == []
    assert POINTER in json.dumps(blocks, ensure_ascii=False)
    assert blocks[-1]["block_id"] == "incident-actions"


def test_too_many_blocks_are_cut_to_fifty_keeping_the_buttons() -> None:
    many = [{"type": "section", "text": {"type": "mrkdwn", "text": f"line {i}"}} for i in range(80)]
    buttons = {
        "type": "actions",
        "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Ok"}, "action_id": "a", "value": "v"}],
    }
    fitted = fit_to_limits([*many, buttons])
    assert len(fitted) == MAX_BLOCKS
    assert fitted[-1] == buttons
    assert "more blocks not shown" in fitted[-2]["elements"][0]["text"]
    assert check_blocks(fitted) == []


_texts = st.text(min_size=0, max_size=5000)
_evidence = st.builds(Evidence, kind=st.just("log"), text=st.text(min_size=1, max_size=4000), weight=st.floats(0, 1))
_hypotheses = st.builds(
    Hypothesis,
    cause=st.sampled_from(CAUSES),
    culprit=st.text(min_size=1, max_size=300),
    confidence=st.floats(0, 1),
    score=st.floats(0, 100),
    summary=_texts,
    evidence=st.lists(_evidence, max_size=8).map(tuple),
    next_steps=st.lists(
        st.builds(
            NextStep,
            runbook_id=st.text(min_size=1, max_size=50),
            title=st.text(min_size=1, max_size=500),
            path=st.text(min_size=1, max_size=200),
            url=st.none() | st.just("https://x/y"),
            actions=st.lists(st.builds(Action, id=st.just("a"), label=_texts, risk=st.just("high")), max_size=4).map(
                tuple
            ),
        ),
        max_size=5,
    ).map(tuple),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(
    hypotheses=st.lists(_hypotheses, max_size=6),
    missing=st.lists(st.text(min_size=1, max_size=2000), max_size=8),
    title=st.text(min_size=1, max_size=3000),
    severity=st.text(min_size=1, max_size=300),
    services=st.lists(st.text(min_size=1, max_size=200), max_size=20),
)
def test_any_analysis_yields_a_valid_payload_within_limits(
    hypotheses: list[Hypothesis], missing: list[str], title: str, severity: str, services: list[str]
) -> None:
    analysis = Analysis(
        services=tuple(services),
        alertnames=("A",),
        now=NOW,
        hypotheses=tuple(hypotheses),
        missing_sources=tuple(missing),
    )
    state = _state(title=title, severity=severity, services=tuple(services), resolution=title)
    blocks = incident_blocks(state, analysis)
    assert check_blocks(blocks) == []
    assert sum(len(json.dumps(b)) for b in blocks) < 4 * MAX_TOTAL_TEXT + 20_000
    for block in blocks:
        if block["type"] == "actions":
            for element in block["elements"]:
                actions.parse_value(element["action_id"], element["value"])  # our own values always parse


# -- button values ------------------------------------------------------------------------


def test_button_values_round_trip() -> None:
    assert actions.parse_value(actions.ACK, actions.incident_value(5)) == actions.IncidentValue(v=1, incident=5)
    value = actions.parse_value(actions.FEEDBACK_DOWN, actions.feedback_value(5, 1, "down"))
    assert isinstance(value, actions.FeedbackValue)
    assert (value.hypothesis, value.vote) == (1, "down")


@pytest.mark.parametrize(
    ("action_id", "raw"),
    [
        ("delete-everything", '{"v":1,"incident":1}'),
        (actions.ACK, None),
        (actions.ACK, "not json"),
        (actions.ACK, '{"v":2,"incident":1}'),
        (actions.ACK, '{"v":1,"incident":"1"}'),
        (actions.ACK, '{"v":1,"incident":-3}'),
        (actions.ACK, '{"v":1,"incident":1,"admin":true}'),
        (actions.ACK, "[1]"),
        (actions.FEEDBACK_UP, '{"v":1,"incident":1,"hypothesis":0,"vote":"down"}'),
        (actions.FEEDBACK_UP, '{"v":1,"incident":1,"hypothesis":0}'),
        (actions.FEEDBACK_UP, '{"v":1,"incident":1,"hypothesis":1.5,"vote":"up"}'),
        (actions.ACK, "{" * 5000),
    ],
)
def test_tampered_or_unknown_values_are_refused(action_id: str, raw: object) -> None:
    with pytest.raises(actions.BadAction):
        actions.parse_value(action_id, raw)


@given(st.text(max_size=300))
def test_no_string_crashes_the_value_parser(raw: str) -> None:
    with contextlib.suppress(actions.BadAction):
        actions.parse_value(actions.FEEDBACK_UP, raw)


# -- /incident ------------------------------------------------------------------------------


def test_commands_parse() -> None:
    assert commands.parse_command("declare Checkout is down sev1") == commands.Declare("Checkout is down", "sev1")
    assert commands.parse_command("declare Checkout is down") == commands.Declare("Checkout is down", "sev3")
    assert commands.parse_command("status") == commands.Status(None)
    assert commands.parse_command("status #12") == commands.Status(12)
    assert commands.parse_command("resolve #3 rolled back v2") == commands.Resolve(3, "rolled back v2")
    assert commands.parse_command("resolve") == commands.Resolve(None, "")
    assert commands.parse_command("ic <@U123ABC|alice>") == commands.AssignCommander("U123ABC", None)
    assert commands.parse_command("ic #4 <@U123ABC>") == commands.AssignCommander("U123ABC", 4)
    assert commands.parse_command("") == commands.Help()
    assert commands.parse_command("help") == commands.Help()


@pytest.mark.parametrize(
    "text", ["declare", "declare sev1", "ic", "ic alice", "ic <@U1> <@U2>", "frobnicate", "status now"]
)
def test_wrong_or_missing_arguments_are_explained(text: str) -> None:
    with pytest.raises(commands.CommandError):
        commands.parse_command(text)


def test_channel_names_are_valid_and_unique_per_attempt() -> None:
    name = incident_channel_name(42, "Checkout: 5xx > 40% — Ünïcode!! " * 5)
    assert name.startswith("inc-42-checkout-5xx-40-unicode")
    assert len(name) <= 80
    assert all((c.isalnum() and c.islower()) or c.isdigit() or c == "-" for c in name)
    assert incident_channel_name(42, "x", 2) == "inc-42-x-3"
    assert incident_channel_name(42, "!!!") == "inc-42"


# -- alert messages in channels --------------------------------------------------------------


def test_alertmanager_default_notification_becomes_an_alert() -> None:
    message = {
        "type": "message",
        "subtype": "bot_message",
        "attachments": [
            {
                "title": "[FIRING:2] HighErrorRate checkout (critical)",
                "title_link": "http://alertmanager/#/alerts",
                "fallback": "[FIRING:2] HighErrorRate checkout (critical) | http://alertmanager/#/alerts",
                "color": "danger",
            }
        ],
    }
    (alert,) = alerts_from_message(message, CATALOG, NOW)
    assert (alert.alertname, alert.service, alert.severity, alert.status) == (
        "HighErrorRate",
        "checkout",
        "critical",
        "firing",
    )
    again = alerts_from_message(message, CATALOG, NOW)[0]
    assert again.fingerprint == alert.fingerprint
    resolved = {"attachments": [{"title": "[RESOLVED] HighErrorRate checkout (critical)"}]}
    assert alerts_from_message(resolved, CATALOG, NOW)[0].status == "resolved"


def test_grafana_alert_message_becomes_alerts() -> None:
    text = (
        "**Firing**\n\nValue: A=0.4\nLabels:\n - alertname = HighLatency\n - service = search\n - severity = warning\n"
        "Annotations:\n - summary = p99 high\nSource: http://grafana/alerting\n\n"
        "Value: A=0.9\nLabels:\n - alertname = HighLatency\n - service = payments-db\nAnnotations:\n\n"
        "**Resolved**\n\nLabels:\n - alertname = DiskFull\n - service = checkout\n"
    )
    message = {"attachments": [{"title": "[FIRING:2] HighLatency", "text": text, "footer": "Grafana v11"}]}
    alerts = alerts_from_message(message, CATALOG, NOW)
    assert [(a.alertname, a.service, a.status) for a in alerts] == [
        ("HighLatency", "search", "firing"),
        ("HighLatency", "payments-db", "firing"),
        ("DiskFull", "checkout", "resolved"),
    ]


@pytest.mark.parametrize(
    "message",
    [
        {"text": "hello team"},
        {"attachments": [{"title": "[FIRING:1] HighErrorRate unknown-service"}]},
        {"attachments": "nope"},
        {"attachments": [{"text": "Labels:\n - alertname = X\n"}]},
    ],
)
def test_other_messages_are_not_alerts(message: dict[str, Any]) -> None:
    assert alerts_from_message(message, CATALOG, NOW) == []


# -- poster ---------------------------------------------------------------------------------


class VirtualTime:
    """A monotonic clock that only moves when someone sleeps; ``scale`` > 0 also waits that
    fraction of the time for real, so work keeps arriving while the queue waits (a storm)."""

    def __init__(self, scale: float = 0.0) -> None:
        self.now = 0.0
        self.scale = scale

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(seconds * self.scale)


async def test_the_queue_paces_a_channel_and_coalesces_edits_of_one_message() -> None:
    async with FakeSlack() as fake:
        clock = VirtualTime()
        client = AsyncWebClient(token="xoxb-test", base_url=fake.api_url)
        poster = Poster(client, interval=1.0, monotonic=clock.monotonic, sleep=clock.sleep)
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
        await poster.close()


async def test_a_new_incident_post_goes_ahead_of_waiting_chatter() -> None:
    async with FakeSlack() as fake:
        clock = VirtualTime()
        client = AsyncWebClient(token="xoxb-test", base_url=fake.api_url)
        poster = Poster(client, interval=1.0, monotonic=clock.monotonic, sleep=clock.sleep)
        first = await poster.post("#ops", text="incident 1")
        chatter = [poster.post("#ops", text=f"reply {i}", thread_ts=first["ts"]) for i in range(5)]
        tasks = [asyncio.ensure_future(c) for c in chatter]
        await asyncio.sleep(0)
        urgent = asyncio.ensure_future(poster.post("#ops", first=True, text="incident 2"))
        await asyncio.gather(*tasks, urgent)
        texts = [c.args["text"] for c in fake.calls_to("chat.postMessage")]
        assert texts.index("incident 2") <= 2  # ahead of the replies still waiting
        await poster.close()
