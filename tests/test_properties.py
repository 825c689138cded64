"""Properties of reading and validation: whatever a returned file holds, the answer is acceptance or findings.

Arbitrary values are written into a real form's cells (numbers of any size,
text of any length with any characters, dates, times, booleans, Excel error
values, and raw cell XML no spreadsheet program writes), and arbitrary bytes
are given as a workbook. Reading and validating must never raise; what they
accept must be storable figures and clean text; every message must be safe to
write back into a workbook. Runs are derandomized, so CI sees the same examples
every time.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from reportgen import Catalog, Limits, Period, check_bytes, parse_catalog
from reportgen.demo.filler import fill_form
from reportgen.forms import build_form
from reportgen.forms import layout as L
from reportgen.intake.reading import UnreadableWorkbookError, read_form
from reportgen.intake.validation import validate_form
from reportgen.numbers import is_figure

from conftest import COVER, GOOD, NARRATIVE, SMALL_CATALOG

MARCH = Period(2023, 3)
PROPERTY = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@cache
def small() -> Catalog:
    return parse_catalog(SMALL_CATALOG, "small.toml")


@cache
def good_form() -> bytes:
    """The trade department's March form, filled with good figures."""
    return fill_form(build_form(small(), "SCT", MARCH), GOOD, COVER, NARRATIVE)


@dataclass(frozen=True)
class Raw:
    """A cell whose XML the test writes itself: ``<v>text</v>`` of a number, or a string with any characters."""

    number: bool
    text: str


ERROR_VALUES = ["#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]
LEGAL_TEXT = st.text(st.characters(codec="utf-8"), max_size=60).filter(
    lambda text: not ILLEGAL_CHARACTERS_RE.search(text))

CELL_VALUES = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.decimals(allow_nan=False, allow_infinity=False).map(lambda d: str(d).replace(".", ",")),  # text "1234,5"
    LEGAL_TEXT,
    st.sampled_from(["9.239,42", "1,234.5", "khoảng 300", "N/A", "-", "−5", " 12 ", "0,0000000000000000001",
                     "1" * 40, "1e300", "=1/0", "=SUM(F6:F7)", "{{ x }}", "<b>&amp;</b>"]),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),  # noqa: DTZ001 - as typed
    st.times(),
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=10000)),
    st.booleans(),
    st.sampled_from(ERROR_VALUES),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["a", "ư", "😀", " ", "\n", "9"]),
              st.integers(min_value=30000, max_value=40000)),
    st.builds(Raw, st.just(True), st.one_of(
        st.sampled_from(["inf", "-inf", "NaN", "1e999", "-1e999", "1e-999", "", " ", "1,5", "0x1F", "١٢٣", "1e+40"]),
        st.text(alphabet="0123456789eE+-.", max_size=30))),
    st.builds(Raw, st.just(False), st.text(st.characters(codec="utf-8"), max_size=80)),
)

DATA_CELLS = [f"{c}{r}" for r in range(L.DATA_FIRST_ROW, L.DATA_FIRST_ROW + 6) for c in "BCFGIK"]
COVER_CELLS = [f"B{row}" for row in (4, 6, 10, 11, 12)]
NARRATIVE_CELLS = [f"{c}{r}" for r in range(L.NARR_FIRST_ROW, L.NARR_FIRST_ROW + 4) for c in "BCD"]
PLACES = st.one_of(
    st.tuples(st.just(L.DATA_SHEET), st.sampled_from(DATA_CELLS)),
    st.tuples(st.just(L.COVER_SHEET), st.sampled_from(COVER_CELLS)),
    st.tuples(st.just(L.NARRATIVE_SHEET), st.sampled_from(NARRATIVE_CELLS)),
)


def ooxml_text(text: str) -> str:
    """A string as a sheet's XML carries it: XML escapes, and ``_xHHHH_`` for characters XML cannot hold."""
    def one(ch: str) -> str:
        if ILLEGAL_CHARACTERS_RE.match(ch) or ch in "\ufffe\uffff" or ch == "_":
            return f"_x{ord(ch):04X}_"
        return html.escape(ch, quote=False)
    return "".join(one(ch) for ch in text)


def written(cells: dict[tuple[str, str], Any]) -> bytes:
    """The good form with ``cells`` overwritten as a clerk, a paste or another program would leave them."""
    wb = load_workbook(io.BytesIO(good_form()))
    raw: dict[str, Raw] = {}
    for number, ((sheet, ref), value) in enumerate(sorted(cells.items(), key=lambda item: item[0])):
        if isinstance(value, Raw) and value.number:  # a number no other could be, its XML replaced after saving
            marker = 987654 + (2 * number + 1) / 16
            raw[repr(marker)] = value
            wb[sheet][ref] = marker
        elif isinstance(value, Raw):
            raw[f"@@RAW{number}@@"] = value
            wb[sheet][ref] = f"@@RAW{number}@@"
        else:
            wb[sheet][ref] = value
    out = io.BytesIO()
    wb.save(out)
    return replaced(out.getvalue(), raw) if raw else out.getvalue()


def replaced(data: bytes, raw: dict[str, Raw]) -> bytes:
    """Put each raw value's XML where its marker was written."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml":
                text = content.decode("utf-8")
                for marker, value in raw.items():
                    if value.number:
                        text = text.replace(f"<v>{marker}</v>", f"<v>{html.escape(value.text)}</v>")
                    else:
                        text = text.replace(f"<t>{marker}</t>", f'<t xml:space="preserve">{ooxml_text(value.text)}</t>')
                content = text.encode("utf-8")
            target.writestr(name, content)
    return out.getvalue()


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def answer_is_sound(data: bytes, name: str) -> None:
    """Read and validate in this process (so nothing hides in a child): findings or acceptance, never an exception."""
    try:
        raw = read_form(data)
    except UnreadableWorkbookError:
        return
    checked = validate_form(raw, small(), name)
    for item in checked.findings:
        assert item.code in small().rules
        assert not CONTROL.search(item.message), item  # safe to write back into the annotated copy
        assert len(item.message) < 2000
    if checked.accepted:
        assert all(is_figure(o.value) for o in checked.observations)
        assert all(not CONTROL.search(n.text) for n in checked.narratives)
        assert all(isinstance(o.value, Decimal) for o in checked.observations)


@PROPERTY
@given(st.dictionaries(PLACES, CELL_VALUES, max_size=6))
def it_answers_any_cell_values_with_acceptance_or_findings(cells: dict[tuple[str, str], Any]) -> None:
    answer_is_sound(written(cells), "2023-03_SCT.xlsx")


def it_accepts_the_form_the_properties_start_from() -> None:
    raw = read_form(written({}))
    checked = validate_form(raw, small(), "2023-03_SCT.xlsx")
    assert (checked.accepted, checked.findings) == (True, [])


BYTES = st.one_of(
    st.binary(max_size=4096),
    st.builds(lambda head, tail: head + tail, st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                                                               b"<html>", b"\xef\xbb\xbf"]), st.binary(max_size=2048)),
    st.builds(lambda cut: good_form()[:cut], st.integers(min_value=0, max_value=40000)),
    st.builds(lambda at, junk: good_form()[:at] + junk + good_form()[at + len(junk):],
              st.integers(min_value=0, max_value=40000), st.binary(min_size=1, max_size=64)),
)


@settings(PROPERTY, max_examples=300)
@given(BYTES)
def it_answers_any_bytes_given_as_a_workbook_with_findings(data: bytes) -> None:
    checked = check_bytes(data, "tai-len.xlsx", small(), limits=Limits(seconds=10))
    assert checked.findings or checked.accepted
    assert all(f.code in small().rules for f in checked.findings)
    if any(f.code.startswith("file.") for f in checked.findings):
        assert not checked.accepted and not checked.observations
    answer_is_sound(data, "tai-len.xlsx")
