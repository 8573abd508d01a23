"""Posting slots per Slack channel, shared by every process on the database.

Slack allows about one message per second per channel. Each process paces its own calls
(:class:`bot.slack.poster.Poster`), but replicas posting to one channel would each use the whole
allowance. :meth:`PaceRepository.reserve` hands out the channel's next free slot instead: one
upsert that moves the channel's ``next_at`` one interval on and returns the slot it took. Times are
epoch seconds (plain arithmetic on SQLite and PostgreSQL alike); processes are assumed to keep
their clocks in step (NTP), a skew only shifts slots by that much.
"""

from __future__ import annotations

from sqlalchemy import case

from bot.clock import Clock
from bot.store.database import Database, dialect_insert
from bot.store.tables import ChannelPaceRow


class PaceRepository:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    async def reserve(self, channel: str, interval: float) -> float:
        """Take ``channel``'s next slot; returns how many seconds from now it starts (0 when free now)."""
        now = self._clock.now().timestamp()
        async with self._database.write() as connection:
            statement = dialect_insert(connection, ChannelPaceRow).values(channel=channel, next_at=now + interval)
            later = case(
                (ChannelPaceRow.next_at > now, ChannelPaceRow.next_at + interval), else_=statement.excluded.next_at
            )
            upsert = statement.on_conflict_do_update(index_elements=["channel"], set_={"next_at": later})
            next_at = await connection.scalar(upsert.returning(ChannelPaceRow.next_at))
        return max(0.0, float(next_at) - interval - now)
