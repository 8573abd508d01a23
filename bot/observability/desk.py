"""The service desk on ``/metrics``: outcomes read from the store before each scrape, so every
replica reports the same numbers (conversations are handled by whichever process got them)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Gauge

from bot.store.desk import DeskConversationRepository


class DeskMetrics:
    """A sampler (``await metrics()``) that sets the desk gauges from the conversations table."""

    def __init__(self, registry: CollectorRegistry, conversations: DeskConversationRepository) -> None:
        self._conversations = conversations
        self.conversations = Gauge(
            "opsdesk_desk_conversations",
            "Desk conversations by outcome (open, resolved, escalated).",
            ["outcome"],
            registry=registry,
        )
        self.deflection = Gauge(
            "opsdesk_desk_deflection_ratio",
            "Conversations resolved without a ticket, over all ended conversations.",
            registry=registry,
        )
        self.escalation = Gauge(
            "opsdesk_desk_escalation_ratio",
            "Conversations escalated to a person (ticket or incident), over all ended conversations.",
            registry=registry,
        )
        self.satisfaction = Gauge(
            "opsdesk_desk_satisfaction_ratio",
            "Answers the requester said solved it, over answers they rated.",
            registry=registry,
        )

    async def __call__(self) -> None:
        totals = await self._conversations.totals()
        self.conversations.labels(outcome="open").set(totals.opened - totals.ended)
        self.conversations.labels(outcome="resolved").set(totals.resolved)
        self.conversations.labels(outcome="escalated").set(totals.escalated)
        self.conversations.labels(outcome="closed").set(totals.closed)
        self.deflection.set(totals.deflection or 0.0)
        self.escalation.set(totals.escalation or 0.0)
        self.satisfaction.set(totals.satisfaction or 0.0)
