"""reportgen: the monthly socio-economic report, from department workbooks to Word.

The public API, for scripts, notebooks and the web app; the command line
calls the same functions and nothing else::

    from reportgen import Period, Store, load_catalog, ingest, build_report, figures_frame

Every name in :data:`__all__` is pinned by a test. The library never prints,
never reads the environment or the current folder, and never reads the clock:
the caller passes a ``clock`` (a callable returning an aware datetime) and an
``actor`` where something is recorded.
"""

from __future__ import annotations

from . import messages
from .catalog import (
    DEFAULT_CATALOG,
    RULES,
    Catalog,
    Department,
    Indicator,
    ReportSettings,
    Rule,
    Section,
    Target,
    load_catalog,
    parse_catalog,
)
from .demo.run import DemoResult, run_demo
from .errors import CatalogError, ReportgenError, StoreError, TemplateError, UsageError
from .figures import (
    Aggregator,
    Amount,
    ChartSeries,
    Figures,
    TargetResult,
    compute_figures,
    evaluate_targets,
    figures_frame,
    figures_record,
    period_figures,
    series_frame,
    write_figures_xlsx,
)
from .files import DEFAULT_TEMPLATES
from .forms import build_form, write_forms
from .intake import (
    DEFAULT_LIMITS,
    DepartmentStatus,
    FileResult,
    Finding,
    Limits,
    PeriodStatus,
    annotate_copy,
    check_bytes,
    check_file,
    check_files,
    ingest,
    ingest_bytes,
    ingest_file,
    period_status,
    read_upload,
)
from .model import (
    Basis,
    Clock,
    Frequency,
    Kind,
    LockAction,
    NarrativeItem,
    NarrativeKind,
    Observed,
    Outcome,
    Period,
    Severity,
    Status,
    Verdict,
    months_between,
)
from .report import (
    DEFAULT_TEMPLATE,
    Build,
    PdfError,
    ReportData,
    ReportOptions,
    assemble,
    build_report,
    render,
    to_pdf,
)
from .store import Store, store_exists, store_url
from .workspace import TemplateFile, find_template, init_templates

__version__ = "0.2.0"

__all__ = [
    "DEFAULT_CATALOG",
    "DEFAULT_LIMITS",
    "DEFAULT_TEMPLATE",
    "DEFAULT_TEMPLATES",
    "RULES",
    "Aggregator",
    "Amount",
    "Basis",
    "Build",
    "Catalog",
    "CatalogError",
    "ChartSeries",
    "Clock",
    "DemoResult",
    "Department",
    "DepartmentStatus",
    "Figures",
    "FileResult",
    "Finding",
    "Frequency",
    "Indicator",
    "Kind",
    "Limits",
    "LockAction",
    "NarrativeItem",
    "NarrativeKind",
    "Observed",
    "Outcome",
    "PdfError",
    "Period",
    "PeriodStatus",
    "ReportData",
    "ReportOptions",
    "ReportSettings",
    "ReportgenError",
    "Rule",
    "Section",
    "Severity",
    "Status",
    "Store",
    "StoreError",
    "Target",
    "TargetResult",
    "TemplateError",
    "TemplateFile",
    "UsageError",
    "Verdict",
    "__version__",
    "annotate_copy",
    "assemble",
    "build_form",
    "build_report",
    "check_bytes",
    "check_file",
    "check_files",
    "compute_figures",
    "evaluate_targets",
    "figures_frame",
    "figures_record",
    "find_template",
    "ingest",
    "ingest_bytes",
    "ingest_file",
    "init_templates",
    "load_catalog",
    "messages",
    "months_between",
    "parse_catalog",
    "period_figures",
    "period_status",
    "read_upload",
    "render",
    "run_demo",
    "series_frame",
    "store_exists",
    "store_url",
    "to_pdf",
    "write_figures_xlsx",
    "write_forms",
]
