"""Where things are in a department's form: shared by the writer and the reader.

The form writer (:mod:`reportgen.forms`) and the reader (:mod:`reportgen.reading`)
both take sheet names, rows and columns from here, so they cannot drift apart.
It also says, per kind and frequency, which data cells a clerk fills, what
each of them holds (its title, the row's hint) and what each filled cell
becomes in the store.

The data sheet has the same rows every month (:func:`form_rows`): an
indicator asked only in some months (quarterly, yearly) keeps its row, greyed
and locked in the other months, so a clerk who copies last month's block lands
on the same indicators.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from ..catalog import Catalog, Indicator, asked_in
from ..messages import (
    CELL_TITLES,
    DATA_COLUMN_TITLES,
    HOW_TO_FILL_BY_FREQUENCY,
    HOW_TO_FILL_BY_KIND,
    HOW_TO_FILL_CELL,
    HOW_TO_FILL_CELLS,
    HOW_TO_FILL_INDEX_MOM,
    HOW_TO_FILL_NOT_ASKED,
    INDEX_MONTH_ON_MONTH,
    NARRATIVE_KIND_LABELS,
    SHEET_COVER,
    SHEET_DATA,
    SHEET_NARRATIVE,
)
from ..model import Basis, Frequency, Kind, NarrativeKind, Period, Status

FORM_TYPE = "reportgen-bieu-mau"
FORM_VERSION = "2"  # 2: every indicator has its row every month

COVER_SHEET = SHEET_COVER
DATA_SHEET = SHEET_DATA
NARRATIVE_SHEET = SHEET_NARRATIVE
META_SHEET = "_meta"

# Cover: label in column A, value in column B.
COVER_ROWS = {
    "department": 4,
    "department_name": 5,
    "period": 6,
    "form_version": 7,
    "deadline": 8,
    "preparer": 10,
    "phone": 11,
    "prepared_on": 12,
}
COVER_INPUTS = ("preparer", "phone", "prepared_on")

# Meta sheet: key in column A, value in column B, from row 1.
META_KEYS = ("form_type", "form_version", "catalog_version", "catalog_digest", "department", "period")
META_LIST_COLUMN = "D"  # lists for dropdowns (section titles), then "E" (paragraph kinds)
META_KIND_COLUMN = "E"

# Data sheet columns.
DATA_HEADER_ROW = 5
DATA_FIRST_ROW = 6
COL_NO, COL_CODE, COL_NAME, COL_UNIT, COL_HOW = "A", "B", "C", "D", "E"
COL_MONTH, COL_PREVIOUS, COL_STORED = "F", "G", "H"  # H: last month as stored (reference, locked)
COL_YTD, COL_COMPUTED, COL_NOTE = "I", "J", "K"  # J: year to date from stored months + F (reference)
VALUE_COLUMNS = (COL_MONTH, COL_PREVIOUS, COL_YTD)

# Narrative sheet columns.
NARR_HEADER_ROW = 4
NARR_FIRST_ROW = 5
NARR_SPARE_ROWS = 25
NARR_NO, NARR_SECTION, NARR_KIND, NARR_TEXT = "A", "B", "C", "D"
KIND_PARAGRAPH = NARRATIVE_KIND_LABELS[NarrativeKind.PARAGRAPH]
KIND_FOOTNOTE = NARRATIVE_KIND_LABELS[NarrativeKind.FOOTNOTE]
NARRATIVE_KINDS = {KIND_PARAGRAPH: NarrativeKind.PARAGRAPH, KIND_FOOTNOTE: NarrativeKind.FOOTNOTE}


@dataclass(frozen=True)
class CellRole:
    """What one data cell of a row holds and where it goes in the store."""

    column: str
    basis: Basis
    status: Status
    required: bool
    shift: int  # 0: the form's month; -1: the previous month


def form_rows(catalog: Catalog, department: str) -> list[Indicator]:
    """The rows of the department's data sheet, in catalog order, the same every month.

    Every indicator the department reports has its row, also in a month it is
    not asked (its cells are then greyed); derived ones are computed, never asked.
    """
    return [i for i in catalog.indicators_of(department) if i.on_form]


def asked(ind: Indicator, month: int) -> bool:
    """Whether the indicator's cells are filled in a month of this number (quarterly: 3, 6, 9, 12; yearly: 12)."""
    return asked_in(ind.frequency, month)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def month_on_month(ind: Indicator) -> bool:
    """An index compared with the previous month (its name says so), not with the same period last year.

    The catalog has no field for an index's base; its name is what the clerk
    and the report read, so the form follows it.
    """
    return ind.kind == Kind.INDEX and _folded(INDEX_MONTH_ON_MONTH) in _folded(ind.name)


def cell_roles(ind: Indicator, month: int | None = None) -> list[CellRole]:
    """The cells a clerk fills for this indicator, by its kind and frequency; none in a month it is not asked.

    Monthly indicators: this month's estimate (required) and last month's final
    figure (optional: a final figure may not be known yet);
    the department's own year to date where the kind can use it (not for an
    index compared with the previous month). A cumulative indicator's month
    cells hold values "to date". Quarterly and yearly indicators: one cell,
    the period's value. ``month=None`` gives the cells of a month it is asked.
    """
    if month is not None and not asked(ind, month):
        return []
    if ind.frequency != Frequency.MONTHLY:
        return [CellRole(COL_MONTH, Basis.YTD, Status.ESTIMATE, True, 0)]
    basis = Basis.YTD if ind.kind == Kind.CUMULATIVE else Basis.MONTH
    roles = [
        CellRole(COL_MONTH, basis, Status.ESTIMATE, True, 0),
        CellRole(COL_PREVIOUS, basis, Status.FINAL, False, -1),
    ]
    if ind.kind in (Kind.FLOW, Kind.AVERAGE) or (ind.kind == Kind.INDEX and not month_on_month(ind)):
        roles.append(CellRole(COL_YTD, Basis.YTD, Status.ESTIMATE, False, 0))
    return roles


def cell_title(ind: Indicator, column: str, period: Period) -> str:
    """What one value cell of the indicator's row holds in the period's form, as the clerk reads it.

    Its column's title, except where the row's meaning differs: a cumulative
    indicator's cells hold figures to date, a quarterly one's the year so far
    to the quarter's end, a yearly one's the year.
    """
    if asked(ind, period.month) and column == COL_MONTH and ind.frequency == Frequency.QUARTERLY:
        return CELL_TITLES["quarterly"].format(span=period.ytd_name)
    if asked(ind, period.month) and column == COL_MONTH and ind.frequency == Frequency.YEARLY:
        return CELL_TITLES["yearly"].format(year=period.year)
    if ind.frequency == Frequency.MONTHLY and ind.kind == Kind.CUMULATIVE:
        if column == COL_MONTH:
            return CELL_TITLES["cumulative_month"].format(month=period.month_name)
        if column == COL_PREVIOUS:
            return CELL_TITLES["cumulative_previous"].format(previous=period.previous.month_name)
    return column_titles(period)[column]


def how_to_fill(ind: Indicator, period: Period | None = None) -> str:
    """The Vietnamese hint shown in the form's "Cách ghi" column for the indicator's row.

    With a ``period``, the hint of that month's form: a row not asked that
    month says when it is asked, and a row whose cells hold something else
    than their columns' titles say names what each of them holds.
    """
    if period is not None and not asked(ind, period.month):
        return HOW_TO_FILL_NOT_ASKED.get(ind.frequency, "")
    if ind.frequency in HOW_TO_FILL_BY_FREQUENCY:
        hint = HOW_TO_FILL_BY_FREQUENCY[ind.frequency]
    elif month_on_month(ind):
        hint = HOW_TO_FILL_INDEX_MOM
    else:
        hint = HOW_TO_FILL_BY_KIND.get(ind.kind, "")
    if period is None:
        return hint
    titles = column_titles(period)
    cells = [HOW_TO_FILL_CELL.format(column=role.column, title=cell_title(ind, role.column, period))
             for role in cell_roles(ind, period.month) if cell_title(ind, role.column, period) != titles[role.column]]
    return HOW_TO_FILL_CELLS.format(hint=hint, cells=". ".join(cells)) if cells else hint


@cache
def column_titles(period: Period) -> Mapping[str, str]:
    """Each column's title in the period's form (made once per period: read it, never change it)."""
    titles = DATA_COLUMN_TITLES
    return {
        COL_NO: titles["no"],
        COL_CODE: titles["code"],
        COL_NAME: titles["name"],
        COL_UNIT: titles["unit"],
        COL_HOW: titles["how"],
        COL_MONTH: titles["month"].format(month=period.month_name),
        COL_PREVIOUS: titles["previous"].format(previous=period.previous.month_name),
        COL_STORED: titles["stored"].format(previous=period.previous.month_name),
        COL_YTD: titles["ytd"].format(month=period.month_name),
        COL_COMPUTED: titles["computed"],
        COL_NOTE: titles["note"],
    }
