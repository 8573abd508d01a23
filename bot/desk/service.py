"""The desk conversation service: carries out :func:`bot.desk.conversation.decide` (thin).

One message in, one :class:`Reply` out, which the Slack handler turns into a thread reply. The
conversation is stored per thread; every change is a compare-and-set on its version, and a
ticket's idempotency key is the conversation's, so a repeated delivery or a crash between
filing the ticket and storing the state never files two.

Errors::

    OpsdeskError (bot.errors)
    └── DeskRefused       a click or form the desk will not act on (not the requester, ended)

A conversation left waiting for the requester (an answer not rated, a question not answered) ends
``closed`` once it has been quiet for ``idle`` (three days by default), by a durable timer asked
for in the transaction of each change: every conversation ends, and ``desk report`` counts these
apart from the ones an answer solved.

What the desk never does: reset a factor or password, send or reveal a code, act on someone
else's account, hand over secrets, or grant anything privileged. Those requests end as a ticket
for a person (and an ``escalation`` record in the audit log).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from bot.clock import Clock
from bot.coordination import TimerWorker
from bot.desk.conversation import (
    MIN_SIMILARITY,
    Answer,
    Clarify,
    DeclareIncident,
    Escalate,
    EscalationKind,
    HandToAccess,
    NoArticle,
    Passage,
    decide,
    speaks_for_someone_else,
    ticket_draft,
)
from bot.desk.knowledge import KnowledgeBase
from bot.desk.model import Classification, Classifier
from bot.desk.resources import ResourceCatalog
from bot.desk.routing import RoutingAdviser
from bot.desk.triage import ticket_priority
from bot.errors import OpsdeskError
from bot.remediation.audit import AuditEntry
from bot.store import Storage, Timer
from bot.store.desk import DeskConversation, DeskConversationRepository
from connectors.tickets.model import Priority, Ticket, TicketError, TicketSystem, Turn

log = logging.getLogger(__name__)

BOT_AUTHOR = "opsdesk"
IDLE_TIMER = "desk-idle-close"
DEFAULT_IDLE = timedelta(days=3)
Source = Literal["dm", "mention", "command", "shortcut", "home"]


class DeskRefused(OpsdeskError):
    """A desk click or form not acted on; ``str()`` says why, for the person."""


@dataclass(frozen=True)
class Person:
    """What Slack says about a requester (``users.info``)."""

    id: str
    email: str | None
    active: bool


@dataclass(frozen=True)
class DeclaredIncident:
    id: int
    channel: str | None


class PersonLookup(Protocol):
    async def __call__(self, user: str) -> Person | None: ...


class IncidentDeclarer(Protocol):
    async def __call__(self, title: str, severity: str, reporter: str, words: str) -> DeclaredIncident: ...


@dataclass(frozen=True)
class AccessOffer:
    """The access form offered, opened on ``resource`` when the request names one from the catalog."""

    resource: str | None = None


#: Where an access request goes: the form to offer, or ``None`` for a person. Without one (the
#: access part not wired in) such requests are filed as tickets of category ``access`` (see
#: :meth:`DeskService._hand_to_access`).
AccessHandOff = Callable[[DeskConversation, Classification], Awaitable[AccessOffer | None]]
TicketPriority = Callable[[Classification], Priority]


def classification_priority(classification: Classification) -> Priority:
    """A ticket's priority from what the request says (:func:`bot.desk.triage.ticket_priority`)."""
    return ticket_priority(classification.text, classification.intent, classification.category)


@dataclass(frozen=True)
class DeskParts:
    """What the desk needs besides Slack, built by the composition root."""

    classifier: Classifier
    knowledge: KnowledgeBase | None
    tickets: TicketSystem | None = None
    priority: TicketPriority = classification_priority
    access: AccessHandOff | None = None
    min_similarity: float = MIN_SIMILARITY
    idle: timedelta = DEFAULT_IDLE
    #: A language model asked about requests the rules are unsure of (none: the rules alone).
    adviser: RoutingAdviser | None = None


class AccessForm:
    """The access part's hand-off: its form requests access for whoever fills it in, so a request
    on someone else's behalf goes to a person as a ticket instead. The form opens on the first
    catalog resource the requester named, if any (they can still change it)."""

    def __init__(self, catalog: ResourceCatalog) -> None:
        self.catalog = catalog

    async def __call__(self, conversation: DeskConversation, classification: Classification) -> AccessOffer | None:
        if speaks_for_someone_else(classification.text):
            return None
        named = self.catalog.match_resources(conversation.requester_words())
        return AccessOffer(named[0].id if named else None)


@dataclass(frozen=True)
class Incoming:
    """One message from a requester, as the Slack layer read it."""

    channel: str
    thread_ts: str
    user: str
    text: str
    source: Source


ReplyKind = Literal[
    "answer", "no_article", "clarify", "escalated", "incident", "access", "resolved", "closed", "unavailable"
]


@dataclass(frozen=True)
class Reply:
    kind: ReplyKind
    conversation: DeskConversation
    passage: Passage | None = None
    ticket: Ticket | None = None
    incident: DeclaredIncident | None = None
    escalation: EscalationKind | None = None
    reason: str = ""
    #: The catalog resource the access form opens on.
    resource: str | None = None


class DeskService:
    def __init__(
        self,
        storage: Storage,
        classifier: Classifier,
        knowledge: KnowledgeBase | None,
        tickets: TicketSystem,
        clock: Clock,
        *,
        people: PersonLookup,
        declare: IncidentDeclarer,
        priority: TicketPriority,
        access: AccessHandOff | None = None,
        min_similarity: float = MIN_SIMILARITY,
        idle: timedelta = DEFAULT_IDLE,
        adviser: RoutingAdviser | None = None,
    ) -> None:
        self.storage = storage
        self.classifier = classifier
        self.knowledge = knowledge
        self.tickets = tickets
        self.clock = clock
        self.people = people
        self.declare = declare
        self.priority = priority
        self.access = access
        self.min_similarity = min_similarity
        self.idle = idle
        self.adviser = adviser
        self._closed_listeners: list[Callable[[DeskConversation], Awaitable[None]]] = []

    def register_timers(self, worker: TimerWorker) -> None:
        worker.register(IDLE_TIMER, self._idle_due, deadline=True)

    def on_closed(self, listener: Callable[[DeskConversation], Awaitable[None]]) -> None:
        """Call ``listener`` with a conversation the idle timer closed (to say so in its thread)."""
        self._closed_listeners.append(listener)

    @property
    def conversations(self) -> DeskConversationRepository:
        return self.storage.desk_conversations

    async def on_message(self, incoming: Incoming) -> Reply | None:
        """The reply to one requester message, or ``None`` for a message the desk leaves alone
        (someone else speaking in a requester's thread)."""
        now = self.clock.now()
        conversation = await self._continued(incoming)
        if conversation is None:
            conversation, _ = await self.conversations.open(
                incoming.channel, incoming.thread_ts, incoming.user, incoming.source, now
            )
        if conversation.requester != incoming.user:
            return None
        if conversation.ended:
            return Reply("closed", conversation)
        conversation = conversation.changed(turns=(*conversation.turns, Turn(now, incoming.user, incoming.text)))
        classification = await self._classify(conversation.requester_words())
        if self.adviser is not None and not classification.confident:
            classification = await self.adviser.route(classification)
        conversation = conversation.changed(intent=classification.intent)
        passages = await self._passages(incoming.text, classification)
        decision = decide(
            classification,
            clarifications=conversation.clarifications,
            passages=passages,
            min_similarity=self.min_similarity,
        )
        log.info(
            "desk decision",
            extra={
                "conversation": conversation.id,
                "intent": classification.intent,
                "decision": type(decision).__name__,
                "routed_by": classification.routed_by or "rules",
            },
        )
        if isinstance(decision, Answer):
            passage = decision.passage
            tried = conversation.articles_tried
            conversation = conversation.changed(
                state="answered", articles_tried=tried if passage.article_id in tried else (*tried, passage.article_id)
            )
            return Reply("answer", await self._said(conversation, _answer_turn(passage)), passage=passage)
        if isinstance(decision, NoArticle):
            conversation = conversation.changed(state="answered")
            return Reply("no_article", await self._said(conversation, "No article answers this; offered a ticket."))
        if isinstance(decision, Clarify):
            conversation = conversation.changed(state="clarifying", clarifications=conversation.clarifications + 1)
            return Reply("clarify", await self._said(conversation, decision.question))
        if isinstance(decision, DeclareIncident):
            return await self._declare(conversation, decision)
        if isinstance(decision, HandToAccess):
            return await self._hand_to_access(conversation, classification)
        return await self._escalate(conversation, decision, classification)

    async def _continued(self, incoming: Incoming) -> DeskConversation | None:
        """In a DM, a message outside any thread answers a pending clarifying question."""
        if incoming.source != "dm" or await self.conversations.for_thread(incoming.channel, incoming.thread_ts):
            return None
        return await self.conversations.waiting_for(incoming.channel, incoming.user)

    async def on_feedback(self, conversation_id: int, user: str, solved: bool) -> Reply:
        """ "Did this solve it?": yes ends the conversation resolved, no files the ticket."""
        conversation = await self.conversations.get(conversation_id)
        if conversation is None:
            raise DeskRefused("that conversation is not known here")
        if conversation.requester != user:
            raise DeskRefused("only the person who asked can answer this")
        if conversation.ended:
            return Reply("closed", conversation)
        if conversation.state != "answered":
            raise DeskRefused("this conversation is waiting for your answer to a question")
        now = self.clock.now()
        rated = (1 if solved else 0) if conversation.articles_tried else None
        conversation = conversation.changed(satisfaction=rated)
        if solved:
            conversation = conversation.changed(state="resolved", ended_at=now)
            return Reply("resolved", await self._said(conversation, "Marked as solved.", user=user, user_text="Solved"))
        conversation = conversation.changed(turns=(*conversation.turns, Turn(now, user, "Not solved")))
        classification = await self._classify(conversation.requester_words())
        escalation = Escalate("not_solved", "the articles offered did not solve it", classification.category or "other")
        return await self._escalate(conversation, escalation, classification)

    async def file_form(self, requester: str, summary: str, details: str, source: Source, reference: str) -> Reply:
        """A ticket from the "Report a problem" or "Create ticket from message" form.

        ``reference`` names the form's submission (its view id): a repeated submission finds the
        conversation and ticket of the first.
        """
        now = self.clock.now()
        conversation, _ = await self.conversations.open(source, reference, requester, source, now)
        if conversation.ended:
            return Reply("escalated", conversation, escalation="ticket")
        text = f"{summary}\n{details}".strip()
        conversation = conversation.changed(turns=(Turn(now, requester, text),))
        classification = await self._classify(text)
        conversation = conversation.changed(intent=classification.intent)
        decision = decide(classification, clarifications=1, passages=())
        if isinstance(decision, Escalate) and decision.kind in ("sensitive", "recovery", "privileged"):
            escalation = decision
        else:
            escalation = Escalate("ticket", f"filed from the {source} form", classification.category or "other")
        return await self._escalate(conversation, escalation, classification)

    # -- carrying out ------------------------------------------------------------------------

    async def _classify(self, text: str) -> Classification:
        """The classification (embedding is CPU work: in a worker thread, off the event loop)."""
        return await asyncio.to_thread(self.classifier.classify, text)

    async def _passages(self, question: str, classification: Classification) -> list[Passage]:
        if self.knowledge is None or classification.intent not in ("faq", "account_recovery"):
            return []
        try:
            return await asyncio.to_thread(self.knowledge.passages, question)
        except Exception as error:  # a failed search degrades to "no article", never to no answer
            log.warning("knowledge base search failed", extra={"error": str(error)[:200]})
            return []

    async def _said(
        self, conversation: DeskConversation, bot_text: str, *, user: str | None = None, user_text: str | None = None
    ) -> DeskConversation:
        now = self.clock.now()
        turns = conversation.turns
        if user is not None and user_text is not None:
            turns = (*turns, Turn(now, user, user_text))
        conversation = conversation.changed(turns=(*turns, Turn(now, BOT_AUTHOR, bot_text)))
        saved = await self.conversations.save(conversation, now, also=self._close_when_idle(conversation, now))
        if saved is None:
            raise DeskRefused("this conversation changed at the same moment; send your message again")
        return saved

    def _close_when_idle(
        self, conversation: DeskConversation, now: datetime
    ) -> Callable[[Any], Awaitable[None]] | None:
        if conversation.ended:
            return None

        async def schedule(connection: Any) -> None:
            await self.storage.timers.schedule(IDLE_TIMER, str(conversation.id), now + self.idle, connection=connection)

        return schedule

    async def _idle_due(self, timer: Timer) -> None:
        """Close the conversation if it is still waiting and has been quiet for ``idle``; a newer
        message moved its deadline, so ask again for then."""
        conversation = await self.conversations.get(int(timer.key))
        if conversation is None or conversation.ended:
            return
        now = self.clock.now()
        quiet_until = conversation.updated_at + self.idle
        if quiet_until > now:
            await self.storage.timers.schedule(IDLE_TIMER, timer.key, quiet_until)
            return
        hours = int(self.idle.total_seconds() // 3600)
        closing = conversation.changed(state="closed", ended_at=now)
        closed = await self._said(closing, f"Closed after {hours} h without a reply.")
        for listener in self._closed_listeners:
            await listener(closed)

    async def _escalate(
        self, conversation: DeskConversation, escalation: Escalate, classification: Classification
    ) -> Reply:
        if escalation.kind == "recovery" or conversation.requester_email is None:
            person = await self.people(conversation.requester)
            if person is not None and not person.active:
                escalation = Escalate("recovery", "requester's Slack account is not active", escalation.category)
            conversation = conversation.changed(requester_email=person.email if person else None)
        draft = ticket_draft(
            conversation,
            kind=escalation.kind,
            reason=escalation.reason,
            category=escalation.category,
            priority=self.priority(classification),
            routed_by=classification.routed_by,
        )
        try:
            ticket = await self.tickets.create(draft)
        except TicketError as error:
            log.error("desk ticket not filed", extra={"conversation": conversation.id, "error": str(error)[:200]})
            saved = await self._said(conversation, "The ticket could not be filed; asked to try again.")
            return Reply("unavailable", saved, reason=escalation.reason)
        now = self.clock.now()
        conversation = conversation.changed(state="escalated", ticket_key=ticket.key, ended_at=now)
        saved = await self._said(conversation, f"Escalated as ticket {ticket.key}: {escalation.reason}.")
        await self._audit(saved, escalation.reason, ticket.key, escalation.kind)
        return Reply("escalated", saved, ticket=ticket, escalation=escalation.kind, reason=escalation.reason)

    async def _declare(self, conversation: DeskConversation, decision: DeclareIncident) -> Reply:
        incident = await self.declare(
            decision.title, decision.severity, conversation.requester, conversation.requester_words()
        )
        now = self.clock.now()
        conversation = conversation.changed(state="escalated", incident_id=incident.id, ended_at=now)
        saved = await self._said(conversation, f"Declared incident #{incident.id} ({decision.severity}).")
        reason = f"reported outage declared as {decision.severity}"
        await self._audit(saved, reason, f"incident #{incident.id}", "incident")
        return Reply("incident", saved, incident=incident, reason=decision.severity)

    async def _hand_to_access(self, conversation: DeskConversation, classification: Classification) -> Reply:
        """The access part's "Request access" modal when it is wired in; a ticket of category
        ``access`` until then (the seam is :data:`AccessHandOff`)."""
        offer = await self.access(conversation, classification) if self.access is not None else None
        if offer is not None:
            conversation = conversation.changed(state="escalated", ended_at=self.clock.now())
            said = "Offered the access request form" + (f" for {offer.resource}." if offer.resource else ".")
            return Reply("access", await self._said(conversation, said), resource=offer.resource)
        escalation = Escalate("access", "an access request: the resource's owners decide", "access")
        return await self._escalate(conversation, escalation, classification)

    async def _audit(self, conversation: DeskConversation, reason: str, target: str, kind: str) -> None:
        await self.storage.audit.append(
            AuditEntry(
                kind="escalation",
                trigger=f"desk conversation {conversation.id}",
                actor=conversation.requester,
                proposed_by=BOT_AUTHOR,
                target=target,
                reasons=(kind, reason),
                outcome=f"escalated to {target}",
            )
        )


def _answer_turn(passage: Passage) -> str:
    return f"Answered from {passage.title} › {passage.section} ({passage.link})."
