"""postmortems: the draft written when an incident resolves

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Self-contained like 0001: plain SQLAlchemy types, not the application's models.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "postmortems",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("markdown", sa.Text(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name="fk_postmortems_incident_id_incidents"),
        sa.PrimaryKeyConstraint("incident_id", name="pk_postmortems"),
    )


def downgrade() -> None:
    op.drop_table("postmortems")
