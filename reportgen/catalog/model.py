"""The indicator catalog as values: departments, report sections, indicators, key targets.

The catalog is a TOML file planning staff read and edit (see the template
guide); :mod:`reportgen.catalog.load` checks it and builds these values.

Kinds decide how months combine into longer periods (DESIGN.md §4):

``flow``        additive; a period is the sum of its months
``stock``       a level at the month's end; a period is its last month
``average``     a period is the mean of its months (CPI)
``cumulative``  reported "to date"; a month is the difference of two dates
``index``       reported per period by the department (IIP growth)
``derived``     a formula over other indicators of the same period
"""

from __future__ import annotations

import ast
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from ..messages import COUNT_UNITS, PLAN_LABEL
from ..model import Direction, Frequency, Kind, Period
from .rules import RULES, Rule

KINDS = tuple(Kind)
FREQUENCIES = tuple(Frequency)
DIRECTIONS = tuple(Direction)

TASKS_SECTION = "tasks.next_month"

Plan = Decimal | tuple[Decimal, Decimal]


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    deadline_day: int
    sections: tuple[str, ...] = ()
    """Sections whose narrative this department writes, besides its indicators' ones."""

    def deadline(self, period: Period) -> dt.date:
        """The department's deadline in the reporting month (clamped to the month's end)."""
        for candidate in range(self.deadline_day, 27, -1):
            try:
                return dt.date(period.year, period.month, candidate)
            except ValueError:
                continue
        return dt.date(period.year, period.month, min(self.deadline_day, 28))


@dataclass(frozen=True)
class Section:
    """A place in the report's numbered body where figures and text go."""

    code: str
    title: str
    order: int


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    department: str
    section: str
    frequency: Frequency
    decimals: int
    kind: Kind
    parent: str | None = None
    plans: dict[int, Plan] = field(default_factory=dict)
    plan_label: str = PLAN_LABEL
    formula: str | None = None
    non_negative: bool = True
    direction: Direction = Direction.NONE
    maximum: Decimal | None = None
    sum_of_parts: bool = False
    order: int = 0

    @property
    def is_count(self) -> bool:
        return self.decimals == 0 and self.unit in COUNT_UNITS

    @property
    def on_form(self) -> bool:
        """Derived figures are computed, never asked of a department."""
        return self.kind != Kind.DERIVED

    def plan(self, year: int) -> Plan | None:
        return self.plans.get(year)

    def formula_names(self) -> list[str]:
        """Indicator codes a derived formula reads, in order of appearance."""
        return list(_formula_operands(self.formula)) if self.formula else []


@lru_cache(maxsize=4096)
def parsed_formula(formula: str) -> ast.Expression:
    """A formula's syntax tree, read once: a report evaluates each derived indicator's formula for every span."""
    return ast.parse(formula, mode="eval")


@lru_cache(maxsize=4096)
def _formula_operands(formula: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n.id for n in ast.walk(parsed_formula(formula)) if isinstance(n, ast.Name)))


@dataclass(frozen=True)
class Target:
    """A key target of the year (chỉ tiêu chủ yếu), evaluated in December."""

    number: int
    name: str
    group: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class ReportSettings:
    """What a city's reports say about their issuer: the ``[report]`` table of the catalog.

    ``charts`` lists the indicators drawn in the charts appendix, in order.
    """

    place: str = ""
    issuer_parent: str = ""
    issuer: str = ""
    issuer_short: str = ""
    issuer_name: str = ""
    signer_title: str = ""
    recipients: tuple[str, ...] = ()
    charts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    version: str
    departments: dict[str, Department]
    sections: dict[str, Section]
    indicators: dict[str, Indicator]
    targets: tuple[Target, ...]
    digest: str
    rules: dict[str, Rule] = field(default_factory=lambda: dict(RULES))
    report: ReportSettings = field(default_factory=ReportSettings)

    def indicators_of(self, department: str) -> list[Indicator]:
        """The department's indicators in catalog order."""
        return [i for i in self.indicators.values() if i.department == department]

    def form_indicators(self, department: str, month: int) -> list[Indicator]:
        """Rows of the department's form for a month of the given number.

        Quarterly indicators are asked in quarter-end months, yearly ones in
        December; derived ones never.
        """
        return [
            i
            for i in self.indicators_of(department)
            if i.on_form and asked_in(i.frequency, month)
        ]

    def narrative_sections(self, department: str) -> list[Section]:
        """Sections the department writes about, in report order; always ends with next month's tasks."""
        codes = {i.section for i in self.indicators_of(department) if not i.section.startswith("key.")}
        codes |= set(self.departments[department].sections)
        codes.add(TASKS_SECTION)
        return [s for s in self.sections.values() if s.code in codes]

    def children(self, code: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.parent == code]

    def in_section(self, section: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.section == section]


def asked_in(frequency: str, month: int) -> bool:
    """Whether an indicator of this frequency is reported in this month."""
    if frequency == Frequency.QUARTERLY:
        return month % 3 == 0
    if frequency == Frequency.YEARLY:
        return month == 12
    return True
