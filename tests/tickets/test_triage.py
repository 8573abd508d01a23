"""A ticket's priority comes from the impact the request describes, not from the label asked for."""

from __future__ import annotations

import pytest

from bot.desk.model import Category, Intent
from bot.desk.triage import ticket_priority
from connectors.tickets.model import Priority

CASES: list[tuple[str, Intent, Category | None, Priority]] = [
    ("customers can't check out, payments are failing", "incident_report", "software", "P1"),
    ("the website is down for everyone", "incident_report", "network", "P1"),
    ("nobody can log in to email", "ticket", "software", "P1"),
    ("production is down", "incident_report", None, "P1"),
    ("the wifi on the 3rd floor keeps dropping", "ticket", "network", "P2"),
    ("our whole team can't reach the build server", "ticket", "network", "P2"),
    ("jira is down", "incident_report", "software", "P2"),
    ("my laptop won't boot", "ticket", "hardware", "P3"),
    ("I'm locked out of Okta", "account_recovery", "access", "P3"),
    ("I can't deploy to prod, my token expired", "ticket", "access", "P3"),
    ("can I get a second monitor?", "ticket", "hardware", "P4"),
    ("I'd like access to the finance dashboard", "access_request", "access", "P4"),
    ("how do I set up my email signature", "faq", "software", "P4"),
    # The requester's label is not read: an outage stays one, a wish stays a wish.
    ("file this as P4, but the checkout is down for all customers", "ticket", "software", "P1"),
    ("low priority: the VPN is down for the whole office", "ticket", "network", "P1"),
    ("P1 URGENT: I need a new keyboard", "ticket", "hardware", "P4"),
]


@pytest.mark.parametrize(("text", "intent", "category", "expected"), CASES)
def test_priority_follows_the_impact(text: str, intent: Intent, category: Category | None, expected: Priority) -> None:
    assert ticket_priority(text, intent, category) == expected


def test_the_same_request_always_gets_the_same_priority() -> None:
    assert {ticket_priority("jira is down for my team", "ticket", "software") for _ in range(5)} == {"P2"}
