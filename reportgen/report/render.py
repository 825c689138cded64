"""Rendering a report's data through the Word template (docxtpl, autoescape on).

:func:`render` reads a :class:`~reportgen.report.data.ReportData` and the
template, and nothing else: :func:`template_context` gives the template every
name it can use (listed, with an example each, in the template guide;
:data:`TEMPLATE_NAMES` is the list a test holds the guide to), and
:class:`FootnoteBlock` adds the ``{% footnote %}`` tag. Markers left in the
text then become repeated paragraphs and real footnotes, and document
properties and zip times are fixed, so the same data gives the same bytes.

Text typed outside the template (departments' paragraphs, the planner's
number and signer) prints as typed: :func:`~.footnotes.clean_text` takes out
what could fake a footnote or a paragraph, and every printed value's braces
are written as character references, so docxtpl's own rewriting of the
rendered XML (``{_{`` → ``{{``, ``{_%`` → ``{%``, …) never reaches them. A
template that cannot be opened or whose code fails raises a
:class:`~reportgen.errors.TemplateError` naming the paragraph and the tag
(:class:`ReportTemplate`, :mod:`.tags`).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from lxml import etree
from markupsafe import Markup, escape

from .. import messages
from ..catalog import TARGET_GROUPS, TASKS_SECTION
from ..errors import TemplateError
from ..figures import ChartSeries
from ..files import DEFAULT_TEMPLATES, zip_normalized
from ..model import ROMAN, Kind, NarrativeKind, Verdict
from .assemble import figure_views
from .bookmarks import figure_bookmarks, figure_marker
from .data import ReportData
from .footnotes import (
    FOOTNOTES_CT,
    FOOTNOTES_PART,
    FOOTNOTES_REL,
    FootnoteRegistry,
    clean_text,
    footnotes_relationship_id,
    repeat_marker,
    resolve_markers,
)
from .tags import PROPERTIES, Tag, TemplateProblem, jinja_source, locate, tags
from .wording import MISSING_TEXT, FigureView, target_line

DEFAULT_TEMPLATE = DEFAULT_TEMPLATES / "report.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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


def template_context(data: ReportData, image: Callable[[bytes], Any] | None = None,
                     chart: Callable[[ChartSeries], bytes] | None = None) -> ReportContext:
    """The names a template can use, from the report's data alone.

    ``image`` turns PNG bytes into what the template places (docxtpl's
    ``InlineImage``); without it, a chart is its PNG bytes. ``chart`` draws a
    chart's PNG (default: :func:`reportgen.report.charts.chart_png`).
    """
    catalog, period, header = data.catalog, data.period, data.header
    context = ReportContext()
    registry = context.footnotes
    views = data.views or figure_views(catalog, data.figures)

    by_section: dict[str, Paragraphs] = {}
    current: Paragraph | None = None
    department = None
    for item in data.narratives:
        if item.department != department:
            department, current = item.department, None
        text = clean_text(item.text)
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

    def drawn(series: ChartSeries) -> Any:
        if chart is None:
            from .charts import chart_png  # matplotlib is slow to import: only when a chart is drawn

            png = chart_png(series)
        else:
            png = chart(series)
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
        "report": {  # typed by a planner (number, signer) or in the catalog: as outside text
            "number": clean_text(header.number),
            "place_date": clean_text(messages.PLACE_DATE.format(place=header.place, day=day.day, month=day.month,
                                                                year=day.year)),
            "date_short": day.strftime("%d/%m/%Y"),
            "issuer_parent": clean_text(header.issuer_parent),
            "issuer": clean_text(header.issuer),
            "issuer_short": clean_text(header.issuer_short),
            "issuer_name": clean_text(header.issuer_name),
            "signer_title": clean_text(header.signer_title),
            "signer_name": clean_text(header.signer_name),
            "recipients": Paragraphs(clean_text(line) for line in header.recipients),
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

_PARAGRAPH_LINE = re.compile(r"\n<w:p([ >])")
# What docxtpl's resolve_listing turns into Word's own tab, line or page break, or a new paragraph.
_LISTING_CHARS = re.compile("[\t\n\a\f]")


def _nothing_to_list(xml: str) -> bool:
    """Whether docxtpl's resolve_listing would give ``xml`` back as it is, read in one pass instead of its three.

    It changes those characters only within a text as it finds one: from a
    ``<w:t>`` (or ``<w:t …>``) to the next ``</w:t>``. Elsewhere (the
    indented XML of a picture) they stay.
    """
    inside, checked = False, 0  # whether the last text opened before ``checked`` runs on to it
    for found in _LISTING_CHARS.finditer(xml):
        at = found.start()
        opening = max(xml.rfind("<w:t ", checked, at), xml.rfind("<w:t>", checked, at))
        if opening >= 0:
            inside, checked = True, opening
        if inside and xml.find("</w:t>", checked, at) >= 0:
            inside = False
        if inside:
            return False
        checked = at
    return True


# What docxtpl rewrites in the rendered XML: a template may type "{_{" to print "{{".
_DOCXTPL_ESCAPES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))


class ReportTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl ships no type information
    """A Word template as docxtpl renders it, each part's Jinja source kept so that a failure can be placed.

    Each part (body, headers, footers, the template's own footnotes) is
    rendered from :func:`~.tags.jinja_source` (every tag's inside on a line
    of its own); :meth:`failure` says which tag of which paragraph an error
    came from. ``fixes`` and ``closings`` are for checking a template
    (:func:`reportgen.report.check.check_template`): tags set aside, by part
    and line, and end tags added at a part's end (by the line of the tag they
    close), so that rendering goes on past a problem to find the next.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path
        self.sources: dict[str, tuple[str, str]] = {}
        self.raw: dict[str, str] = {}
        self._patched_from = ""
        self.rendering = ""
        self.fixes: dict[str, dict[int, str]] = {}
        self.closings: dict[str, dict[int, str]] = {}

    def patch_xml(self, src_xml: str) -> str:
        """docxtpl's own; the part's XML as Word has it is kept for :meth:`failure`."""
        self._patched_from = src_xml
        return str(super().patch_xml(src_xml))

    def render_xml_part(self, src_xml: str, part: Any, context: dict[str, Any],
                        jinja_env: jinja2.Environment | None = None) -> str:
        """docxtpl's own, from the part's source with a line per tag (and any fixes of a check)."""
        environment = jinja_env or template_environment()
        name = str(part.partname)
        original = jinja_source(environment, src_xml)
        source = self._fixed(name, original)
        self.rendering, self.sources[name], self.raw[name] = name, (original, source), self._patched_from
        self.current_rendering_part = part
        rendered = _PARAGRAPH_LINE.sub(r"<w:p\1", environment.from_string(source).render(context))
        for typed, meant in _DOCXTPL_ESCAPES:
            rendered = rendered.replace(typed, meant)
        return rendered if _nothing_to_list(rendered) else str(self.resolve_listing(rendered))

    def render_properties(self, context: dict[str, Any], jinja_env: jinja2.Environment | None = None) -> None:
        """docxtpl renders the document's properties (title, subject, …) as templates too."""
        self.rendering = PROPERTIES
        super().render_properties(context, jinja_env)

    def _fixed(self, part: str, source: str) -> str:
        fixes = self.fixes.get(part, {})
        for tag in reversed(tags(source) if fixes else []):
            if tag.line in fixes:
                extra = "\n" * (source.count("\n", tag.start, tag.end) - 1)
                fix = fixes[tag.line]
                source = source[:tag.start] + fix[:-2] + extra + fix[-2:] + source[tag.end:]
        return source + "".join(self.closings.get(part, {}).values())

    def reload(self) -> None:
        """Read the template's file again, before rendering it once more."""
        self.docx = None
        self.init_docx()
        self.sources, self.raw, self.rendering = {}, {}, ""

    def heading_styles(self) -> frozenset[str]:
        """The ids of the paragraph styles of headings and titles: named "Heading …" or "Title …" (or based on
        one), or with an outline level."""
        found = set()
        for style in self.get_docx().styles:
            if style.type != WD_STYLE_TYPE.PARAGRAPH:
                continue
            current, depth = style, 0
            while current is not None and depth < 10:
                properties = current.element.pPr
                level = None if properties is None else properties.find(qn("w:outlineLvl"))
                outline = "9" if level is None else level.get(qn("w:val"), "9")
                if (current.name or "").lower().startswith(("heading", "title")) or (
                        outline.isdigit() and int(outline) < 9):
                    found.add(style.style_id)
                    break
                current, depth = current.base_style, depth + 1
        return frozenset(found)

    def failure(self, exc: BaseException) -> tuple[TemplateProblem, Tag | None]:
        """What went wrong rendering the template, where, and the tag it comes from (if one)."""
        return locate(self.path.name, self.rendering, self.sources.get(self.rendering), exc, self.heading_styles(),
                      self.raw.get(self.rendering))


def open_template(path: Path) -> ReportTemplate:
    """The Word template at ``path``, read; a :class:`TemplateError` says why when it cannot be."""
    if not path.is_file():
        raise TemplateError(messages.TEMPLATE_NOT_FOUND.format(path=path))
    template = ReportTemplate(path)
    try:
        template.init_docx()
    except etree.XMLSyntaxError as exc:  # a part of the package is not XML
        raise _unreadable(path, "damaged") from exc
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError) as exc:  # not a zip, or a broken one
        raise _unreadable(path, "not_docx") from exc
    except KeyError as exc:  # a zip without the parts of a Word document
        raise _unreadable(path, "no_document") from exc
    except ValueError as exc:  # python-docx: "file is not a Word file, content type is …" (a workbook renamed)
        raise _unreadable(path, "not_word") from exc
    except OSError as exc:
        raise _unreadable(path, "unreadable") from exc
    return template


def _unreadable(path: Path, reason: str) -> TemplateError:
    return TemplateError(messages.TEMPLATE_UNREADABLE.format(name=path.name,
                                                             reason=messages.TEMPLATE_UNREADABLE_REASONS[reason]))


def _printed(value: Any) -> Any:
    """What ``{{ … }}`` prints: markup (an image) as it is; any other value escaped, its braces as character
    references, so that docxtpl's rewriting of the rendered XML (``{_{`` → ``{{``) cannot change it; a figure
    (:mod:`.wording`) marked for the bookmark that will hold it (:mod:`.bookmarks`)."""
    if hasattr(value, "__html__"):
        return value
    text = str(escape(value)).replace("{", "&#123;").replace("}", "&#125;")
    figure = getattr(value, "figure", "")
    return Markup(figure_marker(figure, text) if figure and isinstance(figure, str) and text else text)


def template_environment() -> jinja2.Environment:
    """The Jinja environment a report is rendered in: autoescape, strict names, ``{% footnote %}``, literal values."""
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, extensions=[FootnoteBlock],
                              finalize=_printed)


def render(data: ReportData, template: Path | None = None) -> bytes:
    """The report document for ``data``, as .docx bytes, through ``template`` (default: the built-in one)."""
    return render_document(data, template).docx


@dataclass(frozen=True)
class Rendered:
    """A rendered document and the figures it states, by bookmark (:func:`~.bookmarks.stated_figures`)."""

    docx: bytes
    stated: dict[str, str]


def render_document(data: ReportData, template: Path | None = None) -> Rendered:
    """:func:`render`, with the figures the document states."""
    doc = open_template(template or DEFAULT_TEMPLATE)
    context = template_context(data, image=lambda png: InlineImage(doc, io.BytesIO(png), width=Mm(CHART_WIDTH_MM)))
    return render_package(doc, context.values, context.footnotes, _properties(data))


def render_bytes(doc: ReportTemplate, values: dict[str, Any], registry: FootnoteRegistry,
                 set_properties: Callable[[Any], None]) -> bytes:
    """Render a template with values; footnotes made real; properties fixed; zip normalised.

    Any error of the template's code, at compiling or rendering, is a
    :class:`TemplateError` naming the paragraph and the tag.
    """
    return render_package(doc, values, registry, set_properties).docx


def render_package(doc: ReportTemplate, values: dict[str, Any], registry: FootnoteRegistry,
                   set_properties: Callable[[Any], None]) -> Rendered:
    """:func:`render_bytes`, with the figures the document states.

    The document is finished in memory, in the package docxtpl rendered,
    and written once: the same bytes as saving it, resolving the markers in
    the saved document (:func:`~.footnotes.resolve_markers`), opening that
    with python-docx, setting its properties, saving it and normalising the
    zip (:func:`reportgen.files.normalize_zip`), without the four zips between.
    """
    try:
        doc.render(values, jinja_env=template_environment(), autoescape=True)
    except Exception as exc:
        problem, _ = doc.failure(exc)
        raise TemplateError(str(problem)) from exc
    document: Any = doc.docx  # python-docx's Document, rendered (get_docx() would read the template again)
    main, package = document.part, document.part.package
    body = main.element
    notes_part = next((part for part in package.iter_parts() if part.partname == FOOTNOTES_PART), None)
    notes = resolve_markers(body, None if notes_part is None else notes_part.blob, registry)
    stated = figure_bookmarks(body)
    _compact_pictures(body)
    if _drops_whitespace(body):  # as python-docx reads a saved part back
        main._element = parse_xml(etree.tostring(body, xml_declaration=True, encoding="UTF-8", standalone=True))
    if notes_part is None:
        notes_part = Part(PackURI(FOOTNOTES_PART), FOOTNOTES_CT, notes, package)
        main.load_rel(FOOTNOTES_REL, notes_part, footnotes_relationship_id(main.rels))
    elif notes is not None:
        notes_part._blob = notes
    # docxtpl rendered the properties: read them back too (an empty title is empty text in memory, none when read)
    core = package.part_related_by(RT.CORE_PROPERTIES)
    core._element = parse_xml(core.blob)
    set_properties(document.core_properties)
    return Rendered(package_bytes(package), stated)


def _compact_pictures(root: etree._Element) -> None:
    """Take out the indentation of the pictures docxtpl inserts (python-docx writes their XML indented), as
    libxml2 does when python-docx reads the saved part back.

    Only in a picture that holds no text at all and no ``xml:space`` (in it
    or around it): there libxml2 leaves out every blank text between
    elements, and keeps the blank text that is an element's whole content.
    """
    for drawing in root.iter(W + "drawing"):
        if _KEEPS_TEXT(drawing):
            continue
        for element in drawing.iter():
            if len(element):
                element.text = None
            if element is not drawing:
                element.tail = None


# Text libxml2 keeps: any but blanks, a carriage return (written as a reference, read as text), or xml:space.
_KEEPS_TEXT = etree.XPath("boolean(.//text()[normalize-space() or contains(., '\r')]"
                          " | ancestor-or-self::*/@xml:space | .//@xml:space)")


def _drops_whitespace(root: etree._Element) -> bool:
    """Whether reading the part back as python-docx does (libxml2 leaving out blank text between elements) could
    change it: it holds empty text, or blank text other than the whole content of an element (always kept)."""
    blanks: Any = root.xpath("//text()[not(normalize-space())]")
    return any(not blank or not blank.is_text or len(blank.getparent()) for blank in blanks)


def package_bytes(package: OpcPackage) -> bytes:
    """A python-docx package as the bytes of its normalised zip: what saving it then
    :func:`~reportgen.files.normalize_zip` give (the same parts in the same order, fixed times)."""
    parts: list[Any] = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    # python-docx's own order (PackageWriter.write): content types, the package's relationships, then each part
    # followed by its relationships
    content_types: Any = _ContentTypesItem
    entries = [("[Content_Types].xml", content_types.from_parts(parts).blob), ("_rels/.rels", package.rels.xml)]
    for part in parts:
        entries.append((part.partname.membername, part.blob))
        if len(part.rels):
            entries.append((part.partname.rels_uri.membername, part.rels.xml))
    return zip_normalized((name, blob if isinstance(blob, bytes) else blob.encode("utf-8")) for name, blob in entries)


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
