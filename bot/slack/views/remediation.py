"""Block Kit for governed remediation: pure builders.

* :func:`request_blocks`: on the incident post, one ``remediation-request`` button per action
  the leading hypothesis proposes (its label is rendered from the typed parameters, escaped);
* :func:`approval_blocks`: the approval request in the thread and in the approvers' DMs, with
  ``approval-approve`` / ``approval-reject`` behind confirm dialogs;
* :func:`outcome_blocks`: the same messages once decided, without buttons (edited in place), but
  for ``remediation-undo`` behind a confirm dialog when the action ran unapproved and can be undone.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.engine.model import Hypothesis
from bot.remediation.service import idempotency_key
from bot.slack.parsing import remediation as values
from bot.slack.views.decisions import confirm_dialog, decision_buttons
from bot.slack.views.limits import cut
from bot.slack.views.mrkdwn import escape
from bot.store.remediations import Remediation

MAX_PROPOSED = 5
BUTTON_TEXT = 75
STATE_WORDS = {
    "awaiting_approval": "⏳ waiting for approval",
    "approved": "✅ approved, running",
    "ready": "▶ running",
    "executing": "▶ running",
    "done": "✅ done",
    "noop": "✅ nothing to do: already in the desired state",
    "failed": "❌ failed",
    "rejected": "🚫 rejected",
    "expired": "⌛ expired",
    "refused": "🚫 refused by policy",
    "shadowed": "👻 shadow mode: recorded, not executed",
    "undoing": "↩ undoing",
    "undone": "↩ undone",
}


def request_blocks(incident_id: int, hypothesis: Hypothesis, hypothesis_index: int = 0) -> list[Block]:
    """A section per proposed action with its ``remediation-request`` button (at most five)."""
    blocks: list[Block] = []
    for step_index, step in enumerate(hypothesis.next_steps):
        for action_index, action in enumerate(step.actions):
            if len(blocks) >= MAX_PROPOSED or action.target is None:
                return blocks
            digest = idempotency_key(incident_id, action.id, action.target, action.params)
            value = values.request_value(incident_id, hypothesis_index, step_index, action_index, action.id, digest)
            button = ButtonElement(
                text=PlainTextObject(text=cut(f"Request: {action.id}", BUTTON_TEXT), emoji=True),
                action_id=values.REQUEST,
                value=value,
            )
            text = f"🛠 {escape(action.label)} _(risk: {escape(action.risk)})_"
            blocks.append(
                SectionBlock(
                    block_id=f"remediation-{step_index}-{action_index}",
                    text=MarkdownTextObject(text=text),
                    accessory=button,
                )
            )
    return blocks


def approval_blocks(
    remediation: Remediation, label: str, approvers: list[str], *, note: str | None = None
) -> list[dict[str, Any]]:
    """The request with its buttons; ``note`` (ours, not outside text) says why this person is asked."""
    who = ", ".join(f"<@{a}>" for a in approvers) or "the incident commander"
    value = values.approval_value(remediation.id, remediation.idempotency_key)
    expires = remediation.approval_expires_at
    blocks: list[Block] = [
        SectionBlock(
            text=MarkdownTextObject(
                text=(
                    f"*Approval needed* for incident #{remediation.incident_id}: {escape(label)}\n"
                    f"Requested by <@{remediation.requested_by}> · tier `{remediation.tier}` · "
                    f"policy `{remediation.policy_version}`"
                )
            )
        ),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=(
                        f"May approve: {who} (never the requester). Expires "
                        f"{expires:%H:%M UTC}. Digest `{remediation.idempotency_key[:12]}`"
                        if expires
                        else f"May approve: {who}"
                    )
                )
            ]
        ),
        *([ContextBlock(elements=[MarkdownTextObject(text=note)])] if note else []),
        decision_buttons(
            f"approval-{remediation.id}",
            values.APPROVE,
            values.REJECT,
            value,
            label,
            approve_title="Approve and run?",
            reject_title="Reject this action?",
        ),
    ]
    return [block.to_dict() for block in blocks]


def outcome_blocks(remediation: Remediation, label: str, *, undoable: bool = False) -> list[dict[str, Any]]:
    state = STATE_WORDS.get(remediation.state, remediation.state)
    lines = [f"*{escape(label)}* (incident #{remediation.incident_id}): {state}"]
    if remediation.approved_by:
        verb = "Rejected" if remediation.state == "rejected" else "Approved"
        lines.append(f"{verb} by <@{remediation.approved_by}>")
    if remediation.detail:
        lines.append(escape(cut(remediation.detail, 500)))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text="\n".join(lines)))]
    if undoable:
        undo = ButtonElement(
            text=PlainTextObject(text="Undo"),
            action_id=values.UNDO,
            value=values.approval_value(remediation.id, remediation.idempotency_key),
            confirm=confirm_dialog("Undo this action?", label, "Undo"),
        )
        blocks.append(ActionsBlock(block_id=f"remediation-undo-{remediation.id}", elements=[undo]))
    return [block.to_dict() for block in blocks]


def outcome_text(remediation: Remediation, label: str) -> str:
    return f"{label}: {STATE_WORDS.get(remediation.state, remediation.state)}"
