"""Drafts under review: each build keeps the text of every figure it states, and reviews of builds are recorded.

- ``build.stated``: the figures the document states, by bookmark, as printed
  (``{}`` for builds recorded before: their changes are read from their
  documents);
- ``review``: a build marked reviewed, returned with a note, or approved, by
  whom and when.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table("build") as batch:
        batch.add_column(sa.Column("stated", sa.Text, nullable=False, server_default="{}"))
    op.create_table(
        "review",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("build_id", sa.Integer, sa.ForeignKey("build.id", name=op.f("fk_review_build_id")),
                  nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True) if postgres else sa.String(32), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.CheckConstraint("action IN ('reviewed', 'returned', 'approved')", name=op.f("ck_review_action")),
    )
    op.create_index(op.f("ix_review_build_id"), "review", ["build_id"])


def downgrade() -> None:
    raise NotImplementedError("a store is never downgraded: restore the backup taken before upgrading")
