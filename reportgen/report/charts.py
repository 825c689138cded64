"""Charts for the report's second appendix: this year's months against last year's.

Drawn with matplotlib (Agg, no screen) as PNG at print resolution. The PNG
carries no timestamp or version text, so the same figures give the same
bytes, and the report stays byte-identical between builds. Each chart is a
figure of its own, outside pyplot's list of open figures (nothing to close),
laid out once before it is saved.
"""

from __future__ import annotations

import io
from decimal import Decimal

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..figures import ChartSeries
from ..messages import CHART_CUMULATIVE, CHART_MONTH, CHART_MONTHLY, CHART_TITLE, CHART_YEAR
from ..numbers import format_number

DPI = 200
SIZE_CM = (24.0, 7.0)
THIS_YEAR_COLOR = "#1f4e79"
LAST_YEAR_COLOR = "#a6a6a6"


def chart_png(series: ChartSeries) -> bytes:
    """A bar chart of this year's months beside last year's, as PNG bytes."""
    months = list(range(1, 13))
    width = 0.4
    figure = Figure(figsize=(SIZE_CM[0] / 2.54, SIZE_CM[1] / 2.54), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    last = [float(v) if v is not None else 0.0 for v in series.last_year]
    this = [float(v) if v is not None else 0.0 for v in series.this_year]
    axes.bar([m - width / 2 for m in months], last, width, color=LAST_YEAR_COLOR,
             label=CHART_YEAR.format(year=series.year - 1))
    axes.bar([m + width / 2 for m in months[: len(this)]], this, width, color=THIS_YEAR_COLOR,
             label=CHART_YEAR.format(year=series.year))
    axes.set_xticks(months, [CHART_MONTH.format(month=m) for m in months])
    decimals = 0 if max(last + this + [0.0]) >= 100 else series.indicator.decimals
    axes.yaxis.set_major_formatter(FuncFormatter(
        lambda value, _pos: format_number(Decimal(str(round(value, 6))), decimals)))
    basis = CHART_CUMULATIVE if series.cumulative else CHART_MONTHLY
    axes.set_title(CHART_TITLE.format(name=series.indicator.name, unit=series.indicator.unit, basis=basis),
                   fontsize=9)
    axes.tick_params(labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=8, frameon=False)
    figure.tight_layout()
    # tight_layout leaves a placeholder engine behind, which makes savefig draw the whole figure once more
    # before drawing it for the PNG: the layout is done, so the figure is saved without one.
    figure.set_layout_engine(None)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()
