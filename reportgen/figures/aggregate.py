"""Aggregation: from stored months to the figures a report states.

One rule per kind says what the value of an indicator is over any span of
months of one year (:meth:`Aggregator.span`); the month, the quarter to date,
the year to date and their counterparts a year earlier are all spans, and
every comparison (DESIGN.md §5) is computed from those unrounded values.
Every :class:`Amount` carries the ids of the stored rows it was computed
from, so any figure can be traced to the submissions behind it. Nothing here
formats text: see :mod:`reportgen.report.wording`.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Any

from ..catalog import Catalog, Indicator, Plan, asked_in
from ..catalog.model import parsed_formula
from ..model import Basis, Frequency, Kind, Period, Values

HUNDRED = Decimal(100)

SPANS = ("month", "prev_month", "month_ly", "qtd", "qtd_ly", "ytd", "ytd_ly")
"""The spans :class:`Figures` holds for a reporting month, in the order they are listed."""


@dataclass(frozen=True)
class Amount:
    """A figure, whether any month it rests on is still an estimate, and the stored rows it came from."""

    value: Decimal
    estimate: bool
    sources: tuple[int, ...] = ()


def _sources(amounts: Iterable[Amount]) -> tuple[int, ...]:
    return tuple(sorted({s for a in amounts for s in a.sources}))


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
        return self.indicator.kind == Kind.INDEX

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

    def span(self, name: str) -> Amount | None:
        """One of :data:`SPANS` by name."""
        if name not in SPANS:
            raise KeyError(name)
        value: Amount | None = getattr(self, name)
        return value

    def comparisons(self) -> dict[str, Decimal | None]:
        """Every comparison the report can state, unrounded, by name."""
        return {
            "mom": self.mom,
            "yoy_month": self.yoy_month,
            "yoy_qtd": self.yoy_qtd,
            "yoy_ytd": self.yoy_ytd,
            "index_month": self.index_month,
            "index_ytd": self.index_ytd,
            "plan_ratio": self.plan_ratio,
        }


class Aggregator:
    """Computes :class:`Figures` from the current stored values."""

    def __init__(self, catalog: Catalog, values: Values) -> None:
        self.catalog = catalog
        self.values = values
        # each value as the amount it is, by (indicator, year, month, basis as text): looked up many times over
        self._amounts = {
            (code, period.year, period.month, str(basis)): Amount(found.value, found.estimate,
                                                                  (found.id,) if found.id else ())
            for (code, period, basis), found in values.items()
        }

    def _observed(self, code: str, year: int, month: int, basis: Basis) -> Amount | None:
        return self._amounts.get((code, year, month, basis.value))

    def span(self, ind: Indicator, year: int, first: int, last: int) -> Amount | None:
        """The indicator's value over months ``first..last`` of ``year``, by its kind."""
        if ind.kind == Kind.DERIVED:
            return self._derived(ind, lambda code: self.span(self.catalog.indicators[code], year, first, last))
        if ind.frequency != Frequency.MONTHLY:
            if first == 1 and asked_in(ind.frequency, last):
                return self._observed(ind.code, year, last, Basis.YTD)
            return None
        if ind.kind == Kind.FLOW:
            return _total([self._observed(ind.code, year, m, Basis.MONTH) for m in range(first, last + 1)])
        if ind.kind == Kind.STOCK:
            return self._observed(ind.code, year, last, Basis.MONTH)
        if ind.kind == Kind.AVERAGE:
            months = [self._observed(ind.code, year, m, Basis.MONTH) for m in range(first, last + 1)]
            total = _total(months)
            return None if total is None else Amount(total.value / len(months), total.estimate, total.sources)
        if ind.kind == Kind.CUMULATIVE:
            end = self._observed(ind.code, year, last, Basis.YTD)
            if first == 1:
                return end
            start = self._observed(ind.code, year, first - 1, Basis.YTD)
            if end is None or start is None:
                return None
            return Amount(end.value - start.value, end.estimate or start.estimate, _sources((start, end)))
        # index: reported per period, never computed from months
        if first == last:
            return self._observed(ind.code, year, last, Basis.MONTH) or (
                self._observed(ind.code, year, last, Basis.YTD) if first == 1 else None
            )
        if first == 1:
            return self._observed(ind.code, year, last, Basis.YTD)
        return None

    def _derived(self, ind: Indicator, value_of: Callable[[str], Amount | None]) -> Amount | None:
        inputs = {code: value_of(code) for code in ind.formula_names()}
        present = {code: amount for code, amount in inputs.items() if amount is not None}
        if len(present) != len(inputs):
            return None
        assert ind.formula is not None
        try:
            result = _evaluate(ind.formula, {code: amount.value for code, amount in present.items()})
        except (ZeroDivisionError, DivisionByZero, InvalidOperation):
            return None
        return Amount(result, any(a.estimate for a in present.values()), _sources(present.values()))

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


def values_span(period: Period) -> tuple[Period, Period]:
    """The months of stored values a period's figures rest on: from January of the year before."""
    return Period(period.year - 1, 1), period


Reads = list[tuple[Period, Period, frozenset[str] | None]]
"""Spans of months to read, each with the indicators to read in it (None: every one)."""


def figure_reads(period: Period, charted: Iterable[Indicator] = ()) -> Reads:
    """The stored months the period's :class:`Figures` rest on, and those the charts of ``charted`` also draw.

    The figures read this year's months to the period and the same months a
    year earlier (:meth:`Aggregator.figures`); in January, the previous
    month is December, whose cumulative figure is the difference of
    November's and December's. A chart draws the whole of last year
    (:func:`~reportgen.figures.series.chart_series`): its indicator, or a
    derived one's operands, is read there too. Fewer rows than
    :func:`values_span`, and the same figures.
    """
    year, month = period.year, period.month
    if month == 12:
        return [(Period(year - 1, 1), period, None)]
    reads: Reads = [(Period(year - 1, 1), Period(year - 1, month), None), (Period(year, 1), period, None)]
    if month == 1:
        reads.append((Period(year - 1, 11), Period(year - 1, 12), None))
    codes = frozenset(code for ind in charted for code in (ind.formula_names() or [ind.code]))
    if codes:
        reads.append((Period(year - 1, month + 1), Period(year - 1, 12), codes))
    return reads


def compute_figures(catalog: Catalog, values: Values, period: Period) -> dict[str, Figures]:
    """Figures of every catalog indicator for the period, from stored values."""
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
        "kind": str(ind.kind),
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
    present = [a for a in amounts if a is not None]
    if not amounts or len(present) != len(amounts):
        return None
    if len(present) == 1:  # its sources are sorted and distinct already
        only = present[0]
        return Amount(Decimal(0) + only.value, only.estimate, only.sources)
    return Amount(sum((a.value for a in present), Decimal(0)), any(a.estimate for a in present), _sources(present))


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

    return walk(parsed_formula(formula))

