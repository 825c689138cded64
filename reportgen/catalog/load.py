"""Loading the catalog: every entry checked, every problem reported at once.

:func:`load_catalog` reads a TOML file and :func:`parse_catalog` its text;
either raises :class:`~reportgen.errors.CatalogError` listing each bad entry
and field in Vietnamese.
"""

from __future__ import annotations

import ast
import hashlib
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import CatalogError
from ..files import DEFAULT_TEMPLATES
from .model import (
    DIRECTIONS, FREQUENCIES, KINDS, TARGET_GROUPS, Catalog, Department, Indicator, Plan, ReportSettings, Section,
    Target,
)
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
        self.problems.append(f"{where}, trường '{fieldname}': {message}")

    def text(self, raw: dict[str, Any], where: str, name: str, required: bool = True) -> str:
        value = raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(where, name, "thiếu giá trị")
            return ""
        if not isinstance(value, str):
            self.fail(where, name, "phải là chuỗi ký tự")
            return ""
        return value.strip()

    def integer(self, raw: dict[str, Any], where: str, name: str, low: int, high: int,
                default: int | None = None) -> int:
        value = raw.get(name, default)
        if value is None:
            self.fail(where, name, "thiếu giá trị")
            return low
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, name, "phải là số nguyên")
            return low
        if not low <= value <= high:
            self.fail(where, name, f"phải từ {low} đến {high}, đang là {value}")
            return low
        return value

    def choice(self, raw: dict[str, Any], where: str, name: str, options: tuple[str, ...],
               default: str | None = None) -> str:
        value = raw.get(name, default)
        if value not in options:
            self.fail(where, name, f"'{value}' không hợp lệ; chọn một trong: {', '.join(options)}")
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
        check.fail(where, "plans", "phải là bảng năm = giá trị, ví dụ { 2023 = 125752 }")
        return {}
    plans: dict[int, Plan] = {}
    for year_text, value in table.items():
        if not str(year_text).isdigit() or not 2000 <= int(year_text) <= 2100:
            check.fail(where, "plans", f"năm '{year_text}' không hợp lệ")
            continue
        if isinstance(value, list):
            bounds = [_number(v) for v in value]
            if len(bounds) != 2 or None in bounds or bounds[0] > bounds[1]:  # type: ignore[operator]
                check.fail(where, "plans", f"khoảng kế hoạch năm {year_text} phải là [thấp, cao]")
                continue
            plans[int(year_text)] = (bounds[0], bounds[1])  # type: ignore[assignment]
        else:
            number = _number(value)
            if number is None:
                check.fail(where, "plans", f"kế hoạch năm {year_text} phải là số")
                continue
            plans[int(year_text)] = number
    return plans


def _check_formula(check: _Checker, where: str, formula: str) -> None:
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError:
        check.fail(where, "formula", f"công thức '{formula}' sai cú pháp")
        return
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_FORMULA_NODES):
            check.fail(where, "formula", "chỉ được dùng mã chỉ tiêu, số và các phép + - * /")
            return


def parse_catalog(text: str, source: str = "catalog.toml") -> Catalog:
    """Build a :class:`Catalog` from TOML text, or raise :class:`CatalogError`."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(source, [f"lỗi cú pháp TOML: {exc}"]) from exc
    check = _Checker()
    version = check.text(raw, "Danh mục", "version")

    departments: dict[str, Department] = {}
    for n, entry in enumerate(raw.get("department", []), start=1):
        where = f"Đơn vị thứ {n} ({entry.get('code', '?')})"
        code = check.text(entry, where, "code")
        if code in departments:
            check.fail(where, "code", f"mã '{code}' bị trùng")
        narrative_sections = entry.get("sections", [])
        if not isinstance(narrative_sections, list) or not all(isinstance(s, str) for s in narrative_sections):
            check.fail(where, "sections", "phải là danh sách mã mục, ví dụ [\"social.health\"]")
            narrative_sections = []
        departments[code] = Department(
            code=code,
            name=check.text(entry, where, "name"),
            deadline_day=check.integer(entry, where, "deadline_day", 1, 31),
            sections=tuple(narrative_sections),
        )

    sections: dict[str, Section] = {}
    for n, entry in enumerate(raw.get("section", []), start=1):
        where = f"Mục thứ {n} ({entry.get('code', '?')})"
        code = check.text(entry, where, "code")
        if code in sections:
            check.fail(where, "code", f"mã '{code}' bị trùng")
        sections[code] = Section(code=code, title=check.text(entry, where, "title"), order=n)

    indicators: dict[str, Indicator] = {}
    for n, entry in enumerate(raw.get("indicator", []), start=1):
        where = f"Chỉ tiêu '{entry.get('code', f'thứ {n}')}'"
        code = check.text(entry, where, "code")
        if code and not code.isidentifier():
            check.fail(where, "code", "chỉ gồm chữ không dấu, số và dấu gạch dưới, không bắt đầu bằng số")
        if code in indicators:
            check.fail(where, "code", f"mã '{code}' bị trùng")
        department = check.text(entry, where, "department")
        if department and department not in departments:
            check.fail(where, "department", f"không có đơn vị mã '{department}'")
        section = check.text(entry, where, "section")
        if section and section not in sections:
            check.fail(where, "section", f"không có mục mã '{section}'")
        kind = check.choice(entry, where, "kind", KINDS)
        formula = check.text(entry, where, "formula", required=kind == "derived") or None
        if formula:
            if kind != "derived":
                check.fail(where, "formula", "chỉ chỉ tiêu loại 'derived' mới có công thức")
            _check_formula(check, where, formula)
        maximum = None
        if "max" in entry:
            maximum = _number(entry["max"])
            if maximum is None:
                check.fail(where, "max", "phải là số")
        sum_of_parts = entry.get("sum_of_parts", False)
        if not isinstance(sum_of_parts, bool):
            check.fail(where, "sum_of_parts", "phải là true hoặc false")
            sum_of_parts = False
        non_negative = entry.get("non_negative", True)
        if not isinstance(non_negative, bool):
            check.fail(where, "non_negative", "phải là true hoặc false")
            non_negative = True
        indicators[code] = Indicator(
            code=code,
            name=check.text(entry, where, "name"),
            unit=check.text(entry, where, "unit"),
            department=department,
            section=section,
            frequency=check.choice(entry, where, "frequency", FREQUENCIES, "monthly"),
            decimals=check.integer(entry, where, "decimals", 0, 6),
            kind=kind,
            parent=check.text(entry, where, "parent", required=False) or None,
            plans=_plans(check, entry, where),
            plan_label=check.text(entry, where, "plan_label", required=False) or "KH",
            formula=formula,
            non_negative=non_negative,
            direction=check.choice(entry, where, "direction", DIRECTIONS, "none"),
            maximum=maximum,
            sum_of_parts=sum_of_parts,
            order=n,
        )

    for dept in departments.values():
        for section in dept.sections:
            if section not in sections:
                check.fail(f"Đơn vị '{dept.code}'", "sections", f"không có mục mã '{section}'")

    for ind in indicators.values():
        where = f"Chỉ tiêu '{ind.code}'"
        if ind.parent and ind.parent not in indicators:
            check.fail(where, "parent", f"không có chỉ tiêu mã '{ind.parent}'")
        elif ind.parent and indicators[ind.parent].unit != ind.unit and ind.kind != "derived":
            check.fail(where, "parent", f"đơn vị '{ind.unit}' khác đơn vị của chỉ tiêu cha "
                                        f"'{indicators[ind.parent].unit}'")
        for name in ind.formula_names():
            if name not in indicators:
                check.fail(where, "formula", f"công thức dùng mã '{name}' không có trong danh mục")
            elif indicators[name].kind == "derived":
                check.fail(where, "formula", f"công thức không được dùng chỉ tiêu tính toán '{name}'")
        if ind.direction == "range" and any(not isinstance(p, tuple) for p in ind.plans.values()):
            check.fail(where, "plans", "hướng 'range' cần kế hoạch dạng [thấp, cao]")
        if ind.direction != "range" and any(isinstance(p, tuple) for p in ind.plans.values()):
            check.fail(where, "direction", "kế hoạch dạng khoảng cần hướng 'range'")
    _check_parent_cycles(check, indicators)

    targets: list[Target] = []
    numbers: set[int] = set()
    for n, entry in enumerate(raw.get("target", []), start=1):
        where = f"Chỉ tiêu chủ yếu thứ {n}"
        number = check.integer(entry, where, "number", 1, 99)
        if number in numbers:
            check.fail(where, "number", f"số thứ tự {number} bị trùng")
        numbers.add(number)
        codes = entry.get("indicators", [])
        if not isinstance(codes, list) or not codes:
            check.fail(where, "indicators", "cần danh sách mã chỉ tiêu, ví dụ [\"grdp_growth\"]")
            codes = []
        for code in codes:
            if code not in indicators:
                check.fail(where, "indicators", f"không có chỉ tiêu mã '{code}'")
        targets.append(Target(
            number=number,
            name=check.text(entry, where, "name"),
            group=check.choice(entry, where, "group", tuple(TARGET_GROUPS)),
            indicators=tuple(codes),
        ))

    rules = _rules(check, raw.get("rule", []), indicators)
    report = _report_settings(check, raw.get("report", {}), indicators)
    if check.problems:
        raise CatalogError(source, check.problems)
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
    where = "Mục [report]"
    if not isinstance(raw, dict):
        check.fail(where, "report", "phải là một bảng")
        return ReportSettings()
    texts = {name: check.text(raw, where, name, required=False)
             for name in ("place", "issuer_parent", "issuer", "issuer_short", "issuer_name", "signer_title")}
    lists: dict[str, tuple[str, ...]] = {}
    for name in ("recipients", "charts"):
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            check.fail(where, name, "phải là danh sách chuỗi ký tự")
            value = []
        lists[name] = tuple(value)
    for code in lists["charts"]:
        if code not in indicators:
            check.fail(where, "charts", f"không có chỉ tiêu mã '{code}'")
    return ReportSettings(**texts, recipients=lists["recipients"], charts=lists["charts"])


def _rules(check: _Checker, entries: list[dict[str, Any]], indicators: dict[str, Indicator]) -> dict[str, Rule]:
    """The validation rules with the catalog's ``[[rule]]`` overrides applied."""
    rules = dict(RULES)
    for n, entry in enumerate(entries, start=1):
        code = entry.get("code")
        where = f"Quy tắc kiểm tra thứ {n} ({code})"
        if code not in RULES:
            check.fail(where, "code", f"không có quy tắc mã '{code}'")
            continue
        rule = RULES[code]
        severity = entry.get("severity", rule.severity)
        if severity not in (ERROR, WARNING):
            check.fail(where, "severity", f"'{severity}' không hợp lệ; chọn error hoặc warning")
            severity = rule.severity
        params = dict(rule.params)
        for name, value in dict(entry.get("params", {})).items():
            if name not in rule.params:
                check.fail(where, "params", f"quy tắc không có tham số '{name}'")
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                check.fail(where, "params", f"tham số '{name}' phải là số")
            else:
                params[name] = value
        lists: dict[str, tuple[str, ...]] = {}
        for name in ("indicators", "exclude"):
            codes = entry.get(name, [])
            unknown = [c for c in codes if c not in indicators]
            if unknown:
                check.fail(where, name, f"không có chỉ tiêu mã {', '.join(unknown)}")
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
                check.fail(f"Chỉ tiêu '{ind.code}'", "parent", "quan hệ cha - con bị vòng lặp")
                break
            seen.add(parent)
            parent = indicators[parent].parent


DEFAULT_CATALOG = DEFAULT_TEMPLATES / "catalog.toml"


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Load and check the catalog at ``path`` (default: the one built into the package)."""
    target = Path(path) if path else DEFAULT_CATALOG
    try:
        text = target.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(str(target), [f"không đọc được tệp: {exc.strerror}"]) from exc
    return parse_catalog(text, str(target))
