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
from ..files import written_together
from ..heap import own_collections
from ..model import Clock, Period
from ..store import Store, content_hash
from .assemble import assemble
from .bookmarks import stated_json
from .data import ReportData, ReportOptions
from .render import DEFAULT_TEMPLATE, render_document


@dataclass(frozen=True)
class Build:
    """What one build wrote and recorded: the document, its manifest (if asked for), the data and the build's id
    (``None`` when the store could only be read, so the build could not be recorded in it)."""

    docx: Path
    manifest: Path | None
    data: ReportData
    build_id: int | None
    output_hash: str


def build_report(catalog: Catalog, store: Store, period: Period, out: Path, template: Path | None = None,
                 options: ReportOptions | None = None, manifest: Path | None = None, *, clock: Clock,
                 actor: str) -> Build:
    """Assemble the period's report, render it into ``out``, write its manifest if asked, and record the build.

    The store is read in one snapshot. The document (and manifest) are
    written to temporaries of their own and flushed, the build is recorded
    (stamped by ``clock``, made by ``actor``), and only then are they renamed
    into place: a failure at any step leaves the output folder as it was. A
    store that can only be read (:attr:`Store.read_only`) still gives its
    report; the build is then not recorded, and its manifest, if asked for,
    is the only trace of where the figures came from.
    """
    source = template or DEFAULT_TEMPLATE
    with own_collections():
        data = assemble(catalog, store, period, options)
        rendered = render_document(data, source)
        document = rendered.docx
        text = data.to_json()
        output_hash = content_hash(document)
        files = {out: document} | ({} if manifest is None else {manifest: data.to_json(indent=True).encode("utf-8")})
        with written_together(files):
            build_id = None if store.read_only else store.record_build(
                period, clock(), actor, out.name, content_hash(source.read_bytes()), catalog.digest, output_hash,
                text, stated_json(rendered.stated))
    return Build(out, manifest, data, build_id, output_hash)
