"""The language model's second opinion on unsure requests: the merge rule, and the desk with the
real ``openai`` client against a local OpenAI-compatible server."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.desk.knowledge import RetrievalKnowledgeBase
from bot.desk.model import Classification, Classifier
from bot.desk.routing import ROUTING_PROMPT, Route, RouteRejected, apply_route, read_route
from bot.store.desk import DeskConversation
from tests.desk.harness import DeskHarness, desk_running, posted_text
from tests.support.fake_openai import HOLD, FakeOpenAI

ALICE = "UALICE"

UNSURE = Classification(
    text="vpn thing again",
    intent="incident_report",
    confidence=0.35,
    privileged=False,
    escalate=True,
    confident=False,
)


# -- the reply ---------------------------------------------------------------------------------


def test_a_well_formed_reply_is_read_and_a_category_counts_only_for_a_ticket() -> None:
    assert read_route('{"intent": "ticket", "category": "hardware"}') == Route("ticket", "hardware")
    assert read_route('{"intent": "faq", "category": "hardware"}') == Route("faq", None)
    assert read_route('{"intent": "ticket", "category": null}') == Route("ticket", None)


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        ("the intent is faq", "not JSON"),
        ('["faq"]', "not a JSON object"),
        ('{"intent": "grant_admin"}', "unknown intent"),
        ('{"intent": "ticket", "category": "urgent"}', "unknown category"),
        ('{"intent": "faq", "note": "' + "x" * 3_000 + '"}', "characters long"),
    ],
)
def test_an_unusable_reply_is_refused_with_its_reason(reply: str, why: str) -> None:
    with pytest.raises(RouteRejected, match=why):
        read_route(reply)


# -- the merge rule ----------------------------------------------------------------------------


def test_a_confident_classification_is_never_changed() -> None:
    confident = replace(UNSURE, confident=True)
    assert apply_route(confident, Route("faq", None), "m") is confident


def test_the_models_route_is_followed_and_the_rules_work_out_the_escalation_again() -> None:
    routed = apply_route(UNSURE, Route("faq", None), "m")
    assert (routed.intent, routed.confident, routed.escalate, routed.routed_by) == ("faq", True, False, "m")
    assert routed.category is None
    ticket = apply_route(replace(UNSURE, intent="faq", escalate=False), Route("ticket", None), "m")
    assert (ticket.intent, ticket.category, ticket.escalate) == ("ticket", "other", True)


def test_the_model_cannot_clear_privilege_nor_answer_a_privileged_request_as_a_question() -> None:
    privileged = replace(UNSURE, intent="access_request", privileged=True)
    kept = apply_route(privileged, Route("faq", None), "m")
    assert (kept.intent, kept.privileged, kept.escalate, kept.confident, kept.routed_by) == (
        "access_request",
        True,
        True,
        False,
        None,
    )
    assert "not followed" in kept.reasons[-1]
    as_ticket = apply_route(privileged, Route("ticket", "software"), "m")
    assert (as_ticket.privileged, as_ticket.escalate) == (True, True)


def test_an_account_recovery_stays_one_whatever_the_model_says() -> None:
    recovery = replace(UNSURE, intent="account_recovery", escalate=False)
    kept = apply_route(recovery, Route("faq", None), "m")
    assert (kept.intent, kept.confident, kept.routed_by) == ("account_recovery", False, None)


def test_the_model_alone_never_declares_an_incident() -> None:
    question = replace(UNSURE, intent="faq", escalate=False)
    routed = apply_route(question, Route("incident_report", None), "m")
    assert (routed.intent, routed.category, routed.escalate) == ("ticket", "other", True)
    assert "a person to judge" in routed.reasons[-1]
    agreed = apply_route(UNSURE, Route("incident_report", None), "m")
    assert agreed.intent == "incident_report"


# -- through Slack, with the real client --------------------------------------------------------


def _settings(fake: FakeOpenAI, **extra: Any) -> dict[str, Any]:
    return {"llm_model": "desk-model", "openai_base_url": fake.base_url, **extra}


async def _conversation(desk: DeskHarness, channel: str, thread_ts: str) -> DeskConversation:
    found = await desk.harness.store.desk_conversations.for_thread(channel, thread_ts)
    assert found is not None
    return found


async def test_an_unsure_request_is_answered_as_the_model_routes_it_and_the_message_travels_as_data(
    tmp_path: Path, desk_classifier: Classifier, desk_knowledge: RetrievalKnowledgeBase
) -> None:
    async with (
        FakeOpenAI(script=['{"intent": "faq"}']) as model,
        desk_running(tmp_path, desk_classifier, desk_knowledge, settings=_settings(model)) as desk,
    ):
        ts = await desk.dm(ALICE, "vpn thing again")
        [answer] = desk.replies(f"D{ALICE}", ts)
        assert "not sure I understood" not in posted_text(answer), "asked as a question, not clarified"
        conversation = await _conversation(desk, f"D{ALICE}", ts)
        assert (conversation.state, conversation.intent) == ("answered", "faq")
    [request] = model.requests
    system, user = request["messages"]
    assert system == {"role": "system", "content": ROUTING_PROMPT}
    assert json.loads(user["content"]) == {"message": "vpn thing again"}


async def test_a_confident_request_is_never_shown_to_the_model(
    tmp_path: Path, desk_classifier: Classifier, desk_knowledge: RetrievalKnowledgeBase
) -> None:
    async with (
        FakeOpenAI(script=['{"intent": "ticket"}']) as model,
        desk_running(tmp_path, desk_classifier, desk_knowledge, settings=_settings(model)) as desk,
    ):
        ts = await desk.dm(ALICE, "how do I set up the VPN")
        assert (await _conversation(desk, f"D{ALICE}", ts)).state == "answered"
    assert model.requests == []


@pytest.mark.parametrize("reply", ["not json at all", 503, HOLD], ids=["garbage", "http-503", "no-answer"])
async def test_without_a_usable_answer_the_desk_asks_its_own_question(
    tmp_path: Path, desk_classifier: Classifier, desk_knowledge: RetrievalKnowledgeBase, reply: object
) -> None:
    async with FakeOpenAI(script=[reply]) as model:
        settings = _settings(model, desk_llm_timeout_seconds=0.2)
        async with desk_running(tmp_path, desk_classifier, desk_knowledge, settings=settings) as desk:
            ts = await desk.dm(ALICE, "hmm")
            [question] = desk.replies(f"D{ALICE}", ts)
            assert "not sure I understood" in posted_text(question)
            assert (await _conversation(desk, f"D{ALICE}", ts)).state == "clarifying"
    assert len(model.requests) == 1


async def test_an_outage_only_the_model_reads_is_filed_for_a_person_and_says_who_routed_it(
    tmp_path: Path, desk_classifier: Classifier, desk_knowledge: RetrievalKnowledgeBase
) -> None:
    async with (
        FakeOpenAI(script=['{"intent": "incident_report"}']) as model,
        desk_running(tmp_path, desk_classifier, desk_knowledge, settings=_settings(model)) as desk,
    ):
        ts = await desk.dm(ALICE, "so yeah")
        [draft] = await desk.tickets()
        assert "Classified as: ticket (by the model desk-model: the rules were unsure)" in draft.description
        assert (await _conversation(desk, f"D{ALICE}", ts)).incident_id is None
        assert await desk.harness.store.incidents.list() == []
