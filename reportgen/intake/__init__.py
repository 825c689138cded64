"""Intake: a returned workbook guarded and read by a bounded reader worker, validated, and stored if accepted."""

from ..messages import STATE_TEXT, STATUS_TEXT
from .annotate import annotate_copy, annotated_name
from .findings import Finding, finding
from .guard import DEFAULT_LIMITS, Limits
from .ingest import (
    ACCEPTED,
    CHECKED,
    DUPLICATE,
    REJECTED,
    FileResult,
    check_bytes,
    check_each,
    check_file,
    check_files,
    expand_paths,
    ingest,
    ingest_bytes,
    ingest_each,
    ingest_file,
    read_upload,
)
from .sandbox import ReaderPool
from .status import DepartmentStatus, PeriodStatus, period_status

__all__ = [
    "ACCEPTED", "CHECKED", "DEFAULT_LIMITS", "DUPLICATE", "REJECTED", "STATE_TEXT", "STATUS_TEXT",
    "DepartmentStatus", "FileResult", "Finding", "Limits", "PeriodStatus", "ReaderPool", "annotate_copy",
    "annotated_name", "check_bytes", "check_each", "check_file", "check_files", "expand_paths", "finding", "ingest",
    "ingest_bytes", "ingest_each", "ingest_file", "period_status", "read_upload",
]
