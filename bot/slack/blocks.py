"""Block Kit for the incident post: pure builders from an :class:`Analysis` and the incident's state.

One message per incident, rebuilt whole on every change and edited in place. The builders never
produce a payload Slack would refuse: :func:`fit_to_limits` truncates long text with a pointer to
the thread or runbook and drops surplus blocks (keeping the buttons), and :func:`check_blocks`
states the limits it enforces, so a test can prove any analysis yields a valid payload.

Limits (Slack's Block Kit reference): 50 blocks per message; section text 3,000 characters;
section fields 10 of 2,000; header 150 (plain text); button text 75, value 2,000, action id 255;
actions block 25 elements; context block 10 elements. Slack also refuses messages whose blocks
carry too much text in total (``msg_blocks_too_long``); its threshold is not published, so we
keep all block text under :data:`MAX_TOTAL_TEXT` (12,000 characters), well under what Slack accepts.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from bot.engine.model import Analysis, Hypothesis
from bot.render import CAUSE_LABELS
from bot.slack import actions

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_FIELD_TEXT = 2000
MAX_FIELDS = 10
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_ACTION_ELEMENTS = 25
MAX_CONTEXT_ELEMENTS = 10
MAX_CONTEXT_TEXT = 2000
MAX_TOTAL_TEXT = 12_000
MAX_FALLBACK_TEXT = 3000
TOP_HYPOTHESES = 3
EVIDENCE_LINES = 3
POINTER = "… (truncated: see the thread or the runbook)"
MIN_KEPT_TEXT = 60
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


def incident_blocks(state: PostState, analysis: Analysis | None) -> list[Block]:
    """The whole post, within Slack's limits."""
    blocks: list[Block] = [_header(state), _summary(state)]
    if state.alertnames:
        blocks.append(_context(f"Alerts: {', '.join(state.alertnames)}"))
    if analysis is None:
        blocks.append(_section("_Investigating: gathering metrics, logs and changes…_"))
    elif not analysis.hypotheses:
        blocks.append(_section("No hypothesis yet: no signal, log or change explains these alerts."))
    else:
        for index, hypothesis in enumerate(analysis.hypotheses[:TOP_HYPOTHESES]):
            blocks += _hypothesis(state, index, hypothesis)
        steps = _next_steps(analysis)
        if steps:
            blocks.append({"type": "divider"})
            blocks.append(_section(steps))
    if analysis is not None and analysis.missing_sources:
        blocks.append(_context("⚠️ Missing data: " + "; ".join(analysis.missing_sources)))
    if state.resolution:
        blocks.append(_section(f"*Resolution:* {_escape(state.resolution)}"))
    blocks.append(_buttons(state))
    return fit_to_limits(blocks)


def fallback_text(state: PostState, analysis: Analysis | None) -> str:
    """The notification / accessibility text sent alongside the blocks."""
    top = analysis.hypotheses[0] if analysis and analysis.hypotheses else None
    lead = f"{_label(top)} ({top.confidence:.0%})" if top else "investigating"
    text = f"[{state.severity}] Incident #{state.incident_id} {state.status}: {state.title} — {lead}"
    return _cut(text, MAX_FALLBACK_TEXT)


def fit_to_limits(blocks: list[Block]) -> list[Block]:
    """A copy of ``blocks`` that Slack accepts: long text truncated with a pointer, surplus dropped.

    Never raises: content is shortened, never rejected. The last block (the buttons) is kept.
    """
    fitted = [_fit_block(copy.deepcopy(b)) for b in blocks]
    if len(fitted) > MAX_BLOCKS:
        dropped = len(fitted) - MAX_BLOCKS + 1
        notice = _context(f"… {dropped} more blocks not shown: see the thread or the runbook")
        fitted = [*fitted[: MAX_BLOCKS - 2], notice, fitted[-1]]
    holders = [holder for block in fitted for holder in _text_objects(block)]
    # Each text keeps at least a short head, so later blocks (the buttons) survive a long first one.
    floors = [min(len(h["text"]), MIN_KEPT_TEXT) for h in holders]
    reserve = sum(floors)
    budget = MAX_TOTAL_TEXT
    for holder, floor in zip(holders, floors, strict=True):
        reserve -= floor
        allowed = max(floor, budget - reserve)
        if len(holder["text"]) > allowed:
            holder["text"] = _cut(holder["text"], allowed)
        budget -= len(holder["text"])
    return fitted


def check_blocks(blocks: list[Block]) -> list[str]:
    """The limits ``blocks`` break (empty when Slack accepts them)."""
    problems: list[str] = []
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks > {MAX_BLOCKS}")
    total = 0
    for index, block in enumerate(blocks):
        kind = block.get("type")
        where = f"block {index} ({kind})"
        if kind == "header":
            if block["text"]["type"] != "plain_text" or len(block["text"]["text"]) > MAX_HEADER_TEXT:
                problems.append(f"{where}: header text")
        elif kind == "section":
            text = block.get("text")
            if text is not None and not 1 <= len(text["text"]) <= MAX_SECTION_TEXT:
                problems.append(f"{where}: section text length {len(text['text'])}")
            fields = block.get("fields", [])
            if len(fields) > MAX_FIELDS or any(len(f["text"]) > MAX_FIELD_TEXT for f in fields):
                problems.append(f"{where}: fields")
            if text is None and not fields:
                problems.append(f"{where}: empty section")
        elif kind == "context":
            elements = block["elements"]
            if not 1 <= len(elements) <= MAX_CONTEXT_ELEMENTS or any(
                len(e["text"]) > MAX_CONTEXT_TEXT for e in elements
            ):
                problems.append(f"{where}: context elements")
        elif kind == "actions":
            elements = block["elements"]
            if not 1 <= len(elements) <= MAX_ACTION_ELEMENTS:
                problems.append(f"{where}: {len(elements)} elements")
            ids = [e["action_id"] for e in elements]
            if len(set(ids)) != len(ids):
                problems.append(f"{where}: duplicate action ids")
            for element in elements:
                if len(element["text"]["text"]) > MAX_BUTTON_TEXT or len(element.get("value", "")) > 2000:
                    problems.append(f"{where}: button {element['action_id']}")
                if len(element["action_id"]) > 255:
                    problems.append(f"{where}: action id too long")
        elif kind != "divider":
            problems.append(f"{where}: unknown block type")
        total += sum(len(t["text"]) for t in _text_objects(block))
    if total > MAX_TOTAL_TEXT:
        problems.append(f"total text {total} > {MAX_TOTAL_TEXT}")
    return problems


# -- parts ------------------------------------------------------------------------------


def _header(state: PostState) -> Block:
    icon = STATUS_ICONS.get(state.status, "🟠")
    where = ", ".join(state.services) or "declared"
    text = f"{icon} {state.severity.upper()} · {where} · {state.status.upper()}"
    return {"type": "header", "text": {"type": "plain_text", "text": _cut(text, MAX_HEADER_TEXT), "emoji": True}}


def _summary(state: PostState) -> Block:
    opened = state.opened_at.strftime("%Y-%m-%d %H:%M UTC")
    fields = [
        f"*Incident*\n#{state.incident_id} · opened {opened}",
        f"*Acknowledged*\n{_user(state.acknowledged_by) if state.acknowledged_by else 'not yet'}",
        f"*Incident commander*\n{_user(state.commander) if state.commander else 'nobody yet'}",
    ]
    if state.incident_channel:
        fields.append(f"*Incident channel*\n<#{state.incident_channel}>")
    return {
        "type": "section",
        "text": {"type": "mrkdwn", "text": f"*{_escape(state.title)}*"},
        "fields": [{"type": "mrkdwn", "text": f} for f in fields],
    }


def _hypothesis(state: PostState, index: int, hypothesis: Hypothesis) -> list[Block]:
    lines = [
        f"*{index + 1}. {_label(hypothesis)}* — confidence *{hypothesis.confidence:.0%}*",
        _escape(hypothesis.summary),
    ]
    strongest = sorted(hypothesis.evidence, key=lambda e: -e.weight)[:EVIDENCE_LINES]
    lines += [f"• {_escape(e.text)}" for e in strongest]
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
    return [_section("\n".join(lines)), {"type": "actions", "block_id": f"hypothesis-{index}", "elements": buttons}]


def _next_steps(analysis: Analysis) -> str:
    seen: set[str] = set()
    lines: list[str] = []
    for hypothesis in analysis.hypotheses[:TOP_HYPOTHESES]:
        for step in hypothesis.next_steps:
            if step.runbook_id in seen:
                continue
            seen.add(step.runbook_id)
            title = _escape(step.title + (f" › {step.section}" if step.section else ""))
            if step.url and step.url.startswith(("https://", "http://")):
                link = f"<{step.url}|{title}>"
            else:
                link = f"{title} (`{step.url or step.path}`)"
            lines.append(f"▶ {link}")
            lines += [f"    • {_escape(a.label)} _(risk: {a.risk})_" for a in step.actions[:3]]
    for past in analysis.similar_incidents[:2]:
        lines.append(
            f"🔁 Seen before: {_escape(past.id)} ({past.resolved_at:%Y-%m-%d}) {_escape(past.title)}"
            f" — fixed by {_escape(past.fix)}"
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
    return {"type": "actions", "block_id": "incident-actions", "elements": elements}


def _button(text: str, action_id: str, value: str, style: str | None = None) -> Block:
    button: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": _cut(text, MAX_BUTTON_TEXT), "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text or " "}}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _fit_block(block: Block) -> Block:
    kind = block.get("type")
    if kind == "header":
        block["text"]["text"] = _cut(block["text"]["text"], MAX_HEADER_TEXT)
    elif kind == "section":
        if "text" in block:
            block["text"]["text"] = _cut(block["text"]["text"], MAX_SECTION_TEXT) or " "
        if "fields" in block:
            block["fields"] = block["fields"][:MAX_FIELDS]
            for field in block["fields"]:
                field["text"] = _cut(field["text"], MAX_FIELD_TEXT)
    elif kind == "context":
        block["elements"] = block["elements"][:MAX_CONTEXT_ELEMENTS]
        for element in block["elements"]:
            element["text"] = _cut(element["text"], MAX_CONTEXT_TEXT)
    elif kind == "actions":
        block["elements"] = block["elements"][:MAX_ACTION_ELEMENTS]
        for element in block["elements"]:
            element["text"]["text"] = _cut(element["text"]["text"], MAX_BUTTON_TEXT)
    return block


def _text_objects(block: Block) -> Iterator[dict[str, Any]]:
    if "text" in block and isinstance(block["text"], dict):
        yield block["text"]
    yield from block.get("fields", [])
    if block.get("type") == "context":
        yield from block["elements"]
    if block.get("type") == "actions":
        for element in block["elements"]:
            yield element["text"]


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    pointer = POINTER if limit > len(POINTER) * 2 else "…"
    return text[: limit - len(pointer)].rstrip() + pointer


def _label(hypothesis: Hypothesis) -> str:
    return f"{CAUSE_LABELS.get(hypothesis.cause, hypothesis.cause)} · {hypothesis.culprit}"


def _user(user_id: str) -> str:
    return f"<@{user_id}>"


def _escape(text: str) -> str:
    """Slack mrkdwn control characters (``&``, ``<``, ``>``) as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
