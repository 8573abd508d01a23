"""Block Kit for the incident post: pure builders from an :class:`Analysis` and the incident's state.

One message per incident, rebuilt whole on every change and edited in place. The blocks are
slack-sdk models (:mod:`slack_sdk.models.blocks`), fitted to Slack's limits by
:func:`bot.slack.views.limits.fit` and validated by slack-sdk as they become the payload: the
builders never produce one Slack would refuse, whatever the analysis holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.engine.model import CAUSE_LABELS, Analysis, Hypothesis
from bot.runbooks.links import is_web_link
from bot.slack.parsing import actions
from bot.slack.views import remediation
from bot.slack.views.limits import cut, fit
from bot.slack.views.mrkdwn import escape

MAX_FALLBACK_TEXT = 3000
TOP_HYPOTHESES = 3
EVIDENCE_LINES = 3
MODEL_HYPOTHESES = 2
STATUS_ICONS = {"open": "🔴", "resolved": "✅"}


class PostState(BaseModel):
    """Everything the post shows besides the analysis."""

    model_config = ConfigDict(frozen=True)

    incident_id: int
    title: str
    severity: str
    status: str
    services: tuple[str, ...]
    opened_at: datetime
    alertnames: tuple[str, ...] = ()
    acknowledged_by: str | None = None
    commander: str | None = None
    incident_channel: str | None = None
    resolution: str | None = None
    votes: Mapping[int, Mapping[str, int]] = {}


def incident_blocks(state: PostState, analysis: Analysis | None) -> list[dict[str, Any]]:
    """The whole post as a payload's ``blocks``, within Slack's limits."""
    blocks: list[Block] = [_header(state), _summary(state)]
    if state.alertnames:
        blocks.append(_context(f"Alerts: {escape(', '.join(state.alertnames))}"))
    ranked = analysis.ranked if analysis else ()
    if analysis is not None and analysis.model_summary:
        blocks.append(_model_summary(analysis))
    if analysis is None:
        blocks.append(_section("_Investigating: gathering metrics, logs and changes…_"))
    elif not ranked:
        blocks.append(_section("No hypothesis yet: no signal, log or change explains these alerts."))
    else:
        for index, hypothesis in enumerate(ranked[:TOP_HYPOTHESES]):
            blocks += _hypothesis(state, index, hypothesis)
    if analysis is not None and ranked and analysis.cause_weights:
        blocks.append(_context(_weighted_by_feedback(analysis.cause_weights)))
    if analysis is not None and (suggested := analysis.suggested):
        blocks.append(_model_hypotheses(analysis, suggested))
    if analysis is not None and ranked and (steps := _next_steps(analysis, ranked)):
        blocks.append(DividerBlock())
        blocks.append(_section(steps))
    if ranked and state.status == "open":
        blocks += remediation.request_blocks(state.incident_id, ranked[0])
    if analysis is not None and analysis.missing_sources:
        blocks.append(_context("⚠️ Missing data: " + escape("; ".join(analysis.missing_sources))))
    if state.resolution:
        blocks.append(_section(f"*Resolution:* {escape(state.resolution)}"))
    blocks.append(_buttons(state))
    return [block.to_dict() for block in fit(blocks)]


def fallback_text(state: PostState, analysis: Analysis | None) -> str:
    """The notification / accessibility text sent alongside the blocks; Slack reads it as mrkdwn,
    so all of it is escaped (the title and severity come from alert labels or ``/incident``)."""
    ranked = analysis.ranked if analysis else ()
    top = ranked[0] if ranked else None
    if top is not None:
        lead = f"{escape(top.label)} ({top.confidence:.0%})"
    elif analysis is None and state.status == "open":
        lead = "investigating"
    else:
        lead = "no hypothesis"
    text = f"[{escape(state.severity)}] Incident #{state.incident_id} {state.status}: {escape(state.title)} — {lead}"
    return cut(text, MAX_FALLBACK_TEXT)


# -- parts ------------------------------------------------------------------------------


def _header(state: PostState) -> Block:
    icon = STATUS_ICONS.get(state.status, "🟠")
    where = ", ".join(state.services) or "declared"
    text = f"{icon} {state.severity.upper()} · {where} · {state.status.upper()}"
    return HeaderBlock(text=PlainTextObject(text=text, emoji=True))


def _summary(state: PostState) -> Block:
    opened = state.opened_at.strftime("%Y-%m-%d %H:%M UTC")
    fields = [
        f"*Incident*\n#{state.incident_id} · opened {opened}",
        f"*Acknowledged*\n{_user(state.acknowledged_by) if state.acknowledged_by else 'not yet'}",
        f"*Incident commander*\n{_user(state.commander) if state.commander else 'nobody yet'}",
    ]
    if state.incident_channel:
        fields.append(f"*Incident channel*\n<#{state.incident_channel}>")
    return SectionBlock(
        text=MarkdownTextObject(text=f"*{escape(state.title)}*"),
        fields=[MarkdownTextObject(text=f) for f in fields],
    )


def _hypothesis(state: PostState, index: int, hypothesis: Hypothesis) -> list[Block]:
    lines = [
        f"*{index + 1}. {escape(hypothesis.label)}* — confidence *{hypothesis.confidence:.0%}*",
        escape(hypothesis.summary),
    ]
    strongest = sorted(hypothesis.evidence, key=lambda e: -e.weight)[:EVIDENCE_LINES]
    lines += [f"• {escape(e.text)}" for e in strongest]
    votes = state.votes.get(index + 1, {})
    buttons = [
        _button(
            f"👍 Right ({votes.get('up', 0)})",
            actions.FEEDBACK_UP,
            actions.feedback_value(state.incident_id, index, "up"),
        ),
        _button(
            f"👎 Wrong ({votes.get('down', 0)})",
            actions.FEEDBACK_DOWN,
            actions.feedback_value(state.incident_id, index, "down"),
        ),
    ]
    return [_section("\n".join(lines)), ActionsBlock(block_id=f"hypothesis-{index}", elements=buttons)]


def _weighted_by_feedback(weights: Mapping[str, float]) -> str:
    shown = ", ".join(f"{CAUSE_LABELS.get(cause, escape(cause))} ×{weight:.2f}" for cause, weight in weights.items())
    return f"⚖️ Ranking weighted by past feedback: {shown}"


def _model_summary(analysis: Analysis) -> Block:
    model = escape(analysis.advised_by or "a language model")
    text = f"🤖 *Summary by {model}* _(a language model: check it against the evidence)_\n"
    return _section(text + escape(analysis.model_summary or ""))


def _model_hypotheses(analysis: Analysis, suggested: Sequence[Hypothesis]) -> Block:
    model = escape(analysis.advised_by or "a language model")
    lines = [f"🤖 *Also suggested by {model}* _(not ranked by the rules; no confidence stated)_"]
    for hypothesis in suggested[:MODEL_HYPOTHESES]:
        lines.append(f"• *{escape(hypothesis.label)}*: {escape(hypothesis.summary)}")
        lines += [f"    ◦ {escape(e.text)}" for e in hypothesis.evidence[:EVIDENCE_LINES]]
    return _section("\n".join(lines))


def _next_steps(analysis: Analysis, ranked: Sequence[Hypothesis]) -> str:
    seen: set[str] = set()
    lines: list[str] = []
    for hypothesis in ranked[:TOP_HYPOTHESES]:
        for step in hypothesis.next_steps:
            if step.runbook_id in seen:
                continue
            seen.add(step.runbook_id)
            title = escape(step.title + (f" › {step.section}" if step.section else ""))
            if is_web_link(step.url):
                link = f"<{step.url}|{title}>"
            else:
                link = f"{title} (`{escape(step.url or step.runbook_id)}`)"
            lines.append(f"▶ {link}")
            lines += [f"    • {escape(a.label)} _(risk: {a.risk})_" for a in step.actions[:3]]
    for past in analysis.similar_incidents[:2]:
        lines.append(
            f"🔁 Seen before: {escape(past.id)} ({past.resolved_at:%Y-%m-%d}) {escape(past.title)}"
            f" — fixed by {escape(past.fix)}"
        )
    return "*Next steps (runbooks)*\n" + "\n".join(lines) if lines else ""


def _buttons(state: PostState) -> Block:
    value = actions.incident_value(state.incident_id)
    elements = [
        _button("Acknowledge", actions.ACK, value, style="primary" if not state.acknowledged_by else None),
        _button("I'm incident commander", actions.TAKE_IC, value),
    ]
    if not state.incident_channel and state.status == "open":
        elements.append(_button("Open incident channel", actions.OPEN_CHANNEL, value))
    return ActionsBlock(block_id="incident-actions", elements=elements)


def _button(text: str, action_id: str, value: str, style: str | None = None) -> ButtonElement:
    return ButtonElement(text=PlainTextObject(text=text, emoji=True), action_id=action_id, value=value, style=style)


def _section(text: str) -> Block:
    return SectionBlock(text=MarkdownTextObject(text=text or " "))


def _context(text: str) -> Block:
    return ContextBlock(elements=[MarkdownTextObject(text=text)])


def _user(user_id: str) -> str:
    return f"<@{user_id}>"
