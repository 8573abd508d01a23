"""What one person is told, ephemerally: ``/incident`` usage, help and status, and refusals (pure)."""

from __future__ import annotations

from bot.engine.model import Analysis
from bot.slack.views.mrkdwn import escape
from bot.slack.views.notes import permalink
from bot.store import IncidentDetail, SlackPost

USAGE = (
    "*`/incident` commands*\n"
    "• `/incident declare <title> [sev]` — open an incident (sev1–sev5, p1–p5, critical, warning, info)\n"
    "• `/incident status [#id]` — the incident's state\n"
    "• `/incident resolve [#id] [cause:<cause>] [summary]` — close it (incident commander or owning team);"
    " the cause it proved to be (`deploy`, `external`…) teaches the ranking\n"
    "• `/incident ic @user [#id]` — hand the incident commander role (incident commander or owning team)\n"
    "• `/incident help` — this list"
)


def refusal(reason: str) -> str:
    return f"⛔ {reason}"


def wrong_command(problem: str) -> str:
    """The immediate answer to ``/incident`` with wrong arguments: the problem, then the usage."""
    return f"{refusal(problem)}\n\n{USAGE}"


def help_text(incident_id: int | None, allowed: bool) -> str:
    """What the caller may run in the channel of incident ``incident_id`` (``None``: not an incident's)."""
    lines = [
        "*What you may run here*",
        "• `/incident declare <title> [sev]` — open an incident (anyone)",
        "• `/incident status [#id]` — the incident's state (anyone)",
    ]
    if incident_id is None:
        lines.append("• `/incident resolve` and `/incident ic @user` — for the incident commander or owning team;")
        lines.append("  run them in an incident's channel or give `#id`.")
    else:
        mark = "✅ you may" if allowed else "⛔ you may not (incident commander or owning team only)"
        lines.append(f"• `/incident resolve [summary]` — {mark} for incident #{incident_id}")
        lines.append(f"• `/incident ic @user` — {mark} for incident #{incident_id}")
    lines.append("• `/incident help` — this list")
    return "\n".join(lines)


def status_text(incident: IncidentDetail, post: SlackPost, analysis: Analysis | None) -> str:
    """``/incident status``: state, roles, the leading hypothesis and a link to the post."""
    top = analysis.hypotheses[0] if analysis and analysis.hypotheses else None
    lines = [
        f"*Incident #{incident.id}: {escape(incident.title)}*",
        f"Status: {incident.status} · severity {escape(incident.severity)}"
        f" · services: {escape(', '.join(incident.services)) or '-'}",
        f"Acknowledged: {f'<@{post.acknowledged_by}>' if post.acknowledged_by else 'not yet'}"
        f" · Commander: {f'<@{post.commander}>' if post.commander else 'nobody yet'}",
        f"Leading hypothesis: {escape(top.cause)} on {escape(top.culprit)} ({top.confidence:.0%})"
        if top
        else "No hypothesis yet.",
    ]
    if post.channel and post.ts:
        lines.append(f"Post: {permalink(post.channel, post.ts)}")
    return "\n".join(lines)


def declared_but_not_posted(incident_id: int) -> str:
    return f"Incident #{incident_id} declared, but its post could not be sent."


# -- refusals (the reason; :func:`refusal` marks it) -------------------------------------


def no_incident_here() -> str:
    return "no incident here: run it in the incident's channel or give its number, e.g. `#42`."


def no_such_incident(incident_id: int) -> str:
    return f"incident #{incident_id} does not exist."


def not_allowed(what: str, incident_id: int, *, say_no_commander: bool = False) -> str:
    """Not the commander nor in the owning team; ``say_no_commander`` adds that there is no commander yet."""
    reason = f"only the incident commander or the owning team may {what} incident #{incident_id}."
    return reason + (" It has no commander yet." if say_no_commander else "")


def already_resolved(incident_id: int) -> str:
    return f"incident #{incident_id} is already resolved."


def already_commander(user: str) -> str:
    return f"<@{user}> is already the incident commander."


def not_a_member(user: str) -> str:
    return f"<@{user}> is not a member of this workspace."


def deactivated(user: str) -> str:
    return f"<@{user}> is deactivated and cannot be incident commander."


def not_a_person(user: str) -> str:
    return f"<@{user}> is a bot or an app, not a person who can be incident commander."


def no_such_hypothesis(incident_id: int, rank: int) -> str:
    return f"incident #{incident_id} has no hypothesis {rank}; the post is out of date."


def has_a_channel(incident_id: int, channel: str) -> str:
    return f"incident #{incident_id} already has a channel: <#{channel}>."


def resolved_no_channel(incident_id: int) -> str:
    return f"incident #{incident_id} is resolved; no channel is opened for it."
