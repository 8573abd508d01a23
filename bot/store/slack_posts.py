"""Each incident's Slack message and roles: where it was posted, who acknowledged it, who leads it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.database import Database, dialect_insert
from bot.store.leases import Lease, LeaseRepository
from bot.store.tables import IncidentRow, SlackPostRow


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
    posting_since: datetime | None = None


class SlackPostRepository:
    def __init__(self, database: Database, leases: LeaseRepository) -> None:
        self._database = database
        self._leases = leases

    async def get(self, incident_id: int) -> SlackPost | None:
        async with self._database.read() as connection:
            row = (
                await connection.execute(select(SlackPostRow).where(SlackPostRow.incident_id == incident_id))
            ).first()
        return None if row is None else SlackPost.model_validate(dict(row._mapping))

    async def update(self, incident_id: int, at: datetime, **fields: Any) -> SlackPost:
        """Create or change an incident's Slack state; returns it as stored."""
        async with self._database.write() as connection:
            return await _upsert(connection, incident_id, at, fields)

    async def record_first_post(
        self, incident_id: int, lease: Lease, at: datetime, *, channel: str, ts: str, alerts_posted: int
    ) -> SlackPost | None:
        """Keep the incident's first message, only while ``lease`` (the incident's) is still held
        and no other message was kept meanwhile; None means the caller's message is not the post."""
        async with self._database.write() as connection:
            if not await self._leases.holds(connection, lease):
                return None
            kept = await connection.scalar(select(SlackPostRow.ts).where(SlackPostRow.incident_id == incident_id))
            if kept is not None:
                return None
            return await _upsert(
                connection, incident_id, at, {"channel": channel, "ts": ts, "alerts_posted": alerts_posted}
            )

    async def incident_for_channel(self, channel: str) -> int | None:
        """The most recent open incident whose incident channel or post channel is ``channel``."""
        query = (
            select(SlackPostRow.incident_id, SlackPostRow.incident_channel)
            .join(IncidentRow, IncidentRow.id == SlackPostRow.incident_id)
            .where((SlackPostRow.incident_channel == channel) | (SlackPostRow.channel == channel))
            .order_by((IncidentRow.status == "open").desc(), IncidentRow.id.desc())
        )
        async with self._database.read() as connection:
            rows = (await connection.execute(query)).all()
        for incident_id, incident_channel in rows:
            if incident_channel == channel:
                return int(incident_id)
        return int(rows[0][0]) if rows else None


async def _upsert(connection: AsyncConnection, incident_id: int, at: datetime, fields: dict[str, Any]) -> SlackPost:
    unknown = set(fields) - set(SlackPost.model_fields)
    if unknown:
        raise ValueError(f"unknown Slack post fields: {sorted(unknown)}")
    values = {**SlackPost(incident_id=incident_id).model_dump(), **fields, "updated_at": at}
    statement = dialect_insert(connection, SlackPostRow).values(values)
    await connection.execute(
        statement.on_conflict_do_update(index_elements=["incident_id"], set_={**fields, "updated_at": at})
    )
    row = (await connection.execute(select(SlackPostRow).where(SlackPostRow.incident_id == incident_id))).one()
    return SlackPost.model_validate(dict(row._mapping))
