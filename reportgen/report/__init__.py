"""The report: assembled once into data, rendered through the Word template, recorded, explained, optionally PDF."""

from .assemble import assemble, figure_views
from .build import Build, build_report
from .check import check_template
from .data import MANIFEST_FORMAT, AppendixRow, Header, ReportData, ReportOptions, TargetRow
from .explain import Explanation, Source, explain_figure, find_build
from .pdf import PdfError, to_pdf
from .render import DEFAULT_TEMPLATE, TEMPLATE_NAMES, render, template_context
from .tags import TemplateProblem

__all__ = [
    "DEFAULT_TEMPLATE",
    "MANIFEST_FORMAT",
    "TEMPLATE_NAMES",
    "AppendixRow",
    "Build",
    "Explanation",
    "Header",
    "PdfError",
    "ReportData",
    "ReportOptions",
    "Source",
    "TargetRow",
    "TemplateProblem",
    "assemble",
    "build_report",
    "check_template",
    "explain_figure",
    "figure_views",
    "find_build",
    "render",
    "template_context",
    "to_pdf",
]
