"""Command line: each command parses its arguments, makes one library call, prints.

Exit codes: 0 success; 1 when a file was rejected or the work failed; 2 for a
usage error (bad arguments, unknown period or department).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from . import __version__
from .aggregate import compute_figures, figures_record
from .catalog import Catalog, load_catalog
from .errors import ReportgenError, UsageError
from .forms import write_forms
from .guard import DEFAULT_LIMITS
from .ingest import ACCEPTED, DUPLICATE, REJECTED, STATUS_TEXT, FileResult, ingest
from .periods import Period
from .render import ReportOptions, render_report
from .store import Store, store_exists

F = TypeVar("F", bound=Callable[..., Any])

# Wide when printing to a file or pipe, so tables are never cut for scripts and logs.
console = Console(soft_wrap=True, highlight=False, width=None if sys.stdout.isatty() else 200)


def _fail_cleanly(func: F) -> F:
    """Turn our exceptions into a Vietnamese message and the right exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UsageError as exc:
            click.echo(f"Lỗi: {exc}", err=True)
            sys.exit(2)
        except ReportgenError as exc:
            click.echo(f"Lỗi: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Period | None:
    if value is None:
        return None
    try:
        return Period.parse(value)
    except UsageError as exc:
        raise click.BadParameter(str(exc)) from exc


db_option = click.option("--db", envvar="REPORTGEN_DB", default=None,
                         help="Kho dữ liệu: đường dẫn SQLite hoặc URL SQLAlchemy "
                              "(mặc định $REPORTGEN_DB, rồi outputs/reportgen.sqlite).")
catalog_option = click.option("--catalog", "catalog_path", type=click.Path(dir_okay=False, path_type=Path),
                              default=None, help="Tệp danh mục chỉ tiêu (mặc định templates/catalog.toml).")
period_option = click.option("--period", required=True, callback=_period, metavar="YYYY-MM",
                             help="Kỳ báo cáo, ví dụ 2023-03.")


def _catalog(path: Path | None) -> Catalog:
    return load_catalog(path)


@click.group()
@click.version_option(__version__, prog_name="reportgen")
def main() -> None:
    """reportgen: báo cáo tình hình kinh tế - xã hội hằng tháng từ biểu mẫu Excel của các đơn vị."""


@main.command("catalog")
@catalog_option
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@_fail_cleanly
def catalog_cmd(catalog_path: Path | None, as_json: bool) -> None:
    """Liệt kê danh mục chỉ tiêu."""
    catalog = _catalog(catalog_path)
    if as_json:
        payload = {
            "version": catalog.version,
            "departments": [vars(d) | {"sections": list(d.sections)} for d in catalog.departments.values()],
            "sections": [vars(s) for s in catalog.sections.values()],
            "indicators": [
                {
                    "code": i.code, "name": i.name, "unit": i.unit, "department": i.department,
                    "section": i.section, "frequency": i.frequency, "decimals": i.decimals, "kind": i.kind,
                    "parent": i.parent, "plan_label": i.plan_label, "formula": i.formula,
                    "non_negative": i.non_negative, "direction": i.direction,
                    "plans": {str(y): ([str(v) for v in p] if isinstance(p, tuple) else str(p))
                              for y, p in sorted(i.plans.items())},
                }
                for i in catalog.indicators.values()
            ],
            "targets": [
                {"number": t.number, "name": t.name, "group": t.group, "indicators": list(t.indicators)}
                for t in catalog.targets
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Danh mục chỉ tiêu, phiên bản {catalog.version}")
    for column in ("Mã", "Chỉ tiêu", "ĐVT", "Đơn vị", "Loại", "Kỳ", "KH"):
        table.add_column(column)
    for ind in catalog.indicators.values():
        plans = ", ".join(f"{y}: {p}" for y, p in sorted(ind.plans.items()))
        name = ("  └ " if ind.parent else "") + ind.name
        table.add_row(ind.code, name, ind.unit, ind.department, ind.kind, ind.frequency, plans)
    console.print(table)
    console.print(f"{len(catalog.indicators)} chỉ tiêu, {len(catalog.departments)} đơn vị, "
                  f"{len(catalog.targets)} chỉ tiêu chủ yếu.")


@main.command("forms")
@period_option
@click.option("--department", "departments", multiple=True, metavar="CODE",
              help="Chỉ tạo biểu mẫu cho đơn vị này (có thể lặp lại).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs/forms"),
              show_default=True, help="Thư mục ghi biểu mẫu.")
@db_option
@catalog_option
@_fail_cleanly
def forms_cmd(period: Period, departments: tuple[str, ...], out_dir: Path, db: str | None,
              catalog_path: Path | None) -> None:
    """Tạo biểu mẫu Excel cho các đơn vị (kèm số đã lưu của tháng trước để tham khảo)."""
    catalog = _catalog(catalog_path)
    unknown = [d for d in departments if d not in catalog.departments]
    if unknown:
        raise UsageError(f"Không có đơn vị mã {', '.join(unknown)} trong danh mục.")
    stored = None
    if store_exists(db):
        with Store.open(db) as store:
            stored = store.current_values(Period(period.year, 1), period.previous)
    paths = write_forms(catalog, period, out_dir, list(departments) or None, stored)
    for path in paths:
        click.echo(f"Đã tạo {path}")
    click.echo(f"Tổng cộng {len(paths)} biểu mẫu {period.month_name}.")


def _print_result(result: FileResult) -> None:
    mark = {ACCEPTED: "✔", DUPLICATE: "=", REJECTED: "✘"}.get(result.status, "✔")
    who = f" ({result.department}, kỳ {result.period})" if result.department and result.period else ""
    line = f"{mark} {STATUS_TEXT[result.status]}: {result.path.name}{who}"
    if result.status == ACCEPTED:
        line += f" - {result.created} số liệu mới, {len(result.replaced)} thay thế, {result.unchanged} không đổi"
    console.print(line, markup=False)
    for obs, old in result.replaced:
        console.print(f"    thay thế {obs.indicator} {obs.period} ({obs.basis}): {old} → {obs.value}", markup=False)
    for item in result.findings:
        console.print(f"    {item}", markup=False)


def _summary_table(results: list[FileResult]) -> Table:
    """The import summary: per file, what was created, replaced, unchanged and ignored."""
    table = Table(title="Tổng hợp tiếp nhận")
    for title in ("Tệp", "Đơn vị", "Kỳ", "Kết quả", "Mới", "Thay thế", "Không đổi", "Bỏ qua", "Lỗi", "Cảnh báo"):
        table.add_column(title, justify="right" if title in ("Mới", "Thay thế", "Không đổi", "Bỏ qua", "Lỗi",
                                                             "Cảnh báo") else "left")
    for r in results:
        errors = sum(1 for f in r.findings if f.is_error)
        ignored = sum(1 for f in r.findings if f.code == "cell.not_applicable")
        table.add_row(r.path.name, r.department or "-", r.period or "-", STATUS_TEXT[r.status], str(r.created),
                      str(len(r.replaced)), str(r.unchanged), str(ignored), str(errors),
                      str(len(r.findings) - errors))
    return table


def _run_ingest(paths: tuple[Path, ...], dry_run: bool, as_json: bool, expected: Period | None, force: bool,
                user: str | None, max_size: int, timeout: float, annotate: Path | None, db: str | None,
                catalog_path: Path | None) -> None:
    catalog = _catalog(catalog_path)
    # A dry run reads an existing store (for the checks against history) and never creates one.
    store = Store.open(db) if not dry_run or store_exists(db) else None
    limits = replace(DEFAULT_LIMITS, max_bytes=max_size * 1024 * 1024, seconds=timeout)
    try:
        results = ingest(list(paths), catalog, store, expected, limits=limits, actor=_actor(user), force=force,
                         dry_run=dry_run)
    finally:
        if store is not None:
            store.close()
    copies = {}
    if annotate is not None:
        from .annotate import annotate_copy

        for result in results:
            copies[result.path] = annotate_copy(result.path, result.findings, annotate)
    if as_json:
        payload = [r.to_dict() | ({"annotated": str(copies[r.path]) if copies.get(r.path) else None}
                                  if annotate is not None else {}) for r in results]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for result in results:
            _print_result(result)
            if copies.get(result.path):
                console.print(f"    Bản đánh dấu lỗi: {copies[result.path]}", markup=False)
        rejected = sum(1 for r in results if not r.ok)
        console.print(f"Tổng cộng {len(results)} tệp: {len(results) - rejected} hợp lệ, {rejected} bị từ chối.")
        console.print(_summary_table(results))
    if any(not r.ok for r in results) or not results:
        sys.exit(1)


def _ingest_options(func: F) -> F:
    options = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path)),
        click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON."),
        click.option("--period", "expected", callback=_period, default=None, metavar="YYYY-MM",
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


@main.command("ingest")
@_ingest_options
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra, không lưu.")
@click.option("--force", is_flag=True, help="Nhận cả biểu mẫu của kỳ đã khóa sổ (được ghi lại).")
@click.option("--user", default=None, help="Người tiếp nhận (mặc định tài khoản đang dùng).")
@_fail_cleanly
def ingest_cmd(paths: tuple[Path, ...], dry_run: bool, as_json: bool, expected: Period | None, force: bool,
               user: str | None, max_size: int, timeout: float, annotate: Path | None, db: str | None,
               catalog_path: Path | None) -> None:
    """Kiểm tra và tiếp nhận biểu mẫu đã điền (tệp hoặc thư mục)."""
    _run_ingest(paths, dry_run, as_json, expected, force, user, max_size, timeout, annotate, db, catalog_path)


@main.command("validate")
@_ingest_options
@_fail_cleanly
def validate_cmd(paths: tuple[Path, ...], as_json: bool, expected: Period | None, max_size: int, timeout: float,
                 annotate: Path | None, db: str | None, catalog_path: Path | None) -> None:
    """Chỉ kiểm tra biểu mẫu (không lưu gì); có thể ghi bản đánh dấu lỗi."""
    _run_ingest(paths, True, as_json, expected, False, None, max_size, timeout, annotate, db, catalog_path)


@main.command("figures")
@period_option
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi ra tệp Excel.")
@db_option
@catalog_option
@_fail_cleanly
def figures_cmd(period: Period, as_json: bool, xlsx_path: Path | None, db: str | None,
                catalog_path: Path | None) -> None:
    """Tính số liệu tổng hợp của kỳ theo từng chỉ tiêu."""
    catalog = _catalog(catalog_path)
    with Store.open(db) as store:
        values = store.current_values(Period(period.year - 1, 1), period)
    records = [figures_record(f) for f in compute_figures(catalog, values, period).values()]
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    if xlsx_path is not None:
        from .figures_xlsx import write_figures_xlsx

        write_figures_xlsx(records, period, xlsx_path)
        click.echo(f"Đã ghi {xlsx_path}")
        return
    table = Table(title=f"Số liệu tổng hợp {period.month_name}")
    columns = (("code", "Mã"), ("month", "Tháng"), ("prev_month", "Tháng trước"),
               ("change_vs_prev_month", "% so tháng trước"), ("year_to_date", "Lũy kế"),
               ("change_ytd_vs_last_year", "% so cùng kỳ"), ("plan", "KH năm"), ("percent_of_plan", "% KH"))
    for _, title in columns:
        table.add_column(title, justify="right")
    for record in records:
        table.add_row(*[_short(record[key]) for key, _ in columns])
    console.print(table)


def _short(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return " - ".join(value)
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except ArithmeticError:
            return value
        return f"{number:.2f}" if number != number.to_integral() else f"{number:.0f}"
    return str(value)


@main.command("build")
@period_option
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp .docx kết quả (mặc định outputs/bao-cao-YYYY-MM.docx).")
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Mẫu Word (mặc định templates/report.docx).")
@click.option("--number", default="", help="Số văn bản, ví dụ '742/BC-SKHĐT'.")
@click.option("--date", "date_text", default=None, metavar="YYYY-MM-DD",
              help="Ngày ký báo cáo (mặc định ngày 28 của tháng báo cáo).")
@click.option("--signer", default="", help="Họ tên người ký.")
@click.option("--signer-title", default="GIÁM ĐỐC", show_default=True, help="Chức vụ người ký.")
@click.option("--pdf", "with_pdf", is_flag=True, help="Xuất thêm tệp PDF (cần LibreOffice).")
@db_option
@catalog_option
@_fail_cleanly
def build_cmd(period: Period, out_path: Path | None, template: Path | None, number: str, date_text: str | None,
              signer: str, signer_title: str, with_pdf: bool, db: str | None, catalog_path: Path | None) -> None:
    """Tạo báo cáo Word cho kỳ báo cáo."""
    catalog = _catalog(catalog_path)
    try:
        date = dt.date.fromisoformat(date_text) if date_text else None
    except ValueError as exc:
        raise UsageError(f"Ngày '{date_text}' không đúng dạng NĂM-THÁNG-NGÀY.") from exc
    options = ReportOptions(number=number, date=date, signer_name=signer, signer_title=signer_title)
    out = out_path or Path("outputs") / f"bao-cao-{period}.docx"
    with Store.open(db) as store:
        render_report(catalog, store, period, out, template, options)
    click.echo(f"Đã tạo báo cáo {out}")
    if with_pdf:
        from .pdf import to_pdf

        click.echo(f"Đã tạo bản PDF {to_pdf(out)}")


def _actor(user: str | None) -> str:
    import getpass

    return user or getpass.getuser()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@main.command("status")
@period_option
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@db_option
@catalog_option
@_fail_cleanly
def status_cmd(period: Period, as_json: bool, db: str | None, catalog_path: Path | None) -> None:
    """Tình hình nộp biểu mẫu của các đơn vị trong kỳ."""
    from .status import STATE_TEXT, period_status

    catalog = _catalog(catalog_path)
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


@main.command("lock")
@period_option
@click.option("--user", default=None, help="Người khóa sổ (mặc định tài khoản đang dùng).")
@db_option
@_fail_cleanly
def lock_cmd(period: Period, user: str | None, db: str | None) -> None:
    """Khóa sổ một kỳ: không nhận thêm biểu mẫu của kỳ đó."""
    with Store.open(db) as store:
        changed = store.lock_period(period, _actor(user), _now())
    click.echo(f"Đã khóa sổ {period.month_name}." if changed else f"{period.month_name} đã được khóa sổ từ trước.")


@main.command("unlock")
@period_option
@click.option("--user", default=None, help="Người mở khóa (mặc định tài khoản đang dùng).")
@db_option
@_fail_cleanly
def unlock_cmd(period: Period, user: str | None, db: str | None) -> None:
    """Mở khóa sổ một kỳ."""
    with Store.open(db) as store:
        changed = store.unlock_period(period, _actor(user), _now())
    click.echo(f"Đã mở khóa sổ {period.month_name}." if changed else f"{period.month_name} chưa bị khóa sổ.")


@main.command("history")
@click.option("--indicator", required=True, metavar="CODE", help="Mã chỉ tiêu.")
@click.option("--period", callback=_period, default=None, metavar="YYYY-MM", help="Chỉ một tháng.")
@db_option
@catalog_option
@_fail_cleanly
def history_cmd(indicator: str, period: Period | None, db: str | None, catalog_path: Path | None) -> None:
    """Lịch sử mọi giá trị đã lưu của một chỉ tiêu."""
    catalog = _catalog(catalog_path)
    if indicator not in catalog.indicators:
        raise UsageError(f"Không có chỉ tiêu mã '{indicator}' trong danh mục.")
    with Store.open(db) as store:
        rows = store.history(indicator, period)
    table = Table(title=f"Lịch sử {indicator}: {catalog.indicators[indicator].name}")
    for title in ("Tháng", "Cơ sở", "Loại", "Giá trị", "Thay cho", "Tệp", "Ô", "Đơn vị", "Thời điểm"):
        table.add_column(title)
    for row in rows:
        table.add_row(row["period"], row["basis"], "ước" if row["status"] == "estimate" else "chính thức",
                      str(row["value"]), "" if row["replaced_value"] is None else str(row["replaced_value"]),
                      row["file_name"], row["cell"], row["department"], row["received_at"])
    console.print(table)


@main.command("demo")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"),
              show_default=True, help="Thư mục kết quả.")
@click.option("--db", default=None, help="Kho dữ liệu của bản chạy thử (mặc định OUT/demo.sqlite, tạo mới).")
@_fail_cleanly
def demo_cmd(out_dir: Path, db: str | None) -> None:
    """Chạy thử: tạo biểu mẫu, điền số liệu mẫu 2021-01 đến 2023-03, tiếp nhận và lập báo cáo."""
    from .demo.run import run_demo

    result = run_demo(out_dir, db, progress=console)
    for path in result.reports:
        click.echo(f"Đã tạo báo cáo {path}")
    if result.rejected:
        raise ReportgenError(f"{result.rejected} biểu mẫu chạy thử bị từ chối.")
