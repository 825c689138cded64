"""Ingest: guard, read, validate and store returned forms, one transaction per file.

Everything works on a file's bytes: a path is read once, an upload arrives as
bytes, and the same bytes are hashed, archived and parsed. A file with any
error stores nothing. A file already stored (same bytes) changes nothing and
says so. Everything else is stored with its history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog
from ..errors import UsageError
from ..model import Clock, Intake, NewObservation, Outcome, Period, SubmissionRecord
from ..numbers import format_moment
from ..store import Store, content_hash, suffix_of
from .findings import Finding, finding
from .guard import DEFAULT_LIMITS, Limits, inspect, inspect_path, workbooks_in
from .sandbox import CRASHED, TIMEOUT, SandboxError, read_form_bounded
from .validation import CheckedForm, validate_form

ACCEPTED, REJECTED, DUPLICATE, CHECKED = Outcome.ACCEPTED, Outcome.REJECTED, Outcome.DUPLICATE, Outcome.CHECKED


@dataclass
class FileResult:
    """The outcome for one file: its status, every finding, and what storing it changed."""

    name: str
    status: Outcome
    findings: list[Finding] = field(default_factory=list)
    department: str = ""
    period: str = ""
    created: int = 0
    replaced: list[tuple[NewObservation, str]] = field(default_factory=list)
    unchanged: int = 0
    not_counted: list[tuple[NewObservation, str]] = field(default_factory=list)
    """Estimates stored but not counted: a final figure exists (with that final value)."""
    file_hash: str = ""
    path: Path | None = None

    @property
    def ok(self) -> bool:
        return self.status != REJECTED

    def to_dict(self) -> dict[str, object]:
        return {
            "file": str(self.path) if self.path is not None else self.name,
            "status": str(self.status),
            "department": self.department,
            "period": self.period,
            "created": self.created,
            "replaced": [
                {"indicator": o.indicator, "period": str(o.period), "basis": str(o.basis), "old": old,
                 "new": str(o.value)}
                for o, old in self.replaced
            ],
            "unchanged": self.unchanged,
            "not_counted": [
                {"indicator": o.indicator, "period": str(o.period), "basis": str(o.basis), "value": str(o.value),
                 "final": final}
                for o, final in self.not_counted
            ],
            "findings": [f.to_dict() for f in self.findings],
        }


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder replaced by the workbooks in it and its subfolders, by their path in it.

    A folder with no workbook anywhere in it stays as it is, so that checking
    it says so (``file.no_workbook``) instead of doing nothing.
    """
    out: list[Path] = []
    for path in paths:
        found = workbooks_in(path) if path.is_dir() and not path.is_symlink() else []
        out.extend(found or [path])
    return out


def read_upload(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[bytes, Finding | None]:
    """A file's bytes (at most one byte over the size limit), or the finding that explains why there are none."""
    problem = inspect_path(path)
    if problem:
        return b"", finding(problem[0], str(path), **problem[1])
    try:
        with path.open("rb") as handle:
            return handle.read(limits.max_bytes + 1), None
    except OSError as exc:
        return b"", finding("file.unreadable", path.name, detail=exc.strerror or type(exc).__name__)


def check_bytes(data: bytes, name: str, catalog: Catalog, expected_period: Period | None = None,
                limits: Limits = DEFAULT_LIMITS, store: Store | None = None,
                expected_department: str | None = None) -> CheckedForm:
    """Guard, read (in a bounded child process) and validate one file's bytes; never writes.

    With a ``store``, the checks against history (year to date, estimate vs
    final, plausibility) use its current values. ``expected_department``
    refuses a form of any other department (a clerk's upload).
    """
    checked = CheckedForm(file=name)
    problem = inspect(data, limits)
    if problem:
        checked.findings.append(finding(problem[0], name, **problem[1]))
        return checked
    try:
        raw = read_form_bounded(data, limits)
    except SandboxError as exc:
        if exc.reason == TIMEOUT:
            checked.findings.append(finding("file.timeout", name, seconds=f"{limits.seconds:g}"))
        elif exc.reason == CRASHED:
            checked.findings.append(finding("file.reader_crashed", name, detail=exc.detail))
        else:
            checked.findings.append(finding("file.unreadable", name, detail=exc.detail[:200]))
        return checked
    history = None
    if store is not None:
        try:
            period: Period | None = Period.parse(raw.meta.get("period", ""))
        except UsageError:
            period = None
        department = raw.meta.get("department", "")
        if period is not None and department in catalog.departments:
            codes = [i.code for i in catalog.indicators_of(department)]
            history = store.current_values(Period(period.year - 2, 1), period, codes)
    return validate_form(raw, catalog, name, expected_period, history, expected_department)


def check_file(path: Path, catalog: Catalog, expected_period: Period | None = None,
               limits: Limits = DEFAULT_LIMITS, store: Store | None = None) -> FileResult:
    """Check one file as a dry run: every finding, nothing written (the store, if given, is only read)."""
    data, unreadable = read_upload(path, limits)
    if unreadable is not None:
        return FileResult(path.name, REJECTED, [unreadable], path=path)
    checked = check_bytes(data, path.name, catalog, expected_period, limits, store)
    return _result(checked, CHECKED if checked.accepted else REJECTED, content_hash(data), path)


def check_files(paths: Iterable[Path], catalog: Catalog, expected_period: Period | None = None,
                limits: Limits = DEFAULT_LIMITS, store: Store | None = None) -> list[FileResult]:
    """:func:`check_file` for every file (folders expanded)."""
    return [check_file(path, catalog, expected_period, limits, store) for path in expand_paths(paths)]


def _result(checked: CheckedForm, status: Outcome, file_hash: str, path: Path | None) -> FileResult:
    return FileResult(checked.file, status, list(checked.findings), checked.department,
                      str(checked.period or ""), file_hash=file_hash, path=path)


def ingest_bytes(data: bytes, name: str, catalog: Catalog, store: Store, *, clock: Clock, actor: str,
                 expected_period: Period | None = None, limits: Limits = DEFAULT_LIMITS,
                 force: bool = False, expected_department: str | None = None) -> FileResult:
    """Validate one file's bytes and store them if they are accepted.

    Every attempt with bytes is archived by content hash (durably, before
    anything refers to it) and logged in the intake table. An accepted
    file's figures, narrative and intake record are one transaction, which
    also decides whether the period is locked and whether the same bytes
    came before. ``clock`` stamps the attempt and ``actor`` names who made it.
    """
    checked = check_bytes(data, name, catalog, expected_period, limits, store, expected_department)
    digest = content_hash(data)
    result = _result(checked, REJECTED, digest, None)
    received = clock()
    if data:
        store.archive.put(data, digest, suffix_of(name))
    errors = len(checked.errors)
    attempt = Intake(name, digest, checked.department, str(checked.period or ""), REJECTED, errors,
                     len(checked.findings) - errors, received, actor)
    if errors or checked.period is None:
        store.log_intake(attempt)
        return result
    record = SubmissionRecord(
        file_name=name,
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
    outcome = store.submit(record, checked.observations, checked.narratives, attempt, force)
    month_name = checked.period.month_name
    if outcome.status == REJECTED and outcome.lock is not None:
        result.findings.append(finding("period.locked", name, period=month_name,
                                       locked_at=format_moment(outcome.lock.locked_at),
                                       locked_by=outcome.lock.locked_by))
        return result
    if outcome.lock is not None:
        result.findings.append(finding("period.locked_forced", name, period=month_name, actor=actor or "?"))
    result.status = outcome.status
    if outcome.status == DUPLICATE:
        result.findings.append(finding("file.duplicate", name))
        return result
    result.created = outcome.created
    result.replaced = [(obs, str(old)) for obs, old in outcome.replaced]
    result.unchanged = outcome.unchanged
    result.not_counted = [(obs, str(final)) for obs, final in outcome.not_counted]
    return result


def ingest_file(path: Path, catalog: Catalog, store: Store, *, clock: Clock, actor: str,
                expected_period: Period | None = None, limits: Limits = DEFAULT_LIMITS,
                force: bool = False) -> FileResult:
    """:func:`ingest_bytes` on a file read once from ``path``."""
    data, unreadable = read_upload(path, limits)
    if unreadable is not None:
        return FileResult(path.name, REJECTED, [unreadable], path=path)
    result = ingest_bytes(data, path.name, catalog, store, clock=clock, actor=actor,
                          expected_period=expected_period, limits=limits, force=force)
    result.path = path
    return result


def ingest(paths: Iterable[Path], catalog: Catalog, store: Store, *, clock: Clock, actor: str,
           expected_period: Period | None = None, limits: Limits = DEFAULT_LIMITS,
           force: bool = False) -> list[FileResult]:
    """Ingest every file (folders expanded); each file is its own transaction."""
    return [ingest_file(path, catalog, store, clock=clock, actor=actor, expected_period=expected_period,
                        limits=limits, force=force)
            for path in expand_paths(paths)]
