"""``reportgen ingest``, ``validate`` and ``status``: returned forms checked, stored, and followed up."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.table import Table

from reportgen import DEFAULT_LIMITS, Limits, Outcome, Period, ReportgenError, format_moment, format_plain
from reportgen.messages import (
    CHECK_PROGRESS,
    COMMAND_HELP,
    HELP_ANNOTATE,
    HELP_DRY_RUN,
    HELP_INGEST_FORCE,
    HELP_INGEST_PERIOD,
    HELP_MAX_SIZE,
    HELP_TIMEOUT,
    INGEST_PROGRESS,
    INTAKE_PARTIAL,
    INTAKE_TOTAL,
    RESULT_ANNOTATED,
    RESULT_COUNTS,
    RESULT_FROM,
    RESULT_NOT_COUNTED,
    RESULT_REPLACED,
    STATE_TEXT,
    STATUS_LOCKED,
    STATUS_RECEIVED,
    STATUS_TABLE_COLUMNS,
    STATUS_TABLE_TITLE,
    STATUS_TEXT,
    SUMMARY_TABLE_COLUMNS,
    SUMMARY_TABLE_COUNTS,
    SUMMARY_TABLE_TITLE,
    TIMELINESS,
)

from .common import (
    F,
    actor,
    catalog_option,
    console,
    db_option,
    finding_line,
    json_option,
    open_catalog,
    open_store,
    parse_period,
    period_option,
    progress_bar,
    system_clock,
    user_option,
)

if TYPE_CHECKING:
    from reportgen import FileResult, ReaderPool


def _print_result(result: FileResult) -> None:
    mark = {Outcome.ACCEPTED: "✔", Outcome.DUPLICATE: "=", Outcome.REJECTED: "✘"}.get(result.status, "✔")
    who = (RESULT_FROM.format(department=result.department, period=result.period)
           if result.department and result.period else "")
    line = f"{mark} {STATUS_TEXT[result.status]}: {result.name}{who}"
    if result.status == Outcome.ACCEPTED:
        line += RESULT_COUNTS.format(created=result.created, replaced=len(result.replaced), unchanged=result.unchanged)
    console.print(line, markup=False)
    for obs, old in result.replaced:
        replaced = RESULT_REPLACED.format(indicator=obs.indicator, period=obs.period, basis=obs.basis,
                                          old=format_plain(Decimal(old)), new=format_plain(obs.value))
        console.print(f"    {replaced}", markup=False)
    for obs, final in result.not_counted:
        ignored = RESULT_NOT_COUNTED.format(indicator=obs.indicator, period=obs.period, basis=obs.basis,
                                            value=format_plain(obs.value), final=format_plain(Decimal(final)))
        console.print(f"    {ignored}", markup=False)
    for item in result.findings:
        console.print(f"    {finding_line(item)}", markup=False)


def _summary_table(results: list[FileResult]) -> Table:
    """The import summary: per file, what was created, replaced, unchanged and ignored."""
    table = Table(title=SUMMARY_TABLE_TITLE)
    counts = SUMMARY_TABLE_COUNTS
    for title in (*SUMMARY_TABLE_COLUMNS, *counts):
        table.add_column(title, justify="right" if title in counts else "left")
    for r in results:
        errors = sum(1 for f in r.findings if f.is_error)
        ignored = sum(1 for f in r.findings if f.code == "cell.not_applicable")
        table.add_row(r.name, r.department or "-", r.period or "-", STATUS_TEXT[r.status], str(r.created),
                      str(len(r.replaced)), str(r.unchanged), str(len(r.not_counted)), str(ignored), str(errors),
                      str(len(r.findings) - errors))
    return table


def _annotate(results: list[FileResult], folder: Path) -> dict[str, Path | None]:
    from reportgen import annotate_copy

    copies: dict[str, Path | None] = {}
    for result in results:
        if result.path is not None and result.path.is_file():
            copies[result.name] = annotate_copy(result.path.read_bytes(), result.name, result.findings, folder)
    return copies


def _report(results: list[FileResult], as_json: bool, copies: dict[str, Path | None] | None) -> None:
    if as_json:
        payload = [r.to_dict() | ({"annotated": str(copies[r.name]) if copies.get(r.name) else None}
                                  if copies is not None else {}) for r in results]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for result in results:
            _print_result(result)
            if copies and copies.get(result.name):
                console.print(f"    {RESULT_ANNOTATED.format(path=copies[result.name])}", markup=False)
        rejected = sum(1 for r in results if not r.ok)
        console.print(INTAKE_TOTAL.format(files=len(results), valid=len(results) - rejected, rejected=rejected))
        console.print(_summary_table(results))
    if any(not r.ok for r in results) or not results:
        sys.exit(1)


def _ingest_options(func: F) -> F:
    options: list[Callable[[Any], Any]] = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path)),
        json_option,
        click.option("--period", "expected", callback=parse_period, default=None, metavar="YYYY-MM",
                     help=HELP_INGEST_PERIOD),
        click.option("--annotate", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help=HELP_ANNOTATE),
        click.option("--max-size", type=click.IntRange(1), default=DEFAULT_LIMITS.max_bytes // (1024 * 1024),
                     show_default=True, help=HELP_MAX_SIZE),
        click.option("--timeout", type=click.FloatRange(0.1), default=DEFAULT_LIMITS.seconds, show_default=True,
                     help=HELP_TIMEOUT),
        db_option,
        catalog_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _limits(max_size: int, timeout: float) -> Limits:
    return replace(DEFAULT_LIMITS, max_bytes=max_size * 1024 * 1024, seconds=timeout)


def _each_file(paths: tuple[Path, ...], label: str, quiet: bool, limits: Limits,
               work: Callable[[list[Path], ReaderPool], Iterator[FileResult]]) -> list[FileResult]:
    """``work`` on every file (folders expanded), with a progress bar on a terminal.

    The reader workers start before the progress bar's thread does (so they
    are forked from this process, not from a fork server). A failure that
    stops the batch (the store, the disk) first says which files were
    already stored, since each was its own transaction and stays.
    """
    from reportgen import ReaderPool, expand_paths

    files = expand_paths(paths)
    results: list[FileResult] = []
    with (ReaderPool(max(1, min(len(files), os.cpu_count() or 1)), limits).start() as readers,
          progress_bar(label, len(files), quiet) as bar):
        [task] = bar.task_ids
        each = work(files, readers)
        while len(results) < len(files):
            path = files[len(results)]
            bar.update(task, description=f"{label} {path.name}")
            try:
                results.append(next(each))
            except ReportgenError:
                stored = [r.name for r in results if r.status == Outcome.ACCEPTED]
                if stored:
                    bar.stop()
                    click.echo(INTAKE_PARTIAL.format(count=len(stored), files=", ".join(stored),
                                                     failed=path.name), err=True)
                raise
            bar.advance(task)
    return results


def _check(paths: tuple[Path, ...], as_json: bool, expected: Period | None, max_size: int, timeout: float,
           annotate: Path | None, db: str, archive: Path | None, catalog_path: Path | None) -> None:
    """Check only: an existing store is read for the checks against history, never created or written."""
    from reportgen import check_each, store_exists

    catalog = open_catalog(catalog_path)
    limits = _limits(max_size, timeout)
    with contextlib.ExitStack() as stack:
        store = stack.enter_context(open_store(db, archive)) if store_exists(db) else None
        results = _each_file(paths, CHECK_PROGRESS, as_json, limits,
                             lambda files, readers: check_each(files, catalog, expected, limits, store, readers))
    _report(results, as_json, None if annotate is None else _annotate(results, annotate))


@click.command("ingest", help=COMMAND_HELP["ingest"])
@_ingest_options
@click.option("--dry-run", is_flag=True, help=HELP_DRY_RUN)
@click.option("--force", is_flag=True, help=HELP_INGEST_FORCE)
@user_option
def ingest_cmd(paths: tuple[Path, ...], dry_run: bool, as_json: bool, expected: Period | None, force: bool,
               user: str | None, max_size: int, timeout: float, annotate: Path | None, db: str, archive: Path | None,
               catalog_path: Path | None) -> None:
    """Check and store returned forms (files or folders); with ``--dry-run``, check only."""
    from reportgen import ingest_each

    if dry_run:
        _check(paths, as_json, expected, max_size, timeout, annotate, db, archive, catalog_path)
        return
    catalog = open_catalog(catalog_path)
    with open_store(db, archive) as store:
        limits, who = _limits(max_size, timeout), actor(user)
        results = _each_file(paths, INGEST_PROGRESS, as_json, limits, lambda files, readers: ingest_each(
            files, catalog, store, clock=system_clock, actor=who, expected_period=expected, limits=limits,
            force=force, readers=readers))
    _report(results, as_json, None if annotate is None else _annotate(results, annotate))


@click.command("validate", help=COMMAND_HELP["validate"])
@_ingest_options
def validate_cmd(paths: tuple[Path, ...], as_json: bool, expected: Period | None, max_size: int, timeout: float,
                 annotate: Path | None, db: str, archive: Path | None, catalog_path: Path | None) -> None:
    """Check returned forms without storing anything; optionally write annotated copies."""
    _check(paths, as_json, expected, max_size, timeout, annotate, db, archive, catalog_path)


@click.command("status", help=COMMAND_HELP["status"])
@period_option
@json_option
@db_option
@catalog_option
def status_cmd(period: Period, as_json: bool, db: str, archive: Path | None, catalog_path: Path | None) -> None:
    """Which departments have returned their forms for the period, and whether the period is locked."""
    from reportgen import period_status

    catalog = open_catalog(catalog_path)
    with open_store(db, archive) as store:
        status = period_status(catalog, store, period)
        lock = store.lock_of(period)
    if as_json:
        locked = None if lock is None else {"at": lock.locked_at.isoformat(), "by": lock.locked_by}
        click.echo(json.dumps(status.to_dict() | {"locked": lock is not None, "lock": locked}, ensure_ascii=False,
                              indent=2))
        return
    table = Table(title=STATUS_TABLE_TITLE.format(month_name=period.month_name))
    for title in STATUS_TABLE_COLUMNS:
        table.add_column(title)
    for row in status.departments:
        timely = "-" if row.on_time is None else TIMELINESS[row.on_time]
        deadline = dt.date.fromisoformat(row.deadline).strftime("%d/%m/%Y")
        table.add_row(row.department, row.name, deadline, STATE_TEXT[row.state], timely, str(row.warnings),
                      str(row.attempts), "-" if row.last_at is None else format_moment(row.last_at))
    console.print(table)
    console.print(STATUS_RECEIVED.format(received=status.received, expected=len(status.departments), share=status.share)
                  + (STATUS_LOCKED.format(locked_at=format_moment(lock.locked_at), locked_by=lock.locked_by)
                     if lock else ""))
