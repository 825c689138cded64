"""``reportgen ingest``, ``validate`` and ``status``: returned forms checked, stored, and followed up."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from reportgen import (
    DEFAULT_LIMITS, FileResult, Limits, Outcome, Period, Store, annotate_copy, check_files, ingest,
    period_status, store_exists,
)
from reportgen.messages import STATE_TEXT, STATUS_TEXT

from .common import (
    F, actor, catalog_option, console, db_option, fail_cleanly, json_option, open_catalog, period_option,
    system_clock, user_option, parse_period,
)


def _print_result(result: FileResult) -> None:
    mark = {Outcome.ACCEPTED: "✔", Outcome.DUPLICATE: "=", Outcome.REJECTED: "✘"}.get(result.status, "✔")
    who = f" ({result.department}, kỳ {result.period})" if result.department and result.period else ""
    line = f"{mark} {STATUS_TEXT[result.status]}: {result.name}{who}"
    if result.status == Outcome.ACCEPTED:
        line += f" - {result.created} số liệu mới, {len(result.replaced)} thay thế, {result.unchanged} không đổi"
    console.print(line, markup=False)
    for obs, old in result.replaced:
        console.print(f"    thay thế {obs.indicator} {obs.period} ({obs.basis}): {old} → {obs.value}", markup=False)
    for item in result.findings:
        console.print(f"    {item}", markup=False)


def _summary_table(results: list[FileResult]) -> Table:
    """The import summary: per file, what was created, replaced, unchanged and ignored."""
    table = Table(title="Tổng hợp tiếp nhận")
    counts = ("Mới", "Thay thế", "Không đổi", "Bỏ qua", "Lỗi", "Cảnh báo")
    for title in ("Tệp", "Đơn vị", "Kỳ", "Kết quả", *counts):
        table.add_column(title, justify="right" if title in counts else "left")
    for r in results:
        errors = sum(1 for f in r.findings if f.is_error)
        ignored = sum(1 for f in r.findings if f.code == "cell.not_applicable")
        table.add_row(r.name, r.department or "-", r.period or "-", STATUS_TEXT[r.status], str(r.created),
                      str(len(r.replaced)), str(r.unchanged), str(ignored), str(errors),
                      str(len(r.findings) - errors))
    return table


def _annotate(results: list[FileResult], folder: Path) -> dict[str, Path | None]:
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
                console.print(f"    Bản đánh dấu lỗi: {copies[result.name]}", markup=False)
        rejected = sum(1 for r in results if not r.ok)
        console.print(f"Tổng cộng {len(results)} tệp: {len(results) - rejected} hợp lệ, {rejected} bị từ chối.")
        console.print(_summary_table(results))
    if any(not r.ok for r in results) or not results:
        sys.exit(1)


def _ingest_options(func: F) -> F:
    options: list[Callable[[Any], Any]] = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path)),
        json_option,
        click.option("--period", "expected", callback=parse_period, default=None, metavar="YYYY-MM",
                     help="Chỉ nhận biểu mẫu của kỳ này."),
        click.option("--annotate", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="Ghi bản sao từng tệp có đánh dấu lỗi vào thư mục này."),
        click.option("--max-size", type=click.IntRange(1), default=DEFAULT_LIMITS.max_bytes // (1024 * 1024),
                     show_default=True, help="Dung lượng tối đa một tệp (MB)."),
        click.option("--timeout", type=click.FloatRange(0.1), default=DEFAULT_LIMITS.seconds, show_default=True,
                     help="Thời gian đọc tối đa một tệp (giây)."),
        db_option,
        catalog_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _limits(max_size: int, timeout: float) -> Limits:
    return replace(DEFAULT_LIMITS, max_bytes=max_size * 1024 * 1024, seconds=timeout)


def _check(paths: tuple[Path, ...], as_json: bool, expected: Period | None, max_size: int, timeout: float,
           annotate: Path | None, db: str, catalog_path: Path | None) -> None:
    """Check only: an existing store is read for the checks against history, never created or written."""
    catalog = open_catalog(catalog_path)
    limits = _limits(max_size, timeout)
    if store_exists(db):
        with Store.open(db) as store:
            results = check_files(list(paths), catalog, expected, limits, store)
    else:
        results = check_files(list(paths), catalog, expected, limits)
    _report(results, as_json, None if annotate is None else _annotate(results, annotate))


@click.command("ingest")
@_ingest_options
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra, không lưu.")
@click.option("--force", is_flag=True, help="Nhận cả biểu mẫu của kỳ đã khóa sổ (được ghi lại).")
@user_option
@fail_cleanly
def ingest_cmd(paths: tuple[Path, ...], dry_run: bool, as_json: bool, expected: Period | None, force: bool,
               user: str | None, max_size: int, timeout: float, annotate: Path | None, db: str,
               catalog_path: Path | None) -> None:
    """Kiểm tra và tiếp nhận biểu mẫu đã điền (tệp hoặc thư mục)."""
    if dry_run:
        _check(paths, as_json, expected, max_size, timeout, annotate, db, catalog_path)
        return
    catalog = open_catalog(catalog_path)
    with Store.open(db) as store:
        results = ingest(list(paths), catalog, store, clock=system_clock, actor=actor(user),
                         expected_period=expected, limits=_limits(max_size, timeout), force=force)
    _report(results, as_json, None if annotate is None else _annotate(results, annotate))


@click.command("validate")
@_ingest_options
@fail_cleanly
def validate_cmd(paths: tuple[Path, ...], as_json: bool, expected: Period | None, max_size: int, timeout: float,
                 annotate: Path | None, db: str, catalog_path: Path | None) -> None:
    """Chỉ kiểm tra biểu mẫu (không lưu gì); có thể ghi bản đánh dấu lỗi."""
    _check(paths, as_json, expected, max_size, timeout, annotate, db, catalog_path)


@click.command("status")
@period_option
@json_option
@db_option
@catalog_option
@fail_cleanly
def status_cmd(period: Period, as_json: bool, db: str, catalog_path: Path | None) -> None:
    """Tình hình nộp biểu mẫu của các đơn vị trong kỳ."""
    catalog = open_catalog(catalog_path)
    with Store.open(db) as store:
        status = period_status(catalog, store, period)
        lock = store.lock_of(period)
    if as_json:
        click.echo(json.dumps(status.to_dict() | {"locked": lock is not None}, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Tình hình nộp biểu mẫu {period.month_name}")
    for title in ("Mã", "Đơn vị", "Hạn nộp", "Tình trạng", "Đúng hạn", "Cảnh báo", "Số lần nộp", "Lần nộp cuối"):
        table.add_column(title)
    for row in status.departments:
        timely = "-" if row.on_time is None else ("Đúng hạn" if row.on_time else "Trễ hạn")
        table.add_row(row.department, row.name, row.deadline, STATE_TEXT[row.state], timely, str(row.warnings),
                      str(row.attempts), row.last_at or "-")
    console.print(table)
    console.print(f"Đã nhận {status.received}/{len(status.departments)} biểu mẫu ({status.share:.0%})."
                  + (f" Kỳ đã khóa sổ lúc {lock['locked_at']} bởi {lock['locked_by']}." if lock else ""))
