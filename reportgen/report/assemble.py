"""Assembling a report: the store read once, into a :class:`~reportgen.report.data.ReportData`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..catalog import Catalog
from ..figures import Aggregator, Figures, TargetResult, chart_series, evaluate_targets, figure_reads
from ..messages import APPENDIX_ESTIMATE, APPENDIX_FINAL
from ..model import Kind, NarrativeItem, Period
from ..store import Reader, Store, Values
from .data import AppendixRow, Header, ReportData, ReportOptions, TargetRow
from .wording import MISSING_TEXT, TARGET_STATUS, FigureView, Number


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


def _dash(value: Any) -> str:
    return "-" if not value else str(value)


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
            yoy = view.index_ytd if ind.kind == Kind.INDEX else view.yoy_ytd
            plan: Any = view.plan
            planned = ind.plan(period.year)
            if isinstance(planned, tuple):
                low, high = planned
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
                status="" if not view else (APPENDIX_ESTIMATE if view.estimate else APPENDIX_FINAL),
                code=ind.code,
            ))
    return rows


def _target_rows(results: list[TargetResult], views: dict[str, FigureView]) -> list[TargetRow]:
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
            rows.append(TargetRow(
                no=f"({result.target.number})" if index == 0 else "",
                name=result.target.name if index == 0 else "- " + view.name,
                part=view.name,
                unit=view.unit,
                plan=planned,
                actual=_dash(view.ytd),
                status=(TARGET_STATUS[status] if status else MISSING_TEXT) if index == 0
                else (TARGET_STATUS[judged] if judged else ""),
                code=fig.indicator.code,
            ))
    return rows
