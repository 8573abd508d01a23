"""Socket Mode: the same Bolt app over Slack's websocket instead of ``/slack/events``.

Bolt's :class:`AsyncSocketModeHandler` (slack-sdk's aiohttp client) opens the connection with
``apps.connections.open`` (app-level token ``SLACK_APP_TOKEN``), acknowledges every envelope and
reconnects by itself. It is started with the aiohttp application and closed at its cleanup, so
the webhooks and probes are served in both modes.
"""

from __future__ import annotations

import logging

from aiohttp import web
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

from bot.slack.app import SlackBot

log = logging.getLogger(__name__)


def attach_socket_mode(app: web.Application, bot: SlackBot, app_token: str) -> AsyncSocketModeHandler:
    """Connect at startup, disconnect at cleanup."""
    handler = AsyncSocketModeHandler(bot.app, app_token, web_client=bot.incidents.client)

    async def connect(_: web.Application) -> None:
        await handler.connect_async()  # type: ignore[no-untyped-call]
        log.info("Slack Socket Mode connected")

    async def disconnect(_: web.Application) -> None:
        await handler.close_async()  # type: ignore[no-untyped-call]

    app.on_startup.append(connect)
    app.on_cleanup.append(disconnect)
    return handler
