"""Postmortem drafts, one per incident: written when it resolves, replaced if it resolves again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.store.database import Database, dialect_insert
from bot.store.tables import PostmortemRow


class PostmortemRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def save(self, incident_id: int, markdown: str, written_at: datetime) -> None:
        async with self._database.write() as connection:
            statement = dialect_insert(connection, PostmortemRow).values(
                incident_id=incident_id, markdown=markdown, written_at=written_at
            )
            await connection.execute(
                statement.on_conflict_do_update(
                    index_elements=[PostmortemRow.incident_id],
                    set_={"markdown": statement.excluded.markdown, "written_at": statement.excluded.written_at},
                )
            )

    async def get(self, incident_id: int) -> str | None:
        async with self._database.read() as connection:
            found = await connection.scalar(
                select(PostmortemRow.markdown).where(PostmortemRow.incident_id == incident_id)
            )
        return None if found is None else str(found)
