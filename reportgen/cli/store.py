"""``reportgen lock``, ``unlock`` and ``history``: closing periods, and every stored value of a figure."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from reportgen import Period, Store, UsageError

from .common import (
    actor, catalog_option, console, db_option, fail_cleanly, open_catalog, period_filter, period_option,
    system_clock, user_option,
)


@click.command("lock")
@period_option
@user_option
@db_option
@fail_cleanly
def lock_cmd(period: Period, user: str | None, db: str) -> None:
    """Khóa sổ một kỳ: không nhận thêm biểu mẫu của kỳ đó."""
    with Store.open(db) as store:
        changed = store.lock_period(period, actor(user), system_clock())
    click.echo(f"Đã khóa sổ {period.month_name}." if changed else f"{period.month_name} đã được khóa sổ từ trước.")


@click.command("unlock")
@period_option
@user_option
@db_option
@fail_cleanly
def unlock_cmd(period: Period, user: str | None, db: str) -> None:
    """Mở khóa sổ một kỳ."""
    with Store.open(db) as store:
        changed = store.unlock_period(period, actor(user), system_clock())
    click.echo(f"Đã mở khóa sổ {period.month_name}." if changed else f"{period.month_name} chưa bị khóa sổ.")


@click.command("history")
@click.option("--indicator", required=True, metavar="CODE", help="Mã chỉ tiêu.")
@period_filter
@db_option
@catalog_option
@fail_cleanly
def history_cmd(indicator: str, period: Period | None, db: str, catalog_path: Path | None) -> None:
    """Lịch sử mọi giá trị đã lưu của một chỉ tiêu."""
    catalog = open_catalog(catalog_path)
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
