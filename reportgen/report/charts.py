"""Charts for the report's last appendix: this year's months against last year's.

Drawn with matplotlib (Agg, no screen) as PNG at print resolution, in the
look of the document around them: a serif face (Times New Roman where
installed, else Liberation Serif, which has its metrics, else DejaVu Serif,
which matplotlib ships), chosen only among fonts that have every Vietnamese
letter; the title names the indicator, its unit and both years; the axis
numbers are written as the report writes them ("10.000", "2,5"); the legend
sits below the plot, never over a bar. Every chart has the same size and
the same margins, so its plot area is the same rectangle on the page
whatever its numbers.

The PNG carries no timestamp or version text, and the font is chosen by
rule, not by matplotlib's scoring of what is installed, so the same figures
give the same bytes and the report stays byte-identical between builds.
Each chart is a figure of its own, outside pyplot's list of open figures
(nothing to close).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font
from matplotlib.ticker import FuncFormatter

from ..figures import ChartSeries
from ..messages import CHART_CUMULATIVE, CHART_MONTH, CHART_MONTHLY, CHART_TITLE, CHART_YEAR
from ..numbers import format_number

DPI = 200
SIZE_CM = (24.0, 6.8)
"""The printed size: the template places a chart 240 mm wide, so point sizes below are the printed ones."""
MARGINS_CM = {"left": 1.9, "right": 0.3, "top": 0.85, "bottom": 1.2}
"""Fixed room around the plot area: the title above, the month labels and the legend below, the numbers left."""
TITLE_PT = 10
TITLE_MIN_PT = 8
"""The smallest a long title is set in to keep it on one line; longer still, it takes two lines at this size."""
TITLE_TOP_CM = 0.25
"""From the picture's top edge to the title's."""
TWO_LINE_TITLE_TOP_CM = 0.1
"""The same for a title of two lines, which must still end above the plot."""
TEXT_PT = 9
THIS_YEAR_COLOR = "#1f4e79"
LAST_YEAR_COLOR = "#a6a6a6"
GRID_COLOR = "#d9d9d9"

SERIF_FAMILIES = ("Times New Roman", "Liberation Serif", "DejaVu Serif")
"""The faces a chart is drawn in, the first one installed with every Vietnamese letter."""
_VIETNAMESE_RANGES = ((0xC0, 0xC3), (0xC8, 0xCA), (0xCC, 0xCD), (0xD2, 0xD5), (0xD9, 0xDA), (0xDD, 0xDD),
                      (0xE0, 0xE3), (0xE8, 0xEA), (0xEC, 0xED), (0xF2, 0xF5), (0xF9, 0xFA), (0xFD, 0xFD),
                      (0x102, 0x103), (0x110, 0x111), (0x128, 0x129), (0x168, 0x169), (0x1A0, 0x1A1),
                      (0x1AF, 0x1B0), (0x1EA0, 0x1EF9), (0x2013, 0x2013))
VIETNAMESE_LETTERS = "".join(chr(c) for first, last in _VIETNAMESE_RANGES for c in range(first, last + 1))
"""Every letter with a diacritic Vietnamese writes, capital and small (and the en dash of a title's years)."""


@dataclass(frozen=True)
class ChartFont:
    """The font files a chart is drawn with: one family, regular and bold."""

    family: str
    regular: str
    bold: str


def _covers(path: str, text: str) -> bool:
    charmap = FT2Font(path).get_charmap()
    return all(ord(c) in charmap for c in text)


@cache
def chart_font() -> ChartFont:
    """The first of :data:`SERIF_FAMILIES` whose regular and bold upright files have every Vietnamese letter.

    Among several files of a family (two versions installed side by side, say)
    the first by path that has the letters is taken, so the choice never
    depends on the order matplotlib's font cache lists them in. DejaVu Serif
    ships with matplotlib: there is always one.
    """
    for family in SERIF_FAMILIES:
        found = []
        for weight in (400, 700):
            files = sorted(entry.fname for entry in font_manager.fontManager.ttflist
                           if entry.name == family and entry.style == "normal" and entry.weight == weight)
            found.append(next((f for f in files if _covers(f, VIETNAMESE_LETTERS)), None))
        regular, bold = found
        if regular is not None and bold is not None:
            return ChartFont(family, regular, bold)
    raise LookupError(f"no serif font with Vietnamese letters among {', '.join(SERIF_FAMILIES)}")


def chart_title(series: ChartSeries) -> str:
    """The chart's title: the indicator, its unit, monthly or to date, and the two years."""
    basis = CHART_CUMULATIVE if series.cumulative else CHART_MONTHLY
    return CHART_TITLE.format(name=series.indicator.name, unit=series.indicator.unit, basis=basis,
                              previous=series.year - 1, year=series.year)


def axis_number(value: float) -> str:
    """A tick's number as the report writes numbers: ``12000.0`` → ``"12.000"``, ``2.5`` → ``"2,5"``."""
    return format_number(Decimal(str(round(value, 6))), 6)


def chart_figure(series: ChartSeries) -> Figure:
    """The chart as a laid-out matplotlib figure, ready to save."""
    font = chart_font()
    text = FontProperties(fname=font.regular, size=TEXT_PT)
    title = FontProperties(fname=font.bold, size=TITLE_PT)
    width_cm, height_cm = SIZE_CM
    figure = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=DPI)
    FigureCanvasAgg(figure)
    figure.subplots_adjust(left=MARGINS_CM["left"] / width_cm, right=1 - MARGINS_CM["right"] / width_cm,
                           top=1 - MARGINS_CM["top"] / height_cm, bottom=MARGINS_CM["bottom"] / height_cm)
    axes = figure.subplots()

    months = list(range(1, 13))
    width = 0.4
    last = [float(v) if v is not None else 0.0 for v in series.last_year]
    this = [float(v) if v is not None else 0.0 for v in series.this_year]
    axes.bar([m - width / 2 for m in months], last, width, color=LAST_YEAR_COLOR,
             label=CHART_YEAR.format(year=series.year - 1), zorder=2)
    axes.bar([m + width / 2 for m in months[: len(this)]], this, width, color=THIS_YEAR_COLOR,
             label=CHART_YEAR.format(year=series.year), zorder=2)
    axes.set_xlim(0.4, 12.6)
    axes.set_xticks(months, [CHART_MONTH.format(month=m) for m in months])
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: axis_number(value)))
    for label in axes.get_xticklabels() + axes.get_yticklabels():
        label.set_fontproperties(text)
    axes.tick_params(length=0, pad=3)
    axes.grid(axis="y", color=GRID_COLOR, linewidth=0.6, zorder=0)
    axes.spines[["top", "right", "left"]].set_visible(False)
    axes.spines["bottom"].set_linewidth(0.8)

    _fit_title(figure, chart_title(series), title)
    handles, labels = axes.get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.2 / height_cm), ncols=2,
                  frameon=False, borderpad=0, prop=text, handlelength=1.2, handleheight=0.9, columnspacing=2.5)
    return figure


def _fit_title(figure: Figure, words: str, font: FontProperties) -> None:
    """The title across the top, within the picture's width: a smaller size for a long one (down to
    :data:`TITLE_MIN_PT`), two lines of that size, split where they are most even, for a longer one still."""
    height_cm = SIZE_CM[1]
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    room = figure.bbox.width * (1 - 2 * MARGINS_CM["right"] / SIZE_CM[0])
    heading = figure.suptitle(words, fontproperties=font, y=1 - TITLE_TOP_CM / height_cm, va="top")
    size = float(TITLE_PT)
    while heading.get_window_extent(renderer).width > room and size > TITLE_MIN_PT:
        size -= 0.5
        heading.set_fontsize(size)
    if heading.get_window_extent(renderer).width <= room:
        return
    parts = words.split(" ")

    def wider_line(cut: int) -> float:
        heading.set_text(" ".join(parts[:cut]))
        first = heading.get_window_extent(renderer).width
        heading.set_text(" ".join(parts[cut:]))
        return max(first, heading.get_window_extent(renderer).width)

    cut = min(range(1, len(parts)), key=wider_line, default=1)
    heading.set_text(" ".join(parts[:cut]) + "\n" + " ".join(parts[cut:]))
    heading.set_y(1 - TWO_LINE_TITLE_TOP_CM / height_cm)


def chart_png(series: ChartSeries) -> bytes:
    """A bar chart of this year's months beside last year's, as PNG bytes."""
    buffer = io.BytesIO()
    chart_figure(series).savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()
