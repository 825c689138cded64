"""The store: every accepted figure with its history, in SQLAlchemy Core.

SQLite is the default (one file); the same code runs on PostgreSQL through a
SQLAlchemy URL. Nothing is ever updated in place: a new figure for an
indicator, month and basis is a new ``observation`` row that points at the row
it replaced, so the whole history stays readable.

Which value counts ("current"): for each indicator, month and basis, a final
figure beats an estimate, and among equals the newest accepted row wins.

Schema versions are recorded in ``meta``; :data:`MIGRATIONS` lists the steps
from each version to the next so a later release can upgrade a store in place.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.exc import SQLAlchemyError

from .errors import StoreError
from .periods import Period

SCHEMA_VERSION = 1
DEFAULT_DB = Path("outputs") / "reportgen.sqlite"
ENV_DB = "REPORTGEN_DB"


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

STATUS_RANK = {"estimate": 0, "final": 1}


def precedence(status: str, row_id: int) -> tuple[int, int]:
    """Which stored value counts: a final figure beats an estimate; among equals the newest row wins."""
    return (STATUS_RANK[status], row_id)


@dataclass(frozen=True)
class Observed:
    """The current value of one indicator, month and basis."""

    value: Decimal
    status: str

    @property
    def estimate(self) -> bool:
        return self.status == "estimate"


@dataclass(frozen=True)
class NewObservation:
    indicator: str
    period: Period
    basis: str
    status: str
    value: Decimal
    cell: str = ""
    note: str = ""


@dataclass(frozen=True)
class SubmissionRecord:
    file_name: str
    file_hash: str
    department: str
    period: Period
    form_version: str
    catalog_version: str
    received_at: str
    preparer: str = ""
    phone: str = ""
    prepared_on: str = ""


@dataclass(frozen=True)
class Intake:
    """One attempt to submit a file, whatever its outcome (the audit log)."""

    file_name: str
    file_hash: str
    department: str
    period: str
    status: str
    errors: int
    warnings: int
    received_at: str
    actor: str = ""


@dataclass(frozen=True)
class NarrativeItem:
    section: str
    kind: str
    text: str


@dataclass(frozen=True)
class StoreOutcome:
    """What storing one submission did, per observation."""

    submission_id: int
    created: int
    replaced: list[tuple[NewObservation, Decimal]]
    unchanged: int


def resolve_db(db: str | None) -> str:
    """The store's URL: ``--db``, else ``$REPORTGEN_DB``, else ``outputs/reportgen.sqlite``.

    A plain path means SQLite; anything with ``://`` is a SQLAlchemy URL.
    """
    location = db or os.environ.get(ENV_DB) or str(DEFAULT_DB)
    if "://" in location:
        return location
    return f"sqlite:///{Path(location)}"


def store_exists(db: str | None) -> bool:
    """Whether the store exists already (always assumed for a server URL)."""
    url = resolve_db(db)
    if not url.startswith("sqlite:///"):
        return True
    path = url.removeprefix("sqlite:///")
    return path != ":memory:" and Path(path).exists()


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin() decide transactions; take the write lock at
        # BEGIN so two writers queue instead of failing half-way.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


class Store:
    """One reportgen store. Open with :meth:`open`; every write is one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str | None = None) -> Store:
        url = resolve_db(db)
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        try:
            engine = create_engine(url)
            if engine.dialect.name == "sqlite":
                _sqlite_pragmas(engine)
            store = cls(engine)
            store._ensure_schema()
        except SQLAlchemyError as exc:
            raise StoreError(f"Không mở được kho dữ liệu {url}: {exc}") from exc
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Schema -------------------------------------------------------------
    def _ensure_schema(self) -> None:
        with self.engine.begin() as conn:
            metadata.create_all(conn)
            row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
            if row is None:
                conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
                return
            version = int(row.value)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"Kho dữ liệu có phiên bản {version}, mới hơn phiên bản chương trình hỗ trợ "
                    f"({SCHEMA_VERSION}); hãy cập nhật reportgen."
                )
            while version < SCHEMA_VERSION:
                for statement in MIGRATIONS[version]:
                    conn.exec_driver_sql(statement)
                version += 1
            conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(version)))

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar_one())

    # Writing ------------------------------------------------------------
    def has_file(self, file_hash: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(select(submission.c.id).where(submission.c.file_hash == file_hash)).first()
        return found is not None

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction; everything in it is stored or nothing is."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"Ghi vào kho dữ liệu thất bại, không có gì thay đổi: {exc}") from exc

    def log_intake(self, attempt: Intake) -> None:
        """Record an attempt that stored nothing (rejected or already stored)."""
        with self.transaction() as conn:
            conn.execute(intake.insert().values(**vars(attempt)))

    def store_submission(
        self,
        record: SubmissionRecord,
        observations: list[NewObservation],
        narratives: list[NarrativeItem],
        attempt: Intake | None = None,
    ) -> StoreOutcome:
        """Store one accepted workbook, and its intake record, in a single transaction."""
        with self.transaction() as conn:
            inserted = conn.execute(
                submission.insert().values(
                    file_name=record.file_name,
                    file_hash=record.file_hash,
                    department=record.department,
                    period=str(record.period),
                    form_version=record.form_version,
                    catalog_version=record.catalog_version,
                    received_at=record.received_at,
                    preparer=record.preparer,
                    phone=record.phone,
                    prepared_on=record.prepared_on,
                )
            ).inserted_primary_key
            assert inserted is not None
            submission_id = int(inserted[0])
            created = 0
            unchanged = 0
            replaced: list[tuple[NewObservation, Decimal]] = []
            for obs in observations:
                current = _current_row(conn, obs.indicator, str(obs.period), obs.basis)
                if current is not None and current.value == obs.value and current.status == obs.status:
                    unchanged += 1
                    continue
                conn.execute(
                    observation.insert().values(
                        submission_id=submission_id,
                        indicator=obs.indicator,
                        period=str(obs.period),
                        basis=obs.basis,
                        status=obs.status,
                        value=obs.value,
                        replaces_id=None if current is None else current.id,
                        replaced_value=None if current is None else current.value,
                        cell=obs.cell,
                        note=obs.note,
                    )
                )
                if current is None:
                    created += 1
                else:
                    replaced.append((obs, current.value))
            for seq, item in enumerate(narratives):
                conn.execute(
                    narrative.insert().values(
                        submission_id=submission_id,
                        department=record.department,
                        period=str(record.period),
                        section=item.section,
                        kind=item.kind,
                        seq=seq,
                        text=item.text,
                    )
                )
            if attempt is not None:
                conn.execute(intake.insert().values(**vars(attempt), submission_id=submission_id))
        return StoreOutcome(submission_id, created, replaced, unchanged)

    # Reading ------------------------------------------------------------
    def current_values(self, first: Period, last: Period,
                       indicators: Collection[str] | None = None) -> dict[tuple[str, Period, str], Observed]:
        """The value that counts for every indicator (or only those listed), month and basis in the span."""
        query = (
            select(observation.c.indicator, observation.c.period, observation.c.basis,
                   observation.c.status, observation.c.value, observation.c.id)
            .where(observation.c.period >= str(first), observation.c.period <= str(last))
            .order_by(observation.c.id)
        )
        if indicators is not None:
            query = query.where(observation.c.indicator.in_(sorted(indicators)))
        best: dict[tuple[str, Period, str], tuple[int, int, Observed]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                key = (row.indicator, _period(row.period), row.basis)
                rank = precedence(row.status, row.id)
                held = best.get(key)
                if held is None or rank > held[:2]:
                    best[key] = (rank[0], rank[1], Observed(row.value, row.status))
        return {key: held[2] for key, held in best.items()}

    def narratives(self, period: Period) -> dict[str, list[NarrativeItem]]:
        """Each department's narrative for the period, from its latest accepted form."""
        latest = (
            select(submission.c.department, func.max(submission.c.id).label("sid"))
            .where(submission.c.period == str(period))
            .group_by(submission.c.department)
            .subquery()
        )
        query = (
            select(narrative.c.department, narrative.c.section, narrative.c.kind, narrative.c.text)
            .join(latest, narrative.c.submission_id == latest.c.sid)
            .order_by(narrative.c.department, narrative.c.seq)
        )
        out: dict[str, list[NarrativeItem]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                out.setdefault(row.department, []).append(NarrativeItem(row.section, row.kind, row.text))
        return out

    def history(self, indicator: str, period: Period | None = None) -> list[dict[str, Any]]:
        """Every stored value of an indicator, oldest first, with its submission."""
        query = (
            select(
                observation.c.id, observation.c.period, observation.c.basis, observation.c.status,
                observation.c.value, observation.c.replaced_value, observation.c.cell,
                submission.c.file_name, submission.c.department, submission.c.received_at,
                submission.c.preparer,
            )
            .join(submission, observation.c.submission_id == submission.c.id)
            .where(observation.c.indicator == indicator)
            .order_by(observation.c.period, observation.c.basis, observation.c.id)
        )
        return self._rows(query, observation.c.period, period)

    def submissions(self, period: Period | None = None) -> list[dict[str, Any]]:
        """Every accepted submission, oldest first."""
        return self._rows(select(submission).order_by(submission.c.id), submission.c.period, period)

    def intakes(self, period: Period | None = None) -> list[dict[str, Any]]:
        """Every submission attempt, oldest first."""
        return self._rows(select(intake).order_by(intake.c.id), intake.c.period, period)

    def _rows(self, query: Any, period_column: Any, period: Period | None) -> list[dict[str, Any]]:
        """Rows of a query as dicts, narrowed to one period when one is given."""
        if period is not None:
            query = query.where(period_column == str(period))
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    # Locks ----------------------------------------------------------------
    def lock_period(self, period: Period, actor: str, at: str) -> bool:
        """Lock a period; ``False`` if it was locked already."""
        with self.transaction() as conn:
            if conn.execute(select(period_lock.c.period).where(period_lock.c.period == str(period))).first():
                return False
            conn.execute(period_lock.insert().values(period=str(period), locked_at=at, locked_by=actor))
            conn.execute(lock_event.insert().values(period=str(period), action="lock", at=at, actor=actor))
        return True

    def unlock_period(self, period: Period, actor: str, at: str) -> bool:
        """Unlock a period; ``False`` if it was not locked."""
        with self.transaction() as conn:
            deleted = conn.execute(period_lock.delete().where(period_lock.c.period == str(period))).rowcount
            if not deleted:
                return False
            conn.execute(lock_event.insert().values(period=str(period), action="unlock", at=at, actor=actor))
        return True

    def lock_of(self, period: Period) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(period_lock).where(period_lock.c.period == str(period))).first()
        return None if row is None else dict(row._mapping)

    def record_forced(self, period: Period, actor: str, at: str, note: str) -> None:
        with self.transaction() as conn:
            conn.execute(lock_event.insert().values(period=str(period), action="forced", at=at, actor=actor,
                                                    note=note))

    def lock_events(self, period: Period | None = None) -> list[dict[str, Any]]:
        """Every lock, unlock and forced submission, oldest first."""
        return self._rows(select(lock_event).order_by(lock_event.c.id), lock_event.c.period, period)

    # Archive --------------------------------------------------------------
    @property
    def archive_dir(self) -> Path:
        """Where original files are kept by content hash: beside a SQLite file, else outputs/archive."""
        database = self.engine.url.database
        if self.engine.dialect.name == "sqlite" and database and database != ":memory:":
            path = Path(database)
            return path.with_name(path.stem + "-archive")
        return Path("outputs") / "archive"

    def archive(self, data: bytes, file_hash: str, suffix: str) -> Path:
        """Keep the original bytes of a submitted file (idempotent; written atomically)."""
        target = self.archive_dir / file_hash[:2] / f"{file_hash}{suffix}"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(target.name + ".tmp")
            temporary.write_bytes(data)
            temporary.replace(target)
        return target

    def counts(self) -> dict[str, int]:
        """Row counts per table: a cheap fingerprint for "did anything change"."""
        with self.engine.connect() as conn:
            return {
                table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
                for table in (submission, observation, narrative)
            }


@lru_cache(maxsize=4096)
def _period(text: str) -> Period:
    return Period.parse(text)


def _current_row(conn: Connection, indicator: str, period: str, basis: str) -> Any:
    query = (
        select(observation.c.id, observation.c.value, observation.c.status)
        .where(observation.c.indicator == indicator, observation.c.period == period,
               observation.c.basis == basis)
    )
    rows = list(conn.execute(query))
    if not rows:
        return None
    return max(rows, key=lambda r: precedence(r.status, r.id))
