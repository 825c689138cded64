"""Value types every stage shares: periods, the kinds of things, and what flows between stages.

Nothing here touches a file, the store or the clock. The enums are
``StrEnum`` so they compare equal to, and serialise as, their plain values
(``Basis.MONTH == "month"``), which is also how the store writes them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from . import messages
from .errors import UsageError

Clock = Callable[[], dt.datetime]
"""What the library asks for the time: a callable returning an aware datetime (the edge passes one)."""

Progress = Callable[[int, int], None]
"""Told ``(done, total)`` as long work goes on (forms written, months of the demo); the edge shows a bar."""


class Kind(StrEnum):
    """How an indicator's months combine into longer periods (DESIGN.md §4)."""

    FLOW = "flow"
    STOCK = "stock"
    AVERAGE = "average"
    CUMULATIVE = "cumulative"
    INDEX = "index"
    DERIVED = "derived"


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


class Direction(StrEnum):
    """How a key target is judged against its plan."""

    HIGHER = "higher"
    LOWER = "lower"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    RANGE = "range"
    NONE = "none"


class Basis(StrEnum):
    """What a stored value measures: the month alone, or the year to date at that month."""

    MONTH = "month"
    YTD = "ytd"


class Status(StrEnum):
    """Whether a stored value is an estimate (ước) or the final figure (chính thức)."""

    ESTIMATE = "estimate"
    FINAL = "final"


class NarrativeKind(StrEnum):
    PARAGRAPH = "paragraph"
    TASK = "task"
    FOOTNOTE = "footnote"


class Outcome(StrEnum):
    """What became of one submitted file."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"
    CHECKED = "checked"  # valid, but a dry run stored nothing


class LockAction(StrEnum):
    LOCK = "lock"
    UNLOCK = "unlock"
    FORCED = "forced"


class ReviewAction(StrEnum):
    """What a reviewer did with a draft (a recorded build)."""

    REVIEWED = "reviewed"
    RETURNED = "returned"
    APPROVED = "approved"


class Role(StrEnum):
    """Who a portal user is: a department's clerk, planning staff, a reviewer, or the administrator."""

    CLERK = "clerk"
    STAFF = "staff"
    REVIEWER = "reviewer"
    ADMIN = "admin"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Verdict(StrEnum):
    """A key target's result against its plan."""

    EXCEEDED = "exceeded"
    MET = "met"
    MISSED = "missed"


STATUS_RANK = {Status.ESTIMATE: 0, Status.FINAL: 1}


def precedence(status: str, row_id: int) -> tuple[int, int]:
    """Which stored value counts: a final figure beats an estimate; among equals the newest row wins."""
    return (STATUS_RANK[Status(status)], row_id)


# Periods -------------------------------------------------------------------

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")
@dataclass(frozen=True, order=True)
class Period:
    """One reporting month. ``Period(2023, 3)`` is March 2023."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise UsageError(messages.BAD_MONTH.format(month=self.month))

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``YYYY-MM``; a malformed value is a :class:`UsageError`."""
        match = _PERIOD_RE.match(text.strip())
        if not match:
            raise UsageError(messages.BAD_PERIOD.format(text=text))
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

    @property
    def has_ytd(self) -> bool:
        """The report has a quarter / year-to-date block (March, June, September, December)."""
        return self.is_quarter_end or self.is_year_end

    @property
    def mm(self) -> str:
        """The month in two digits, as dates write it (dd/mm/yyyy): ``03``."""
        return f"{self.month:02d}"

    # Names as the reports write them -----------------------------------
    @property
    def month_name(self) -> str:
        """``tháng 03/2023``"""
        return messages.MONTH_NAME.format(mm=self.mm, year=self.year)

    @property
    def quarter_name(self) -> str:
        """``Quý I/2023``"""
        return messages.QUARTER_NAME.format(roman=ROMAN[self.quarter], year=self.year)

    @property
    def ytd_name(self) -> str:
        """The span from January to this month, as the reports name it.

        ``Quý I/2023`` in March, ``6 tháng đầu năm 2023`` in June,
        ``9 tháng năm 2023`` in September, ``12 tháng/2022`` in December and
        ``Lũy kế 05 tháng đầu năm 2023`` otherwise.
        """
        if self.month == 3:
            return self.quarter_name
        return messages.YTD_NAMES.get(self.month, messages.YTD_NAME).format(mm=self.mm, year=self.year)

    @property
    def cumulative_name(self) -> str:
        """``Lũy kế 03 tháng đầu năm``"""
        return messages.CUMULATIVE_NAME.format(mm=self.mm)


def months_between(first: Period, last: Period) -> list[Period]:
    """Every month from ``first`` to ``last``, both included."""
    out: list[Period] = []
    current = first
    while current <= last:
        out.append(current)
        current = current.next
    return out


# What flows between stages ---------------------------------------------------

@dataclass(frozen=True)
class Observed:
    """The value that counts for one indicator, month and basis, and the stored row it is."""

    value: Decimal
    status: Status
    id: int = 0

    @property
    def estimate(self) -> bool:
        return self.status == Status.ESTIMATE


Values = Mapping[tuple[str, Period, str], Observed]
"""Stored values that count, by (indicator, month, basis)."""


@dataclass(frozen=True)
class NewObservation:
    """A figure read from a form, on its way into the store."""

    indicator: str
    period: Period
    basis: Basis
    status: Status
    value: Decimal
    cell: str = ""
    note: str = ""


@dataclass(frozen=True)
class NarrativeItem:
    """A department's paragraph, task or footnote for one report section."""

    section: str
    kind: NarrativeKind
    text: str
    department: str = ""
    submission_id: int = 0


@dataclass(frozen=True)
class SubmissionRecord:
    """An accepted workbook: who sent it, for which period, and its content hash."""

    file_name: str
    file_hash: str
    department: str
    period: Period
    form_version: str
    catalog_version: str
    received_at: dt.datetime
    preparer: str = ""
    phone: str = ""
    prepared_on: str = ""


@dataclass(frozen=True)
class Intake:
    """One attempt to submit a file, whatever its outcome (the audit log)."""

    file_name: str
    file_hash: str
    department: str
    period: str
    status: Outcome
    errors: int
    warnings: int
    received_at: dt.datetime
    actor: str = ""


@dataclass(frozen=True)
class Limits:
    """Bounds for one uploaded file; all configurable (``reportgen ingest --max-size`` …)."""

    max_bytes: int = 20 * 1024 * 1024
    max_entries: int = 2000
    max_uncompressed: int = 200 * 1024 * 1024
    max_ratio: int = 200
    max_rows: int = 5000
    max_columns: int = 200
    seconds: float = 30.0
    memory_bytes: int = 1024 * 1024 * 1024


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class PeriodLock:
    """A closed period: when and by whom."""

    period: Period
    locked_at: dt.datetime
    locked_by: str


@dataclass(frozen=True)
class StoreOutcome:
    """What submitting one accepted workbook did to the store, decided in the transaction that stored it.

    ``status`` is ``accepted``, ``rejected`` (the period is locked; ``lock``
    says since when) or ``duplicate`` (the same bytes were accepted before).
    Per figure: ``created`` (the first value), ``replaced`` (the new value
    counts now; with the value it replaced), ``unchanged`` (equal to the
    value that counts) and ``not_counted`` (stored, but a final figure
    exists, so this estimate does not count; with that final value).
    """

    status: Outcome
    submission_id: int | None = None
    created: int = 0
    replaced: list[tuple[NewObservation, Decimal]] = field(default_factory=list)
    unchanged: int = 0
    not_counted: list[tuple[NewObservation, Decimal]] = field(default_factory=list)
    lock: PeriodLock | None = None
