"""Aggregation by kind: every rule of DESIGN.md §4 on stored months."""

from __future__ import annotations

from decimal import Decimal as D

from reportgen import Aggregator, Catalog, Figures, Period, Store
from reportgen.figures import EXCEEDED, MET, MISSED, assess, combine
from reportgen.model import Basis, NewObservation, Status, SubmissionRecord


def put(store: Store, rows: list[tuple[str, str, str, str, str]], department: str = "SCT") -> None:
    """rows: (indicator, period, basis, status, value)."""
    record = SubmissionRecord(f"f{len(rows)}.xlsx", str(hash(tuple(rows))), department, Period(2023, 3), "1", "t1",
                              "2023-03-20T00:00:00")
    store.store_submission(record, [NewObservation(i, Period.parse(p), Basis(b), Status(s), D(v))
                                    for i, p, b, s, v in rows], [])


def figures(store: Store, catalog: Catalog, code: str, period: str = "2023-03") -> Figures:
    values = store.current_values(Period(2022, 1), Period.parse(period))
    return Aggregator(catalog, values).figures(catalog.indicators[code], Period.parse(period))


def it_sums_a_flow_over_the_quarter_and_compares_with_last_year(store: Store, small_catalog: Catalog) -> None:
    # DESIGN §6: March 9.239,42, Q1 28.684,031; Feb ≈ 8.482,76; Q1 2022 ≈ 25.290,10
    put(store, [
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


def it_never_sums_a_stock(store: Store, small_catalog: Catalog) -> None:
    put(store, [
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


def it_averages_an_average_kind(store: Store, small_catalog: Catalog) -> None:
    put(store, [
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


def it_takes_a_reported_cumulative_at_the_period_end(store: Store, small_catalog: Catalog) -> None:
    put(store, [
        ("budget_revenue", "2023-01", "ytd", "final", "900"),
        ("budget_revenue", "2023-02", "ytd", "final", "1800"),
        ("budget_revenue", "2023-03", "ytd", "estimate", "2795.015"),
    ], "NHNN")
    rev = figures(store, small_catalog, "budget_revenue")
    assert rev.ytd is not None and rev.ytd.value == D("2795.015")
    assert rev.month is not None and rev.month.value == D("995.015")
    assert rev.prev_month is not None and rev.prev_month.value == D("900")
    assert round(rev.plan_ratio, 2) == D("25.32")  # type: ignore[arg-type]


def it_uses_a_period_index_as_reported(store: Store, small_catalog: Catalog) -> None:
    put(store, [
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


def it_prefers_the_final_figure_and_the_newest_among_equals(store: Store, small_catalog: Catalog) -> None:
    put(store, [("retail_sales", "2023-02", "month", "estimate", "8000")])
    put(store, [("retail_sales", "2023-02", "month", "final", "8482.76"), ("retail_sales", "2023-01", "month", "final", "1")])
    put(store, [("retail_sales", "2023-02", "month", "estimate", "7000"), ("retail_sales", "2023-01", "month", "final", "2"), ("x", "2023-01", "month", "final", "2")])
    fig = figures(store, small_catalog, "retail_sales", "2023-02")
    assert fig.month is not None and fig.month.value == D("8482.76") and not fig.month.estimate
    assert fig.prev_month is not None and fig.prev_month.value == D("2")


def it_leaves_a_span_with_a_missing_month_empty(store: Store, small_catalog: Catalog) -> None:
    put(store, [("retail_sales", "2023-01", "month", "final", "1"), ("retail_sales", "2023-03", "month", "final", "1")])
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
