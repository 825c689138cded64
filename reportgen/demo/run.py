"""The demo: two years of department forms, filled, ingested, and two reports built.

Every month from :data:`DEMO_FIRST` to :data:`DEMO_LAST`, each department's
blank form is written by :func:`reportgen.forms.build_form`, filled as a clerk
would (:func:`fill_form`) with figures consistent with the reference reports
(:mod:`reportgen.demo.series`) and sample paragraphs (``narratives.toml``),
saved as a workbook, and ingested through :func:`reportgen.ingest.ingest_file`,
exactly as ``reportgen ingest`` does. The December 2022 report is built when
December's forms are in (its figures are still estimates, as in reality);
the March 2023 report at the end.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from functools import partial
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import Progress

from .. import layout as L
from ..archive import write_normalized
from ..catalog import Catalog, load_catalog
from ..forms import build_form, deadline, form_filename
from ..ingest import ingest_file
from ..periods import Period, months_between
from ..render import ReportOptions, render_report
from ..store import Store
from .filler import CellInput, fill_form
from .series import DEMO_FIRST, DEMO_LAST, Reported, demo_series

REPORTS = {
    Period(2022, 12): ReportOptions(number="     /BC-SKHĐT", signer_name="Nguyễn Văn Minh"),
    Period(2023, 3): ReportOptions(number="742/BC-SKHĐT", signer_name="Nguyễn Văn Minh"),
}

PREPARERS = ("Trần Thị Lan", "Lê Văn Hùng", "Phạm Thị Mai", "Võ Minh Tuấn", "Huỳnh Thị Thu")


@dataclass
class DemoResult:
    store_url: str
    reports: list[Path] = field(default_factory=list)
    files: int = 0
    rejected: int = 0


def _at(moment: dt.datetime) -> dt.datetime:
    """A clock that always says ``moment``: demo forms arrive two days before their deadline."""
    return moment


def load_narratives() -> list[dict[str, Any]]:
    text = resources.files("reportgen.demo").joinpath("narratives.toml").read_text(encoding="utf-8")
    return list(tomllib.loads(text)["narrative"])


def narrative_rows(catalog: Catalog, entries: list[dict[str, Any]], department: str,
                   period: Period) -> list[tuple[str, str, str]]:
    """The department's sample paragraphs for the month, as narrative sheet rows."""
    rows = []
    for entry in entries:
        months = entry.get("months", "all")
        if entry["department"] != department or (months != "all" and period.month not in months):
            continue
        text = entry["text"].strip().format(month_name=period.month_name, next_month_name=period.next.month_name,
                                            year=period.year)
        kind = L.KIND_FOOTNOTE if entry["kind"] == "footnote" else L.KIND_PARAGRAPH
        rows.append((catalog.sections[entry["section"]].title, kind, text))
    return rows


def form_values(catalog: Catalog, series: Mapping[str, Mapping[Period, Reported]], department: str,
                period: Period) -> dict[str, dict[str, CellInput]]:
    """What the clerk types in each data cell of the department's form for the month."""
    values: dict[str, dict[str, CellInput]] = {}
    for ind in catalog.form_indicators(department, period.month):
        reported = series.get(ind.code, {})
        now = reported.get(period)
        if now is None:
            continue
        cells: dict[str, CellInput] = {}
        for role in L.cell_roles(ind):
            source = reported.get(period.shift(role.shift))
            if source is None:
                continue
            value = source.ytd if role.column == L.COL_YTD else source.month
            if value is not None:
                cells[role.column] = value
        values[ind.code] = cells
    return values


def run_demo(out_dir: Path, db: str | None = None, progress: Console | None = None) -> DemoResult:
    """Run the whole demo into ``out_dir``; returns where things went."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if db is None:
        db_path = out_dir / "demo.sqlite"
        for stale in out_dir.glob("demo.sqlite*"):
            stale.unlink()
        db = str(db_path)
    inputs = out_dir / "demo-inputs"
    shutil.rmtree(inputs, ignore_errors=True)
    catalog = load_catalog()
    series = demo_series(catalog)
    entries = load_narratives()
    result = DemoResult(store_url=db)
    months = months_between(DEMO_FIRST, DEMO_LAST)
    departments = [code for code in catalog.departments]
    with Store.open(db) as store, Progress(console=progress, transient=True,
                                           disable=progress is None) as bar:
        task = bar.add_task("Nhập số liệu chạy thử", total=len(months))
        for period in months:
            for number, department in enumerate(departments):
                values = form_values(catalog, series, department, period)
                rows = narrative_rows(catalog, entries, department, period)
                if not values and not rows:
                    continue
                due = deadline(period, catalog.departments[department].deadline_day)
                cover = {
                    "preparer": PREPARERS[number % len(PREPARERS)],
                    "phone": f"0292 38{number:02d} {period.month:02d}{period.year % 100:02d}",
                    "prepared_on": due.replace(day=max(1, due.day - 2)).strftime("%d/%m/%Y"),
                }
                data = fill_form(build_form(catalog, department, period), values, cover, rows)
                path = inputs / str(period) / form_filename(department, period)
                write_normalized(path, data)
                sent = dt.datetime.combine(due.replace(day=max(1, due.day - 2)), dt.time(2, 30), tzinfo=dt.UTC)
                outcome = ingest_file(path, catalog, store, period, now=partial(_at, sent), actor="demo")
                result.files += 1
                if not outcome.ok:
                    result.rejected += 1
                    if progress is not None:
                        for item in outcome.findings:
                            progress.print(str(item), markup=False)
            if period in REPORTS:
                out = out_dir / f"bao-cao-{period}.docx"
                render_report(catalog, store, period, out, options=REPORTS[period])
                result.reports.append(out)
            bar.advance(task)
    return result
