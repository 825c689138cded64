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
from .review import draft_states, review_draft
from .sheet import change_rows, changes_xlsx, write_changes_xlsx

__all__ = [
    "Cause", "ChangeKind", "Draft", "FigureChange", "change_rows", "changes_by_bookmark", "changes_xlsx",
    "draft_of_build", "draft_of_docx", "draft_states", "figure_changes", "review_draft", "write_changes_xlsx",
]
