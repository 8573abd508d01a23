"""The pure views of the Slack surface: the incident post's Block Kit and its limits (checked by
slack-sdk's models), replies to one person, and the texts written in threads and channels."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import ActionsBlock, ButtonElement, MarkdownTextObject, PlainTextObject, SectionBlock

from bot.engine.model import CAUSES, Action, Analysis, Evidence, Hypothesis, NextStep
from bot.slack.parsing import actions
from bot.slack.views import notes, replies
from bot.slack.views.blocks import PostState, fallback_text, incident_blocks
from bot.slack.views.limits import MAX_BLOCKS, MAX_TOTAL_TEXT, POINTER, check_blocks, cut, fit
from bot.store import IncidentDetail, SlackPost
from tests.slack.harness import stored_alert

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


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


def test_a_ranking_shaped_by_feedback_says_so_and_a_neutral_one_says_nothing() -> None:
    plain = json.dumps(incident_blocks(_state(), _analysis()), ensure_ascii=False)
    assert "past feedback" not in plain
    weighted = _analysis().model_copy(update={"cause_weights": {"deploy": 0.912, "external": 1.2}})
    text = json.dumps(incident_blocks(_state(), weighted), ensure_ascii=False)
    assert "Ranking weighted by past feedback: Bad deploy ×0.91, Third-party outage ×1.20" in text


def test_long_content_is_truncated_with_a_pointer_never_rejected() -> None:
    blocks = incident_blocks(_state(title="t" * 5000), _analysis(hypotheses=3, text="x" * 4000))
    assert check_blocks(blocks) == []
    assert POINTER in json.dumps(blocks, ensure_ascii=False)
    assert blocks[-1]["block_id"] == "incident-actions"


def test_too_many_blocks_are_cut_to_fifty_keeping_the_buttons() -> None:
    many = [SectionBlock(text=MarkdownTextObject(text=f"line {i}")) for i in range(80)]
    buttons = ActionsBlock(elements=[ButtonElement(text=PlainTextObject(text="Ok"), action_id="a", value="v")])
    fitted = [block.to_dict() for block in fit([*many, buttons])]
    assert len(fitted) == MAX_BLOCKS
    assert fitted[-1] == buttons.to_dict()
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


# -- limits -------------------------------------------------------------------------------


def _text(kind: str, text: str) -> dict[str, Any]:
    return {"type": kind, "text": text}


def _actions(*ids: str, text: str = "Ok") -> dict[str, Any]:
    buttons = [{"type": "button", "text": _text("plain_text", text), "action_id": i, "value": "v"} for i in ids]
    return {"type": "actions", "elements": buttons}


@pytest.mark.parametrize(
    ("blocks", "problem"),
    [
        ([{"type": "section", "text": _text("mrkdwn", "x" * 3001)}], "cannot exceed 3000"),
        ([{"type": "section", "fields": [_text("mrkdwn", "f")] * 11}], "cannot exceed 10 items"),
        ([{"type": "header", "text": _text("plain_text", "h" * 151)}], "cannot exceed 150"),
        ([_actions("a", text="b" * 76)], "cannot exceed 75"),
        ([_actions(*(f"a{i}" for i in range(26)))], "cannot exceed 25"),
        ([{"type": "context", "elements": [_text("mrkdwn", "c")] * 11}], "cannot exceed 10"),
        ([{"type": "section", "text": _text("mrkdwn", "x")}] * 51, "51 blocks > 50"),
        ([{"type": "section", "fields": [_text("mrkdwn", "f" * 2001)]}], "a field is longer than 2000"),
        ([{"type": "context", "elements": [_text("mrkdwn", "c" * 2001)]}], "an element is longer than 2000"),
        ([{"type": "header", "text": _text("mrkdwn", "h")}], "header text is not plain_text"),
        ([_actions("a", "a")], "duplicate action ids"),
        ([{"type": "section", "text": _text("mrkdwn", "")}], "empty text"),
        ([{"type": "context", "elements": []}], "no elements"),
        ([{"type": "marquee"}], "unknown block type"),
        ([{"type": "section", "text": _text("mrkdwn", "x" * 2900)}] * 5, "total text 14500 > 12000"),
    ],
)
def test_check_blocks_names_each_limit_a_payload_breaks(blocks: list[dict[str, Any]], problem: str) -> None:
    assert any(problem in found for found in check_blocks(blocks)), check_blocks(blocks)


def test_cut_ends_with_a_pointer_or_an_ellipsis_when_there_is_no_room() -> None:
    assert cut("short", 10) == "short"
    assert cut("x" * 500, 200) == "x" * (200 - len(POINTER)) + POINTER
    assert cut("y" * 50, 20) == "y" * 19 + "…"


def test_the_fallback_text_names_the_leading_hypothesis() -> None:
    assert fallback_text(_state(), None) == "[critical] Incident #7 open: HighErrorRate on checkout — investigating"
    nothing = _analysis(hypotheses=0)
    assert fallback_text(_state(), nothing).endswith("— no hypothesis")
    assert fallback_text(_state(status="resolved"), None) == (
        "[critical] Incident #7 resolved: HighErrorRate on checkout — no hypothesis"
    )
    assert fallback_text(_state(), _analysis()).endswith("— Bad deploy · checkout (80%)")
    assert fallback_text(_state(title="t" * 5000), _analysis()).endswith(POINTER)


# -- replies to one person -------------------------------------------------------------------


def _incident() -> IncidentDetail:
    return IncidentDetail(
        id=7,
        title="HighErrorRate on checkout",
        services=("checkout",),
        status="open",
        severity="critical",
        opened_at=NOW,
        last_alert_at=NOW,
    )


def test_help_says_what_the_caller_may_run_for_the_incident_of_the_channel() -> None:
    anywhere = replies.help_text(None, allowed=False)
    assert "run them in an incident's channel or give `#id`" in anywhere
    assert "✅" not in anywhere
    assert "⛔" not in anywhere
    assert "✅ you may for incident #7" in replies.help_text(7, allowed=True)
    assert "⛔ you may not (incident commander or owning team only) for incident #7" in replies.help_text(7, False)


def test_status_shows_roles_the_leading_hypothesis_and_a_link_to_the_post() -> None:
    post = SlackPost(incident_id=7, channel="CPAY", ts="1700000001.000100", commander="UBOB")
    text = replies.status_text(_incident(), post, _analysis())
    assert text.splitlines()[0] == "*Incident #7: HighErrorRate on checkout*"
    assert "Acknowledged: not yet · Commander: <@UBOB>" in text
    assert "(80%)" in text
    assert text.endswith("Post: https://slack.com/archives/CPAY/p1700000001000100")
    bare = replies.status_text(_incident(), SlackPost(incident_id=7), None)
    assert "No hypothesis yet." in bare
    assert "Post:" not in bare


def test_refusals_and_the_usage() -> None:
    assert replies.not_allowed("take", 7) == "only the incident commander or the owning team may take incident #7."
    assert replies.not_allowed("take", 7, say_no_commander=True).endswith(" It has no commander yet.")
    wrong = replies.wrong_command("unknown subcommand `x`")
    assert wrong.startswith("⛔ unknown subcommand `x`\n\n")
    assert wrong.endswith(replies.USAGE)


# -- threads and channels --------------------------------------------------------------------


_GROUPED = [("DBSlow", "payments-db"), ("HighLatency", "checkout"), ("DBSlow", "payments-db")]


def test_thread_notes() -> None:
    pending = [stored_alert(name, service) for name, service in _GROUPED]
    assert notes.grouped_alerts(pending) == (
        "➕ 3 new alert(s) grouped here: DBSlow, HighLatency on checkout, payments-db"
    )
    assert notes.commander_changed("UB", None, by="UA") == "🧑‍✈️ Incident commander is now <@UB>, set by <@UA>."
    assert "(was <@UC>)" in notes.commander_changed("UB", "UC", by="UA")
    assert notes.resolved_by("UA", None) == "✅ Resolved by <@UA>."
    assert notes.resolved_by("UA", "rolled back") == "✅ Resolved by <@UA>: rolled back"
    assert len(notes.channel_topic(7, "sev1", "t" * 400)) == 250
    assert notes.channel_welcome(7, "Down", "") == "Incident #7: Down. Main post: not posted"


def test_channel_names_are_valid_and_unique_per_attempt() -> None:
    name = notes.incident_channel_name(42, "Checkout: 5xx > 40% — Ünïcode!! " * 5)
    assert name.startswith("inc-42-checkout-5xx-40-unicode")
    assert len(name) <= 80
    assert all((c.isalnum() and c.islower()) or c.isdigit() or c == "-" for c in name)
    assert notes.incident_channel_name(42, "x", 2) == "inc-42-x-3"
    assert notes.incident_channel_name(42, "!!!") == "inc-42"
