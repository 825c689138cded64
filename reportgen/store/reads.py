"""Reading the store: the values that count, narratives, history, the logs and the builds.

Every function reads through the connection it is given; :class:`Reader`
gives them as methods, either each in its own read transaction (the
:class:`~reportgen.store.Store`) or all in one snapshot (a :class:`View`),
so that a report assembled from several queries never sees half a submission.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, String, func, select, type_coerce

from ..model import (
    STATUS_RANK,
    Basis,
    NarrativeItem,
    NarrativeKind,
    Observed,
    Period,
    PeriodLock,
    Status,
    precedence,
)
from . import locks
from .schema import account, audit_event, build, intake, lock_event, narrative, observation, review, submission

Values = dict[tuple[str, Period, str], Observed]


def current_values(conn: Connection, first: Period, last: Period,
                   indicators: Collection[str] | None = None, basis: Basis | None = None) -> Values:
    """The value that counts for every indicator (or only those listed), month and basis (or only ``basis``) in
    the span."""
    query = (
        # the value as stored (text on SQLite): only the values that count are made decimals
        select(observation.c.indicator, observation.c.period, observation.c.basis,
               observation.c.status, type_coerce(observation.c.value, String), observation.c.id)
        .where(observation.c.period >= str(first), observation.c.period <= str(last))
        # oldest first within a month: the order of the index on the month (no sort on SQLite)
        .order_by(observation.c.period, observation.c.id)
    )
    if indicators is not None:
        query = query.where(observation.c.indicator.in_(sorted(indicators)))
    if basis is not None:
        query = query.where(observation.c.basis == str(basis))
    best: dict[tuple[str, str, str], tuple[int, str, Any, int]] = {}
    row: Any
    for row in conn.execute(query):
        code, period, basis_, status, value, row_id = row
        # oldest first: a row at least as final as the one held is newer, and wins
        key = (code, period, basis_)
        rank = STATUS_RANK[status]
        held = best.get(key)
        if held is None or rank >= held[0]:
            best[key] = (rank, status, value, row_id)
    return {(code, _period(period), _BASES[basis_]): Observed(_decimal(value), _STATUSES[status], row_id)
            for (code, period, basis_), (_, status, value, row_id) in best.items()}


_BASES = {str(basis): basis for basis in Basis}
_STATUSES = {str(status): status for status in Status}


def _decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def narratives(conn: Connection, period: Period) -> list[NarrativeItem]:
    """Each department's narrative for the period, from its latest accepted form, in the form's order."""
    latest = (
        select(submission.c.department, func.max(submission.c.id).label("sid"))
        .where(submission.c.period == str(period))
        .group_by(submission.c.department)
        .subquery()
    )
    query = (
        select(narrative.c.department, narrative.c.section, narrative.c.kind, narrative.c.text,
               narrative.c.submission_id)
        .join(latest, narrative.c.submission_id == latest.c.sid)
        .order_by(narrative.c.department, narrative.c.seq)
    )
    return [NarrativeItem(row.section, NarrativeKind(row.kind), row.text, row.department, row.submission_id)
            for row in conn.execute(query)]


_WITH_SUBMISSION = (
    observation.c.id, observation.c.indicator, observation.c.period, observation.c.basis, observation.c.status,
    observation.c.value, observation.c.replaces_id, observation.c.replaced_value, observation.c.cell,
    observation.c.submission_id, submission.c.file_name, submission.c.file_hash, submission.c.department,
    submission.c.received_at, submission.c.preparer,
)


def history(conn: Connection, indicator: str, period: Period | None = None) -> list[dict[str, Any]]:
    """Every stored value of an indicator, by month and basis, oldest first, with its submission.

    ``counts`` says whether the row is the value that counts now;
    ``replaces_id`` is the row it replaced when it arrived and
    ``replaced_by`` the row that replaced it (``None`` where there is none);
    ``never_counted`` marks an estimate that arrived after the final figure:
    it was kept, but it never counted.
    """
    query = (
        select(*_WITH_SUBMISSION)
        .join(submission, observation.c.submission_id == submission.c.id)
        .where(observation.c.indicator == indicator)
        .order_by(observation.c.period, observation.c.basis, observation.c.id)
    )
    found = rows(conn, query, observation.c.period, period)
    best: dict[tuple[str, str], tuple[int, int]] = {}
    finals: set[tuple[str, str]] = set()
    for row in found:
        key = (row["period"], row["basis"])
        best[key] = max(best.get(key, (-1, -1)), precedence(row["status"], row["id"]))
        if row["status"] == Status.FINAL:
            finals.add(key)
    replaced_by = {row["replaces_id"]: row["id"] for row in found if row["replaces_id"] is not None}
    for row in found:
        key = (row["period"], row["basis"])
        row["counts"] = best[key] == precedence(row["status"], row["id"])
        row["replaced_by"] = replaced_by.get(row["id"])
        row["never_counted"] = (not row["counts"] and row["replaced_by"] is None
                                and row["status"] == Status.ESTIMATE and key in finals)
    return found


def observations(conn: Connection, ids: Collection[int]) -> list[dict[str, Any]]:
    """Stored values by id, with their submission, in id order."""
    query = (
        select(*_WITH_SUBMISSION)
        .join(submission, observation.c.submission_id == submission.c.id)
        .where(observation.c.id.in_(sorted(ids)))
        .order_by(observation.c.id)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


def submissions(conn: Connection, period: Period | None = None) -> list[dict[str, Any]]:
    """Every accepted submission, oldest first."""
    return rows(conn, select(submission).order_by(submission.c.id), submission.c.period, period)


def intakes(conn: Connection, period: Period | None = None) -> list[dict[str, Any]]:
    """Every submission attempt, oldest first."""
    return rows(conn, select(intake).order_by(intake.c.id), intake.c.period, period)


def lock_events(conn: Connection, period: Period | None = None) -> list[dict[str, Any]]:
    """Every lock, unlock and forced submission, oldest first."""
    return rows(conn, select(lock_event).order_by(lock_event.c.id), lock_event.c.period, period)


def builds(conn: Connection, period: Period | None = None) -> list[dict[str, Any]]:
    """Every recorded build, oldest first, without its manifest and stated figures."""
    columns = [c for c in build.c if c.name not in ("manifest", "stated")]
    return rows(conn, select(*columns).order_by(build.c.id), build.c.period, period)


def build_record(conn: Connection, build_id: int | None = None, output_hash: str | None = None
                 ) -> dict[str, Any] | None:
    """One build with its manifest, by id or by the hash of the document it wrote (the newest such)."""
    query = select(build).order_by(build.c.id.desc())
    if build_id is not None:
        query = query.where(build.c.id == build_id)
    if output_hash is not None:
        query = query.where(build.c.output_hash == output_hash)
    row = conn.execute(query).first()
    return None if row is None else dict(row._mapping)


def reviews(conn: Connection, build_id: int | None = None) -> list[dict[str, Any]]:
    """Every review of builds (or of one build), oldest first."""
    query = select(review).order_by(review.c.id)
    if build_id is not None:
        query = query.where(review.c.build_id == build_id)
    return [dict(row._mapping) for row in conn.execute(query)]


def accounts(conn: Connection, username: str | None = None) -> list[dict[str, Any]]:
    """Every account (or one), by user name."""
    query = select(account).order_by(account.c.username)
    if username is not None:
        query = query.where(account.c.username == username)
    return [dict(row._mapping) for row in conn.execute(query)]


def audit_events(conn: Connection, actor: str | None = None) -> list[dict[str, Any]]:
    """The audit log (or one person's part of it), oldest first."""
    query = select(audit_event).order_by(audit_event.c.id)
    if actor is not None:
        query = query.where(audit_event.c.actor == actor)
    return [dict(row._mapping) for row in conn.execute(query)]


def counts(conn: Connection) -> dict[str, int]:
    """Row counts per table: a cheap fingerprint for "did anything change"."""
    return {
        table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
        for table in (submission, observation, narrative)
    }


def rows(conn: Connection, query: Select[Any], period_column: Any, period: Period | None) -> list[dict[str, Any]]:
    """Rows of a query as dicts, narrowed to one period when one is given."""
    if period is not None:
        query = query.where(period_column == str(period))
    return [dict(row._mapping) for row in conn.execute(query)]


@lru_cache(maxsize=4096)
def _period(text: str) -> Period:
    return Period.parse(text)


class Reader:
    """The store's reads as methods; a subclass says where the connection comes from."""

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        raise NotImplementedError
        yield

    def current_values(self, first: Period, last: Period, indicators: Collection[str] | None = None,
                       basis: Basis | None = None) -> Values:
        """The value that counts for every indicator (or only those listed), month and basis (or only ``basis``)
        in the span."""
        with self.reading() as conn:
            return current_values(conn, first, last, indicators, basis)

    def narratives(self, period: Period) -> list[NarrativeItem]:
        """Each department's narrative for the period, from its latest accepted form."""
        with self.reading() as conn:
            return narratives(conn, period)

    def history(self, indicator: str, period: Period | None = None) -> list[dict[str, Any]]:
        """Every stored value of an indicator, whether it counts now, and its submission (:func:`history`)."""
        with self.reading() as conn:
            return history(conn, indicator, period)

    def observations(self, ids: Collection[int]) -> list[dict[str, Any]]:
        with self.reading() as conn:
            return observations(conn, ids)

    def submissions(self, period: Period | None = None) -> list[dict[str, Any]]:
        with self.reading() as conn:
            return submissions(conn, period)

    def intakes(self, period: Period | None = None) -> list[dict[str, Any]]:
        with self.reading() as conn:
            return intakes(conn, period)

    def lock_events(self, period: Period | None = None) -> list[dict[str, Any]]:
        with self.reading() as conn:
            return lock_events(conn, period)

    def lock_of(self, period: Period) -> PeriodLock | None:
        with self.reading() as conn:
            return locks.lock_of(conn, period)

    def builds(self, period: Period | None = None) -> list[dict[str, Any]]:
        with self.reading() as conn:
            return builds(conn, period)

    def build(self, build_id: int | None = None, output_hash: str | None = None) -> dict[str, Any] | None:
        with self.reading() as conn:
            return build_record(conn, build_id, output_hash)

    def reviews(self, build_id: int | None = None) -> list[dict[str, Any]]:
        with self.reading() as conn:
            return reviews(conn, build_id)

    def accounts(self, username: str | None = None) -> list[dict[str, Any]]:
        with self.reading() as conn:
            return accounts(conn, username)

    def audit_events(self, actor: str | None = None) -> list[dict[str, Any]]:
        with self.reading() as conn:
            return audit_events(conn, actor)

    def counts(self) -> dict[str, int]:
        with self.reading() as conn:
            return counts(conn)


class View(Reader):
    """Reads that all see one snapshot of the store (see :meth:`reportgen.store.Store.snapshot`)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        yield self.conn
