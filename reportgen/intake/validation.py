"""Checking a read form against the catalog and the store's history.

:func:`validate_form` turns a :class:`~reportgen.reading.RawForm` into the
observations and narrative it would store, plus every finding. Checks run by
stage (structure, cell, consistency, plausibility: :data:`~reportgen.findings.STAGES`)
and all are reported at once; a structural error that leaves nothing to
check (not a form, an old version, another period) stops there. Which
indicators a rule applies to, its severity and its parameters come from the
catalog's rule set (:attr:`Catalog.rules`).

No value a cell can hold stops the checks: an Excel error value, a number
no report can hold (:func:`reportgen.numbers.is_figure`), a very long text
are findings like any other, and values read from the store that are not
figures are left out of the checks against history.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from typing import Any

from ..catalog import TASKS_SECTION, Catalog, Indicator, Rule
from ..forms import layout as L
from ..messages import (
    COVER_LABELS,
    COVER_REQUIRED_LABELS,
    EXCEL_ERROR_OTHER,
    EXCEL_ERRORS,
    FORM_VERSION_TEXT,
    JUMP_SAME_MONTH_LAST_YEAR,
    JUMP_SHARE,
    JUMP_STORED_FINAL,
    JUMP_TIMES,
    YTD_MONTHS,
)
from ..model import (
    Basis,
    Frequency,
    Kind,
    NarrativeItem,
    NarrativeKind,
    NewObservation,
    Observed,
    Period,
    Status,
    Values,
)
from ..numbers import decimals_of, format_plain, is_figure, parse_vn_number, to_decimal
from .findings import Finding, finding
from .reading import RawCell, RawForm, text_of

History = Values

CELL_TEXT_LIMIT = 32767
"""Excel holds at most this many characters (UTF-16 code units) in a cell; a longer text pasted in is cut."""
SHOWN_LENGTH = 50
"""A cell's value quoted in a message is cut to this many characters."""
PRECISION = 80
"""Digits of the decimal context the checks run in: ratios of two figures (at most 30 digits before the point,
see :func:`reportgen.numbers.is_figure`) rounded to a tenth stay exact."""


@dataclass
class CheckedForm:
    """A form after validation: what it would store, and what is wrong with it."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    department: str = ""
    period: Period | None = None
    form_version: str = ""
    catalog_version: str = ""
    preparer: str = ""
    phone: str = ""
    prepared_on: str = ""
    observations: list[NewObservation] = field(default_factory=list)
    narratives: list[NarrativeItem] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def accepted(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    """One data row being checked: its indicator, cells, note and accepted numbers."""

    ind: Indicator
    cells: dict[str, RawCell]
    note: str
    numbers: dict[str, Decimal] = field(default_factory=dict)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Unicode's control characters (category Cc: U+0000–U+001F and U+007F–U+009F) but tab and newline."""


def normalize_text(text: str) -> str:
    """NFC, without control characters Word cannot hold (tabs and newlines kept)."""
    return unicodedata.normalize("NFC", _CONTROL.sub("", text)).strip()


def shown(value: Any) -> str:
    """A cell's value as a message quotes it: one line, no control characters, at most :data:`SHOWN_LENGTH`
    characters; a number in Vietnamese style (``104,5``), or in Excel's notation (``1e+300``) when it is no
    figure."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = to_decimal(value)
        text = format_plain(number) if is_figure(number) else format(value, ".15g")
    else:
        text = " ".join(normalize_text(text_of(value)).split())
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH - 1] + "…"


def text_length(text: str) -> int:
    """A text's length as Excel counts it: in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def applies(rule: Rule, ind: Indicator) -> bool:
    """Whether a rule covers an indicator: its selector, then the catalog's lists."""
    if rule.indicators and ind.code not in rule.indicators:
        return False
    if ind.code in rule.exclude:
        return False
    selector = rule.applies_to
    return {
        "*": True,
        "non_negative": ind.non_negative,
        "bounded": ind.maximum is not None,
        "count": ind.is_count,
        "part": ind.parent is not None,
        "sum_of_parts": ind.sum_of_parts,
        "flow": ind.kind == Kind.FLOW,
        "monthly": ind.frequency == Frequency.MONTHLY,
    }.get(selector, False)


class _Checker:
    """Holds what every check needs and adds findings through the catalog's rules."""

    def __init__(self, catalog: Catalog, checked: CheckedForm, history: History) -> None:
        self.catalog = catalog
        self.checked = checked
        self.history = history
        assert checked.period is not None
        self.period: Period = checked.period
        window = int(self.rule("plausibility.outlier").params["window"])
        #: the months before this one, newest first, as far back as the outlier check looks
        self.months_back = [self.period.shift(-back) for back in range(1, window + 1)]

    def title(self, ind: Indicator, column: str) -> str:
        """What the indicator's cell in this column holds, as the form names it."""
        return L.cell_title(ind, column, self.period)

    def rule(self, code: str) -> Rule:
        return self.catalog.rules[code]

    def add(self, code: str, ind: Indicator | None = None, sheet: str = L.DATA_SHEET, cell: str = "",
            explanation: str = "", **fields: Any) -> None:
        if ind is not None and not applies(self.rule(code), ind):
            return
        extra = {} if ind is None else {"indicator": ind.code, "indicator_name": ind.name}
        self.checked.findings.append(finding(code, self.checked.file, sheet=sheet, cell=cell,
                                             rules=self.catalog.rules, explanation=explanation, **extra,
                                             **fields))

    def stored(self, code: str, period: Period, basis: str) -> Observed | None:
        """The store's value that counts, if it is a figure (an older store may hold values that are not)."""
        found = self.history.get((code, period, basis))
        return found if found is not None and is_figure(found.value) else None


def validate_form(raw: RawForm, catalog: Catalog, file: str, expected_period: Period | None = None,
                  history: History | None = None, expected_department: str | None = None) -> CheckedForm:
    """Check a read form; ``history`` (the store's current values) enables the checks against the past.

    ``expected_period`` and ``expected_department`` refuse a form of another
    month, or of another department than the one submitting it.
    """
    checked = CheckedForm(file=file)
    if not _check_identity(raw, catalog, checked, expected_period, expected_department):
        return checked
    check = _Checker(catalog, checked, history or {})
    with localcontext() as context:
        context.prec = PRECISION
        _check_cover(raw, check)
        rows = _check_rows(raw, check)
        _read_narrative(raw, check)
        _check_cells(rows, raw.formulas_without_value, check)
        _check_consistency(rows, check)
        _check_plausibility(rows, check)
    return checked


# Structure -------------------------------------------------------------------

def _check_identity(raw: RawForm, catalog: Catalog, checked: CheckedForm, expected: Period | None,
                    expected_department: str | None) -> bool:
    def add(code: str, **fields: Any) -> None:
        checked.findings.append(finding(code, checked.file, rules=catalog.rules, **fields))

    for sheet in (L.META_SHEET, L.DATA_SHEET, L.COVER_SHEET, L.NARRATIVE_SHEET):
        if sheet not in raw.sheets:
            add("form.not_a_form", sheet_name=sheet)
            return False
    if raw.meta.get("form_type") != L.FORM_TYPE:
        add("form.not_a_form", sheet_name=L.META_SHEET)
        return False
    cover = L.COVER_SHEET
    found = FORM_VERSION_TEXT.format(form=raw.meta.get("form_version", "?"),
                                     catalog=raw.meta.get("catalog_version", "?"))
    wanted = FORM_VERSION_TEXT.format(form=L.FORM_VERSION, catalog=catalog.version)
    if found != wanted:
        add("form.old_version", sheet=cover, cell=f"B{L.COVER_ROWS['form_version']}", found=shown(found),
            expected=wanted)
        return False
    checked.form_version = raw.meta["form_version"]
    checked.catalog_version = raw.meta["catalog_version"]
    department = raw.meta.get("department", "")
    if department not in catalog.departments:
        add("form.unknown_department", sheet=cover, cell=f"B{L.COVER_ROWS['department']}", department=shown(department))
        return False
    if expected_department is not None and department != expected_department:
        add("form.wrong_department", sheet=cover, cell=f"B{L.COVER_ROWS['department']}",
            found=catalog.departments[department].name, expected=catalog.departments[expected_department].name)
        return False
    checked.department = department
    try:
        period = Period.parse(raw.meta.get("period", ""))
    except Exception:
        add("form.bad_period", sheet=cover, cell=f"B{L.COVER_ROWS['period']}", found=shown(raw.meta.get("period", "")))
        return False
    if expected is not None and period != expected:
        add("form.wrong_period", sheet=cover, cell=f"B{L.COVER_ROWS['period']}", found=period.month_name,
            expected=expected.month_name)
        return False
    checked.period = period
    return True


def _check_cover(raw: RawForm, check: _Checker) -> None:
    checked, period = check.checked, check.period
    identity = {
        "department": checked.department,
        "period": f"{period.month_name} ({period})",
    }
    for key, expected in identity.items():
        label = COVER_LABELS[key]
        cell = raw.cover.get(key)
        found = "" if cell is None or cell.value is None else text_of(cell.value)
        if found != expected:
            check.add("form.cover_mismatch", sheet=L.COVER_SHEET, cell=f"B{L.COVER_ROWS[key]}", label=label,
                      found=shown(found), expected=expected)
    for key, label in COVER_REQUIRED_LABELS.items():
        cell = raw.cover.get(key)
        if cell is None or cell.value in (None, ""):
            check.add("cover.required", sheet=L.COVER_SHEET, cell=f"B{L.COVER_ROWS[key]}", label=label)
            continue
        value = cell.value
        text = value.strftime("%d/%m/%Y") if isinstance(value, (dt.date, dt.datetime)) else text_of(value)
        setattr(checked, key, normalize_text(text))


def _check_rows(raw: RawForm, check: _Checker) -> list[_Row]:
    expected = {i.code: i for i in L.form_rows(check.catalog, check.checked.department)}
    seen: dict[str, int] = {}
    rows: list[_Row] = []
    for cells in raw.data_rows:
        code_cell = cells[L.COL_CODE]
        row = int(code_cell.ref[1:])
        code = "" if code_cell.value is None else text_of(code_cell.value)
        if code not in expected:
            check.add("row.unknown", cell=code_cell.ref, found=code_cell.error or shown(code))
            continue
        ind = expected[code]
        if code in seen:
            check.add("row.duplicate", cell=code_cell.ref, indicator=code, first_row=seen[code], row=row)
            continue
        seen[code] = row
        name_cell = cells[L.COL_NAME]
        if name_cell.value is not None and normalize_text(text_of(name_cell.value)) != ind.name:
            check.add("row.label_changed", cell=name_cell.ref, indicator=code, found=shown(name_cell.value),
                      expected=ind.name)
        note_cell = cells[L.COL_NOTE]
        note = "" if note_cell.value is None else normalize_text(text_of(note_cell.value))
        rows.append(_Row(ind, cells, note))
    for code, ind in expected.items():
        if code not in seen:
            check.add("row.missing", indicator=code, indicator_name=ind.name)
    return rows


def _read_narrative(raw: RawForm, check: _Checker) -> None:
    catalog, checked = check.catalog, check.checked
    by_title = {s.title: s.code for s in catalog.narrative_sections(checked.department)}
    previous_section: str | None = None
    sheet = L.NARRATIVE_SHEET
    for cells in raw.narrative_rows:
        section_cell, kind_cell, text_cell = cells[L.NARR_SECTION], cells[L.NARR_KIND], cells[L.NARR_TEXT]
        text = normalize_text(text_of(text_cell.value))
        if not text:
            continue
        length = text_length(text_of(text_cell.value))
        if length >= CELL_TEXT_LIMIT:
            check.add("narrative.at_cell_limit", sheet=sheet, cell=text_cell.ref, length=format_plain(Decimal(length)),
                      limit=format_plain(Decimal(CELL_TEXT_LIMIT)))
        title = "" if section_cell.value is None else normalize_text(text_of(section_cell.value))
        if not title:
            check.add("narrative.missing_section", sheet=sheet, cell=section_cell.ref)
            continue
        section = by_title.get(title)
        if section is None:
            check.add("narrative.unknown_section", sheet=sheet, cell=section_cell.ref, found=shown(title))
            continue
        label = L.KIND_PARAGRAPH if kind_cell.value is None else normalize_text(text_of(kind_cell.value))
        kind = L.NARRATIVE_KINDS.get(label)
        if kind is None:
            check.add("narrative.unknown_kind", sheet=sheet, cell=kind_cell.ref, found=shown(label))
            continue
        if kind == NarrativeKind.FOOTNOTE and previous_section != section:
            check.add("narrative.orphan_footnote", sheet=sheet, cell=kind_cell.ref,
                      section=catalog.sections[section].title)
            continue
        if kind == NarrativeKind.PARAGRAPH and section == TASKS_SECTION:
            kind = NarrativeKind.TASK
        checked.narratives.append(NarrativeItem(section, kind, text))
        previous_section = section


# Cells -------------------------------------------------------------------

def read_number(cell: RawCell) -> Decimal | None:
    """A cell's number: numeric cells as they are, text in Vietnamese style; else ``None``."""
    value = cell.value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return to_decimal(value)
    if isinstance(value, str):
        return parse_vn_number(value)
    return None


def _check_cells(rows: list[_Row], formulas: set[str], check: _Checker) -> None:
    for row in rows:
        ind = row.ind
        roles = {role.column: role for role in L.cell_roles(ind, check.period.month)}
        for column in L.VALUE_COLUMNS:
            cell = row.cells[column]
            where = {"cell": cell.ref, "column": check.title(ind, column)}
            role = roles.get(column)
            if role is None:
                if cell.error or cell.value not in (None, ""):
                    check.add("cell.not_applicable", ind, value=cell.error or shown(cell.value), **where)
                continue
            if cell.error:
                check.add("cell.excel_error", ind, error=cell.error,
                          meaning=EXCEL_ERRORS.get(cell.error.upper(), EXCEL_ERROR_OTHER), **where)
                continue
            if cell.ref in formulas:
                check.add("cell.formula_without_value", ind, **where)
                continue
            if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
                if role.required:
                    check.add("cell.required", ind, **where)
                continue
            if isinstance(cell.value, (dt.date, dt.datetime, dt.time, dt.timedelta)):
                check.add("cell.date", ind, value=shown(cell.value), **where)
                continue
            number = read_number(cell)
            if number is None:
                check.add("cell.not_number", ind, value=shown(cell.value), **where)
                continue
            if not is_figure(number):
                check.add("cell.out_of_range", ind, value=shown(cell.value), **where)
                continue
            problems = len(check.checked.findings)
            if number < 0:
                check.add("cell.negative", ind, value=format_plain(number), **where)
            if ind.maximum is not None and number > ind.maximum:
                check.add("cell.over_maximum", ind, value=format_plain(number), maximum=format_plain(ind.maximum),
                          **where)
            if ind.is_count and number != number.to_integral_value():
                check.add("cell.fractional_count", ind, value=format_plain(number), unit=ind.unit, **where)
            elif decimals_of(number) > ind.decimals:
                check.add("cell.too_many_decimals", ind, found=decimals_of(number), allowed=ind.decimals, **where)
            if any(f.is_error for f in check.checked.findings[problems:]):
                continue
            row.numbers[column] = number
            check.checked.observations.append(NewObservation(
                indicator=ind.code,
                period=check.period.shift(role.shift),
                basis=role.basis,
                status=role.status,
                value=number,
                cell=cell.ref,
                note=row.note,
            ))


# Consistency ---------------------------------------------------------------

def _check_consistency(rows: list[_Row], check: _Checker) -> None:
    by_code = {row.ind.code: row for row in rows}
    catalog = check.catalog
    for row in rows:
        ind = row.ind
        parent = by_code.get(ind.parent or "")
        if parent is not None and ind.kind in (Kind.FLOW, Kind.STOCK, Kind.CUMULATIVE) and parent.ind.unit == ind.unit:
            for column, value in row.numbers.items():
                whole = parent.numbers.get(column)
                if whole is not None and value > whole:
                    check.add("consistency.part_exceeds_whole", ind, cell=f"{column}{row.cells[column].ref[1:]}",
                              value=format_plain(value), parent_name=parent.ind.name,
                              parent_value=format_plain(whole), column=check.title(ind, column))
        if ind.sum_of_parts:
            parts = [by_code.get(child.code) for child in catalog.children(ind.code)]
            for column, whole in row.numbers.items():
                values = [p.numbers.get(column) for p in parts if p is not None]
                if not parts or None in parts or None in values:
                    continue
                total = sum((v for v in values if v is not None), Decimal(0))
                if abs(total - whole) > Decimal(1).scaleb(-ind.decimals):
                    check.add("consistency.parts_sum", ind, cell=row.cells[column].ref, parts=format_plain(total),
                              value=format_plain(whole), column=check.title(ind, column))
        _check_ytd(row, check)
        _check_final_vs_estimate(row, check)


def _month_value(row: _Row, check: _Checker, period: Period) -> Decimal | None:
    """A month's value as it will be after this form: the form's own cells first, then the store."""
    if period == check.period and L.COL_MONTH in row.numbers:
        return row.numbers[L.COL_MONTH]
    if period == check.period.previous and L.COL_PREVIOUS in row.numbers:
        return row.numbers[L.COL_PREVIOUS]
    found = check.stored(row.ind.code, period, Basis.MONTH)
    return None if found is None else found.value


def _check_ytd(row: _Row, check: _Checker) -> None:
    ind = row.ind
    reported = row.numbers.get(L.COL_YTD)
    if reported is None or ind.kind != Kind.FLOW or ind.frequency != Frequency.MONTHLY:
        return
    months = [Period(check.period.year, m) for m in range(1, check.period.month + 1)]
    values = [_month_value(row, check, p) for p in months]
    if any(v is None for v in values):
        return
    computed = sum((v for v in values if v is not None), Decimal(0))
    tolerance = Decimal(str(check.rule("consistency.ytd_mismatch").params["tolerance"]))
    if abs(reported - computed) > max(tolerance * abs(computed), Decimal(1).scaleb(-ind.decimals)):
        listed = ", ".join(f"{p.month:02d}" for p in months)
        check.add("consistency.ytd_mismatch", ind, cell=row.cells[L.COL_YTD].ref, value=format_plain(reported),
                  computed=format_plain(computed), months=YTD_MONTHS.format(months=listed, year=check.period.year),
                  explanation=row.note)


def _check_final_vs_estimate(row: _Row, check: _Checker) -> None:
    final = row.numbers.get(L.COL_PREVIOUS)
    roles = {role.column: role for role in L.cell_roles(row.ind, check.period.month)}
    if final is None or L.COL_PREVIOUS not in roles:
        return
    estimate = check.stored(row.ind.code, check.period.previous, roles[L.COL_PREVIOUS].basis)
    if estimate is None or estimate.status != Status.ESTIMATE or estimate.value == 0:
        return
    share = abs(final / estimate.value - 1) * 100
    if share > Decimal(str(check.rule("consistency.final_vs_estimate").params["share"])):
        check.add("consistency.final_vs_estimate", row.ind, cell=row.cells[L.COL_PREVIOUS].ref,
                  previous=check.period.previous.month_name, value=format_plain(final),
                  share=format_plain(share.quantize(Decimal("0.1"))), estimate=format_plain(estimate.value),
                  explanation=row.note)


# Plausibility ---------------------------------------------------------------

def _check_plausibility(rows: list[_Row], check: _Checker) -> None:
    for row in rows:
        ind = row.ind
        value = row.numbers.get(L.COL_MONTH)
        if value is None or ind.frequency != Frequency.MONTHLY or ind.kind == Kind.CUMULATIVE or value <= 0:
            continue
        _check_jump(row, value, check)
        _check_final_vs_final(row, check)
        _check_outlier(row, value, check)


def _check_jump(row: _Row, value: Decimal, check: _Checker) -> None:
    """A month far from last month or from the same month last year (small counts are left alone)."""
    bases = (
        (check.period.previous, f"{check.period.previous.month_name}"),
        (check.period.last_year, JUMP_SAME_MONTH_LAST_YEAR.format(month_name=check.period.last_year.month_name)),
    )
    for period, name in bases:
        if _jump(row, value, _month_value(row, check, period), name, L.COL_MONTH, check):
            return


def _check_final_vs_final(row: _Row, check: _Checker) -> None:
    """A final figure far from the final figure already stored for the same month: a jump like any other."""
    final = row.numbers.get(L.COL_PREVIOUS)
    stored = check.stored(row.ind.code, check.period.previous, Basis.MONTH)
    if final is None or stored is None or stored.status != Status.FINAL:
        return
    name = JUMP_STORED_FINAL.format(month_name=check.period.previous.month_name)
    _jump(row, final, stored.value, name, L.COL_PREVIOUS, check)


def _jump(row: _Row, value: Decimal, base: Decimal | None, base_name: str, column: str, check: _Checker) -> bool:
    """Warn (``plausibility.jump``) when ``value`` is more than the rule's factor away from ``base``; say if it did."""
    params = check.rule("plausibility.jump").params
    factor = Decimal(str(params["factor"]))
    if base is None or base <= 0 or value <= 0 or max(base, value) < Decimal(str(params["min_base"])):
        return False
    ratio = value / base
    if 1 / factor <= ratio <= factor:
        return False
    if ratio >= 1:
        comparison = JUMP_TIMES.format(ratio=format_plain(ratio.quantize(Decimal("0.1"))))
    else:
        comparison = JUMP_SHARE.format(percent=format_plain((ratio * 100).quantize(Decimal("0.1"))))
    check.add("plausibility.jump", row.ind, cell=row.cells[column].ref, value=format_plain(value),
              comparison=comparison, base_name=base_name, base=format_plain(base), explanation=row.note)
    return True


def _check_outlier(row: _Row, value: Decimal, check: _Checker) -> None:
    params = check.rule("plausibility.outlier").params
    history = []
    for month in check.months_back:
        found = check.stored(row.ind.code, month, Basis.MONTH)
        if found is not None:
            history.append(float(found.value))
    if len(history) < 6:
        return
    median = statistics.median(history)
    mad = statistics.median(abs(x - median) for x in history)
    if mad == 0:
        return
    score = 0.6745 * (float(value) - median) / mad
    if abs(score) > float(params["z"]):
        check.add("plausibility.outlier", row.ind, cell=row.cells[L.COL_MONTH].ref, value=format_plain(value),
                  count=len(history), score=f"{score:.1f}".replace(".", ","), explanation=row.note)
