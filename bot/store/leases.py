"""Named leases with fencing tokens: one holder at a time, for a bounded time, across processes.

A lease that expires can be taken by another holder; every change of holder increments the
lease's ``fence``. A holder passes its :class:`Lease` with each side effect and checks it with
:meth:`LeaseRepository.holds` inside the transaction that records the effect, so a holder that
stalled past its lease (a long GC pause, a frozen VM) and resumed after a takeover is refused
instead of acting twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import Clock
from bot.store.database import Database, dialect_insert
from bot.store.tables import LeaseRow


@dataclass(frozen=True)
class Lease:
    name: str
    holder: str
    fence: int
    expires_at: datetime


class LeaseRepository:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    async def acquire(self, name: str, holder: str, ttl: timedelta) -> Lease | None:
        """Take or renew ``name`` for ``ttl``; None while another holder's lease is live."""
        now = self._clock.now()
        async with self._database.write() as connection:
            await connection.execute(
                dialect_insert(connection, LeaseRow)
                .values(name=name, holder="", fence=0, acquired_at=now, expires_at=now)
                .on_conflict_do_nothing(index_elements=["name"])
            )
            current = (await connection.execute(select(LeaseRow).where(LeaseRow.name == name).with_for_update())).one()
            if current.holder == holder and current.expires_at > now:
                fence = current.fence
            elif current.expires_at <= now:
                fence = current.fence + 1
            else:
                return None
            await connection.execute(
                update(LeaseRow)
                .where(LeaseRow.name == name)
                .values(holder=holder, fence=fence, acquired_at=now, expires_at=now + ttl)
            )
        return Lease(name=name, holder=holder, fence=fence, expires_at=now + ttl)

    async def release(self, lease: Lease) -> bool:
        """Give ``lease`` up early; False when it had already passed to someone else."""
        async with self._database.write() as connection:
            changed = await connection.execute(
                update(LeaseRow)
                .where(LeaseRow.name == lease.name, LeaseRow.holder == lease.holder, LeaseRow.fence == lease.fence)
                .values(expires_at=self._clock.now())
            )
        return changed.rowcount == 1

    async def holds(self, connection: AsyncConnection, lease: Lease) -> bool:
        """Whether ``lease`` is still live with its fence, read (and locked) in the caller's transaction."""
        found = await connection.scalar(
            select(LeaseRow.name)
            .where(
                LeaseRow.name == lease.name,
                LeaseRow.holder == lease.holder,
                LeaseRow.fence == lease.fence,
                LeaseRow.expires_at > self._clock.now(),
            )
            .with_for_update()
        )
        return found is not None
