"""What opsdesk writes in channels and threads besides the post: thread notes, the incident
channel's name, topic and first message, links to messages (pure)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bot.engine.model import CAUSE_LABELS
from bot.intake.alertmanager import RefusedAlert
from bot.slack.views.mrkdwn import escape
from bot.store import StoredAlert

MAX_CHANNEL_NAME = 80
MAX_TOPIC = 250
RESOLVED_BY_ALERTS = "✅ Resolved: every alert of this incident has resolved."
REFUSED_SHOWN = 10


def grouped_alerts(pending: Sequence[StoredAlert]) -> str:
    """The thread note for alerts grouped into the incident since the last one."""
    names = ", ".join(sorted({a.alertname for a in pending}))
    services = ", ".join(sorted({a.service for a in pending}))
    return f"➕ {len(pending)} new alert(s) grouped here: {escape(names)} on {escape(services)}"


def refused_alerts(refused: Sequence[RefusedAlert]) -> str:
    """The notice for alerts a webhook refused: what each was and why, the rest counted."""
    lines = [f"⚠️ {len(refused)} alert(s) from Alertmanager were refused and will not open an incident:"]
    for alert in refused[:REFUSED_SHOWN]:
        labels = ", ".join(f"{k}={v}" for k, v in alert.labels.items()) or "no labels"
        lines.append(f"• {escape(alert.error)} ({escape(labels)})")
    if len(refused) > REFUSED_SHOWN:
        lines.append(f"… and {len(refused) - REFUSED_SHOWN} more (see the log)")
    return "\n".join(lines)


def acknowledged(user: str) -> str:
    return f"👀 Acknowledged by <@{user}>."


def commander_changed(user: str, previous: str | None, by: str) -> str:
    was = f" (was <@{previous}>)" if previous else ""
    return f"🧑‍✈️ Incident commander is now <@{user}>{was}, set by <@{by}>."


def resolved_by(user: str, summary: str | None, cause: str | None = None) -> str:
    proved = f" (cause: {CAUSE_LABELS.get(cause, escape(cause))})" if cause else ""
    return f"✅ Resolved by <@{user}>{proved}" + (f": {escape(summary)}" if summary else ".")


def channel_opened(channel: str, user: str) -> str:
    return f"📣 Incident channel <#{channel}> opened by <@{user}>."


def channel_topic(incident_id: int, severity: str, title: str) -> str:
    return escape(f"Incident #{incident_id} [{severity}] {title}"[:MAX_TOPIC])


def channel_welcome(incident_id: int, title: str, post_link: str) -> str:
    """The first message in the incident channel: what it is for, and a link to the post."""
    return f"Incident #{incident_id}: {escape(title)}. Main post: {post_link or 'not posted'}"


def incident_channel_name(incident_id: int, title: str, attempt: int = 0) -> str:
    """A valid, unique-per-incident channel name: ``inc-42-checkout-errors`` (lowercase, ≤ 80)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")
    suffix = f"-{attempt + 1}" if attempt else ""
    head = f"inc-{incident_id}"
    room = MAX_CHANNEL_NAME - len(head) - len(suffix) - 1
    slug = slug[:room].strip("-")
    return f"{head}-{slug}{suffix}" if slug else f"{head}{suffix}"


def permalink(channel: str, ts: str) -> str:
    return f"https://slack.com/archives/{channel}/p{ts.replace('.', '')}"


def postmortem_note(markdown: str) -> str:
    """A postmortem draft for its thread: ``#`` headings in bold, ``**x**`` as ``*x*``, and every
    piece of text escaped (the draft quotes alert names, log lines and a resolution summary)."""
    lines = []
    for line in markdown.splitlines():
        text = escape(line).replace("**", "*")
        if text.startswith("#"):
            text = f"*{text.lstrip('#').strip()}*"
        elif text.startswith("&gt; "):
            text = "> " + text[len("&gt; ") :]
        lines.append(text)
    return "\n".join(lines)
