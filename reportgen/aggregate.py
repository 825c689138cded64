"""Aggregation: from stored months to the figures a report states.

One rule per kind says what the value of an indicator is over any span of
months of one year (:meth:`Aggregator.span`); the month, the quarter to date,
the year to date and their counterparts a year earlier are all spans, and
every comparison (DESIGN.md §5) is computed from those unrounded values.
Nothing here formats text: see :mod:`reportgen.wording`.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Any

from .catalog import Catalog, Indicator, Plan, Target, asked_in
from .periods import Period
from .store import Observed

HUNDRED = Decimal(100)

Values = Mapping[tuple[str, Period, str], Observed]


@dataclass(frozen=True)
class Amount:
    """A figure and whether any month it rests on is still an estimate."""

    value: Decimal
    estimate: bool


def change(current: Amount | None, base: Amount | None) -> Decimal | None:
    """Percent change ``current / base − 1``, unrounded; ``None`` if either is missing."""
    if current is None or base is None or base.value == 0:
        return None
    return (current.value / base.value - 1) * HUNDRED


def ratio(part: Amount | None, whole: Decimal | Amount | None) -> Decimal | None:
    """``part / whole`` in percent, unrounded."""
    base = whole.value if isinstance(whole, Amount) else whole
    if part is None or base is None or base == 0:
        return None
    return part.value / base * HUNDRED


@dataclass(frozen=True)
class Figures:
    """Everything the report can say about one indicator for one month."""

    indicator: Indicator
    period: Period
    month: Amount | None
    prev_month: Amount | None
    month_ly: Amount | None
    qtd: Amount | None
    qtd_ly: Amount | None
    ytd: Amount | None
    ytd_ly: Amount | None
    plan: Plan | None

    @property
    def is_index(self) -> bool:
        return self.indicator.kind == "index"

    @property
    def mom(self) -> Decimal | None:
        """Change of the month against the previous month, in percent."""
        return None if self.is_index else change(self.month, self.prev_month)

    @property
    def yoy_month(self) -> Decimal | None:
        return None if self.is_index else change(self.month, self.month_ly)

    @property
    def yoy_qtd(self) -> Decimal | None:
        return None if self.is_index else change(self.qtd, self.qtd_ly)

    @property
    def yoy_ytd(self) -> Decimal | None:
        return None if self.is_index else change(self.ytd, self.ytd_ly)

    @property
    def index_month(self) -> Decimal | None:
        """For an index reported per period: the month's index minus 100."""
        return self.month.value - HUNDRED if self.is_index and self.month else None

    @property
    def index_ytd(self) -> Decimal | None:
        return self.ytd.value - HUNDRED if self.is_index and self.ytd else None

    @property
    def plan_ratio(self) -> Decimal | None:
        """Year to date against the annual plan, in percent (a level: the value at the month)."""
        if self.plan is None or isinstance(self.plan, tuple):
            return None
        return ratio(self.ytd, self.plan)

    @property
    def estimate(self) -> bool:
        """Whether the month's own figure is still an estimate ("ước")."""
        shown = self.month or self.ytd
        return bool(shown and shown.estimate)


class Aggregator:
    """Computes :class:`Figures` from the current stored values."""

    def __init__(self, catalog: Catalog, values: Values) -> None:
        self.catalog = catalog
        self.values = values

    def _observed(self, code: str, year: int, month: int, basis: str) -> Amount | None:
        found = self.values.get((code, Period(year, month), basis))
        return None if found is None else Amount(found.value, found.estimate)

    def span(self, ind: Indicator, year: int, first: int, last: int) -> Amount | None:
        """The indicator's value over months ``first..last`` of ``year``, by its kind."""
        if ind.kind == "derived":
            return self._derived(ind, lambda code: self.span(self.catalog.indicators[code], year, first, last))
        if ind.frequency != "monthly":
            if first == 1 and asked_in(ind.frequency, last):
                return self._observed(ind.code, year, last, "ytd")
            return None
        if ind.kind == "flow":
            return _total([self._observed(ind.code, year, m, "month") for m in range(first, last + 1)])
        if ind.kind == "stock":
            return self._observed(ind.code, year, last, "month")
        if ind.kind == "average":
            months = [self._observed(ind.code, year, m, "month") for m in range(first, last + 1)]
            total = _total(months)
            return None if total is None else Amount(total.value / len(months), total.estimate)
        if ind.kind == "cumulative":
            end = self._observed(ind.code, year, last, "ytd")
            if first == 1:
                return end
            start = self._observed(ind.code, year, first - 1, "ytd")
            if end is None or start is None:
                return None
            return Amount(end.value - start.value, end.estimate or start.estimate)
        # index: reported per period, never computed from months
        if first == last:
            return self._observed(ind.code, year, last, "month") or (
                self._observed(ind.code, year, last, "ytd") if first == 1 else None
            )
        if first == 1:
            return self._observed(ind.code, year, last, "ytd")
        return None

    def _derived(self, ind: Indicator, value_of: Callable[[str], Amount | None]) -> Amount | None:
        inputs = {code: value_of(code) for code in ind.formula_names()}
        if any(v is None for v in inputs.values()):
            return None
        assert ind.formula is not None
        try:
            result = _evaluate(ind.formula, {k: v.value for k, v in inputs.items() if v})
        except (ZeroDivisionError, DivisionByZero, InvalidOperation):
            return None
        return Amount(result, any(v.estimate for v in inputs.values() if v))

    def figures(self, ind: Indicator, period: Period) -> Figures:
        y, m, q = period.year, period.month, period.quarter_start
        return Figures(
            indicator=ind,
            period=period,
            month=self.span(ind, y, m, m),
            prev_month=self.span(ind, period.previous.year, period.previous.month, period.previous.month),
            month_ly=self.span(ind, y - 1, m, m),
            qtd=self.span(ind, y, q, m),
            qtd_ly=self.span(ind, y - 1, q, m),
            ytd=self.span(ind, y, 1, m),
            ytd_ly=self.span(ind, y - 1, 1, m),
            plan=ind.plan(y),
        )

    def all_figures(self, period: Period) -> dict[str, Figures]:
        return {code: self.figures(ind, period) for code, ind in self.catalog.indicators.items()}


def compute_figures(catalog: Catalog, values: Values, period: Period) -> dict[str, Figures]:
    """Figures of every catalog indicator for the period."""
    return Aggregator(catalog, values).all_figures(period)


def figures_record(fig: Figures) -> dict[str, Any]:
    """A flat, JSON-ready record of one indicator's figures (decimals as exact strings)."""

    def text(value: Amount | Decimal | Plan | None) -> Any:
        if value is None:
            return None
        if isinstance(value, Amount):
            return str(value.value)
        if isinstance(value, tuple):
            return [str(v) for v in value]
        return str(value)

    ind = fig.indicator
    return {
        "code": ind.code,
        "name": ind.name,
        "unit": ind.unit,
        "kind": ind.kind,
        "period": str(fig.period),
        "month": text(fig.month),
        "estimate": fig.estimate,
        "prev_month": text(fig.prev_month),
        "month_last_year": text(fig.month_ly),
        "quarter_to_date": text(fig.qtd),
        "quarter_to_date_last_year": text(fig.qtd_ly),
        "year_to_date": text(fig.ytd),
        "year_to_date_last_year": text(fig.ytd_ly),
        "plan": text(fig.plan),
        "change_vs_prev_month": text(fig.mom),
        "change_vs_same_month_last_year": text(fig.yoy_month),
        "change_quarter_vs_last_year": text(fig.yoy_qtd),
        "change_ytd_vs_last_year": text(fig.yoy_ytd),
        "index_month_minus_100": text(fig.index_month),
        "index_ytd_minus_100": text(fig.index_ytd),
        "percent_of_plan": text(fig.plan_ratio),
    }


def _total(amounts: list[Amount | None]) -> Amount | None:
    if not amounts or any(a is None for a in amounts):
        return None
    present = [a for a in amounts if a is not None]
    return Amount(sum((a.value for a in present), Decimal(0)), any(a.estimate for a in present))


_OPERATORS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def _evaluate(formula: str, names: Mapping[str, Decimal]) -> Decimal:
    """Evaluate a catalog formula (already checked to hold only + - * / names numbers)."""

    def walk(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.BinOp):
            return Decimal(_OPERATORS[type(node.op)](walk(node.left), walk(node.right)))
        if isinstance(node, ast.UnaryOp):
            return -walk(node.operand)
        if isinstance(node, ast.Name):
            return names[node.id]
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value))
        raise ValueError(f"unsupported formula node {type(node).__name__}")

    return walk(ast.parse(formula, mode="eval"))


# Key targets ------------------------------------------------------------

EXCEEDED, MET, MISSED = "exceeded", "met", "missed"


def assess(direction: str, actual: Decimal, plan: Plan) -> str | None:
    """Judge one figure against its target by the target's direction.

    ``higher``: above the plan exceeds it, equal meets it; ``lower`` the
    reverse; ``at_least`` / ``at_most`` are thresholds that can only be met
    or missed; ``range`` is met inside ``[low, high]`` and exceeded above it.
    ``none`` is not assessed.
    """
    if direction == "range" and isinstance(plan, tuple):
        low, high = plan
        return MISSED if actual < low else EXCEEDED if actual > high else MET
    if isinstance(plan, tuple):
        return None
    if direction == "higher":
        return EXCEEDED if actual > plan else MET if actual == plan else MISSED
    if direction == "lower":
        return EXCEEDED if actual < plan else MET if actual == plan else MISSED
    if direction == "at_least":
        return MET if actual >= plan else MISSED
    if direction == "at_most":
        return MET if actual <= plan else MISSED
    return None


def combine(results: list[str]) -> str | None:
    """A composite target: any missed part misses it; else any exceeded part exceeds it."""
    if not results:
        return None
    if MISSED in results:
        return MISSED
    return EXCEEDED if EXCEEDED in results else MET


@dataclass(frozen=True)
class TargetResult:
    target: Target
    parts: tuple[tuple[Figures, str | None], ...]

    @property
    def status(self) -> str | None:
        return combine([r for _, r in self.parts if r is not None])


def evaluate_targets(catalog: Catalog, figures: Mapping[str, Figures]) -> list[TargetResult]:
    """Each key target with its parts judged on the year to date against the plan."""
    results = []
    for target in catalog.targets:
        parts = []
        for code in target.indicators:
            fig = figures[code]
            plan = fig.plan
            judged = None
            if fig.ytd is not None and plan is not None:
                judged = assess(fig.indicator.direction, fig.ytd.value, plan)
            parts.append((fig, judged))
        results.append(TargetResult(target, tuple(parts)))
    return results
