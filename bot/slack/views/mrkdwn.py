"""Outside text where it enters Slack mrkdwn (pure)."""

from __future__ import annotations


def escape(text: str) -> str:
    """Slack mrkdwn control characters (``&``, ``<``, ``>``) as entities: no mention, link or
    channel ping can be smuggled in by an alert label, a log line or a model's answer."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
