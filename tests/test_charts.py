"""The appendix's charts look like the document around them, and the same figures draw the same bytes.

Each chart is drawn as the report draws it and then read back: the font
files matplotlib used for every text, where the legend, the title and the
numbers sit against the bars, the numbers' text. Warnings are errors in the
tests, so a letter missing from the font (matplotlib warns of each glyph it
cannot find) fails them too.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from decimal import Decimal as D

import pytest
from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image

from reportgen import Catalog
from reportgen.figures import ChartSeries
from reportgen.numbers import format_number
from reportgen.report import charts
from reportgen.report.charts import (
    SERIF_FAMILIES,
    VIETNAMESE_LETTERS,
    chart_figure,
    chart_font,
    chart_png,
    chart_title,
)


def months(*values: float | None) -> tuple[D | None, ...]:
    return tuple(None if v is None else D(str(v)) for v in values)


@pytest.fixture
def every_chart(catalog: Catalog) -> list[ChartSeries]:
    """The catalog's charts for March, each with figures of its own size, and a December one and a small one."""
    sizes = {"retail_sales": 9239.42, "exports": 181.5, "visitors": 342000, "budget_revenue": 2790.123,
             "disbursement": 1234.5, "new_businesses": 108}
    series = [ChartSeries(catalog.indicators[code], 2023, months(*(sizes[code] * (1 + m / 10) for m in range(3))),
                          months(*(sizes[code] * (0.8 + m / 20) for m in range(12))))
              for code in catalog.report.charts]
    series.append(ChartSeries(catalog.indicators["visitors"], 2022, months(*(12_000_000 + m for m in range(12))),
                              months(*([9_000_000] * 11), None)))
    series.append(ChartSeries(catalog.indicators["retail_sales"], 2023, months(0.5, 1.25, 2.5),
                              months(*([0.75] * 12))))
    return series


def texts(figure: Figure) -> list[Text]:
    """Every text the figure shows: title, numbers, months, legend (not the labels of ticks out of view)."""
    [axes], [legend] = figure.axes, figure.legends
    low, high = axes.get_ylim()
    numbers = [label for value, label in zip(axes.get_yticks(), axes.get_yticklabels(), strict=True)
               if low <= value <= high]
    shown = [title(figure), *numbers, *axes.get_xticklabels(), *legend.get_texts()]
    assert {t.get_text() for t in shown} >= {t.get_text() for t in figure.findobj(Text)
                                            if t.get_visible() and t.get_text() and t not in axes.get_yticklabels()}
    return shown


def title(figure: Figure) -> Text:
    [text] = figure.texts
    assert text.get_text() == figure.get_suptitle()
    return text


def extent(artist: Artist, renderer: RendererBase) -> Bbox:
    return artist.get_window_extent(renderer)


def it_draws_the_same_bytes_for_the_same_figures(every_chart: list[ChartSeries]) -> None:
    first = [chart_png(s) for s in every_chart[:3]]
    assert [chart_png(s) for s in every_chart[:3]] == first
    assert len(set(first)) == 3
    assert all(png.startswith(b"\x89PNG") and b"tIME" not in png and b"Software" not in png for png in first)


def it_chooses_the_font_by_rule_not_by_the_order_matplotlib_lists_fonts_in(
        every_chart: list[ChartSeries], monkeypatch: pytest.MonkeyPatch) -> None:
    before = chart_png(every_chart[0]), chart_font()
    monkeypatch.setattr(font_manager.fontManager, "ttflist", list(reversed(font_manager.fontManager.ttflist)))
    chart_font.cache_clear()
    try:
        assert (chart_png(every_chart[0]), chart_font()) == before
    finally:
        chart_font.cache_clear()


def it_draws_in_the_first_serif_face_that_has_every_vietnamese_letter() -> None:
    font = chart_font()
    assert font.family in SERIF_FAMILIES
    for path in (font.regular, font.bold):
        face = FT2Font(path)
        assert face.family_name == font.family
        assert [c for c in VIETNAMESE_LETTERS if ord(c) not in face.get_charmap()] == []
    assert (FT2Font(font.regular).style_name, FT2Font(font.bold).style_name) == ("Regular", "Bold")
    earlier = SERIF_FAMILIES[:SERIF_FAMILIES.index(font.family)]
    for entry in font_manager.fontManager.ttflist:  # an earlier face is left only for letters it lacks
        if entry.name in earlier and entry.style == "normal" and entry.weight in (400, 700):
            charmap = FT2Font(entry.fname).get_charmap()
            assert any(ord(c) not in charmap for c in VIETNAMESE_LETTERS), entry.fname
    assert len(VIETNAMESE_LETTERS) == 2 * 67 + 1  # 67 small letters with a diacritic, their capitals, the dash


def it_writes_every_text_in_the_chart_font_with_all_its_letters(every_chart: list[ChartSeries]) -> None:
    font = chart_font()
    regular, bold = FT2Font(font.regular).get_charmap(), FT2Font(font.bold).get_charmap()
    for series in every_chart:
        figure = chart_figure(series)
        heading = title(figure)
        for text in texts(figure):
            fname = text.get_fontproperties().get_file()
            assert fname == (font.bold if text is heading else font.regular), text.get_text()
            charmap = bold if fname == font.bold else regular
            assert [c for c in text.get_text() if ord(c) not in charmap] == []


def it_names_the_indicator_its_unit_and_both_years_in_the_title(every_chart: list[ChartSeries]) -> None:
    for series in every_chart:
        heading = chart_figure(series).get_suptitle()
        basis = "lũy kế đến tháng" if series.cumulative else "theo tháng"
        assert heading == f"{series.indicator.name} ({series.indicator.unit}, {basis}), {series.year - 1}–{series.year}"
    assert every_chart[0].year == 2023 and "2022–2023" in chart_figure(every_chart[0]).get_suptitle()


def it_writes_the_axis_numbers_as_the_report_writes_numbers(every_chart: list[ChartSeries]) -> None:
    seen = []
    for series in every_chart:
        figure = chart_figure(series)
        figure.canvas.draw()
        [axes] = figure.axes
        low, high = axes.get_ylim()
        ticks = [(value, label.get_text()) for value, label in zip(axes.get_yticks(), axes.get_yticklabels(),
                                                                   strict=True) if low <= value <= high]
        assert [text for _, text in ticks] == [format_number(D(str(round(value, 6))), 6) for value, _ in ticks]
        assert [label.get_text() for label in axes.get_xticklabels()] == [f"T{m}" for m in range(1, 13)]
        seen += [text for _, text in ticks]
    assert "10.000" in seen and "12.500.000" in seen and "0,5" in seen and "2,5" in seen
    assert all(re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?", text) for text in seen)  # never "12,500" nor "0.5"


def it_puts_the_legend_below_the_plot_away_from_the_bars_and_every_text_inside_the_picture(
        every_chart: list[ChartSeries]) -> None:
    for series in every_chart:
        figure = chart_figure(series)
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        figure.draw(renderer)
        [axes], [legend] = figure.axes, figure.legends
        plot, box = axes.get_window_extent(renderer), extent(legend, renderer)
        month_labels = Bbox.union([extent(t, renderer) for t in axes.get_xticklabels()])
        assert box.y1 < month_labels.y0 < month_labels.y1 < plot.y0  # legend, then the months, then the bars
        assert [t.get_text() for t in legend.get_texts()] == [f"Năm {series.year - 1}", f"Năm {series.year}"]
        assert extent(title(figure), renderer).y0 > plot.y1
        whole = figure.bbox
        for text in texts(figure):
            shown = extent(text, renderer)
            assert whole.x0 <= shown.x0 and shown.x1 <= whole.x1 and whole.y0 <= shown.y0 and shown.y1 <= whole.y1, \
                text.get_text()


def it_gives_every_chart_the_same_size_and_the_same_plot_area(every_chart: list[ChartSeries]) -> None:
    looks = set()
    for series in every_chart:
        figure = chart_figure(series)
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        figure.draw(renderer)
        [axes], [legend] = figure.axes, figure.legends
        looks.add((tuple(axes.get_position().bounds), round(extent(legend, renderer).y0, 3),
                   round(extent(title(figure), renderer).y1, 3)))
    assert len(looks) == 1
    sizes = {Image.open(io.BytesIO(chart_png(s))).size for s in every_chart}
    width_cm, height_cm = charts.SIZE_CM
    assert sizes == {(int(width_cm / 2.54 * charts.DPI), int(height_cm / 2.54 * charts.DPI))}


@pytest.mark.parametrize("extra", [" trên địa bàn thành phố, kể cả các hộ kinh doanh cá thể và các chợ đầu mối",
                                   " trên địa bàn thành phố, kể cả các hộ kinh doanh cá thể và các cơ sở sản xuất kinh"
                                   " doanh trong các khu công nghiệp, khu chế xuất và khu kinh tế"])
def it_keeps_a_long_title_whole_inside_the_picture_above_the_plot(catalog: Catalog, extra: str) -> None:
    indicator = replace(catalog.indicators["retail_sales"], name=catalog.indicators["retail_sales"].name + extra)
    series = ChartSeries(indicator, 2023, months(5, 6, 7), months(*([4] * 12)))
    figure = chart_figure(series)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    figure.draw(renderer)
    heading, [axes] = title(figure), figure.axes
    shown = extent(heading, renderer)
    assert figure.bbox.x0 <= shown.x0 and shown.x1 <= figure.bbox.x1 and shown.y1 <= figure.bbox.y1
    assert shown.y0 > axes.get_window_extent(renderer).y1
    lines = heading.get_text().split("\n")
    assert " ".join(lines) == chart_title(series) and len(lines) <= 2
    assert charts.TITLE_MIN_PT <= float(heading.get_fontsize()) < charts.TITLE_PT
    assert (len(lines) == 2) == (len(extra) > 100)
