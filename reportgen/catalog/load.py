"""Loading the catalog: every entry checked, every problem reported at once.

:func:`load_catalog` reads a TOML file and :func:`parse_catalog` its text;
either raises :class:`~reportgen.errors.CatalogError` listing each bad entry
and field in Vietnamese.
"""

from __future__ import annotations

import ast
import hashlib
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import CatalogError
from ..files import DEFAULT_TEMPLATES
from ..messages import (
    CATALOG_AT_DEPARTMENT,
    CATALOG_AT_DEPARTMENT_NTH,
    CATALOG_AT_INDICATOR,
    CATALOG_AT_REPORT,
    CATALOG_AT_RULE_NTH,
    CATALOG_AT_SECTION_NTH,
    CATALOG_AT_TARGET_NTH,
    CATALOG_AT_TOP,
    CATALOG_BAD_CODE,
    CATALOG_BAD_SEVERITY,
    CATALOG_BOUNDS_NEED_RANGE,
    CATALOG_DUPLICATE_CODE,
    CATALOG_DUPLICATE_NUMBER,
    CATALOG_ENTRY_NOT_TABLE,
    CATALOG_FORMULA_DERIVED,
    CATALOG_FORMULA_NODES,
    CATALOG_FORMULA_NOT_DERIVED,
    CATALOG_FORMULA_SYNTAX,
    CATALOG_FORMULA_UNKNOWN,
    CATALOG_INVALID,
    CATALOG_MISSING,
    CATALOG_NO_DEPARTMENT,
    CATALOG_NO_INDICATOR,
    CATALOG_NO_INDICATORS,
    CATALOG_NO_PARAM,
    CATALOG_NO_RULE,
    CATALOG_NO_SECTION,
    CATALOG_NOT_A_CHOICE,
    CATALOG_NOT_BOOLEAN,
    CATALOG_NOT_INTEGER,
    CATALOG_NOT_NUMBER,
    CATALOG_NOT_TABLE,
    CATALOG_NOT_TABLE_LIST,
    CATALOG_NOT_TEXT,
    CATALOG_NOT_TEXT_LIST,
    CATALOG_NOT_UTF8,
    CATALOG_NTH,
    CATALOG_OUT_OF_RANGE,
    CATALOG_PARAM_NOT_NUMBER,
    CATALOG_PARENT_CYCLE,
    CATALOG_PARENT_UNIT,
    CATALOG_PLAN_BAD_RANGE,
    CATALOG_PLAN_BAD_YEAR,
    CATALOG_PLAN_NOT_NUMBER,
    CATALOG_PLANS_NOT_TABLE,
    CATALOG_PROBLEM,
    CATALOG_RANGE_NEEDS_BOUNDS,
    CATALOG_SECTIONS_NOT_LIST,
    CATALOG_TARGET_NO_INDICATORS,
    CATALOG_TOML_SYNTAX,
    CATALOG_TOML_SYNTAX_AT,
    CATALOG_UNKNOWN_KEY,
    CATALOG_UNREADABLE,
    PLAN_LABEL,
    TARGET_GROUPS,
)
from ..model import Direction, Frequency, Kind
from .model import DIRECTIONS, FREQUENCIES, KINDS, Catalog, Department, Indicator, Plan, ReportSettings, Section, Target
from .rules import ERROR, RULES, WARNING, Rule

# Loading ------------------------------------------------------------------

_ALLOWED_FORMULA_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.USub,
)


class _Checker:
    """Collects problems while reading raw TOML tables into dataclasses."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, fieldname: str, message: str) -> None:
        self.problems.append(CATALOG_PROBLEM.format(where=where, field=fieldname, message=message))

    def text(self, raw: dict[str, Any], where: str, name: str, required: bool = True) -> str:
        value = raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(where, name, CATALOG_MISSING)
            return ""
        if not isinstance(value, str):
            self.fail(where, name, CATALOG_NOT_TEXT)
            return ""
        return value.strip()

    def integer(self, raw: dict[str, Any], where: str, name: str, low: int, high: int,
                default: int | None = None) -> int:
        value = raw.get(name, default)
        if value is None:
            self.fail(where, name, CATALOG_MISSING)
            return low
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, name, CATALOG_NOT_INTEGER)
            return low
        if not low <= value <= high:
            self.fail(where, name, CATALOG_OUT_OF_RANGE.format(low=low, high=high, value=value))
            return low
        return int(value)

    def choice(self, raw: dict[str, Any], where: str, name: str, options: tuple[str, ...],
               default: str | None = None) -> str:
        value = raw.get(name, default)
        if value not in options:
            self.fail(where, name, CATALOG_NOT_A_CHOICE.format(value=value, options=", ".join(options)))
            return options[0]
        return str(value)


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def _plans(check: _Checker, raw: dict[str, Any], where: str) -> dict[int, Plan]:
    table = raw.get("plans", {})
    if not isinstance(table, dict):
        check.fail(where, "plans", CATALOG_PLANS_NOT_TABLE)
        return {}
    plans: dict[int, Plan] = {}
    for year_text, value in table.items():
        if not str(year_text).isdigit() or not 2000 <= int(year_text) <= 2100:
            check.fail(where, "plans", CATALOG_PLAN_BAD_YEAR.format(year=year_text))
            continue
        if isinstance(value, list):
            bounds = [_number(v) for v in value]
            if len(bounds) != 2 or None in bounds or bounds[0] > bounds[1]:  # type: ignore[operator]
                check.fail(where, "plans", CATALOG_PLAN_BAD_RANGE.format(year=year_text))
                continue
            plans[int(year_text)] = (bounds[0], bounds[1])  # type: ignore[assignment]
        else:
            number = _number(value)
            if number is None:
                check.fail(where, "plans", CATALOG_PLAN_NOT_NUMBER.format(year=year_text))
                continue
            plans[int(year_text)] = number
    return plans


def _check_formula(check: _Checker, where: str, formula: str) -> None:
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError:
        check.fail(where, "formula", CATALOG_FORMULA_SYNTAX.format(formula=formula))
        return
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_FORMULA_NODES):
            check.fail(where, "formula", CATALOG_FORMULA_NODES)
            return


TABLE_LISTS = ("department", "section", "indicator", "target", "rule")
"""Top-level keys written ``[[key]]``: lists of tables."""
TOP_KEYS = ("version", "report", *TABLE_LISTS)
_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _syntax_problem(exc: tomllib.TOMLDecodeError) -> str:
    """A TOML syntax error, its place in Vietnamese (TOML's own words in brackets)."""
    detail = str(exc)
    found = _POSITION.search(detail)
    if found is None:
        return CATALOG_TOML_SYNTAX.format(error=detail)
    return CATALOG_TOML_SYNTAX_AT.format(line=found.group(1), column=found.group(2),
                                         error=_POSITION.sub("", detail).strip())


def _table_list(check: _Checker, raw: dict[str, Any], name: str) -> list[tuple[int, dict[str, Any]]]:
    """The tables of ``[[name]]``, numbered from 1; a problem for anything else written under that name."""
    value = raw.get(name, [])
    if isinstance(value, dict):
        check.fail(CATALOG_AT_TOP, name, CATALOG_NOT_TABLE_LIST.format(name=name))
        return []
    if not isinstance(value, list):
        check.fail(CATALOG_AT_TOP, name, CATALOG_NOT_TABLE_LIST.format(name=name))
        return []
    entries = []
    for n, entry in enumerate(value, start=1):
        if isinstance(entry, dict):
            entries.append((n, entry))
        else:
            check.fail(CATALOG_AT_TOP, name, CATALOG_ENTRY_NOT_TABLE.format(name=name, n=n))
    return entries


def parse_catalog(text: str, source: str = "catalog.toml") -> Catalog:
    """Build a :class:`Catalog` from TOML text, or raise :class:`CatalogError`."""
    try:
        raw = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(source, [_syntax_problem(exc)], CATALOG_INVALID) from exc
    check = _Checker()
    for key in raw:
        if key not in TOP_KEYS:
            check.fail(CATALOG_AT_TOP, key, CATALOG_UNKNOWN_KEY.format(keys=", ".join(TOP_KEYS)))
    version = check.text(raw, CATALOG_AT_TOP, "version")

    departments: dict[str, Department] = {}
    for n, entry in _table_list(check, raw, "department"):
        where = CATALOG_AT_DEPARTMENT_NTH.format(n=n, code=entry.get("code", "?"))
        code = check.text(entry, where, "code")
        if code in departments:
            check.fail(where, "code", CATALOG_DUPLICATE_CODE.format(code=code))
        narrative_sections = entry.get("sections", [])
        if not isinstance(narrative_sections, list) or not all(isinstance(s, str) for s in narrative_sections):
            check.fail(where, "sections", CATALOG_SECTIONS_NOT_LIST)
            narrative_sections = []
        departments[code] = Department(
            code=code,
            name=check.text(entry, where, "name"),
            deadline_day=check.integer(entry, where, "deadline_day", 1, 31),
            sections=tuple(narrative_sections),
        )

    sections: dict[str, Section] = {}
    for n, entry in _table_list(check, raw, "section"):
        where = CATALOG_AT_SECTION_NTH.format(n=n, code=entry.get("code", "?"))
        code = check.text(entry, where, "code")
        if code in sections:
            check.fail(where, "code", CATALOG_DUPLICATE_CODE.format(code=code))
        sections[code] = Section(code=code, title=check.text(entry, where, "title"), order=n)

    indicators: dict[str, Indicator] = {}
    for n, entry in _table_list(check, raw, "indicator"):
        where = CATALOG_AT_INDICATOR.format(code=entry.get("code", CATALOG_NTH.format(n=n)))
        code = check.text(entry, where, "code")
        if code and not code.isidentifier():
            check.fail(where, "code", CATALOG_BAD_CODE)
        if code in indicators:
            check.fail(where, "code", CATALOG_DUPLICATE_CODE.format(code=code))
        department = check.text(entry, where, "department")
        if department and department not in departments:
            check.fail(where, "department", CATALOG_NO_DEPARTMENT.format(code=department))
        section = check.text(entry, where, "section")
        if section and section not in sections:
            check.fail(where, "section", CATALOG_NO_SECTION.format(code=section))
        kind = Kind(check.choice(entry, where, "kind", KINDS))
        formula = check.text(entry, where, "formula", required=kind == "derived") or None
        if formula:
            if kind != "derived":
                check.fail(where, "formula", CATALOG_FORMULA_NOT_DERIVED)
            _check_formula(check, where, formula)
        maximum = None
        if "max" in entry:
            maximum = _number(entry["max"])
            if maximum is None:
                check.fail(where, "max", CATALOG_NOT_NUMBER)
        sum_of_parts = entry.get("sum_of_parts", False)
        if not isinstance(sum_of_parts, bool):
            check.fail(where, "sum_of_parts", CATALOG_NOT_BOOLEAN)
            sum_of_parts = False
        non_negative = entry.get("non_negative", True)
        if not isinstance(non_negative, bool):
            check.fail(where, "non_negative", CATALOG_NOT_BOOLEAN)
            non_negative = True
        indicators[code] = Indicator(
            code=code,
            name=check.text(entry, where, "name"),
            unit=check.text(entry, where, "unit"),
            department=department,
            section=section,
            frequency=Frequency(check.choice(entry, where, "frequency", FREQUENCIES, "monthly")),
            decimals=check.integer(entry, where, "decimals", 0, 6),
            kind=kind,
            parent=check.text(entry, where, "parent", required=False) or None,
            plans=_plans(check, entry, where),
            plan_label=check.text(entry, where, "plan_label", required=False) or PLAN_LABEL,
            formula=formula,
            non_negative=non_negative,
            direction=Direction(check.choice(entry, where, "direction", DIRECTIONS, "none")),
            maximum=maximum,
            sum_of_parts=sum_of_parts,
            order=n,
        )

    for dept in departments.values():
        for section in dept.sections:
            if section not in sections:
                check.fail(CATALOG_AT_DEPARTMENT.format(code=dept.code), "sections",
                           CATALOG_NO_SECTION.format(code=section))

    for ind in indicators.values():
        where = CATALOG_AT_INDICATOR.format(code=ind.code)
        if ind.parent and ind.parent not in indicators:
            check.fail(where, "parent", CATALOG_NO_INDICATOR.format(code=ind.parent))
        elif ind.parent and indicators[ind.parent].unit != ind.unit and ind.kind != "derived":
            check.fail(where, "parent", CATALOG_PARENT_UNIT.format(unit=ind.unit,
                                                                   parent_unit=indicators[ind.parent].unit))
        for name in ind.formula_names():
            if name not in indicators:
                check.fail(where, "formula", CATALOG_FORMULA_UNKNOWN.format(code=name))
            elif indicators[name].kind == "derived":
                check.fail(where, "formula", CATALOG_FORMULA_DERIVED.format(code=name))
        if ind.direction == "range" and any(not isinstance(p, tuple) for p in ind.plans.values()):
            check.fail(where, "plans", CATALOG_RANGE_NEEDS_BOUNDS)
        if ind.direction != "range" and any(isinstance(p, tuple) for p in ind.plans.values()):
            check.fail(where, "direction", CATALOG_BOUNDS_NEED_RANGE)
    _check_parent_cycles(check, indicators)

    targets: list[Target] = []
    numbers: set[int] = set()
    for n, entry in _table_list(check, raw, "target"):
        where = CATALOG_AT_TARGET_NTH.format(n=n)
        number = check.integer(entry, where, "number", 1, 99)
        if number in numbers:
            check.fail(where, "number", CATALOG_DUPLICATE_NUMBER.format(number=number))
        numbers.add(number)
        codes = entry.get("indicators", [])
        if not isinstance(codes, list) or not codes:
            check.fail(where, "indicators", CATALOG_TARGET_NO_INDICATORS)
            codes = []
        for code in codes:
            if code not in indicators:
                check.fail(where, "indicators", CATALOG_NO_INDICATOR.format(code=code))
        targets.append(Target(
            number=number,
            name=check.text(entry, where, "name"),
            group=check.choice(entry, where, "group", tuple(TARGET_GROUPS)),
            indicators=tuple(codes),
        ))

    rules = _rules(check, [entry for _, entry in _table_list(check, raw, "rule")], indicators)
    report = _report_settings(check, raw.get("report", {}), indicators)
    if check.problems:
        raise CatalogError(source, check.problems, CATALOG_INVALID)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return Catalog(
        version=version,
        departments=departments,
        sections=sections,
        indicators=indicators,
        targets=tuple(sorted(targets, key=lambda t: t.number)),
        digest=digest,
        rules=rules,
        report=report,
    )


def _report_settings(check: _Checker, raw: Any, indicators: dict[str, Indicator]) -> ReportSettings:
    """The ``[report]`` table: the issuer's names, the signer's title, recipients and charts."""
    where = CATALOG_AT_REPORT
    if not isinstance(raw, dict):
        check.fail(where, "report", CATALOG_NOT_TABLE)
        return ReportSettings()
    texts = {name: check.text(raw, where, name, required=False)
             for name in ("place", "issuer_parent", "issuer", "issuer_short", "issuer_name", "signer_title")}
    lists: dict[str, tuple[str, ...]] = {}
    for name in ("recipients", "charts"):
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            check.fail(where, name, CATALOG_NOT_TEXT_LIST)
            value = []
        lists[name] = tuple(value)
    for code in lists["charts"]:
        if code not in indicators:
            check.fail(where, "charts", CATALOG_NO_INDICATOR.format(code=code))
    return ReportSettings(**texts, recipients=lists["recipients"], charts=lists["charts"])


def _rules(check: _Checker, entries: list[dict[str, Any]], indicators: dict[str, Indicator]) -> dict[str, Rule]:
    """The validation rules with the catalog's ``[[rule]]`` overrides applied."""
    rules = dict(RULES)
    for n, entry in enumerate(entries, start=1):
        code = entry.get("code")
        where = CATALOG_AT_RULE_NTH.format(n=n, code=code)
        if code not in RULES:
            check.fail(where, "code", CATALOG_NO_RULE.format(code=code))
            continue
        rule = RULES[code]
        severity = entry.get("severity", rule.severity)
        if severity not in (ERROR, WARNING):
            check.fail(where, "severity", CATALOG_BAD_SEVERITY.format(severity=severity))
            severity = rule.severity
        params = dict(rule.params)
        for name, value in dict(entry.get("params", {})).items():
            if name not in rule.params:
                check.fail(where, "params", CATALOG_NO_PARAM.format(name=name))
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                check.fail(where, "params", CATALOG_PARAM_NOT_NUMBER.format(name=name))
            else:
                params[name] = value
        lists: dict[str, tuple[str, ...]] = {}
        for name in ("indicators", "exclude"):
            codes = entry.get(name, [])
            unknown = [c for c in codes if c not in indicators]
            if unknown:
                check.fail(where, name, CATALOG_NO_INDICATORS.format(codes=", ".join(unknown)))
            lists[name] = tuple(codes)
        rules[code] = Rule(code, severity, rule.template, rule.stage, rule.applies_to, params,
                           lists["indicators"], lists["exclude"])
    return rules


def _check_parent_cycles(check: _Checker, indicators: dict[str, Indicator]) -> None:
    for ind in indicators.values():
        seen = {ind.code}
        parent = ind.parent
        while parent and parent in indicators:
            if parent in seen:
                check.fail(CATALOG_AT_INDICATOR.format(code=ind.code), "parent", CATALOG_PARENT_CYCLE)
                break
            seen.add(parent)
            parent = indicators[parent].parent


DEFAULT_CATALOG = DEFAULT_TEMPLATES / "catalog.toml"


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Load and check the catalog at ``path`` (default: the one built into the package)."""
    target = Path(path) if path else DEFAULT_CATALOG
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise CatalogError(str(target), [CATALOG_UNREADABLE.format(reason=exc.strerror)], CATALOG_INVALID) from exc
    try:
        text = data.decode("utf-8-sig")  # a byte order mark, as Notepad writes, is welcome
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(str(target), [CATALOG_NOT_UTF8.format(line=line)], CATALOG_INVALID) from exc
    return parse_catalog(text, str(target))
