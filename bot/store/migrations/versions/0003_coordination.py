"""coordination: work claims, durable timers and leases with fencing tokens

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

``slack_deliveries`` becomes the general ``claims`` table (its keys are copied over, so a
Slack retry that arrives during the upgrade is still recognised).
Self-contained like 0001: plain SQLAlchemy types, not the application's models.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("key", sa.String(300), nullable=False),
        _timestamp("claimed_at"),
        sa.PrimaryKeyConstraint("key", name="pk_claims"),
    )
    op.execute("INSERT INTO claims (key, claimed_at) SELECT key, received_at FROM slack_deliveries")
    op.drop_table("slack_deliveries")
    op.create_table(
        "timers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        _timestamp("due_at"),
        sa.Column("payload", _json(), nullable=False),
        sa.Column("holder", sa.String(200), nullable=True),
        sa.Column("fence", sa.Integer(), nullable=False),
        _timestamp("lease_until", nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _timestamp("created_at"),
        _timestamp("finished_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_timers"),
    )
    op.create_index(
        "uq_timers_pending_kind_key",
        "timers",
        ["kind", "key"],
        unique=True,
        sqlite_where=sa.text("state = 'pending'"),
        postgresql_where=sa.text("state = 'pending'"),
    )
    op.create_index("ix_timers_state_due_at", "timers", ["state", "due_at"])
    op.create_table(
        "leases",
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("fence", sa.Integer(), nullable=False),
        _timestamp("acquired_at"),
        _timestamp("expires_at"),
        sa.PrimaryKeyConstraint("name", name="pk_leases"),
    )


def downgrade() -> None:
    op.drop_table("leases")
    op.drop_table("timers")
    op.create_table(
        "slack_deliveries",
        sa.Column("key", sa.String(300), nullable=False),
        _timestamp("received_at"),
        sa.PrimaryKeyConstraint("key", name="pk_slack_deliveries"),
    )
    op.execute("INSERT INTO slack_deliveries (key, received_at) SELECT key, claimed_at FROM claims")
    op.drop_table("claims")
