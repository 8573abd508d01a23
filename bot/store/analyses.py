"""Investigations: each analysis kept whole, with its hypotheses and evidence as rows for queries."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import Clock
from bot.engine.model import Analysis
from bot.store.database import Database
from bot.store.tables import EvidenceRow, HypothesisRow, IncidentRow, InvestigationRow


class AnalysisRepository:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    async def save(
        self,
        incident_id: int,
        analysis: Analysis,
        *,
        started_at: datetime | None = None,
        finished_at: datetime | None = None,
    ) -> int:
        """Keep one investigation's result (and its hypotheses and evidence); returns its id."""
        finished_at = finished_at or self._clock.now()
        started_at = started_at or finished_at - timedelta(milliseconds=analysis.elapsed_ms)
        async with self._database.write() as connection:
            found = await connection.scalar(select(IncidentRow.id).where(IncidentRow.id == incident_id))
            if found is None:
                raise LookupError(f"no incident {incident_id}")
            inserted = await connection.execute(
                insert(InvestigationRow).returning(InvestigationRow.id),
                {
                    "incident_id": incident_id,
                    "started_at": started_at,
                    "finished_at": finished_at,
                    "elapsed_ms": analysis.elapsed_ms,
                    "missing_sources": list(analysis.missing_sources),
                    "analysis": analysis.model_dump(mode="json"),
                },
            )
            investigation_id: int = inserted.scalar_one()
            await _insert_hypotheses(connection, incident_id, investigation_id, analysis)
        return investigation_id

    async def latest(self, incident_id: int) -> Analysis | None:
        query = (
            select(InvestigationRow.analysis)
            .where(InvestigationRow.incident_id == incident_id)
            .order_by(InvestigationRow.id.desc())
            .limit(1)
        )
        async with self._database.read() as connection:
            data = await connection.scalar(query)
        return None if data is None else Analysis.model_validate(data)


async def _insert_hypotheses(
    connection: AsyncConnection, incident_id: int, investigation_id: int, analysis: Analysis
) -> None:
    hypotheses: list[dict[str, Any]] = []
    evidence: list[dict[str, Any]] = []
    for rank, hypothesis in enumerate(analysis.hypotheses, start=1):
        dumped = hypothesis.model_dump(mode="json")
        hypotheses.append(
            {
                "incident_id": incident_id,
                "investigation_id": investigation_id,
                "rank": rank,
                "cause": hypothesis.cause,
                "culprit": hypothesis.culprit,
                "confidence": hypothesis.confidence,
                "score": hypothesis.score,
                "summary": hypothesis.summary,
                "started_at": hypothesis.started_at,
                "evidence": dumped["evidence"],
                "next_steps": dumped["next_steps"],
            }
        )
        evidence += [
            {
                "incident_id": incident_id,
                "investigation_id": investigation_id,
                "hypothesis_rank": rank,
                **item.model_dump(include={"kind", "text", "service", "at", "weight", "ref"}),
            }
            for item in hypothesis.evidence
        ]
    if hypotheses:
        await connection.execute(insert(HypothesisRow), hypotheses)
    if evidence:
        await connection.execute(insert(EvidenceRow), evidence)
