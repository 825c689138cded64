"""Figures: spans of stored months by each indicator's kind, comparisons, key targets, and DataFrames."""

from .aggregate import (
    HUNDRED,
    SPANS,
    Aggregator,
    Amount,
    Figures,
    change,
    compute_figures,
    figure_reads,
    figures_record,
    ratio,
    values_span,
)
from .frames import FIGURE_COLUMNS, SERIES_COLUMNS, figures_frame, frame_of, period_figures, series_frame
from .series import ChartSeries, chart_series
from .targets import EXCEEDED, MET, MISSED, TargetResult, assess, combine, evaluate_targets
from .xlsx import write_figures_xlsx

__all__ = [
    "EXCEEDED", "FIGURE_COLUMNS", "HUNDRED", "MET", "MISSED", "SERIES_COLUMNS", "SPANS", "Aggregator", "Amount",
    "ChartSeries", "Figures", "TargetResult", "assess", "change", "chart_series", "combine", "compute_figures",
    "evaluate_targets", "figure_reads", "figures_frame", "figures_record", "frame_of", "period_figures", "ratio",
    "series_frame", "values_span", "write_figures_xlsx",
]
