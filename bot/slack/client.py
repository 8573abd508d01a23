"""The Slack Web API client, and what its errors mean to a person.

:func:`slack_client` is slack-sdk's :class:`AsyncWebClient` with the bot token, the
``OPSDESK_SLACK_API_URL`` override and slack-sdk's retry handlers: 429 is retried after
``Retry-After``, 5xx and dropped connections with exponential backoff, inside the client.
``ok:false`` errors are handled by name by the callers; :data:`EXPLANATIONS` is what a person
is told when Slack refuses a call made for them. The client is an :class:`ObservedWebClient`: once
given a :class:`~bot.observability.slack.SlackHealth` it records every call's outcome there.
:func:`is_transient` tells failures worth retrying later (Slack down, slow or rate-limiting) from
refusals that will not change.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.observability.slack import SlackHealth

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
EXPLANATIONS = {
    "not_in_channel": "opsdesk is not a member of that channel: invite it with `/invite @opsdesk`.",
    "channel_not_found": "Slack cannot find that channel (deleted, or private and opsdesk is not in it).",
    "msg_blocks_too_long": "The incident post was too long for Slack; a shortened version was sent.",
    "name_taken": "An incident channel with that name already exists.",
    "expired_trigger_id": "That took too long for Slack; please try again.",
    "is_archived": "That channel is archived.",
    "restricted_action": "A workspace setting prevents opsdesk from doing that.",
    "missing_scope": "opsdesk lacks a Slack permission for that; ask an admin to reinstall the app from the manifest.",
    "ratelimited": "Slack is rate-limiting opsdesk; the update will follow shortly.",
}


#: Slack's ``ok:false`` answers that say "not now" rather than "no".
TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "unknown_error"}
)


class ObservedWebClient(AsyncWebClient):
    """slack-sdk's client, recording each call's outcome (after its retries) in :attr:`health`."""

    health: SlackHealth | None = None

    async def api_call(self, api_method: str, **kwargs: Any) -> Any:
        try:
            response = await super().api_call(api_method, **kwargs)
        except SlackApiError as error:
            if self.health is not None:
                self.health.failed(api_method, failure_name(error), transient=is_transient(error))
            raise
        except Exception as error:
            if self.health is not None:
                self.health.failed(api_method, failure_name(error), transient=True)
            raise
        if self.health is not None:
            self.health.succeeded(api_method)
        return response


def slack_client(settings: Settings) -> ObservedWebClient:
    """The Web API client: bot token, ``OPSDESK_SLACK_API_URL`` override, slack-sdk retry handlers."""
    base_url = settings.slack_api_url or DEFAULT_API_URL
    if not base_url.endswith("/"):
        base_url += "/"
    return ObservedWebClient(token=settings.slack_bot_token, base_url=base_url, retry_handlers=retry_handlers())


def is_transient(error: BaseException) -> bool:
    """True when trying the same call later may succeed: 429, 5xx, Slack's "not now" errors, I/O failures."""
    if not isinstance(error, SlackApiError):
        return isinstance(error, OSError | TimeoutError) or type(error).__module__.startswith("aiohttp")
    status = getattr(error.response, "status_code", 200)
    return status == 429 or status >= 500 or error_name(error) in TRANSIENT_ERRORS


def failure_name(error: BaseException) -> str:
    """A short, bounded label for a failed call: Slack's error, ``http_<status>`` or the exception's class."""
    if isinstance(error, SlackApiError):
        status = getattr(error.response, "status_code", 200)
        name = error_name(error)
        return f"http_{status}" if status != 200 and name == "unknown_error" else name
    return type(error).__name__


def retry_handlers() -> list[AsyncRetryHandler]:
    """slack-sdk's handlers: 429 after ``Retry-After``, 5xx and dropped connections with exponential backoff."""
    return [
        AsyncConnectionErrorRetryHandler(max_retry_count=2),
        AsyncRateLimitErrorRetryHandler(max_retry_count=3),
        AsyncServerErrorRetryHandler(max_retry_count=3),
    ]


def error_name(error: SlackApiError) -> str:
    """The ``error`` of Slack's ``ok:false`` answer (``unknown_error`` when there is none)."""
    try:
        return str(error.response.get("error") or "unknown_error")
    except AttributeError:
        return "unknown_error"


def explain(error: SlackApiError) -> str:
    name = error_name(error)
    return EXPLANATIONS.get(name, f"Slack refused the request ({name}).")


async def safe(call: Awaitable[Any]) -> Any:
    """The answer of ``call``, or ``None`` (logged) when Slack refuses it: for calls nothing depends on."""
    try:
        return await call
    except SlackApiError as error:
        log.error("slack call failed", extra={"error": error_name(error)})
        return None
