"""Rendering the report through the Word template (docxtpl, autoescape on).

:func:`build_context` gathers everything a template can use (listed, with an
example each, in ``templates/README.md``; :data:`TEMPLATE_NAMES` is the list a
test holds the guide to). :func:`render_report` renders, turns footnote
markers into real footnotes, fixes the document properties and zip times,
and writes the file atomically.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from docx import Document
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from .aggregate import Aggregator, TargetResult, evaluate_targets
from .archive import write_normalized
from .catalog import TARGET_GROUPS, TASKS_SECTION, Catalog
from .errors import TemplateError
from .footnotes import FootnoteRegistry, apply_footnotes, strip_markers
from .periods import ROMAN, Period
from .store import Store
from .wording import MISSING_TEXT, TARGET_STATUS, FigureView, Number, target_line

DEFAULT_TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "report.docx"
CHART_WIDTH_MM = 240


@dataclass(frozen=True)
class ReportOptions:
    """Build options: the report's number, date, place and signer."""

    number: str = ""
    date: dt.date | None = None
    place: str = "Cần Thơ"
    issuer_parent: str = "UBND THÀNH PHỐ CẦN THƠ"
    issuer: str = "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"
    issuer_short: str = "SKHĐT"
    issuer_name: str = "Sở Kế hoạch và Đầu tư"
    signer_title: str = "GIÁM ĐỐC"
    signer_name: str = ""
    recipients: tuple[str, ...] = ("UBND thành phố;", "Các sở, ban, ngành thành phố;", "Lưu: VT, TH.")

    def report_date(self, period: Period) -> dt.date:
        """Default: the 28th of the reporting month, when such reports are dated."""
        return self.date or dt.date(period.year, period.month, 28)


class Paragraph:
    """A narrative paragraph; printing it places its footnotes' markers at its end."""

    def __init__(self, text: str, department: str, footnotes: list[str], registry: FootnoteRegistry) -> None:
        self.text = text
        self.department = department
        self.footnotes = footnotes
        self._registry = registry

    def __str__(self) -> str:
        return self.text + "".join(self._registry.mark(note) for note in self.footnotes)


@dataclass
class AppendixRow:
    no: str
    name: str
    unit: str
    plan: str
    month: str
    ytd: str
    plan_ratio: str
    yoy: str
    status: str
    heading: bool = False


@dataclass
class ReportContext:
    """Everything the template sees, also usable from Python."""

    values: dict[str, Any] = field(default_factory=dict)
    footnotes: FootnoteRegistry = field(default_factory=FootnoteRegistry)


def _date_line(options: ReportOptions, period: Period) -> str:
    day = options.report_date(period)
    return f"{options.place}, ngày {day.day:02d} tháng {day.month} năm {day.year}"


def _dash(value: Any) -> str:
    return "-" if not value else str(value)


def build_context(catalog: Catalog, store: Store, period: Period, options: ReportOptions | None = None,
                  image: Callable[[bytes], Any] | None = None) -> ReportContext:
    """Figures, narrative, targets and appendix for the period, ready for the template.

    ``image`` turns PNG bytes into what the template places (docxtpl's
    ``InlineImage``); without it, ``chart()`` returns the PNG bytes.
    """
    options = options or ReportOptions()
    context = ReportContext()
    registry = context.footnotes
    values = store.current_values(Period(period.year - 1, 1), period)
    aggregator = Aggregator(catalog, values)
    figures = aggregator.all_figures(period)
    views: dict[str, FigureView] = {}
    for code, fig in figures.items():
        parent = figures.get(catalog.indicators[code].parent or "")
        views[code] = FigureView(fig, parent)

    stored = store.narratives(period)
    order = {code: n for n, code in enumerate(catalog.departments)}
    by_section: dict[str, list[Paragraph]] = {}
    for department in sorted(stored, key=lambda d: order.get(d, len(order))):
        current: Paragraph | None = None
        for item in stored[department]:
            text = strip_markers(item.text)
            if item.kind == "footnote" and current is not None:
                current.footnotes.append(text)
                continue
            current = Paragraph(text, department, [], registry)
            by_section.setdefault(item.section, []).append(current)

    def narrative(section: str) -> list[Paragraph]:
        """The departments' paragraphs for a section, in catalog order of departments."""
        if section not in catalog.sections:
            raise TemplateError(f"Mẫu báo cáo gọi mục '{section}' không có trong danh mục.")
        return by_section.get(section, [])

    def footnote(text: Any) -> str:
        """A footnote at this place of the text."""
        return registry.mark(str(text))

    def breakdown(code: str, basis: str = "ytd", lead: str = "Trong đó, ", exclude: tuple[str, ...] = (),
                  compare: str = "", share: bool = True) -> str:
        """A footnote listing the indicator's "trong đó" parts from the catalog."""
        parts = [views[child.code] for child in catalog.children(code) if child.code not in exclude]
        phrases = [_part_phrase(view, basis, compare, share) for view in parts if getattr(view, basis)]
        if not phrases:
            return ""
        text = lead + "; ".join(phrases) + "."
        return registry.mark(text[0].upper() + text[1:])

    def chart(code: str) -> Any:
        """This year's months against last year's for one indicator, as an image."""
        if code not in catalog.indicators:
            raise TemplateError(f"Mẫu báo cáo vẽ biểu đồ chỉ tiêu '{code}' không có trong danh mục.")
        from .charts import chart_png, chart_series  # matplotlib is slow to import: only when a chart is drawn

        png = chart_png(chart_series(aggregator, catalog.indicators[code], period))
        return png if image is None else image(png)

    results = evaluate_targets(catalog, figures)
    lines = [target_line(result, views) for result in results]
    target_groups = [
        {"key": key, "letter": "abcd"[n], "title": title, "targets": [t for t in lines if t.group == key]}
        for n, (key, title) in enumerate(TARGET_GROUPS.items())
    ]
    met = sum(1 for line in lines if line.status in ("Đạt chỉ tiêu", "Vượt chỉ tiêu"))

    context.values = {
        "period": period,
        "next": period.next,
        "f": views,
        "narrative": narrative,
        "tasks": [p for p in narrative(TASKS_SECTION)],
        "footnote": footnote,
        "breakdown": breakdown,
        "targets": lines,
        "target_groups": target_groups,
        "targets_met": met,
        "targets_total": len(lines),
        "appendix": _appendix(catalog, views, period),
        "target_rows": _target_rows(results, views),
        "chart": chart,
        "report": {
            "number": options.number,
            "place_date": _date_line(options, period),
            "date_short": options.report_date(period).strftime("%d/%m/%Y"),
            "issuer_parent": options.issuer_parent,
            "issuer": options.issuer,
            "issuer_short": options.issuer_short,
            "issuer_name": options.issuer_name,
            "signer_title": options.signer_title,
            "signer_name": options.signer_name,
            "recipients": list(options.recipients),
        },
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
    if ind.kind == "index":
        change = view.index_ytd if basis == "ytd" else view.index_month
        return f"{name} {change}"
    value = getattr(view, basis)
    if ind.is_count:
        return f"{value} {name}"
    phrase = f"{name} {value} {view.unit}"
    if basis == "month":
        part_share = view.share("month")
        if share and part_share != MISSING_TEXT and view.parent_unit == ind.unit:
            phrase += f", chiếm {part_share}%"
        change = view.yoy_month if compare == "yoy" else view.mom
        if change:
            phrase += f", {change} so với {'cùng kỳ' if compare == 'yoy' else 'tháng trước'}"
        return phrase
    if view.plan_ratio:
        phrase += f", {view.plan_ratio}"
    if view.yoy_ytd and compare != "none":
        phrase += f", {view.yoy_ytd} so với cùng kỳ"
    return phrase


def _appendix(catalog: Catalog, views: dict[str, FigureView], period: Period) -> list[AppendixRow]:
    rows: list[AppendixRow] = []
    number = 0
    for section in catalog.sections.values():
        members = [views[i.code] for i in catalog.in_section(section.code)]
        if not members:
            continue
        rows.append(AppendixRow("", section.title, "", "", "", "", "", "", "", heading=True))
        for view in members:
            number += 1
            ind = view.indicator
            yoy = view.index_ytd if ind.kind == "index" else view.yoy_ytd
            plan: Any = view.plan
            if isinstance(ind.plan(period.year), tuple):
                low, high = ind.plan(period.year)  # type: ignore[misc]
                plan = f"{Number(low, ind.decimals)} - {Number(high, ind.decimals)}"
            rows.append(AppendixRow(
                no=str(number),
                name=("- " if ind.parent else "") + ind.name,
                unit=ind.unit,
                plan=_dash(plan),
                month=_dash(view.month),
                ytd=_dash(view.ytd),
                plan_ratio=_dash(view.plan_ratio.text() if view.plan_ratio else ""),
                yoy=_dash(yoy.text() if yoy else ""),
                status="" if not view else ("Ước" if view.estimate else "Chính thức"),
            ))
    return rows


def _target_rows(results: list[TargetResult], views: dict[str, FigureView]) -> list[dict[str, str]]:
    """Rows of the December appendix evaluating the key targets: one per assessed part."""
    rows = []
    for result in results:
        status = result.status
        for index, (fig, judged) in enumerate(result.parts):
            view = views[fig.indicator.code]
            plan = fig.plan
            if isinstance(plan, tuple):
                planned = f"{Number(plan[0], view.decimals)} - {Number(plan[1], view.decimals)}"
            else:
                planned = "-" if plan is None else str(Number(plan, view.decimals))
            rows.append({
                "no": f"({result.target.number})" if index == 0 else "",
                "name": result.target.name if index == 0 else "- " + view.name,
                "part": view.name,
                "unit": view.unit,
                "plan": planned,
                "actual": _dash(view.ytd),
                "status": (TARGET_STATUS[status] if status else MISSING_TEXT) if index == 0
                else (TARGET_STATUS[judged] if judged else ""),
            })
    return rows


TEMPLATE_NAMES = (
    "period", "next", "f", "narrative", "tasks", "footnote", "breakdown", "targets", "target_groups",
    "targets_met", "targets_total", "appendix", "target_rows", "chart", "report", "roman", "department_name",
    "missing",
)


def render_report(
    catalog: Catalog,
    store: Store,
    period: Period,
    out: Path,
    template: Path | None = None,
    options: ReportOptions | None = None,
) -> Path:
    """Render the report for the period into ``out`` (a .docx)."""
    options = options or ReportOptions()
    source = template or DEFAULT_TEMPLATE
    if not source.is_file():
        raise TemplateError(f"Không tìm thấy mẫu báo cáo {source}.")
    doc = DocxTemplate(str(source))
    context = build_context(catalog, store, period, options,
                            image=lambda png: InlineImage(doc, io.BytesIO(png), width=Mm(CHART_WIDTH_MM)))
    data = render_bytes(doc, source.name, context.values, context.footnotes, _properties(period, options))
    write_normalized(out, data)
    return out


def render_bytes(doc: DocxTemplate, name: str, values: dict[str, Any], registry: FootnoteRegistry,
                 set_properties: Callable[[Any], None]) -> bytes:
    """Render a template with values; footnotes made real; properties fixed."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    try:
        doc.render(values, jinja_env=env, autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateError(f"Lỗi trong mẫu báo cáo {name}: {exc}") from exc
    buffer = io.BytesIO()
    doc.save(buffer)
    with_notes = apply_footnotes(buffer.getvalue(), registry)
    final = Document(io.BytesIO(with_notes))
    set_properties(final.core_properties)
    out = io.BytesIO()
    final.save(out)
    return out.getvalue()


def _properties(period: Period, options: ReportOptions) -> Callable[[Any], None]:
    def apply(props: Any) -> None:
        fixed = dt.datetime.combine(options.report_date(period), dt.time(8, 0))
        props.author = options.issuer.title()
        props.last_modified_by = "reportgen"
        props.title = f"Báo cáo tình hình kinh tế - xã hội {period.month_name}"
        props.created = fixed
        props.modified = fixed
        props.revision = 1
        props.last_printed = fixed
    return apply
