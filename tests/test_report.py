"""The report document: department and planner text printed as typed, template errors, footnotes, PDF, a plain month."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from lxml import etree
from PIL import Image

from reportgen import (
    DEFAULT_TEMPLATE,
    Catalog,
    Outcome,
    Period,
    ReportOptions,
    Store,
    TemplateError,
    assemble,
    build_form,
    build_report,
    ingest_file,
)
from reportgen.cli import main
from reportgen.demo.filler import fill_form
from reportgen.demo.run import form_values
from reportgen.demo.series import demo_series
from reportgen.report.assemble import _appendix, figure_views
from reportgen.report.data import AppendixRow, ReportData

MARCH = Period(2023, 3)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRADE = "Hoạt động thương mại - dịch vụ"

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
    with pytest.raises(TemplateError) as raised:
        build_report(catalog, demo_store, MARCH, tmp_path / "r.docx", template=broken, clock=clock, actor="test")
    assert str(raised.value) == ("Lỗi trong mẫu báo cáo sai.docx, mục “Biểu đồ một số chỉ tiêu chủ yếu năm "
                                 "{{ period.year }} so với năm {{ period.year - 1 }}”, thẻ {{ f.khong_co.month }}: "
                                 "không có chỉ tiêu mã 'khong_co' trong danh mục")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sai.docx"]  # nothing written, not even a temporary


# Text typed outside the template, as Word lays it out ------------------------------------------------------------

def flow(paragraph: etree._Element) -> str:
    """A paragraph's text as Word lays it out: ``⏎`` a line break, ``→`` a tab, ``[n]`` footnote n's reference."""
    pieces = []
    for element in paragraph.iter():
        if element.tag == W + "t":
            pieces.append(element.text or "")
        elif element.tag == W + "br":
            pieces.append("⏎")
        elif element.tag == W + "tab":
            pieces.append("→")
        elif element.tag == W + "footnoteReference":
            pieces.append(f"[{element.get(W + 'id')}]")
    return "".join(pieces)


def laid_out(docx: Path) -> tuple[list[str], dict[str, str]]:
    """The body's paragraphs (tables' included) and the footnotes by id, each as :func:`flow` shows it."""
    with zipfile.ZipFile(docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
    paragraphs = [flow(p) for p in body.iter(W + "p")]
    footnotes = {note.get(W + "id", ""): "".join(flow(p) for p in note.iter(W + "p"))
                 for note in notes.iter(W + "footnote") if note.get(W + "type") is None}
    return paragraphs, footnotes


def with_footnote(paragraphs: list[str], footnotes: dict[str, str], start: str) -> tuple[str, str]:
    """The one body paragraph starting with ``start``, and the text of the footnote it refers to."""
    [found] = [p for p in paragraphs if p.startswith(start)]
    [number] = re.findall(r"\[(\d+)\]", found)
    return found, footnotes[number]


def it_keeps_every_line_of_a_department_paragraph_in_the_body_and_in_footnotes(
        tmp_path: Path, catalog: Catalog, clock: Callable[[], dt.datetime], copied_store: Store) -> None:
    resubmit_trade(tmp_path, catalog, copied_store, [
        (TRADE, "Đoạn văn", "Dòng một có chú thích.\nDòng hai.\nDòng ba."),
        (TRADE, "Chú thích", "Chú thích dòng một.\n\nChú thích dòng ba,\tsau một tab."),
        (TRADE, "Chú thích", "Chú thích thứ hai\ncó hai dòng."),
        (TRADE, "Đoạn văn", "Đoạn không chú thích:\ndòng hai."),
        (TRADE, "Đoạn văn", "Đoạn thứ ba có chú thích.\nDòng cuối."),
        (TRADE, "Chú thích", "Một dòng."),
    ])
    out = build_report(catalog, copied_store, MARCH, tmp_path / "r.docx", clock=clock, actor="test").docx
    paragraphs, footnotes = laid_out(out)
    first = [p for p in paragraphs if p.startswith("Dòng một có chú thích.")]
    [n1, n2] = re.findall(r"\[(\d+)\]", first[0])
    assert first == [f"Dòng một có chú thích.⏎Dòng hai.⏎Dòng ba.[{n1}][{n2}]"]
    assert (footnotes[n1], footnotes[n2]) == (" Chú thích dòng một.⏎⏎Chú thích dòng ba,→sau một tab.",
                                              " Chú thích thứ hai⏎có hai dòng.")
    assert [p for p in paragraphs if p.startswith("Đoạn không chú thích")] == ["Đoạn không chú thích:⏎dòng hai."]
    third, note = with_footnote(paragraphs, footnotes, "Đoạn thứ ba")
    assert (re.sub(r"\[\d+\]", "[n]", third), note) == ("Đoạn thứ ba có chú thích.⏎Dòng cuối.[n]", " Một dòng.")


# Sequences docxtpl rewrites in the rendered XML, and the tags of its own pre-processing, typed by a department.
DOCXTPL_SEQUENCES = [
    "{_{ f.retail_sales.month }_}",
    "{_% if true %_}có{_% endif %_}",
    "chỉ }_} và %_} và {_ và _}",
    "{%p if x %} {%tr for r in x %} {%tc x %} {%r x %} {{r x }} {{p x }}",
    "{%- x -%} {% vm %} {% hm %} {% colspan 2 %} {% cellbg 'FF0000' %}",
    "{# ghi chú #} {#p ghi chú #} {{ '{{' }} &#123;&#123; x &#125;&#125; &amp; &lt;",
]


def it_prints_what_docxtpl_would_rewrite_as_typed_in_the_body_and_in_footnotes(
        tmp_path: Path, catalog: Catalog, clock: Callable[[], dt.datetime], copied_store: Store) -> None:
    narrative = []
    for number, text in enumerate(DOCXTPL_SEQUENCES):
        narrative += [(TRADE, "Đoạn văn", f"Đoạn {number}: {text}"),
                      (TRADE, "Chú thích", f"Chú thích {number}: {text}")]
    resubmit_trade(tmp_path, catalog, copied_store, narrative)
    out = build_report(catalog, copied_store, MARCH, tmp_path / "r.docx", clock=clock, actor="test").docx
    paragraphs, footnotes = laid_out(out)
    for number, text in enumerate(DOCXTPL_SEQUENCES):
        paragraph, note = with_footnote(paragraphs, footnotes, f"Đoạn {number}: ")
        assert (re.sub(r"\[\d+\]$", "", paragraph), note) == (f"Đoạn {number}: {text}", f" Chú thích {number}: {text}")


def it_treats_the_planners_text_on_the_command_line_as_department_text(tmp_path: Path, demo_db: Path) -> None:
    forged = "\ue000" + "1" + "\ue001"  # a footnote marker typed in
    hostile = {"--number": f"742/BC-SKHĐT\x07 & <b>{forged}\ue002\ue003x\ue004",
               "--signer": "Nguyễn Văn\x0c Minh\x00\x1b[0m",
               "--signer-title": "KT. GIÁM ĐỐC\r\nPHÓ GIÁM ĐỐC {_{ x }_}\x0b"}
    clean = {"--number": "742/BC-SKHĐT & <b>1x", "--signer": "Nguyễn Văn Minh[0m",
             "--signer-title": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC {_{ x }_}"}
    built = {}
    for name, options in (("hostile", hostile), ("clean", clean)):
        out = tmp_path / f"{name}.docx"
        result = CliRunner().invoke(main, ["build", "--period", "2023-03", "--out", str(out), "--db", str(demo_db),
                                           *[item for pair in options.items() for item in pair]])
        assert result.exit_code == 0, result.output
        built[name] = out.read_bytes()
    assert built["hostile"] == built["clean"]  # the same document, paragraph for paragraph, footnote for footnote
    paragraphs, _ = laid_out(tmp_path / "hostile.docx")
    attached = "(Kèm theo Báo cáo số 742/BC-SKHĐT & <b>1x ngày 28/03/2023 của Sở Kế hoạch và Đầu tư)"
    assert [p for p in paragraphs if "742/BC" in p] == ["Số: 742/BC-SKHĐT & <b>1x", attached, attached]
    assert "KT. GIÁM ĐỐC⏎PHÓ GIÁM ĐỐC {_{ x }_}" in paragraphs and "Nguyễn Văn Minh[0m" in paragraphs
    bad_date = CliRunner().invoke(main, ["build", "--period", "2023-03", "--date", "2023-03-2\x1b[8\x07",
                                         "--db", str(demo_db)])
    assert (bad_date.exit_code, bad_date.stdout) == (2, "")
    assert bad_date.stderr.endswith("Lỗi: Ngày '2023-03-2[8' không đúng dạng NĂM-THÁNG-NGÀY.\n")


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


# Figures as the references write them -----------------------------------------------------------------------------

def it_writes_the_reports_figures_as_the_references_do(demo: Path, docx_text: Callable[[Path | bytes], str]) -> None:
    march, december = (docx_text(demo / name) for name in ("bao-cao-2023-03.docx", "bao-cao-2022-12.docx"))
    # the March reference, word for word: a count and an amount (one of two decimals) below ten
    assert "chấm dứt hoạt động 01 dự án với tổng vốn đăng ký 01 triệu USD" in march
    # the December reference: "Công nhận 04 xã … và 01 xã …" and a plan met exactly, "đạt 100%"
    assert "trong năm: 04 xã (KH: 04 xã, đạt 100% KH)." in december
    assert "trong năm: 01 xã (KH: 01 xã, đạt 100% KH)." in december
    assert not re.search(r"vượt 0(,0+)?% KH", march + december)


# The figures appendix (PHỤ LỤC I) ---------------------------------------------------------------------------------

FIGURES = ("month", "ytd", "plan_ratio", "yoy")
"""The appendix columns that state the period's figures (the plan aside: a yearly indicator has one all year)."""
PLAN_SHARE_CELL = re.compile(r"-|\d{1,3}(\.\d{3})*(,\d+)?")
CHANGE_CELL = re.compile(r"-|tương đương|(tăng|giảm) \d{1,3}(\.\d{3})*(,\d+)?%")
SHADE = "D9D9D9"
APPENDIX_PAGES_BEFORE = {"2023-03": 27, "2022-12": 27}
"""The pages each appendix took when every catalog indicator had a row, dashes or not, and cells said "đạt …% KH"."""


def appendix_rows(data: ReportData) -> list[AppendixRow]:
    return [row for row in data.appendix if not row.heading]


def it_lists_in_the_appendix_only_the_figures_the_period_has(catalog: Catalog, demo_store: Store) -> None:
    for period, left_out in ((Period(2023, 2), {"yearly", "quarterly"}), (MARCH, {"yearly"})):
        data = assemble(catalog, demo_store, period)
        rows = appendix_rows(data)
        assert [row.no for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
        assert [row for row in rows if all(getattr(row, column) == "-" for column in FIGURES)] == []
        listed = {row.code for row in rows}
        dropped = [code for code in catalog.indicators if code not in listed]
        assert {str(catalog.indicators[code].frequency) for code in dropped} == left_out
        assert all(data.figures[code].month is None and data.figures[code].ytd is None for code in dropped)
        headings = [row.heading for row in data.appendix]
        assert headings[0] and not headings[-1] and (True, True) not in itertools.pairwise(headings)
        print(f"{period}: {len(rows)} rows, {len(dropped)} indicators without a figure left out")
    december = assemble(catalog, demo_store, Period(2022, 12))
    key_targets = {code for target in catalog.targets for code in target.indicators}
    assert key_targets <= {row.code for row in appendix_rows(december)}
    assert [row.code for row in appendix_rows(december)] == list(catalog.indicators)


def it_keeps_a_key_targets_row_in_december_even_without_its_figure(catalog: Catalog, demo_store: Store) -> None:
    december = Period(2022, 12)
    code = next(code for target in catalog.targets for code in target.indicators
                if str(catalog.indicators[code].frequency) == "yearly")
    figures = dict(assemble(catalog, demo_store, december).figures)
    figures[code] = replace(figures[code], month=None, ytd=None, ytd_ly=None)  # not sent this year
    [row] = [row for row in _appendix(catalog, figure_views(catalog, figures), december) if row.code == code]
    assert [getattr(row, column) for column in FIGURES] == ["-"] * 4
    assert code not in {row.code for row in appendix_rows(assemble(catalog, demo_store, MARCH))}


def it_writes_each_appendix_column_one_way(catalog: Catalog, demo_store: Store) -> None:
    for period in (MARCH, Period(2022, 12)):
        rows = appendix_rows(assemble(catalog, demo_store, period))
        assert [row.plan_ratio for row in rows if not PLAN_SHARE_CELL.fullmatch(row.plan_ratio)] == []
        assert [row.yoy for row in rows if not CHANGE_CELL.fullmatch(row.yoy)] == []
        assert [row.unit for row in rows if re.search(r"(?<!,) (?!\()", row.unit)] == []  # never wraps in a unit
        assert {row.unit.replace("\u00a0", " ") for row in rows} <= {ind.unit for ind in catalog.indicators.values()}
        retail = next(row for row in rows if row.code == "retail_sales")
        assert retail.plan_ratio == ("22,81" if period == MARCH else "66,58")  # the references: "đạt 22,81%KH"
    rows = appendix_rows(assemble(catalog, demo_store, MARCH))
    imports = next(row for row in rows if row.code == "imports")
    assert imports.plan_ratio == "25"  # "đạt 25%KH" in the March reference; its neighbours have decimals
    zero = next(row for row in rows if row.code == "traffic_injuries_waterway")  # none this year: a zero, no dash
    assert (zero.month, zero.ytd) == ("0", "0")


def it_marks_the_appendix_section_rows(demo: Path) -> None:
    doc = Document(str(demo / "bao-cao-2023-03.docx"))
    table = doc.tables[-1]
    sections = [row for row in table.rows[1:] if len(row._tr.findall(f"{W}tc")) == 1]
    figures = [row for row in table.rows[1:] if len(row._tr.findall(f"{W}tc")) == 9]
    assert sections and figures and len(sections) + len(figures) == len(table.rows) - 1
    for row in sections:
        [shading] = row._tr.iter(f"{W}shd")
        assert shading.get(f"{W}fill") == SHADE
        assert all(run.bold for run in row.cells[0].paragraphs[0].runs)
        assert row.cells[0].paragraphs[0]._p.find(f"{W}pPr/{W}keepNext") is not None  # Word keeps it with its rows
    assert not any(True for row in figures for _ in row._tr.iter(f"{W}shd"))


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def appendix_pages(pages: list[str]) -> range:
    """The numbers (from 1) of the pages from the "PHỤ LỤC I" heading to the page before "PHỤ LỤC II"."""
    def starting(title: str) -> int:
        return next(n for n, page in enumerate(pages, 1) if title in (line.strip() for line in page.splitlines()))

    return range(starting("PHỤ LỤC I"), starting("PHỤ LỤC II"))


def unit_cells(pdf: Path, pages: range) -> list[list[str]]:
    """The lines of every cell under the appendix's "ĐVT" heading, on its pages, as the PDF lays them out."""
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(pages.start), "-l", str(pages.stop - 1), str(pdf),
                            "-"], capture_output=True, text=True, check=True).stdout
    namespace = "{http://www.w3.org/1999/xhtml}"
    cells = []
    for page in etree.fromstring(xhtml.encode()).iter(f"{namespace}page"):
        blocks = [[" ".join(word.text or "" for word in line.iter(f"{namespace}word")).replace("\u00a0", " ")
                   for line in block.iter(f"{namespace}line")]
                  for block in page.iter(f"{namespace}block")]
        centres = [(float(block.get("xMin", 0)) + float(block.get("xMax", 0))) / 2
                   for block in page.iter(f"{namespace}block")]
        [column] = [centre for centre, lines in zip(centres, blocks, strict=True) if lines == ["ĐVT"]]
        cells += [lines for centre, lines in zip(centres, blocks, strict=True)
                  if abs(centre - column) < 2 and lines != ["ĐVT"]]
    return cells


def shaded_bands(png: Path) -> int:
    """How many pixel rows of a page are, across most of its width, the grey of the appendix's section rows."""
    image = Image.open(png).convert("RGB")
    width, height = image.size
    grey = tuple(int(SHADE[i:i + 2], 16) for i in (0, 2, 4))
    data = image.tobytes()

    def shaded(x: int, y: int) -> bool:
        at = 3 * (y * width + x)
        return all(abs(a - b) <= 6 for a, b in zip(data[at:at + 3], grey, strict=True))

    return sum(1 for y in range(height) if sum(shaded(x, y) for x in range(width)) > width / 2)


@pytest.mark.libreoffice
def it_prints_a_lean_appendix(tmp_path: Path, demo: Path, catalog: Catalog, demo_store: Store,
                              capsys: pytest.CaptureFixture[str]) -> None:
    names = {"2023-03": "bao-cao-2023-03.docx", "2022-12": "bao-cao-2022-12.docx"}
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), *(str(demo / name) for name in names.values())],
                   capture_output=True, timeout=600, check=True)
    units = {ind.unit for ind in catalog.indicators.values()}
    for period, name in names.items():
        pdf = tmp_path / name.replace(".docx", ".pdf")
        pages = page_texts(pdf)
        found = appendix_pages(pages)
        with capsys.disabled():
            print(f"\nPHỤ LỤC I, {period}: {len(found)} pages ({found.start}–{found.stop - 1});"
                  f" {APPENDIX_PAGES_BEFORE[period]} when every indicator had a row")
        assert 0 < len(found) < APPENDIX_PAGES_BEFORE[period]
        lines = [line for n in found for line in pages[n - 1].splitlines()]
        numbered = [int(match.group(1)) for line in lines if (match := re.match(r"\s*(\d+)\s{2,}\S", line))]
        rows = appendix_rows(assemble(catalog, demo_store, Period.parse(period)))
        assert numbered == list(range(1, len(rows) + 1))  # every row printed, in order
        assert [line for line in lines if re.search(r"(?<!\S)-(\s+-){4}(?!\S)", line)] == []  # no row of dashes
        assert [line for line in lines if re.search(r"(đạt|vượt) [\d.,]+%", line)] == []  # "% KH": figures only
        cells = unit_cells(pdf, found)
        assert len(cells) == len(rows)
        for cell in cells:  # a unit wraps, if it must, only after a comma or before a bracket
            assert " ".join(cell) in units, cell
            assert all(line.endswith(",") or after.startswith("(") for line, after in itertools.pairwise(cell)), cell
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(found.start), "-l", str(found.start), str(pdf),
                        str(tmp_path / f"appendix-{period}")], check=True, timeout=120)
        [png] = tmp_path.glob(f"appendix-{period}*.png")
        assert shaded_bands(png) >= 5  # the first section's row, grey across the table


def it_keeps_of_outside_text_what_a_document_can_hold() -> None:
    from reportgen.report.footnotes import clean_text, strip_markers

    assert clean_text("a\x07b\x0cc\td\r\ne\ud800f\uffffg") == "abc\td\nefg"  # docxtpl's \a and \f would break
    # every code point: control characters (tab and line break aside), lone surrogates and the two
    # non-characters go; everything else stays (markers aside), in NFC
    every = "".join(chr(c) for c in range(sys.maxunicode + 1))
    kept = "".join(c for c in strip_markers(every) if c in "\t\n" or (
        unicodedata.category(c) not in ("Cc", "Cs") and c not in "\ufffe\uffff"))
    assert clean_text(every) == unicodedata.normalize("NFC", kept)
