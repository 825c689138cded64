"""Draft against draft: figure changes with their causes, reviews of drafts, and redlines for Word.

Above the report in the pipeline: it reads builds (manifests and stated
figures) from the store and documents' figure bookmarks
(:mod:`reportgen.report.bookmarks`).
"""

from __future__ import annotations

from .changes import (
    Cause,
    ChangeKind,
    Draft,
    FigureChange,
    changes_by_bookmark,
    draft_of_build,
    draft_of_docx,
    figure_changes,
)
from .drafts import Comparison, compare_drafts, write_redline
from .package import RedlineCounts, redline_counts, write_package
from .redline import CompareError, accept_all, document_text, redline, reject_all
from .review import draft_states, review_draft
from .sheet import UNDATED, change_rows, changes_xlsx, write_changes_xlsx

__all__ = [
    "UNDATED", "Cause", "ChangeKind", "CompareError", "Comparison", "Draft", "FigureChange", "RedlineCounts",
    "accept_all", "change_rows", "changes_by_bookmark", "changes_xlsx", "compare_drafts", "document_text",
    "draft_of_build", "draft_of_docx", "draft_states", "figure_changes", "redline", "redline_counts", "reject_all",
    "review_draft", "write_changes_xlsx", "write_package", "write_redline",
]
