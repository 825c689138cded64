"""Vietnamese numbers and times: reading what clerks type, writing what users read.

Writing goes through Babel's ``vi`` locale ("." for thousands, "," for
decimals). Rounding is half away from zero, done here on :class:`Decimal`
before Babel sees the value, so Babel's own banker's rounding never applies.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

LOCALE = "vi"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
"""Where users are: stored times (UTC) are shown in this zone."""

# "1.234.567,89" (grouped) or "1234567,89" (plain); an optional leading minus.
_VN_GROUPED = re.compile(r"^[-−]?\d{1,3}(\.\d{3})+(,\d+)?$")
_VN_PLAIN = re.compile(r"^[-−]?\d+(,\d+)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")


def parse_vn_number(text: str) -> Decimal | None:
    """Read a number typed as text in Vietnamese style, or ``None`` if it is not one.

    ``"1.234,5"`` → 1234.5; ``"1234,5"`` → 1234.5; ``"9.239"`` → 9239.
    English style (``"1,234.5"``), words (``"khoảng 300"``), ``"N/A"`` and a
    lone ``"-"`` are not numbers. Spaces (also non-breaking) are ignored.
    """
    compact = _SPACES.sub("", text)
    if not (_VN_GROUPED.match(compact) or _VN_PLAIN.match(compact)):
        return None
    normalised = compact.replace("−", "-").replace(".", "").replace(",", ".")
    try:
        return Decimal(normalised)
    except InvalidOperation:
        return None


FIGURE_DIGITS = 15
"""A figure has at most this many significant digits: Excel keeps no more of a number."""
FIGURE_LIMIT = Decimal(10) ** 15
"""A figure's absolute value is below this (a million billion): more is no city's figure, in any unit."""
FIGURE_SMALLEST = Decimal(10) ** -15
"""A figure other than zero is at least this in absolute value: less rounds to zero in any report."""


def to_decimal(value: int | float | Decimal) -> Decimal:
    """A Decimal for a cell value; floats keep the 15 significant digits Excel shows (``0.1 + 0.2`` → ``0.3``).

    Infinities and NaN come through as such: :func:`is_figure` tells them apart.
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        if value.is_integer() and abs(value) < FIGURE_LIMIT:
            return Decimal(int(value))
        return Decimal(format(value, f".{FIGURE_DIGITS}g"))
    return Decimal(value)


def significant_digits(value: Decimal) -> int:
    """How many significant digits a finite value has, trailing zeros aside (``1200`` → 2, ``0.050`` → 1).

    Exact for any size: it reads the digits, no context precision applies.
    """
    digits = value.as_tuple().digits
    text = "".join(map(str, digits)).strip("0")
    return len(text)


def is_figure(value: Decimal) -> bool:
    """Whether a value can be a reported figure: finite, at most :data:`FIGURE_DIGITS` significant digits,
    and zero or between :data:`FIGURE_SMALLEST` and :data:`FIGURE_LIMIT` in absolute value.

    Sums, ratios and roundings of such values stay exact in a context of a few dozen digits (the checks of
    :mod:`reportgen.intake.validation` run in one); ``1e300``, ``1e-300`` and a 40-digit number are no figures.
    """
    if not value.is_finite():
        return False
    if value.is_zero():
        return True
    magnitude = value.copy_abs()
    digits = len(value.as_tuple().digits)  # at least the significant digits: read them only when it is too many
    return ((digits <= FIGURE_DIGITS or significant_digits(value) <= FIGURE_DIGITS)
            and magnitude.compare_total(FIGURE_LIMIT) < 0 and magnitude.compare_total(FIGURE_SMALLEST) >= 0)


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round half away from zero to ``decimals`` places."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def decimals_of(value: Decimal) -> int:
    """How many decimals a value is written with (``1.50`` → 1 after normalising)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def format_number(value: Decimal, decimals: int = 2, pad: bool = False) -> str:
    """``28684.031`` → ``"28.684,031"``; trailing zeros dropped.

    With ``pad``, a whole number from one to nine is written with two digits
    (``"05"``), as the reports write counts.
    """
    rounded = round_half_up(value, decimals)
    if pad and decimals_of(rounded) == 0 and 0 < rounded < 10:
        return f"{int(rounded):02d}"
    # what babel.numbers.format_decimal(rounded, format=…, locale=LOCALE, decimal_quantization=False) does, with
    # the locale and the pattern read once instead of at every figure
    return str(_pattern(decimals).apply(rounded, _locale(), decimal_quantization=False))


@cache
def _locale() -> Locale:
    return Locale.parse(LOCALE)


@cache
def _pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "#" * decimals if decimals else ""))


def format_plain(value: Decimal) -> str:
    """A value in Vietnamese style with exactly the decimals it has: ``9500`` → ``"9.500"``."""
    return format_number(value, decimals_of(value))


def format_percent(value: Decimal, precision: int = 2) -> str:
    """A percentage figure without the sign: ``8.9213`` → ``"8,92"``; ``2.20`` → ``"2,2"``."""
    return format_number(value, precision)


def local_time(moment: dt.datetime) -> dt.datetime:
    """A stored moment (aware, any zone) in Vietnam's time."""
    return moment.astimezone(VIETNAM)


def format_moment(moment: dt.datetime) -> str:
    """A stored moment as users read it, in Vietnam's time: ``28/03/2023 15:00``."""
    return local_time(moment).strftime("%d/%m/%Y %H:%M")
