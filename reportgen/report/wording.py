"""The report's words for figures and comparisons (DESIGN.md §5).

Each class turns one unrounded figure into the phrase the references write:
``Change(Decimal("8.9213"))`` prints ``tăng 8,92%``; ``PlanShare`` prints
``đạt 22,81% KH`` or ``vượt 13,15% KH``. Template authors use them through
:class:`FigureView`, so ``{{ f.retail_sales.mom }}`` reads naturally in Word.
A missing figure prints a visible marker instead of failing the build.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .. import messages
from ..figures import HUNDRED, Amount, Figures, TargetResult, ratio
from ..model import Kind
from ..numbers import format_number, format_percent, round_half_up

MISSING_TEXT = messages.MISSING_FIGURE

TARGET_STATUS = messages.VERDICTS


class Missing:
    """A figure that is not in the store: falsy, and printed as a visible marker."""

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return MISSING_TEXT

    def text(self, *args: object) -> str:
        return MISSING_TEXT

    level = rate = amount = text

    def __getattr__(self, name: str) -> Missing:
        if name.startswith("__"):
            raise AttributeError(name)
        return self


MISSING = Missing()


def pads(unit: str) -> bool:
    """Whether a sentence writes a whole figure in this unit from one to nine with two digits.

    Counts and amounts are (``04 vụ``, ``01 triệu USD``, ``09 tỷ đồng``);
    percentages are not (``vượt 7% KH``, ``giảm 5%``).
    """
    return not unit.startswith("%")


@dataclass(frozen=True)
class Number:
    """A figure written with its indicator's decimals: ``9.239,42``; ``05``, ``01`` for a whole amount below ten.

    A sentence writes a whole amount from one to nine with two digits whatever
    the indicator's decimals (``1.0`` triệu USD → ``01``), unless ``pad`` is
    off (a percentage); :meth:`plain` is the figure as a table's cell writes it.
    """

    value: Decimal
    decimals: int
    estimate: bool = False
    figure: str = field(default="", compare=False)  # "code.span": printed inside the figure's bookmark
    pad: bool = True

    def __str__(self) -> str:
        return format_number(self.value, self.decimals, pad=self.pad)

    def text(self, decimals: int | None = None) -> str:
        """The figure with another number of decimals."""
        places = self.decimals if decimals is None else decimals
        return format_number(self.value, places, pad=self.pad)

    def plain(self) -> str:
        """The figure without the two digits of a small whole amount: ``5``, as the appendix tables write it."""
        return format_number(self.value, self.decimals)

    def __bool__(self) -> bool:
        """False for zero, so ``{% if f.x.month %}`` reads "if there was any"."""
        return self.value != 0


@dataclass(frozen=True)
class Change:
    """A percent change: ``tăng 8,92%``, ``giảm 0,01%``, ``tương đương``."""

    percent: Decimal
    figure: str = field(default="", compare=False)

    def __str__(self) -> str:
        return self.text()

    def text(self, precision: int = 2) -> str:
        rounded = round_half_up(self.percent, precision)
        if rounded == 0:
            return messages.SAME
        verb = messages.UP if rounded > 0 else messages.DOWN
        return messages.CHANGE.format(verb=verb, percent=format_percent(abs(rounded), precision))

    def level(self, precision: int = 2, word: str = messages.LEVEL_WORD) -> str:
        """The same comparison said as a level: ``bằng 64,13%`` (or ``đạt 94,94%`` with ``word``)."""
        return messages.LEVEL.format(word=word, percent=format_percent(HUNDRED + self.percent, precision))

    def amount(self, precision: int = 2) -> str:
        """Just the rounded figure without a sign: ``8,92``."""
        return format_percent(abs(self.percent), precision)


@dataclass(frozen=True)
class Difference:
    """An absolute difference: ``tăng 84 trường hợp``, ``giảm 06 vụ``, ``tương đương``."""

    delta: Decimal
    decimals: int
    unit: str
    figure: str = field(default="", compare=False)

    def __str__(self) -> str:
        return self.text()

    def text(self, unit: str | None = None) -> str:
        """The phrase with the indicator's unit, or ``unit`` instead (``''`` for none)."""
        rounded = round_half_up(self.delta, self.decimals)
        if rounded == 0:
            return messages.SAME
        verb = messages.UP if rounded > 0 else messages.DOWN
        words = self.unit if unit is None else unit
        amount = format_number(abs(rounded), self.decimals, pad=pads(self.unit))
        return messages.DIFFERENCE.format(verb=verb, amount=amount, unit=words).rstrip()


@dataclass(frozen=True)
class PlanShare:
    """Year to date against the plan: ``đạt 22,81% KH``, ``vượt 13,15% KH``."""

    percent: Decimal
    label: str = messages.PLAN_LABEL
    figure: str = field(default="", compare=False)

    def __str__(self) -> str:
        return self.text()

    def text(self, precision: int = 2) -> str:
        rounded = round_half_up(self.percent, precision)
        if rounded > HUNDRED:
            return messages.PLAN_EXCEEDED.format(percent=format_percent(rounded - HUNDRED, precision), label=self.label)
        return messages.PLAN_REACHED.format(percent=format_percent(rounded, precision), label=self.label)

    def amount(self, precision: int = 2) -> str:
        """Just the share of the plan reached, as the appendix's "% KH" column writes it: ``22,81``, ``113,15``."""
        return format_percent(self.percent, precision)

    def level(self, precision: int = 2) -> str:
        """Always as a level: ``đạt 113,15% KH``."""
        return messages.PLAN_REACHED.format(percent=format_percent(self.percent, precision), label=self.label)

    def rate(self, precision: int = 2) -> str:
        """As the disbursement sentences say it: ``đạt tỷ lệ 19,3% KH`` (``vượt …`` above the plan)."""
        rounded = round_half_up(self.percent, precision)
        if rounded > HUNDRED:
            return self.text(precision)
        return messages.PLAN_RATE.format(percent=format_percent(rounded, precision), label=self.label)


def _number(amount: Amount | None, decimals: int, figure: str = "", pad: bool = True) -> Number | Missing:
    return MISSING if amount is None else Number(amount.value, decimals, amount.estimate, figure, pad)


def _change(percent: Decimal | None, figure: str = "") -> Change | Missing:
    return MISSING if percent is None else Change(percent, figure)


def _difference(now: Amount | None, before: Amount | None, decimals: int, unit: str,
                figure: str = "") -> Difference | Missing:
    if now is None or before is None:
        return MISSING
    return Difference(now.value - before.value, decimals, unit, figure)


class FigureView:
    """What a template sees as ``f.CODE``: the figures of one indicator as phrases."""

    def __init__(self, figures: Figures, parent: Figures | None = None) -> None:
        self._f = figures
        self._parent = parent
        ind = figures.indicator
        self.indicator = ind
        self.parent_unit = None if parent is None else parent.indicator.unit
        self.code = ind.code
        self.name = ind.name
        self.unit = ind.unit
        self.decimals = ind.decimals
        d, code = ind.decimals, ind.code
        self._pad = pad = pads(ind.unit)
        self.month = _number(figures.month, d, f"{code}.month", pad)
        self.prev_month = _number(figures.prev_month, d, f"{code}.prev_month", pad)
        self.month_ly = _number(figures.month_ly, d, f"{code}.month_ly", pad)
        self.qtd = _number(figures.qtd, d, f"{code}.qtd", pad)
        self.qtd_ly = _number(figures.qtd_ly, d, f"{code}.qtd_ly", pad)
        self.ytd = _number(figures.ytd, d, f"{code}.ytd", pad)
        self.ytd_ly = _number(figures.ytd_ly, d, f"{code}.ytd_ly", pad)
        plan = figures.plan
        self.plan: Number | Missing
        if plan is None or isinstance(plan, tuple):
            self.plan = MISSING
        else:
            self.plan = Number(plan, d, figure=f"{code}.plan", pad=pad)
        self.mom = _change(figures.mom, f"{code}.mom")
        self.yoy_month = _change(figures.yoy_month, f"{code}.yoy_month")
        self.yoy_qtd = _change(figures.yoy_qtd, f"{code}.yoy_qtd")
        self.yoy_ytd = _change(figures.yoy_ytd, f"{code}.yoy_ytd")
        self.diff_prev = _difference(figures.month, figures.prev_month, d, ind.unit, f"{code}.diff_prev")
        self.diff_ytd = _difference(figures.ytd, figures.ytd_ly, d, ind.unit, f"{code}.diff_ytd")
        self.index_month = _change(figures.index_month, f"{code}.index_month")
        self.index_ytd = _change(figures.index_ytd, f"{code}.index_ytd")
        share = figures.plan_ratio
        self.plan_ratio: PlanShare | Missing = (MISSING if share is None
                                                 else PlanShare(share, ind.plan_label, f"{code}.plan_ratio"))

    @property
    def estimate(self) -> bool:
        return self._f.estimate

    @property
    def uoc(self) -> str:
        """``"ước "`` while the month's figure is an estimate, else nothing."""
        return messages.ESTIMATED if self._f.estimate else ""

    def _written(self, value: Decimal) -> Number:
        return Number(value, self.decimals, pad=self._pad)

    def _with_unit(self, number: Number) -> str:
        return f"{number}%" if self.unit == "%" else f"{number} {self.unit}"

    def target_result(self) -> str:
        """The year's result against its target, as section I of the December report writes it.

        ``85,99 triệu đồng/người (KH: 77,5 triệu đồng/người, vượt 10,95% KH)``;
        for an index ``tăng 12,64% (KH: tăng 7,5%)``; for a range ``13,31% (KH: 12 - 13%)``.
        """
        figures = self._f
        if figures.ytd is None:
            return MISSING_TEXT
        plan = figures.plan
        if self.indicator.kind == Kind.INDEX:
            actual = Change(figures.ytd.value - HUNDRED).text()
            if not isinstance(plan, Decimal):
                return actual
            return messages.TARGET_RESULT.format(actual=actual, plan=Change(plan - HUNDRED).text())
        actual = self._with_unit(self._written(figures.ytd.value))
        if plan is None:
            return actual
        if isinstance(plan, tuple):
            low, high = (self._written(v) for v in plan)
            planned = messages.RANGE.format(low=low, high=self._with_unit(high))
        elif self.unit == "%":
            planned = self._with_unit(self._written(plan))
        else:
            planned = messages.TARGET_PLAN_SHARE.format(plan=self._with_unit(self._written(plan)),
                                                        share=self.plan_ratio)
        return messages.TARGET_RESULT.format(actual=actual, plan=planned)

    def share(self, basis: str = "ytd", precision: int = 2) -> str:
        """This figure as a share of its parent: ``"30,36"`` (no % sign)."""
        if self._parent is None:
            return MISSING_TEXT
        part = getattr(self._f, basis)
        whole = getattr(self._parent, basis)
        value = ratio(part, whole)
        return MISSING_TEXT if value is None else format_percent(value, precision)

    def __bool__(self) -> bool:
        return self._f.month is not None or self._f.ytd is not None


@dataclass(frozen=True)
class TargetLine:
    """One key target as the December report states it."""

    number: int
    name: str
    group: str
    status: str
    parts: tuple[FigureView, ...]


def target_line(result: TargetResult, views: Mapping[str, FigureView]) -> TargetLine:
    status = result.status
    return TargetLine(
        number=result.target.number,
        name=result.target.name,
        group=result.target.group,
        status=TARGET_STATUS[status] if status else MISSING_TEXT,
        parts=tuple(views[fig.indicator.code] for fig, _ in result.parts),
    )


__all__ = [
    "Change",
    "Difference",
    "FigureView",
    "Missing",
    "Number",
    "PlanShare",
    "TargetLine",
    "target_line",
]
