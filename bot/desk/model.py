"""What the desk's parts say to each other: a request's classification and the Protocols behind it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

Intent = Literal["faq", "access_request", "account_recovery", "incident_report", "ticket"]
INTENTS: tuple[Intent, ...] = ("faq", "access_request", "account_recovery", "incident_report", "ticket")

Category = Literal["hardware", "software", "access", "network", "other"]
CATEGORIES: tuple[Category, ...] = ("hardware", "software", "access", "network", "other")


@dataclass(frozen=True)
class Classification:
    """One request, read. ``privileged`` and ``escalate`` come from rules, never from a model.

    ``confident`` is false when the router should ask one clarifying question (or hand off)
    instead of acting on ``intent``; a privileged request is escalated whatever the confidence.
    """

    text: str
    intent: Intent
    confidence: float
    privileged: bool
    escalate: bool
    category: Category | None = None
    confident: bool = True
    reasons: tuple[str, ...] = ()
    #: The language model whose route was followed (the rules were unsure); ``None``: the rules'.
    routed_by: str | None = None

    def as_json(self) -> dict[str, object]:
        """The ``desk classify --batch`` line."""
        return {
            "text": self.text,
            "intent": self.intent,
            "confidence": round(self.confidence, 3),
            "privileged": self.privileged,
            "escalate": self.escalate,
        }


class Classifier(Protocol):
    def warm(self) -> None:
        """Load what the first message would otherwise wait for."""

    def classify(self, text: str) -> Classification: ...

    def classify_many(self, texts: Sequence[str]) -> list[Classification]: ...


@dataclass(frozen=True)
class ActiveGrant:
    """One time-bound access grant that is in force, as "My access" lists it."""

    request_id: int
    resource: str
    granted_at: datetime
    expires_at: datetime
    approved_by: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class RequestSummary:
    """One of a person's desk requests (access request or ticket), as "My requests" lists it."""

    kind: Literal["access", "ticket"]
    reference: str
    title: str
    state: str
    opened_at: datetime
