"""Work claimed once across processes: whoever inserts a key first does the work.

Used for Slack's retried deliveries and repeated clicks, and for any idempotency key whose
side effect must happen once however many processes see the request. Keys are kept for a
retention period chosen by the caller, then forgotten.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError

from bot.store.database import Database
from bot.store.tables import ClaimRow

MAX_KEY_LENGTH = 300


class ClaimRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def claim(self, key: str, at: datetime) -> bool:
        """True the first time ``key`` is claimed (the caller does the work), False on any repeat."""
        try:
            async with self._database.write() as connection:
                await connection.execute(insert(ClaimRow), {"key": key[:MAX_KEY_LENGTH], "claimed_at": at})
        except IntegrityError:
            return False
        return True

    async def forget_before(self, cutoff: datetime) -> int:
        async with self._database.write() as connection:
            result = await connection.execute(delete(ClaimRow).where(ClaimRow.claimed_at < cutoff))
        return int(result.rowcount or 0)
