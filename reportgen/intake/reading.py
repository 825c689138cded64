"""Reading a returned form with python-calamine into plain values.

The reader knows only the form's layout (:mod:`reportgen.layout`); it does not
judge the values. It returns every cell it may need with its address, so the
validator can name the exact cell in its messages.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

import python_calamine as pc
from lxml import etree
from openpyxl.utils import column_index_from_string, get_column_letter

from ..forms import layout as L

CellValue = Any  # float | int | str | bool | date | datetime | time | timedelta | None


@dataclass(frozen=True)
class RawCell:
    ref: str
    value: CellValue
    error: str = ""
    """The Excel error value the cell holds (``#DIV/0!``, ``#N/A`` …); calamine reads such a cell as empty."""


@dataclass
class RawForm:
    """What a form contains, before any judgement."""

    sheets: list[str]
    meta: dict[str, str] = field(default_factory=dict)
    cover: dict[str, RawCell] = field(default_factory=dict)
    data_rows: list[dict[str, RawCell]] = field(default_factory=list)
    narrative_rows: list[dict[str, RawCell]] = field(default_factory=list)
    formulas_without_value: set[str] = field(default_factory=set)


class UnreadableWorkbookError(Exception):
    """The file could not be opened as a workbook; the message says why."""


def _grid(book: pc.CalamineWorkbook, name: str) -> list[list[CellValue]]:
    return book.get_sheet_by_name(name).to_python(skip_empty_area=False)


def _at(grid: list[list[CellValue]], row: int, column: str) -> CellValue:
    r, c = row - 1, column_index_from_string(column) - 1
    if r < len(grid) and c < len(grid[r]):
        value = grid[r][c]
        return None if value == "" else value
    return None


def _row_cells(grid: list[list[CellValue]], row: int, columns: tuple[str, ...],
               errors: dict[str, str] | None = None) -> dict[str, RawCell]:
    errors = errors or {}
    return {col: RawCell(f"{col}{row}", _at(grid, row, col), errors.get(f"{col}{row}", "")) for col in columns}


DATA_COLUMNS = (L.COL_NO, L.COL_CODE, L.COL_NAME, L.COL_UNIT, L.COL_MONTH, L.COL_PREVIOUS, L.COL_YTD, L.COL_NOTE)

_SHEET_ENTRY = re.compile(r'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_SHEET_ENTRY_ID_FIRST = re.compile(r'<(?:\w+:)?sheet\b[^>]*?r:id="([^"]*)"[^>]*?name="([^"]*)"')
_RELATIONSHIP = re.compile(r'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
_RELATIONSHIP_TARGET_FIRST = re.compile(r'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')
_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")
_MAY_NEED_SCAN = re.compile(rb"""<(?:[\w.-]+:)?f[\s/>]|\bt\s*=\s*["']e["']""")
"""A formula element or an error cell's type, in any prefix or quoting; a sheet without either has nothing to scan."""


@dataclass
class SheetScan:
    """What calamine does not say about a sheet's cells, read from the sheet's XML."""

    formulas_without_value: set[str] = field(default_factory=set)
    """Cells holding a formula but no saved value (never calculated, or cleared)."""
    errors: dict[str, str] = field(default_factory=dict)
    """Cells holding an Excel error value (``t="e"``), by reference: ``{"F6": "#DIV/0!"}``."""


def _sheet_member(archive: zipfile.ZipFile, sheet_name: str) -> str:
    """The zip member holding a sheet, by the sheet's name ("" when the workbook does not say)."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    sheets = {html.unescape(n): r for n, r in _SHEET_ENTRY.findall(workbook)}
    sheets.update({html.unescape(n): r for r, n in _SHEET_ENTRY_ID_FIRST.findall(workbook)})
    targets = dict(_RELATIONSHIP.findall(rels))
    targets.update({i: t for t, i in _RELATIONSHIP_TARGET_FIRST.findall(rels)})
    target = targets.get(sheets.get(sheet_name, ""), "")
    if not target:
        return ""
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def scan_sheet(data: bytes, sheet_name: str) -> SheetScan:
    """Formulas without a saved value and error values of a sheet, read from its XML one row at a time.

    Cells without an ``r`` attribute (allowed by the format) take the place after the previous one, as
    Excel reads them. The parser resolves no entity and reads nothing from outside the file.
    """
    scan = SheetScan()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        member = _sheet_member(archive, sheet_name)
        if not member:
            return scan
        xml = archive.read(member)  # its size was bounded by the guard before any reader saw the file
    if _single_byte(xml) and not _MAY_NEED_SCAN.search(xml):
        return scan  # a sheet of plain values, the usual case: no row needs reading
    rows = etree.iterparse(io.BytesIO(xml), events=("end",), tag="{*}row", resolve_entities=False,
                           no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)
    row_number = 0
    for _, row in rows:
        given = row.get("r", "")
        row_number = int(given) if given.isdigit() else row_number + 1
        column = 0
        for cell in row:
            if _local(cell.tag) != "c":
                continue
            found = _CELL_REF.match(cell.get("r", ""))
            column = column_index_from_string(found.group(1)) if found else column + 1
            ref = f"{get_column_letter(column)}{row_number}"
            _scan_cell(cell, ref, scan)
        row.clear()
        while row.getprevious() is not None:
            parent = row.getparent()
            if parent is None:
                break
            del parent[0]
    return scan


def _single_byte(xml: bytes) -> bool:
    """Whether the XML is in an encoding where markup is plain ASCII bytes (not UTF-16 or UTF-32)."""
    return not xml.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in xml[:64]


def _scan_cell(cell: etree._Element, ref: str, scan: SheetScan) -> None:
    parts = {_local(child.tag): child for child in cell}
    value = parts.get("v")
    text = "" if value is None or value.text is None else value.text.strip()
    if cell.get("t") == "e":
        scan.errors[ref] = text or "#N/A"
    elif "f" in parts and not text:
        scan.formulas_without_value.add(ref)


NARRATIVE_COLUMNS = (L.NARR_SECTION, L.NARR_KIND, L.NARR_TEXT)


def read_form(data: bytes) -> RawForm:
    """Read the sheets of a form's bytes; raise :class:`UnreadableWorkbookError` if it is not a workbook."""
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several unrelated types for broken files
        raise UnreadableWorkbookError(str(exc) or type(exc).__name__) from exc
    try:
        form = RawForm(sheets=list(book.sheet_names))
        if L.META_SHEET in form.sheets:
            grid = _grid(book, L.META_SHEET)
            for row in range(1, len(L.META_KEYS) + 1):
                key, value = _at(grid, row, "A"), _at(grid, row, "B")
                if isinstance(key, str) and value is not None:
                    form.meta[key] = text_of(value)
        if L.COVER_SHEET in form.sheets:
            grid = _grid(book, L.COVER_SHEET)
            form.cover = {key: RawCell(f"B{row}", _at(grid, row, "B")) for key, row in L.COVER_ROWS.items()}
        if L.DATA_SHEET in form.sheets:
            scan = scan_sheet(data, L.DATA_SHEET)
            form.formulas_without_value = scan.formulas_without_value
            grid = _grid(book, L.DATA_SHEET)
            for row in range(L.DATA_FIRST_ROW, len(grid) + 1):
                cells = _row_cells(grid, row, DATA_COLUMNS, scan.errors)
                if any(c.value is not None or c.error for c in cells.values()):
                    form.data_rows.append(cells)
        if L.NARRATIVE_SHEET in form.sheets:
            grid = _grid(book, L.NARRATIVE_SHEET)
            for row in range(L.NARR_FIRST_ROW, len(grid) + 1):
                cells = _row_cells(grid, row, NARRATIVE_COLUMNS)
                if cells[L.NARR_TEXT].value not in (None, ""):
                    form.narrative_rows.append(cells)
    except Exception as exc:
        raise UnreadableWorkbookError(str(exc) or type(exc).__name__) from exc
    finally:
        book.close()
    return form


def text_of(value: CellValue) -> str:
    """A cell as text; whole floats lose their ``.0`` (``1.0`` → ``"1"``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip()


__all__ = ["RawCell", "RawForm", "SheetScan", "UnreadableWorkbookError", "read_form", "scan_sheet", "text_of"]
