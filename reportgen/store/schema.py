"""The store's tables and its schema version.

Nothing is ever updated in place: a new figure for an indicator, month and
basis is a new ``observation`` row that points at the row it replaced, so the
whole history stays readable.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    select,
)

from ..errors import StoreError
from ..messages import STORE_TOO_NEW

SCHEMA_VERSION = 1


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal kept as its exact text, so no float ever touches a figure."""

    impl = String(64)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Any) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

submission = Table(
    "submission",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("file_hash", String(64), nullable=False, index=True),
    Column("department", String(32), nullable=False),
    Column("period", String(7), nullable=False),
    Column("form_version", String(32), nullable=False),
    Column("catalog_version", String(32), nullable=False),
    Column("received_at", String(32), nullable=False),
    Column("preparer", Text, nullable=False, default=""),
    Column("phone", Text, nullable=False, default=""),
    Column("prepared_on", Text, nullable=False, default=""),
)

observation = Table(
    "observation",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("submission_id", Integer, ForeignKey("submission.id"), nullable=False),
    Column("indicator", String(64), nullable=False),
    Column("period", String(7), nullable=False),
    Column("basis", String(8), nullable=False),  # "month" | "ytd"
    Column("status", String(8), nullable=False),  # "estimate" | "final"
    Column("value", DecimalText, nullable=False),
    Column("replaces_id", Integer, ForeignKey("observation.id"), nullable=True),
    Column("replaced_value", DecimalText, nullable=True),
    Column("cell", String(16), nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
    Index("ix_observation_key", "indicator", "period", "basis"),
)

narrative = Table(
    "narrative",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("submission_id", Integer, ForeignKey("submission.id"), nullable=False),
    Column("department", String(32), nullable=False),
    Column("period", String(7), nullable=False),
    Column("section", String(64), nullable=False),
    Column("kind", String(16), nullable=False),  # paragraph | task | footnote
    Column("seq", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

intake = Table(
    "intake",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("file_hash", String(64), nullable=False),
    Column("department", String(32), nullable=False, default=""),
    Column("period", String(7), nullable=False, default=""),
    Column("status", String(16), nullable=False),  # accepted | rejected | duplicate
    Column("errors", Integer, nullable=False, default=0),
    Column("warnings", Integer, nullable=False, default=0),
    Column("received_at", String(32), nullable=False),
    Column("actor", Text, nullable=False, default=""),
    Column("submission_id", Integer, ForeignKey("submission.id"), nullable=True),
)

period_lock = Table(
    "period_lock",
    metadata,
    Column("period", String(7), primary_key=True),
    Column("locked_at", String(32), nullable=False),
    Column("locked_by", Text, nullable=False),
)

lock_event = Table(
    "lock_event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("period", String(7), nullable=False),
    Column("action", String(16), nullable=False),  # lock | unlock | forced
    Column("at", String(32), nullable=False),
    Column("actor", Text, nullable=False),
    Column("note", Text, nullable=False, default=""),
)

# version -> statements that bring a store from that version to the next
MIGRATIONS: dict[int, list[str]] = {}


def ensure_schema(conn: Connection) -> None:
    """Create the tables of a new store, or bring an older one up to :data:`SCHEMA_VERSION`."""
    metadata.create_all(conn)
    row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    if row is None:
        conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
        return
    version = int(row.value)
    if version > SCHEMA_VERSION:
        raise StoreError(STORE_TOO_NEW.format(version=version, supported=SCHEMA_VERSION))
    while version < SCHEMA_VERSION:
        for statement in MIGRATIONS[version]:
            conn.exec_driver_sql(statement)
        version += 1
    conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(version)))


def schema_version(conn: Connection) -> int:
    return int(conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar_one())
