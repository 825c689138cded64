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

import importlib
from typing import TYPE_CHECKING

from . import messages

if TYPE_CHECKING:
    # What the type checker reads; at run time _load (below) imports each name on first use. redline, ingest,
    # assemble and render come from the modules that define them: each has the name of a module of its package,
    # which the type checker would otherwise take for it.
    from .accounts import Account, add_account, audit, authenticate, disable_account, list_accounts, set_password
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
    from .compare import (
        Cause,
        ChangeKind,
        CompareError,
        Comparison,
        Draft,
        FigureChange,
        RedlineCounts,
        accept_all,
        change_rows,
        compare_drafts,
        document_text,
        draft_of_build,
        draft_of_docx,
        draft_states,
        figure_changes,
        redline_counts,
        reject_all,
        review_draft,
        write_changes_xlsx,
        write_package,
        write_redline,
    )
    from .compare.redline import redline
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
        DepartmentStatus,
        FileResult,
        Finding,
        PeriodStatus,
        ReaderPool,
        annotate_copy,
        check_bytes,
        check_each,
        check_file,
        check_files,
        expand_paths,
        ingest_bytes,
        ingest_each,
        ingest_file,
        period_status,
        read_upload,
    )
    from .intake.ingest import ingest
    from .model import (
        DEFAULT_LIMITS,
        Basis,
        Clock,
        Frequency,
        Kind,
        Limits,
        LockAction,
        NarrativeItem,
        NarrativeKind,
        Observed,
        Outcome,
        Period,
        PeriodLock,
        ReviewAction,
        Role,
        Severity,
        Status,
        StoreOutcome,
        Verdict,
        months_between,
    )
    from .numbers import format_moment, format_number, format_plain
    from .report import (
        DEFAULT_TEMPLATE,
        Build,
        Explanation,
        PdfError,
        ReportData,
        ReportOptions,
        Source,
        build_report,
        check_template,
        explain_figure,
        to_pdf,
    )
    from .report.assemble import assemble
    from .report.render import render
    from .store import ArchiveProblem, Store, store_exists, store_url, store_version, upgrade_store
    from .workspace import TemplateFile, find_template, init_templates

__version__ = "0.2.0"

__all__ = [
    "DEFAULT_CATALOG",
    "DEFAULT_LIMITS",
    "DEFAULT_TEMPLATE",
    "DEFAULT_TEMPLATES",
    "RULES",
    "Account",
    "Aggregator",
    "Amount",
    "ArchiveProblem",
    "Basis",
    "Build",
    "Catalog",
    "CatalogError",
    "Cause",
    "ChangeKind",
    "ChartSeries",
    "Clock",
    "CompareError",
    "Comparison",
    "DemoResult",
    "Department",
    "DepartmentStatus",
    "Draft",
    "Explanation",
    "FigureChange",
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
    "PeriodLock",
    "PeriodStatus",
    "ReaderPool",
    "RedlineCounts",
    "ReportData",
    "ReportOptions",
    "ReportSettings",
    "ReportgenError",
    "ReviewAction",
    "Role",
    "Rule",
    "Section",
    "Severity",
    "Source",
    "Status",
    "Store",
    "StoreError",
    "StoreOutcome",
    "Target",
    "TargetResult",
    "TemplateError",
    "TemplateFile",
    "UsageError",
    "Verdict",
    "__version__",
    "accept_all",
    "add_account",
    "annotate_copy",
    "assemble",
    "audit",
    "authenticate",
    "build_form",
    "build_report",
    "change_rows",
    "check_bytes",
    "check_each",
    "check_file",
    "check_files",
    "check_template",
    "compare_drafts",
    "compute_figures",
    "disable_account",
    "document_text",
    "draft_of_build",
    "draft_of_docx",
    "draft_states",
    "evaluate_targets",
    "expand_paths",
    "explain_figure",
    "figure_changes",
    "figures_frame",
    "figures_record",
    "find_template",
    "format_moment",
    "format_number",
    "format_plain",
    "ingest",
    "ingest_bytes",
    "ingest_each",
    "ingest_file",
    "init_templates",
    "list_accounts",
    "load_catalog",
    "messages",
    "months_between",
    "parse_catalog",
    "period_figures",
    "period_status",
    "read_upload",
    "redline",
    "redline_counts",
    "reject_all",
    "render",
    "review_draft",
    "run_demo",
    "series_frame",
    "set_password",
    "store_exists",
    "store_url",
    "store_version",
    "to_pdf",
    "upgrade_store",
    "write_changes_xlsx",
    "write_figures_xlsx",
    "write_forms",
    "write_package",
    "write_redline",
]

# Where each public name is defined. A unit is imported when one of its names is first used, not with the package,
# so a command imports only what it needs: ``reportgen --help`` loads none of openpyxl, pandas, SQLAlchemy or docxtpl.
# The type checker reads the imports above instead; a test checks that both give the same objects.
_UNITS: dict[str, tuple[str, ...]] = {
    ".accounts": (
        "Account", "add_account", "audit", "authenticate", "disable_account", "list_accounts", "set_password",
    ),
    ".catalog": (
        "DEFAULT_CATALOG", "RULES", "Catalog", "Department", "Indicator", "ReportSettings", "Rule", "Section", "Target",
        "load_catalog", "parse_catalog",
    ),
    ".compare": (
        "Cause", "ChangeKind", "CompareError", "Comparison", "Draft", "FigureChange", "RedlineCounts", "accept_all",
        "change_rows", "compare_drafts", "document_text", "draft_of_build", "draft_of_docx", "draft_states",
        "figure_changes", "redline", "redline_counts", "reject_all", "review_draft", "write_changes_xlsx",
        "write_package", "write_redline",
    ),
    ".demo.run": ("DemoResult", "run_demo"),
    ".errors": ("CatalogError", "ReportgenError", "StoreError", "TemplateError", "UsageError"),
    ".figures": (
        "Aggregator", "Amount", "ChartSeries", "Figures", "TargetResult", "compute_figures", "evaluate_targets",
        "figures_frame", "figures_record", "period_figures", "series_frame", "write_figures_xlsx",
    ),
    ".files": ("DEFAULT_TEMPLATES",),
    ".forms": ("build_form", "write_forms"),
    ".intake": (
        "DepartmentStatus", "FileResult", "Finding", "PeriodStatus", "ReaderPool", "annotate_copy", "check_bytes",
        "check_each", "check_file", "check_files", "expand_paths", "ingest", "ingest_bytes", "ingest_each",
        "ingest_file", "period_status", "read_upload",
    ),
    ".model": (
        "DEFAULT_LIMITS", "Basis", "Clock", "Frequency", "Kind", "Limits", "LockAction", "NarrativeItem",
        "NarrativeKind", "Observed", "Outcome", "Period", "PeriodLock", "ReviewAction", "Role", "Severity", "Status",
        "StoreOutcome", "Verdict", "months_between",
    ),
    ".numbers": ("format_moment", "format_number", "format_plain"),
    ".report": (
        "DEFAULT_TEMPLATE", "Build", "Explanation", "PdfError", "ReportData", "ReportOptions", "Source", "assemble",
        "build_report", "check_template", "explain_figure", "render", "to_pdf",
    ),
    ".store": ("ArchiveProblem", "Store", "store_exists", "store_url", "store_version", "upgrade_store"),
    ".workspace": ("TemplateFile", "find_template", "init_templates"),
}
_UNIT_OF = {name: unit for unit, names in _UNITS.items() for name in names}


def _load(name: str) -> object:
    """A public name, imported from its unit on first use and kept in the package from then on."""
    unit = _UNIT_OF.get(name)
    if unit is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value: object = getattr(importlib.import_module(unit, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if not TYPE_CHECKING:
    # Hidden from the type checker, which would otherwise accept any name imported from reportgen.
    __getattr__ = _load
