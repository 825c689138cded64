"""Reading the store: the values that count, narratives, history and the logs."""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, func, select

from ..model import Basis, NarrativeItem, NarrativeKind, Observed, Period, Status, precedence
from .schema import intake, lock_event, narrative, observation, submission

Values = dict[tuple[str, Period, str], Observed]


def current_values(conn: Connection, first: Period, last: Period,
                   indicators: Collection[str] | None = None) -> Values:
    """The value that counts for every indicator (or only those listed), month and basis in the span."""
    query = (
        select(observation.c.indicator, observation.c.period, observation.c.basis,
               observation.c.status, observation.c.value, observation.c.id)
        .where(observation.c.period >= str(first), observation.c.period <= str(last))
        .order_by(observation.c.id)
    )
    if indicators is not None:
        query = query.where(observation.c.indicator.in_(sorted(indicators)))
    best: dict[tuple[str, Period, str], tuple[tuple[int, int], Observed]] = {}
    for row in conn.execute(query):
        key = (row.indicator, _period(row.period), Basis(row.basis))
        rank = precedence(row.status, row.id)
        held = best.get(key)
        if held is None or rank > held[0]:
            best[key] = (rank, Observed(row.value, Status(row.status), row.id))
    return {key: held[1] for key, held in best.items()}


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


def history(conn: Connection, indicator: str, period: Period | None = None) -> list[dict[str, Any]]:
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
    return rows(conn, query, observation.c.period, period)


def submissions(conn: Connection, period: Period | None = None) -> list[dict[str, Any]]:
    """Every accepted submission, oldest first."""
    return rows(conn, select(submission).order_by(submission.c.id), submission.c.period, period)


def intakes(conn: Connection, period: Period | None = None) -> list[dict[str, Any]]:
    """Every submission attempt, oldest first."""
    return rows(conn, select(intake).order_by(intake.c.id), intake.c.period, period)


def lock_events(conn: Connection, period: Period | None = None) -> list[dict[str, Any]]:
    """Every lock, unlock and forced submission, oldest first."""
    return rows(conn, select(lock_event).order_by(lock_event.c.id), lock_event.c.period, period)


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
