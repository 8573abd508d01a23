"""alert inbox: webhooks acknowledged before they are grouped

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

Self-contained like 0001: plain SQLAlchemy types, not the application's models.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alert_inbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("alerts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_alert_inbox"),
    )


def downgrade() -> None:
    op.drop_table("alert_inbox")
