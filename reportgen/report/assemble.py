"""Assembling a report: the store read once, into a :class:`~reportgen.report.data.ReportData`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from ..catalog import Catalog, Plan
from ..figures import Aggregator, Figures, TargetResult, chart_series, evaluate_targets, figure_reads
from ..messages import APPENDIX_ESTIMATE, APPENDIX_FINAL
from ..model import Kind, NarrativeItem, Period
from ..store import Reader, Store, Values
from .data import AppendixRow, Header, ReportData, ReportOptions, TargetRow
from .wording import MISSING_TEXT, TARGET_STATUS, FigureView, Missing, Number


def assemble(catalog: Catalog, store: Reader, period: Period, options: ReportOptions | None = None) -> ReportData:
    """Every figure, narrative, target and appendix row of the period's report, with their sources.

    The store is read in one snapshot: uploads arriving meanwhile are either
    wholly in the report or not at all. Only the months the figures and the
    charts rest on are read (:func:`~reportgen.figures.figure_reads`).
    """
    if isinstance(store, Store):
        with store.snapshot() as view:
            return assemble(catalog, view, period, options)
    options = options or ReportOptions()
    settings = catalog.report
    values: Values = {}
    for first, last, codes in figure_reads(period, [catalog.indicators[code] for code in settings.charts]):
        values.update(store.current_values(first, last, codes))
    aggregator = Aggregator(catalog, values)
    figures = aggregator.all_figures(period)
    targets = evaluate_targets(catalog, figures)
    views = figure_views(catalog, figures)
    header = Header(
        number=options.number,
        date=options.report_date(period),
        place=settings.place,
        issuer_parent=settings.issuer_parent,
        issuer=settings.issuer,
        issuer_short=settings.issuer_short,
        issuer_name=settings.issuer_name,
        signer_title=options.signer_title or settings.signer_title,
        signer_name=options.signer_name,
        recipients=settings.recipients,
    )
    return ReportData(
        period=period,
        catalog=catalog,
        header=header,
        figures=figures,
        narratives=_in_department_order(catalog, store.narratives(period)),
        targets=tuple(targets),
        appendix=tuple(_appendix(catalog, views, period)),
        target_rows=tuple(_target_rows(targets, views)),
        charts=tuple(chart_series(aggregator, catalog.indicators[code], period) for code in settings.charts),
        views=views,
    )


def figure_views(catalog: Catalog, figures: Mapping[str, Figures]) -> dict[str, FigureView]:
    """What the template sees as ``f``: every indicator's figures as phrases, knowing its parent."""
    return {code: FigureView(fig, figures.get(catalog.indicators[code].parent or ""))
            for code, fig in figures.items()}


def _in_department_order(catalog: Catalog, items: list[NarrativeItem]) -> tuple[NarrativeItem, ...]:
    order = {code: n for n, code in enumerate(catalog.departments)}
    return tuple(sorted(items, key=lambda item: order.get(item.department, len(order))))


NONE = "-"
"""What an appendix cell prints where the period has no such figure."""
NO_BREAK_SPACE = "\u00a0"
_INSIDE_UNIT = re.compile(r"(?<!,) (?!\()")


def _cell(value: Number | Missing) -> str:
    """A figure as the appendix tables write it: ``5`` (no two digits as in a sentence), ``0`` for zero."""
    return NONE if isinstance(value, Missing) else value.plain()


def _plan_cell(plan: Plan | None, decimals: int) -> str:
    """The year's plan as the appendix tables write it: ``125.752``, a range ``12 - 13``."""
    if plan is None:
        return NONE
    if isinstance(plan, tuple):
        return " - ".join(Number(value, decimals).plain() for value in plan)
    return Number(plan, decimals).plain()


def _unit_cell(unit: str) -> str:
    """A unit as the appendix tables print it: the spaces inside it non-breaking, so it never wraps inside.

    ``triệu USD``, ``nghìn tỷ đồng``, ``nghìn hành khách`` stay on one line;
    a list of units (``quận, huyện``) may wrap after its comma, a remark in
    brackets (``% (năm gốc 2019)``) before its bracket.
    """
    return _INSIDE_UNIT.sub(NO_BREAK_SPACE, unit)


def _appendix(catalog: Catalog, views: dict[str, FigureView], period: Period) -> list[AppendixRow]:
    """The figures appendix: by section, each indicator with a figure for the period, numbered in order.

    An indicator with no figure in any column (a yearly one in a monthly
    report, a quarterly one outside its quarter) is left out, and so is a
    section left with no row; in December, a key target's indicator stays
    whether it has its figure or not, as the key targets appendix lists it.
    """
    kept = {code for target in catalog.targets for code in target.indicators} if period.is_year_end else set()
    rows: list[AppendixRow] = []
    number = 0
    for section in catalog.sections.values():
        heading: AppendixRow | None = AppendixRow("", section.title, "", "", "", "", "", "", "", heading=True)
        for ind in catalog.in_section(section.code):
            row = _appendix_row(views[ind.code], period)
            if ind.code not in kept and all(cell == NONE for cell in (row.month, row.ytd, row.plan_ratio, row.yoy)):
                continue
            if heading is not None:
                rows.append(heading)
                heading = None
            number += 1
            rows.append(replace(row, no=str(number)))
    return rows


def _appendix_row(view: FigureView, period: Period) -> AppendixRow:
    """One indicator's row, unnumbered: the "% KH" column the share of plan reached, "So cùng kỳ" the change."""
    ind = view.indicator
    yoy = view.index_ytd if ind.kind == Kind.INDEX else view.yoy_ytd
    return AppendixRow(
        no="",
        name=("- " if ind.parent else "") + ind.name,
        unit=_unit_cell(ind.unit),
        plan=_plan_cell(ind.plan(period.year), ind.decimals),
        month=_cell(view.month),
        ytd=_cell(view.ytd),
        plan_ratio=NONE if isinstance(view.plan_ratio, Missing) else view.plan_ratio.amount(),
        yoy=NONE if isinstance(yoy, Missing) else yoy.text(),
        status="" if not view else (APPENDIX_ESTIMATE if view.estimate else APPENDIX_FINAL),
        code=ind.code,
    )


def _target_rows(results: list[TargetResult], views: dict[str, FigureView]) -> list[TargetRow]:
    """Rows of the December appendix evaluating the key targets: one per assessed part."""
    rows = []
    for result in results:
        status = result.status
        for index, (fig, judged) in enumerate(result.parts):
            view = views[fig.indicator.code]
            rows.append(TargetRow(
                no=f"({result.target.number})" if index == 0 else "",
                name=result.target.name if index == 0 else "- " + view.name,
                part=view.name,
                unit=_unit_cell(view.unit),
                plan=_plan_cell(fig.plan, view.decimals),
                actual=_cell(view.ytd),
                status=(TARGET_STATUS[status] if status else MISSING_TEXT) if index == 0
                else (TARGET_STATUS[judged] if judged else ""),
                code=fig.indicator.code,
            ))
    return rows
