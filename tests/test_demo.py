"""End to end on the demo: forms written, filled, ingested, reports built, checked as a reader would.

The demo (``reportgen.demo.run``) writes every department's form for each
month from 2021-01 to 2023-03 with the same code as ``reportgen forms``,
fills it as a clerk would, ingests it through the same path as ``reportgen
ingest``, and builds the December 2022 and March 2023 reports. One run is
shared by the tests of this module.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tomllib
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import cast

import pytest
from docx import Document
from docx.shared import Length
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from reportgen import (
    Amount,
    Catalog,
    Figures,
    Period,
    ReportOptions,
    Store,
    build_report,
    evaluate_targets,
    period_figures,
)
from reportgen.numbers import round_half_up
from reportgen.report.wording import TARGET_STATUS

DATA = Path(__file__).parent / "data"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def statements() -> list[dict[str, str]]:
    with (DATA / "reference_statements.toml").open("rb") as handle:
        return list(tomllib.load(handle)["statement"])


_FIGURES: dict[tuple[int, Period], dict[str, Figures]] = {}


def figures_at(catalog: Catalog, store: Store, period: Period) -> dict[str, Figures]:
    """Every indicator's figures for a period, computed once per store and period."""
    key = (id(store), period)
    if key not in _FIGURES:
        _FIGURES[key] = period_figures(catalog, store, period)
    return _FIGURES[key]


def measure(catalog: Catalog, store: Store, item: dict[str, str]) -> str:
    period = Period.parse(item["period"])
    figures = figures_at(catalog, store, period)
    fig = figures[item["indicator"]]
    kind = item["measure"]
    if kind == "target":
        result = next(r for r in evaluate_targets(catalog, figures) if r.target.indicators[0] == fig.indicator.code)
        return TARGET_STATUS[result.status] if result.status else "-"
    measures: dict[str, Callable[[], Decimal | None]] = {
        "month": lambda: _value(fig.month),
        "ytd": lambda: _value(fig.ytd),
        "derived": lambda: _value(fig.ytd),
        "mom": lambda: fig.mom,
        "yoy_month": lambda: fig.yoy_month,
        "yoy_ytd": lambda: fig.yoy_ytd,
        "plan": lambda: fig.plan_ratio,
        "index_month": lambda: fig.index_month,
        "index_ytd": lambda: fig.index_ytd,
        "share": lambda: _share(figures, fig),
        "diff_prev": lambda: _difference(fig.month, fig.prev_month),
        "diff_ytd": lambda: _difference(fig.ytd, fig.ytd_ly),
    }
    value = measures[kind]()
    if value is None:
        return "-"
    return str(round_half_up(value, int(item.get("precision", 2))))


def _value(amount: Amount | None) -> Decimal | None:
    return None if amount is None else amount.value


def _difference(now: Amount | None, before: Amount | None) -> Decimal | None:
    return None if now is None or before is None else now.value - before.value


def _share(figures: dict[str, Figures], fig: Figures) -> Decimal | None:
    parent = figures[fig.indicator.parent or ""]
    part = fig.month or fig.ytd
    whole = parent.month or parent.ytd
    return None if part is None or whole is None else part.value / whole.value * 100


def it_reproduces_every_figure_the_references_state(catalog: Catalog, demo_store: Store) -> None:
    wrong = []
    for item in statements():
        got = measure(catalog, demo_store, item)
        expected = item["expected"]
        if item["measure"] != "target":
            expected = str(round_half_up(Decimal(expected), int(item.get("precision", 2))))
        if got != expected:
            wrong.append(f"{item['period']} {item['indicator']} {item['measure']}: {got} != {expected} "
                         f"({item['quote']})")
    assert wrong == []
    assert len(statements()) > 800


MARCH_WORDS = [
    # DESIGN.md §6, March 2023
    "ước thực hiện 9.239,42 tỷ đồng, tăng 8,92% so với tháng trước",
    "ước thực hiện 28.684,031 tỷ đồng, đạt 22,81% KH, tăng 13,42% so với cùng kỳ",
    "ước thực hiện 181,526 triệu USD, tăng 2,2% so với tháng trước",
    "ước thực hiện 534,007 triệu USD, đạt 25,18% KH, tăng 5,75% so với cùng kỳ",
    "Nợ xấu 2.600 tỷ đồng, chiếm 1,83% tổng dư nợ cho vay",
    "1.500,179/7.778,846 tỷ đồng, đạt tỷ lệ 19,3% KH",
    "cấp mới đăng ký kinh doanh cho 395 doanh nghiệp, đạt 19,75% KH; tổng vốn đăng ký 1.759 tỷ đồng, đạt 12,56% KH",
    # other sentences of the same sections
    "Chỉ số phát triển sản xuất công nghiệp (IIP) tháng 03/2023 ước tăng 12,12% so với tháng trước và tăng 10,95% "
    "so với cùng kỳ. Quý I/2023, chỉ số phát triển sản xuất công nghiệp ước tăng 3,73% so với cùng kỳ năm trước",
    "Chỉ số giá tiêu dùng (CPI) tháng 03/2023 giảm 0,01% so với tháng trước",
    "Tổng đàn heo ước khoảng 128.961 con, đạt 95,5% KH, tăng 1% so với cùng kỳ",
    "tổng lượt khách đến tham quan du lịch ước đạt 1.514.000 lượt khách, đạt 29% KH, tăng 76% so với cùng kỳ",
]


def it_states_the_worked_examples_in_the_march_report(docx_text: Callable[[Path | bytes], str], demo: Path) -> None:
    text = docx_text(demo / "bao-cao-2023-03.docx")
    assert [w for w in MARCH_WORDS if w not in text] == []
    assert "Số: 742/BC-SKHĐT" in text and "Cần Thơ, ngày 28 tháng 3 năm 2023" in text
    assert "Tình hình kinh tế - xã hội tháng 03/2023, Quý I/2023 và các công tác trọng tâm tháng 04/2023" in text
    assert "[chưa có số liệu]" not in text


DECEMBER_WORDS = [
    "GRDP bình quân đầu người: 85,99 triệu đồng/người (KH: 77,5 triệu đồng/người, vượt 10,95% KH)",
    "Tổng vốn đầu tư trên địa bàn: 35.524,2 tỷ đồng (KH: 32.500 tỷ đồng, vượt 9,31% KH)",
    "Tổng thu ngân sách nhà nước: 11.787,063 tỷ đồng (KH: 11.117 tỷ đồng, vượt 6,03% dự toán)",
    "190,1 triệu đồng/lao động (KH: 141,5 triệu đồng/lao động, vượt 34,35% KH)",
    "(1) Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP): Đạt chỉ tiêu.",
    "(2) GRDP bình quân đầu người: Vượt chỉ tiêu.",
    "Tổng số 17/17 chỉ tiêu chủ yếu đạt và vượt chỉ tiêu kế hoạch đề ra",
    "Nợ xấu 2.200 tỷ đồng, chiếm 1,57% tổng dư nợ cho vay",
    "ước thực hiện 11.125,97 tỷ đồng, tăng 5,63% so với tháng trước và tăng 34,51% so với cùng kỳ",
    "12 tháng/2022, tổng mức bán lẻ hàng hóa và doanh thu dịch vụ ước thực hiện 118.082,304 tỷ đồng, đạt 66,58% KH",
    "vượt 13,15% KH, tăng 26,5% so với cùng kỳ",
]


def it_evaluates_the_key_targets_in_the_december_report(docx_text: Callable[[Path | bytes], str], demo: Path) -> None:
    text = docx_text(demo / "bao-cao-2022-12.docx")
    assert [w for w in DECEMBER_WORDS if w not in text] == []
    assert len(re.findall(r"^\((\d+)\) ", text, re.M)) == 17
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023" in text


def it_writes_real_footnotes_in_document_order(docx_text: Callable[[Path | bytes], str], demo: Path) -> None:
    with zipfile.ZipFile(demo / "bao-cao-2023-03.docx") as archive:
        document = archive.read("word/document.xml").decode()
        footnotes = archive.read("word/footnotes.xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
    references = [int(i) for i in re.findall(r'<w:footnoteReference w:id="(\d+)"/>', document)]
    notes = [int(i) for i in re.findall(r'<w:footnote w:id="(\d+)"', footnotes) if int(i) > 0]
    assert len(references) >= 10
    assert references == sorted(references) == notes
    assert "footnotes.xml" in rels and "/word/footnotes.xml" in types
    text = docx_text(demo / "bao-cao-2023-03.docx")
    assert "Trong đó, ngành công nghiệp chế biến, chế tạo tăng 3,32%" in text


def it_leaves_no_template_code_and_keeps_department_text_literal(docx_text: Callable[[Path | bytes], str],
                                                                 demo: Path) -> None:
    for name in ("bao-cao-2023-03.docx", "bao-cao-2022-12.docx"):
        with zipfile.ZipFile(demo / name) as archive:
            xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
        assert "{{" not in xml and "{%" not in xml and "\ue000" not in xml
    text = docx_text(demo / "bao-cao-2023-03.docx")
    assert "< 3%" in text and "&" in text


def style_name(paragraph: DocxParagraph) -> str:
    assert paragraph.style is not None and paragraph.style.name is not None
    return str(paragraph.style.name)


def mm(length: Length | None) -> int:
    """A page measure in whole millimetres (python-docx gives ``None`` where the document sets none)."""
    assert length is not None
    return round(float(length.mm))


def it_uses_the_official_page_format(demo: Path) -> None:
    doc = Document(str(demo / "bao-cao-2023-03.docx"))
    first, appendix = doc.sections[0], doc.sections[-1]
    assert [mm(first.page_width), mm(first.page_height)] == [210, 297]
    assert [mm(first.top_margin), mm(first.bottom_margin), mm(first.left_margin), mm(first.right_margin)] == [
        20, 20, 30, 15]
    assert first.different_first_page_header_footer
    assert mm(appendix.page_width) == 297
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    header = doc.tables[0]
    assert "UBND THÀNH PHỐ CẦN THƠ" in header.cell(0, 0).text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    table = doc.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Chỉ tiêu", "ĐVT", "KH năm", "Tháng", "Lũy kế", "% KH",
                                                     "So cùng kỳ", "Tình trạng"]
    header_row = table.rows[0]._tr.trPr
    assert header_row is not None and header_row.find(f"{W}tblHeader") is not None
    rows = [[c.text for c in r.cells] for r in table.rows]
    retail = next(r for r in rows if r[1] == "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ")
    assert retail[2:] == ["tỷ\u00a0đồng", "125.752", "9.239,42", "28.684,031", "22,81", "tăng 13,42%", "Ước"]


def it_builds_the_same_bytes_twice(tmp_path: Path, catalog: Catalog, clock: Callable[[], dt.datetime],
                                   demo_store: Store) -> None:
    options = ReportOptions(number="742/BC-SKHĐT")
    first = build_report(catalog, demo_store, Period(2023, 3), tmp_path / "a.docx", options=options,
                         clock=clock, actor="test").docx
    second = build_report(catalog, demo_store, Period(2023, 3), tmp_path / "b.docx", options=options,
                          clock=clock, actor="test").docx
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2023-03-28T08:00:00" in core


@pytest.mark.libreoffice
def it_renders_to_pages_a_reader_can_read(tmp_path: Path, demo: Path) -> None:
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(demo / "bao-cao-2023-03.docx")],
                   capture_output=True, timeout=300, check=True)
    pdf = tmp_path / "bao-cao-2023-03.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True, timeout=300)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 10
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "BÁO CÁO" in text and "tăng 8,92% so với tháng trước" in text
    assert "PHỤ LỤC" in text


def it_orders_the_sections_as_the_references_do(demo: Path) -> None:
    doc = Document(str(demo / "bao-cao-2023-03.docx"))
    headings = [p.text for p in doc.paragraphs if style_name(p).startswith("Heading ")]
    expected = [
        "I. Tình hình kinh tế - xã hội tháng 03/2023, Quý I/2023", "1. Về kinh tế", "a. Lĩnh vực công nghiệp:",
        "b. Hoạt động thương mại - dịch vụ:", "c. Lĩnh vực nông nghiệp:",
        "2. Huy động các nguồn vốn đầu tư phát triển", "3. Tài chính - ngân hàng",
        "4. Công tác quản lý đô thị, tài nguyên môi trường", "5. Lĩnh vực văn hóa - xã hội",
        "6. Cải cách hành chính - thanh tra - tư pháp", "7. Hoạt động đối ngoại - Quốc phòng an ninh",
        "II. Đánh giá chung", "III. Một số nhiệm vụ trọng tâm tháng 04/2023",
    ]
    positions = [headings.index(h) for h in expected]
    assert positions == sorted(positions)
    december = Document(str(demo / "bao-cao-2022-12.docx"))
    top = [p.text for p in december.paragraphs if style_name(p) == "Heading Roman"]
    assert top == ["I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2022",
                   "II. KẾT QUẢ PHÁT TRIỂN CÁC NGÀNH, LĨNH VỰC THÁNG 12/2022 VÀ 12 THÁNG NĂM 2022",
                   "III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023"]


def it_sets_the_decrees_sizes_for_each_element(demo: Path) -> None:
    doc = Document(str(demo / "bao-cao-2023-03.docx"))

    def run_of(container: _Cell, text: str) -> Run:
        for paragraph in container.paragraphs:
            for run in paragraph.runs:
                if text in run.text:
                    return cast(Run, run)
        raise AssertionError(text)

    def size(run: Run) -> float:
        assert run.font.size is not None
        return float(run.font.size.pt)

    header = doc.tables[0]
    national = run_of(header.cell(0, 1), "CỘNG HÒA")
    motto = run_of(header.cell(0, 1), "Độc lập")
    place = run_of(header.cell(0, 1), "Cần Thơ, ngày")
    issuer = run_of(header.cell(0, 0), "SỞ KẾ HOẠCH")
    assert (size(national), national.bold) == (12, True)
    assert (size(motto), motto.bold) == (13, True)
    assert (size(place), place.italic) == (14, True)
    assert (size(issuer), issuer.bold) == (13, True)
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert title.style is not None and title.style.font.bold and title.style.font.size.pt == 14
    body = doc.styles["Normal"].paragraph_format
    assert body.first_line_indent.cm == pytest.approx(1, abs=0.01) and body.line_spacing == 1.15
    assert doc.styles["FootnoteText"].font.size.pt == 11
