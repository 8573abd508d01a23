"""access requests, their approvals and time-bound grants

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

Self-contained like 0001: plain SQLAlchemy types, not the application's models.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _json(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "access_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("submission", sa.String(200), nullable=False),
        sa.Column("resource", sa.String(64), nullable=False),
        sa.Column("sensitivity", sa.String(16), nullable=False),
        sa.Column("executor", sa.String(64), nullable=False),
        sa.Column("requester", sa.String(64), nullable=False),
        sa.Column("requester_email", sa.String(320), nullable=True),
        sa.Column("duration_seconds", sa.Integer(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("approvals_needed", sa.Integer(), nullable=False),
        _json("approvals"),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("shadow", sa.Boolean(), nullable=False),
        sa.Column("policy_version", sa.String(40), nullable=False),
        _timestamp("requested_at"),
        _timestamp("approval_expires_at", nullable=True),
        _timestamp("granted_at", nullable=True),
        _timestamp("expires_at", nullable=True),
        _timestamp("revoked_at", nullable=True),
        sa.Column("revoked_by", sa.String(64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("reference", sa.Text(), nullable=True),
        _json("messages"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_access_requests"),
        sa.UniqueConstraint("digest", name="uq_access_requests_digest"),
    )
    op.create_index("ix_access_requests_resource", "access_requests", ["resource"])
    op.create_index("ix_access_requests_requester", "access_requests", ["requester"])


def downgrade() -> None:
    op.drop_index("ix_access_requests_requester", table_name="access_requests")
    op.drop_index("ix_access_requests_resource", table_name="access_requests")
    op.drop_table("access_requests")
