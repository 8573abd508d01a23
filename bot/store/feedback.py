"""Hypothesis feedback: one person's 👍/👎 on one hypothesis of an incident; a later vote replaces it."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import delete, insert, select

from bot.store.database import Database
from bot.store.tables import FeedbackRow

Vote = Literal["up", "down"]


class FeedbackRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def record(
        self, incident_id: int, rank: int, cause: str, culprit: str, user_id: str, vote: Vote, at: datetime
    ) -> None:
        """Keep ``user_id``'s vote on hypothesis ``rank`` (1-based), replacing an earlier one."""
        async with self._database.write() as connection:
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

    async def tally(self, incident_id: int) -> dict[int, dict[str, int]]:
        """``{rank: {"up": n, "down": m}}`` for the incident."""
        query = select(FeedbackRow.hypothesis_rank, FeedbackRow.vote).where(FeedbackRow.incident_id == incident_id)
        async with self._database.read() as connection:
            rows = (await connection.execute(query)).all()
        tally: dict[int, dict[str, int]] = {}
        for rank, vote in rows:
            counts = tally.setdefault(int(rank), {"up": 0, "down": 0})
            counts[str(vote)] = counts.get(str(vote), 0) + 1
        return tally
