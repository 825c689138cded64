"""The store: every accepted figure with its history, in SQLAlchemy Core, on SQLite or PostgreSQL.

SQLite is the default (one file); PostgreSQL serves a store shared by many
writers (``postgresql+psycopg://…``). The store's jobs are separate units:
the tables (:mod:`.schema`) and their versions (:mod:`.versions`, Alembic
migrations in :mod:`.migrations`), writes (:mod:`.writes`), reads
(:mod:`.reads`), period locks (:mod:`.locks`) and the archive of original
files (:mod:`.archive`). :class:`Store` holds a connection pool and the
archive and gives each job a method.

Transactions: a write is one transaction (on SQLite it takes the write lock
at its start, ``BEGIN IMMEDIATE``; readers never take it and, in WAL mode,
never wait for it). A read runs in its own transaction; :meth:`Store.snapshot`
gives several reads one consistent snapshot (``REPEATABLE READ`` on
PostgreSQL), so a report built while uploads arrive never sees half of one.

Which value counts ("current"): for each indicator, month and basis, a final
figure beats an estimate, and among equals the newest accepted row wins
(:func:`reportgen.model.precedence`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.exc import DatabaseError, IntegrityError, SQLAlchemyError

from ..errors import StoreError
from ..files import cannot_write
from ..messages import (
    STORE_BROKEN_LINKS,
    STORE_CANNOT_OPEN,
    STORE_DAMAGED,
    STORE_FULL,
    STORE_NEEDS_ARCHIVE,
    STORE_READ_FAILED,
    STORE_READ_ONLY,
    STORE_WRITE_FAILED,
)
from ..model import Intake, NarrativeItem, NewObservation, Period, ReviewAction, StoreOutcome, SubmissionRecord
from . import locks, versions, writes
from .archive import EMPTY, Archive, ArchiveProblem, content_hash, suffix_of
from .reads import Reader, Values, View
from .schema import account, audit_event, build, intake, review, submission

__all__ = [
    "Archive",
    "ArchiveProblem",
    "Reader",
    "Store",
    "Values",
    "View",
    "content_hash",
    "store_exists",
    "store_url",
    "store_version",
    "suffix_of",
    "upgrade_store",
]

WRITE = "reportgen_write"
"""Execution option of a connection that writes: on SQLite its transaction takes the write lock at once."""


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


def _sqlite_pragmas(engine: Engine, foreign_keys: bool, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin() decide transactions (and emit BEGIN below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        tables = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not read_only and (not tables or tables & {"alembic_version", "meta"}):
            # WAL only for reportgen's own stores: another program's database is never changed, not even its header
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock at BEGIN, so two of them queue instead of failing half-way;
        # readers begin a deferred transaction: a snapshot that never waits for a writer.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


def read_only_place(path: Path) -> bool:
    """Whether a SQLite store's file or folder cannot be written: a read-only disk, or no permission."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK))


def _engine(url: str, foreign_keys: bool = True) -> Engine:
    """An engine for the store; ``foreign_keys=False`` only to migrate SQLite, which copies tables to alter them.

    A SQLite store in a place that cannot be written is opened read-only (and,
    as nobody can change it there, immutable): it can still be read.
    """
    path = _sqlite_path(url)
    read_only = path is not None and path.exists() and read_only_place(path)
    if path is not None and not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise cannot_write(path, exc) from exc
    if read_only and path is not None:
        url = f"sqlite:///file:{path.resolve()}?mode=ro&immutable=1&uri=true"
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        _sqlite_pragmas(engine, foreign_keys, read_only)
    return engine


def _failure(location: str, exc: SQLAlchemyError, writing: bool) -> StoreError:
    """What went wrong with the store, in the user's words: damaged, read-only, full, or the database's own text."""
    text = str(getattr(exc, "orig", None) or exc)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(STORE_READ_ONLY.format(db=location))
    if "disk is full" in lowered or "no space" in lowered:
        return StoreError(STORE_FULL.format(db=location))
    if isinstance(exc, DatabaseError) and any(mark in lowered for mark in ("malformed", "not a database", "corrupt")):
        return StoreError(STORE_DAMAGED.format(db=location, detail=text.splitlines()[0]))
    template = STORE_WRITE_FAILED if writing else STORE_READ_FAILED
    return StoreError(template.format(db=location, error=text.splitlines()[0] if text else type(exc).__name__))


def _archive_for(url: str, archive_dir: Path | None) -> Archive | None:
    if archive_dir is not None:
        return Archive(archive_dir)
    path = _sqlite_path(url)
    return None if path is None else Archive(path.with_name(path.stem + "-archive"))


class Store(Reader):
    """One reportgen store. Open with :meth:`open`; every write is one transaction."""

    def __init__(self, engine: Engine, archive: Archive | None, location: str = "") -> None:
        self.engine = engine
        self._archive = archive
        self.location = location or self.url
        #: opened where it cannot be written (a read-only disk or folder): it can be read, not changed.
        self.read_only = engine.url.query.get("mode") == "ro"

    @classmethod
    def open(cls, location: str, archive_dir: Path | None = None) -> Store:
        """Open the store at a SQLite path or SQLAlchemy URL, creating it if the database is empty.

        ``archive_dir`` is where original files are kept; a SQLite store
        defaults to the folder ``<name>-archive`` beside its file, a server
        store must be given one. A store of an older schema is refused with
        the command that upgrades it (:func:`upgrade_store`); a store of a
        schema this release does not know is refused.
        """
        url = store_url(location)
        archive = _archive_for(url, archive_dir)
        try:
            engine = _engine(url)
        except SQLAlchemyError as exc:
            raise StoreError(STORE_CANNOT_OPEN.format(url=url, error=exc)) from exc
        store = cls(engine, archive, location)
        try:
            with engine.connect() as conn, conn.begin():
                version = versions.version_of(conn)
            if version.revision is None:
                with engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
                    versions.check(conn, location)
            else:
                versions.refuse_unless_current(version, location)
                if engine.dialect.name == "sqlite":
                    with engine.connect() as conn:
                        verdict = str(conn.exec_driver_sql("PRAGMA quick_check").scalar())
                    if verdict != "ok":  # damage anywhere is refused before any command reads or writes
                        detail = next((line for line in verdict.splitlines() if not line.startswith("***")), "")
                        raise StoreError(STORE_DAMAGED.format(db=location, detail=detail.strip()))
        except SQLAlchemyError as exc:
            engine.dispose()
            raise _failure(location, exc, writing=False) from exc
        except BaseException:
            engine.dispose()
            raise
        return store

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

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
            with self.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
                yield conn
        except SQLAlchemyError as exc:
            raise _failure(self.location, exc, writing=True) from exc

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read transaction of its own."""
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except SQLAlchemyError as exc:
            raise _failure(self.location, exc, writing=False) from exc

    @contextmanager
    def snapshot(self) -> Iterator[View]:
        """Reads that all see the store as it was at the first of them, and that wait for no writer."""
        options = {"isolation_level": "REPEATABLE READ"} if self.engine.dialect.name == "postgresql" else {}
        try:
            with self.engine.connect().execution_options(**options) as conn, conn.begin():
                yield View(conn)
        except SQLAlchemyError as exc:
            raise _failure(self.location, exc, writing=False) from exc

    def version(self) -> str | None:
        """The schema revision of the store."""
        with self.reading() as conn:
            return versions.version_of(conn).revision

    # Writes ---------------------------------------------------------------
    def submit(self, record: SubmissionRecord, observations: list[NewObservation],
               narratives: list[NarrativeItem], attempt: Intake, force: bool = False) -> StoreOutcome:
        """Store an accepted workbook in one transaction: period lock, duplicate and history checked inside it.

        Two identical uploads at the same moment store one submission: the
        other is a duplicate (on PostgreSQL, the unique file hash settles a
        race the advisory locks did not see).
        """
        try:
            with self.transaction() as conn:
                return writes.submit(conn, record, observations, narratives, attempt, force)
        except StoreError as exc:
            if not isinstance(exc.__cause__, IntegrityError) or not self._has_file(record.file_hash):
                raise
        with self.transaction() as conn:
            return writes.submit(conn, record, observations, narratives, attempt, force)

    def store_submission(self, record: SubmissionRecord, observations: list[NewObservation],
                         narratives: list[NarrativeItem], attempt: Intake | None = None) -> StoreOutcome:
        """Insert a submission as it is, without the period-lock and duplicate checks of :meth:`submit`."""
        with self.transaction() as conn:
            return writes.store_submission(conn, record, observations, narratives, attempt)

    def log_intake(self, attempt: Intake) -> None:
        """Record an attempt that stored nothing (a rejected file)."""
        with self.transaction() as conn:
            writes.log_intake(conn, attempt)

    def _has_file(self, file_hash: str) -> bool:
        with self.reading() as conn:
            return writes.has_file(conn, file_hash)

    # Locks ----------------------------------------------------------------
    def lock_period(self, period: Period, actor: str, at: dt.datetime) -> bool:
        """Lock a period; ``False`` if it was locked already."""
        with self.transaction() as conn:
            return locks.lock_period(conn, period, actor, at)

    def unlock_period(self, period: Period, actor: str, at: dt.datetime) -> bool:
        """Unlock a period; ``False`` if it was not locked."""
        with self.transaction() as conn:
            return locks.unlock_period(conn, period, actor, at)

    # Builds ---------------------------------------------------------------
    def record_build(self, period: Period, at: dt.datetime, actor: str, file_name: str, template_hash: str,
                     catalog_hash: str, output_hash: str, manifest: str, stated: str = "{}") -> int:
        """Record a build, its manifest and the figures it states (JSON by bookmark); returns the build's id."""
        with self.transaction() as conn:
            inserted = conn.execute(build.insert().values(
                period=str(period), built_at=at, actor=actor, file_name=file_name, template_hash=template_hash,
                catalog_hash=catalog_hash, output_hash=output_hash, manifest=manifest,
                stated=stated,
            )).inserted_primary_key
        assert inserted is not None
        return int(inserted[0])

    def record_review(self, build_id: int, action: ReviewAction, actor: str, at: dt.datetime,
                      note: str = "") -> bool:
        """Record a review of a build; approving it also locks its period, in the same transaction.

        ``False`` if there is no such build.
        """
        with self.transaction() as conn:
            period = conn.execute(select(build.c.period).where(build.c.id == build_id)).scalar()
            if period is None:
                return False
            conn.execute(review.insert().values(build_id=build_id, action=action, at=at, actor=actor, note=note))
            if action == ReviewAction.APPROVED:
                locks.lock_period(conn, Period.parse(period), actor, at)
            return True

    # Accounts and the audit log --------------------------------------------
    def add_account(self, username: str, role: str, password_hash: str, at: dt.datetime, *, full_name: str = "",
                    department: str | None = None) -> bool:
        """Add an account; ``False`` if the user name is taken."""
        try:
            with self.transaction() as conn:
                conn.execute(account.insert().values(username=username, role=role, password_hash=password_hash,
                                                     created_at=at, full_name=full_name, department=department,
                                                     active=True))
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                return False
            raise
        return True

    def update_account(self, username: str, **values: Any) -> bool:
        """Change an account's password hash or whether it may log in; ``False`` if there is no such account."""
        with self.transaction() as conn:
            return bool(conn.execute(account.update().where(account.c.username == username).values(**values)).rowcount)

    def record_audit(self, at: dt.datetime, actor: str, action: str, target: str = "", detail: str = "") -> None:
        """Record what a person did."""
        with self.transaction() as conn:
            conn.execute(audit_event.insert().values(at=at, actor=actor, action=action, target=target, detail=detail))

    # Archive --------------------------------------------------------------
    @property
    def archive(self) -> Archive:
        """Where original files are kept; a server store opened without a folder for them cannot keep any."""
        if self._archive is None:
            raise StoreError(STORE_NEEDS_ARCHIVE.format(url=self.url))
        return self._archive

    @property
    def archive_dir(self) -> Path:
        return self.archive.root

    def check_archive(self) -> tuple[int, list[ArchiveProblem]]:
        """How many files the store refers to (accepted or not), and those the archive is missing or holds altered."""
        with self.reading() as conn:
            referred = {(r.file_hash, r.file_name)
                        for table in (intake, submission)
                        for r in conn.execute(select(table.c.file_hash, table.c.file_name))}
        kept = {(file_hash, suffix_of(name)) for file_hash, name in referred if file_hash != EMPTY}
        return len(kept), self.archive.check(referred)


def store_version(location: str) -> tuple[str | None, str]:
    """The store's schema revision and the newest one this release knows."""
    url = store_url(location)
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return versions.version_of(conn).revision, versions.head()
    except SQLAlchemyError as exc:
        raise _failure(location, exc, writing=False) from exc
    finally:
        engine.dispose()


def upgrade_store(location: str) -> tuple[str | None, str]:
    """Bring the store to the newest schema, keeping every row; returns (revision before, revision after)."""
    url = store_url(location)
    engine = _engine(url, foreign_keys=False)
    try:
        with engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
            upgraded = versions.upgrade(conn, location)
            if engine.dialect.name == "sqlite" and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise StoreError(STORE_BROKEN_LINKS.format(url=location))
            return upgraded
    except SQLAlchemyError as exc:
        raise _failure(location, exc, writing=True) from exc
    finally:
        engine.dispose()

