"""Monthly series of one indicator: this year's months against last year's, as the charts draw them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..catalog import Indicator
from ..model import Kind, Period
from .aggregate import Aggregator


@dataclass(frozen=True)
class ChartSeries:
    """Monthly points of one indicator for a year and the year before (``None`` where a month is missing)."""

    indicator: Indicator
    year: int
    this_year: tuple[Decimal | None, ...]
    last_year: tuple[Decimal | None, ...]

    @property
    def cumulative(self) -> bool:
        """Whether each point is the value to date (a cumulative indicator) rather than the month's."""
        return self.indicator.kind == Kind.CUMULATIVE


def chart_series(aggregator: Aggregator, ind: Indicator, period: Period) -> ChartSeries:
    """Months 1..12 of last year and 1..current month of this year (to date for cumulative figures)."""

    def point(year: int, month: int) -> Decimal | None:
        first = 1 if ind.kind == Kind.CUMULATIVE else month
        amount = aggregator.span(ind, year, first, month)
        return None if amount is None else amount.value

    this_year = tuple(point(period.year, m) for m in range(1, period.month + 1))
    last_year = tuple(point(period.year - 1, m) for m in range(1, 13))
    return ChartSeries(ind, period.year, this_year, last_year)
