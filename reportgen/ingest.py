"""Ingest: read, validate and store returned forms, one transaction per file.

A file with any error stores nothing. A file already stored (same bytes)
changes nothing and says so. Everything else is stored with its history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog
from .errors import ReportgenError
from .findings import Finding, finding
from .periods import Period
from .guard import DEFAULT_LIMITS, Limits, inspect_bytes, inspect_path, inspect_zip
from .sandbox import CRASHED, TIMEOUT, SandboxFailure, read_form_bounded
from .store import Intake, NewObservation, Store, StoreOutcome, SubmissionRecord
from .validation import CheckedForm, validate_form

ACCEPTED, REJECTED, DUPLICATE, CHECKED = "accepted", "rejected", "duplicate", "checked"

STATUS_TEXT = {
    ACCEPTED: "ĐÃ TIẾP NHẬN",
    REJECTED: "BỊ TỪ CHỐI",
    DUPLICATE: "ĐÃ CÓ, KHÔNG THAY ĐỔI",
    CHECKED: "HỢP LỆ (CHƯA LƯU)",
}


@dataclass
class FileResult:
    """The outcome for one file."""

    path: Path
    status: str
    findings: list[Finding] = field(default_factory=list)
    department: str = ""
    period: str = ""
    created: int = 0
    replaced: list[tuple[NewObservation, str]] = field(default_factory=list)
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return self.status != REJECTED

    def to_dict(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "status": self.status,
            "department": self.department,
            "period": self.period,
            "created": self.created,
            "replaced": [
                {"indicator": o.indicator, "period": str(o.period), "basis": o.basis, "old": old,
                 "new": str(o.value)}
                for o, old in self.replaced
            ],
            "unchanged": self.unchanged,
            "findings": [f.to_dict() for f in self.findings],
        }


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders replaced by the .xlsx files in them, sorted by name."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".xlsx" and p.is_file()
                              and not p.name.startswith("~$")))
        else:
            out.append(path)
    return out


def check_file(path: Path, catalog: Catalog, expected_period: Period | None = None,
               limits: Limits = DEFAULT_LIMITS, store: Store | None = None) -> tuple[CheckedForm, bytes]:
    """Guard, read (in a bounded child process) and validate one file; never writes to the store.

    With a ``store``, the checks against history (year to date, estimate vs
    final, plausibility) use its current values.
    """
    name = path.name
    checked = CheckedForm(file=name)
    problem = inspect_path(path)
    if problem:
        checked.findings.append(finding(problem[0], str(path), **problem[1]))
        return checked, b""
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        checked.findings.append(finding("file.unreadable", name, detail=exc.strerror or type(exc).__name__))
        return checked, b""
    problem = inspect_bytes(data, limits) or inspect_zip(path, limits)
    if problem:
        checked.findings.append(finding(problem[0], name, **problem[1]))
        return checked, data
    try:
        raw = read_form_bounded(path, limits)
    except SandboxFailure as exc:
        if exc.reason == TIMEOUT:
            checked.findings.append(finding("file.timeout", name, seconds=f"{limits.seconds:g}"))
        elif exc.reason == CRASHED:
            checked.findings.append(finding("file.reader_crashed", name, detail=exc.detail))
        else:
            checked.findings.append(finding("file.unreadable", name, detail=exc.detail[:200]))
        return checked, data
    history = None
    if store is not None:
        try:
            period = Period.parse(raw.meta.get("period", ""))
        except ReportgenError:
            period = None
        department = raw.meta.get("department", "")
        if period is not None and department in catalog.departments:
            codes = [i.code for i in catalog.indicators_of(department)]
            history = store.current_values(Period(period.year - 2, 1), period, codes)
    return validate_form(raw, catalog, name, expected_period, history), data


def ingest_file(
    path: Path,
    catalog: Catalog,
    store: Store | None,
    expected_period: Period | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    limits: Limits = DEFAULT_LIMITS,
    actor: str = "",
    force: bool = False,
    dry_run: bool = False,
) -> FileResult:
    """Validate one file and, unless ``store`` is ``None`` or ``dry_run``, store it.

    In a dry run the store, if any, is only read, for the checks against history.

    Every attempt with readable bytes is archived by content hash and logged
    in the intake table; figures are stored only from an accepted file, in
    one transaction with its intake record.
    """
    checked, data = check_file(path, catalog, expected_period, limits, store)
    result = FileResult(path=path, status=REJECTED, findings=list(checked.findings),
                        department=checked.department, period=str(checked.period or ""))
    if store is None or dry_run:
        if checked.accepted:
            result.status = CHECKED
        return result
    received = now().isoformat(timespec="seconds")
    digest = hashlib.sha256(data).hexdigest()
    if data:
        store.archive(data, digest, path.suffix.lower() or ".bin")
    if checked.accepted and checked.period is not None:
        lock = store.lock_of(checked.period)
        if lock is not None and not force:
            result.findings.append(finding("period.locked", path.name, period=checked.period.month_name,
                                           locked_at=lock["locked_at"], locked_by=lock["locked_by"]))
        elif lock is not None:
            store.record_forced(checked.period, actor, received, path.name)
            result.findings.append(finding("period.locked_forced", path.name, period=checked.period.month_name,
                                           actor=actor or "?"))
    errors = sum(1 for f in result.findings if f.is_error)
    warnings = len(result.findings) - errors

    def attempt(status: str) -> Intake:
        return Intake(path.name, digest, checked.department, str(checked.period or ""), status, errors,
                      warnings, received, actor)

    if errors:
        store.log_intake(attempt(REJECTED))
        return result
    if store.has_file(digest):
        result.status = DUPLICATE
        result.findings.append(finding("file.duplicate", path.name))
        store.log_intake(attempt(DUPLICATE))
        return result
    assert checked.period is not None
    record = SubmissionRecord(
        file_name=path.name,
        file_hash=digest,
        department=checked.department,
        period=checked.period,
        form_version=checked.form_version,
        catalog_version=checked.catalog_version,
        received_at=received,
        preparer=checked.preparer,
        phone=checked.phone,
        prepared_on=checked.prepared_on,
    )
    outcome: StoreOutcome = store.store_submission(record, checked.observations, checked.narratives,
                                                   attempt(ACCEPTED))
    result.status = ACCEPTED
    result.created = outcome.created
    result.replaced = [(obs, str(old)) for obs, old in outcome.replaced]
    result.unchanged = outcome.unchanged
    return result


def ingest(
    paths: Iterable[Path],
    catalog: Catalog,
    store: Store | None,
    expected_period: Period | None = None,
    limits: Limits = DEFAULT_LIMITS,
    actor: str = "",
    force: bool = False,
    dry_run: bool = False,
) -> list[FileResult]:
    """Ingest every file (folders expanded); each file is its own transaction."""
    return [ingest_file(path, catalog, store, expected_period, limits=limits, actor=actor, force=force,
                        dry_run=dry_run)
            for path in expand_paths(paths)]
