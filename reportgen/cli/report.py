"""``reportgen build``: the Word report of a period, its manifest, and on request its PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from reportgen import Period, ReportOptions, Store, UsageError, build_report, to_pdf

from .common import catalog_option, db_option, fail_cleanly, open_catalog, period_option, template_file


@click.command("build")
@period_option
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp .docx kết quả (mặc định outputs/bao-cao-YYYY-MM.docx).")
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Mẫu Word (mặc định templates/report.docx của thư mục làm việc nếu có, nếu không thì mẫu có sẵn).")
@click.option("--manifest", "manifest_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi kèm tệp JSON mọi số liệu của báo cáo và nguồn của từng số.")
@click.option("--number", default="", help="Số văn bản, ví dụ '742/BC-SKHĐT'.")
@click.option("--date", "date_text", default=None, metavar="YYYY-MM-DD",
              help="Ngày ký báo cáo (mặc định ngày 28 của tháng báo cáo).")
@click.option("--signer", default="", help="Họ tên người ký.")
@click.option("--signer-title", default="", help="Chức vụ người ký (mặc định theo danh mục).")
@click.option("--pdf", "with_pdf", is_flag=True, help="Xuất thêm tệp PDF (cần LibreOffice).")
@db_option
@catalog_option
@fail_cleanly
def build_cmd(period: Period, out_path: Path | None, template: Path | None, manifest_path: Path | None,
              number: str, date_text: str | None, signer: str, signer_title: str, with_pdf: bool, db: str,
              catalog_path: Path | None) -> None:
    """Tạo báo cáo Word cho kỳ báo cáo."""
    try:
        date = dt.date.fromisoformat(date_text) if date_text else None
    except ValueError as exc:
        raise UsageError(f"Ngày '{date_text}' không đúng dạng NĂM-THÁNG-NGÀY.") from exc
    catalog = open_catalog(catalog_path)
    source = template_file(template, "report.docx")
    options = ReportOptions(number=number, date=date, signer_name=signer, signer_title=signer_title)
    out = out_path or Path("outputs") / f"bao-cao-{period}.docx"
    with Store.open(db) as store:
        build_report(catalog, store, period, out, source, options, manifest_path)
    click.echo(f"Đã tạo báo cáo {out}")
    if manifest_path is not None:
        click.echo(f"Đã ghi danh sách số liệu {manifest_path}")
    if with_pdf:
        click.echo(f"Đã tạo bản PDF {to_pdf(out)}")
