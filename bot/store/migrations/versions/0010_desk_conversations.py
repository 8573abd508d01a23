"""desk conversations: from first message to resolved or escalated

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

Self-contained like 0001: plain SQLAlchemy types, not the application's models.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _json(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "desk_conversations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("thread_ts", sa.String(32), nullable=False),
        sa.Column("requester", sa.String(64), nullable=False),
        sa.Column("requester_email", sa.String(320), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("intent", sa.String(32), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("clarifications", sa.Integer(), nullable=False),
        _json("turns"),
        _json("articles_tried"),
        sa.Column("ticket_key", sa.String(64), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _timestamp("opened_at"),
        _timestamp("updated_at"),
        _timestamp("ended_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_desk_conversations"),
        sa.UniqueConstraint("channel", "thread_ts", name="uq_desk_conversations_channel_thread"),
    )
    op.create_index("ix_desk_conversations_requester", "desk_conversations", ["requester"])
    op.create_index("ix_desk_conversations_ended_at", "desk_conversations", ["ended_at"])


def downgrade() -> None:
    op.drop_index("ix_desk_conversations_ended_at", table_name="desk_conversations")
    op.drop_index("ix_desk_conversations_requester", table_name="desk_conversations")
    op.drop_table("desk_conversations")
