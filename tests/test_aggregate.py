"""Aggregation by kind: every rule of DESIGN.md §4 on stored months."""

from __future__ import annotations

from decimal import Decimal as D

from reportgen import Aggregator, Catalog, Figures, Period, Store
from reportgen.figures import EXCEEDED, MET, MISSED, assess, combine
from reportgen.numbers import format_percent
from reportgen.report.wording import Change, PlanShare

from conftest import Put


def figures(store: Store, catalog: Catalog, code: str, period: str = "2023-03") -> Figures:
    values = store.current_values(Period(2022, 1), Period.parse(period))
    return Aggregator(catalog, values).figures(catalog.indicators[code], Period.parse(period))


def it_sums_a_flow_over_the_quarter_and_compares_with_last_year(put: Put, small_catalog: Catalog, store: Store) -> None:
    # DESIGN §6: March 9.239,42, Q1 28.684,031; Feb ≈ 8.482,76; Q1 2022 ≈ 25.290,10
    put([
        ("retail_sales", "2023-01", "month", "final", "10961.851"),
        ("retail_sales", "2023-02", "month", "final", "8482.76"),
        ("retail_sales", "2023-03", "month", "estimate", "9239.42"),
        ("retail_sales", "2022-01", "month", "final", "8000"),
        ("retail_sales", "2022-02", "month", "final", "8290.10"),
        ("retail_sales", "2022-03", "month", "final", "9000"),
    ])
    fig = figures(store, small_catalog, "retail_sales")
    assert fig.ytd is not None and fig.ytd.value == D("28684.031")
    assert fig.qtd == fig.ytd
    assert fig.ytd_ly is not None and fig.ytd_ly.value == D("25290.10")
    assert fig.estimate and fig.ytd.estimate
    assert round(fig.mom, 2) == D("8.92")  # type: ignore[arg-type]
    assert round(fig.yoy_ytd, 2) == D("13.42")  # type: ignore[arg-type]
    assert round(fig.plan_ratio, 2) == D("22.81")  # type: ignore[arg-type]


def it_never_sums_a_stock(put: Put, small_catalog: Catalog, store: Store) -> None:
    put([
        ("loans", "2023-01", "month", "final", "141000"),
        ("loans", "2023-02", "month", "final", "141830"),
        ("loans", "2023-03", "month", "estimate", "142300"),
        ("bad_debt", "2023-03", "month", "estimate", "2600"),
    ], "NHNN")
    loans = figures(store, small_catalog, "loans")
    assert loans.ytd is not None and loans.ytd.value == D("142300")
    assert loans.qtd is not None and loans.qtd.value == D("142300")
    assert round(loans.mom, 2) == D("0.33")  # type: ignore[arg-type]
    ratio = figures(store, small_catalog, "bad_debt_ratio")
    assert ratio.month is not None and round(ratio.month.value, 2) == D("1.83")
    assert ratio.ytd is not None and round(ratio.ytd.value, 2) == D("1.83")


def it_averages_an_average_kind(put: Put, small_catalog: Catalog, store: Store) -> None:
    put([
        ("cpi", "2022-01", "month", "final", "100"), ("cpi", "2022-02", "month", "final", "101"),
        ("cpi", "2022-03", "month", "final", "102"),
        ("cpi", "2023-01", "month", "final", "103"), ("cpi", "2023-02", "month", "final", "104"),
        ("cpi", "2023-03", "month", "estimate", "102.96"),
    ])
    cpi = figures(store, small_catalog, "cpi")
    assert cpi.ytd is not None and cpi.ytd.value == D("103.32")
    assert cpi.ytd_ly is not None and cpi.ytd_ly.value == D("101")
    assert round(cpi.mom, 2) == D("-1.00")  # type: ignore[arg-type]
    assert round(cpi.yoy_ytd, 2) == D("2.30")  # type: ignore[arg-type]


def it_takes_a_reported_cumulative_at_the_period_end(put: Put, small_catalog: Catalog, store: Store) -> None:
    put([
        ("budget_revenue", "2023-01", "ytd", "final", "900"),
        ("budget_revenue", "2023-02", "ytd", "final", "1800"),
        ("budget_revenue", "2023-03", "ytd", "estimate", "2795.015"),
    ], "NHNN")
    rev = figures(store, small_catalog, "budget_revenue")
    assert rev.ytd is not None and rev.ytd.value == D("2795.015")
    assert rev.month is not None and rev.month.value == D("995.015")
    assert rev.prev_month is not None and rev.prev_month.value == D("900")
    assert round(rev.plan_ratio, 2) == D("25.32")  # type: ignore[arg-type]


def it_uses_a_period_index_as_reported(put: Put, small_catalog: Catalog, store: Store) -> None:
    put([
        ("iip", "2023-03", "month", "estimate", "110.95"),
        ("iip", "2023-03", "ytd", "estimate", "103.73"),
        ("grdp_growth", "2023-03", "ytd", "estimate", "104.5"),
    ])
    iip = figures(store, small_catalog, "iip")
    assert iip.index_month == D("10.95") and iip.index_ytd == D("3.73")
    assert iip.mom is None and iip.yoy_ytd is None
    grdp = figures(store, small_catalog, "grdp_growth")
    assert grdp.month is None and grdp.ytd is not None and grdp.ytd.value == D("104.5")
    assert figures(store, small_catalog, "grdp_growth", "2023-02").ytd is None


def it_prefers_the_final_figure_and_the_newest_among_equals(put: Put, small_catalog: Catalog, store: Store) -> None:
    put([("retail_sales", "2023-02", "month", "estimate", "8000")])
    put([("retail_sales", "2023-02", "month", "final", "8482.76"), ("retail_sales", "2023-01", "month", "final", "1")])
    put([("retail_sales", "2023-02", "month", "estimate", "7000"), ("retail_sales", "2023-01", "month", "final", "2"),
         ("x", "2023-01", "month", "final", "2")])
    fig = figures(store, small_catalog, "retail_sales", "2023-02")
    assert fig.month is not None and fig.month.value == D("8482.76") and not fig.month.estimate
    assert fig.prev_month is not None and fig.prev_month.value == D("2")


def it_leaves_a_span_with_a_missing_month_empty(put: Put, small_catalog: Catalog, store: Store) -> None:
    put([("retail_sales", "2023-01", "month", "final", "1"), ("retail_sales", "2023-03", "month", "final", "1")])
    fig = figures(store, small_catalog, "retail_sales")
    assert fig.ytd is None and fig.plan_ratio is None and fig.month is not None


def it_judges_key_targets_by_direction() -> None:
    assert assess("higher", D("85.99"), D("77.5")) == EXCEEDED
    assert assess("higher", D("92"), D("92")) == MET
    assert assess("higher", D("91"), D("92")) == MISSED
    assert assess("lower", D("0.5"), D("0.6")) == EXCEEDED
    assert assess("at_least", D("12.64"), D("7.5")) == MET
    assert assess("at_least", D("7"), D("7.5")) == MISSED
    assert assess("at_most", D("15099"), D("15224")) == MET
    assert assess("range", D("13.31"), (D("12"), D("13"))) == EXCEEDED
    assert assess("range", D("12.5"), (D("12"), D("13"))) == MET
    assert assess("range", D("11"), (D("12"), D("13"))) == MISSED
    assert assess("none", D("1"), D("2")) is None
    assert combine([MET, EXCEEDED, MET]) == EXCEEDED
    assert combine([MET, MET]) == MET
    assert combine([EXCEEDED, MISSED]) == MISSED


def it_sums_exports_and_compares_them_as_the_march_report_does(put: Put, catalog: Catalog, store: Store) -> None:
    # DESIGN §6: March 181,526; Q1 534,007 triệu USD: "tăng 2,2% so với tháng trước", "đạt 25,18% KH",
    # "tăng 5,75% so với cùng kỳ" (plan 2.121; February and Q1 2022 chosen to give those ratios)
    put([
        ("exports", "2023-01", "month", "final", "174.863"),
        ("exports", "2023-02", "month", "final", "177.618"),
        ("exports", "2023-03", "month", "estimate", "181.526"),
        ("exports", "2022-01", "month", "final", "160"),
        ("exports", "2022-02", "month", "final", "170"),
        ("exports", "2022-03", "month", "final", "174.97"),
    ])
    fig = figures(store, catalog, "exports")
    assert fig.ytd is not None and fig.ytd.value == D("534.007") and fig.ytd.estimate
    assert fig.ytd_ly is not None and fig.ytd_ly.value == D("504.97")
    assert [round(v, 2) for v in (fig.mom, fig.plan_ratio, fig.yoy_ytd)] == [  # type: ignore[arg-type]
        D("2.20"), D("25.18"), D("5.75")]
    assert (str(Change(fig.mom)), str(PlanShare(fig.plan_ratio)), str(Change(fig.yoy_ytd))) == (  # type: ignore[arg-type]
        "tăng 2,2%", "đạt 25,18% KH", "tăng 5,75%")


def it_takes_disbursement_to_date_and_its_month_as_a_difference(put: Put, catalog: Catalog, store: Store) -> None:
    # DESIGN §6: 1.500,179 of a plan of 7.778,846 tỷ đồng, "đạt tỷ lệ 19,3% KH" (one decimal in this sentence)
    put([
        ("disbursement", "2023-01", "ytd", "final", "420.5"),
        ("disbursement", "2023-02", "ytd", "final", "905.3"),
        ("disbursement", "2023-03", "ytd", "estimate", "1500.179"),
    ], "SKHDT")
    fig = figures(store, catalog, "disbursement")
    assert fig.ytd is not None and fig.ytd.value == D("1500.179")
    assert fig.month is not None and fig.month.value == D("594.879")  # to date in March less to date in February
    assert fig.qtd == fig.ytd
    assert fig.plan_ratio is not None and PlanShare(fig.plan_ratio).rate(1) == "đạt tỷ lệ 19,3% KH"
    spans = Aggregator(catalog, store.current_values(Period(2023, 1), Period(2023, 3)))
    february_and_march = spans.span(catalog.indicators["disbursement"], 2023, 2, 3)
    assert february_and_march is not None and february_and_march.value == D("1079.679")


def it_computes_the_bad_debt_share_at_the_year_end(put: Put, catalog: Catalog, store: Store) -> None:
    # DESIGN §6: December 2022, loans 140.000, bad debt 2.200 tỷ đồng: "chiếm 1,57% tổng dư nợ"
    put([
        ("loans", "2022-11", "month", "final", "138500"),
        ("loans", "2022-12", "month", "estimate", "140000"),
        ("bad_debt", "2022-11", "month", "final", "2300"),
        ("bad_debt", "2022-12", "month", "estimate", "2200"),
    ], "NHNN")
    ratio = figures(store, catalog, "bad_debt_ratio", "2022-12")
    for span in (ratio.month, ratio.ytd):  # a stock's year is its December: the same share
        assert span is not None and round(span.value, 2) == D("1.57") and span.estimate
    assert ratio.prev_month is not None and round(ratio.prev_month.value, 2) == D("1.66")
    assert format_percent(ratio.month.value) == "1,57"  # type: ignore[union-attr]
