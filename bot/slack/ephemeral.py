"""Telling one person something: an ephemeral message in the channel they acted in, by DM when
there is none. Refusals are also logged with ``audit=True``."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.client import error_name
from bot.slack.views.replies import refusal

log = logging.getLogger(__name__)


async def tell(client: AsyncWebClient, channel: str | None, user: str, text: str) -> None:
    """Tell ``user`` ``text`` in ``channel`` (by DM when there is none); a failure is logged."""
    try:
        if channel:
            await client.chat_postEphemeral(channel=channel, user=user, text=text)
        else:
            await client.chat_postMessage(channel=user, text=text)
    except SlackApiError as error:
        log.error("ephemeral reply failed", extra={"user": user, "channel": channel, "error": error_name(error)})


async def refuse(client: AsyncWebClient, channel: str | None, user: str, reason: str, **fields: Any) -> None:
    """Tell ``user`` why their request was not carried out, and audit-log it with ``fields``."""
    log.warning("slack request refused", extra={"audit": True, "user": user, "reason": reason, **fields})
    await tell(client, channel, user, refusal(reason))
