"""Vietnamese numbers and times: reading what clerks type, writing what users read.

Writing goes through Babel's ``vi`` locale ("." for thousands, "," for
decimals). Rounding is half away from zero, done here on :class:`Decimal`
before Babel sees the value, so Babel's own banker's rounding never applies.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal

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


def to_decimal(value: int | float | Decimal) -> Decimal:
    """An exact Decimal for a cell value; floats go through their shortest repr."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
    return Decimal(value)


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
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(rounded, format=pattern, locale=LOCALE, decimal_quantization=False)


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
