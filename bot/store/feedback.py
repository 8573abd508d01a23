"""Feedback on hypotheses, and the ledger of verdicts it leaves.

Two record families, written together:

* ``hypothesis_feedback``: one person's 👍/👎 on one hypothesis of an incident; a later vote
  replaces it (the post shows the current tally);
* ``cause_feedback``: the append-only ledger behind the per-cause weights
  (:mod:`bot.engine.feedback`). A vote appends a verdict, a changed vote appends the withdrawal
  of the old one and the new verdict, a resolution with a recorded cause appends its verdicts,
  and ``opsdesk feedback withdraw`` appends withdrawals. Nothing is edited or deleted, so the
  ledger says who moved which weight, when, and what undid it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.engine.feedback import CauseWeights, Verdict, cause_weights, resolution_verdicts
from bot.remediation.audit import AuditEntry
from bot.store.audit import AuditRepository
from bot.store.database import Database
from bot.store.tables import CauseFeedbackRow, FeedbackRow

Vote = Literal["up", "down"]
LedgerSource = Literal["vote", "resolution", "withdrawal"]


@dataclass(frozen=True)
class LedgerEntry:
    id: int
    incident_id: int | None
    cause: str
    sign: int
    source: LedgerSource
    actor: str
    at: datetime
    withdraws: int | None
    reason: str | None
    vote_key: str | None = None
    withdrawn_by: int | None = None

    @property
    def standing(self) -> bool:
        """A verdict that no later entry withdrew."""
        return self.source != "withdrawal" and self.withdrawn_by is None


class FeedbackRepository:
    def __init__(self, database: Database, audit: AuditRepository) -> None:
        self._database = database
        self._audit = audit

    async def record(
        self, incident_id: int, rank: int, cause: str, culprit: str, user_id: str, vote: Vote, at: datetime
    ) -> None:
        """Keep ``user_id``'s vote on hypothesis ``rank`` (1-based), replacing an earlier one.

        The ledger gets the vote's verdict in the same transaction (and the withdrawal of the
        verdict it replaces); voting the same way twice changes nothing.
        """
        vote_key = f"{rank}:{user_id}"[:100]
        async with self._database.write() as connection:
            earlier = await _standing(connection, incident_id=incident_id, vote_key=vote_key)
            sign = 1 if vote == "up" else -1
            if any(entry.sign == sign and entry.cause == cause for entry in earlier):
                return
            for entry in earlier:
                await self._withdraw(connection, entry, user_id, at, "vote changed")
            await self._append(connection, incident_id, cause, sign, "vote", user_id, at, vote_key=vote_key)
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

    async def record_resolution(
        self, incident_id: int, cause: str, ranked_first: str | None, actor: str, at: datetime
    ) -> None:
        """The cause people recorded at resolution proved right; a different first guess wrong.

        Resolving again with another cause withdraws the earlier resolution's verdicts first.
        """
        async with self._database.write() as connection:
            for entry in await _standing(connection, incident_id=incident_id, source="resolution"):
                await self._withdraw(connection, entry, actor, at, "resolution cause changed")
            for verdict_cause, sign in resolution_verdicts(cause, ranked_first):
                await self._append(connection, incident_id, verdict_cause, sign, "resolution", actor, at)

    async def withdraw(
        self, entry_ids: Sequence[int] | None, actor: str, at: datetime, reason: str
    ) -> tuple[list[int], list[int]]:
        """Withdraw the standing verdicts ``entry_ids`` (all of them when ``None``).

        Returns the ids withdrawn and the ids that name no standing verdict; when any does,
        nothing is withdrawn.
        """
        async with self._database.write() as connection:
            standing = {entry.id: entry for entry in await _standing(connection)}
            wanted = sorted(standing) if entry_ids is None else sorted(set(entry_ids))
            unknown = [entry_id for entry_id in wanted if entry_id not in standing]
            if unknown:
                return [], unknown
            for entry_id in wanted:
                await self._withdraw(connection, standing[entry_id], actor, at, reason)
        return wanted, []

    async def _append(
        self,
        connection: AsyncConnection,
        incident_id: int | None,
        cause: str,
        sign: int,
        source: LedgerSource,
        actor: str,
        at: datetime,
        *,
        withdraws: int | None = None,
        vote_key: str | None = None,
        reason: str | None = None,
    ) -> None:
        """One ledger entry, and its record in the audit log, in ``connection``'s transaction."""
        await connection.execute(
            insert(CauseFeedbackRow),
            {
                "incident_id": incident_id,
                "cause": cause,
                "sign": sign,
                "source": source,
                "actor": actor[:200],
                "at": at,
                "withdraws": withdraws,
                "vote_key": vote_key,
                "reason": reason,
            },
        )
        said = f"withdrew verdict {withdraws}" if withdraws is not None else f"{'+' if sign > 0 else '-'}{cause}"
        entry = AuditEntry(
            kind="feedback",
            incident=incident_id,
            trigger=source,
            actor=actor[:200],
            target=cause,
            reasons=(reason,) if reason else (),
            outcome=said,
        )
        await self._audit.append(entry, connection=connection, at=at)

    async def _withdraw(
        self, connection: AsyncConnection, entry: LedgerEntry, actor: str, at: datetime, reason: str
    ) -> None:
        await self._append(
            connection, entry.incident_id, entry.cause, 0, "withdrawal", actor, at, withdraws=entry.id, reason=reason
        )

    async def ledger(self) -> list[LedgerEntry]:
        """Every entry, oldest first, each verdict marked with the entry that withdrew it."""
        async with self._database.read() as connection:
            return await _entries(connection)

    async def weights(self) -> CauseWeights:
        """The per-cause weights the standing verdicts call for."""
        async with self._database.read() as connection:
            standing = await _standing(connection)
        return cause_weights(_verdict(e) for e in standing if e.incident_id is not None and e.sign != 0)


async def _entries(connection: AsyncConnection) -> list[LedgerEntry]:
    rows = (await connection.execute(select(CauseFeedbackRow).order_by(CauseFeedbackRow.id))).all()
    withdrawn_by = {row.withdraws: row.id for row in rows if row.withdraws is not None}
    return [
        LedgerEntry(
            id=row.id,
            incident_id=row.incident_id,
            cause=row.cause,
            sign=row.sign,
            source=row.source,
            actor=row.actor,
            at=row.at,
            withdraws=row.withdraws,
            reason=row.reason,
            vote_key=row.vote_key,
            withdrawn_by=withdrawn_by.get(row.id),
        )
        for row in rows
    ]


async def _standing(
    connection: AsyncConnection,
    *,
    incident_id: int | None = None,
    vote_key: str | None = None,
    source: LedgerSource | None = None,
) -> list[LedgerEntry]:
    # the ledger grows by a few rows per incident: reading it whole keeps "standing" in one place
    return [
        entry
        for entry in await _entries(connection)
        if entry.standing
        and (incident_id is None or entry.incident_id == incident_id)
        and (vote_key is None or entry.vote_key == vote_key)
        and (source is None or entry.source == source)
    ]


def _verdict(entry: LedgerEntry) -> Verdict:
    assert entry.incident_id is not None
    return Verdict(
        entry.incident_id,
        entry.cause,
        1 if entry.sign > 0 else -1,
        "resolution" if entry.source == "resolution" else "vote",
    )
