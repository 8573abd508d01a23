"""The audit log: append-only, each record chained to the one before (:mod:`bot.remediation.audit`).

A record is written in the transaction of the change it records: pass that transaction's
``connection`` to :meth:`AuditRepository.append`, and the record exists exactly when the change
does. Appends are serialised (SQLite's write lock; a transaction-level advisory lock on
PostgreSQL) so two processes never fork the chain; each takes a few statements.
Nothing here updates or deletes a record.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime

import orjson
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import Clock
from bot.remediation.audit import (
    GENESIS,
    AuditEntry,
    AuditRecord,
    ChainCheck,
    StoredRow,
    chain_hash,
    record_text,
)
from bot.store.database import Database
from bot.store.engine import take_advisory_lock
from bot.store.tables import AuditHeadRow, AuditRow

#: pg_advisory_xact_lock key that serialises appends across processes ("opsdesk6").
AUDIT_LOCK_KEY = 0x6F70_7364_6573_6B36
_HEAD_ID = 1
_VERIFY_BATCH = 5000


class AuditRepository:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    async def append(
        self, entry: AuditEntry, *, connection: AsyncConnection | None = None, at: datetime | None = None
    ) -> AuditRecord:
        """Add ``entry`` to the chain, in ``connection``'s transaction when given."""
        return (await self.append_many([entry], connection=connection, at=at))[0]

    async def append_many(
        self, entries: Sequence[AuditEntry], *, connection: AsyncConnection | None = None, at: datetime | None = None
    ) -> list[AuditRecord]:
        if connection is not None:
            return await self._append(connection, entries, at or self._clock.now())
        async with self._database.write() as own:
            return await self._append(own, entries, at or self._clock.now())

    async def _append(
        self, connection: AsyncConnection, entries: Sequence[AuditEntry], at: datetime
    ) -> list[AuditRecord]:
        if not entries:
            return []
        await take_advisory_lock(connection, AUDIT_LOCK_KEY)
        head = (
            await connection.execute(
                select(AuditHeadRow.seq, AuditHeadRow.hash).where(AuditHeadRow.id == _HEAD_ID).with_for_update()
            )
        ).one_or_none()
        seq, previous = (head.seq, head.hash) if head is not None else (0, GENESIS)
        records: list[AuditRecord] = []
        rows = []
        for entry in entries:
            seq += 1
            content = entry.record()
            stored = record_text(content)
            digest = chain_hash(previous, seq, at, entry.kind, entry.incident, stored)
            rows.append(
                {
                    "seq": seq,
                    "at": at,
                    "kind": entry.kind,
                    "incident_id": entry.incident,
                    "record": stored,
                    "prev_hash": previous,
                    "hash": digest,
                }
            )
            records.append(AuditRecord(seq, at, entry.kind, entry.incident, content, previous, digest))
            previous = digest
        await connection.execute(insert(AuditRow), rows)
        if head is None:
            await connection.execute(insert(AuditHeadRow).values(id=_HEAD_ID, seq=seq, hash=previous))
        else:
            await connection.execute(
                update(AuditHeadRow).where(AuditHeadRow.id == _HEAD_ID).values(seq=seq, hash=previous)
            )
        return records

    async def verify(self) -> tuple[int, str] | None:
        """The first edited, deleted or reordered record and what is wrong; None when the chain holds."""
        async with self._database.read() as connection:
            head_row = (
                await connection.execute(select(AuditHeadRow.seq, AuditHeadRow.hash).where(AuditHeadRow.id == _HEAD_ID))
            ).one_or_none()
            head = (head_row.seq, head_row.hash) if head_row is not None else None
            chain = ChainCheck()
            result = await connection.stream(
                select(
                    AuditRow.seq,
                    AuditRow.at,
                    AuditRow.kind,
                    AuditRow.incident_id,
                    AuditRow.record,
                    AuditRow.prev_hash,
                    AuditRow.hash,
                )
                .order_by(AuditRow.seq)
                .execution_options(yield_per=_VERIFY_BATCH)
            )
            async for partition in result.partitions(_VERIFY_BATCH):
                for row in partition:
                    if (problem := chain.add(StoredRow(*row))) is not None:
                        return problem
        return chain.end(head)

    async def records(self, since: datetime | None = None) -> AsyncIterator[AuditRecord]:
        """Records in chain order, from ``since`` on when given."""
        query = select(AuditRow).order_by(AuditRow.seq)
        if since is not None:
            query = query.where(AuditRow.at >= since)
        async with self._database.read() as connection:
            result = await connection.stream(query.execution_options(yield_per=_VERIFY_BATCH))
            async for row in result.mappings():
                yield AuditRecord(
                    seq=row["seq"],
                    at=row["at"],
                    kind=row["kind"],
                    incident=row["incident_id"],
                    record=orjson.loads(row["record"]),
                    prev_hash=row["prev_hash"],
                    hash=row["hash"],
                )
