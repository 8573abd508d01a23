"""A ticket draft with a conversation, for the ticket tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from connectors.tickets import TicketDraft, Turn

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def draft(key: str = "conv-1:ticket", **changes: object) -> TicketDraft:
    values: dict[str, object] = {
        "idempotency_key": key,
        "summary": "VPN drops every ten minutes",
        "description": "GlobalProtect disconnects; reinstalling did not help.",
        "category": "network",
        "priority": "P3",
        "requester": "U123",
        "requester_email": "ana@example.com",
        "conversation": (
            Turn(at=T0, author="U123", text="my vpn keeps dropping"),
            Turn(at=T0 + timedelta(seconds=5), author="opsdesk", text="Try the GlobalProtect reset article."),
            Turn(at=T0 + timedelta(minutes=3), author="U123", text="did that, still drops"),
        ),
        "articles_tried": ("kb/vpn-reset",),
    }
    values.update(changes)
    return TicketDraft(**values)  # type: ignore[arg-type]
