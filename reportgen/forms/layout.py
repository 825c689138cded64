"""Where things are in a department's form: shared by the writer and the reader.

The form writer (:mod:`reportgen.forms`) and the reader (:mod:`reportgen.reading`)
both take sheet names, rows and columns from here, so they cannot drift apart.
It also says, per kind and frequency, which data cells a clerk fills and what
each filled cell becomes in the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Indicator
from ..messages import (
    DATA_COLUMN_TITLES,
    HOW_TO_FILL_BY_FREQUENCY,
    HOW_TO_FILL_BY_KIND,
    NARRATIVE_KIND_LABELS,
    SHEET_COVER,
    SHEET_DATA,
    SHEET_NARRATIVE,
)
from ..model import Basis, Frequency, Kind, NarrativeKind, Period, Status

FORM_TYPE = "reportgen-bieu-mau"
FORM_VERSION = "1"

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


def cell_roles(ind: Indicator) -> list[CellRole]:
    """The cells a clerk fills for this indicator, by its kind and frequency.

    Monthly indicators: this month's estimate (required) and last month's final
    figure (optional: a final figure may not be known yet);
    the department's own year to date where the kind can use it. A
    cumulative indicator's month cells hold values "to date". Quarterly and
    yearly indicators: one cell, the period's value.
    """
    if ind.frequency != Frequency.MONTHLY:
        return [CellRole(COL_MONTH, Basis.YTD, Status.ESTIMATE, True, 0)]
    basis = Basis.YTD if ind.kind == Kind.CUMULATIVE else Basis.MONTH
    roles = [
        CellRole(COL_MONTH, basis, Status.ESTIMATE, True, 0),
        CellRole(COL_PREVIOUS, basis, Status.FINAL, False, -1),
    ]
    if ind.kind in (Kind.FLOW, Kind.AVERAGE, Kind.INDEX):
        roles.append(CellRole(COL_YTD, Basis.YTD, Status.ESTIMATE, False, 0))
    return roles


def how_to_fill(ind: Indicator) -> str:
    """The short Vietnamese hint shown in the form's "Cách ghi" column."""
    if ind.frequency in HOW_TO_FILL_BY_FREQUENCY:
        return HOW_TO_FILL_BY_FREQUENCY[ind.frequency]
    return HOW_TO_FILL_BY_KIND.get(ind.kind, "")


def column_titles(period: Period) -> dict[str, str]:
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
