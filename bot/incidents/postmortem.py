"""The postmortem draft: written when an incident resolves, from what opsdesk recorded. Pure.

Sections: a header with the incident's facts; a timeline (alerts starting, firing and ending,
the post, acknowledgement, commander, resolution); impact from the signals that moved; the root
cause as the rules ranked it, with its evidence; contributing factors (the other hypotheses and
the sources that were missing); follow-ups from the runbooks and from the gaps seen. The same
records give the same draft. A language model's summary, when one advised, is quoted as its own.

The draft is markdown; :func:`bot.slack.views.notes.postmortem_note` renders it for a thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from bot.engine.describe import onset_text
from bot.engine.model import Analysis, Hypothesis
from bot.store.records import IncidentDetail
from bot.store.slack_posts import SlackPost

#: Evidence lines quoted under the root cause.
ROOT_EVIDENCE = 5
#: Signals listed under impact.
IMPACT_LINES = 8
IMPACT_SIGNALS = ("error_ratio", "latency_p99_seconds", "request_rate")


def postmortem_markdown(
    incident: IncidentDetail, analysis: Analysis | None, post: SlackPost | None, resolved_at: datetime
) -> str:
    ranked = analysis.ranked if analysis else ()
    lines = [
        f"# Postmortem draft: incident #{incident.id} — {incident.title}",
        "",
        f"- **Severity:** {incident.severity}",
        f"- **Services:** {', '.join(incident.services) or 'none named'}",
        f"- **Opened:** {_at(incident.opened_at)}; **resolved:** {_at(resolved_at)} "
        f"({_duration(resolved_at - incident.opened_at)})",
        "",
        "## Timeline (UTC)",
        "",
        *[f"- {_at(at)} — {what}" for at, what in _timeline(incident, post, resolved_at)],
        "",
        "## Impact",
        "",
        *_impact(analysis),
        "",
        "## Root cause",
        "",
        *_root_cause(ranked),
        "",
        "## Contributing factors",
        "",
        *_contributing(ranked, analysis),
        "",
        "## Follow-ups",
        "",
        *_follow_ups(ranked, analysis),
    ]
    if analysis is not None and analysis.model_summary:
        model = analysis.advised_by or "a language model"
        lines += ["", f"## Summary by {model} (a language model: check it against the evidence)", ""]
        lines.append(f"> {analysis.model_summary}")
    lines += ["", "_Drafted by opsdesk from the alerts, the investigation and the Slack record; edit before sharing._"]
    return "\n".join(lines) + "\n"


def _timeline(incident: IncidentDetail, post: SlackPost | None, resolved_at: datetime) -> list[tuple[datetime, str]]:
    events: list[tuple[datetime, str]] = []
    for alert in incident.alerts:
        events.append((alert.starts_at, f"{alert.alertname} on {alert.service} started ({alert.severity})"))
        events.append((alert.first_received_at, f"{alert.alertname} on {alert.service} received"))
        if alert.ends_at is not None and alert.status == "resolved":
            events.append((alert.ends_at, f"{alert.alertname} on {alert.service} ended"))
    events.append((incident.opened_at, f"incident #{incident.id} opened"))
    if post is not None:
        if post.acknowledged_at is not None:
            events.append((post.acknowledged_at, f"acknowledged by {_who(post.acknowledged_by)}"))
        if post.commander_at is not None:
            events.append((post.commander_at, f"incident commander: {_who(post.commander)}"))
    events.append((resolved_at, "resolved" + (f": {post.summary}" if post and post.summary else "")))
    return sorted(events, key=lambda event: event[0])


def _impact(analysis: Analysis | None) -> list[str]:
    if analysis is None:
        return ["- No investigation was stored for this incident."]
    moved = [o for o in analysis.onsets if o.signal in IMPACT_SIGNALS]
    if not moved:
        return ["- No error, latency or traffic signal moved in the data opsdesk could read."]
    return [f"- {_at(o.at)} {onset_text(o)}" for o in sorted(moved, key=lambda o: o.at)[:IMPACT_LINES]]


def _root_cause(ranked: Sequence[Hypothesis]) -> list[str]:
    if not ranked:
        return ["- Not established: no hypothesis explained the alerts."]
    top = ranked[0]
    lines = [f"**{top.label}** (confidence {top.confidence:.0%} when last investigated): {top.summary}", ""]
    strongest = sorted(top.evidence, key=lambda e: -e.weight)[:ROOT_EVIDENCE]
    return lines + [f"- {e.text}" for e in strongest]


def _contributing(ranked: Sequence[Hypothesis], analysis: Analysis | None) -> list[str]:
    lines = [f"- Also considered: {h.label} ({h.confidence:.0%}): {h.summary}" for h in ranked[1:]]
    if analysis is not None:
        lines += [f"- Missing data: {reason}" for reason in analysis.missing_sources]
    return lines or ["- None recorded."]


def _follow_ups(ranked: Sequence[Hypothesis], analysis: Analysis | None) -> list[str]:
    lines: list[str] = []
    seen: set[str] = set()
    for hypothesis in ranked[:1]:
        for step in hypothesis.next_steps:
            if step.runbook_id not in seen:
                seen.add(step.runbook_id)
                lines.append(f"- [ ] Review runbook {step.title} ({step.url or step.path})")
    if ranked and analysis is not None and ranked[0].culprit not in analysis.services:
        lines.append(f"- [ ] Alert on {ranked[0].culprit} itself: the page came from the services it broke")
    if analysis is not None and analysis.missing_sources:
        lines.append("- [ ] Restore the missing data sources listed above")
    lines.append("- [ ] Confirm the root cause and record it with `/incident resolve`")
    return lines


def _who(user: str | None) -> str:
    return f"user {user}" if user else "someone"


def _at(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def _duration(span: timedelta) -> str:
    minutes = max(0, int(span.total_seconds() // 60))
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
