"""Answering a department in its own workbook.

:func:`annotate_copy` writes a copy of the submitted workbook where every
finding's cell is filled (red: error, yellow: warning) and carries a comment
with the message, and a first sheet lists all findings in Vietnamese. Files
that failed the guard (not a workbook, hostile) get no copy: there is no
workbook to answer in.
"""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path, PurePath

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.properties import PageSetupProperties

from ..files import write_normalized
from ..messages import (
    ANNOTATED_FILENAME,
    ANNOTATION_ADVICE,
    ANNOTATION_HEADERS,
    ANNOTATION_HEADING,
    ANNOTATION_SHEET,
    ANNOTATION_SUMMARY,
    ANNOTATION_VERDICT,
    SEVERITY_TEXT,
)
from .findings import Finding

ERROR_FILL = PatternFill("solid", fgColor="FF9999")
WARNING_FILL = PatternFill("solid", fgColor="FFEB84")


def annotated_name(name: str) -> str:
    return ANNOTATED_FILENAME.format(stem=PurePath(name).stem)


def annotate_copy(data: bytes, name: str, findings: list[Finding], out_dir: Path) -> Path | None:
    """Write the annotated copy of a submitted workbook (its bytes, and the name it came with) into ``out_dir``.

    ``None`` when the file is not a workbook we read: there is nothing to annotate.
    """
    if any(f.code.startswith("file.") and f.is_error for f in findings):
        return None
    try:
        wb = load_workbook(io.BytesIO(data))
    except Exception:  # the guard passed it, but openpyxl may still refuse; then there is nothing to annotate
        return None
    wb.security = None
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for item in findings:
        if item.sheet in wb.sheetnames and item.cell:
            by_cell[(item.sheet, item.cell)].append(item)
    for (sheet, ref), items in by_cell.items():
        cell = wb[sheet][ref]
        cell.fill = ERROR_FILL if any(i.is_error for i in items) else WARNING_FILL
        text = "\n".join(f"{SEVERITY_TEXT[i.severity]}: {i.explained_message}" for i in items)
        comment = Comment(text, "reportgen")
        comment.width, comment.height = 320, 160
        cell.comment = comment
    _summary(wb, name, findings)
    buffer = io.BytesIO()
    wb.save(buffer)
    out = out_dir / annotated_name(name)
    write_normalized(out, buffer.getvalue())
    return out


def _summary(wb: object, name: str, findings: list[Finding]) -> None:
    ws = wb.create_sheet(ANNOTATION_SHEET, 0)  # type: ignore[attr-defined]
    errors = sum(1 for f in findings if f.is_error)
    ws["A1"] = ANNOTATION_HEADING.format(name=name)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = ANNOTATION_SUMMARY.format(verdict=ANNOTATION_VERDICT[errors == 0], errors=errors,
                                         warnings=len(findings) - errors, advice=ANNOTATION_ADVICE[errors == 0])
    ws["A2"].font = Font(bold=True, color="C00000" if errors else "006100")
    for column, title in enumerate(ANNOTATION_HEADERS, start=1):
        cell = ws.cell(4, column, title)
        cell.font = Font(bold=True)
    for row, item in enumerate(findings, start=5):
        message = item.explained_message
        values = (row - 4, SEVERITY_TEXT[item.severity], item.sheet, item.cell, item.indicator, message, item.code)
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row, column, value)
            cell.alignment = Alignment(wrap_text=column == 6, vertical="top")
        ws.cell(row, 2).fill = ERROR_FILL if item.is_error else WARNING_FILL
        ws.row_dimensions[row].height = 15 * max(1, -(-len(message) // 95))  # wrapped lines of the message
    for letter, width in zip("ABCDEFG", (5, 10, 12, 7, 20, 80, 26), strict=True):
        ws.column_dimensions[letter].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    wb.active = 0  # type: ignore[attr-defined]
