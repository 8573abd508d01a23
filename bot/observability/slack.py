"""Counting the Slack Web API calls a client makes, by method, and its failures, by error name.

slack-sdk has no hook around a call, but every method of :class:`AsyncWebClient` (and Bolt, which
uses the same client) goes through ``api_call``; :func:`instrument_slack_client` wraps that method
on the given client object, so a client built elsewhere (a test's, a benchmark's) is counted too.
A call counts once however often slack-sdk's retry handlers repeated it; an error is a call that
failed for good: Slack's ``ok:false`` name, or ``connection_error``/``timeout``.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.observability.metrics import ServerMetrics
from bot.slack.client import error_name

_INSTRUMENTED = "_opsdesk_instrumented"


def instrument_slack_client(client: AsyncWebClient, metrics: ServerMetrics) -> AsyncWebClient:
    """Count ``client``'s calls and errors in ``metrics`` (idempotent); returns the same client."""
    if getattr(client, _INSTRUMENTED, False):
        return client
    call = client.api_call

    async def counted(api_method: str, **kwargs: Any) -> Any:
        metrics.slack_api_calls.labels(method=api_method).inc()
        try:
            return await call(api_method, **kwargs)
        except SlackApiError as error:
            metrics.slack_api_errors.labels(method=api_method, error=error_name(error)).inc()
            raise
        except TimeoutError:
            metrics.slack_api_errors.labels(method=api_method, error="timeout").inc()
            raise
        except Exception:
            metrics.slack_api_errors.labels(method=api_method, error="connection_error").inc()
            raise

    client.api_call = counted  # type: ignore[method-assign]
    setattr(client, _INSTRUMENTED, True)
    return client
