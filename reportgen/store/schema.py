"""The store's tables: figures as exact decimals, times in UTC, constraints on every coded column.

Nothing is ever updated in place: a new figure for an indicator, month and
basis is a new ``observation`` row; a row that counts when it arrives points
at the row it replaced, so the whole history stays readable.

The same definitions serve SQLite (one file) and PostgreSQL: a figure is
``NUMERIC`` on PostgreSQL and its exact decimal text on SQLite (never a
float); a time is ``timestamptz`` on PostgreSQL and ISO 8601 text in UTC on
SQLite, and always an aware :class:`datetime` in Python. The schema's
versions are Alembic revisions (:mod:`reportgen.store.migrations`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.types import TypeEngine

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}


class ExactDecimal(TypeDecorator[Decimal]):
    """A figure: ``NUMERIC`` on PostgreSQL, its exact decimal text elsewhere; a :class:`Decimal` in Python."""

    impl = String(64)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(asdecimal=True))
        return dialect.type_descriptor(String(64))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return value if dialect.name == "postgresql" else str(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return value if isinstance(value, Decimal) else Decimal(str(value))


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment: ``timestamptz`` on PostgreSQL, ISO 8601 text in UTC elsewhere; an aware datetime in UTC in Python.

    A naive datetime is refused: the store never guesses a time zone.
    """

    impl = String(32)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(DateTime(timezone=True))
        return dialect.type_descriptor(String(32))

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a time without a time zone cannot be stored: {value!r}")
        moment = value.astimezone(dt.UTC)
        return moment if dialect.name == "postgresql" else moment.isoformat(timespec="seconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return as_utc(value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value)))


def as_utc(moment: dt.datetime) -> dt.datetime:
    """An aware datetime in UTC (a naive one, as early stores wrote, is taken as UTC)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=column)


BASES = ("month", "ytd")
STATUSES = ("estimate", "final")
NARRATIVE_KINDS = ("paragraph", "task", "footnote")
OUTCOMES = ("accepted", "rejected", "duplicate")
ACTIONS = ("lock", "unlock", "forced")
REVIEW_ACTIONS = ("reviewed", "returned", "approved")
ROLES = ("clerk", "staff", "reviewer", "admin")

metadata = MetaData(naming_convention=NAMING)

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
    Column("file_hash", String(64), nullable=False, unique=True),
    Column("department", String(32), nullable=False),
    Column("period", String(7), nullable=False),
    Column("form_version", String(32), nullable=False),
    Column("catalog_version", String(32), nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Column("preparer", Text, nullable=False, default=""),
    Column("phone", Text, nullable=False, default=""),
    Column("prepared_on", Text, nullable=False, default=""),
    Index(None, "period", "department"),
)

observation = Table(
    "observation",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("submission_id", Integer, ForeignKey("submission.id"), nullable=False, index=True),
    Column("indicator", String(64), nullable=False),
    Column("period", String(7), nullable=False),
    Column("basis", String(8), nullable=False),
    Column("status", String(8), nullable=False),
    Column("value", ExactDecimal, nullable=False),
    Column("replaces_id", Integer, ForeignKey("observation.id"), nullable=True, index=True),
    Column("replaced_value", ExactDecimal, nullable=True),
    Column("cell", String(16), nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
    Index(None, "indicator", "period", "basis"),
    Index(None, "period"),
    _one_of("basis", BASES),
    _one_of("status", STATUSES),
)

narrative = Table(
    "narrative",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("submission_id", Integer, ForeignKey("submission.id"), nullable=False, index=True),
    Column("department", String(32), nullable=False),
    Column("period", String(7), nullable=False, index=True),
    Column("section", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("text", Text, nullable=False),
    _one_of("kind", NARRATIVE_KINDS),
)

intake = Table(
    "intake",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("file_hash", String(64), nullable=False, index=True),
    Column("department", String(32), nullable=False, default=""),
    Column("period", String(7), nullable=False, default="", index=True),
    Column("status", String(16), nullable=False),
    Column("errors", Integer, nullable=False, default=0),
    Column("warnings", Integer, nullable=False, default=0),
    Column("received_at", UTCDateTime, nullable=False),
    Column("actor", Text, nullable=False, default=""),
    Column("submission_id", Integer, ForeignKey("submission.id"), nullable=True, index=True),
    _one_of("status", OUTCOMES),
)

period_lock = Table(
    "period_lock",
    metadata,
    Column("period", String(7), primary_key=True),
    Column("locked_at", UTCDateTime, nullable=False),
    Column("locked_by", Text, nullable=False),
)

lock_event = Table(
    "lock_event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("period", String(7), nullable=False, index=True),
    Column("action", String(16), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("note", Text, nullable=False, default=""),
    _one_of("action", ACTIONS),
)

build = Table(
    "build",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("built_at", UTCDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("period", String(7), nullable=False, index=True),
    Column("file_name", Text, nullable=False),
    Column("template_hash", String(64), nullable=False),
    Column("catalog_hash", String(64), nullable=False),
    Column("output_hash", String(64), nullable=False, index=True),
    Column("manifest", Text, nullable=False),
    Column("stated", Text, nullable=False, server_default="{}"),  # JSON: each figure's bookmark → its text
)

review = Table(
    "review",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("build_id", Integer, ForeignKey("build.id"), nullable=False, index=True),
    Column("action", String(16), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("note", Text, nullable=False, default=""),
    _one_of("action", REVIEW_ACTIONS),
)

account = Table(
    "account",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("full_name", Text, nullable=False, default=""),
    Column("role", String(16), nullable=False),
    Column("department", String(32), nullable=True),  # a clerk's one department; no other role has one
    Column("password_hash", Text, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", UTCDateTime, nullable=False),
    _one_of("role", ROLES),
)

audit_event = Table(
    "audit_event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("actor", Text, nullable=False, index=True),
    Column("action", String(32), nullable=False),
    Column("target", Text, nullable=False, default=""),
    Column("detail", Text, nullable=False, default=""),
)

TABLES = (submission, observation, narrative, intake, period_lock, lock_event, build, review, account, audit_event)
