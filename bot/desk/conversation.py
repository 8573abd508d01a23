"""A desk conversation's decisions (pure): what the bot does with a classified request.

:func:`decide` reads the classification, how many clarifying questions were already asked and
the knowledge-base passages found, and returns one :class:`Decision`. Rules decide, the
classifier advises: a privileged request is escalated whatever the confidence, a request to
hand over secrets or codes, or to act on someone else's account, is escalated whatever the
intent, and nothing the requester writes ("file it as P4", "ignore the rules") can lower an
incident's severity or skip an escalation.

Routing, after those rules:

=====================  ================================================================
``faq``                the best passage above ``min_similarity`` (an :class:`Answer`),
                       else :class:`NoArticle`
``access_request``     :class:`HandToAccess` (the access part's modal)
``account_recovery``   self-service (``escalate`` false): the article; else :class:`Escalate`
                       with ``kind="recovery"`` (verified requester, IT ticket)
``incident_report``    :class:`DeclareIncident` with a severity from the content
``ticket``             :class:`Escalate` with the classification's category
not confident          one :class:`Clarify`; a second unclear answer is :class:`Escalate`
=====================  ================================================================

The service (:mod:`bot.desk.service`) carries decisions out; :func:`ticket_draft` builds the
ticket an escalation files, carrying the conversation and the articles already tried.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.desk.model import Category, Classification
from bot.desk.privilege import ON_BEHALF, privilege
from bot.store.desk import DeskConversation
from connectors.tickets.model import Priority, TicketDraft

#: Cosine similarity a passage must reach to be offered as the answer.
MIN_SIMILARITY = 0.35
MAX_SUMMARY = 120

EscalationKind = Literal["ticket", "recovery", "access", "unclear", "privileged", "sensitive", "not_solved"]

CLARIFYING_QUESTION = (
    "I am not sure I understood. Is this a question about how something works, a problem with "
    "your laptop or an app, access you need, trouble signing in to your own account, or something "
    "that is broken for several people? A sentence more about it helps."
)


@dataclass(frozen=True)
class Passage:
    """One knowledge-base section that may answer a question."""

    article_id: str
    title: str
    section: str
    link: str
    text: str
    similarity: float


@dataclass(frozen=True)
class Answer:
    passage: Passage


@dataclass(frozen=True)
class NoArticle:
    pass


@dataclass(frozen=True)
class Clarify:
    question: str = CLARIFYING_QUESTION


@dataclass(frozen=True)
class Escalate:
    kind: EscalationKind
    reason: str
    category: Category


@dataclass(frozen=True)
class HandToAccess:
    pass


@dataclass(frozen=True)
class DeclareIncident:
    severity: str
    title: str


Decision = Answer | NoArticle | Clarify | Escalate | HandToAccess | DeclareIncident

_HAND_OVER = re.compile(
    r"\b(put|paste|send|share|give|show|post|dm|tell|print|dump|include|attach|read out|copy)\b", re.IGNORECASE
)
_SECRET = re.compile(
    r"\b(env(ironment)?[ _-]?var(iable)?s?|\.env|passwords?|secrets?|tokens?|api[ _-]?keys?|credentials?|"
    r"private[ _-]?keys?|ssh[ _-]?keys?|connection[ _-]?strings?|recovery[ _-]?keys?)\b",
    re.IGNORECASE,
)
_CODE = re.compile(
    r"\b(codes?|otp|one[- ]time|verification|2fa|mfa|passcodes?|sms)\b.*\b(to|at|on)\b.*\b(number|phone|email|"
    r"address|mobile)\b|\b(send|text|sms|forward)\b.*\b(codes?|otp|passcodes?)\b",
    re.IGNORECASE,
)
_SOMEONE_ELSE = re.compile(
    r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>|\b(colleague|coworker|co-worker|teammate|my (manager|boss|report)|"
    r"on behalf of|for (him|her|them)|(his|her|their) (account|mfa|password|phone|laptop|login|okta|yubikey))\b",
    re.IGNORECASE,
)
_WIDESPREAD = re.compile(
    r"\b(everyone|everybody|all (users|customers|of us)|whole (team|company|office)|customers|"
    r"production|prod|outage|down for|is down|are down|not loading for|500s?|5xx)\b",
    re.IGNORECASE,
)


def asks_for_secrets(text: str) -> bool:
    """The request asks the bot to hand over secret values (env vars, passwords, keys)."""
    return bool(_HAND_OVER.search(text) and _SECRET.search(text))


def asks_for_codes(text: str) -> bool:
    """The request asks for a sign-in code to be sent or redirected somewhere."""
    return bool(_CODE.search(text))


def speaks_for_someone_else(text: str) -> bool:
    """The request is about another person's account, or asks for something on their behalf."""
    return bool(_SOMEONE_ELSE.search(text)) or ON_BEHALF in privilege(text).reasons


def incident_severity(text: str) -> str:
    """The severity of a reported outage, from what it affects; a stated priority is not read."""
    return "sev2" if _WIDESPREAD.search(text) else "sev3"


def best_passage(passages: Sequence[Passage], min_similarity: float = MIN_SIMILARITY) -> Passage | None:
    """The most similar passage at or above ``min_similarity`` (the earliest on ties)."""
    good = [p for p in passages if p.similarity >= min_similarity]
    return max(good, key=lambda p: p.similarity) if good else None


def decide(
    classification: Classification,
    *,
    clarifications: int,
    passages: Sequence[Passage] = (),
    min_similarity: float = MIN_SIMILARITY,
) -> Decision:
    """What to do with ``classification`` (see the module docstring)."""
    c = classification
    text = c.text
    if c.intent == "incident_report" and c.confident:
        return DeclareIncident(incident_severity(text), summary_of(text))
    if asks_for_secrets(text):
        return Escalate("sensitive", "asks for secrets or data to be handed over; none are sent by the bot", "access")
    if c.intent == "account_recovery" or asks_for_codes(text):
        if asks_for_codes(text):
            return Escalate("recovery", "asks for a sign-in code to be sent or redirected", "access")
        if speaks_for_someone_else(text):
            return Escalate("recovery", "about someone else's account: that person must contact IT", "access")
        if c.escalate or c.privileged:
            return Escalate("recovery", "account recovery needs identity verification by a person", "access")
        found = best_passage(passages, min_similarity)
        if found is not None and c.confident:
            return Answer(found)
    if c.privileged:
        if c.intent == "access_request":
            return HandToAccess()
        return Escalate("privileged", "privileged request: a person decides", c.category or "access")
    if not c.confident:
        if clarifications == 0:
            return Clarify()
        return Escalate("unclear", "still unclear after one clarifying question", c.category or "other")
    if c.intent == "faq":
        found = best_passage(passages, min_similarity)
        return Answer(found) if found is not None else NoArticle()
    if c.intent == "access_request":
        return HandToAccess()
    if c.intent == "account_recovery":
        return Escalate("recovery", "account recovery with no self-service article", "access")
    if c.intent == "incident_report":
        return DeclareIncident(incident_severity(text), summary_of(text))
    return Escalate("ticket", "a ticket for a person", c.category or "other")


def summary_of(text: str) -> str:
    """A one-line summary of what the requester wrote (first line, cut)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= MAX_SUMMARY else first[: MAX_SUMMARY - 1].rstrip() + "…"


def ticket_draft(
    conversation: DeskConversation,
    *,
    kind: EscalationKind,
    reason: str,
    category: str,
    priority: Priority,
    routed_by: str | None = None,
) -> TicketDraft:
    """The ticket an escalation files: the conversation so far, the articles tried, and why."""
    words = conversation.requester_words()
    lines = [
        f"Escalated by opsdesk: {reason}.",
        f"Requester: {conversation.requester}" + (f" ({email})" if (email := conversation.requester_email) else ""),
        f"Classified as: {conversation.intent or 'unknown'}"
        + (f" (by the model {routed_by}: the rules were unsure)" if routed_by else ""),
    ]
    if kind == "recovery":
        lines.append("Verify the requester's identity out of band before changing anything; never send codes in chat.")
    if kind == "sensitive":
        lines.append("The requester asked for secret values; the bot shared none and this ticket holds none.")
    if conversation.articles_tried:
        lines.append("Articles already tried: " + ", ".join(conversation.articles_tried))
    lines.append("")
    lines.append("Conversation:")
    lines += [f"[{t.at.isoformat()}] {t.author}: {t.text}" for t in conversation.turns]
    return TicketDraft(
        idempotency_key=f"desk-conversation-{conversation.id}",
        summary=summary_of(words) or "Service desk request",
        description="\n".join(lines),
        category=category,
        priority=priority,
        requester=conversation.requester,
        requester_email=conversation.requester_email,
        conversation=conversation.turns,
        articles_tried=conversation.articles_tried,
    )
