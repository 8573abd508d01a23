"""Approve/reject buttons behind confirm dialogs, as remediation and access approvals show them."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ConfirmObject, MarkdownTextObject, PlainTextObject

from bot.slack.views.limits import cut
from bot.slack.views.mrkdwn import escape

#: Characters of the outside text a confirm dialog quotes.
CONFIRM_TEXT_CHARS = 300


def confirm_dialog(title: str, text: str, confirm: str) -> ConfirmObject:
    """A confirm dialog quoting ``text`` (outside text: escaped and cut)."""
    return ConfirmObject(
        title=PlainTextObject(text=title),
        text=MarkdownTextObject(text=cut(escape(text), CONFIRM_TEXT_CHARS)),
        confirm=PlainTextObject(text=confirm),
        deny=PlainTextObject(text="Cancel"),
    )


def decision_buttons(
    block_id: str,
    approve_action: str,
    reject_action: str,
    value: str,
    text: str,
    *,
    approve_title: str,
    reject_title: str,
) -> ActionsBlock:
    """Approve (primary) and Reject (danger), each asking to confirm what ``text`` names."""
    return ActionsBlock(
        block_id=block_id,
        elements=[
            ButtonElement(
                text=PlainTextObject(text="Approve"),
                action_id=approve_action,
                value=value,
                style="primary",
                confirm=confirm_dialog(approve_title, text, "Approve"),
            ),
            ButtonElement(
                text=PlainTextObject(text="Reject"),
                action_id=reject_action,
                value=value,
                style="danger",
                confirm=confirm_dialog(reject_title, text, "Reject"),
            ),
        ],
    )
