"""The portal's people and what they did: accounts with roles, and an audit log.

- ``account``: a user name, a role (clerk, staff, reviewer, admin), a
  clerk's one department, an Argon2 password hash, whether it may log in;
- ``audit_event``: every action a person took (login, upload, lock, build,
  review, account changes), by whom and when.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    moment = sa.DateTime(timezone=True) if postgres else sa.String(32)
    op.create_table(
        "account",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("full_name", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("department", sa.String(32), nullable=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", moment, nullable=False),
        sa.CheckConstraint("role IN ('clerk', 'staff', 'reviewer', 'admin')", name=op.f("ck_account_role")),
        sa.UniqueConstraint("username", name=op.f("uq_account_username")),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", moment, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index(op.f("ix_audit_event_at"), "audit_event", ["at"])
    op.create_index(op.f("ix_audit_event_actor"), "audit_event", ["actor"])


def downgrade() -> None:
    raise NotImplementedError("a store is never downgraded: restore the backup taken before upgrading")
