"""mirrored tickets: the desk's Jira and ServiceNow tickets, moved by those systems' webhooks

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04

Self-contained like 0001: plain SQLAlchemy types, not the application's models.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "mirrored_tickets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("system", sa.String(16), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("requester", sa.String(64), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("event_order", sa.BigInteger(), nullable=False),
        _timestamp("opened_at"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_mirrored_tickets"),
        sa.UniqueConstraint("system", "key", name="uq_mirrored_tickets_system_key"),
    )
    op.create_index("ix_mirrored_tickets_requester", "mirrored_tickets", ["requester"])
    op.create_table(
        "ticket_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("system", sa.String(16), nullable=False),
        sa.Column("delivery", sa.String(200), nullable=False),
        _timestamp("received_at"),
        sa.PrimaryKeyConstraint("id", name="pk_ticket_deliveries"),
        sa.UniqueConstraint("system", "delivery", name="uq_ticket_deliveries_system_delivery"),
    )
    op.create_index("ix_ticket_deliveries_received_at", "ticket_deliveries", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_ticket_deliveries_received_at", table_name="ticket_deliveries")
    op.drop_table("ticket_deliveries")
    op.drop_index("ix_mirrored_tickets_requester", table_name="mirrored_tickets")
    op.drop_table("mirrored_tickets")
