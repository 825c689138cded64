"""reportgen: the monthly socio-economic report, from department workbooks to Word.

The public API, for scripts and the web app; the CLI uses the same functions::

    from reportgen import load_catalog, Period, Store, write_forms, ingest, compute_figures, render_report
"""

from __future__ import annotations

from .aggregate import Aggregator, Amount, Figures, compute_figures, evaluate_targets, figures_record
from .catalog import Catalog, Department, Indicator, Section, Target, load_catalog, parse_catalog
from .errors import CatalogError, ReportgenError, StoreError, TemplateError, UsageError
from .findings import ERROR, RULES, WARNING, Finding
from .forms import build_form, write_forms
from .ingest import FileResult, check_file, ingest, ingest_file
from .periods import Period
from .render import ReportOptions, build_context, render_report
from .store import Store

__version__ = "0.1.0"

__all__ = [
    "ERROR",
    "RULES",
    "WARNING",
    "Aggregator",
    "Amount",
    "Catalog",
    "CatalogError",
    "Department",
    "FileResult",
    "Figures",
    "Finding",
    "Indicator",
    "Period",
    "ReportOptions",
    "ReportgenError",
    "Section",
    "Store",
    "StoreError",
    "Target",
    "TemplateError",
    "UsageError",
    "build_context",
    "build_form",
    "check_file",
    "compute_figures",
    "evaluate_targets",
    "figures_record",
    "ingest",
    "ingest_file",
    "load_catalog",
    "parse_catalog",
    "render_report",
    "write_forms",
    "__version__",
]
