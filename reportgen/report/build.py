"""Building a report: assemble once, render, and write the document and its manifest together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog
from ..files import write_atomic
from ..model import Period
from ..store import Store
from .assemble import assemble
from .data import ReportData, ReportOptions
from .render import render


@dataclass(frozen=True)
class Build:
    """What one build wrote: the document, its manifest (if asked for) and the data behind both."""

    docx: Path
    manifest: Path | None
    data: ReportData


def build_report(catalog: Catalog, store: Store, period: Period, out: Path, template: Path | None = None,
                 options: ReportOptions | None = None, manifest: Path | None = None) -> Build:
    """Assemble the period's report, render it into ``out`` and, if asked, write its manifest.

    Nothing is written until both are rendered; each file is written atomically.
    """
    data = assemble(catalog, store, period, options)
    document = render(data, template)
    text = data.to_json() if manifest is not None else ""
    write_atomic(out, document)
    if manifest is not None:
        write_atomic(manifest, text.encode("utf-8"))
    return Build(out, manifest, data)
