"""Durable timers: work due at a time, kept in the database, run once by whichever process claims it.

What a timer is for is named by its ``kind`` and ``key`` ("investigate", "42"): asking for the
same kind and key while a timer is still pending coalesces into that timer (the earlier due time
wins), which is how a burst of alerts becomes one investigation. A claimed timer is *running*
under a lease: no other timer of its kind and key is claimed until it completes or its lease
expires, so work on one key never overlaps across processes. Every claim increments the timer's
``fence``; extending, completing or retrying a timer checks it, so a holder that stalled past
its lease and was replaced cannot close or extend its successor's run. Side effects that must
not happen twice are fenced with a lease (:mod:`bot.store.leases`) in their own transaction.

A running timer whose lease expired (its process died) is claimed again, unless a newer request
for the same kind and key is already pending: that one subsumes it, and the stale one is closed.
Claims are serialised (SQLite's write lock, a transaction-level advisory lock on PostgreSQL);
they are a few statements each, so this costs nothing measurable.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import Clock
from bot.store.database import Database, dialect_insert
from bot.store.engine import take_advisory_lock
from bot.store.tables import TimerRow

#: pg_advisory_xact_lock key that serialises timer claims across processes ("opsdesk3").
CLAIM_LOCK_KEY = 0x6F70_7364_6573_6B33
#: The pending-only unique index, as ON CONFLICT's arbiter. Spelled as SQL text, not as a bound
#: comparison: PostgreSQL cannot match a partial index whose predicate is a parameter once it plans
#: the prepared statement generically (after five executions on one connection).
PENDING_ONLY = text("state = 'pending'")
#: How many candidates one claim looks at; the due ones beyond it wait for the next claim.
CLAIM_SCAN_LIMIT = 200


@dataclass(frozen=True)
class Timer:
    id: int
    kind: str
    key: str
    due_at: datetime
    fence: int
    attempts: int
    holder: str | None = None
    payload: Mapping[str, Any] = field(default_factory=dict)


class TimerRepository:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    async def schedule(
        self,
        kind: str,
        key: str,
        due_at: datetime,
        payload: Mapping[str, Any] | None = None,
        *,
        connection: AsyncConnection | None = None,
    ) -> None:
        """Ask for ``kind``/``key`` to run at ``due_at``; coalesces with a pending request.

        Pass ``connection`` to schedule inside the caller's transaction (the work is then
        committed with, and only with, the change that asked for it).
        """
        if connection is not None:
            # A claim locks the timers it takes in its own order; a transaction scheduling several
            # (an inbox drain asking for many investigations) would lock them in another, and the
            # two could wait on each other until PostgreSQL aborted one. Behind the claim lock,
            # a claim waits for such a transaction to commit, never halfway.
            await take_advisory_lock(connection, CLAIM_LOCK_KEY)
            await self._schedule(connection, kind, key, due_at, payload)
            return
        async with self._database.write(CLAIM_LOCK_KEY) as own:
            await self._schedule(own, kind, key, due_at, payload)

    async def _schedule(
        self,
        connection: AsyncConnection,
        kind: str,
        key: str,
        due_at: datetime,
        payload: Mapping[str, Any] | None,
    ) -> None:
        statement = dialect_insert(connection, TimerRow).values(
            kind=kind,
            key=key,
            state="pending",
            due_at=due_at,
            payload=dict(payload or {}),
            holder=None,
            fence=0,
            lease_until=None,
            attempts=0,
            created_at=self._clock.now(),
            finished_at=None,
        )
        earlier = case((statement.excluded.due_at < TimerRow.due_at, statement.excluded.due_at), else_=TimerRow.due_at)
        await connection.execute(
            statement.on_conflict_do_update(
                index_elements=["kind", "key"],
                index_where=PENDING_ONLY,
                set_={"due_at": earlier},
            )
        )

    async def claim_due(self, holder: str, kinds: Collection[str], *, lease: timedelta, limit: int = 10) -> list[Timer]:
        """Claim up to ``limit`` due timers of ``kinds`` for ``holder``, at most one per kind and key."""
        now = self._clock.now()
        claimable = (TimerRow.state == "pending") & (TimerRow.due_at <= now)
        abandoned = (TimerRow.state == "running") & (TimerRow.lease_until < now)
        candidates = (
            select(TimerRow)
            .where(TimerRow.kind.in_(list(kinds)), claimable | abandoned)
            .order_by(TimerRow.due_at, TimerRow.id)
            .limit(CLAIM_SCAN_LIMIT)
        )
        async with self._database.write(CLAIM_LOCK_KEY) as connection:
            rows: list[dict[str, Any]] = [dict(row) for row in (await connection.execute(candidates)).mappings()]
            if not rows:
                return []
            busy = await _keys_running(connection, {(r["kind"], r["key"]) for r in rows}, now)
            pending_keys = {(r["kind"], r["key"]) for r in rows if r["state"] == "pending"}
            chosen: list[dict[str, Any]] = []
            superseded: list[int] = []
            for row in rows:
                identity = (row["kind"], row["key"])
                if row["state"] == "running" and identity in pending_keys:
                    superseded.append(row["id"])
                elif identity not in busy and len(chosen) < limit:
                    busy.add(identity)
                    chosen.append(row)
            if superseded:
                await connection.execute(
                    update(TimerRow).where(TimerRow.id.in_(superseded)).values(state="done", finished_at=now)
                )
            claimed = []
            for picked in chosen:
                fence = picked["fence"] + 1
                await connection.execute(
                    update(TimerRow)
                    .where(TimerRow.id == picked["id"])
                    .values(
                        state="running",
                        holder=holder,
                        fence=fence,
                        lease_until=now + lease,
                        attempts=picked["attempts"] + 1,
                    )
                )
                claimed.append(_timer(picked, holder=holder, fence=fence, attempts=picked["attempts"] + 1))
        return claimed

    async def extend(self, timer: Timer, lease: timedelta) -> bool:
        """Keep holding ``timer`` for ``lease`` more; False when it was taken over meanwhile."""
        async with self._database.write() as connection:
            changed = await connection.execute(
                _held(update(TimerRow), timer).values(lease_until=self._clock.now() + lease)
            )
        return changed.rowcount == 1

    async def complete(self, timer: Timer) -> bool:
        """Close ``timer`` as done; False when it was taken over meanwhile (its work may run again)."""
        async with self._database.write() as connection:
            changed = await connection.execute(
                _held(update(TimerRow), timer).values(state="done", finished_at=self._clock.now())
            )
        return changed.rowcount == 1

    async def retry(self, timer: Timer, at: datetime) -> bool:
        """Put a failed ``timer`` back for another attempt at ``at`` (or let a pending request subsume it)."""
        async with self._database.write(CLAIM_LOCK_KEY) as connection:
            newer = await connection.scalar(
                select(func.count()).where(
                    TimerRow.kind == timer.kind, TimerRow.key == timer.key, TimerRow.state == "pending"
                )
            )
            values: dict[str, Any] = (
                {"state": "done", "finished_at": self._clock.now()}
                if newer
                else {"state": "pending", "due_at": at, "holder": None, "lease_until": None}
            )
            changed = await connection.execute(_held(update(TimerRow), timer).values(**values))
        return changed.rowcount == 1

    async def next_wake(self, kinds: Collection[str]) -> datetime | None:
        """The earliest moment a timer of ``kinds`` becomes claimable: due, or its lease lapsed."""
        due = select(func.min(TimerRow.due_at)).where(TimerRow.kind.in_(list(kinds)), TimerRow.state == "pending")
        lapse = select(func.min(TimerRow.lease_until)).where(
            TimerRow.kind.in_(list(kinds)), TimerRow.state == "running"
        )
        async with self._database.read() as connection:
            moments = [await connection.scalar(due), await connection.scalar(lapse)]
        known = [m for m in moments if m is not None]
        return min(known) if known else None

    async def forget_done_before(self, cutoff: datetime) -> int:
        async with self._database.write() as connection:
            result = await connection.execute(
                delete(TimerRow).where(TimerRow.state == "done", TimerRow.finished_at < cutoff)
            )
        return int(result.rowcount or 0)

    async def counts(self) -> dict[tuple[str, str], int]:
        """How many timers are pending or running, by kind and state (queue depths for /metrics)."""
        query = (
            select(TimerRow.kind, TimerRow.state, func.count())
            .where(TimerRow.state != "done")
            .group_by(TimerRow.kind, TimerRow.state)
        )
        async with self._database.read() as connection:
            rows = (await connection.execute(query)).all()
        return {(kind, state): int(count) for kind, state, count in rows}

    async def list(self, kind: str | None = None, state: str | None = None) -> list[Timer]:
        """Timers, oldest first (for tests, probes and tools)."""
        query = select(TimerRow).order_by(TimerRow.id)
        if kind is not None:
            query = query.where(TimerRow.kind == kind)
        if state is not None:
            query = query.where(TimerRow.state == state)
        async with self._database.read() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [_timer(dict(row)) for row in rows]


def _held(statement: Any, timer: Timer) -> Any:
    return statement.where(TimerRow.id == timer.id, TimerRow.fence == timer.fence, TimerRow.state == "running")


async def _keys_running(connection: AsyncConnection, keys: set[tuple[str, str]], now: datetime) -> set[tuple[str, str]]:
    kinds = {kind for kind, _ in keys}
    rows = await connection.execute(
        select(TimerRow.kind, TimerRow.key).where(
            TimerRow.kind.in_(kinds),
            TimerRow.key.in_({key for _, key in keys}),
            TimerRow.state == "running",
            TimerRow.lease_until >= now,
        )
    )
    return {(kind, key) for kind, key in rows.all()} & keys


def _timer(row: Mapping[str, Any], **overrides: Any) -> Timer:
    fields = {name: row[name] for name in ("id", "kind", "key", "due_at", "fence", "attempts", "holder", "payload")}
    return Timer(**{**fields, **overrides})
