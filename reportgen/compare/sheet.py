"""The figure changes as an Excel workbook for reviewers (``reportgen changes --xlsx``)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .. import messages
from ..files import write_normalized
from .changes import FigureChange

WIDTHS = (40, 22, 18, 18, 16, 70)
UNDATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # a comparison with no build on its new side


def change_rows(changes: Sequence[FigureChange]) -> list[tuple[str, str, str, str, str, str]]:
    """One row per change, as the table, the sheet and the summary show it."""
    return [(f"{c.name} ({c.indicator})", messages.CHANGE_SPAN_NAMES.get(c.span, c.span),
             c.old or messages.CHANGE_ABSENT, c.new or messages.CHANGE_ABSENT, messages.CHANGE_KINDS[c.kind],
             c.reason()) for c in changes]


def changes_xlsx(changes: Sequence[FigureChange], title: str, when: dt.datetime | None = None) -> bytes:
    """The workbook's bytes: a title row, the headers, one row per change.

    Its properties are dated ``when`` (the new draft's build time), so the
    same drafts give the same bytes.
    """
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = messages.CHANGES_SHEET
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(list(messages.CHANGES_COLUMNS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for line in change_rows(changes):
        sheet.append(list(line))
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions["ABCDEF"[index]].width = width
    for row in sheet.iter_rows(min_row=3):
        for written in row:
            written.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    fixed = (when or UNDATED).astimezone(dt.UTC).replace(tzinfo=None)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "reportgen"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_changes_xlsx(changes: Sequence[FigureChange], title: str, when: dt.datetime | None, path: Path) -> Path:
    """Write :func:`changes_xlsx` to ``path``, whole or not at all."""
    write_normalized(path, changes_xlsx(changes, title, when))
    return path
