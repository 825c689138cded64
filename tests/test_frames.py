"""Figures as pandas DataFrames for planners' scripts, and the Excel file written from them."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from reportgen import Catalog, Period, Store, figures_frame, series_frame, write_figures_xlsx
from reportgen.figures import FIGURE_COLUMNS, SERIES_COLUMNS

from conftest import Put

MARCH = Period(2023, 3)


def it_gives_one_row_per_indicator_with_exact_decimals(put: Put, small_catalog: Catalog, store: Store) -> None:
    put([("retail_sales", "2023-01", "month", "final", "10961.851"),
         ("retail_sales", "2023-02", "month", "final", "8482.76"),
         ("retail_sales", "2023-03", "month", "estimate", "9239.42")])
    frame = figures_frame(small_catalog, store, MARCH)
    assert list(frame.index) == list(small_catalog.indicators)
    assert tuple(frame.columns) == FIGURE_COLUMNS
    row = frame.loc["retail_sales"]
    assert (row["month"], row["prev_month"], row["ytd"], row["plan"]) == (
        D("9239.42"), D("8482.76"), D("28684.031"), D("125752"))
    assert isinstance(row["mom"], D) and round(row["mom"], 2) == D("8.92")
    assert bool(row["estimate"]) is True and row["kind"] == "flow"
    assert frame.loc["cpi", "month"] is None and frame["ytd"].dtype.kind == "O"
    ytd = frame.loc["retail_sales", "ytd"]
    assert isinstance(ytd, D) and ytd + ytd == D("57368.062")  # exact, no float


def it_gives_monthly_series_with_their_status(put: Put, small_catalog: Catalog, store: Store) -> None:
    put([("retail_sales", "2023-02", "month", "estimate", "8000"), ("cpi", "2023-02", "month", "estimate", "101")])
    put([("retail_sales", "2023-02", "month", "final", "8482.76"),
         ("retail_sales", "2023-03", "month", "estimate", "9239.42"),
         ("retail_sales", "2023-03", "ytd", "estimate", "28684.031")])
    frame = series_frame(store, ["retail_sales", "cpi"], Period(2023, 1), MARCH)
    assert tuple(frame.columns) == SERIES_COLUMNS
    rows: list[tuple[object, ...]] = [(r.indicator, str(r.period), r.basis, r.value, r.status)
                                       for r in frame.itertuples()]
    assert rows == [
        ("cpi", "2023-02", "month", D("101"), "estimate"),
        ("retail_sales", "2023-02", "month", D("8482.76"), "final"),
        ("retail_sales", "2023-03", "month", D("9239.42"), "estimate"),
        ("retail_sales", "2023-03", "ytd", D("28684.031"), "estimate"),
    ]
    first = frame.loc[0, "period"]
    assert isinstance(first, pd.Period) and first.freqstr == "M"
    monthly = frame[frame.basis == "month"].pivot(index="period", columns="indicator", values="value")
    assert monthly.at[pd.Period("2023-02", freq="M"), "retail_sales"] == D("8482.76")


def it_writes_the_frame_to_excel_as_numbers(tmp_path: Path, put: Put, small_catalog: Catalog, store: Store) -> None:
    put([("retail_sales", "2023-03", "month", "estimate", "9239.42")])
    path = write_figures_xlsx(figures_frame(small_catalog, store, MARCH), MARCH, tmp_path / "so-lieu.xlsx")
    sheet = load_workbook(path).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["Mã", "Chỉ tiêu", "ĐVT", "Loại", "Ước", "Tháng"]
    retail = [c.value for c in sheet[2]]
    assert retail[0] == "retail_sales" and retail[5] == 9239.42 and retail[4] is True
    again = write_figures_xlsx(figures_frame(small_catalog, store, MARCH), MARCH, tmp_path / "again.xlsx")
    assert path.read_bytes() == again.read_bytes()
