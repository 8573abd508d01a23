"""Access requests in Block Kit: the request modal, the owners' approval message, outcomes, App Home.

Pure functions of their inputs; every piece of outside text (a justification, a resource's
description from the catalog) is escaped where it enters mrkdwn, and cut to Slack's limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    ExternalDataSelectElement,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
)

from bot.desk.model import ActiveGrant, RequestSummary
from bot.desk.resources import Resource, format_length
from bot.slack.parsing import access as values
from bot.slack.views.decisions import confirm_dialog, decision_buttons
from bot.slack.views.limits import cut
from bot.slack.views.mrkdwn import escape
from bot.store.access import AccessRequest

REPORT_PROBLEM = "desk-report-problem"
DEFAULT_DURATION = "4h"
STATE_WORDS = {
    "awaiting_approval": "⏳ waiting for the owners' approval",
    "approved": "✅ approved, granting",
    "granting": "⏳ granting",
    "granted": "✅ granted",
    "revoking": "⏳ revoking",
    "revoked": "🔒 revoked",
    "rejected": "❌ rejected",
    "expired": "⌛ expired: nobody approved in time",
    "failed": "⚠️ failed",
}
SENSITIVITY_MARKS = {"low": "🟢 low", "medium": "🟡 medium", "high": "🟠 high", "critical": "🔴 critical"}


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment is not None else "—"


def resource_option(resource: Resource) -> Option:
    label = f"{resource.name} ({resource.sensitivity})"
    return Option(text=PlainTextObject(text=cut(label, 75)), value=resource.id)


def resource_options(resources: Sequence[Resource]) -> list[dict[str, Any]]:
    """The ``options`` answer for the resource select: at most 100, as Slack allows."""
    return [resource_option(resource).to_dict() for resource in resources[:100]]


def request_modal(resource: Resource | None = None, duration: str = DEFAULT_DURATION) -> dict[str, Any]:
    """The "Request access" modal, pre-filled with ``resource`` when the conversation found one."""
    select = ExternalDataSelectElement(
        action_id=values.RESOURCE_BLOCK,
        placeholder=PlainTextObject(text="Search: figma, orders db, prod admin…"),
        min_query_length=0,
        initial_option=resource_option(resource) if resource is not None else None,
    )
    blocks: list[Block] = [
        InputBlock(
            block_id=values.RESOURCE_BLOCK,
            label=PlainTextObject(text="Resource"),
            element=select,
        ),
        InputBlock(
            block_id=values.DURATION_BLOCK,
            label=PlainTextObject(text="For how long"),
            hint=PlainTextObject(text="For example 4h, 2d, 90m. Each resource has a maximum."),
            element=PlainTextInputElement(action_id=values.DURATION_BLOCK, initial_value=duration, max_length=20),
        ),
        InputBlock(
            block_id=values.JUSTIFICATION_BLOCK,
            label=PlainTextObject(text="Why do you need it?"),
            hint=PlainTextObject(text="Required for medium, high and critical resources; the owners read it."),
            optional=True,
            element=PlainTextInputElement(action_id=values.JUSTIFICATION_BLOCK, multiline=True, max_length=1000),
        ),
    ]
    return {
        "type": "modal",
        "callback_id": values.MODAL,
        "title": {"type": "plain_text", "text": "Request access"},
        "submit": {"type": "plain_text", "text": "Request"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [block.to_dict() for block in blocks],
    }


def modal_errors(field: str, problem: str) -> dict[str, Any]:
    """The ``view_submission`` answer that shows ``problem`` under the modal's ``field``."""
    block = {
        "resource": values.RESOURCE_BLOCK,
        "duration": values.DURATION_BLOCK,
        "justification": values.JUSTIFICATION_BLOCK,
    }.get(field, values.RESOURCE_BLOCK)
    return {"response_action": "errors", "errors": {block: cut(problem, 150)}}


def label(row: AccessRequest, resource_name: str) -> str:
    return f"{resource_name} for {format_length(row.duration)}"


def approval_blocks(row: AccessRequest, resource: Resource, owners: Sequence[str]) -> list[dict[str, Any]]:
    """What an owner is asked: who wants what, for how long and why, with Approve / Reject."""
    value = values.decision_value(row.id, row.digest)
    who = ", ".join(f"<@{o}>" for o in owners) or "the resource's owners"
    needed = "two different owners" if row.approvals_needed >= 2 else "one owner"
    justification = escape(cut(row.justification, 1500)) or "_none given_"
    what = escape(label(row, resource.name))
    lines = [
        f"*Access request AR-{row.id}*: <@{row.requester}> asks for *{what}*",
        f"Sensitivity {SENSITIVITY_MARKS.get(row.sensitivity, escape(row.sensitivity))} · needs {needed}",
        f"*Why:* {justification}",
    ]
    if row.approvers:
        so_far = ", ".join(f"<@{a}>" for a in row.approvers)
        lines.append(f"Approved so far by {so_far} ({len(row.approvers)} of {row.approvals_needed})")
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text="\n".join(lines))),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=(
                        f"May approve: {who} (never the requester). "
                        f"Expires {_when(row.approval_expires_at)}. Digest `{row.digest[:12]}`"
                        + (" · shadow mode: nothing will be granted" if row.shadow else "")
                    )
                )
            ]
        ),
        decision_buttons(
            f"access-approval-{row.id}",
            values.APPROVE,
            values.REJECT,
            value,
            label(row, resource.name),
            approve_title="Approve this access?",
            reject_title="Reject this access?",
        ),
    ]
    return [block.to_dict() for block in blocks]


def outcome_text(row: AccessRequest, resource_name: str) -> str:
    state = STATE_WORDS.get(row.state, row.state)
    shadow = " (shadow mode: recorded, nothing changed)" if row.shadow and row.state in ("granted", "revoked") else ""
    until = f" until {_when(row.expires_at)}" if row.state == "granted" else ""
    return f"AR-{row.id} {label(row, resource_name)}: {state}{until}{shadow}"


def outcome_blocks(row: AccessRequest, resource_name: str) -> list[dict[str, Any]]:
    """The approval message once decided, and what the requester is told."""
    lines = [escape(outcome_text(row, resource_name))]
    if row.approvers:
        lines.append("Approved by " + ", ".join(f"<@{a}>" for a in row.approvers))
    if row.state == "revoked" and row.revoked_by:
        by = "at expiry" if row.revoked_by == "opsdesk" else f"by <@{row.revoked_by}>"
        lines.append(f"Revoked {by}")
    if row.detail and row.state in ("failed", "rejected", "expired", "revoking"):
        lines.append(escape(cut(row.detail, 500)))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text="\n".join(lines)))]
    if row.state == "granted":
        blocks.append(ActionsBlock(block_id=f"access-grant-{row.id}", elements=[revoke_button(row, resource_name)]))
    return [block.to_dict() for block in blocks]


def revoke_button(row: AccessRequest | ActiveGrant, resource_name: str) -> ButtonElement:
    request_id = row.id if isinstance(row, AccessRequest) else row.request_id
    return ButtonElement(
        text=PlainTextObject(text="Revoke now"),
        action_id=values.REVOKE,
        value=values.revoke_value(request_id),
        style="danger",
        confirm=confirm_dialog("Give this access back now?", resource_name, "Revoke"),
    )


def requested_text(row: AccessRequest, resource_name: str) -> str:
    """What the requester is told once their request is stored."""
    if row.state == "awaiting_approval":
        needed = "two different owners" if row.approvals_needed >= 2 else "an owner"
        return (
            f"Your request AR-{row.id} for {label(row, resource_name)} went to its owners: "
            f"it needs {needed} to approve (by {_when(row.approval_expires_at)})."
        )
    return outcome_text(row, resource_name)


def home_view(
    summaries: Sequence[RequestSummary],
    grants: Sequence[ActiveGrant],
    names: dict[str, str],
) -> dict[str, Any]:
    """App Home: the two entry points, "My requests" and "My access"."""
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text="Service desk")),
        ActionsBlock(
            block_id="desk-home-actions",
            elements=[
                ButtonElement(
                    text=PlainTextObject(text="Request access"),
                    action_id=values.OPEN,
                    value=values.open_value(),
                    style="primary",
                ),
                ButtonElement(text=PlainTextObject(text="Report a problem"), action_id=REPORT_PROBLEM, value="v1"),
            ],
        ),
        DividerBlock(),
        HeaderBlock(text=PlainTextObject(text="My requests")),
    ]
    if not summaries:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text="No requests yet.")]))
    for summary in summaries[:15]:
        state = STATE_WORDS.get(summary.state, summary.state)
        title = escape(cut(summary.title, 200))
        text = f"*{escape(summary.reference)}* {title}\n{escape(state)} · opened {_when(summary.opened_at)}"
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text)))
    blocks += [DividerBlock(), HeaderBlock(text=PlainTextObject(text="My access"))]
    if not grants:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text="No access granted through the desk right now.")]))
    for grant in grants[:15]:
        name = names.get(grant.resource, grant.resource)
        text = f"*{escape(name)}* until {_when(grant.expires_at)}"
        if grant.approved_by:
            text += "\nApproved by " + ", ".join(f"<@{a}>" for a in grant.approved_by)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text), accessory=revoke_button(grant, name)))
    return {"type": "home", "blocks": [block.to_dict() for block in blocks]}
