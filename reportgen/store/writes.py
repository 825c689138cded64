"""Writing to the store: an accepted workbook in one transaction, with every check that must hold when it commits.

:func:`submit` decides, inside the transaction that stores the workbook,
whether its period is locked, whether the same bytes were accepted already,
and which stored value each new figure replaces. On PostgreSQL it first
takes transaction-level advisory locks: shared on the period (a period being
locked waits for the submissions under way), exclusive on the file's hash and
on the department's figures of each month the workbook stores (its month and
the month before), in sorted order, so concurrent submissions of the same
figures queue instead of forking the history, in a handful of round trips. On
SQLite the write transaction itself (``BEGIN IMMEDIATE``) serialises writers.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, bindparam, select

from ..model import (
    STATUS_RANK,
    Intake,
    LockAction,
    NarrativeItem,
    NewObservation,
    Outcome,
    Period,
    StoreOutcome,
    SubmissionRecord,
    precedence,
)
from . import locks
from .locks import advisory_lock, period_key
from .schema import intake, narrative, observation, submission

# Every statement a submission runs is made once: SQLAlchemy then finds its compiled form without walking it again.
_INSERT_INTAKE = intake.insert()
_INSERT_SUBMISSION = submission.insert()
_INSERT_OBSERVATIONS = observation.insert()
_INSERT_NARRATIVE = narrative.insert()
_FILE_STORED = select(submission.c.id).where(submission.c.file_hash == bindparam("file_hash"))
_HELD = (
    select(observation.c.id, observation.c.indicator, observation.c.period, observation.c.basis,
           observation.c.value, observation.c.status)
    .where(observation.c.indicator.in_(bindparam("indicators", expanding=True)),
           observation.c.period.in_(bindparam("periods", expanding=True)))
)


def log_intake(conn: Connection, attempt: Intake, submission_id: int | None = None) -> None:
    """Record an attempt to submit a file, whatever its outcome."""
    conn.execute(_INSERT_INTAKE, {**vars(attempt), "submission_id": submission_id})


def has_file(conn: Connection, file_hash: str) -> bool:
    """Whether a file with these bytes was accepted already."""
    return conn.execute(_FILE_STORED, {"file_hash": file_hash}).first() is not None


def figures_key(department: str, period: Period) -> str:
    """The lock name of a department's figures of a month: an indicator belongs to one department, so two
    submissions that store the same figure take the same lock."""
    return f"figures:{department}|{period}"


def submit(conn: Connection, record: SubmissionRecord, observations: list[NewObservation],
           narratives: list[NarrativeItem], attempt: Intake, force: bool = False) -> StoreOutcome:
    """Store an accepted workbook unless its period is locked (and not ``force``) or its bytes are stored already.

    Everything happens in ``conn``'s transaction, the intake record included:
    it counts the lock refusal as one more error, and a forced acceptance or
    a duplicate as one more warning, as the findings the caller reports.
    """
    advisory_lock(conn, period_key(record.period), shared=True)
    months = {obs.period for obs in observations}
    for key in sorted({f"file:{record.file_hash}", *(figures_key(record.department, month) for month in months)}):
        advisory_lock(conn, key)
    lock = locks.lock_of(conn, record.period)
    if lock is not None and not force:
        log_intake(conn, replace(attempt, status=Outcome.REJECTED, errors=attempt.errors + 1))
        return StoreOutcome(Outcome.REJECTED, lock=lock)
    if lock is not None:
        locks.record_event(conn, record.period, LockAction.FORCED, attempt.actor, attempt.received_at,
                           record.file_name)
        attempt = replace(attempt, warnings=attempt.warnings + 1)
    if has_file(conn, record.file_hash):
        log_intake(conn, replace(attempt, status=Outcome.DUPLICATE, warnings=attempt.warnings + 1))
        return StoreOutcome(Outcome.DUPLICATE, lock=lock)
    outcome = store_submission(conn, record, observations, narratives,
                               replace(attempt, status=Outcome.ACCEPTED))
    return replace(outcome, lock=lock)


def store_submission(
    conn: Connection,
    record: SubmissionRecord,
    observations: list[NewObservation],
    narratives: list[NarrativeItem],
    attempt: Intake | None = None,
) -> StoreOutcome:
    """Insert a submission with its figures, narrative and intake record, inside ``conn``'s transaction.

    A figure equal to the one that counts now (same value and status) is not
    stored again. Any other is stored; it replaces, and points at, the value
    that counted before it, unless it is an estimate arriving after the
    final figure: then it is kept but does not count.
    """
    inserted = conn.execute(_INSERT_SUBMISSION, {**vars(record), "period": str(record.period)}).inserted_primary_key
    assert inserted is not None
    submission_id = int(inserted[0])
    outcome = StoreOutcome(Outcome.ACCEPTED, submission_id)
    held = _current_rows(conn, observations)
    rows = []
    created = unchanged = 0
    for obs in observations:
        current = held.get((obs.indicator, str(obs.period), str(obs.basis)))
        if current is not None and current.value == obs.value and current.status == obs.status:
            unchanged += 1
            continue
        # a newer row wins among equals, so the new one counts unless it is an estimate and a final exists
        counts = current is None or STATUS_RANK[obs.status] >= STATUS_RANK[current.status]
        rows.append({
            "submission_id": submission_id,
            "indicator": obs.indicator,
            "period": str(obs.period),
            "basis": obs.basis,
            "status": obs.status,
            "value": obs.value,
            "replaces_id": current.id if counts and current is not None else None,
            "replaced_value": current.value if counts and current is not None else None,
            "cell": obs.cell,
            "note": obs.note,
        })
        if current is None:
            created += 1
        elif counts:
            outcome.replaced.append((obs, current.value))
        else:
            outcome.not_counted.append((obs, current.value))
    outcome = replace(outcome, created=created, unchanged=unchanged)
    if rows:
        conn.execute(_INSERT_OBSERVATIONS, rows)
    if narratives:
        conn.execute(_INSERT_NARRATIVE, [
            {"submission_id": submission_id, "department": record.department, "period": str(record.period),
             "section": item.section, "kind": item.kind, "seq": seq, "text": item.text}
            for seq, item in enumerate(narratives)
        ])
    if attempt is not None:
        log_intake(conn, attempt, submission_id)
    return outcome


def _current_rows(conn: Connection, observations: list[NewObservation]) -> dict[tuple[str, str, str], Any]:
    """The stored row that counts now for each observation's indicator, month and basis, read in one query."""
    wanted = {(obs.indicator, str(obs.period), str(obs.basis)) for obs in observations}
    if not wanted:
        return {}
    found = conn.execute(_HELD, {"indicators": sorted({key[0] for key in wanted}),
                                 "periods": sorted({key[1] for key in wanted})})
    best: dict[tuple[str, str, str], Any] = {}
    for row in found:
        key = (row.indicator, row.period, row.basis)
        if key in wanted and (key not in best or precedence(row.status, row.id) > precedence(best[key].status,
                                                                                              best[key].id)):
            best[key] = row
    return best
