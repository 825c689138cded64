"""A Word template staff edited: each fault named in Vietnamese (heading, paragraph, tag, what is wrong).

A file that is no Word template, template code that does not compile, and
template code that fails when rendered each end in one
:class:`~reportgen.TemplateError` whose message says where and what; the
command line prints it as one line with exit code 1 and writes nothing.
``reportgen check-template`` finds every such problem without building.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import jinja2
import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from reportgen import (
    DEFAULT_TEMPLATE,
    DEFAULT_TEMPLATES,
    Catalog,
    Period,
    ReportData,
    Store,
    TemplateError,
    assemble,
    check_template,
    render,
)
from reportgen.cli import main
from reportgen.report.render import template_environment
from reportgen.report.tags import jinja_source, tags

MARCH = Period(2023, 3)
USING_CATALOG = f"Dùng {DEFAULT_TEMPLATES / 'catalog.toml'} (mặc định).\n"
TRADE_HEADING = "b. Hoạt động thương mại - dịch vụ:"
UNDER_TRADE = "Lỗi trong mẫu báo cáo mau.docx, mục “b. Hoạt động thương mại - dịch vụ:”, "


@pytest.fixture(scope="module")
def data(catalog: Catalog, demo_store: Store) -> ReportData:
    """March's report data, without charts (drawing them is slow and beside the point here)."""
    return replace(assemble(catalog, demo_store, MARCH), charts=())


def after_heading(doc: DocxDocument, heading: str, texts: list[str]) -> list[DocxParagraph]:
    """Insert paragraphs right after the paragraph ``heading``; the new paragraphs, in order."""
    anchor = next(p for p in doc.paragraphs if p.text == heading)
    added = [doc.add_paragraph(text) for text in texts]
    for paragraph in reversed(added):
        anchor._p.addnext(paragraph._p)
    return added


def edited(tmp_path: Path, *texts: str, heading: str = TRADE_HEADING, name: str = "mau.docx") -> Path:
    """The built-in template with paragraphs added under a heading, saved as ``name``."""
    doc = Document(str(DEFAULT_TEMPLATE))
    after_heading(doc, heading, list(texts))
    path = tmp_path / name
    doc.save(str(path))
    return path


def failure(data: ReportData, template: Path) -> str:
    with pytest.raises(TemplateError) as raised:
        render(data, template)
    return str(raised.value)


# Files that are no Word template ----------------------------------------------------------------------------------

def _zip_without(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.namelist():
            if item != name:
                target.writestr(item, source.read(item))
    return out.getvalue()


def _zip_with(name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.namelist():
            target.writestr(item, content if item == name else source.read(item))
    return out.getvalue()


def _workbook() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


def _corrupt_member() -> bytes:
    """The template with bytes of its compressed document part overwritten: the zip's index is intact."""
    whole = bytearray(DEFAULT_TEMPLATE.read_bytes())
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    whole[start + 100:start + 400] = bytes(300)
    return bytes(whole)


NOT_DOCX = "tệp không phải văn bản Word .docx, hoặc đã bị hỏng (chẳng hạn tải về chưa trọn vẹn)"
BROKEN_FILES: dict[str, tuple[Callable[[], bytes], str]] = {
    "truncated": (lambda: DEFAULT_TEMPLATE.read_bytes()[:20000], NOT_DOCX),
    "empty": (lambda: b"", NOT_DOCX),
    "plain text": (lambda: "Báo cáo tháng 3\n".encode(), NOT_DOCX),
    "a PDF": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", NOT_DOCX),
    "a damaged part": (_corrupt_member, NOT_DOCX),
    "a workbook renamed": (_workbook, "đây là tệp Office khác (Excel, PowerPoint…) được đổi đuôi thành .docx, "
                                      "không phải văn bản Word"),
    "no document part": (lambda: _zip_without("word/document.xml"),
                         "tệp .docx thiếu phần nội dung chính của văn bản (word/document.xml)"),
    "a zip of something else": (lambda: _zip_without("[Content_Types].xml"),
                                "tệp .docx thiếu phần nội dung chính của văn bản (word/document.xml)"),
    "document part not XML": (lambda: _zip_with("word/document.xml", DEFAULT_TEMPLATE.read_bytes()[:3000]),
                              "nội dung bên trong tệp .docx bị hỏng"),
}


@pytest.mark.parametrize("case", list(BROKEN_FILES))
def it_names_a_template_file_that_is_no_word_document(case: str, tmp_path: Path, data: ReportData) -> None:
    content, reason = BROKEN_FILES[case]
    path = tmp_path / "mau.docx"
    path.write_bytes(content())
    assert failure(data, path) == f"Không đọc được mẫu báo cáo mau.docx: {reason}."
    with pytest.raises(TemplateError) as checked:
        check_template(path)
    assert str(checked.value) == f"Không đọc được mẫu báo cáo mau.docx: {reason}."


def it_stops_the_build_on_a_broken_template_with_one_line_and_nothing_written(tmp_path: Path, demo_db: Path) -> None:
    broken = tmp_path / "mau.docx"
    broken.write_bytes(DEFAULT_TEMPLATE.read_bytes()[:20000])
    unclosed = edited(tmp_path, "{% if period.has_ytd %}Quý này.", name="mau-ma.docx")
    out = tmp_path / "ra"
    out.mkdir()
    expected = {
        broken: f"Lỗi: Không đọc được mẫu báo cáo mau.docx: {NOT_DOCX}.\n",
        unclosed: ("Lỗi: Lỗi trong mẫu báo cáo mau-ma.docx, mục “b. Hoạt động thương mại - dịch vụ:”, đoạn “{% if "
                   "period.has_ytd %}Quý này.”, thẻ {% if period.has_ytd %}: thẻ mở khối 'if' không có thẻ đóng "
                   "{% endif %}\n"),
        tmp_path / "khong-co.docx": f"Lỗi: Không tìm thấy mẫu báo cáo {tmp_path / 'khong-co.docx'}.\n",
    }
    for template, line in expected.items():
        result = CliRunner().invoke(main, ["build", "--period", "2023-03", "--template", str(template),
                                           "--out", str(out / "bao-cao.docx"), "--manifest", str(out / "so-lieu.json"),
                                           "--db", str(demo_db)])
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", USING_CATALOG + line)
    assert list(out.iterdir()) == []
    builds = CliRunner().invoke(main, ["builds", "--json", "--db", str(demo_db)])
    assert builds.stdout.count('"id"') == 2  # the demo's two builds; none recorded since


# Template code that fails -----------------------------------------------------------------------------------------

CODE_FAULTS: dict[str, tuple[list[str], str]] = {
    "an if left open": (
        ["{% if period.has_ytd %}Quý này có số liệu lũy kế."],
        "đoạn “{% if period.has_ytd %}Quý này có số liệu lũy kế.”, thẻ {% if period.has_ytd %}: thẻ mở khối 'if' "
        "không có thẻ đóng {% endif %}"),
    "a loop left open, over paragraphs": (
        ["{%p for p in narrative('econ.trade') %}", "{{ p.text }}"],
        "thẻ {%p for p in narrative('econ.trade') %}: thẻ mở khối 'for' không có thẻ đóng {% endfor %}"),
    "the condition of a paragraph of its own": (
        ["{%p if khong_co %}", "Đoạn có điều kiện.", "{%p endif %}"],
        "thẻ {%p if khong_co %}: không có tên 'khong_co' trong mẫu báo cáo (các tên dùng được có trong hướng dẫn "
        "mẫu)"),
    "an end tag of another block": (
        ["Trong tháng{% if period.has_ytd %}, quý{% endfor %}."],
        "đoạn “Trong tháng{% if period.has_ytd %}, quý{% endfor %}.”, thẻ {% endfor %}: thẻ 'endfor' không đúng "
        "chỗ: khối 'if' đang mở phải được đóng trước bằng {% endif %}"),
    "an end tag with nothing open": (
        ["Văn bản thừa thẻ đóng.{% endif %}"],
        "đoạn “Văn bản thừa thẻ đóng.{% endif %}”, thẻ {% endif %}: thẻ 'endif' không có thẻ mở tương ứng phía "
        "trước"),
    "an unknown tag": (
        ["{% lap x in f %}Vòng lặp viết sai."],
        "đoạn “{% lap x in f %}Vòng lặp viết sai.”, thẻ {% lap x in f %}: không có loại thẻ 'lap' (dùng được: if, "
        "elif, else, for, set, footnote và các thẻ đóng end…)"),
    "a tag left open": (
        ["Doanh thu {{ f.retail_sales.month tỷ đồng."],
        "đoạn “Doanh thu {{ f.retail_sales.month tỷ đồng.”, thẻ {{ f.retail_sales.month tỷ đồng.…: thẻ không kết "
        "thúc trong đoạn của nó: thiếu }} hoặc %}, hoặc một chuỗi trong dấu nháy chưa được đóng"),
    "a string left open": (
        ['Doanh thu {{ "abc }} tỷ đồng.'],
        'đoạn “Doanh thu {{ "abc }} tỷ đồng.”, thẻ {{ "abc }} tỷ đồng.…: thẻ không kết thúc trong đoạn của nó: thiếu '
        "}} hoặc %}, hoặc một chuỗi trong dấu nháy chưa được đóng"),
    "a character template code has no use for": (
        ["Ký tự {{ a ? b }} lạ."],
        "đoạn “Ký tự {{ a ? b }} lạ.”, thẻ {{ a ? b }}: ký tự '?' không dùng được trong mã mẫu"),
    "a misspelt filter": (
        ["Tên tháng: {{ period.month_name|uper }}."],
        "đoạn “Tên tháng: {{ period.month_name|uper }}.”, thẻ {{ period.month_name|uper }}: không có bộ lọc 'uper' "
        "(tên viết sau dấu |, ví dụ upper, capitalize)"),
    "a misspelt test": (
        ["{% if period.month is chan %}Tháng chẵn.{% endif %}"],
        "đoạn “{% if period.month is chan %}Tháng chẵn.{% endif %}”, thẻ {% if period.month is chan %}: không có "
        "phép thử 'chan' (tên viết sau chữ is)"),
    "broken syntax": (
        ["Doanh thu {{ f. }} tỷ đồng."],
        "đoạn “Doanh thu {{ f. }} tỷ đồng.”, thẻ {{ f. }}: mã mẫu viết sai cú pháp (chi tiết: expected name or "
        "number)"),
    "an unknown indicator": (
        ["Doanh thu {{ f.khong_co.month }} tỷ đồng."],
        "đoạn “Doanh thu {{ f.khong_co.month }} tỷ đồng.”, thẻ {{ f.khong_co.month }}: không có chỉ tiêu mã "
        "'khong_co' trong danh mục"),
    "an unknown name": (
        ["Tên lạ {{ khong_co }} ở đây."],
        "đoạn “Tên lạ {{ khong_co }} ở đây.”, thẻ {{ khong_co }}: không có tên 'khong_co' trong mẫu báo cáo (các "
        "tên dùng được có trong hướng dẫn mẫu)"),
    "an unknown attribute": (
        ["Trong {{ period.montth }}, {{ f.retail_sales.monthh }}."],
        "đoạn “Trong {{ period.montth }}, {{ f.retail_sales.monthh }}.”, thẻ {{ period.montth }}: period không có "
        "thuộc tính 'montth'"),
    "an unknown section": (
        ["{{ narrative('khong_co') }}"],
        "thẻ {{ narrative('khong_co') }}: Mẫu báo cáo gọi mục 'khong_co' không có trong danh mục."),
    "a division by zero": (
        ["Tỷ lệ {{ 1/0 }}% và {{ 2/1 }}."],
        "đoạn “Tỷ lệ {{ 1/0 }}% và {{ 2/1 }}.”, thẻ {{ 1/0 }}: phép chia cho 0"),
    "an argument missing": (
        ["{{ breakdown() }}"],
        "thẻ {{ breakdown() }}: gọi breakdown() thiếu đối số 'code'"),
    "too many arguments": (
        ["La Mã {{ roman(1, 2) }}; mục {{ narrative('econ.trade', 2) }}."],
        "đoạn “La Mã {{ roman(1, 2) }}; mục {{ narrative('econ.trade', 2) }}.”, thẻ {{ roman(1, 2) }}: gọi roman() "
        "với 2 đối số, nhiều hơn số đối số nó nhận (1)"),
    "an unknown keyword argument": (
        ["{{ breakdown('iip', cach='x') }}"],
        "thẻ {{ breakdown('iip', cach='x') }}: breakdown() không có đối số tên 'cach'"),
    "a call of what is no function": (
        ["{{ period.month_name() }}"],
        "thẻ {{ period.month_name() }}: giá trị được gọi như một hàm, có dấu (…), nhưng không phải hàm (kiểu str)"),
    "an operation on the wrong values": (
        ["{{ period.month_name - 1 }}"],
        "thẻ {{ period.month_name - 1 }}: phép tính không thực hiện được với các giá trị này (chi tiết: unsupported "
        "operand type(s) for -: 'str' and 'int')"),
}


@pytest.mark.parametrize("case", list(CODE_FAULTS))
def it_names_the_paragraph_the_tag_and_the_fault_of_template_code(case: str, tmp_path: Path,
                                                                   data: ReportData) -> None:
    texts, where_and_what = CODE_FAULTS[case]
    assert failure(data, edited(tmp_path, *texts)) == UNDER_TRADE + where_and_what


def it_quotes_a_long_paragraph_around_its_tag(tmp_path: Path, data: ReportData) -> None:
    text = "Đoạn dài: " + "bình ổn giá cả thị trường, " * 8 + "{{ khong_co }}" + ", giữ ổn định nguồn cung" * 8 + "."
    assert failure(data, edited(tmp_path, text)) == (
        UNDER_TRADE + "đoạn “…cả thị trường, bình ổn giá cả thị trường, {{ khong_co }}, giữ ổn định nguồn cung, giữ "
        "ổn định nguồn…”, thẻ {{ khong_co }}: không có tên 'khong_co' trong mẫu báo cáo (các tên dùng được có "
        "trong hướng dẫn mẫu)")


def it_finds_a_tag_word_split_over_runs(tmp_path: Path, data: ReportData) -> None:
    doc = Document(str(DEFAULT_TEMPLATE))
    [paragraph] = after_heading(doc, TRADE_HEADING, ["Doanh thu "])
    paragraph.add_run("{{ f.khong").bold = True
    mark = OxmlElement("w:proofErr")
    mark.set(qn("w:type"), "spellStart")
    paragraph._p.append(mark)
    paragraph.add_run("_co.month }} tỷ đồng.")
    path = tmp_path / "mau.docx"
    doc.save(str(path))
    assert failure(data, path) == UNDER_TRADE + (
        "đoạn “Doanh thu {{ f.khong_co.month }} tỷ đồng.”, thẻ {{ f.khong_co.month }}: không có chỉ tiêu mã "
        "'khong_co' trong danh mục")


def it_names_the_part_when_the_fault_is_in_a_header_or_a_table(tmp_path: Path, data: ReportData) -> None:
    doc = Document(str(DEFAULT_TEMPLATE))
    doc.sections[-1].header.add_paragraph("Trang {{ khong_co }}")
    header = tmp_path / "mau.docx"
    doc.save(str(header))
    assert failure(data, header) == ("Lỗi trong mẫu báo cáo mau.docx, phần đầu trang, đoạn “Trang {{ khong_co }}”, "
                                     "thẻ {{ khong_co }}: không có tên 'khong_co' trong mẫu báo cáo (các tên dùng "
                                     "được có trong hướng dẫn mẫu)")
    doc = Document(str(DEFAULT_TEMPLATE))
    cell = next(c for t in doc.tables for r in t.rows for c in r.cells if c.text == "{{ row.unit }}")
    cell.paragraphs[0].runs[0].text = "{{ row.don_vi }}"
    table = tmp_path / "mau-bang.docx"
    doc.save(str(table))
    assert failure(data, table) == ("Lỗi trong mẫu báo cáo mau-bang.docx, mục “Số liệu tổng hợp thực hiện các chỉ "
                                    "tiêu chủ yếu {{ period.month_name }}”, trong bảng, thẻ {{ row.don_vi }}: row "
                                    "không có thuộc tính 'don_vi'")
    doc = Document(str(DEFAULT_TEMPLATE))
    cell = next(c for t in doc.tables for r in t.rows for c in r.cells if c.text == "{%tr for row in target_rows %}")
    cell.paragraphs[0].runs[0].text = "{%tr for row in muc_tieu %}"
    row = tmp_path / "mau-dong.docx"
    doc.save(str(row))
    assert failure(replace(data, period=Period(2022, 12)), row) == (
        "Lỗi trong mẫu báo cáo mau-dong.docx, mục “Đánh giá kết quả thực hiện các chỉ tiêu chủ yếu năm "
        "{{ period.year }}”, trong bảng, thẻ {%tr for row in muc_tieu %}: không có tên 'muc_tieu' trong mẫu báo "
        "cáo (các tên dùng được có trong hướng dẫn mẫu)")


def it_puts_each_tag_on_a_line_of_its_own_without_changing_what_the_source_means() -> None:
    environment = template_environment()
    patched = ('<w:p><w:r><w:t>A {{- x }} {%+ if y %}{{ "}}" }}{% endif %}{# {{ c }} #}{% raw %}{{ z }}{% endraw %}'
               '{{ {"a": 1}["a"] }}</w:t></w:r></w:p><w:p><w:t>B</w:t></w:p>')
    docxtpl_lines = patched.replace("<w:p>", "\n<w:p>")
    source = jinja_source(environment, patched)
    assert source == ('\n<w:p><w:r><w:t>A {{-\n x }} {%+\n if y %}{{\n "}}" }}{%\n endif %}{# {{ c }} #}{% raw %}'
                      '{{ z }}{% endraw %}{{\n {"a": 1}["a"] }}</w:t></w:r></w:p>\n<w:p><w:t>B</w:t></w:p>')
    assert [(tag.line, tag.text, tag.keyword) for tag in tags(source)] == [
        (3, "{{- x }}", ""), (4, "{%+ if y %}", "if"), (5, '{{ "}}" }}', ""), (6, "{% endif %}", "endif"),
        (7, '{{ {"a": 1}["a"] }}', "")]
    assert (environment.from_string(source).render(x=1, y=True)
            == environment.from_string(docxtpl_lines).render(x=1, y=True)
            == '\n<w:p><w:r><w:t>A1 }}{{ z }}1</w:t></w:r></w:p>\n<w:p><w:t>B</w:t></w:p>')
    # A source not read as this module reads it (other delimiters) keeps docxtpl's lines only.
    other = jinja2.Environment(variable_start_string="[[", variable_end_string="]]")
    assert jinja_source(other, patched) == docxtpl_lines


# Checking a template without building ---------------------------------------------------------------------------

def it_finds_nothing_wrong_with_the_built_in_template() -> None:
    assert check_template() == []


def it_lists_every_problem_of_a_template_without_building(tmp_path: Path, catalog: Catalog) -> None:
    """Jinja stops at the first; the check goes on, and runs December and the departments' paragraphs too."""
    template = edited(
        tmp_path,
        "{% if period.has_ytd %}Quý này có số liệu lũy kế.",
        "Tên tháng: {{ period.month_name|uper }}.",
        "Doanh thu {{ f.khong_co.month }} tỷ đồng, {{ 1/0 }}.",
        "{% for p in narrative('econ.trade') %}{{ p.textt }}{% endfor %}",
        "{% if period.is_year_end %}Cả năm {{ f.khong_co_nam.ytd }}.{% endif %}",
        "Phần cuối không lỗi {{ period.month_name }}.",
    )
    before = template.read_bytes()
    problems = check_template(template, catalog)
    assert [(p.where.removeprefix("mục “b. Hoạt động thương mại - dịch vụ:”, "), p.problem) for p in problems] == [
        ("đoạn “{% if period.has_ytd %}Quý này có số liệu lũy kế.”, thẻ {% if period.has_ytd %}",
         "thẻ mở khối 'if' không có thẻ đóng {% endif %}"),
        ("đoạn “Tên tháng: {{ period.month_name|uper }}.”, thẻ {{ period.month_name|uper }}",
         "không có bộ lọc 'uper' (tên viết sau dấu |, ví dụ upper, capitalize)"),
        ("đoạn “Doanh thu {{ f.khong_co.month }} tỷ đồng, {{ 1/0 }}.”, thẻ {{ f.khong_co.month }}",
         "không có chỉ tiêu mã 'khong_co' trong danh mục"),
        ("đoạn “Doanh thu {{ f.khong_co.month }} tỷ đồng, {{ 1/0 }}.”, thẻ {{ 1/0 }}", "phép chia cho 0"),
        ("đoạn “{% for p in narrative('econ.trade') %}{{ p.textt }}{% endfor %}”, thẻ {{ p.textt }}",
         "p không có thuộc tính 'textt'"),
        ("đoạn “{% if period.is_year_end %}Cả năm {{ f.khong_co_nam.ytd }}.{% endif %}”, thẻ "
         "{{ f.khong_co_nam.ytd }}", "không có chỉ tiêu mã 'khong_co_nam' trong danh mục"),
    ]
    assert {p.heading for p in problems} == {TRADE_HEADING}
    assert str(problems[1]) == UNDER_TRADE + ("đoạn “Tên tháng: {{ period.month_name|uper }}.”, thẻ "
                                              "{{ period.month_name|uper }}: không có bộ lọc 'uper' (tên viết sau "
                                              "dấu |, ví dụ upper, capitalize)")
    assert template.read_bytes() == before  # the check writes nothing, not even into the template


def it_checks_a_template_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    sound = CliRunner().invoke(main, ["check-template"])
    assert (sound.exit_code, sound.stdout, sound.stderr) == (
        0, "Mẫu báo cáo report.docx không có lỗi: đã dựng thử với số liệu mẫu cho một tháng thường, một tháng cuối "
           "quý và tháng 12.\n",
        USING_CATALOG + f"Dùng {DEFAULT_TEMPLATES / 'report.docx'} (mặc định).\n")
    (tmp_path / "templates").mkdir()
    edited(tmp_path / "templates", "Tên tháng: {{ period.month_name|uper }}.", "{{ khong_co }}", name="report.docx")
    own = CliRunner().invoke(main, ["check-template"])
    assert (own.exit_code, own.stdout, own.stderr) == (
        1, "Mẫu báo cáo report.docx có 2 lỗi:\n"
           "- mục “b. Hoạt động thương mại - dịch vụ:”, đoạn “Tên tháng: {{ period.month_name|uper }}.”, thẻ "
           "{{ period.month_name|uper }}: không có bộ lọc 'uper' (tên viết sau dấu |, ví dụ upper, capitalize)\n"
           "- mục “b. Hoạt động thương mại - dịch vụ:”, thẻ {{ khong_co }}: không có tên 'khong_co' trong mẫu báo "
           "cáo (các tên dùng được có trong hướng dẫn mẫu)\n",
        USING_CATALOG + f"Dùng {Path('templates') / 'report.docx'} (của thư mục làm việc).\n")
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"")
    result = CliRunner().invoke(main, ["check-template", str(broken)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", USING_CATALOG + f"Lỗi: Không đọc được mẫu báo cáo hong.docx: {NOT_DOCX}.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hong.docx", "templates"]
