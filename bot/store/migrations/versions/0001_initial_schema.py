"""initial schema: incidents, alerts, investigations, hypotheses, evidence, changes

Revision ID: 0001
Revises:
Create Date: 2026-11-21

Self-contained on purpose: a revision must keep describing the schema as it was
when written, so it uses plain SQLAlchemy types, not the application's models.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _timestamp(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _id() -> sa.Column[object]:
    return sa.Column("id", sa.Integer(), autoincrement=True, nullable=False)


def _incident_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name=f"fk_{table}_incident_id_incidents")


def upgrade() -> None:
    op.create_table(
        "incidents",
        _id(),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("services", _json(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(32), nullable=False),
        _timestamp("opened_at"),
        _timestamp("last_alert_at"),
        _timestamp("resolved_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
    )
    op.create_index("ix_incidents_status_last_alert_at", "incidents", ["status", "last_alert_at"])

    op.create_table(
        "alerts",
        _id(),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("alertname", sa.String(200), nullable=False),
        sa.Column("service", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(32), nullable=False),
        _timestamp("starts_at"),
        _timestamp("ends_at", nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("labels", _json(), nullable=False),
        sa.Column("annotations", _json(), nullable=False),
        sa.Column("generator_url", sa.Text(), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        _timestamp("first_received_at"),
        _timestamp("last_received_at"),
        sa.Column("notifications", sa.Integer(), nullable=False),
        _incident_fk("alerts"),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.UniqueConstraint("fingerprint", name="uq_alerts_fingerprint"),
    )
    op.create_index("ix_alerts_incident_id", "alerts", ["incident_id"])

    op.create_table(
        "investigations",
        _id(),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        _timestamp("started_at"),
        _timestamp("finished_at"),
        sa.Column("elapsed_ms", sa.Float(), nullable=False),
        sa.Column("missing_sources", _json(), nullable=False),
        sa.Column("analysis", _json(), nullable=False),
        _incident_fk("investigations"),
        sa.PrimaryKeyConstraint("id", name="pk_investigations"),
    )
    op.create_index("ix_investigations_incident_id", "investigations", ["incident_id"])

    op.create_table(
        "hypotheses",
        _id(),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("investigation_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("cause", sa.String(32), nullable=False),
        sa.Column("culprit", sa.String(200), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        _timestamp("started_at", nullable=True),
        sa.Column("evidence", _json(), nullable=False),
        sa.Column("next_steps", _json(), nullable=False),
        _incident_fk("hypotheses"),
        sa.ForeignKeyConstraint(
            ["investigation_id"],
            ["investigations.id"],
            name="fk_hypotheses_investigation_id_investigations",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_hypotheses"),
    )
    op.create_index("ix_hypotheses_incident_id", "hypotheses", ["incident_id"])
    op.create_index("ix_hypotheses_investigation_id", "hypotheses", ["investigation_id"])

    op.create_table(
        "evidence",
        _id(),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("investigation_id", sa.Integer(), nullable=False),
        sa.Column("hypothesis_rank", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("service", sa.String(200), nullable=True),
        _timestamp("at", nullable=True),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("ref", sa.Text(), nullable=True),
        _incident_fk("evidence"),
        sa.ForeignKeyConstraint(
            ["investigation_id"],
            ["investigations.id"],
            name="fk_evidence_investigation_id_investigations",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_evidence"),
    )
    op.create_index("ix_evidence_incident_id", "evidence", ["incident_id"])
    op.create_index("ix_evidence_investigation_id", "evidence", ["investigation_id"])

    op.create_table(
        "changes",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("service", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("version", sa.Text(), nullable=True),
        sa.Column("previous_version", sa.Text(), nullable=True),
        _timestamp("started_at"),
        _timestamp("finished_at", nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        _timestamp("received_at"),
        sa.PrimaryKeyConstraint("id", name="pk_changes"),
    )
    op.create_index("ix_changes_service_started_at", "changes", ["service", "started_at"])


def downgrade() -> None:
    for table in ("changes", "evidence", "hypotheses", "investigations", "alerts", "incidents"):
        op.drop_table(table)
