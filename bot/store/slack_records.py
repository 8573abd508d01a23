"""What the Slack layer keeps: each incident's post and roles, hypothesis votes, processed deliveries.

Kept apart from :class:`bot.store.Store` (intake and investigations) but on the same engine and
transaction helpers, so one database holds everything and the Slack layer's writes never wait
behind the intake lock. Declared incidents (``/incident declare``) are inserted here too: they have
no alert, so they do not go through intake's grouping.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.engine import read_transaction, write_transaction
from bot.store.records import IncidentSummary
from bot.store.store import Store
from bot.store.tables import AlertRow, FeedbackRow, IncidentRow, SlackDeliveryRow, SlackPostRow

Vote = Literal["up", "down"]


class SlackPost(BaseModel):
    """An incident's Slack state; ``channel``/``ts`` are unset until its message is posted."""

    model_config = ConfigDict(frozen=True)

    incident_id: int
    channel: str | None = None
    ts: str | None = None
    alerts_posted: int = 0
    incident_channel: str | None = None
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    commander: str | None = None
    commander_at: datetime | None = None
    summary: str | None = None


class SlackRecords:
    """Async access to the Slack tables of ``store``'s database."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # -- posts and roles ----------------------------------------------------------------

    async def post(self, incident_id: int) -> SlackPost | None:
        async with self._read() as connection:
            row = (
                await connection.execute(select(SlackPostRow).where(SlackPostRow.incident_id == incident_id))
            ).first()
        return None if row is None else SlackPost.model_validate(dict(row._mapping))

    async def update_post(self, incident_id: int, at: datetime, **fields: Any) -> SlackPost:
        """Create or change an incident's Slack state; returns it as stored."""
        unknown = set(fields) - set(SlackPost.model_fields)
        if unknown:
            raise ValueError(f"unknown Slack post fields: {sorted(unknown)}")
        async with self._write() as connection:
            existing = await connection.scalar(
                select(SlackPostRow.incident_id).where(SlackPostRow.incident_id == incident_id)
            )
            if existing is None:
                values = {**SlackPost(incident_id=incident_id).model_dump(), **fields, "updated_at": at}
                await connection.execute(insert(SlackPostRow), values)
            else:
                await connection.execute(
                    update(SlackPostRow).where(SlackPostRow.incident_id == incident_id),
                    {**fields, "updated_at": at},
                )
            row = (await connection.execute(select(SlackPostRow).where(SlackPostRow.incident_id == incident_id))).one()
        return SlackPost.model_validate(dict(row._mapping))

    async def incident_for_channel(self, channel: str) -> int | None:
        """The most recent open incident whose incident channel or post channel is ``channel``."""
        query = (
            select(SlackPostRow.incident_id, SlackPostRow.incident_channel)
            .join(IncidentRow, IncidentRow.id == SlackPostRow.incident_id)
            .where((SlackPostRow.incident_channel == channel) | (SlackPostRow.channel == channel))
            .order_by((IncidentRow.status == "open").desc(), IncidentRow.id.desc())
        )
        async with self._read() as connection:
            rows = (await connection.execute(query)).all()
        for incident_id, incident_channel in rows:
            if incident_channel == channel:
                return int(incident_id)
        return int(rows[0][0]) if rows else None

    async def alert_count(self, incident_id: int) -> tuple[int, tuple[str, ...]]:
        """How many alerts the incident has, and their distinct names."""
        async with self._read() as connection:
            names = (
                await connection.execute(select(AlertRow.alertname).where(AlertRow.incident_id == incident_id))
            ).all()
        return len(names), tuple(sorted({n for (n,) in names}))

    # -- incidents without alerts -------------------------------------------------------

    async def declare_incident(self, title: str, severity: str, services: tuple[str, ...], at: datetime) -> int:
        async with self._write() as connection:
            inserted = await connection.execute(
                insert(IncidentRow).returning(IncidentRow.id),
                {
                    "title": title,
                    "services": list(services),
                    "status": "open",
                    "severity": severity,
                    "opened_at": at,
                    "last_alert_at": at,
                    "resolved_at": None,
                },
            )
            return int(inserted.scalar_one())

    async def resolve_incident(self, incident_id: int, at: datetime) -> IncidentSummary | None:
        """Mark an open incident resolved; ``None`` if it does not exist or was not open."""
        async with self._write() as connection:
            changed = await connection.execute(
                update(IncidentRow)
                .where(IncidentRow.id == incident_id, IncidentRow.status == "open")
                .values(status="resolved", resolved_at=at)
            )
            if changed.rowcount != 1:
                return None
            row = (await connection.execute(select(IncidentRow).where(IncidentRow.id == incident_id))).one()
        fields = dict(row._mapping)
        fields["services"] = tuple(fields["services"])
        return IncidentSummary(**fields)

    # -- feedback -----------------------------------------------------------------------

    async def record_vote(
        self, incident_id: int, rank: int, cause: str, culprit: str, user_id: str, vote: Vote, at: datetime
    ) -> None:
        """Keep ``user_id``'s vote on hypothesis ``rank`` (1-based), replacing an earlier one."""
        async with self._write() as connection:
            await connection.execute(
                delete(FeedbackRow).where(
                    FeedbackRow.incident_id == incident_id,
                    FeedbackRow.hypothesis_rank == rank,
                    FeedbackRow.user_id == user_id,
                )
            )
            await connection.execute(
                insert(FeedbackRow),
                {
                    "incident_id": incident_id,
                    "hypothesis_rank": rank,
                    "cause": cause,
                    "culprit": culprit,
                    "user_id": user_id,
                    "vote": vote,
                    "at": at,
                },
            )

    async def votes(self, incident_id: int) -> dict[int, dict[str, int]]:
        """``{rank: {"up": n, "down": m}}`` for the incident."""
        query = select(FeedbackRow.hypothesis_rank, FeedbackRow.vote).where(FeedbackRow.incident_id == incident_id)
        async with self._read() as connection:
            rows = (await connection.execute(query)).all()
        tally: dict[int, dict[str, int]] = {}
        for rank, vote in rows:
            counts = tally.setdefault(int(rank), {"up": 0, "down": 0})
            counts[str(vote)] = counts.get(str(vote), 0) + 1
        return tally

    # -- idempotency --------------------------------------------------------------------

    async def claim_delivery(self, key: str, at: datetime) -> bool:
        """True the first time ``key`` is seen (the caller processes it), False on a repeat."""
        try:
            async with self._write() as connection:
                await connection.execute(insert(SlackDeliveryRow), {"key": key[:300], "received_at": at})
        except IntegrityError:
            return False
        return True

    async def forget_deliveries_before(self, cutoff: datetime) -> int:
        async with self._write() as connection:
            result = await connection.execute(delete(SlackDeliveryRow).where(SlackDeliveryRow.received_at < cutoff))
        return int(result.rowcount or 0)

    @contextlib.asynccontextmanager
    async def _read(self) -> AsyncIterator[AsyncConnection]:
        async with self._store._translate_errors(), read_transaction(self._store.engine) as connection:
            yield connection

    @contextlib.asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncConnection]:
        async with self._store._translate_errors(), write_transaction(self._store.engine) as connection:
            yield connection
