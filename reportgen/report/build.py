"""Building a report: assemble once, render, write the document and its manifest, and record the build.

Every build is recorded in the store (:meth:`reportgen.store.Store.record_build`)
with its time, user, period, the hashes of the template, the catalog and the
document written, and its manifest (:meth:`ReportData.to_json`): the ids of
the stored values behind every figure, so any figure of any draft can be
explained later (:mod:`reportgen.report.explain`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog
from ..files import write_atomic
from ..model import Clock, Period
from ..store import Store, content_hash
from .assemble import assemble
from .data import ReportData, ReportOptions
from .render import DEFAULT_TEMPLATE, render


@dataclass(frozen=True)
class Build:
    """What one build wrote and recorded: the document, its manifest (if asked for), the data and the build's id."""

    docx: Path
    manifest: Path | None
    data: ReportData
    build_id: int
    output_hash: str


def build_report(catalog: Catalog, store: Store, period: Period, out: Path, template: Path | None = None,
                 options: ReportOptions | None = None, manifest: Path | None = None, *, clock: Clock,
                 actor: str) -> Build:
    """Assemble the period's report, render it into ``out``, write its manifest if asked, and record the build.

    The store is read in one snapshot. Nothing is written until the document
    is rendered; each file is written atomically; the build is recorded
    (stamped by ``clock``, made by ``actor``) once the document is in place.
    """
    source = template or DEFAULT_TEMPLATE
    data = assemble(catalog, store, period, options)
    document = render(data, source)
    text = data.to_json()
    write_atomic(out, document)
    if manifest is not None:
        write_atomic(manifest, text.encode("utf-8"))
    output_hash = content_hash(document)
    build_id = store.record_build(period, clock(), actor, out.name, content_hash(source.read_bytes()),
                                  catalog.digest, output_hash, text)
    return Build(out, manifest, data, build_id, output_hash)
