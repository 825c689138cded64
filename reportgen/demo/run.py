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
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from ..accounts import add_account
from ..catalog import Catalog, load_catalog
from ..files import write_normalized
from ..forms import form_filename
from ..forms import layout as L
from ..forms.write import form_workbook, workbook_bytes
from ..intake import Finding, ingest_each
from ..intake.sandbox import process_context, shared_pool
from ..messages import REPORT_FILENAME
from ..model import Period, Progress, Role, months_between
from ..report import ReportOptions, build_report
from ..store import Store
from .filler import CellInput, fill_workbook
from .series import DEMO_FIRST, DEMO_LAST, Reported, demo_series

REPORTS = (Period(2022, 12), Period(2023, 3))

@dataclass
class DemoResult:
    store_url: str
    reports: list[Path] = field(default_factory=list)
    files: int = 0
    rejected: int = 0
    findings: list[Finding] = field(default_factory=list)
    """What was wrong with the files the demo could not ingest (none, when the demo is sound)."""
    accounts: list[str] = field(default_factory=list)
    """The portal's demo accounts (user names), each with the password :attr:`password`."""
    password: str = ""


WRITERS = 2
"""Processes writing the demo's forms: openpyxl takes most of the demo's time, and the forms do not depend on the
store."""

DEMO_PASSWORD = "demo-reportgen"
"""The password of every demo account: the demo store is for trying the portal on one's own machine."""


def _at(moment: dt.datetime) -> dt.datetime:
    """A clock that always says ``moment``: demo forms arrive two days before their deadline."""
    return moment


def _demo_data() -> dict[str, Any]:
    text = resources.files("reportgen.demo").joinpath("narratives.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_narratives() -> list[dict[str, Any]]:
    return list(_demo_data()["narrative"])


def report_options(period: Period) -> ReportOptions:
    """The number and signer of the demo's report for a period."""
    people = _demo_data()["people"]
    number = people["report_numbers"].get(str(period), "")
    return ReportOptions(number=number, signer_name=people["signer"])


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


@dataclass
class _Clerks:
    """What the demo's clerks need to fill their forms."""

    catalog: Catalog
    series: Mapping[str, Mapping[Period, Reported]]
    entries: list[dict[str, Any]]
    preparers: list[str]
    inputs: Path


_clerks: _Clerks | None = None


def _hire(clerks: _Clerks) -> None:
    """In the process writing the forms: who fills them (given once, not with each month)."""
    global _clerks
    _clerks = clerks


def month_forms(period: Period, clerks: _Clerks | None = None) -> list[tuple[dt.datetime, Path]]:
    """Write every department's filled form for the month; each with the moment it is sent, in sending order.

    Forms are sent two days before the department's deadline.
    """
    clerks = clerks or _clerks
    assert clerks is not None
    catalog = clerks.catalog
    sent_forms = []
    for number, department in enumerate(catalog.departments):
        values = form_values(catalog, clerks.series, department, period)
        rows = narrative_rows(catalog, clerks.entries, department, period)
        if not values and not rows:
            continue
        due = catalog.departments[department].deadline(period)
        sent_on = due.replace(day=max(1, due.day - 2))
        cover = {
            "preparer": clerks.preparers[number % len(clerks.preparers)],
            "phone": f"0292 38{number:02d} {period.month:02d}{period.year % 100:02d}",
            "prepared_on": sent_on.strftime("%d/%m/%Y"),
        }
        form = form_workbook(catalog, department, period)
        fill_workbook(form, values, cover, rows)
        path = clerks.inputs / str(period) / form_filename(department, period)
        write_normalized(path, workbook_bytes(form))
        sent_forms.append((dt.datetime.combine(sent_on, dt.time(2, 30), tzinfo=dt.UTC), path))
    return sorted(sent_forms, key=lambda sent_form: sent_form[0])


def run_demo(out_dir: Path, db: str | None = None, progress: Progress | None = None) -> DemoResult:
    """Run the whole demo into ``out_dir``; returns where things went.

    The store is ``out_dir/demo.sqlite`` (made anew) unless ``db`` names
    another; ``progress`` is told how many months are done. The months'
    forms are written by :data:`WRITERS` other processes, ahead of the forms
    being ingested, which are one batch from the first month to the last.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    if db is None:
        db_path = out_dir / "demo.sqlite"
        for stale in out_dir.glob("demo.sqlite*"):
            stale.unlink()
        db = str(db_path)
    inputs = out_dir / "demo-inputs"
    shutil.rmtree(inputs, ignore_errors=True)
    catalog = load_catalog()
    clerks = _Clerks(catalog, demo_series(catalog), load_narratives(), _demo_data()["people"]["preparers"], inputs)
    result = DemoResult(store_url=db)
    months = months_between(DEMO_FIRST, DEMO_LAST)
    sent: list[dt.datetime] = []  # when each form named so far was sent, in the order they are stored
    sizes: list[int] = []  # how many forms each month named so far has
    shared_pool().start()  # the readers are forked before the form writers' threads start
    with (Store.open(db) as store,
          ProcessPoolExecutor(WRITERS, mp_context=process_context(), initializer=_hire,
                              initargs=(clerks,)) as writers):
        coming = [writers.submit(month_forms, period) for period in months]

        def forms() -> Iterator[Path]:
            for pending in coming:
                month = pending.result()
                sizes.append(len(month))
                sent.extend(moment for moment, _ in month)
                yield from (path for _, path in month)

        closed = 0  # months whose forms are all stored

        def close_months() -> None:
            """Build the report of each month whose forms are all stored, before any later form is."""
            nonlocal closed
            while len(sizes) > closed and sum(sizes[:closed + 1]) <= result.files:
                if months[closed] in REPORTS:
                    result.reports.append(_build(catalog, store, months[closed], out_dir))
                closed += 1
                if progress is not None:
                    progress(closed, len(months))

        # one batch through all the months: a form is stored when its result is asked for, at the moment it was
        # sent (the clock reads which form that is); the months' reports are built between two results
        for outcome in ingest_each(forms(), catalog, store, clock=lambda: sent[result.files], actor="demo"):
            result.files += 1
            if not outcome.ok:
                result.rejected += 1
                result.findings.extend(outcome.findings)
            close_months()
        close_months()
        result.accounts, result.password = _demo_accounts(catalog, store), DEMO_PASSWORD
    return result


def _build(catalog: Catalog, store: Store, period: Period, out_dir: Path) -> Path:
    """The demo's report of a month, built on the morning of its date."""
    out = out_dir / REPORT_FILENAME.format(period=period)
    built_at = dt.datetime.combine(report_options(period).report_date(period), dt.time(1, 0), tzinfo=dt.UTC)
    build_report(catalog, store, period, out, options=report_options(period), clock=partial(_at, built_at),
                 actor="demo")
    return out


def _demo_accounts(catalog: Catalog, store: Store) -> list[str]:
    """The portal's demo accounts: two department clerks, planning staff, a reviewer and the administrator."""
    created = dt.datetime(DEMO_LAST.next.year, DEMO_LAST.next.month, 1, 1, 0, tzinfo=dt.UTC)
    for person in _demo_data()["people"]["accounts"]:
        if store.accounts(person["username"]):  # a store the demo ran into before
            continue
        add_account(store, catalog, person["username"], Role(person["role"]), DEMO_PASSWORD, actor="demo",
                    at=created, full_name=person["full_name"], department=person.get("department"))
    return [person["username"] for person in _demo_data()["people"]["accounts"]]
