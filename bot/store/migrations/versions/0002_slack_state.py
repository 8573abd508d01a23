"""slack state: the incident post and roles, hypothesis feedback, processed deliveries

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Self-contained like 0001: plain SQLAlchemy types, not the application's models.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "slack_posts",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(200), nullable=True),
        sa.Column("ts", sa.String(64), nullable=True),
        sa.Column("alerts_posted", sa.Integer(), nullable=False),
        sa.Column("incident_channel", sa.String(200), nullable=True),
        sa.Column("acknowledged_by", sa.String(64), nullable=True),
        _timestamp("acknowledged_at", nullable=True),
        sa.Column("commander", sa.String(64), nullable=True),
        _timestamp("commander_at", nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        _timestamp("updated_at"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name="fk_slack_posts_incident_id_incidents"),
        sa.PrimaryKeyConstraint("incident_id", name="pk_slack_posts"),
    )
    op.create_table(
        "hypothesis_feedback",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("hypothesis_rank", sa.Integer(), nullable=False),
        sa.Column("cause", sa.String(32), nullable=False),
        sa.Column("culprit", sa.String(200), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("vote", sa.String(8), nullable=False),
        _timestamp("at"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name="fk_hypothesis_feedback_incident_id_incidents"),
        sa.PrimaryKeyConstraint("id", name="pk_hypothesis_feedback"),
        sa.UniqueConstraint(
            "incident_id", "hypothesis_rank", "user_id", name="uq_hypothesis_feedback_incident_id_rank_user"
        ),
    )
    op.create_index("ix_hypothesis_feedback_incident_id", "hypothesis_feedback", ["incident_id"])
    op.create_table(
        "slack_deliveries",
        sa.Column("key", sa.String(300), nullable=False),
        _timestamp("received_at"),
        sa.PrimaryKeyConstraint("key", name="pk_slack_deliveries"),
    )


def downgrade() -> None:
    for table in ("slack_deliveries", "hypothesis_feedback", "slack_posts"):
        op.drop_table(table)
