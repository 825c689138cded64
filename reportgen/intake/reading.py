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
from openpyxl.utils import column_index_from_string

from ..forms import layout as L

CellValue = Any  # float | int | str | bool | date | datetime | time | timedelta | None


@dataclass(frozen=True)
class RawCell:
    ref: str
    value: CellValue


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


def _row_cells(grid: list[list[CellValue]], row: int, columns: tuple[str, ...]) -> dict[str, RawCell]:
    return {col: RawCell(f"{col}{row}", _at(grid, row, col)) for col in columns}


DATA_COLUMNS = (L.COL_NO, L.COL_CODE, L.COL_NAME, L.COL_UNIT, L.COL_MONTH, L.COL_PREVIOUS, L.COL_YTD, L.COL_NOTE)

_SHEET_ENTRY = re.compile(r'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_SHEET_ENTRY_ID_FIRST = re.compile(r'<(?:\w+:)?sheet\b[^>]*?r:id="([^"]*)"[^>]*?name="([^"]*)"')
_RELATIONSHIP = re.compile(r'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
_RELATIONSHIP_TARGET_FIRST = re.compile(r'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')
_FORMULA_CELL = re.compile(r'<(?:\w+:)?c\b[^>]*?r="([A-Z]+\d+)"[^>]*>(.*?)</(?:\w+:)?c>', re.S)


def formula_cells_without_value(data: bytes, sheet_name: str) -> set[str]:
    """Cells of a sheet holding a formula but no saved value (never calculated, or cleared)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
        sheets = {html.unescape(n): r for n, r in _SHEET_ENTRY.findall(workbook)}
        sheets.update({html.unescape(n): r for r, n in _SHEET_ENTRY_ID_FIRST.findall(workbook)})
        targets = dict(_RELATIONSHIP.findall(rels))
        targets.update({i: t for t, i in _RELATIONSHIP_TARGET_FIRST.findall(rels)})
        target = targets.get(sheets.get(sheet_name, ""), "")
        if not target:
            return set()
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        xml = archive.read(member).decode("utf-8", "replace")
    missing = set()
    for ref, inner in _FORMULA_CELL.findall(xml):
        if "<f" not in inner:
            continue
        value = re.search(r"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", inner, re.S)
        if value is None or not value.group(1).strip():
            missing.add(ref)
    return missing


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
            grid = _grid(book, L.DATA_SHEET)
            for row in range(L.DATA_FIRST_ROW, len(grid) + 1):
                cells = _row_cells(grid, row, DATA_COLUMNS)
                if any(c.value is not None for c in cells.values()):
                    form.data_rows.append(cells)
        if L.DATA_SHEET in form.sheets:
            form.formulas_without_value = formula_cells_without_value(data, L.DATA_SHEET)
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


__all__ = ["RawCell", "RawForm", "UnreadableWorkbookError", "read_form", "text_of"]
