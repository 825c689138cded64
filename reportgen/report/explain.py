"""Explaining a figure of a recorded build: from the figure as the report states it to the files behind it.

A build's manifest lists, for every figure, the ids of the stored values it
was computed from (:mod:`reportgen.report.data`). :func:`explain_figure`
follows them: each stored value, with the department's submission it came
from (file, sheet, cell, time, estimate or final) and the archived original.
Stored values are never changed, so the explanation is of the figure as it
was built, whatever arrived since.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..catalog import Catalog
from ..errors import UsageError
from ..figures import SPANS
from ..forms.layout import DATA_SHEET
from ..messages import BUILD_NOT_FOUND, DOCX_NOT_BUILT, FIGURE_NOT_IN_BUILD, UNKNOWN_INDICATOR, UNKNOWN_SPAN
from ..model import Period, Status
from ..store import Store, content_hash, suffix_of
from .wording import Number, pads


@dataclass(frozen=True)
class Source:
    """One stored value behind a figure, and the submission it came from."""

    observation: int
    period: str
    basis: str
    status: Status
    value: Decimal
    department: str
    file_name: str
    sheet: str
    cell: str
    received_at: dt.datetime
    file_hash: str
    archived: Path | None


@dataclass(frozen=True)
class Explanation:
    """A figure of a build: as the report states it, and every stored value and submission behind it."""

    build_id: int
    built_at: dt.datetime
    period: Period
    indicator: str
    name: str
    unit: str
    span: str
    value: Decimal | None
    stated: str
    estimate: bool
    sources: tuple[Source, ...]


def find_build(store: Store, build_id: int | None = None, docx: bytes | None = None) -> dict[str, object]:
    """A recorded build by its id, or by the bytes of a document it wrote (the newest build that wrote them)."""
    if docx is not None:
        found = store.build(output_hash=content_hash(docx))
        if found is None:
            raise UsageError(DOCX_NOT_BUILT)
        return found
    found = store.build(build_id=build_id)
    if found is None:
        raise UsageError(BUILD_NOT_FOUND.format(build=build_id))
    return found


def explain_figure(store: Store, catalog: Catalog, indicator: str, span: str = "month", build_id: int | None = None,
                   docx: bytes | None = None) -> Explanation:
    """The chain behind one figure (``span``: one of :data:`reportgen.figures.SPANS`) of a recorded build."""
    if indicator not in catalog.indicators:
        raise UsageError(UNKNOWN_INDICATOR.format(code=indicator))
    if span not in SPANS:
        raise UsageError(UNKNOWN_SPAN.format(span=span, spans=", ".join(SPANS)))
    record = find_build(store, build_id, docx)
    manifest = json.loads(str(record["manifest"]))
    figure = manifest["figures"].get(indicator, {}).get("spans", {}).get(span)
    ind = catalog.indicators[indicator]
    if figure is None:
        raise UsageError(FIGURE_NOT_IN_BUILD.format(indicator=indicator, span=span, build=record["id"]))
    value = Decimal(figure["value"])
    sources = []
    for row in store.observations(figure["observations"]):
        path = store.archive.path_of(row["file_hash"], suffix_of(row["file_name"]))
        sources.append(Source(
            observation=row["id"], period=row["period"], basis=row["basis"], status=Status(row["status"]),
            value=row["value"], department=row["department"], file_name=row["file_name"], sheet=DATA_SHEET,
            cell=row["cell"], received_at=row["received_at"], file_hash=row["file_hash"],
            archived=path if path.is_file() else None,
        ))
    built_at = record["built_at"]
    assert isinstance(built_at, dt.datetime)
    return Explanation(
        build_id=int(str(record["id"])), built_at=built_at, period=Period.parse(str(record["period"])),
        indicator=indicator, name=ind.name, unit=ind.unit, span=span, value=value,
        stated=str(Number(value, ind.decimals, pad=pads(ind.unit))), estimate=bool(figure["estimate"]),
        sources=tuple(sources),
    )
