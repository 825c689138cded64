"""Writing to the store: one accepted submission, or one logged attempt, per transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select

from ..model import Intake, NarrativeItem, NewObservation, StoreOutcome, SubmissionRecord, precedence
from .schema import intake, narrative, observation, submission


def log_intake(conn: Connection, attempt: Intake, submission_id: int | None = None) -> None:
    """Record an attempt to submit a file, whatever its outcome."""
    conn.execute(intake.insert().values(**vars(attempt), submission_id=submission_id))


def has_file(conn: Connection, file_hash: str) -> bool:
    """Whether a file with these bytes was accepted already."""
    found = conn.execute(select(submission.c.id).where(submission.c.file_hash == file_hash)).first()
    return found is not None


def store_submission(
    conn: Connection,
    record: SubmissionRecord,
    observations: list[NewObservation],
    narratives: list[NarrativeItem],
    attempt: Intake | None = None,
) -> StoreOutcome:
    """Store one accepted workbook with its figures, narrative and intake record, inside ``conn``'s transaction.

    A figure equal to the one that counts now (same value and status) is not
    stored again; any other becomes a new row pointing at the row it replaces.
    """
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
        log_intake(conn, attempt, submission_id)
    return StoreOutcome(submission_id, created, replaced, unchanged)


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
