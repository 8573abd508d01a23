"""Incidents: read for investigations and people, declared by hand, resolved by hand."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, insert, select, update

from bot.store.database import Database
from bot.store.records import IncidentDetail, IncidentScope, IncidentStatus, IncidentSummary, StoredAlert, alertnames
from bot.store.tables import AlertRow, IncidentRow


class IncidentRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def get(self, incident_id: int) -> IncidentDetail | None:
        """The incident with all its alerts."""
        async with self._database.read() as connection:
            incident = (await connection.execute(select(IncidentRow).where(IncidentRow.id == incident_id))).first()
            if incident is None:
                return None
            alerts = await connection.execute(
                select(AlertRow).where(AlertRow.incident_id == incident_id).order_by(AlertRow.starts_at, AlertRow.id)
            )
            stored = tuple(_stored_alert(row) for row in alerts.mappings())
        return IncidentDetail(**_incident_fields(incident), alerts=stored)

    async def scope(self, incident_id: int) -> IncidentScope | None:
        """The incident and its alert names, without loading its alerts (for investigations)."""
        names = select(AlertRow.alertname, AlertRow.status).where(AlertRow.incident_id == incident_id)
        async with self._database.read() as connection:
            incident = (await connection.execute(select(IncidentRow).where(IncidentRow.id == incident_id))).first()
            if incident is None:
                return None
            pairs = (await connection.execute(names.distinct())).all()
        return IncidentScope(**_incident_fields(incident), alertnames=alertnames((n, st) for n, st in pairs))

    async def list(self, status: IncidentStatus | None = None, *, limit: int = 100) -> list[IncidentSummary]:
        """Incidents, most recently active first."""
        query = select(IncidentRow).order_by(IncidentRow.last_alert_at.desc(), IncidentRow.id.desc())
        if status is not None:
            query = query.where(IncidentRow.status == status)
        async with self._database.read() as connection:
            rows = (await connection.execute(query.limit(limit))).all()
        return [IncidentSummary(**_incident_fields(row)) for row in rows]

    async def declare(self, title: str, severity: str, services: tuple[str, ...], at: datetime) -> int:
        """An incident a person declared (``/incident declare``): no alert, so no grouping."""
        async with self._database.write() as connection:
            inserted = await connection.execute(
                insert(IncidentRow).returning(IncidentRow.id),
                {
                    "title": title,
                    "services": list(services),
                    "status": "open",
                    "severity": severity,
                    "opened_at": at,
                    "last_alert_at": at,
                    "resolved_at": None,
                },
            )
            return int(inserted.scalar_one())

    async def resolve(self, incident_id: int, at: datetime) -> IncidentSummary | None:
        """Mark an open incident resolved; ``None`` if it does not exist or was not open."""
        async with self._database.write() as connection:
            changed = await connection.execute(
                update(IncidentRow)
                .where(IncidentRow.id == incident_id, IncidentRow.status == "open")
                .values(status="resolved", resolved_at=at)
            )
            if changed.rowcount != 1:
                return None
            row = (await connection.execute(select(IncidentRow).where(IncidentRow.id == incident_id))).one()
        return IncidentSummary(**_incident_fields(row))


def _incident_fields(row: Row[Any]) -> dict[str, Any]:
    fields = dict(row._mapping)
    fields["services"] = tuple(fields["services"])
    return fields


def _stored_alert(row: Any) -> StoredAlert:
    return StoredAlert.model_validate({k: v for k, v in row.items() if k != "id"})
