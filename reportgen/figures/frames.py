"""Figures as pandas DataFrames, for planners' scripts and notebooks.

:func:`figures_frame` gives one row per indicator for a month, with every
span and comparison; :func:`series_frame` gives the stored monthly values of
chosen indicators with their status (estimate or final). Figures stay exact:
columns of numbers hold :class:`~decimal.Decimal` values (``object`` dtype),
never floats; call ``.astype(float)`` where a plot needs floats.

    >>> from reportgen import Period, Store, load_catalog, figures_frame
    >>> with Store.open("outputs/demo.sqlite") as store:
    ...     df = figures_frame(load_catalog(), store, Period(2023, 3))
    >>> df.loc["retail_sales", "ytd"]
    Decimal('28684.031')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..catalog import Catalog
from ..model import Period
from ..store import Reader
from .aggregate import SPANS, Amount, Figures, compute_figures, values_span

if TYPE_CHECKING:  # pandas takes a while to import: only when a frame is made
    import pandas as pd

COMPARISONS = ("mom", "yoy_month", "yoy_qtd", "yoy_ytd", "index_month", "index_ytd", "plan_ratio")
FIGURE_COLUMNS = ("name", "unit", "kind", "estimate", *SPANS, "plan", *COMPARISONS)
"""Columns of :func:`figures_frame`, in order (the index is the indicator code)."""

SERIES_COLUMNS = ("indicator", "period", "basis", "value", "status", "observation")
"""Columns of :func:`series_frame`, in order."""


def period_figures(catalog: Catalog, store: Reader, period: Period) -> dict[str, Figures]:
    """Every indicator's figures for the month, from the values stored now."""
    return compute_figures(catalog, store.current_values(*values_span(period)), period)


def _value(amount: Amount | None) -> Any:
    return None if amount is None else amount.value


def frame_of(figures: Iterable[Figures]) -> pd.DataFrame:
    """Figures already computed, as a DataFrame indexed by indicator code."""
    import pandas as pd

    rows = []
    for fig in figures:
        ind = fig.indicator
        plan = fig.plan
        row: dict[str, Any] = {
            "code": ind.code, "name": ind.name, "unit": ind.unit, "kind": str(ind.kind),
            "estimate": fig.estimate,
        }
        row.update({name: _value(fig.span(name)) for name in SPANS})
        row["plan"] = f"{plan[0]} - {plan[1]}" if isinstance(plan, tuple) else plan
        row.update(fig.comparisons())
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["code", *FIGURE_COLUMNS], dtype=object)
    frame["estimate"] = frame["estimate"].astype(bool)
    return frame.set_index("code")


def figures_frame(catalog: Catalog, store: Reader, period: Period) -> pd.DataFrame:
    """One row per indicator for ``period``: every span, the plan and every comparison, as exact decimals."""
    return frame_of(period_figures(catalog, store, period).values())


def series_frame(store: Reader, indicators: Iterable[str], first: Period, last: Period) -> pd.DataFrame:
    """The stored values that count for each indicator and month from ``first`` to ``last``.

    One row per indicator, month and basis (``month`` or ``ytd``), sorted;
    ``period`` is a monthly :class:`pandas.Period`, ``status`` is
    ``estimate`` or ``final`` and ``observation`` the stored row's id.
    """
    import pandas as pd

    codes = list(indicators)
    values = store.current_values(first, last, codes)
    rows = [
        {"indicator": code, "period": pd.Period(str(period), freq="M"), "basis": str(basis),
         "value": observed.value, "status": str(observed.status), "observation": observed.id}
        for (code, period, basis), observed in sorted(values.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2]))
    ]
    frame = pd.DataFrame(rows, columns=list(SERIES_COLUMNS))
    frame["value"] = frame["value"].astype(object)
    return frame
