"""The report's phrases against the worked examples of DESIGN.md §6."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from reportgen import Amount
from reportgen.figures import change
from reportgen.numbers import format_number, parse_vn_number
from reportgen.report.wording import Change, Number, PlanShare


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.234,5", D("1234.5")), ("1234,5", D("1234.5")), ("9.239", D("9239")), ("-12,5", D("-12.5")),
     (" 1 234,5 ", D("1234.5")), ("1,234.5", None), ("khoảng 300", None), ("N/A", None), ("-", None),
     ("", None), ("12.34", None)],
)
def it_reads_numbers_typed_as_text(text: str, expected: D | None) -> None:
    assert parse_vn_number(text) == expected
