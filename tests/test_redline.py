"""Redlines: two drafts compared into Word tracked changes, comments on changed figures, accept and reject all.

Real documents built here with python-docx (a figure in a sentence, a number
Word split over two runs, paragraphs inserted, deleted and reworded, an
appendix table, footnotes, a chart replaced) and the demo's March report are
compared with the Docxodus engine; accepting every change of a redline must
give the new draft's text and rejecting every change the old one's.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree
from PIL import Image

from reportgen.compare.redline import (
    CompareError,
    _run_engine,
    accept_all,
    document_text,
    redline,
    reject_all,
)
from reportgen.report.footnotes import FootnoteRegistry, apply_markers

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
WHEN = dt.datetime(2023, 4, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
STAMP = "2023-04-05T02:30:00Z"
AUTHOR = "Nguyễn Văn An"
RETAIL = "f_retail_sales__month"
GROWTH = "f_retail_sales__yoy_month"


# --- documents ------------------------------------------------------------------------------------------------------


def save(document: Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bookmarked(paragraph: Paragraph, name: str, number: int, pieces: list[str]) -> None:
    """Runs of ``pieces`` inside a bookmark, as reportgen wraps a printed figure."""
    start = etree.SubElement(paragraph._p, qn("w:bookmarkStart"))
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    for piece in pieces:
        paragraph.add_run(piece)
    etree.SubElement(paragraph._p, qn("w:bookmarkEnd")).set(qn("w:id"), str(number))


def figure_doc(number: str, growth: str, *, split: bool = False) -> bytes:
    """A sentence stating two figures, each in its bookmark; ``split``: the number over two runs, as Word saves it."""
    document = docx.Document()
    document.add_paragraph("Báo cáo tình hình kinh tế - xã hội tháng 3 năm 2023.")
    paragraph = document.add_paragraph()
    paragraph.add_run("Doanh thu đạt ")
    bookmarked(paragraph, RETAIL, 1, [number[:3], number[3:]] if split else [number])
    paragraph.add_run(" tỷ đồng, tăng ")
    bookmarked(paragraph, GROWTH, 2, [growth])
    paragraph.add_run(".")
    document.add_paragraph("Chỉ số giá tiêu dùng tăng 0,21% so với tháng trước.")
    return save(document)


def paragraphs_doc(texts: list[str]) -> bytes:
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    return save(document)


def table_doc(rows: list[list[str]]) -> bytes:
    """An appendix-like table between two paragraphs."""
    document = docx.Document()
    document.add_paragraph("Phụ lục: Một số chỉ tiêu chủ yếu")
    table = document.add_table(rows=0, cols=3)
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    document.add_paragraph("Hết phụ lục.")
    return save(document)


def footnote_doc(notes: list[str]) -> bytes:
    """Two sentences with a footnote each, written the way reportgen writes footnotes."""
    registry = FootnoteRegistry()
    document = docx.Document()
    document.add_paragraph("Thu ngân sách đạt 1.234 tỷ đồng" + registry.mark(notes[0]) + ".")
    document.add_paragraph("Vốn đầu tư tăng 5,1%" + registry.mark(notes[1]) + ".")
    return apply_markers(save(document), registry)


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


def image_doc(colour: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("Biểu đồ 1: Tổng mức bán lẻ")
    document.add_picture(io.BytesIO(png(colour)))
    document.add_paragraph("Nguồn: Cục Thống kê")
    return save(document)


def body_doc(body: str) -> bytes:
    """A document whose body is ``body`` (WordprocessingML with the ``w:`` prefix), to write revisions by hand."""
    document = docx.Document()
    element = document.element.body
    for child in list(element):
        if child.tag != W + "sectPr":
            element.remove(child)
    wrapped = f'<w:body xmlns:w="{W[1:-1]}">{body}</w:body>'
    for index, child in enumerate(etree.fromstring(wrapped)):
        element.insert(index, child)
    return save(document)


OLD_PARAGRAPHS = ["Mở đầu báo cáo.", "Đoạn sẽ bị xóa đi.", "Sản xuất công nghiệp tiếp tục phục hồi khá.", "Kết luận."]
NEW_PARAGRAPHS = ["Mở đầu báo cáo.", "Sản xuất công nghiệp tiếp tục tăng trưởng ổn định.", "Đoạn mới được chèn thêm.",
                  "Kết luận."]
OLD_ROWS = [["Chỉ tiêu", "Đơn vị", "Tháng 3"], ["Bán lẻ", "tỷ đồng", "9.239,42"], ["CPI", "%", "100,21"]]
NEW_ROWS = [["Chỉ tiêu", "Đơn vị", "Tháng 3"], ["Bán lẻ", "tỷ đồng", "9.301,15"], ["CPI", "%", "100,21"],
            ["Xuất khẩu", "triệu USD", "512,3"]]
OLD_NOTES = ["Số ước tính của Sở Tài chính.", "Theo báo cáo Cục Thống kê."]
NEW_NOTES = ["Số chính thức của Sở Tài chính.", "Theo báo cáo Cục Thống kê."]

CASES: dict[str, Callable[[], tuple[bytes, bytes]]] = {
    "figure in a sentence": lambda: (figure_doc("9.239,42", "8,92%"), figure_doc("9.301,15", "9,67%")),
    "split run": lambda: (figure_doc("9.239,42", "8,92%", split=True), figure_doc("9.301,15", "9,67%", split=True)),
    "paragraphs": lambda: (paragraphs_doc(OLD_PARAGRAPHS), paragraphs_doc(NEW_PARAGRAPHS)),
    "table": lambda: (table_doc(OLD_ROWS), table_doc(NEW_ROWS)),
    "footnote": lambda: (footnote_doc(OLD_NOTES), footnote_doc(NEW_NOTES)),
    "image": lambda: (image_doc("red"), image_doc("blue")),
}


# --- reading a redline ------------------------------------------------------------------------------------------------


def part(docx_bytes: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        return etree.fromstring(archive.read(name))


def revisions(docx_bytes: bytes, kind: str, name: str = "word/document.xml") -> list[str]:
    """The text of each ``w:ins`` or ``w:del`` (content, not paragraph-mark markers) of a part, in order."""
    found = []
    for element in part(docx_bytes, name).iter(W + kind):
        if len(element):
            found.append("".join(t.text or "" for t in element.iter(W + "t", W + "delText")))
    return found


def image_of(docx_bytes: bytes, container: etree._Element) -> bytes:
    """The picture a drawing inside ``container`` shows, from the package's media."""
    blip = next(container.iter(A_BLIP))
    rels = part(docx_bytes, "word/_rels/document.xml.rels")
    target = next(r.get("Target", "") for r in rels if r.get("Id") == blip.get(R_EMBED))
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:  # the engine writes absolute targets (/word/media/…)
        return archive.read(target.lstrip("/") if target.startswith("/") else f"word/{target}")


def comments(docx_bytes: bytes) -> list[tuple[str, str, str]]:
    """(author, date, text) of each comment; a comment's paragraphs joined by a line break."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        if "word/comments.xml" not in archive.namelist():
            return []
    return [(c.get(W + "author", ""), c.get(W + "date", ""),
             "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p")))
            for c in part(docx_bytes, "word/comments.xml").iter(W + "comment")]


def commented_text(docx_bytes: bytes) -> list[str]:
    """The text between each comment's range marks in the body, deleted text in brackets."""
    found = []
    for start in part(docx_bytes).iter(W + "commentRangeStart"):
        pieces, inside = [], False
        for element in start.getroottree().iter(W + "commentRangeStart", W + "commentRangeEnd", W + "t",
                                                W + "delText"):
            if element is start:
                inside = True
            elif element.tag == W + "commentRangeEnd" and element.get(W + "id") == start.get(W + "id"):
                break
            elif inside and element.tag == W + "t":
                pieces.append(element.text or "")
            elif inside and element.tag == W + "delText":
                pieces.append(f"[{element.text}]")
        found.append("".join(pieces))
    return found


def assert_round_trip(old: bytes, new: bytes, red: bytes) -> None:
    assert document_text(accept_all(red)) == document_text(new)
    assert document_text(reject_all(red)) == document_text(old)


# --- the granularity of changes ---------------------------------------------------------------------------------------


def it_marks_a_changed_figure_as_the_old_number_deleted_and_the_new_one_inserted() -> None:
    old, new = CASES["figure in a sentence"]()
    red = redline(old, new, author=AUTHOR, when=WHEN)
    assert revisions(red, "del") == ["9.239,42", "8,92%"]
    assert revisions(red, "ins") == ["9.301,15", "9,67%"]
    assert document_text(red)[1] == "Doanh thu đạt 9.301,15 tỷ đồng, tăng 9,67%."
    dated = {(e.get(W + "author"), e.get(W + "date")) for e in part(red).iter(W + "ins", W + "del")}
    assert dated == {(AUTHOR, STAMP)}
    assert_round_trip(old, new, red)


def it_deletes_a_number_word_split_over_two_runs_as_one_piece() -> None:
    old, new = CASES["split run"]()
    red = redline(old, new, author=AUTHOR, when=WHEN)
    assert revisions(red, "del") == ["9.239,42", "8,92%"]
    assert revisions(red, "ins") == ["9.301,15", "9,67%"]
    assert_round_trip(old, new, red)


def it_marks_inserted_deleted_and_reworded_paragraphs() -> None:
    old, new = CASES["paragraphs"]()
    red = redline(old, new, author=AUTHOR, when=WHEN)
    assert revisions(red, "del") == ["Đoạn sẽ bị xóa đi.", "phục hồi khá"]
    assert revisions(red, "ins") == ["tăng trưởng ổn định", "Đoạn mới được chèn thêm."]
    marks = [p.find(f"{W}pPr/{W}rPr") for p in part(red).iter(W + "p")]
    assert [[m.tag for m in mark] if mark is not None else [] for mark in marks] == [
        [], [W + "del"], [], [W + "ins"], []]
    assert_round_trip(old, new, red)
    assert document_text(accept_all(red)) == NEW_PARAGRAPHS and document_text(reject_all(red)) == OLD_PARAGRAPHS


def it_marks_a_changed_cell_and_an_added_row() -> None:
    old, new = CASES["table"]()
    red = redline(old, new, author=AUTHOR, when=WHEN)
    rows = list(part(red).iter(W + "tr"))
    assert [r.find(f"{W}trPr/{W}ins") is not None for r in rows] == [False, False, False, True]
    assert revisions(red, "del") == ["9.239,42"]
    assert revisions(red, "ins") == ["9.301,15", "Xuất khẩu", "triệu USD", "512,3"]
    assert_round_trip(old, new, red)
    assert len(list(part(reject_all(red)).iter(W + "tr"))) == 3
    assert len(list(part(accept_all(red)).iter(W + "tr"))) == 4


def it_marks_a_changed_footnote_in_the_footnotes() -> None:
    old, new = CASES["footnote"]()
    red = redline(old, new, author=AUTHOR, when=WHEN)
    assert revisions(red, "del", "word/footnotes.xml") == ["ước tính"]
    assert revisions(red, "ins", "word/footnotes.xml") == ["chính thức"]
    assert revisions(red, "ins") == revisions(red, "del") == []
    assert document_text(red)[-2:] == [" Số chính thức của Sở Tài chính.", " Theo báo cáo Cục Thống kê."]
    styles = [p.find(f"{W}pPr/{W}pStyle") for p in part(red, "word/footnotes.xml").iter(W + "p")]
    assert [s.get(W + "val") for s in styles if s is not None] == ["FootnoteText", "FootnoteText"]
    assert_round_trip(old, new, red)


def it_marks_a_replaced_picture_as_one_deleted_and_one_inserted() -> None:
    old, new = CASES["image"]()
    red = redline(old, new, author=AUTHOR, when=WHEN)
    deleted = [d for d in part(red).iter(W + "del") if d.find(f".//{W}drawing") is not None]
    inserted = [i for i in part(red).iter(W + "ins") if i.find(f".//{W}drawing") is not None]
    assert len(deleted) == len(inserted) == 1
    assert image_of(red, deleted[0]) == png("red") and image_of(red, inserted[0]) == png("blue")
    for resolved, colour in ((accept_all(red), "blue"), (reject_all(red), "red")):
        drawings = list(part(resolved).iter(W + "drawing"))
        assert len(drawings) == 1 and image_of(resolved, drawings[0]) == png(colour)


@pytest.mark.parametrize("case", list(CASES))
def it_gives_the_same_bytes_for_the_same_drafts(case: str) -> None:
    old, new = CASES[case]()
    first = redline(old, new, author=AUTHOR, when=WHEN, comments={RETAIL: "Đã cập nhật."})
    assert redline(old, new, author=AUTHOR, when=WHEN, comments={RETAIL: "Đã cập nhật."}) == first
    assert accept_all(first) == accept_all(first) and reject_all(first) == reject_all(first)
    assert redline(old, new, author=AUTHOR, when=WHEN + dt.timedelta(days=1)) != first


# --- comments ---------------------------------------------------------------------------------------------------------


def it_comments_the_figures_whose_bookmark_holds_a_change() -> None:
    old, new = figure_doc("9.239,42", "8,92%"), figure_doc("9.239,42", "9,67%")
    red = redline(old, new, author=AUTHOR, when=WHEN, comments={
        RETAIL: "Không đổi: không ghi chú.", GROWTH: "Sở Công Thương sửa số liệu\nngày 04/04/2023.",
        "f_missing__month": "Không có trong bản mới."})
    assert comments(red) == [(AUTHOR, STAMP, "Sở Công Thương sửa số liệu\nngày 04/04/2023.")]
    assert commented_text(red) == ["[8,92%]9,67%"]
    references = list(part(red).iter(W + "commentReference"))
    assert len(references) == 1 and not any(a.tag in (W + "ins", W + "del") for a in references[0].iterancestors())
    names = {b.get(W + "name") for b in part(red).iter(W + "bookmarkStart")}
    assert names == {RETAIL, GROWTH}  # the engine keeps the new draft's bookmarks
    with zipfile.ZipFile(io.BytesIO(red)) as archive:
        assert "/word/comments.xml" in archive.read("[Content_Types].xml").decode()
        assert 'Target="comments.xml"' in archive.read("word/_rels/document.xml.rels").decode()
    for resolved in (accept_all(red), reject_all(red)):
        assert comments(resolved) == comments(red)
        assert list(part(resolved).iter(W + "ins", W + "del")) == []


def it_comments_a_figure_whose_neighbour_changed() -> None:
    """A word changed right before a figure (a space apart) touches the figure's bookmark: the figure reads anew."""
    documents = []
    for verb in ("tăng", "giảm"):
        document = docx.Document()
        paragraph = document.add_paragraph()
        paragraph.add_run(f"Chỉ số giá {verb} ")
        bookmarked(paragraph, GROWTH, 1, ["0,21%"])
        paragraph.add_run(" so với tháng trước.")
        documents.append(save(document))
    old, new = documents
    red = redline(old, new, author=AUTHOR, when=WHEN, comments={GROWTH: "Chiều so sánh đổi."})
    assert revisions(red, "del") == ["tăng"] and revisions(red, "ins") == ["giảm"]
    assert [c[2] for c in comments(red)] == ["Chiều so sánh đổi."]


@pytest.mark.libreoffice
def it_keeps_comments_and_revisions_through_libreoffice(tmp_path: Path) -> None:
    old, new = CASES["figure in a sentence"]()
    source = tmp_path / "redline.docx"
    source.write_bytes(redline(old, new, author=AUTHOR, when=WHEN, comments={RETAIL: "Số bán lẻ đã sửa."}))
    outdir = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "docx", "--outdir", str(outdir), str(source)],
                   capture_output=True, timeout=300, check=True)
    converted = (outdir / source.name).read_bytes()
    assert [(author, text) for author, _, text in comments(converted)] == [(AUTHOR, "Số bán lẻ đã sửa.")]
    assert revisions(converted, "del") == ["9.239,42", "8,92%"]
    assert "".join(revisions(converted, "ins")) == "9.301,159,67%"
    assert_round_trip(old, new, converted)


# --- accepting and rejecting revisions written by hand ----------------------------------------------------------------

MOVED_AND_FORMATTED = f"""
<w:p><w:pPr><w:rPr><w:moveFrom w:id="1" w:author="A" w:date="{STAMP}"/></w:rPr></w:pPr>
  <w:moveFromRangeStart w:id="2" w:name="move1" w:author="A" w:date="{STAMP}"/>
  <w:moveFrom w:id="3" w:author="A" w:date="{STAMP}"><w:r><w:delText>Đoạn được dời.</w:delText></w:r></w:moveFrom>
  <w:moveFromRangeEnd w:id="2"/></w:p>
<w:p><w:pPr><w:jc w:val="center"/>
    <w:pPrChange w:id="4" w:author="A" w:date="{STAMP}"><w:pPr><w:jc w:val="left"/></w:pPr></w:pPrChange></w:pPr>
  <w:r><w:rPr><w:b/><w:rPrChange w:id="5" w:author="A" w:date="{STAMP}"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr>
    <w:t>Chữ đậm.</w:t></w:r></w:p>
<w:p><w:pPr><w:rPr><w:moveTo w:id="6" w:author="A" w:date="{STAMP}"/></w:rPr></w:pPr>
  <w:moveToRangeStart w:id="7" w:name="move1" w:author="A" w:date="{STAMP}"/>
  <w:moveTo w:id="8" w:author="A" w:date="{STAMP}"><w:r><w:t>Đoạn được dời.</w:t></w:r></w:moveTo>
  <w:moveToRangeEnd w:id="7"/></w:p>
<w:p><w:r><w:t xml:space="preserve">Câu </w:t></w:r>
  <w:ins w:id="9" w:author="A" w:date="{STAMP}"><w:del w:id="10" w:author="B" w:date="{STAMP}">
    <w:r><w:delText>thêm rồi xóa </w:delText></w:r></w:del></w:ins>
  <w:r><w:t>cuối.</w:t></w:r></w:p>
<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/>
  </w:tblGrid>
  <w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>
    <w:tc><w:tcPr><w:cellDel w:id="11" w:author="A" w:date="{STAMP}"/></w:tcPr>
      <w:p><w:r><w:t>ô xóa</w:t></w:r></w:p></w:tc>
  </w:tr>
  <w:tr><w:trPr><w:del w:id="12" w:author="A" w:date="{STAMP}"/></w:trPr>
    <w:tc><w:p><w:del w:id="13" w:author="A" w:date="{STAMP}">
      <w:r><w:delText>hàng xóa</w:delText></w:r></w:del></w:p></w:tc>
    <w:tc><w:p/></w:tc></w:tr>
</w:tbl>
<w:p><w:r><w:t>Hết.</w:t></w:r></w:p>
"""


def it_accepts_and_rejects_moves_property_changes_cells_and_rows() -> None:
    document = body_doc(MOVED_AND_FORMATTED)
    accepted, rejected = accept_all(document), reject_all(document)
    assert document_text(accepted) == ["Chữ đậm.", "Đoạn được dời.", "Câu cuối.", "a", "Hết."]
    assert document_text(rejected) == [
        "Đoạn được dời.", "Chữ đậm.", "Câu cuối.", "a", "ô xóa", "hàng xóa", "", "Hết."]
    for resolved in (accepted, rejected):
        tags = {e.tag for e in part(resolved).iter()}
        assert not tags & {W + t for t in ("ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeEnd",
                                           "rPrChange", "pPrChange", "cellDel", "delText")}
    accepted_root, rejected_root = part(accepted), part(rejected)
    assert [j.get(W + "val") for j in accepted_root.iter(W + "jc")] == ["center"]
    assert [j.get(W + "val") for j in rejected_root.iter(W + "jc")] == ["left"]
    assert [e.tag for e in next(accepted_root.iter(W + "r")).find(W + "rPr")] == [W + "b"]  # type: ignore[union-attr]
    bold_run = next(r for r in rejected_root.iter(W + "r") if r.findtext(W + "t") == "Chữ đậm.")
    assert [e.tag for e in bold_run.find(W + "rPr")] == [W + "i"]  # type: ignore[union-attr]


def it_merges_a_paragraph_whose_mark_was_deleted_into_the_next() -> None:
    document = body_doc(f"""
        <w:p><w:pPr><w:jc w:val="right"/><w:rPr><w:del w:id="1" w:author="A" w:date="{STAMP}"/></w:rPr></w:pPr>
          <w:r><w:t xml:space="preserve">Nửa đầu, </w:t></w:r></w:p>
        <w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:t>nửa sau.</w:t></w:r></w:p>""")
    assert document_text(accept_all(document)) == ["Nửa đầu, nửa sau."]
    assert [j.get(W + "val") for j in part(accept_all(document)).iter(W + "jc")] == ["both"]
    assert document_text(reject_all(document)) == ["Nửa đầu, ", "nửa sau."]


# --- the demo's report ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def march(demo: Path) -> bytes:
    return (demo / "bao-cao-2023-03.docx").read_bytes()


def edited_figure(docx_bytes: bytes, name: str, text: str) -> tuple[bytes, str]:
    """The document with the text of one figure's bookmark replaced, as a planner would in Word; and the old text."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    root = etree.fromstring(source.read("word/document.xml"))
    start = next(b for b in root.iter(W + "bookmarkStart") if b.get(W + "name") == name)
    run = start.getnext()
    assert run is not None and run.tag == W + "r"
    t = run.find(W + "t")
    assert t is not None and t.text
    old_text, t.text = t.text, text
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.namelist():
            target.writestr(item, etree.tostring(root) if item == "word/document.xml" else source.read(item))
    return out.getvalue(), old_text


def it_finds_no_change_between_the_demo_report_and_itself(march: bytes) -> None:
    red = redline(march, march, author=AUTHOR, when=WHEN, comments={RETAIL: "Không có gì đổi."})
    with zipfile.ZipFile(io.BytesIO(red)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                assert not re.search(rb"<w:(ins|del|moveFrom|moveTo|rPrChange|pPrChange) ", archive.read(name)), name
    assert comments(red) == []
    assert document_text(red) == document_text(march)
    assert document_text(accept_all(red)) == document_text(reject_all(red)) == document_text(march)


def it_marks_one_edited_figure_of_the_demo_report_as_one_pair(march: bytes) -> None:
    edited, old_text = edited_figure(march, "f_retail_sales__ytd", "28.700,125")
    notes = {"f_retail_sales__ytd": "Số lũy kế đã sửa."}
    red = redline(march, edited, author=AUTHOR, when=WHEN, comments=notes)
    assert (revisions(red, "del"), revisions(red, "ins")) == ([old_text], ["28.700,125"])
    assert len(list(part(red).iter(W + "ins", W + "del"))) == 2
    assert commented_text(red) == [f"[{old_text}]28.700,125"]
    assert_round_trip(march, edited, red)
    assert redline(march, edited, author=AUTHOR, when=WHEN, comments=notes) == red


# --- failures ---------------------------------------------------------------------------------------------------------


def it_names_the_side_that_is_not_a_word_document() -> None:
    good = paragraphs_doc(["Một đoạn."])
    empty_zip = io.BytesIO()
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(CompareError) as not_zip:
        redline(b"not a docx", good, author=AUTHOR, when=WHEN)
    with pytest.raises(CompareError) as no_body:
        redline(good, empty_zip.getvalue(), author=AUTHOR, when=WHEN)
    with pytest.raises(CompareError) as broken:
        accept_all(b"PK\x03\x04 broken")
    assert [str(e.value) for e in (not_zip, no_body, broken)] == [
        "Không so sánh được hai bản: bản cũ không phải là tệp Word (.docx) đọc được: không phải tệp nén zip.",
        "Không so sánh được hai bản: bản mới không phải là tệp Word (.docx) đọc được: "
        "thiếu phần văn bản chính (word/document.xml).",
        "Không đọc được tệp: tài liệu không phải là tệp Word (.docx) đọc được: không phải tệp nén zip.",
    ]


def it_names_the_side_the_engine_refuses() -> None:
    """A document part without the package's content types: readable here, refused by the engine."""
    good = paragraphs_doc(["Một đoạn."])
    stripped = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(stripped, "w") as target:
        for name in source.namelist():
            if name != "[Content_Types].xml":
                target.writestr(name, source.read(name))
    with pytest.raises(CompareError) as refused:
        redline(good, stripped.getvalue(), author=AUTHOR, when=WHEN)
    assert str(refused.value) == (
        "Không so sánh được hai bản: công cụ so sánh không đọc được bản mới: Not a Wordprocessing document.")


def it_says_when_the_engine_cannot_be_started(tmp_path: Path) -> None:
    paper = tmp_path / "a.docx"
    paper.write_bytes(paragraphs_doc(["Một đoạn."]))
    with pytest.raises(CompareError, match="chưa cài công cụ so sánh Docxodus"):
        _run_engine(str(tmp_path / "no-such-redline"), paper, paper, tmp_path / "out.docx", AUTHOR, STAMP)
