"""Alert messages that other tools post in the configured alert channels become alerts, through
the same alert inbox as a webhook: the event is acknowledged to Slack only once its alerts are
committed there, so Slack redelivers an event whose alerts a crash or an unavailable store kept
out, and a drain groups and investigates them like any webhook's. A redelivered event's alerts
are the same alerts (fingerprints come from their labels): grouping counts them as repeats.
Messages in other channels are acked and ignored."""

from __future__ import annotations

import logging
from typing import Any, TypeGuard

from slack_bolt.context.ack.async_ack import AsyncAck

from bot.slack.parsing.channel_alerts import alerts_from_message
from bot.slack.services import SlackServices

log = logging.getLogger(__name__)


class ChannelAlerts:
    """The listener for ``message`` events."""

    def __init__(self, services: SlackServices) -> None:
        self.services = services
        self.alert_channels = frozenset(services.settings.slack_alert_channels)

    def keeps(self, payload: dict[str, Any] | None) -> bool:
        """Whether ``payload`` is a message event in an alert channel: the HTTP answer must wait
        until its alerts are kept (every other event is answered at once)."""
        if payload is None or payload.get("type") != "event_callback":
            return False
        event = payload.get("event")
        return self._in_alert_channel(event) and event.get("type") == "message"

    async def on_message(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        event = body.get("event")
        if self._in_alert_channel(event):
            await self.keep(event, str(body.get("event_id", "")))
        await ack()

    def _in_alert_channel(self, event: object) -> TypeGuard[dict[str, Any]]:
        return isinstance(event, dict) and event.get("channel") in self.alert_channels

    async def keep(self, event: dict[str, Any], event_id: str) -> None:
        """Commit the message's alerts to the inbox (raises, leaving the event unacknowledged, when
        the store is unavailable)."""
        services = self.services
        now = services.clock.now()
        alerts = alerts_from_message(event, services.catalog, now)
        if not alerts:
            return
        await services.storage.inbox.put(alerts, received_at=now)
        services.investigations.intake_arrived()
        log.info(
            "channel alerts accepted",
            extra={"channel": event.get("channel"), "event_id": event_id, "alerts": len(alerts)},
        )
