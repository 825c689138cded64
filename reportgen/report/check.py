"""Checking a Word template without building a report (``reportgen check-template``).

:func:`check_template` reads the template as a build does, then renders it
with sample data: the catalog's indicators with no stored figure (each
prints the missing-figure marker), one sample paragraph with a footnote in
every report section, for a month with no year-to-date block, a quarter's
last month and December, so that most branches of the template run. Jinja
stops at the first error; the check then sets the failing tag aside (a
printed value prints nothing, an ``if`` is taken, a loop runs over nothing,
an unclosed block is closed at the part's end) and renders again, until the
template renders or a problem cannot be set aside. Every problem found is
returned, placed as a build's :class:`~reportgen.errors.TemplateError` places
it.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import InlineImage
from jinja2.exceptions import TemplateSyntaxError

from .. import messages
from ..catalog import Catalog, load_catalog
from ..figures import ChartSeries
from ..model import Basis, NarrativeItem, NarrativeKind, Observed, Period
from ..store import Reader
from .assemble import assemble
from .render import (
    CHART_WIDTH_MM,
    DEFAULT_TEMPLATE,
    ReportTemplate,
    open_template,
    template_context,
    template_environment,
)
from .tags import Tag, TemplateProblem

SAMPLE_PERIODS = (Period(2023, 2), Period(2023, 3), Period(2023, 12))
"""A month without the year-to-date block, a quarter's last month, and the year's last."""
MAX_ATTEMPTS = 200
"""Renderings of one period at most: each sets one problem aside."""
UNKNOWN = "__reportgen_set_aside__"
"""The name a tag set aside refers to instead of what failed (an :class:`Unknown`)."""


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


BLANK_PNG = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
             + _chunk(b"IDAT", zlib.compress(b"\x00\xff")) + _chunk(b"IEND", b""))
"""A white pixel: what a chart is while checking (drawing the charts is the slow part of a build)."""


class Unknown:
    """What a value set aside stands for: any attribute, item, call or sum of it is itself; it prints nothing,
    is false, and is an empty list."""

    def __getattr__(self, name: str) -> Unknown:
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __getitem__(self, key: object) -> Unknown:
        return self

    def __call__(self, *args: object, **kwargs: object) -> Unknown:
        return self

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return ""

    def _same(self, *other: object) -> Unknown:
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _same
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __neg__ = __pos__ = _same


class SampleStore(Reader):
    """A store with no figure and, in every report section, one sample paragraph with a footnote."""

    def __init__(self, catalog: Catalog) -> None:
        self.department = next(iter(catalog.departments), "")
        self.sections = list(catalog.sections)

    def current_values(self, first: Period, last: Period, indicators: Collection[str] | None = None,
                       basis: Basis | None = None) -> dict[tuple[str, Period, str], Observed]:
        return {}

    def narratives(self, period: Period) -> list[NarrativeItem]:
        return [item for section in self.sections for item in (
            NarrativeItem(section, NarrativeKind.PARAGRAPH, messages.SAMPLE_PARAGRAPH, self.department),
            NarrativeItem(section, NarrativeKind.FOOTNOTE, messages.SAMPLE_FOOTNOTE, self.department))]


def check_template(template: Path | None = None, catalog: Catalog | None = None) -> list[TemplateProblem]:
    """Every problem of the Word template found by rendering it with sample data; empty when it is sound.

    ``template`` defaults to the built-in one, ``catalog`` to the built-in
    catalog (pass the city's own: the template's ``f.CODE`` are its codes).
    A file that is no Word template raises :class:`~reportgen.errors.TemplateError`.
    """
    doc = open_template(template or DEFAULT_TEMPLATE)
    catalog = catalog or load_catalog()
    problems: list[TemplateProblem] = []

    def image(png: bytes) -> InlineImage:
        return InlineImage(doc, io.BytesIO(png), width=Mm(CHART_WIDTH_MM))

    def blank(_series: ChartSeries) -> bytes:
        return BLANK_PNG

    for period in SAMPLE_PERIODS:
        data = assemble(catalog, SampleStore(catalog), period)
        values = {**template_context(data, image=image, chart=blank).values, UNKNOWN: Unknown()}
        for _ in range(MAX_ATTEMPTS):
            doc.reload()
            try:
                doc.render(values, jinja_env=template_environment(), autoescape=True)
                break
            except Exception as exc:
                problem, tag = doc.failure(exc)
                if problem not in problems:
                    problems.append(problem)
                if not _set_aside(doc, exc, tag):
                    break
    return problems


def _set_aside(doc: ReportTemplate, exc: BaseException, tag: Tag | None) -> bool:
    """Make the failing tag harmless for the next rendering; false when it cannot be (or already was)."""
    if tag is None:
        return False
    part = doc.rendering
    if isinstance(exc, TemplateSyntaxError) and (exc.message or "").startswith("Unexpected end of template"):
        closings = doc.closings.setdefault(part, {})
        if tag.line in closings:
            return False
        closings[tag.line] = f"{{%\nend{tag.keyword} %}}"
        return True
    fixes = doc.fixes.setdefault(part, {})
    if tag.line in fixes:
        return False
    fixes[tag.line] = _harmless(tag)
    return True


_SET_TARGET = re.compile(r"\{%[-+]?\s*set\s+(.+?)\s*=")
# A block opener with an error, written so that it still opens the same block (its end tag stays right).
_OPENERS = {"with": "with", "filter": "filter string", "autoescape": "autoescape true", "macro": "macro _()",
            "footnote": "footnote", "set": "set _", "call": "filter string", "block": "filter string"}


def _harmless(tag: Tag) -> str:
    """What a failing tag is replaced by: the same kind of tag, doing nothing that can fail.

    The inside starts on a line of its own, as in every tag of the source.
    """
    keyword = tag.keyword
    if keyword in ("if", "elif"):
        return f"{{%\n{keyword} true %}}"
    if keyword == "for":
        return "{%\nfor _ in () %}"
    if keyword == "set" and not tag.opens:
        target = _SET_TARGET.match(tag.text)
        return f"{{%\nset {target.group(1) if target else '_'} = {UNKNOWN} %}}"
    if tag.opens:
        return f"{{%\n{_OPENERS.get(keyword, 'filter string')} %}}"
    return "{#\n#}"
