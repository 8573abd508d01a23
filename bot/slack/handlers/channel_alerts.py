"""Alert messages that other tools post in the configured alert channels become alerts, through
intake like a webhook: each Events API delivery once (by ``event_id``), then grouped, stored and
investigated. Messages in other channels are acked and ignored."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck

from bot.slack.parsing.channel_alerts import alerts_from_message
from bot.slack.services import SlackServices

log = logging.getLogger(__name__)


class ChannelAlerts:
    """The listener for ``message`` events."""

    def __init__(self, services: SlackServices) -> None:
        self.services = services
        self.alert_channels = frozenset(services.settings.slack_alert_channels)

    async def on_message(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        event = body.get("event")
        if not isinstance(event, dict) or event.get("channel") not in self.alert_channels:
            return
        self.services.runner.spawn(self.handle(body), "slack-channel-alert")

    async def handle(self, body: dict[str, Any]) -> None:
        services = self.services
        event_id = str(body.get("event_id", ""))
        if not await services.coordination.claim_delivery(f"event:{event_id}"):
            log.info("repeated event ignored", extra={"event_id": event_id})
            return
        now = services.clock.now()
        alerts = alerts_from_message(body.get("event") or {}, services.catalog, now)
        if not alerts:
            return
        window = timedelta(minutes=services.settings.grouping_window_minutes)
        investigations = services.investigations
        result = await services.storage.alerts.ingest(
            alerts, services.catalog, window, received_at=now, within=investigations.enqueue_within
        )
        investigations.wake()
        await investigations.notify_resolved(result.resolved_incidents)
        log.info(
            "channel alerts ingested",
            extra={"channel": (body.get("event") or {}).get("channel"), "alerts": len(alerts), "new": result.new},
        )
