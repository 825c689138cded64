"""``reportgen forms``: each department's blank form for a period."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen import Period, Store, store_exists, write_forms

from .common import catalog_option, db_option, fail_cleanly, open_catalog, period_option


@click.command("forms")
@period_option
@click.option("--department", "departments", multiple=True, metavar="CODE",
              help="Chỉ tạo biểu mẫu cho đơn vị này (có thể lặp lại).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs/forms"),
              show_default=True, help="Thư mục ghi biểu mẫu.")
@db_option
@catalog_option
@fail_cleanly
def forms_cmd(period: Period, departments: tuple[str, ...], out_dir: Path, db: str,
              catalog_path: Path | None) -> None:
    """Tạo biểu mẫu Excel cho các đơn vị (kèm số đã lưu của tháng trước để tham khảo)."""
    catalog = open_catalog(catalog_path)
    if store_exists(db):
        with Store.open(db) as store:
            paths = write_forms(catalog, period, out_dir, departments, store)
    else:
        paths = write_forms(catalog, period, out_dir, departments)
    for path in paths:
        click.echo(f"Đã tạo {path}")
    click.echo(f"Tổng cộng {len(paths)} biểu mẫu {period.month_name}.")
