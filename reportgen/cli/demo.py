"""``reportgen demo``: the whole pipeline on the built-in demo data."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import Progress

from reportgen import ReportgenError, run_demo

from .common import console, fail_cleanly


@click.command("demo")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"),
              show_default=True, help="Thư mục kết quả.")
@click.option("--db", default=None, help="Kho dữ liệu của bản chạy thử (mặc định OUT/demo.sqlite, tạo mới).")
@fail_cleanly
def demo_cmd(out_dir: Path, db: str | None) -> None:
    """Chạy thử: tạo biểu mẫu, điền số liệu mẫu 2021-01 đến 2023-03, tiếp nhận và lập báo cáo."""
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("Nhập số liệu chạy thử", total=None)
        result = run_demo(out_dir, db, progress=lambda done, total: bar.update(task, completed=done, total=total))
    for item in result.findings:
        console.print(str(item), markup=False)
    for path in result.reports:
        click.echo(f"Đã tạo báo cáo {path}")
    if result.rejected:
        raise ReportgenError(f"{result.rejected} biểu mẫu chạy thử bị từ chối.")
