"""Department forms: one Excel workbook per department and month, from the catalog.

A form has a cover sheet (who, which period, which version), a data sheet (one
row per indicator, the same rows every month; only the cells the clerk must
fill that month are unlocked, they accept only numbers, and each says what it
holds when selected), a narrative sheet (paragraphs per report section, next
month's tasks, footnote texts) and a very hidden sheet carrying the form's
identity, which the reader checks. The same code writes the demo's forms.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from copy import copy
from decimal import Decimal
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..catalog import Catalog, Indicator
from ..errors import UsageError
from ..files import write_normalized
from ..messages import (
    CHOOSE_FROM_LIST,
    COVER_ADDRESSEE,
    COVER_HEADING,
    COVER_LABELS,
    DATA_HEADING,
    DATA_HINT,
    FORM_INSTRUCTIONS,
    FORM_TITLE,
    FORM_VERSION_TEXT,
    INVALID_VALUE_TITLE,
    NARRATIVE_HEADERS,
    NARRATIVE_HEADING,
    NARRATIVE_HINT,
    NUMBER_ANY,
    NUMBER_NON_NEGATIVE,
    NUMBER_PROMPT_FOR,
    NUMBER_PROMPT_TITLE,
    NUMBER_REFUSED,
    UNKNOWN_DEPARTMENT,
    UNKNOWN_DEPARTMENTS,
)
from ..model import Basis, Frequency, Kind, Period, Progress, Values
from ..store import Store
from . import layout as L

FONT = "Times New Roman"
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
DISABLED_FILL = PatternFill("solid", fgColor="D9D9D9")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REFERENCE_FILL = PatternFill("solid", fgColor="EDEDED")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")


def form_filename(department: str, period: Period) -> str:
    return f"{period}_{department}.xlsx"


def build_form(catalog: Catalog, department: str, period: Period, stored: Values | None = None) -> bytes:
    """The department's blank form for the period, as .xlsx bytes (not yet normalised, nor compressed).

    ``stored`` (the store's current values) fills the read-only reference
    columns: last month as reported, and the year to date from stored months.
    """
    return workbook_bytes(form_workbook(catalog, department, period, stored))


def workbook_bytes(wb: Workbook) -> bytes:
    """A workbook saved as .xlsx bytes, not yet normalised: its parts are stored uncompressed, since
    :func:`~reportgen.files.normalize_zip` compresses every part again anyway."""
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED)).save()  # what Workbook.save does, unpacked
    return buffer.getvalue()


def form_workbook(catalog: Catalog, department: str, period: Period, stored: Values | None = None) -> Workbook:
    """The blank form of :func:`build_form` as an openpyxl workbook, to fill before it is saved."""
    if department not in catalog.departments:
        raise UsageError(UNKNOWN_DEPARTMENT.format(code=department))
    wb = Workbook()
    cover = wb.active
    assert cover is not None
    cover.title = L.COVER_SHEET
    _cover(cover, catalog, department, period)
    _data(wb.create_sheet(L.DATA_SHEET), L.form_rows(catalog, department), period, stored or {})
    meta = wb.create_sheet(L.META_SHEET)
    _meta(meta, catalog, department, period)
    _narrative(wb.create_sheet(L.NARRATIVE_SHEET, index=2), catalog, department)
    meta.sheet_state = "veryHidden"
    wb.security = WorkbookProtection(lockStructure=True)
    fixed = dt.datetime(period.year, period.month, 1)  # noqa: DTZ001 - openpyxl writes naive times as UTC
    wb.properties.creator = "reportgen"
    wb.properties.title = FORM_TITLE.format(month_name=period.month_name, department=department)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.lastModifiedBy = "reportgen"
    return wb


def reference_values(store: Store, period: Period) -> Values:
    """What the form's reference columns show: the stored months of the year before ``period``."""
    return store.current_values(Period(period.year, 1), period.previous)


def write_forms(catalog: Catalog, period: Period, out_dir: Path, departments: Sequence[str] = (),
                store: Store | None = None, progress: Progress | None = None) -> list[Path]:
    """Write one form per department (all by default) into ``out_dir``.

    With a ``store``, the forms show the stored figures of earlier months
    beside the cells to fill. An unknown department code is a :class:`UsageError`.
    ``progress`` is told how many forms are written after each.
    """
    unknown = [d for d in departments if d not in catalog.departments]
    if unknown:
        raise UsageError(UNKNOWN_DEPARTMENTS.format(codes=", ".join(unknown)))
    stored = None if store is None else reference_values(store, period)
    written = []
    codes = departments or list(catalog.departments)
    for code in codes:
        path = out_dir / form_filename(code, period)
        write_normalized(path, build_form(catalog, code, period, stored))
        written.append(path)
        if progress is not None:
            progress(len(written), len(codes))
    return written


@cache
def _coordinate(ref: str) -> tuple[int, int]:
    """A cell's row and column numbers (``ws[ref]`` parses the reference as a range, every time)."""
    return coordinate_to_tuple(ref)


@cache
def _font(size: int, bold: bool) -> Font:
    return Font(name=FONT, size=size, bold=bold)


_STYLES: WeakKeyDictionary[Workbook, dict[tuple[object, ...], StyleArray]] = WeakKeyDictionary()
"""Each workbook's cell styles by what they are made of: a style is made once and copied to every cell wearing it
(openpyxl looks every font, fill and border up again on each assignment otherwise)."""


def _cell(ws: Worksheet, ref: str, value: object, bold: bool = False, size: int = 12,
          fill: PatternFill | None = None, border: bool = False, wrap: bool = False, unlocked: bool = False,
          number_format: str | None = None) -> None:
    cell: Any = ws.cell(*_coordinate(ref))  # its private style array is copied below
    cell.value = value
    assert ws.parent is not None
    styles = _STYLES.setdefault(ws.parent, {})
    key = (size, bold, id(fill), border, wrap, unlocked, number_format)
    made = styles.get(key)
    if made is not None:
        cell._style = copy(made)
        return
    cell.font = _font(size, bold)
    if fill is not None:
        cell.fill = fill
    if border:
        cell.border = BOX
    if wrap:
        cell.alignment = WRAP
    if unlocked:
        cell.protection = UNLOCKED
    if number_format is not None:
        cell.number_format = number_format
    styles[key] = copy(cell._style)


def _cover(ws: Worksheet, catalog: Catalog, department: str, period: Period) -> None:
    dept = catalog.departments[department]
    _cell(ws, "A1", COVER_HEADING, bold=True, size=14)
    _cell(ws, "A2", COVER_ADDRESSEE, size=12)
    values = {
        "department": dept.code,
        "department_name": dept.name,
        "period": f"{period.month_name} ({period})",
        "form_version": FORM_VERSION_TEXT.format(form=L.FORM_VERSION, catalog=catalog.version),
        "deadline": dept.deadline(period).strftime("%d/%m/%Y"),
        "preparer": None,
        "phone": None,
        "prepared_on": None,
    }
    for key, value in values.items():
        label = COVER_LABELS[key]
        row = L.COVER_ROWS[key]
        _cell(ws, f"A{row}", label, bold=True, border=True)
        editable = key in L.COVER_INPUTS
        _cell(ws, f"B{row}", value, border=True, fill=INPUT_FILL if editable else None, unlocked=editable,
              number_format="@" if editable else None)
    start = max(L.COVER_ROWS.values()) + 2
    for offset, line in enumerate(FORM_INSTRUCTIONS):
        _cell(ws, f"A{start + offset}", line, bold=offset == 0)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 60
    ws.protection.sheet = True
    _print_setup(ws, landscape=False)


def _stored_previous(ind: Indicator, period: Period, stored: Values) -> Decimal | None:
    role = L.cell_roles(ind)[0]
    found = stored.get((ind.code, period.previous, role.basis))
    return None if found is None or ind.frequency != Frequency.MONTHLY else found.value


def _stored_months(ind: Indicator, period: Period, stored: Values) -> Decimal | None:
    """Sum of the stored months before this one in the year, for a monthly flow; else None."""
    if ind.kind != Kind.FLOW or ind.frequency != Frequency.MONTHLY:
        return None
    total = Decimal(0)
    for month in range(1, period.month):
        found = stored.get((ind.code, Period(period.year, month), Basis.MONTH))
        if found is None:
            return None
        total += found.value
    return total


def _data(ws: Worksheet, indicators: list[Indicator], period: Period, stored: Values) -> None:
    _cell(ws, "A1", DATA_HEADING.format(month_name=period.month_name.upper()), bold=True, size=14)
    _cell(ws, "A2", DATA_HINT, size=11)
    titles = L.column_titles(period)
    for column, title in titles.items():
        ref = f"{column}{L.DATA_HEADER_ROW}"
        _cell(ws, ref, title, bold=True, fill=HEADER_FILL, border=True, wrap=True)
    widths = {"A": 5, "B": 20, "C": 46, "D": 12, "E": 30, "F": 16, "G": 16, "H": 16, "I": 18, "J": 18, "K": 30}
    for column, width in widths.items():
        ws.column_dimensions[column].width = width
    ws.row_dimensions[L.DATA_HEADER_ROW].height = 60
    validations: dict[tuple[bool, int, str, str], tuple[DataValidation, list[str]]] = {}
    for offset, ind in enumerate(indicators):
        row = L.DATA_FIRST_ROW + offset
        _cell(ws, f"{L.COL_NO}{row}", offset + 1, border=True)
        _cell(ws, f"{L.COL_CODE}{row}", ind.code, border=True)
        _cell(ws, f"{L.COL_NAME}{row}", ind.name, border=True, wrap=True)
        _cell(ws, f"{L.COL_UNIT}{row}", ind.unit, border=True)
        _cell(ws, f"{L.COL_HOW}{row}", L.how_to_fill(ind, period), border=True, wrap=True, size=10)
        active = {role.column for role in L.cell_roles(ind, period.month)}
        number_format = "#,##0." + "0" * ind.decimals if ind.decimals else "#,##0"
        for column in L.VALUE_COLUMNS:
            ref = f"{column}{row}"
            if column in active:
                _cell(ws, ref, None, border=True, fill=INPUT_FILL, unlocked=True, number_format=number_format)
                title = L.cell_title(ind, column, period)
                key = (ind.non_negative, ind.decimals, ind.unit, title)
                if key not in validations:
                    validations[key] = (_number_validation(ind, title), [])
                    ws.add_data_validation(validations[key][0])
                validations[key][1].append(ref)
            else:
                _cell(ws, ref, None, border=True, fill=DISABLED_FILL)
        previous = _stored_previous(ind, period, stored)
        _cell(ws, f"{L.COL_STORED}{row}", None if previous is None else float(previous), border=True,
              fill=REFERENCE_FILL, number_format=number_format)
        before = _stored_months(ind, period, stored)
        computed = f"{L.COL_COMPUTED}{row}"
        formula = None if before is None else f'=IF({L.COL_MONTH}{row}="","",{before}+{L.COL_MONTH}{row})'
        _cell(ws, computed, formula, border=True, fill=REFERENCE_FILL, number_format=number_format)
        _cell(ws, f"{L.COL_NOTE}{row}", None, border=True, fill=INPUT_FILL, wrap=True, unlocked=True)
    for rule, refs in validations.values():
        _applies_to(rule, refs)
    ws.freeze_panes = f"{L.COL_MONTH}{L.DATA_FIRST_ROW}"
    ws.protection.sheet = True
    ws.print_title_rows = f"{L.DATA_HEADER_ROW}:{L.DATA_HEADER_ROW}"
    _print_setup(ws, landscape=True)


def _applies_to(rule: DataValidation, refs: list[str]) -> None:
    """The cells a validation covers, given at once (adding them one by one compares each with all before), as
    Excel writes them: the cells one above the other in a column make one range (``F6:F12``)."""
    rows_by_column: dict[int, list[int]] = {}
    for ref in refs:
        row, column = _coordinate(ref)
        rows_by_column.setdefault(column, []).append(row)
    ranges = []
    for column, rows in rows_by_column.items():
        rows.sort()
        start = rows[0]
        for before, after in pairwise(rows):
            if after != before + 1:
                ranges.append(CellRange(min_col=column, min_row=start, max_col=column, max_row=before))
                start = after
        ranges.append(CellRange(min_col=column, min_row=start, max_col=column, max_row=rows[-1]))
    rule.sqref = MultiCellRange(ranges)


def _number_validation(ind: Indicator, title: str) -> DataValidation:
    """Excel's check of a number cell, with the message shown when it is selected: what it holds, unit, decimals."""
    if ind.non_negative:
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        limit = NUMBER_NON_NEGATIVE
    else:
        rule = DataValidation(type="decimal", operator="between", formula1="-1000000000000",
                              formula2="1000000000000")
        limit = NUMBER_ANY
    rule.showErrorMessage = True
    rule.errorStyle = "stop"
    rule.errorTitle = INVALID_VALUE_TITLE
    rule.error = NUMBER_REFUSED.format(limit=limit, unit=ind.unit)
    rule.showInputMessage = True
    rule.promptTitle = NUMBER_PROMPT_TITLE
    rule.prompt = NUMBER_PROMPT_FOR.format(title=title, unit=ind.unit, decimals=ind.decimals)
    return rule


def _narrative(ws: Worksheet, catalog: Catalog, department: str) -> None:
    sections = catalog.narrative_sections(department)
    _cell(ws, "A1", NARRATIVE_HEADING, bold=True, size=14)
    _cell(ws, "A2", NARRATIVE_HINT, size=11)
    headers = {L.NARR_NO: NARRATIVE_HEADERS["no"], L.NARR_SECTION: NARRATIVE_HEADERS["section"],
               L.NARR_KIND: NARRATIVE_HEADERS["kind"], L.NARR_TEXT: NARRATIVE_HEADERS["text"]}
    for column, header in headers.items():
        _cell(ws, f"{column}{L.NARR_HEADER_ROW}", header, bold=True, fill=HEADER_FILL, border=True)
    for column, width in {"A": 5, "B": 38, "C": 14, "D": 100}.items():
        ws.column_dimensions[column].width = width
    section_list = DataValidation(type="list", allow_blank=True,
                                  formula1=f"{_quoted(L.META_SHEET)}!${L.META_LIST_COLUMN}$1:"
                                           f"${L.META_LIST_COLUMN}${len(sections)}")
    kind_list = DataValidation(type="list", allow_blank=True,
                               formula1=f"{_quoted(L.META_SHEET)}!${L.META_KIND_COLUMN}$1:"
                                        f"${L.META_KIND_COLUMN}${len(L.NARRATIVE_KINDS)}")
    for rule in (section_list, kind_list):
        rule.showErrorMessage = True
        rule.errorTitle = INVALID_VALUE_TITLE
        rule.error = CHOOSE_FROM_LIST
        ws.add_data_validation(rule)
    prefilled = [s.title for s in sections]
    total = len(prefilled) + L.NARR_SPARE_ROWS
    for offset in range(total):
        row = L.NARR_FIRST_ROW + offset
        _cell(ws, f"{L.NARR_NO}{row}", offset + 1, border=True)
        title = prefilled[offset] if offset < len(prefilled) else None
        kind: str | None = L.KIND_PARAGRAPH if title else None
        for column, value in ((L.NARR_SECTION, title), (L.NARR_KIND, kind), (L.NARR_TEXT, None)):
            ref = f"{column}{row}"
            _cell(ws, ref, value, border=True, fill=INPUT_FILL, wrap=column == L.NARR_TEXT, unlocked=True)
    rows = range(L.NARR_FIRST_ROW, L.NARR_FIRST_ROW + total)
    _applies_to(section_list, [f"{L.NARR_SECTION}{row}" for row in rows])
    _applies_to(kind_list, [f"{L.NARR_KIND}{row}" for row in rows])
    ws.protection.sheet = True
    ws.print_title_rows = f"{L.NARR_HEADER_ROW}:{L.NARR_HEADER_ROW}"
    _print_setup(ws, landscape=True)


def _meta(ws: Worksheet, catalog: Catalog, department: str, period: Period) -> None:
    values = {
        "form_type": L.FORM_TYPE,
        "form_version": L.FORM_VERSION,
        "catalog_version": catalog.version,
        "catalog_digest": catalog.digest,
        "department": department,
        "period": str(period),
    }
    for row, key in enumerate(L.META_KEYS, start=1):
        ws[f"A{row}"] = key
        ws[f"B{row}"] = values[key]
    for row, section in enumerate(catalog.narrative_sections(department), start=1):
        ws[f"{L.META_LIST_COLUMN}{row}"] = section.title
    for row, label in enumerate(L.NARRATIVE_KINDS, start=1):
        ws[f"{L.META_KIND_COLUMN}{row}"] = label
    ws.protection.sheet = True


def _quoted(sheet: str) -> str:
    return f"'{sheet}'"


def _print_setup(ws: Worksheet, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
