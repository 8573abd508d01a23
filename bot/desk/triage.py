"""A ticket's priority, read from what the request says happened, never from the label it asks for.

"File this as P4" about an outage stays an outage, and "P1 please" for a new monitor stays a
request: explicit priorities are not read at all. What counts is who is affected and how:

* customers cannot be served, production is down, or everyone cannot work -> P1;
* a team, several people or a shared service being down -> P2;
* one person blocked (or something broken for them) -> P3;
* a request for something new, or a question, with nothing broken -> P4.
"""

from __future__ import annotations

import re

from bot.desk.model import Category, Intent
from connectors.tickets.model import Priority


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


_CUSTOMERS = _any(
    r"customers?",
    r"clients?",
    r"patients?",
    r"checkout",
    r"payments?",
    r"the (?:web)?site",
    r"public (?:site|api)",
)
_PRODUCTION = _any(r"production", r"prod")
_EVERYONE = _any(
    r"every(?:one|body)",
    r"all (?:of )?(?:us|users|staff|employees|the company)",
    r"(?:the )?whole (?:company|office|building|org(?:anisation|anization)?)",
    r"company[- ]wide",
    r"no ?one can",
    r"nobody can",
)
_MANY = _any(
    r"(?:my|our|the|whole|entire) team",
    r"several (?:people|of us|users|colleagues)",
    r"many (?:people|of us|users|colleagues)",
    r"multiple (?:people|users|colleagues)",
    r"a lot of (?:people|us)",
    r"(?:the )?(?:whole |entire )?(?:floor|branch|department)",
    r"others too",
    r"(?:other|more) people",
    r"not just me",
    r"it'?s not only me",
    r"\d{2,} (?:people|users)",
)
_BROKEN = _any(
    r"(?:is|are|went|goes|went) down",
    r"outage",
    r"not working",
    r"(?:isn'?t|aren'?t|doesn'?t|don'?t|won'?t) (?:work|load|connect|start|boot|open)",
    r"can'?t|cannot|can not|unable to",
    r"no ?one can",
    r"nobody can",
    r"broken",
    r"fail(?:s|ed|ing)?",
    r"errors?",
    r"crash(?:es|ed|ing)?",
    r"unreachable",
    r"blocked",
    r"locked out",
    r"keeps? (?:dropping|crashing|freezing|disconnecting)",
    r"drops?|dropping",
    r"stuck",
    r"(?:time|timing)s? out",
    r"no (?:access|internet|wifi|wi-fi|network)",
)
_OUTAGE = _any(r"outage", r"(?:is|are|went) down", r"down for", r"unreachable", r"not loading for")
_NEW_THING = _any(
    r"(?:can|could|may) i (?:get|have)",
    r"i(?:'d| would) like",
    r"i need (?:a|an|new)",
    r"request(?:ing)?",
    r"new (?:laptop|monitor|phone|keyboard|mouse|licen[cs]e|account|headset)",
    r"install",
    r"set ?up",
    r"how (?:do|can|should) i",
)


def ticket_priority(text: str, intent: Intent, category: Category | None) -> Priority:
    """The priority a ticket about ``text`` deserves, from its impact (see the module's rules)."""
    broken = bool(_BROKEN.search(text)) or intent == "incident_report"
    outage = bool(_OUTAGE.search(text))
    if broken and (_CUSTOMERS.search(text) or _EVERYONE.search(text)):
        return "P1"
    if outage and _PRODUCTION.search(text):
        return "P1"
    if broken and (_MANY.search(text) or outage):
        return "P2"
    if broken:
        return "P3"
    if intent in ("access_request", "faq") or _NEW_THING.search(text) or category == "access":
        return "P4"
    return "P3"
