"""The report document: safety of department text, template errors, footnotes, PDF, a plain month."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from reportgen import (
    DEFAULT_TEMPLATE,
    Catalog,
    Outcome,
    Period,
    ReportOptions,
    Store,
    TemplateError,
    build_form,
    build_report,
    ingest_file,
)
from reportgen.cli import main
from reportgen.demo.filler import fill_form
from reportgen.demo.run import form_values
from reportgen.demo.series import demo_series

MARCH = Period(2023, 3)

HOSTILE = [
    "Công ty A&B và <Hợp tác xã> \"Xanh\" 'Sạch' đạt > 95% kế hoạch.",
    "Mẫu {{ f.retail_sales.month }} và {% if true %}lệnh{% endif %} phải in nguyên văn.",
    unicodedata.normalize("NFD", "Tiếp tục kiểm tra thị trường dịp cuối năm."),
    "Đoạn dài: " + "bình ổn giá cả thị trường, " * 400,
]


@pytest.fixture
def copied_store(demo_db: Path) -> Iterator[Store]:
    """A private copy of the demo store, to add submissions without touching the shared one."""
    with Store.open(str(demo_db)) as store:
        yield store


def resubmit_trade(tmp_path: Path, catalog: Catalog, store: Store, narrative: list[tuple[str, str, str]]) -> None:
    values = form_values(catalog, demo_series(catalog), "SCT", MARCH)
    cover = {"preparer": "Trần Thị Lan", "phone": "0292 3800 000", "prepared_on": "18/03/2023"}
    path = tmp_path / "2023-03_SCT_bo-sung.xlsx"
    path.write_bytes(fill_form(build_form(catalog, "SCT", MARCH), values, cover, narrative))
    result = ingest_file(path, catalog, store, clock=lambda: dt.datetime(2023, 3, 20, 3, tzinfo=dt.UTC), actor="lan")
    assert result.status == Outcome.ACCEPTED, [str(f) for f in result.findings]


def it_prints_department_text_literally_everywhere(tmp_path: Path, catalog: Catalog, clock: Callable[[], dt.datetime],
                                                   docx_text: Callable[[Path | bytes], str],
                                                   copied_store: Store) -> None:
    title = "Hoạt động thương mại - dịch vụ"
    narrative = [(title, "Đoạn văn", text) for text in HOSTILE]
    narrative.append((title, "Chú thích", "Chú thích có & < > {{ x }} {% y %} “ngoặc kép”."))
    resubmit_trade(tmp_path, catalog, copied_store, narrative)
    out = build_report(catalog, copied_store, MARCH, tmp_path / "r.docx", clock=clock, actor="test").docx
    text = docx_text(out)
    for paragraph in HOSTILE:
        assert unicodedata.normalize("NFC", paragraph).strip() in text
    assert "Chú thích có & < > {{ x }} {% y %} “ngoặc kép”." in text
    # the department's template-like text is printed, not evaluated: its paragraph is exactly what was typed
    assert [line for line in text.splitlines() if "f.retail_sales.month" in line] == [HOSTILE[1]]
    with zipfile.ZipFile(out) as archive:
        document = archive.read("word/document.xml").decode()
        notes = archive.read("word/footnotes.xml").decode()
    assert "{{ f.retail_sales.month }}" in document.replace("&#123;", "{")
    assert "&lt;Hợp tác xã&gt;" in document and "A&amp;B" in document
    assert "{{ x }} {% y %}" in notes
    Document(str(out))  # the package still opens


def it_explains_template_code_that_fails(tmp_path: Path, catalog: Catalog, clock: Callable[[], dt.datetime],
                                         demo_store: Store) -> None:
    doc = Document(str(DEFAULT_TEMPLATE))
    doc.add_paragraph("{{ f.khong_co.month }}")
    broken = tmp_path / "sai.docx"
    doc.save(str(broken))
    failure = r"^Lỗi trong mẫu báo cáo sai\.docx: 'dict object' has no attribute 'khong_co'$"
    with pytest.raises(TemplateError, match=failure):
        build_report(catalog, demo_store, MARCH, tmp_path / "r.docx", template=broken, clock=clock, actor="test")


@pytest.mark.libreoffice
def it_keeps_footnotes_through_libreoffice(tmp_path: Path, demo: Path) -> None:
    source = demo / "bao-cao-2023-03.docx"
    outdir = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "docx", "--outdir", str(outdir), str(source)],
                   capture_output=True, timeout=300, check=True)

    def notes(path: Path) -> list[str]:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/footnotes.xml").decode()
        bodies = re.findall(r"<w:footnote( [^>]*)>(.*?)</w:footnote>", xml, re.S)
        return [re.sub(r"<[^>]+>", "", body).strip() for attributes, body in bodies if "w:type=" not in attributes]

    before, after = notes(source), notes(outdir / source.name)
    assert len(after) == len(before) >= 10
    assert [a.endswith(b[-30:]) for a, b in zip(after, before, strict=True)] == [True] * len(before)


@pytest.mark.libreoffice
def it_writes_a_pdf_on_request(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    result = CliRunner().invoke(main, ["build", "--period", "2023-03", "--out", str(out), "--pdf",
                                       "--db", str(demo_db)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Đã tạo báo cáo {out}\nĐã ghi nhận lần lập báo cáo số 3.\n"
                             f"Đã tạo bản PDF {out.with_suffix('.pdf')}\n")
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


def it_says_clearly_when_libreoffice_is_missing(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "bao-cao.docx"
    result = CliRunner().invoke(main, ["build", "--period", "2023-03", "--out", str(out), "--pdf",
                                       "--db", str(demo_db)])
    assert result.exit_code == 1
    assert "Không tìm thấy LibreOffice (lệnh soffice) để xuất PDF." in result.output
    assert out.exists()


def it_builds_a_plain_month_without_the_quarter_block(tmp_path: Path, catalog: Catalog,
                                                      clock: Callable[[], dt.datetime],
                                                      docx_text: Callable[[Path | bytes], str],
                                                      demo_store: Store) -> None:
    out = build_report(catalog, demo_store, Period(2023, 2), tmp_path / "r.docx",
                       options=ReportOptions(number="500/BC-SKHĐT"), clock=clock, actor="test").docx
    text = docx_text(out)
    assert "Tình hình kinh tế - xã hội tháng 02/2023 và các công tác trọng tâm tháng 03/2023" in text
    assert "tháng 02/2023 thực hiện 8.482,758 tỷ đồng, giảm 22,62% so với tháng trước." in text
    assert "Quý I" not in text and "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU" not in text
    assert "PHỤ LỤC II" in text and "PHỤ LỤC III" not in text
