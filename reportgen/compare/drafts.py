"""Two drafts compared in one call, as the command line and the portal do it: changes, causes and the redline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog
from ..files import write_atomic
from ..store import Store
from .changes import Draft, FigureChange, changes_by_bookmark, draft_of_docx, figure_changes
from .redline import redline
from .sheet import UNDATED


@dataclass(frozen=True)
class Comparison:
    """Two drafts, the figures that changed between them, and the redline (each changed figure commented)."""

    old: Draft
    new: Draft
    changes: tuple[FigureChange, ...]
    redline: bytes
    when: dt.datetime


def compare_drafts(catalog: Catalog, store: Store, old: bytes, new: bytes, *, old_name: str, new_name: str,
                   author: str) -> Comparison:
    """Compare two .docx drafts; the redline is dated by the new draft's build (fixed otherwise): same bytes in,
    same bytes out."""
    before, after = draft_of_docx(store, old, old_name), draft_of_docx(store, new, new_name)
    changes = tuple(figure_changes(catalog, store, before, after))
    when = after.built_at or UNDATED
    marked = redline(old, new, author=author, when=when, comments=changes_by_bookmark(changes))
    return Comparison(before, after, changes, marked, when)


def write_redline(path: Path, comparison: Comparison) -> Path:
    """Write the redline to ``path``, whole or not at all."""
    write_atomic(path, comparison.redline)
    return path
