"""Ingest: guard, read, validate and store returned forms, one transaction per file.

Everything works on a file's bytes: a path is read once, an upload arrives as
bytes, and the same bytes are hashed, archived and parsed. A file with any
error stores nothing. A file already stored (same bytes) changes nothing and
says so. Everything else is stored with its history.

A batch (:func:`ingest_each`, :func:`check_each`) keeps the reader workers
busy with the next files while it validates and stores the ones read, and
reads the store's history once: each file is checked against the store as
it was when the batch needed it, plus the files the batch stored before it.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog
from ..errors import UsageError
from ..heap import own_collections
from ..model import STATUS_RANK, Basis, Clock, Intake, NewObservation, Observed, Outcome, Period, SubmissionRecord
from ..numbers import format_moment
from ..store import Archive, Store, content_hash, suffix_of
from .findings import Finding, finding
from .guard import DEFAULT_LIMITS, Limits, inspect_path, workbooks_in
from .reading import RawForm
from .sandbox import CRASHED, TIMEOUT, ReaderPool, SandboxError, shared_pool
from .validation import CheckedForm, History, validate_form

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
    return list(_expanded(paths))


def _expanded(paths: Iterable[Path]) -> Iterator[Path]:
    """:func:`expand_paths`, one path at a time: a batch starts on the first files while later ones are named."""
    for path in paths:
        found = workbooks_in(path) if path.is_dir() and not path.is_symlink() else []
        yield from found or [path]


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


def _unread(exc: SandboxError, name: str, limits: Limits) -> Finding:
    """Why the worker did not read the file, as a finding."""
    if exc.problem is not None:
        return finding(exc.problem[0], name, **exc.problem[1])
    if exc.reason == TIMEOUT:
        return finding("file.timeout", name, seconds=f"{limits.seconds:g}")
    if exc.reason == CRASHED:
        return finding("file.reader_crashed", name, detail=exc.detail)
    return finding("file.unreadable", name, detail=exc.detail[:200])


def _form_key(raw: RawForm, catalog: Catalog) -> tuple[str, Period] | None:
    """The department and period a read form says it is for, when both are known."""
    try:
        period = Period.parse(raw.meta.get("period", ""))
    except UsageError:
        return None
    department = raw.meta.get("department", "")
    return (department, period) if department in catalog.departments else None


def _window(period: Period) -> tuple[Period, Period]:
    """The months whose monthly figures the checks of a form for ``period`` look at."""
    return Period(period.year - 2, 1), period


class _History:
    """The store's current values for the checks against history, read once for a batch.

    The checks look at monthly figures over a span of months, and at the
    month before a form's own in the basis its cells report (a cumulative
    figure's year to date): the values read are those, for every indicator
    (for a single form, only its department's). A form outside the span
    widens it by reading the months it adds; a form for another month reads
    that month's previous one. What the batch stores is added as it is
    stored, by the store's own rule: a final figure beats an estimate, and
    among equals the newer counts.
    """

    def __init__(self, store: Store | None, catalog: Catalog, batch: bool = True) -> None:
        self.store, self.catalog, self.batch = store, catalog, batch
        self.span: tuple[Period, Period] | None = None
        self.previous: set[Period] = set()
        """The months whose figures of every basis are held (the month before each form's)."""
        self.values: dict[tuple[str, Period, str], Observed] = {}

    def of(self, raw: RawForm) -> History | None:
        key = _form_key(raw, self.catalog)
        if self.store is None or key is None:
            return None
        first, last = _window(key[1])
        codes = None if self.batch else [i.code for i in self.catalog.indicators_of(key[0])]
        if self.span is None:
            self._read(first, last, codes)
            self.span = (first, last)
        if first < self.span[0]:  # months before those held: read those alone
            self._read(first, self.span[0].previous, codes)
            self.span = (first, self.span[1])
        if last > self.span[1]:  # months after: likewise (a batch going through the months one by one)
            self._read(self.span[1].next, last, codes)
            self.span = (self.span[0], last)
        if key[1].previous not in self.previous:
            self.previous.add(key[1].previous)
            self._read(key[1].previous, key[1].previous, codes, Basis.YTD)
        return self.values

    def _read(self, first: Period, last: Period, codes: list[str] | None, basis: Basis = Basis.MONTH) -> None:
        assert self.store is not None  # it holds what the batch stored so far: what it says counts
        self.values.update(self.store.current_values(first, last, codes, basis))

    def add(self, observations: Iterable[NewObservation]) -> None:
        """Figures just stored: each counts from now on unless the value held is final and it is an estimate."""
        if self.span is None:
            return
        for obs in observations:
            if not self.span[0] <= obs.period <= self.span[1]:
                continue
            key = (obs.indicator, obs.period, str(obs.basis))
            held = self.values.get(key)
            if held is None or STATUS_RANK[obs.status] >= STATUS_RANK[held.status]:
                self.values[key] = Observed(obs.value, obs.status)


def _checked(name: str, read: RawForm | Finding, catalog: Catalog, expected_period: Period | None,
             history: _History, expected_department: str | None) -> CheckedForm:
    if isinstance(read, Finding):
        return CheckedForm(file=name, findings=[read])
    return validate_form(read, catalog, name, expected_period, history.of(read), expected_department)


@dataclass
class _Arrival:
    """One file to check: its name, its bytes (none when they could not be had) and where it came from."""

    name: str
    data: bytes | None
    problem: Finding | None = None
    path: Path | None = None


def _arrival(path: Path, limits: Limits) -> _Arrival:
    data, unreadable = read_upload(path, limits)
    return _Arrival(path.name, None, unreadable, path) if unreadable is not None else _Arrival(path.name, data,
                                                                                              path=path)


def _read_each(arrivals: Iterable[_Arrival], limits: Limits, readers: ReaderPool | None,
               archive: Archive | None = None) -> Iterator[tuple[_Arrival, RawForm | Finding]]:
    """Each arrival with its read form, or the finding that says why there is none (the guard's among them:
    it runs in the worker, before the reader); the workers read ahead, keeping the bytes in ``archive`` first
    when one is given."""
    pool = readers or shared_pool(limits)
    items = ((a, a.data if a.problem is None else None) for a in arrivals)
    keep = None if archive is None else (lambda arrival: (archive, suffix_of(arrival.name)))
    for arrival, read in pool.read_all(items, limits, keep):
        if arrival.problem is not None:
            yield arrival, arrival.problem
        elif isinstance(read, SandboxError):
            yield arrival, _unread(read, arrival.name, limits)
        else:
            assert read is not None
            yield arrival, read


def check_bytes(data: bytes, name: str, catalog: Catalog, expected_period: Period | None = None,
                limits: Limits = DEFAULT_LIMITS, store: Store | None = None,
                expected_department: str | None = None, readers: ReaderPool | None = None) -> CheckedForm:
    """Guard, read (in a bounded reader worker, of ``readers`` or the process's own) and validate one file's bytes;
    never writes.

    With a ``store``, the checks against history (year to date, estimate vs
    final, plausibility) use its current values. ``expected_department``
    refuses a form of any other department (a clerk's upload).
    """
    [(_, read)] = _read_each([_Arrival(name, data)], limits, readers)
    return _checked(name, read, catalog, expected_period, _History(store, catalog, batch=False), expected_department)


def check_each(paths: Iterable[Path], catalog: Catalog, expected_period: Period | None = None,
               limits: Limits = DEFAULT_LIMITS, store: Store | None = None,
               readers: ReaderPool | None = None) -> Generator[FileResult, None, None]:
    """Check every file (folders expanded) as a dry run, one result at a time in order; nothing is written."""
    history = _History(store, catalog)
    with own_collections():
        for arrival, read in _read_each((_arrival(path, limits) for path in _expanded(paths)), limits, readers):
            yield _check_read(arrival, read, catalog, expected_period, history)


def check_file(path: Path, catalog: Catalog, expected_period: Period | None = None,
               limits: Limits = DEFAULT_LIMITS, store: Store | None = None,
               readers: ReaderPool | None = None) -> FileResult:
    """Check one file as a dry run: every finding, nothing written (the store, if given, is only read)."""
    [(arrival, read)] = _read_each([_arrival(path, limits)], limits, readers)
    return _check_read(arrival, read, catalog, expected_period, _History(store, catalog, batch=False))


def check_files(paths: Iterable[Path], catalog: Catalog, expected_period: Period | None = None,
                limits: Limits = DEFAULT_LIMITS, store: Store | None = None,
                readers: ReaderPool | None = None) -> list[FileResult]:
    """:func:`check_each`, all at once."""
    return list(check_each(paths, catalog, expected_period, limits, store, readers))


def _check_read(arrival: _Arrival, read: RawForm | Finding, catalog: Catalog, expected_period: Period | None,
                history: _History) -> FileResult:
    """A dry run's result for one file read (or not) by a worker."""
    checked = _checked(arrival.name, read, catalog, expected_period, history, None)
    digest = "" if arrival.data is None else content_hash(arrival.data)
    return _result(checked, CHECKED if checked.accepted else REJECTED, digest, arrival.path)


def _result(checked: CheckedForm, status: Outcome, file_hash: str, path: Path | None) -> FileResult:
    return FileResult(checked.file, status, list(checked.findings), checked.department,
                      str(checked.period or ""), file_hash=file_hash, path=path)


def _store(checked: CheckedForm, data: bytes, name: str, store: Store, clock: Clock, actor: str,
           force: bool) -> FileResult:
    """Archive the bytes (found in place when the reader worker kept them), then store the checked form (or log
    the rejected attempt) in one transaction."""
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


def _ingest_read(arrival: _Arrival, read: RawForm | Finding, catalog: Catalog, store: Store, history: _History,
                 clock: Clock, actor: str, expected_period: Period | None, force: bool,
                 expected_department: str | None = None) -> FileResult:
    if arrival.data is None:  # no bytes to keep: the path itself was the problem
        return FileResult(arrival.name, REJECTED, [read] if isinstance(read, Finding) else [], path=arrival.path)
    checked = _checked(arrival.name, read, catalog, expected_period, history, expected_department)
    result = _store(checked, arrival.data, arrival.name, store, clock, actor, force)
    if result.status == ACCEPTED:
        history.add(checked.observations)
    result.path = arrival.path
    return result


def ingest_bytes(data: bytes, name: str, catalog: Catalog, store: Store, *, clock: Clock, actor: str,
                 expected_period: Period | None = None, limits: Limits = DEFAULT_LIMITS,
                 force: bool = False, expected_department: str | None = None,
                 readers: ReaderPool | None = None) -> FileResult:
    """Validate one file's bytes and store them if they are accepted.

    Every attempt with bytes is archived by content hash (durably, before
    anything refers to it) and logged in the intake table. An accepted
    file's figures, narrative and intake record are one transaction, which
    also decides whether the period is locked and whether the same bytes
    came before. ``clock`` stamps the attempt and ``actor`` names who made it.
    """
    [(arrival, read)] = _read_each([_Arrival(name, data)], limits, readers, store.archive)
    return _ingest_read(arrival, read, catalog, store, _History(store, catalog, batch=False), clock, actor,
                        expected_period, force, expected_department)


def ingest_file(path: Path, catalog: Catalog, store: Store, *, clock: Clock, actor: str,
                expected_period: Period | None = None, limits: Limits = DEFAULT_LIMITS,
                force: bool = False, readers: ReaderPool | None = None) -> FileResult:
    """:func:`ingest_bytes` on a file read once from ``path``."""
    [(arrival, read)] = _read_each([_arrival(path, limits)], limits, readers, store.archive)
    return _ingest_read(arrival, read, catalog, store, _History(store, catalog, batch=False), clock, actor,
                        expected_period, force)


def ingest_each(paths: Iterable[Path], catalog: Catalog, store: Store, *, clock: Clock, actor: str,
                expected_period: Period | None = None, limits: Limits = DEFAULT_LIMITS,
                force: bool = False, readers: ReaderPool | None = None) -> Generator[FileResult, None, None]:
    """Ingest every file (folders expanded), each its own transaction, yielding each result once it is stored.

    The reader workers read the next files while this one is checked and
    stored; history is read once for the batch (see the module's note). A
    file is stored only when its result is asked for, so ``clock`` is read
    then: a caller replaying arrivals can set it between results.
    """
    history = _History(store, catalog)
    with own_collections():
        arrivals = (_arrival(path, limits) for path in _expanded(paths))
        for arrival, read in _read_each(arrivals, limits, readers, store.archive):
            yield _ingest_read(arrival, read, catalog, store, history, clock, actor, expected_period, force)


def ingest(paths: Iterable[Path], catalog: Catalog, store: Store, *, clock: Clock, actor: str,
           expected_period: Period | None = None, limits: Limits = DEFAULT_LIMITS,
           force: bool = False, readers: ReaderPool | None = None) -> list[FileResult]:
    """:func:`ingest_each`, all at once."""
    return list(ingest_each(paths, catalog, store, clock=clock, actor=actor, expected_period=expected_period,
                            limits=limits, force=force, readers=readers))
