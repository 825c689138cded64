"""Which figures changed between two drafts, and the submission that changed each.

A draft is a recorded build (its manifest and the figures it states, by
bookmark) or a .docx: one reportgen wrote is recognised by its hash and is
its build; any other (a draft edited in Word) is read through the figure
bookmarks it kept. :func:`figure_changes` lists every figure whose stated
text differs, in the new draft's order:

- a change of value, with the submissions behind the new value that the old
  draft did not rest on (department, file, time, and what the submission did:
  an estimate made final, a correction, a first figure);
- a change of wording, when a comparison flipped (``tăng`` → ``giảm``,
  ``đạt`` → ``vượt``);
- a change typed by hand into a draft no build stands behind (``sửa tay``).

A figure derived from others changes with them, and is listed with them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from .. import messages
from ..catalog import Catalog
from ..figures import SPANS
from ..numbers import local_time
from ..report.bookmarks import bookmark_table, figure_of, stated_figures
from ..report.explain import find_build
from ..store import Store, content_hash

# The stored spans each printed figure rests on (a comparison: both sides).
RESTS_ON: dict[str, tuple[str, ...]] = {
    **{span: (span,) for span in SPANS},
    "plan": (),
    "mom": ("month", "prev_month"),
    "yoy_month": ("month", "month_ly"),
    "yoy_qtd": ("qtd", "qtd_ly"),
    "yoy_ytd": ("ytd", "ytd_ly"),
    "index_month": ("month",),
    "index_ytd": ("ytd",),
    "plan_ratio": ("ytd",),
    "diff_prev": ("month", "prev_month"),
    "diff_ytd": ("ytd", "ytd_ly"),
}


class ChangeKind(StrEnum):
    VALUE = "value"      # the figure's value changed
    WORDING = "wording"  # a comparison flipped: the sentence says the opposite
    HAND = "hand"        # typed into a draft that no build stands behind


@dataclass(frozen=True)
class Draft:
    """One side of a comparison: what it states, by bookmark, and the build behind it (if any)."""

    label: str
    stated: Mapping[str, str]
    manifest: Mapping[str, Any] | None = None
    build_id: int | None = None
    period: str | None = None
    built_at: dt.datetime | None = None


@dataclass(frozen=True)
class Cause:
    """A submission that brought a figure's new value."""

    department: str
    department_name: str
    file_name: str
    received_at: dt.datetime
    action: str  # messages.CHANGE_ACTIONS key: final, correction, new

    def text(self) -> str:
        """``Sở Công Thương nộp lại 2023-03_SCT.xlsx lúc 09:42 ngày 27/03/2023: ước → chính thức``."""
        local = local_time(self.received_at)
        day, time = local.strftime("%d/%m/%Y"), local.strftime("%H:%M")
        verb = messages.CAUSE_SENT if self.action == "new" else messages.CAUSE_RESENT
        return messages.CAUSE.format(department=self.department_name, verb=verb, file=self.file_name, time=time,
                                     day=day, action=messages.CHANGE_ACTIONS[self.action])


@dataclass(frozen=True)
class FigureChange:
    """One figure whose stated text differs between two drafts."""

    bookmark: str
    indicator: str
    name: str
    unit: str
    span: str
    old: str | None
    new: str | None
    kind: ChangeKind
    causes: tuple[Cause, ...] = field(default=())
    bookmarks: tuple[str, ...] = field(default=())  # every place the figure is printed, changed this way

    def reason(self) -> str:
        """Why it changed, as a reviewer reads it (the comment in the redline)."""
        if self.kind == ChangeKind.HAND:
            return messages.CHANGE_BY_HAND
        said = "; ".join(cause.text() for cause in self.causes) or messages.CHANGE_NO_SUBMISSION
        return messages.CHANGE_WORDING.format(reason=said) if self.kind == ChangeKind.WORDING else said

    def to_dict(self) -> dict[str, Any]:
        return {
            "bookmark": self.bookmark, "indicator": self.indicator, "name": self.name, "unit": self.unit,
            "span": self.span, "old": self.old, "new": self.new, "kind": str(self.kind), "reason": self.reason(),
            "causes": [{"department": c.department, "file": c.file_name, "received_at": c.received_at.isoformat(),
                        "action": c.action} for c in self.causes],
        }


def draft_of_build(store: Store, build_id: int) -> Draft:
    """A recorded build as a draft."""
    return _from_record(find_build(store, build_id), messages.DRAFT_BUILD.format(build=build_id))


def draft_of_docx(store: Store, docx: bytes, label: str) -> Draft:
    """A .docx as a draft: the build that wrote it, if one did; otherwise what its figure bookmarks hold."""
    record = store.build(output_hash=content_hash(docx))
    if record is not None:
        return _from_record(record, label, stated_figures(docx))
    return Draft(label, stated_figures(docx))


def _from_record(record: Mapping[str, Any], label: str, stated: Mapping[str, str] | None = None) -> Draft:
    recorded = json.loads(str(record.get("stated") or "{}"))
    return Draft(label, stated if stated is not None else recorded, json.loads(str(record["manifest"])),
                 int(record["id"]), str(record["period"]), record["built_at"])


def figure_changes(catalog: Catalog, store: Store, old: Draft, new: Draft) -> list[FigureChange]:
    """Every figure whose stated text differs from ``old`` to ``new``, in ``new``'s order, then ``old``'s."""
    table = bookmark_table(catalog.indicators, RESTS_ON)
    changes: dict[tuple[str, str, str | None, str | None], FigureChange] = {}
    for name in [*new.stated, *[n for n in old.stated if n not in new.stated]]:
        before, after = old.stated.get(name), new.stated.get(name)
        figure = figure_of(name, table)
        if before == after or figure is None:
            continue
        code, span = figure
        key = (code, span, before, after)
        if key in changes:  # the same figure printed again, changed the same way
            changes[key] = replace(changes[key], bookmarks=(*changes[key].bookmarks, name))
            continue
        ind = catalog.indicators[code]
        causes: tuple[Cause, ...] = ()
        if new.manifest is None:
            kind = ChangeKind.HAND
        else:
            kind = ChangeKind.WORDING if _flipped(before, after) else ChangeKind.VALUE
            causes = _causes(catalog, store, code, span, old.manifest, new.manifest)
        changes[key] = FigureChange(name, code, ind.name, ind.unit, span, before, after, kind, causes, (name,))
    return list(changes.values())


def _flipped(before: str | None, after: str | None) -> bool:
    first = [(text or "").split(" ", 1)[0] for text in (before, after)]
    return first[0] != first[1] and all(word in messages.COMPARISON_VERBS for word in first)


def _sources(manifest: Mapping[str, Any] | None, code: str, span: str) -> set[int]:
    if manifest is None:
        return set()
    spans = manifest.get("figures", {}).get(code, {}).get("spans", {})
    return {source for part in RESTS_ON.get(span, ()) for source in (spans.get(part) or {}).get("observations", [])}


def _causes(catalog: Catalog, store: Store, code: str, span: str, old: Mapping[str, Any] | None,
            new: Mapping[str, Any]) -> tuple[Cause, ...]:
    fresh = _sources(new, code, span) - _sources(old, code, span)
    rows = store.observations(fresh)
    replaced = {row["id"]: row for row in store.observations({r["replaces_id"] for r in rows if r["replaces_id"]})}
    causes: dict[tuple[str, str], Cause] = {}
    for row in rows:
        before = replaced.get(row["replaces_id"])
        if before is None:
            action = "new"
        elif before["status"] == "estimate" and row["status"] == "final":
            action = "final"
        else:
            action = "correction"
        department = catalog.departments.get(row["department"])
        cause = Cause(row["department"], department.name if department else row["department"], row["file_name"],
                      row["received_at"], action)
        causes.setdefault((row["file_name"], action), cause)
    return tuple(sorted(causes.values(), key=lambda c: (c.received_at, c.file_name)))


def changes_by_bookmark(changes: Sequence[FigureChange]) -> dict[str, str]:
    """Each changed figure's bookmark and the reason it changed: the comments a redline carries."""
    return {name: change.reason() for change in changes for name in change.bookmarks}
