"""The report: assembled once into data, rendered through the Word template, optionally as PDF."""

from .assemble import assemble, figure_views
from .build import Build, build_report
from .data import MANIFEST_FORMAT, AppendixRow, Header, ReportData, ReportOptions, TargetRow
from .pdf import PdfError, to_pdf
from .render import DEFAULT_TEMPLATE, TEMPLATE_NAMES, render, template_context

__all__ = [
    "DEFAULT_TEMPLATE", "MANIFEST_FORMAT", "TEMPLATE_NAMES", "AppendixRow", "Build", "Header", "PdfError",
    "ReportData", "ReportOptions", "TargetRow", "assemble", "build_report", "figure_views", "render",
    "template_context", "to_pdf",
]
