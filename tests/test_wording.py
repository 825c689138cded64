"""The report's phrases against the worked examples of DESIGN.md §6."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from reportgen import Amount, Catalog, Period
from reportgen.figures import Figures, change
from reportgen.numbers import format_number, parse_vn_number
from reportgen.report.wording import Change, Difference, FigureView, Number, PlanShare


def pct(current: str, base: str) -> D:
    result = change(Amount(D(current), False), Amount(D(base), False))
    assert result is not None
    return result


def plan(actual: str, target: str) -> D:
    return D(actual) / D(target) * 100


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (Change(pct("9239.42", "8482.76")), "tăng 8,92%"),
        (Change(pct("28684.031", "25290.10")), "tăng 13,42%"),
        (Change(pct("181.526", "177.6")), "tăng 2,21%"),
        (Change(pct("105.49", "105.5")), "giảm 0,01%"),
        (Change(D("0.004")), "tương đương"),
        (Change(D("-0.004")), "tương đương"),
        (Change(D("2.2")), "tăng 2,2%"),
        (Change(D("76.004")), "tăng 76%"),
        (PlanShare(plan("28684.031", "125752")), "đạt 22,81% KH"),
        (PlanShare(plan("395", "2000")), "đạt 19,75% KH"),
        (PlanShare(plan("1759", "14005")), "đạt 12,56% KH"),
        (PlanShare(plan("85.99", "77.5")), "vượt 10,95% KH"),
        (PlanShare(plan("35524.2", "32500")), "vượt 9,31% KH"),
        (PlanShare(plan("11787", "11117"), "dự toán"), "vượt 6,03% dự toán"),
        (PlanShare(plan("190.1", "141.5")), "vượt 34,35% KH"),
        (PlanShare(D("100")), "đạt 100% KH"),
    ],
)
def it_writes_each_worked_example(phrase: object, expected: str) -> None:
    assert str(phrase) == expected


def it_writes_disbursement_with_one_decimal() -> None:
    assert PlanShare(plan("1500.179", "7778.846")).text(1) == "đạt 19,3% KH"


def it_says_a_ratio_as_a_level_when_asked() -> None:
    assert Change(D("-35.87")).level() == "bằng 64,13%"


def it_computes_shares_from_unrounded_values() -> None:
    assert str(Number(D("2600") / D("142300") * 100, 2)) == "1,83"
    assert str(Number(D("2200") / D("140000") * 100, 2)) == "1,57"


def it_rounds_half_away_from_zero() -> None:
    assert format_number(D("0.125"), 2) == "0,13"
    assert format_number(D("-0.125"), 2) == "-0,13"
    assert Change(D("2.345")).text() == "tăng 2,35%"


def it_writes_vietnamese_thousands_and_decimals() -> None:
    assert format_number(D("28684.031"), 3) == "28.684,031"
    assert format_number(D("1535.68"), 2) == "1.535,68"
    assert format_number(D("9239.42"), 3) == "9.239,42"


def it_writes_small_counts_with_two_digits() -> None:
    assert str(Number(D("1"), 0)) == "01"
    assert str(Number(D("9"), 0)) == "09"
    assert str(Number(D("10"), 0)) == "10"
    assert str(Number(D("395"), 0)) == "395"


def view(catalog: Catalog, code: str, month: str) -> FigureView:
    """The figures of one indicator of the small catalog whose month (and year to date) is ``month``."""
    amount = Amount(D(month), False)
    return FigureView(Figures(catalog.indicators[code], Period(2023, 3), amount, None, None, None, None, amount, None,
                              None))


def it_writes_a_whole_amount_below_ten_with_two_digits_whatever_its_decimals(small_catalog: Catalog) -> None:
    # March 2023: "chấm dứt hoạt động 01 dự án với tổng vốn đăng ký 01 triệu USD"
    assert str(Number(D("1"), 2)) == "01"
    assert str(Number(D("0.998"), 2)) == "01"  # 1,00 once rounded: a whole amount
    # March 2023: "với tổng kinh phí hơn 09 tỷ đồng"
    assert str(Number(D("9"), 3)) == "09"
    assert str(view(small_catalog, "retail_sales", "9").month) == "09"  # tỷ đồng, three decimals
    assert str(view(small_catalog, "retail_sales", "9").ytd) == "09"
    # not a whole amount, or not below ten: as it is
    assert [str(Number(D(v), 2)) for v in ("1.5", "9.999", "10", "0", "0.4")] == ["1,5", "10", "10", "0", "0,4"]


def it_writes_a_count_below_ten_with_two_digits_in_a_difference_too() -> None:
    # December 2022: "đã xảy ra 04 vụ tai nạn giao thông đường bộ, làm chết 04 người"
    assert str(Number(D("4"), 0)) == "04"
    # March 2023: "tai nạn giao thông giảm 06 vụ (đường bộ giảm 07 vụ, đường thủy tăng 01 vụ)"
    assert [str(Difference(D(v), 0, "vụ")) for v in ("-6", "-7", "1")] == ["giảm 06 vụ", "giảm 07 vụ", "tăng 01 vụ"]
    # an amount with decimals, as "01 triệu USD" above
    assert str(Difference(D("-1.0004"), 2, "triệu USD")) == "giảm 01 triệu USD"
    assert str(Difference(D("1.25"), 2, "triệu USD")) == "tăng 1,25 triệu USD"


def it_never_writes_a_percentage_with_two_digits(small_catalog: Catalog) -> None:
    # December 2022: "Tổng diện tích thủy sản 9.111 ha, vượt 7%KH, tăng 3% so với cùng kỳ"
    assert str(PlanShare(D("107"))) == "vượt 7% KH"
    assert str(Change(D("3"))) == "tăng 3%"
    rate = view(small_catalog, "safe_commune_rate", "5")  # unit "%": a level, not an amount
    assert (str(rate.month), rate.month.text(0), rate.target_result()) == ("5", "5", "5%")


def it_writes_a_plan_reached_exactly_as_reached() -> None:
    # December 2022: "Tỷ lệ tham gia bảo hiểm xã hội bắt buộc đạt 100%; bảo hiểm thất nghiệp đạt 100%"; against
    # the plan the same words with the plan's label, as "đạt 22,81%KH" (March 2023): never "vượt 0% KH"
    for percent in ("100", "99.995", "100.004"):
        assert str(PlanShare(D(percent))) == "đạt 100% KH", percent
    assert str(PlanShare(D("100.005"))) == "vượt 0,01% KH"
    assert PlanShare(D("100.4")).text(0) == "đạt 100% KH"
    assert PlanShare(D("99.96")).rate(1) == "đạt tỷ lệ 100% KH"
    assert PlanShare(D("100"), "dự toán").text() == "đạt 100% dự toán"


def it_writes_a_table_figure_without_two_digits() -> None:
    assert [Number(D(v), 2).plain() for v in ("1", "9", "0", "10", "1.5")] == ["1", "9", "0", "10", "1,5"]
    assert [PlanShare(D(v)).amount() for v in ("22.8123", "113.15", "100", "99.999")] == [
        "22,81", "113,15", "100", "100"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.234,5", D("1234.5")), ("1234,5", D("1234.5")), ("9.239", D("9239")), ("-12,5", D("-12.5")),
     (" 1 234,5 ", D("1234.5")), ("1,234.5", None), ("khoảng 300", None), ("N/A", None), ("-", None),
     ("", None), ("12.34", None)],
)
def it_reads_numbers_typed_as_text(text: str, expected: D | None) -> None:
    assert parse_vn_number(text) == expected
