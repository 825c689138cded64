"""Reporting periods: a month, and the names the report gives its spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import UsageError

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    """One reporting month. ``Period(2023, 3)`` is March 2023."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise UsageError(f"Tháng không hợp lệ: {self.month}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``YYYY-MM``; a malformed value is a :class:`UsageError`."""
        match = _PERIOD_RE.match(text.strip())
        if not match:
            raise UsageError(f"Kỳ báo cáo '{text}' không đúng dạng NĂM-THÁNG (ví dụ 2023-03).")
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def shift(self, months: int) -> Period:
        """The period ``months`` later (negative: earlier)."""
        index = self.year * 12 + (self.month - 1) + months
        return Period(index // 12, index % 12 + 1)

    @property
    def previous(self) -> Period:
        return self.shift(-1)

    @property
    def next(self) -> Period:
        return self.shift(1)

    @property
    def last_year(self) -> Period:
        return Period(self.year - 1, self.month)

    @property
    def quarter(self) -> int:
        return (self.month - 1) // 3 + 1

    @property
    def quarter_start(self) -> int:
        """The first month of this period's quarter."""
        return (self.quarter - 1) * 3 + 1

    @property
    def quarter_roman(self) -> str:
        """``I`` for the first quarter."""
        return ROMAN[self.quarter]

    @property
    def is_quarter_end(self) -> bool:
        return self.month % 3 == 0

    @property
    def is_year_end(self) -> bool:
        return self.month == 12

    # Names as the reports write them -----------------------------------
    @property
    def month_name(self) -> str:
        """``tháng 03/2023``"""
        return f"tháng {self.month:02d}/{self.year}"

    @property
    def quarter_name(self) -> str:
        """``Quý I/2023``"""
        return f"Quý {ROMAN[self.quarter]}/{self.year}"

    @property
    def ytd_name(self) -> str:
        """The span from January to this month, as the reports name it.

        ``Quý I/2023`` in March, ``6 tháng đầu năm 2023`` in June,
        ``9 tháng năm 2023`` in September, ``12 tháng/2022`` in December and
        ``Lũy kế 05 tháng đầu năm 2023`` otherwise.
        """
        if self.month == 3:
            return self.quarter_name
        if self.month == 6:
            return f"6 tháng đầu năm {self.year}"
        if self.month == 9:
            return f"9 tháng năm {self.year}"
        if self.month == 12:
            return f"12 tháng/{self.year}"
        if self.month == 1:
            return f"tháng 01/{self.year}"
        return f"{self.month:02d} tháng đầu năm {self.year}"

    @property
    def cumulative_name(self) -> str:
        """``Lũy kế 03 tháng đầu năm``"""
        return f"Lũy kế {self.month:02d} tháng đầu năm"


def months_between(first: Period, last: Period) -> list[Period]:
    """Every month from ``first`` to ``last``, both included."""
    out: list[Period] = []
    current = first
    while current <= last:
        out.append(current)
        current = current.next
    return out
