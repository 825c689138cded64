"""A report as data: everything a build states, each figure with the stored rows behind it.

:func:`reportgen.report.assemble.assemble` builds a :class:`ReportData` from
the store once; :func:`reportgen.report.render.render` turns it into a
document and reads nothing else. :meth:`ReportData.to_json` is the build's
manifest: stable, sorted JSON in which every figure lists the ids of the
stored observations it was computed from and every narrative item the
submission it came from. Comparing two drafts compares their manifests.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

from ..catalog import Catalog
from ..figures import SPANS, Amount, ChartSeries, Figures, TargetResult
from ..model import NarrativeItem, Period
from .wording import FigureView

MANIFEST_FORMAT = "reportgen.manifest/1"


@dataclass(frozen=True)
class ReportOptions:
    """What a planner gives a build: the document's number, date and signer.

    ``signer_title`` overrides the catalog's ``[report] signer_title`` (a
    deputy signing for the director, say); ``date`` defaults to the 28th of
    the reporting month, when such reports are dated.
    """

    number: str = ""
    date: dt.date | None = None
    signer_name: str = ""
    signer_title: str = ""

    def report_date(self, period: Period) -> dt.date:
        return self.date or dt.date(period.year, period.month, 28)


@dataclass(frozen=True)
class Header:
    """The report's header and closing: issuer, number, place and date, signer, recipients."""

    number: str
    date: dt.date
    place: str
    issuer_parent: str
    issuer: str
    issuer_short: str
    issuer_name: str
    signer_title: str
    signer_name: str
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class AppendixRow:
    """One row of the figures appendix, as printed; a heading row names a report section."""

    no: str
    name: str
    unit: str
    plan: str
    month: str
    ytd: str
    plan_ratio: str
    yoy: str
    status: str
    heading: bool = False
    code: str = ""


@dataclass(frozen=True)
class TargetRow:
    """One row of the December appendix evaluating the key targets: one per assessed part."""

    no: str
    name: str
    part: str
    unit: str
    plan: str
    actual: str
    status: str
    code: str = ""


@dataclass(frozen=True)
class ReportData:
    """Everything one build of the report states, and where each figure came from."""

    period: Period
    catalog: Catalog
    header: Header
    figures: Mapping[str, Figures]
    narratives: tuple[NarrativeItem, ...]
    targets: tuple[TargetResult, ...]
    appendix: tuple[AppendixRow, ...]
    target_rows: tuple[TargetRow, ...]
    charts: tuple[ChartSeries, ...]
    views: Mapping[str, FigureView] = field(default_factory=dict, compare=False, repr=False)
    """Every indicator's figures as the template sees them (``f``), made once when assembled; not in the manifest."""

    def observation_ids(self) -> list[int]:
        """Every stored observation any figure of the report rests on."""
        ids = {s for fig in self.figures.values() for name in SPANS for s in _sources(fig.span(name))}
        return sorted(ids)

    def to_dict(self) -> dict[str, Any]:
        """The manifest as plain data (decimals as exact strings)."""
        return {
            "format": MANIFEST_FORMAT,
            "period": str(self.period),
            "catalog": {"version": self.catalog.version, "digest": self.catalog.digest},
            "header": {**{k: v for k, v in vars(self.header).items() if k not in ("date", "recipients")},
                       "date": self.header.date.isoformat(), "recipients": list(self.header.recipients)},
            "figures": {code: _figures(fig) for code, fig in self.figures.items()},
            "narratives": [
                {"department": n.department, "section": n.section, "kind": str(n.kind), "text": n.text,
                 "submission": n.submission_id}
                for n in self.narratives
            ],
            "targets": [
                {"number": r.target.number, "name": r.target.name, "status": _text(r.status),
                 "parts": [{"indicator": fig.indicator.code, "status": _text(verdict)} for fig, verdict in r.parts]}
                for r in self.targets
            ],
            "appendix": [vars(row) for row in self.appendix],
            "target_rows": [vars(row) for row in self.target_rows],
            "charts": [
                {"indicator": c.indicator.code, "year": c.year, "this_year": [_text(v) for v in c.this_year],
                 "last_year": [_text(v) for v in c.last_year]}
                for c in self.charts
            ],
        }

    def to_json(self, indent: bool = False) -> str:
        """The manifest as stable JSON: keys sorted, decimals exact, one build gives one text; compact (as the
        store keeps it) or indented (as a file for people to read)."""
        if indent:
            return indented_json(self.to_dict()) + "\n"
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def indented_json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)``, the same text, made faster.

    With ``indent``, the standard library encodes in pure Python, one
    generator per level; a manifest is mostly small dicts and lists of ids,
    which this writes straight into one list. Anything but text-keyed dicts,
    lists, tuples, text, integers, booleans and None is left to ``json``.
    """
    out: list[str] = []
    try:
        _write_json(value, out, "\n")
    except TypeError:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
    return "".join(out)


def _write_json(value: Any, out: list[str], newline: str) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, dict | list | tuple):
        if not value:
            out.append("{}" if isinstance(value, dict) else "[]")
            return
        inner = newline + " "
        if isinstance(value, dict):
            separator = "{" + inner
            for key, item in sorted(value.items()):
                if not isinstance(key, str):
                    raise TypeError(key)
                out.append(separator)
                out.append(encode_basestring(key))
                out.append(": ")
                _write_json(item, out, inner)
                separator = "," + inner
            out.append(newline + "}")
        elif all(type(item) is int for item in value):  # ids of stored values: most of a manifest
            out.append("[" + inner + ("," + inner).join(map(int.__repr__, value)) + newline + "]")
        else:
            separator = "[" + inner
            for item in value:
                out.append(separator)
                _write_json(item, out, inner)
                separator = "," + inner
            out.append(newline + "]")
    else:
        raise TypeError(type(value))


def _sources(amount: Amount | None) -> tuple[int, ...]:
    return () if amount is None else amount.sources


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _amount(amount: Amount | None) -> dict[str, Any] | None:
    if amount is None:
        return None
    return {"value": str(amount.value), "estimate": amount.estimate, "observations": list(amount.sources)}


def _figures(fig: Figures) -> dict[str, Any]:
    plan = fig.plan
    planned: Any = [str(v) for v in plan] if isinstance(plan, tuple) else _text(plan)
    comparisons: dict[str, Decimal | None] = fig.comparisons()
    return {
        "spans": {name: _amount(fig.span(name)) for name in SPANS},
        "comparisons": {name: _text(value) for name, value in comparisons.items()},
        "plan": planned,
        "estimate": fig.estimate,
    }
