"""Checking a read form against the catalog: structure, cells, consistency.

:func:`validate_form` turns a :class:`~reportgen.reading.RawForm` into the
observations and narrative it would store, plus every finding. Checks run in
order (structure, then cells, then consistency) and all are reported at once;
a structural error that leaves nothing to check further stops there.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from . import layout as L
from .catalog import TASKS_SECTION, Catalog, Indicator
from .findings import Finding, finding
from .numbers import decimals_of, format_plain, parse_vn_number, to_decimal
from .periods import Period
from .reading import RawCell, RawForm, text_of
from .store import NarrativeItem, NewObservation


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


def normalize_text(text: str) -> str:
    """NFC, without control characters Word cannot hold (tabs and newlines kept)."""
    cleaned = "".join(ch for ch in text if ch in "\t\n" or unicodedata.category(ch) != "Cc")
    return unicodedata.normalize("NFC", cleaned).strip()


def validate_form(raw: RawForm, catalog: Catalog, file: str, expected_period: Period | None = None) -> CheckedForm:
    checked = CheckedForm(file=file)
    if not _check_identity(raw, catalog, checked, expected_period):
        return checked
    _check_cover(raw, catalog, checked)
    assert checked.period is not None
    rows = _check_rows(raw, catalog, checked)
    values = _check_cells(rows, checked)
    _check_consistency(catalog, values, checked)
    _read_narrative(raw, catalog, checked)
    return checked


def _check_identity(raw: RawForm, catalog: Catalog, checked: CheckedForm, expected: Period | None) -> bool:
    add = checked.findings.append
    for sheet in (L.META_SHEET, L.DATA_SHEET, L.COVER_SHEET, L.NARRATIVE_SHEET):
        if sheet not in raw.sheets:
            add(finding("form.not_a_form", checked.file, sheet_name=sheet))
            return False
    if raw.meta.get("form_type") != L.FORM_TYPE:
        add(finding("form.not_a_form", checked.file, sheet_name=L.META_SHEET))
        return False
    found = f"{raw.meta.get('form_version', '?')} / danh mục {raw.meta.get('catalog_version', '?')}"
    wanted = f"{L.FORM_VERSION} / danh mục {catalog.version}"
    if found != wanted:
        add(finding("form.old_version", checked.file, sheet=L.COVER_SHEET,
                    cell=f"B{L.COVER_ROWS['form_version']}", found=found, expected=wanted))
        return False
    checked.form_version = raw.meta["form_version"]
    checked.catalog_version = raw.meta["catalog_version"]
    department = raw.meta.get("department", "")
    if department not in catalog.departments:
        add(finding("form.unknown_department", checked.file, sheet=L.COVER_SHEET,
                    cell=f"B{L.COVER_ROWS['department']}", department=department))
        return False
    checked.department = department
    try:
        period = Period.parse(raw.meta.get("period", ""))
    except Exception:
        add(finding("form.bad_period", checked.file, sheet=L.COVER_SHEET,
                    cell=f"B{L.COVER_ROWS['period']}", found=raw.meta.get("period", "")))
        return False
    if expected is not None and period != expected:
        add(finding("form.wrong_period", checked.file, sheet=L.COVER_SHEET,
                    cell=f"B{L.COVER_ROWS['period']}", found=period.month_name, expected=expected.month_name))
        return False
    checked.period = period
    return True


def _check_cover(raw: RawForm, catalog: Catalog, checked: CheckedForm) -> None:
    assert checked.period is not None
    shown = {
        "department": ("Mã đơn vị", checked.department),
        "period": ("Kỳ báo cáo", f"{checked.period.month_name} ({checked.period})"),
    }
    for key, (label, expected) in shown.items():
        cell = raw.cover.get(key)
        found = "" if cell is None or cell.value is None else text_of(cell.value)
        if found != expected:
            checked.findings.append(finding("form.cover_mismatch", checked.file, sheet=L.COVER_SHEET,
                                            cell=f"B{L.COVER_ROWS[key]}", label=label, found=found,
                                            expected=expected))
    labels = {"preparer": "Người lập biểu", "phone": "Số điện thoại", "prepared_on": "Ngày lập"}
    for key, label in labels.items():
        cell = raw.cover.get(key)
        if cell is None or cell.value in (None, ""):
            checked.findings.append(finding("cover.required", checked.file, sheet=L.COVER_SHEET,
                                            cell=f"B{L.COVER_ROWS[key]}", label=label))
            continue
        value = cell.value
        text = value.strftime("%d/%m/%Y") if isinstance(value, (dt.date, dt.datetime)) else text_of(value)
        setattr(checked, key, normalize_text(text))


def _check_rows(raw: RawForm, catalog: Catalog, checked: CheckedForm) -> list[tuple[Indicator, dict[str, RawCell]]]:
    assert checked.period is not None
    expected = {i.code: i for i in catalog.form_indicators(checked.department, checked.period.month)}
    seen: dict[str, int] = {}
    rows: list[tuple[Indicator, dict[str, RawCell]]] = []
    for cells in raw.data_rows:
        code_cell = cells[L.COL_CODE]
        row = int(code_cell.ref[1:])
        code = "" if code_cell.value is None else text_of(code_cell.value)
        if code not in expected:
            checked.findings.append(finding("row.unknown", checked.file, sheet=L.DATA_SHEET,
                                            cell=code_cell.ref, found=code))
            continue
        if code in seen:
            checked.findings.append(finding("row.duplicate", checked.file, sheet=L.DATA_SHEET, cell=code_cell.ref,
                                            indicator=code, first_row=seen[code], row=row))
            continue
        seen[code] = row
        rows.append((expected[code], cells))
    for code, ind in expected.items():
        if code not in seen:
            checked.findings.append(finding("row.missing", checked.file, sheet=L.DATA_SHEET, indicator=code,
                                            indicator_name=ind.name))
    return rows


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


def _check_cells(rows: list[tuple[Indicator, dict[str, RawCell]]], checked: CheckedForm) -> dict[tuple[str, str], Decimal]:
    """Parse every value cell; returns the accepted numbers by (indicator, column)."""
    assert checked.period is not None
    titles = L.column_titles(checked.period)
    accepted: dict[tuple[str, str], Decimal] = {}
    for ind, cells in rows:
        roles = {role.column: role for role in L.cell_roles(ind)}
        note_cell = cells[L.COL_NOTE]
        note = "" if note_cell.value is None else normalize_text(text_of(note_cell.value))
        for column in L.VALUE_COLUMNS:
            cell = cells[column]
            context = dict(file=checked.file, sheet=L.DATA_SHEET, cell=cell.ref, indicator=ind.code,
                           indicator_name=ind.name, column=titles[column])
            role = roles.get(column)
            if role is None:
                if cell.value not in (None, ""):
                    checked.findings.append(finding("cell.not_applicable", value=text_of(cell.value), **context))
                continue
            if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
                if role.required:
                    checked.findings.append(finding("cell.required", **context))
                continue
            number = read_number(cell)
            if number is None:
                checked.findings.append(finding("cell.not_number", value=text_of(cell.value), **context))
                continue
            if ind.non_negative and number < 0:
                checked.findings.append(finding("cell.negative", value=format_plain(number), **context))
                continue
            places = decimals_of(number)
            if places > ind.decimals:
                checked.findings.append(finding("cell.too_many_decimals", found=places, allowed=ind.decimals,
                                                **context))
            accepted[(ind.code, column)] = number
            checked.observations.append(NewObservation(
                indicator=ind.code,
                period=checked.period.shift(role.shift),
                basis=role.basis,
                status=role.status,
                value=number,
                cell=cell.ref,
                note=note,
            ))
    return accepted


def _check_consistency(catalog: Catalog, values: dict[tuple[str, str], Decimal], checked: CheckedForm) -> None:
    """A "trong đó" part may not exceed its whole in the same cell column."""
    assert checked.period is not None
    titles = L.column_titles(checked.period)
    rows = {o.indicator: o.cell for o in checked.observations}
    for (code, column), value in sorted(values.items()):
        ind = catalog.indicators[code]
        parent = catalog.indicators.get(ind.parent or "")
        if parent is None or ind.kind not in ("flow", "stock", "cumulative") or parent.unit != ind.unit:
            continue
        whole = values.get((parent.code, column))
        if whole is not None and value > whole:
            cell = f"{column}{rows[code][1:]}"
            checked.findings.append(finding(
                "consistency.part_exceeds_whole", checked.file, sheet=L.DATA_SHEET, cell=cell, indicator=code,
                indicator_name=ind.name, value=format_plain(value), parent_name=parent.name,
                parent_value=format_plain(whole),
                column=titles[column]))


def _read_narrative(raw: RawForm, catalog: Catalog, checked: CheckedForm) -> None:
    by_title = {s.title: s.code for s in catalog.narrative_sections(checked.department)}
    previous_section: str | None = None
    for cells in raw.narrative_rows:
        section_cell, kind_cell, text_cell = cells[L.NARR_SECTION], cells[L.NARR_KIND], cells[L.NARR_TEXT]
        text = normalize_text(text_of(text_cell.value))
        if not text:
            continue
        where = dict(file=checked.file, sheet=L.NARRATIVE_SHEET)
        title = "" if section_cell.value is None else normalize_text(text_of(section_cell.value))
        if not title:
            checked.findings.append(finding("narrative.missing_section", cell=section_cell.ref, **where))
            continue
        section = by_title.get(title)
        if section is None:
            checked.findings.append(finding("narrative.unknown_section", cell=section_cell.ref, found=title, **where))
            continue
        label = L.KIND_PARAGRAPH if kind_cell.value is None else normalize_text(text_of(kind_cell.value))
        kind = L.NARRATIVE_KINDS.get(label)
        if kind is None:
            checked.findings.append(finding("narrative.unknown_kind", cell=kind_cell.ref, found=label, **where))
            continue
        if kind == "footnote" and previous_section != section:
            checked.findings.append(finding("narrative.orphan_footnote", cell=kind_cell.ref,
                                            section=catalog.sections[section].title, **where))
            continue
        if kind == "paragraph" and section == TASKS_SECTION:
            kind = "task"
        checked.narratives.append(NarrativeItem(section, kind, text))
        previous_section = section
