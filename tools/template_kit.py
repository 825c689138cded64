"""Building blocks for writing the Word template with python-docx (styles, paragraphs, tags)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph


FONT = "Times New Roman"
BODY_PT = 14
OUT = Path(__file__).resolve().parent.parent / "reportgen" / "templates" / "report.docx"

QE = "period.is_quarter_end"
YE = "period.is_year_end"
BLOCK = f"({QE} or {YE})"


def set_font(style_or_run: object, size: float | None = None) -> None:
    font = style_or_run.font  # type: ignore[attr-defined]
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    element = style_or_run.element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def setup_styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    set_font(normal, BODY_PT)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15

    def paragraph_style(name: str, bold: bool = False, italic: bool = False, size: float = BODY_PT,
                        indent: bool = True, align: WD_ALIGN_PARAGRAPH | None = None) -> None:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        set_font(style, size)
        style.font.bold = bold
        style.font.italic = italic
        if not indent:
            style.paragraph_format.first_line_indent = Cm(0)
        if align is not None:
            style.paragraph_format.alignment = align
        style.paragraph_format.keep_with_next = bold

    paragraph_style("Heading Roman", bold=True)
    paragraph_style("Heading Number", bold=True)
    paragraph_style("Heading Letter", bold=True, italic=True)
    paragraph_style("Title Type", bold=True, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    paragraph_style("Title Summary", bold=True, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    paragraph_style("Header Cell", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=13)
    paragraph_style("Table Text", indent=False, size=11)
    paragraph_style("Recipients", indent=False, size=11)
    notes = doc.styles.add_style("FootnoteText", WD_STYLE_TYPE.PARAGRAPH)
    notes.base_style = normal
    set_font(notes, 11)
    notes.paragraph_format.first_line_indent = Cm(0)
    notes.paragraph_format.space_after = Pt(0)
    notes.paragraph_format.line_spacing = 1.0
    notes.element.set(qn("w:styleId"), "FootnoteText")
    ref = doc.styles.add_style("FootnoteReference", WD_STYLE_TYPE.CHARACTER)
    ref.font.superscript = True
    ref.element.set(qn("w:styleId"), "FootnoteReference")


def para(container: object, text: str = "", style: str | None = None, bold: bool | None = None,
         italic: bool | None = None, size: float | None = None, align: WD_ALIGN_PARAGRAPH | None = None,
         underline: bool = False) -> Paragraph:
    p = container.add_paragraph(style=style)  # type: ignore[attr-defined]
    if text:
        run = p.add_run(text)
        if bold is not None:
            run.bold = bold
        if italic is not None:
            run.italic = italic
        if underline:
            run.underline = True
        if size is not None:
            set_font(run, size)
    if align is not None:
        p.alignment = align
    return p


def short_rule(p: Paragraph, indent_cm: float, after_pt: float = 0) -> None:
    """A paragraph whose bottom border is a short centred line (under issuer and motto)."""
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    p.paragraph_format.left_indent = Cm(indent_cm)
    p.paragraph_format.right_indent = Cm(indent_cm)
    p.paragraph_format.first_line_indent = Cm(0)
    p.paragraph_format.space_after = Pt(after_pt)
    p.paragraph_format.line_spacing = Pt(4)


def cell_para(cell: _Cell, text: str, bold: bool = False, italic: bool = False, size: float = 13,
              first: bool = False, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER) -> Paragraph:
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.style = "Header Cell"
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.0
    run = p.add_run(text)
    run.bold = bold
    run.italic = italic
    set_font(run, size)
    return p


def no_borders(table: object) -> None:
    tbl = table._tbl  # type: ignore[attr-defined]
    tblpr = tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tblpr.append(borders)


def all_borders(table: object) -> None:
    tbl = table._tbl  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            element.set(qn(key), value)
        borders.append(element)
    tbl.tblPr.append(borders)


def fixed_widths(table: object, widths_cm: list[float]) -> None:
    """Column widths Word and LibreOffice both honour: fixed layout, grid and every cell."""
    table.autofit = False  # type: ignore[attr-defined]
    tbl = table._tbl  # type: ignore[attr-defined]
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_cm):  # type: ignore[attr-defined]
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def header_block(doc: Document) -> None:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed_widths(table, [7.0, 9.5])
    left, right = table.rows[0].cells
    cell_para(left, "{{ report.issuer_parent }}", size=13, first=True)
    cell_para(left, "{{ report.issuer }}", bold=True, size=13)
    short_rule(cell_para(left, "", size=4), 2.0)
    cell_para(left, "Số: {{ report.number }}", size=13).paragraph_format.space_before = Pt(6)
    cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, first=True)
    cell_para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    short_rule(cell_para(right, "", size=4), 2.6)
    cell_para(right, "{{ report.place_date }}", italic=True, size=14).paragraph_format.space_before = Pt(6)


def loop(doc: Document, items: str, body: str = "{{ p }}", style: str | None = None) -> None:
    para(doc, f"{{%p for p in {items} %}}")
    para(doc, body, style=style)
    para(doc, "{%p endfor %}")


def narrative(doc: Document, section: str) -> None:
    loop(doc, f"narrative('{section}')")


def when(doc: Document, condition: str) -> None:
    para(doc, f"{{%p if {condition} %}}")


def otherwise(doc: Document) -> None:
    para(doc, "{%p else %}")


def end(doc: Document) -> None:
    para(doc, "{%p endif %}")


def h(doc: Document, text: str, level: str) -> None:
    para(doc, text, style={"I": "Heading Roman", "1": "Heading Number", "a": "Heading Letter"}[level])


def body(doc: Document, text: str) -> None:
    para(doc, text)


