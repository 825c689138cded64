"""Filling a blank form as a department clerk would, with openpyxl.

Used by the demo and by tests: it edits only the cells a clerk can edit.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from decimal import Decimal

from openpyxl import Workbook, load_workbook

from ..forms import layout as L
from ..forms.write import workbook_bytes

CellInput = Decimal | float | int | str | None


def fill_form(
    blank: bytes,
    values: Mapping[str, Mapping[str, CellInput]],
    cover: Mapping[str, str] | None = None,
    narrative: Sequence[tuple[str, str, str]] = (),
    notes: Mapping[str, str] | None = None,
) -> bytes:
    """Return the form with data cells, cover and narrative filled.

    ``values`` maps an indicator code to ``{column letter: value}``;
    ``narrative`` is ``(section title, kind label, text)`` rows written from
    the first narrative row on, replacing the prefilled ones.
    """
    wb = load_workbook(io.BytesIO(blank))
    fill_workbook(wb, values, cover, narrative, notes)
    return workbook_bytes(wb)


def fill_workbook(
    wb: Workbook,
    values: Mapping[str, Mapping[str, CellInput]],
    cover: Mapping[str, str] | None = None,
    narrative: Sequence[tuple[str, str, str]] = (),
    notes: Mapping[str, str] | None = None,
) -> None:
    """:func:`fill_form` on an open workbook (a form just made, say, before it is ever saved)."""
    data = wb[L.DATA_SHEET]
    rows = {data[f"{L.COL_CODE}{r}"].value: r for r in range(L.DATA_FIRST_ROW, data.max_row + 1)}
    for code, columns in values.items():
        row = rows[code]
        for column, value in columns.items():
            data[f"{column}{row}"] = float(value) if isinstance(value, Decimal) else value
    for code, note in (notes or {}).items():
        data[f"{L.COL_NOTE}{rows[code]}"] = note
    sheet = wb[L.COVER_SHEET]
    for key, text in (cover or {}).items():
        sheet[f"B{L.COVER_ROWS[key]}"] = text
    if narrative:
        ws = wb[L.NARRATIVE_SHEET]
        last = max(ws.max_row, L.NARR_FIRST_ROW + len(narrative))
        for row in range(L.NARR_FIRST_ROW, last + 1):
            for column in (L.NARR_SECTION, L.NARR_KIND, L.NARR_TEXT):
                ws[f"{column}{row}"] = None
        for offset, (section, kind, text) in enumerate(narrative):
            row = L.NARR_FIRST_ROW + offset
            ws[f"{L.NARR_SECTION}{row}"] = section
            ws[f"{L.NARR_KIND}{row}"] = kind
            ws[f"{L.NARR_TEXT}{row}"] = text
