"""A reviewer's package: the redline, the figure changes as a workbook, and a one-page summary, in one folder.

``reportgen compare OLD NEW --package DIR`` writes ``DIR`` whole or not at
all: every file is staged beside its target and moved into place only when
all are written.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.shared import Pt
from lxml import etree

from .. import messages
from ..files import normalize_zip, write_all
from .changes import FigureChange
from .sheet import changes_xlsx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REDLINE_NAME, CHANGES_NAME, SUMMARY_NAME = "so-sanh.docx", "so-lieu-thay-doi.xlsx", "tom-tat.docx"


@dataclass(frozen=True)
class RedlineCounts:
    """How much a redline marks as changed."""

    paragraphs: int
    table_rows: int
    footnotes: int
    drawings: int


def _changed(element: etree._Element) -> bool:
    return next(element.iter(W + "ins", W + "del", W + "moveFrom", W + "moveTo"), None) is not None


def redline_counts(redline: bytes) -> RedlineCounts:
    """Paragraphs of the body (outside tables), table rows, footnotes and pictures the redline marks as changed."""
    with zipfile.ZipFile(io.BytesIO(redline)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        names = archive.namelist()
        notes = etree.fromstring(archive.read("word/footnotes.xml")) if "word/footnotes.xml" in names else None
    paragraphs = sum(1 for p in body.iter(W + "p") if _changed(p) and next(p.iterancestors(W + "tbl"), None) is None)
    rows = sum(1 for row in body.iter(W + "tr") if _changed(row) or row.find(f"{W}trPr/{W}ins") is not None)
    footnotes = 0 if notes is None else sum(1 for note in notes.iter(W + "footnote") if _changed(note))
    drawings = sum(1 for mark in body.iter(W + "ins", W + "del") if next(mark.iter(W + "drawing"), None) is not None)
    return RedlineCounts(paragraphs, rows, footnotes, drawings)


def summary_docx(old: str, new: str, counts: RedlineCounts, changes: Sequence[FigureChange],
                 when: dt.datetime) -> bytes:
    """One page: what changed from ``old`` to ``new`` and which departments' submissions caused it."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    doc.add_heading(messages.SUMMARY_TITLE.format(old=old, new=new), level=1)
    for line in (messages.SUMMARY_PARAGRAPHS.format(count=counts.paragraphs),
                 messages.SUMMARY_ROWS.format(count=counts.table_rows),
                 messages.SUMMARY_FOOTNOTES.format(count=counts.footnotes),
                 messages.SUMMARY_DRAWINGS.format(count=counts.drawings),
                 messages.SUMMARY_FIGURES.format(count=len(changes),
                                                 hand=sum(1 for c in changes if c.kind == "hand"),
                                                 wording=sum(1 for c in changes if c.kind == "wording"))):
        doc.add_paragraph(line, style="List Bullet")
    by_department: dict[str, set[str]] = {}
    for change in changes:
        for cause in change.causes:
            by_department.setdefault(cause.department_name, set()).add(cause.text())
    doc.add_paragraph(messages.SUMMARY_CAUSES if by_department else messages.SUMMARY_NO_CAUSES)
    for department in sorted(by_department):
        for text in sorted(by_department[department]):
            doc.add_paragraph(text, style="List Bullet")
    props = doc.core_properties
    fixed = when.astimezone(dt.UTC).replace(tzinfo=None)
    props.author, props.last_modified_by = "reportgen", "reportgen"
    props.title = messages.SUMMARY_TITLE.format(old=old, new=new)
    props.created = props.modified = props.last_printed = fixed
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return normalize_zip(out.getvalue())


def write_package(folder: Path, redline: bytes, changes: Sequence[FigureChange], old: str, new: str,
                  when: dt.datetime) -> list[Path]:
    """Write the redline, the changes workbook and the summary into ``folder``; all of them, or none."""
    title = messages.CHANGES_TITLE.format(old=old, new=new)
    files = {
        folder / REDLINE_NAME: redline,
        folder / CHANGES_NAME: normalize_zip(changes_xlsx(changes, title, when)),
        folder / SUMMARY_NAME: summary_docx(old, new, redline_counts(redline), changes, when),
    }
    write_all(files)
    return list(files)
