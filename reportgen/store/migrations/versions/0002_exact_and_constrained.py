"""Figures exact (NUMERIC on PostgreSQL), times in UTC (timestamptz), constraints and indexes, unique files, builds.

- every stored time is rewritten as UTC (a release-0.1 time without a zone
  was written in UTC); on PostgreSQL the text columns become ``NUMERIC`` and
  ``timestamptz``;
- CHECK constraints on basis, status, narrative kind, intake outcome and lock
  action; an index on every foreign key and on what queries filter by;
- the content hash of an accepted file is unique;
- the ``build`` table records every build with its manifest;
- ``meta`` no longer carries the schema version (Alembic does).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TIMES: dict[str, list[str]] = {"submission": ["received_at"], "intake": ["received_at"], "period_lock": ["locked_at"],
         "lock_event": ["at"]}
FIGURES: dict[str, list[str]] = {"observation": ["value", "replaced_value"]}
CHECKS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "observation": [("basis", ("month", "ytd")), ("status", ("estimate", "final"))],
    "narrative": [("kind", ("paragraph", "task", "footnote"))],
    "intake": [("status", ("accepted", "rejected", "duplicate"))],
    "lock_event": [("action", ("lock", "unlock", "forced"))],
}
INDEXES: dict[str, list[tuple[str, list[str]]]] = {
    "submission": [("ix_submission_period_department", ["period", "department"])],
    "observation": [("ix_observation_submission_id", ["submission_id"]),
                    ("ix_observation_replaces_id", ["replaces_id"]),
                    ("ix_observation_indicator_period_basis", ["indicator", "period", "basis"]),
                    ("ix_observation_period", ["period"])],
    "narrative": [("ix_narrative_submission_id", ["submission_id"]), ("ix_narrative_period", ["period"])],
    "intake": [("ix_intake_file_hash", ["file_hash"]), ("ix_intake_period", ["period"]),
               ("ix_intake_submission_id", ["submission_id"])],
    "lock_event": [("ix_lock_event_period", ["period"])],
}


def _utc_text(text: str) -> str:
    moment = dt.datetime.fromisoformat(text)
    moment = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
    return moment.isoformat(timespec="seconds")


def _rewrite_times_as_utc(bind: sa.Connection) -> None:
    for table, columns in TIMES.items():
        key = "period" if table == "period_lock" else "id"
        for column in columns:
            rows = bind.execute(sa.text(f"SELECT {key}, {column} FROM {table}")).all()
            for row_key, text in rows:
                bind.execute(sa.text(f"UPDATE {table} SET {column} = :value WHERE {key} = :key"),
                             {"value": _utc_text(str(text)), "key": row_key})


def upgrade() -> None:
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    if not postgres:
        _rewrite_times_as_utc(bind)
    op.drop_index("ix_submission_file_hash", "submission")
    op.drop_index("ix_observation_key", "observation")
    for table in ("submission", "observation", "narrative", "intake", "period_lock", "lock_event"):
        with op.batch_alter_table(table) as batch:
            if postgres:
                for column in TIMES.get(table, []):
                    batch.alter_column(column, type_=sa.DateTime(timezone=True),
                                       postgresql_using=f"{column}::timestamptz")
                for column in FIGURES.get(table, []):
                    batch.alter_column(column, type_=sa.Numeric(), postgresql_using=f"{column}::numeric")
            if table == "submission":
                batch.create_unique_constraint(op.f("uq_submission_file_hash"), ["file_hash"])
            for column, values in CHECKS.get(table, []):
                listed = ", ".join(f"'{v}'" for v in values)
                batch.create_check_constraint(op.f(f"ck_{table}_{column}"), f"{column} IN ({listed})")
            for name, columns in INDEXES.get(table, []):
                batch.create_index(op.f(name), columns)
    op.create_table(
        "build",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("built_at", sa.DateTime(timezone=True) if postgres else sa.String(32), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("template_hash", sa.String(64), nullable=False),
        sa.Column("catalog_hash", sa.String(64), nullable=False),
        sa.Column("output_hash", sa.String(64), nullable=False),
        sa.Column("manifest", sa.Text, nullable=False),
    )
    op.create_index(op.f("ix_build_period"), "build", ["period"])
    op.create_index(op.f("ix_build_output_hash"), "build", ["output_hash"])
    op.execute("DELETE FROM meta WHERE key = 'schema_version'")


def downgrade() -> None:
    raise NotImplementedError("a store is never downgraded: restore the backup taken before upgrading")
