"""The desk's pure rules: routing, what it refuses to do, parsing of its Slack input, its views."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.desk.conversation import (
    Answer,
    Clarify,
    DeclareIncident,
    Escalate,
    HandToAccess,
    NoArticle,
    Passage,
    decide,
    incident_severity,
    ticket_draft,
)
from bot.desk.model import Classification, Classifier, Intent
from bot.desk.service import Reply
from bot.slack.errors import BadAction
from bot.slack.parsing.desk import desk_message, feedback_button_value, feedback_value
from bot.slack.views.desk import reply_message
from bot.store.desk import DeskConversation, DeskTotals
from connectors.tickets.model import Turn

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
VPN = Passage("vpn-setup", "VPN setup", "macOS", "vpn-setup#macos", "Install GlobalProtect.", 0.6)
WEAK = Passage("wifi", "Wi-Fi", "Offices", "wifi#offices", "Join Corp.", 0.2)


def _c(text: str, intent: Intent = "faq", **fields: object) -> Classification:
    values: dict[str, object] = {"confidence": 0.9, "privileged": False, "escalate": False, **fields}
    return Classification(text=text, intent=intent, **values)  # type: ignore[arg-type]


def test_a_question_gets_the_best_passage_above_the_bar_or_no_article() -> None:
    assert decide(_c("how do I set up the VPN"), clarifications=0, passages=[WEAK, VPN]) == Answer(VPN)
    assert decide(_c("how do I set up the VPN"), clarifications=0, passages=[WEAK]) == NoArticle()


def test_unclear_gets_one_question_then_a_person() -> None:
    unclear = _c("it broke", confident=False, confidence=0.2)
    assert decide(unclear, clarifications=0) == Clarify()
    second = decide(unclear, clarifications=1)
    assert isinstance(second, Escalate)
    assert second.kind == "unclear"


def test_privileged_requests_escalate_whatever_the_confidence() -> None:
    admin = _c("make me org admin", "access_request", privileged=True, confident=False, confidence=0.1)
    assert decide(admin, clarifications=0) == HandToAccess()
    other = decide(_c("change the firewall", "ticket", privileged=True, confident=False), clarifications=0)
    assert isinstance(other, Escalate)
    assert other.kind == "privileged"


@pytest.mark.parametrize(
    "text",
    [
        "reset MFA for my colleague <@U123ABC>",
        "please reset her password, she is on a plane",
        "send the code to this new number 0770",
        "text me the otp at my personal phone",
    ],
)
def test_recovery_for_someone_else_or_by_code_is_never_self_service(text: str) -> None:
    recovery = _c(text, "account_recovery")  # even when a classifier says self-service
    decision = decide(recovery, clarifications=0, passages=[VPN])
    assert isinstance(decision, Escalate)
    assert decision.kind == "recovery"


def test_self_service_recovery_gets_the_article() -> None:
    assert decide(_c("how do I reset my own password", "account_recovery"), clarifications=0, passages=[VPN]) == Answer(
        VPN
    )


@pytest.mark.parametrize("intent", ["faq", "ticket", "access_request"])
def test_asking_for_secrets_escalates_whatever_the_intent(intent: Intent) -> None:
    decision = decide(_c("put the env vars in the ticket", intent), clarifications=0, passages=[VPN])
    assert isinstance(decision, Escalate)
    assert decision.kind == "sensitive"


@pytest.mark.parametrize("stated", ["P4", "p5", "low priority", "sev4", "not urgent"])
def test_a_stated_priority_does_not_lower_an_outage(stated: str) -> None:
    text = f"checkout is down for everyone, file it as {stated}"
    assert incident_severity(text) == "sev2"
    decision = decide(_c(text, "incident_report"), clarifications=0)
    assert isinstance(decision, DeclareIncident)
    assert decision.severity == "sev2"


def test_the_ticket_carries_the_conversation_and_the_articles_tried() -> None:
    conversation = DeskConversation(
        id=7,
        channel="D1",
        thread_ts="1.0",
        requester="UALICE",
        source="dm",
        state="answered",
        opened_at=NOW,
        updated_at=NOW,
        version=2,
        intent="faq",
        turns=(Turn(NOW, "UALICE", "vpn drops"), Turn(NOW, "opsdesk", "Answered from VPN setup")),
        articles_tried=("vpn-setup",),
    )
    draft = ticket_draft(conversation, kind="not_solved", reason="not solved", category="network", priority="P3")
    assert draft.idempotency_key == "desk-conversation-7"
    assert draft.articles_tried == ("vpn-setup",)
    assert draft.conversation == conversation.turns
    assert draft.summary == "vpn drops"
    assert "vpn-setup" in draft.description


def test_totals_are_ratios_of_ended_conversations() -> None:
    totals = DeskTotals(opened=5, resolved=3, escalated=1, rated=4, satisfied=3)
    assert (totals.deflection, totals.escalation, totals.satisfaction) == (0.75, 0.25, 0.75)
    assert DeskTotals().deflection is None


def test_bot_messages_edits_and_empty_text_are_not_desk_messages() -> None:
    base = {"type": "message", "channel": "D1", "user": "UALICE", "text": "hi <@UBOT>", "ts": "1.5"}
    assert desk_message(base, "UBOT") is not None
    assert desk_message(base, "UBOT").text == "hi"  # type: ignore[union-attr]
    assert desk_message({**base, "user": "UBOT"}, "UBOT") is None
    assert desk_message({**base, "bot_id": "B1"}, "UBOT") is None
    assert desk_message({**base, "subtype": "message_changed"}, "UBOT") is None
    assert desk_message({**base, "text": "<@UBOT>"}, "UBOT") is None
    assert desk_message({**base, "ts": "not-a-ts"}, "UBOT") is None


@given(st.text(max_size=60))
def test_a_feedback_value_is_read_back_or_refused(value: str) -> None:
    try:
        conversation = feedback_value(value)
    except BadAction:
        return
    assert conversation >= 1
    assert feedback_button_value(conversation) is not None


def test_the_feedback_value_round_trips() -> None:
    assert feedback_value(feedback_button_value(42)) == 42
    for bad in ('{"v": 2, "conversation": 1}', '{"v": 1, "conversation": true}', "[]", "x"):
        with pytest.raises(BadAction):
            feedback_value(bad)


def test_kb_text_is_escaped_in_the_answer() -> None:
    hostile = Passage("p", "<!here> title", "s", "p#s", "<!channel> grant admin <https://x|y>", 0.9)
    conversation = DeskConversation(1, "D1", "1.0", "U1", "dm", "answered", NOW, NOW, 1)
    text, blocks = reply_message(Reply("answer", conversation, passage=hostile))
    shown = text + repr(blocks)
    assert "<!channel>" not in shown
    assert "<!here>" not in shown
    assert "<https://x" not in shown


def test_an_access_hand_off_offers_the_access_parts_form() -> None:
    conversation = DeskConversation(3, "D1", "1.0", "U1", "dm", "escalated", NOW, NOW, 1)
    _, blocks = reply_message(Reply("access", conversation))
    [button] = blocks[-1]["elements"]
    assert button["action_id"] == "access-request-open"


@pytest.fixture(scope="module")
def real_router() -> Classifier:
    """The desk's own intent router (loads all-MiniLM-L6-v2)."""
    from bot.system import desk_classifier

    return desk_classifier()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("please reset the MFA for my colleague <@UBOB>, she lost her phone", "recovery"),
        ("I'm locked out, send the code to this new number +44 7700 900123", "recovery"),
        ("put the env vars of checkout in the ticket please", "sensitive"),
        ("my laptop won't charge", "ticket"),
    ],
)
def test_the_real_router_and_the_rules_escalate_what_a_person_must_handle(
    real_router: Classifier, text: str, kind: str
) -> None:
    decision = decide(real_router.classify(text), clarifications=0, passages=[VPN])
    assert isinstance(decision, Escalate)
    assert decision.kind == kind


@pytest.mark.slow
def test_the_real_router_declares_an_outage_reported_as_p4_at_its_own_severity(real_router: Classifier) -> None:
    text = "checkout is down for everyone, file it as P4 please"
    assert decide(real_router.classify(text), clarifications=0) == DeclareIncident("sev2", text)
