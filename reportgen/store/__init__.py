"""The store: every accepted figure with its history, in SQLAlchemy Core.

SQLite is the default (one file); the same code runs on PostgreSQL through a
SQLAlchemy URL. The store's jobs are separate units: the tables and their
version (:mod:`.schema`), writes (:mod:`.writes`), reads (:mod:`.reads`),
period locks (:mod:`.locks`) and the archive of original files
(:mod:`.archive`). :class:`Store` holds a connection pool and the archive and
gives each job one method; every write is one transaction.

Which value counts ("current"): for each indicator, month and basis, a final
figure beats an estimate, and among equals the newest accepted row wins
(:func:`reportgen.model.precedence`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..messages import STORE_CANNOT_OPEN, STORE_NEEDS_ARCHIVE, STORE_WRITE_FAILED
from ..model import Intake, LockAction, NarrativeItem, NewObservation, Period, StoreOutcome, SubmissionRecord
from . import locks, reads, writes
from .archive import Archive, content_hash
from .reads import Values
from .schema import SCHEMA_VERSION, ensure_schema, schema_version

__all__ = ["SCHEMA_VERSION", "Archive", "Store", "Values", "content_hash", "store_exists", "store_url"]


def store_url(location: str) -> str:
    """A SQLAlchemy URL for a store: a plain path means a SQLite file; anything with ``://`` is a URL already."""
    if "://" in location:
        return location
    return f"sqlite:///{Path(location)}"


def _sqlite_path(url: str) -> Path | None:
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return None
    return Path(url.removeprefix("sqlite:///"))


def store_exists(location: str) -> bool:
    """Whether the store exists already (always assumed for a server URL)."""
    url = store_url(location)
    if not url.startswith("sqlite:"):
        return True
    path = _sqlite_path(url)
    return path is not None and path.exists()


def _stamp(at: dt.datetime) -> str:
    return at.isoformat(timespec="seconds")


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

    def __init__(self, engine: Engine, archive: Archive) -> None:
        self.engine = engine
        self.archive = archive

    @classmethod
    def open(cls, location: str, archive_dir: Path | None = None) -> Store:
        """Open (creating if needed) the store at a SQLite path or SQLAlchemy URL.

        ``archive_dir`` is where original files are kept; a SQLite store
        defaults to the folder ``<name>-archive`` beside its file, any other
        store must be given one.
        """
        url = store_url(location)
        path = _sqlite_path(url)
        if archive_dir is None:
            if path is None:
                raise StoreError(STORE_NEEDS_ARCHIVE.format(url=url))
            archive_dir = path.with_name(path.stem + "-archive")
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            engine = create_engine(url)
            if engine.dialect.name == "sqlite":
                _sqlite_pragmas(engine)
            store = cls(engine, Archive(archive_dir))
            with store.transaction() as conn:
                ensure_schema(conn)
        except SQLAlchemyError as exc:
            raise StoreError(STORE_CANNOT_OPEN.format(url=url, error=exc)) from exc
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction; everything in it is stored or nothing is."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(STORE_WRITE_FAILED.format(error=exc)) from exc

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads."""
        with self.engine.connect() as conn:
            yield conn

    def schema_version(self) -> int:
        with self.reading() as conn:
            return schema_version(conn)

    # Writes ---------------------------------------------------------------
    def has_file(self, file_hash: str) -> bool:
        with self.reading() as conn:
            return writes.has_file(conn, file_hash)

    def log_intake(self, attempt: Intake) -> None:
        """Record an attempt that stored nothing (rejected or already stored)."""
        with self.transaction() as conn:
            writes.log_intake(conn, attempt)

    def store_submission(self, record: SubmissionRecord, observations: list[NewObservation],
                         narratives: list[NarrativeItem], attempt: Intake | None = None) -> StoreOutcome:
        """Store one accepted workbook, and its intake record, in a single transaction."""
        with self.transaction() as conn:
            return writes.store_submission(conn, record, observations, narratives, attempt)

    # Reads ----------------------------------------------------------------
    def current_values(self, first: Period, last: Period, indicators: Collection[str] | None = None) -> Values:
        """The value that counts for every indicator (or only those listed), month and basis in the span."""
        with self.reading() as conn:
            return reads.current_values(conn, first, last, indicators)

    def narratives(self, period: Period) -> list[NarrativeItem]:
        """Each department's narrative for the period, from its latest accepted form."""
        with self.reading() as conn:
            return reads.narratives(conn, period)

    def history(self, indicator: str, period: Period | None = None) -> list[dict[str, Any]]:
        """Every stored value of an indicator, oldest first, with its submission."""
        with self.reading() as conn:
            return reads.history(conn, indicator, period)

    def submissions(self, period: Period | None = None) -> list[dict[str, Any]]:
        with self.reading() as conn:
            return reads.submissions(conn, period)

    def intakes(self, period: Period | None = None) -> list[dict[str, Any]]:
        with self.reading() as conn:
            return reads.intakes(conn, period)

    def lock_events(self, period: Period | None = None) -> list[dict[str, Any]]:
        with self.reading() as conn:
            return reads.lock_events(conn, period)

    def counts(self) -> dict[str, int]:
        with self.reading() as conn:
            return reads.counts(conn)

    # Locks ----------------------------------------------------------------
    def lock_of(self, period: Period) -> dict[str, Any] | None:
        with self.reading() as conn:
            return locks.lock_of(conn, period)

    def lock_period(self, period: Period, actor: str, at: dt.datetime) -> bool:
        """Lock a period; ``False`` if it was locked already."""
        with self.transaction() as conn:
            return locks.lock_period(conn, period, actor, _stamp(at))

    def unlock_period(self, period: Period, actor: str, at: dt.datetime) -> bool:
        """Unlock a period; ``False`` if it was not locked."""
        with self.transaction() as conn:
            return locks.unlock_period(conn, period, actor, _stamp(at))

    def record_forced(self, period: Period, actor: str, at: str, note: str) -> None:
        """Record that a file was accepted into a locked period on request."""
        with self.transaction() as conn:
            locks.record_event(conn, period, LockAction.FORCED, actor, at, note)

    # Archive --------------------------------------------------------------
    @property
    def archive_dir(self) -> Path:
        return self.archive.root
