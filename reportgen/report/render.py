"""Rendering a report's data through the Word template (docxtpl, autoescape on).

:func:`render` reads a :class:`~reportgen.report.data.ReportData` and the
template, and nothing else: :func:`template_context` gives the template every
name it can use (listed, with an example each, in the template guide;
:data:`TEMPLATE_NAMES` is the list a test holds the guide to), and
:class:`FootnoteBlock` adds the ``{% footnote %}`` tag. Markers left in the
text then become repeated paragraphs and real footnotes, and document
properties and zip times are fixed, so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from docx import Document
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser

from .. import messages
from ..catalog import TARGET_GROUPS, TASKS_SECTION
from ..errors import TemplateError
from ..files import DEFAULT_TEMPLATES, normalize_zip
from ..model import ROMAN, Kind, NarrativeKind, Verdict
from .assemble import figure_views
from .data import ReportData
from .footnotes import FootnoteRegistry, apply_markers, repeat_marker, strip_markers
from .wording import MISSING_TEXT, FigureView, target_line

DEFAULT_TEMPLATE = DEFAULT_TEMPLATES / "report.docx"
CHART_WIDTH_MM = 240


class Paragraph:
    """A narrative paragraph; printing it places its footnotes' markers at its end."""

    def __init__(self, text: str, department: str, footnotes: list[str], registry: FootnoteRegistry) -> None:
        self.text = text
        self.department = department
        self.footnotes = footnotes
        self._registry = registry

    def __str__(self) -> str:
        return self.text + "".join(self._registry.mark(note) for note in self.footnotes)


class Paragraphs(list[Any]):
    """A list printed one item per Word paragraph.

    Printed in a paragraph (``- {{ tasks }}``), it repeats that paragraph
    once per item, each copy with the paragraph's style and the text around
    the tag, and leaves the paragraph out when the list is empty. It is still
    a list: ``{% for p in narrative('econ.trade') %}`` and ``{% if tasks %}``
    work as before.
    """

    def __str__(self) -> str:
        return repeat_marker(str(item) for item in self)


class Listing:
    """The separators of a sentence that lists only the items whose figures are there.

    ``{% set sep = listing('; ') %}`` starts a list; ``{{ sep() }}`` before
    each item prints nothing the first time and the separator after (as
    Jinja's ``joiner``); ``{{ sep.end }}`` at the end of the paragraph leaves
    the paragraph out when no item was printed, and prints nothing otherwise.
    """

    def __init__(self, separator: str) -> None:
        self.separator = separator
        self.used = False

    def __call__(self) -> str:
        """The separator; nothing the first time."""
        if self.used:
            return self.separator
        self.used = True
        return ""

    @property
    def end(self) -> str:
        """Nothing when an item was printed; else the marker that leaves the paragraph out."""
        return "" if self.used else repeat_marker(())


@dataclass
class ReportContext:
    """Everything the template sees, also usable from Python."""

    values: dict[str, Any] = field(default_factory=dict)
    footnotes: FootnoteRegistry = field(default_factory=FootnoteRegistry)


def template_context(data: ReportData, image: Callable[[bytes], Any] | None = None) -> ReportContext:
    """The names a template can use, from the report's data alone.

    ``image`` turns PNG bytes into what the template places (docxtpl's
    ``InlineImage``); without it, a chart is its PNG bytes.
    """
    catalog, period, header = data.catalog, data.period, data.header
    context = ReportContext()
    registry = context.footnotes
    views = figure_views(catalog, data.figures)

    by_section: dict[str, Paragraphs] = {}
    current: Paragraph | None = None
    department = None
    for item in data.narratives:
        if item.department != department:
            department, current = item.department, None
        text = strip_markers(item.text)
        if item.kind == NarrativeKind.FOOTNOTE and current is not None:
            current.footnotes.append(text)
            continue
        current = Paragraph(text, item.department, [], registry)
        by_section.setdefault(item.section, Paragraphs()).append(current)

    def narrative(section: str) -> Paragraphs:
        """The departments' paragraphs for a section, in catalog order of departments.

        Printed, one Word paragraph each, with their footnotes (:class:`Paragraphs`).
        """
        if section not in catalog.sections:
            raise TemplateError(messages.TEMPLATE_UNKNOWN_SECTION.format(section=section))
        return by_section.get(section, Paragraphs())

    def footnote(text: Any) -> str:
        """A footnote at this place of the text."""
        return registry.mark(str(text))

    def breakdown(code: str, basis: str = "ytd", lead: str = messages.BREAKDOWN_LEAD, exclude: tuple[str, ...] = (),
                  compare: str = "", share: bool = True) -> str:
        """A footnote listing the indicator's "trong đó" parts from the catalog."""
        parts = [views[child.code] for child in catalog.children(code) if child.code not in exclude]
        phrases = [_part_phrase(view, basis, compare, share) for view in parts if getattr(view, basis)]
        if not phrases:
            return ""
        text = lead + "; ".join(phrases) + "."
        return registry.mark(text[0].upper() + text[1:])

    def drawn(series: Any) -> Any:
        from .charts import chart_png  # matplotlib is slow to import: only when a chart is drawn

        png = chart_png(series)
        return png if image is None else image(png)

    lines = [target_line(result, views) for result in data.targets]
    target_groups = [
        {"key": key, "letter": "abcd"[n], "title": title, "targets": [t for t in lines if t.group == key]}
        for n, (key, title) in enumerate(TARGET_GROUPS.items())
    ]
    met = sum(1 for result in data.targets if result.status in (Verdict.MET, Verdict.EXCEEDED))
    day = header.date

    context.values = {
        "period": period,
        "next": period.next,
        "f": views,
        "narrative": narrative,
        "tasks": narrative(TASKS_SECTION),
        "footnote": footnote,
        "breakdown": breakdown,
        "targets": lines,
        "target_groups": target_groups,
        "targets_met": met,
        "targets_total": len(lines),
        "appendix": list(data.appendix),
        "target_rows": list(data.target_rows),
        "charts": [drawn(series) for series in data.charts],
        "report": {
            "number": header.number,
            "place_date": messages.PLACE_DATE.format(place=header.place, day=day.day, month=day.month, year=day.year),
            "date_short": day.strftime("%d/%m/%Y"),
            "issuer_parent": header.issuer_parent,
            "issuer": header.issuer,
            "issuer_short": header.issuer_short,
            "issuer_name": header.issuer_name,
            "signer_title": header.signer_title,
            "signer_name": header.signer_name,
            "recipients": Paragraphs(header.recipients),
        },
        "listing": Listing,
        "roman": lambda n: ROMAN.get(n, str(n)),
        "department_name": lambda code: catalog.departments[code].name,
        "missing": MISSING_TEXT,
    }
    return context


def _part_phrase(view: FigureView, basis: str, compare: str = "", share: bool = True) -> str:
    """One part of a breakdown footnote.

    An index: ``ngành phân phối điện tăng 5,06%``; a count: ``221 dự án đang
    hoạt động``; otherwise the value with, for the month, its share of the
    whole and its change since last month (``chiếm 97,5%, tăng 0,54%``) and,
    for the year to date, its share of plan and its change on last year.
    """
    ind = view.indicator
    name = ind.name[0].lower() + ind.name[1:] if ind.name else ind.name
    if ind.kind == Kind.INDEX:
        change = view.index_ytd if basis == "ytd" else view.index_month
        return f"{name} {change}"
    value = getattr(view, basis)
    if ind.is_count:
        return f"{value} {name}"
    phrase = f"{name} {value} {view.unit}"
    if basis == "month":
        part_share = view.share("month")
        if share and part_share != MISSING_TEXT and view.parent_unit == ind.unit:
            phrase += messages.PART_SHARE.format(share=part_share)
        change = view.yoy_month if compare == "yoy" else view.mom
        if change:
            phrase += messages.PART_COMPARED.format(change=change,
                                                    base=messages.COMPARED_BASES["yoy" if compare == "yoy" else "mom"])
        return phrase
    if view.plan_ratio:
        phrase += f", {view.plan_ratio}"
    if view.yoy_ytd and compare != "none":
        phrase += messages.PART_COMPARED.format(change=view.yoy_ytd, base=messages.COMPARED_BASES["yoy"])
    return phrase


_XML_TAG = re.compile(r"<[^>]*>")


class FootnoteBlock(Extension):
    """The ``{% footnote %}…{% endfootnote %}`` tag: the text between, figures printed, becomes a footnote here.

    The text is the footnote's sentence as it reads, typed in the template;
    it calls the context's ``footnote`` and prints its marker. The text
    stays within one paragraph (Word's run boundaries inside it are dropped).
    """

    tags = {"footnote"}  # noqa: RUF012 - Jinja reads the tag names from the class

    def parse(self, parser: Parser) -> nodes.Node:
        """Read the tag up to ``{% endfootnote %}``: a call of ``footnote`` with the text between."""
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(("name:endfootnote",), drop_needle=True)
        call = self.call_method("_place", [nodes.Name("footnote", "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    @staticmethod
    def _place(footnote: Callable[[str], str], caller: Callable[[], str]) -> str:
        return footnote(html.unescape(_XML_TAG.sub("", str(caller()))))


TEMPLATE_NAMES = (
    "period", "next", "f", "narrative", "tasks", "footnote", "breakdown", "targets", "target_groups",
    "targets_met", "targets_total", "appendix", "target_rows", "charts", "report", "listing", "roman",
    "department_name", "missing",
)


def render(data: ReportData, template: Path | None = None) -> bytes:
    """The report document for ``data``, as .docx bytes, through ``template`` (default: the built-in one)."""
    source = template or DEFAULT_TEMPLATE
    if not source.is_file():
        raise TemplateError(messages.TEMPLATE_NOT_FOUND.format(path=source))
    doc = DocxTemplate(str(source))
    context = template_context(data, image=lambda png: InlineImage(doc, io.BytesIO(png), width=Mm(CHART_WIDTH_MM)))
    return render_bytes(doc, source.name, context.values, context.footnotes, _properties(data))


def render_bytes(doc: DocxTemplate, name: str, values: dict[str, Any], registry: FootnoteRegistry,
                 set_properties: Callable[[Any], None]) -> bytes:
    """Render a template with values; footnotes made real; properties fixed; zip normalised."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, extensions=[FootnoteBlock])
    try:
        doc.render(values, jinja_env=env, autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateError(messages.TEMPLATE_FAILED.format(name=name, error=exc)) from exc
    buffer = io.BytesIO()
    doc.save(buffer)
    with_notes = apply_markers(buffer.getvalue(), registry)
    final = Document(io.BytesIO(with_notes))
    set_properties(final.core_properties)
    out = io.BytesIO()
    final.save(out)
    return normalize_zip(out.getvalue())


def _properties(data: ReportData) -> Callable[[Any], None]:
    def apply(props: Any) -> None:
        fixed = dt.datetime.combine(data.header.date, dt.time(8, 0))
        props.author = data.header.issuer.title()
        props.last_modified_by = "reportgen"
        props.title = messages.REPORT_TITLE.format(month_name=data.period.month_name)
        props.created = fixed
        props.modified = fixed
        props.revision = 1
        props.last_printed = fixed
    return apply
