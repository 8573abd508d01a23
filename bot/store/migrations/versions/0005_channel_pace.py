"""channel_pace: the next moment each Slack channel may be written to, shared by every process;
slack_posts.posting_since: when an incident's first message was last attempted

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

Self-contained like 0001: plain SQLAlchemy types, not the application's models.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "channel_pace",
        sa.Column("channel", sa.String(length=200), nullable=False),
        sa.Column("next_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("channel", name="pk_channel_pace"),
    )
    with op.batch_alter_table("slack_posts") as batch:
        batch.add_column(sa.Column("posting_since", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("slack_posts") as batch:
        batch.drop_column("posting_since")
    op.drop_table("channel_pace")
