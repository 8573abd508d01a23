"""cause feedback: the append-only ledger behind the per-cause weights

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Self-contained like 0001: plain SQLAlchemy types, not the application's models.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cause_feedback",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("cause", sa.String(length=32), nullable=False),
        sa.Column("sign", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdraws", sa.Integer(), nullable=True),
        sa.Column("vote_key", sa.String(length=100), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name="fk_cause_feedback_incident_id_incidents"),
        sa.ForeignKeyConstraint(
            ["withdraws"], ["cause_feedback.id"], name="fk_cause_feedback_withdraws_cause_feedback"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_cause_feedback"),
    )
    op.create_index("ix_cause_feedback_incident_id", "cause_feedback", ["incident_id"])
    op.create_index("ix_cause_feedback_withdraws", "cause_feedback", ["withdraws"])


def downgrade() -> None:
    op.drop_index("ix_cause_feedback_withdraws", table_name="cause_feedback")
    op.drop_index("ix_cause_feedback_incident_id", table_name="cause_feedback")
    op.drop_table("cause_feedback")
