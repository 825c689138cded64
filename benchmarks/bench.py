"""Every stage of reportgen at chosen scales, each beside its baselines measured in the same run.

Run: ``.venv/bin/python benchmarks/bench.py [--quick] [--repeat N] [--postgres URL] [--suite] [--only STAGE ...]
[--markdown]``.

The benchmark makes its own data in a temporary folder (the demo's filled
forms and figures, synthetic history and synthetic catalogs) and prints one
table: each stage's median over the runs, its baselines' medians from the same
runs (run in turn, one after the other, in rotating order), the ratio, the
target and whether it is met, and the peak memory of the run. Timings on a
shared machine are noisy: read the ratios, which compare figures measured side
by side. Stages (``--only``):

- ``ingest``: a month's workbooks of every department (and three months')
  through :func:`reportgen.ingest` into a fresh store that already holds the
  twelve months before; beside python-calamine reading every sheet of the same
  files (the floor) and ``pandas.read_excel(engine="openpyxl")`` (what a user
  would write). Per file; with the CPU time of the process running the batch,
  which validates and stores while its reader workers read.
- ``history``: assembling and building the March 2023 report from stores
  holding 1, 5, 10 and 20 years of figures before 2023 (the same figures in the
  months the report reads, so the documents are identical), each beside the
  store of 1 year.
- ``catalog``: assembling and building from catalogs of 300, 1,000 and 3,000
  indicators (the built-in catalog cut down to what its template names, or
  copied with suffixed codes), with 15 months of figures each; builds beside
  docxtpl's floor for that catalog.
- ``floor``: building the demo's March 2023 report beside docxtpl rendering
  the same template with the same context and saving it: with the report's six
  charts drawn in the timing (the floor any build of this document pays) and
  with them drawn beforehand (docxtpl alone).
- ``rollup``: 34 provinces, each with its own store (SQLite files, or with
  ``--postgres`` one database each on that server) holding the 14 months
  before: every province's month of workbooks ingested, then every province's
  report assembled.
- ``demo``: ``reportgen demo`` into an empty folder.
- ``startup``: ``reportgen --help``, beside the interpreter starting and
  stopping (``python -c pass``).
- ``suite``: the test suite's wall time (only with ``--suite``).

Each stage runs in a child process of its own. Peak memory is the resident
set's high-water mark (Linux ``VmHWM``, reset before each measured run), of
the process doing the work: for commands, of the command's process (from
``wait4``); reader processes that ingest starts are not counted.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import hashlib
import io
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
import pandas
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from python_calamine import CalamineWorkbook
from sqlalchemy import create_engine, make_url, text

from reportgen import (
    DEFAULT_CATALOG,
    DEFAULT_TEMPLATE,
    Catalog,
    Frequency,
    Indicator,
    Kind,
    NarrativeItem,
    NarrativeKind,
    Period,
    ReportData,
    ReportOptions,
    Store,
    assemble,
    build_form,
    build_report,
    ingest,
    load_catalog,
    months_between,
    parse_catalog,
)
from reportgen.catalog import TASKS_SECTION
from reportgen.demo.filler import fill_form
from reportgen.demo.run import form_values, load_narratives, narrative_rows, report_options
from reportgen.demo.series import DEMO_FIRST, Reported, demo_series
from reportgen.forms import form_filename
from reportgen.forms import layout as L
from reportgen.model import NewObservation, SubmissionRecord
from reportgen.report.charts import chart_png
from reportgen.report.render import CHART_WIDTH_MM, FootnoteBlock, template_context

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("ingest", "history", "catalog", "floor", "rollup", "demo", "startup", "suite")
NOTE = "peak memory: resident set high-water mark of the working process (VmHWM, reset before each run)"


# Measuring -----------------------------------------------------------------------------------------------------

def _reset_peak() -> None:
    """Start the resident set's high-water mark afresh (Linux; elsewhere it only ever grows)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_kib() -> int:
    try:
        found = re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text())
    except OSError:
        found = None
    if found:
        return int(found.group(1))
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


@dataclass
class Runs:
    """The measured runs of one action: seconds and peak memory (KiB) of each."""

    seconds: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mib(self) -> float:
        return max(self.peaks) / 1024


Action = Callable[[], object]


def measure(actions: dict[str, Action], repeat: int, prepare: dict[str, Action] | None = None,
            warmup: bool = True) -> dict[str, Runs]:
    """Run each action once to warm up, then ``repeat`` rounds in which each runs once, in rotating order.

    ``prepare[name]``, when given, runs untimed before each run of that action.
    """
    prepare = prepare or {}
    names = list(actions)
    runs = {name: Runs() for name in names}
    if warmup:
        for name in names:
            if name in prepare:
                prepare[name]()
            actions[name]()
    for round_ in range(repeat):
        for name in names[round_ % len(names):] + names[:round_ % len(names)]:
            if name in prepare:
                prepare[name]()
            gc.collect()
            _reset_peak()
            start = time.perf_counter()
            actions[name]()
            runs[name].seconds.append(time.perf_counter() - start)
            runs[name].peaks.append(_peak_kib())
    return runs


LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(json.dumps([time.perf_counter() - start, os.waitstatus_to_exitcode(status), usage.ru_maxrss]))
"""
"""Runs a command and says how long it took, how it ended and its peak memory. A process started from this
(large) one would count this one's memory before its own: the small launcher starts it instead."""


def run_command(command: Sequence[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Run a command to its end, output discarded: (seconds, exit status, peak memory in KiB of its process)."""
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *command], cwd=cwd, capture_output=True, text=True,
                          check=True)
    seconds, status, peak = json.loads(done.stdout)
    return float(seconds), int(status), int(peak)


@dataclass
class Row:
    """One line of the table: a measured figure, optionally beside a baseline, a target and its verdict."""

    stage: str
    scale: str
    subject: str
    value: float
    unit: str
    runs: int
    peak_mib: float | None = None
    baseline: str = ""
    baseline_value: float | None = None
    ratio: float | None = None
    target: str = ""
    met: bool | None = None


def paired_ratio(runs: Runs, base: Runs) -> float:
    """The median of the ratios of runs made in the same round (one after the other): a machine busy for a
    while slows both alike."""
    return statistics.median(a / b for a, b in zip(runs.seconds, base.seconds, strict=True))


def row(stage: str, scale: str, subject: str, runs: Runs, *, per: int = 0, baseline: tuple[str, Runs] | None = None,
        paired: bool = True, target: str = "", met: Callable[[float, float | None], bool] | None = None) -> Row:
    """A row from measured runs; ``per`` files makes it milliseconds per file; ``met(value, ratio)``.

    The ratio to the baseline is :func:`paired_ratio` when the two were measured in the same rounds
    (``paired``), else the ratio of their medians.
    """
    scale_by = 1000 / per if per else 1.0
    made = Row(stage, scale, subject, runs.median * scale_by, "ms/file" if per else "s", len(runs.seconds),
               runs.peak_mib if runs.peaks else None)
    if baseline is not None:
        label, base = baseline
        made.baseline, made.baseline_value = label, base.median * scale_by
        made.ratio = paired_ratio(runs, base) if paired else runs.median / base.median
    if met is not None:
        made.target, made.met = target, met(made.value, made.ratio)
    return made


# Data ----------------------------------------------------------------------------------------------------------

REPORT = Period(2023, 3)
COVER = {"preparer": "Trần Thị Lan", "phone": "0292 3800 000", "prepared_on": "16/03/2023"}


def clock() -> dt.datetime:
    """Every submission and build of the benchmark happens at one moment, before March's deadlines."""
    return dt.datetime(2023, 3, 16, 3, tzinfo=dt.UTC)


def month_forms(folder: Path, period: Period) -> list[Path]:
    """Every department's filled demo form of the month (figures and paragraphs), written into ``folder``."""
    catalog = load_catalog()
    series, entries = demo_series(catalog), load_narratives()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for department in catalog.departments:
        values = form_values(catalog, series, department, period)
        rows = narrative_rows(catalog, entries, department, period)
        if values or rows:
            path = folder / form_filename(department, period)
            path.write_bytes(fill_form(build_form(catalog, department, period), values, COVER, rows))
            paths.append(path)
    return paths


Source = Callable[[Indicator, Period], Reported | None]
"""What a department reports for an indicator and month (None: nothing)."""


def demo_source(catalog: Catalog) -> Source:
    """The demo's figures (January 2021 to March 2023)."""
    series = demo_series(catalog)
    return lambda ind, period: series.get(ind.code, {}).get(period)


def synthetic_source(ind: Indicator, period: Period) -> Reported:
    """Made-up but plausible figures for any indicator and month: positive, at the indicator's decimals; a
    year to date the sum (or mean) of the year's months; a figure "to date" growing through the year."""
    seed = zlib.crc32(ind.code.encode())
    quantum = Decimal(1).scaleb(-ind.decimals)

    def level(month: int) -> Decimal:
        wiggle = Decimal(100 + (seed + period.year * 12 + month) % 17) / 100
        if ind.kind in (Kind.INDEX, Kind.AVERAGE):
            return Decimal(100 + seed % 12) + wiggle
        if ind.unit == "%":
            return Decimal(10 + seed % 80) + wiggle
        return Decimal(50 + seed % 950) * wiggle * (1 + Decimal(period.year - 2000) / 50)

    months = [level(m) for m in range(1, period.month + 1)]
    total, last = sum(months, Decimal(0)).quantize(quantum), months[-1].quantize(quantum)
    if ind.frequency != Frequency.MONTHLY:
        return Reported(total if ind.kind == Kind.FLOW else last, None)
    if ind.kind == Kind.CUMULATIVE:
        return Reported(total, None)
    if ind.kind == Kind.FLOW:
        return Reported(last, total)
    if ind.kind in (Kind.AVERAGE, Kind.INDEX):
        return Reported(last, (sum(months, Decimal(0)) / len(months)).quantize(quantum))
    return Reported(last, None)


def fill_store(store: Store, catalog: Catalog, months: Iterable[Period], source: Source) -> int:
    """Store every department's submission of each month as its form would bring it (this month's estimates,
    last month's final figures, the year to date, the demo's paragraphs), without writing workbooks.

    Returns the number of submissions stored.
    """
    entries = load_narratives()
    stored = 0
    for period in months:
        for department in catalog.departments:
            observations = []
            for ind in catalog.form_indicators(department, period.month):
                if source(ind, period) is None:
                    continue
                for role in L.cell_roles(ind, period.month):
                    reported = source(ind, period.shift(role.shift))
                    value = None if reported is None else reported.ytd if role.column == L.COL_YTD else reported.month
                    if value is not None:
                        observations.append(NewObservation(ind.code, period, role.basis, role.status, value))
            narratives = [_narrative(entry, period) for entry in entries if _written(entry, department, period)]
            if not observations and not narratives:
                continue
            record = SubmissionRecord(form_filename(department, period),
                                      hashlib.sha256(f"{department}|{period}".encode()).hexdigest(), department,
                                      period, L.FORM_VERSION, catalog.version, clock())
            store.store_submission(record, observations, narratives)
            stored += 1
    return stored


def _written(entry: dict[str, Any], department: str, period: Period) -> bool:
    """Whether the department writes this demo paragraph in the month."""
    months = entry.get("months", "all")
    return bool(entry["department"] == department and (months == "all" or period.month in months))


def _narrative(entry: dict[str, Any], period: Period) -> NarrativeItem:
    """A demo paragraph as the store keeps it (as :func:`reportgen.demo.run.narrative_rows` puts it on a form)."""
    kind = NarrativeKind.FOOTNOTE if entry["kind"] == "footnote" else (
        NarrativeKind.TASK if entry["section"] == TASKS_SECTION else NarrativeKind.PARAGRAPH)
    text = entry["text"].strip().format(month_name=period.month_name, next_month_name=period.next.month_name,
                                        year=period.year)
    return NarrativeItem(entry["section"], kind, text)


def sized_catalog(size: int) -> Catalog:
    """A catalog of about ``size`` indicators that the built-in template renders.

    Smaller than the built-in catalog: the indicators the template, the
    charts and the key targets name (with their parents and formulas'
    operands), then others in catalog order; the template names about 310,
    so no smaller catalog renders it. Larger: the built-in catalog, then
    copies of it with suffixed codes (``retail_sales_x2``) and names, the
    last copy cut short (but whole under parents and formulas).
    """
    raw = tomllib.loads(DEFAULT_CATALOG.read_text(encoding="utf-8"))
    base: list[dict[str, Any]] = raw["indicator"]
    by_code = {entry["code"]: entry for entry in base}
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as template:
        words = re.sub(r"<[^>]+>", "", template.read("word/document.xml").decode("utf-8"))
    named = set(re.findall(r"\bf\.([A-Za-z_]\w*)", words)) & set(by_code)
    named |= set(raw["report"].get("charts", [])) | {code for t in raw.get("target", []) for code in t["indicators"]}
    if size <= len(base):
        keep = _closed(named, by_code)
        others = [entry["code"] for entry in base if entry["code"] not in keep]
        keep |= _closed(set(others[:max(0, size - len(keep))]), by_code)
        indicators = [entry for entry in base if entry["code"] in keep]
    else:
        indicators, copy = list(base), 2
        while len(indicators) < size:
            copies = {entry["code"] + f"_x{copy}": _copied(entry, f"_x{copy}", copy) for entry in base}
            keep = _closed(set(list(copies)[:size - len(indicators)]), copies)
            indicators += [entry for code, entry in copies.items() if code in keep]
            copy += 1
    raw["indicator"] = indicators
    return parse_catalog(_toml(raw), f"catalog-{size}.toml")


def _closed(codes: set[str], entries: dict[str, dict[str, Any]]) -> set[str]:
    """The codes with their parents and their formulas' operands, to the top."""
    pending, done = list(codes), set[str]()
    while pending:
        code = pending.pop()
        if code not in done:
            done.add(code)
            entry = entries[code]
            pending += [entry["parent"]] if entry.get("parent") else []
            pending += re.findall(r"[A-Za-z_]\w*", entry.get("formula", ""))
    return done


def _copied(entry: dict[str, Any], suffix: str, copy: int) -> dict[str, Any]:
    made = dict(entry, code=entry["code"] + suffix, name=f"{entry['name']} [{copy}]")
    if entry.get("parent"):
        made["parent"] = entry["parent"] + suffix
    if entry.get("formula"):
        made["formula"] = re.sub(r"[A-Za-z_]\w*", lambda m: m.group(0) + suffix, entry["formula"])
    return made


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value))


def _toml(raw: dict[str, Any]) -> str:
    """TOML text of a catalog as tomllib read it (only the value types a catalog holds)."""
    lines = [f"version = {_toml_value(raw['version'])}", "", "[report]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in raw.get("report", {}).items()]
    for table in ("department", "section", "indicator", "target", "rule"):
        for entry in raw.get(table, []):
            lines += ["", f"[[{table}]]", *(f"{key} = {_toml_value(value)}" for key, value in entry.items())]
    return "\n".join(lines) + "\n"


# Stages --------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    work: Path
    repeat: int
    quick: bool
    postgres: str | None


def _fresh_copy(seed: Path, target: Path) -> None:
    """A copy of a SQLite store, without any archive or journal of an earlier copy."""
    for old in target.parent.glob(target.name + "*"):
        old.unlink()
    shutil.rmtree(target.with_name(target.stem + "-archive"), ignore_errors=True)
    shutil.copyfile(seed, target)


def stage_ingest(opts: Options) -> list[Row]:
    catalog = load_catalog()
    rows = []
    for count in (1,) if opts.quick else (1, 3):
        months = months_between(REPORT.shift(1 - count), REPORT)
        paths = [path for month in months for path in month_forms(opts.work / "forms" / str(month), month)]
        seed = opts.work / f"ingest-seed-{count}.sqlite"
        with Store.open(str(seed)) as store:
            fill_store(store, catalog, months_between(months[0].shift(-12), months[0].previous), demo_source(catalog))
        stores: list[Store] = []

        def fresh(count: int = count, seed: Path = seed, stores: list[Store] = stores) -> None:
            while stores:
                stores.pop().close()
            target = opts.work / f"ingest-{count}.sqlite"
            _fresh_copy(seed, target)
            stores.append(Store.open(str(target)))

        cpu = Runs()

        def ingested(paths: list[Path] = paths, stores: list[Store] = stores, cpu: Runs = cpu) -> None:
            start = time.process_time()
            results = ingest(paths, catalog, stores[0], clock=clock, actor="bench")
            cpu.seconds.append(time.process_time() - start)
            assert all(r.ok for r in results), [str(f) for r in results if not r.ok for f in r.findings]

        def calamine(paths: list[Path] = paths) -> None:
            for path in paths:
                workbook = CalamineWorkbook.from_path(str(path))
                for name in workbook.sheet_names:
                    workbook.get_sheet_by_name(name).to_python()

        def naive(paths: list[Path] = paths) -> None:
            for path in paths:
                pandas.read_excel(path, sheet_name=None, engine="openpyxl")

        runs = measure({"ingest": ingested, "calamine": calamine, "pandas": naive}, opts.repeat,
                       prepare={"ingest": fresh})
        while stores:
            stores.pop().close()
        scale = f"{len(paths)} workbooks ({count} month{'s' if count > 1 else ''}) into a store of 12 months"
        subject = "reportgen.ingest: guard, read, validate, store"
        rows.append(row("ingest", scale, subject, runs["ingest"], per=len(paths),
                        baseline=("pandas.read_excel(engine='openpyxl'), every sheet", runs["pandas"]),
                        target="≥ 3× faster", met=lambda _value, ratio: ratio is not None and ratio <= 1 / 3))
        rows.append(row("ingest", scale, subject, runs["ingest"], per=len(paths),
                        baseline=("python-calamine, every sheet to Python (floor)", runs["calamine"])))
        del cpu.seconds[0]  # the warm-up's
        rows.append(row("ingest", scale, "CPU time of the batch's own process (its reader workers work beside "
                        "it)", cpu, per=len(paths)))
    return rows


def _builder(catalog: Catalog, store: Store, out: Path) -> Callable[[], bytes]:
    """A build of the March 2023 report, recorded in the store, as ``reportgen build`` makes it."""
    def build() -> bytes:
        build_report(catalog, store, REPORT, out, options=_options(), clock=clock, actor="bench")
        return out.read_bytes()

    return build


def _options() -> ReportOptions:
    return report_options(REPORT)


def stage_history(opts: Options) -> list[Row]:
    catalog = load_catalog()
    years = (1, 5) if opts.quick else (1, 5, 10, 20)
    growing = opts.work / "history.sqlite"
    stores: dict[int, Store] = {}
    stored_to = REPORT
    with Store.open(str(growing)) as store:
        for count in years:  # one store grown backwards: the months the report reads first, then older years
            first = Period(REPORT.year - count, 1)
            print(f"  history: storing {count} years of figures", file=sys.stderr, flush=True)
            fill_store(store, catalog, months_between(first, stored_to), synthetic_source)
            stored_to = first.previous
            store.engine.dispose()
            shutil.copyfile(growing, opts.work / f"history-{count}.sqlite")
            stores[count] = Store.open(str(opts.work / f"history-{count}.sqlite"))
    names = [str(n) for n in years]
    assembled = measure({str(n): _assembler(catalog, stores[n]) for n in years}, opts.repeat)
    builders = {str(n): _builder(catalog, stores[n], opts.work / f"history-{n}.docx") for n in years}
    documents = {name: hashlib.sha256(build()).hexdigest()[:12] for name, build in builders.items()}
    if len(set(documents.values())) != 1:
        print(f"  history: the documents differ between stores: {documents}", file=sys.stderr)
    built = measure(dict(builders), opts.repeat, warmup=False)
    for store in stores.values():
        store.close()
    rows = []
    for stage, runs in (("assemble", assembled), ("build", built)):
        for name, n in zip(names, years, strict=True):
            baseline = None if n == years[0] else (f"the same with {years[0]} year", runs[names[0]])
            target = "≤ 1.1×" if n == 20 else ""
            scale = f"{n} year{'s' if n > 1 else ''} of history ({12 * n + REPORT.month} months)"
            rows.append(row(stage, scale, f"{stage} March 2023", runs[name], baseline=baseline, target=target,
                            met=(lambda _v, ratio: ratio is not None and ratio <= 1.1) if target else None))
    return rows


def _assembler(catalog: Catalog, store: Store) -> Action:
    return lambda: assemble(catalog, store, REPORT)


class Floor:
    """docxtpl's own work for a report: the same template and context, rendered and saved.

    The context is what reportgen gives the template (figures, phrases,
    paragraphs: :func:`reportgen.report.render.template_context`), made
    before the timing. The charts are drawn inside it with ``charts=True``
    (the same six charts any build of this document draws), else beforehand.
    The Jinja environment is docxtpl's with autoescape and the template's one
    extension, the ``{% footnote %}`` tag, without which it does not compile.
    """

    def __init__(self, data: ReportData, charts: bool) -> None:
        self.data, self.charts = data, charts
        self.pngs = [] if charts else [chart_png(series) for series in data.charts]
        self.values: dict[str, Any] = {}

    def prepare(self) -> None:
        self.values = template_context(self.data, image=lambda png: png, chart=lambda _series: b"").values

    def __call__(self) -> bytes:
        document = DocxTemplate(str(DEFAULT_TEMPLATE))
        pngs = [chart_png(series) for series in self.data.charts] if self.charts else self.pngs
        images = [InlineImage(document, io.BytesIO(png), width=Mm(CHART_WIDTH_MM)) for png in pngs]
        document.render(dict(self.values, charts=images), autoescape=True,
                        jinja_env=jinja2.Environment(autoescape=True, extensions=[FootnoteBlock]))
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


FLOOR = "docxtpl render + save, same template and context, charts drawn (floor)"
FLOOR_NO_CHARTS = "docxtpl render + save, charts drawn beforehand"


def stage_catalog(opts: Options) -> list[Row]:
    sizes = (300, 3000) if opts.quick else (300, 1000, 3000)
    first: tuple[str, Runs] | None = None
    rows = []
    for size in sizes:
        catalog = sized_catalog(size)
        count = len(catalog.indicators)
        print(f"  catalog: {count} indicators, storing 15 months of figures", file=sys.stderr, flush=True)
        with Store.open(str(opts.work / f"catalog-{size}.sqlite")) as store:
            fill_store(store, catalog, months_between(Period(REPORT.year - 1, 1), REPORT), synthetic_source)
            floor = Floor(assemble(catalog, store, REPORT, _options()), charts=True)
            runs = measure({"assemble": _assembler(catalog, store),
                            "build": _builder(catalog, store, opts.work / f"catalog-{size}.docx"),
                            "floor": floor}, opts.repeat, prepare={"floor": floor.prepare})
        scale = f"{count} indicators, 15 months"
        rows.append(row("assemble", scale, "assemble March 2023", runs["assemble"], baseline=first, paired=False))
        first = first or (f"the same with {count} indicators", runs["assemble"])
        target = "< 5 s" if size == 3000 else ""
        rows.append(row("build", scale, "build March 2023", runs["build"], baseline=(FLOOR, runs["floor"]),
                        target=target, met=(lambda value, _r: value < 5) if target else None))
    return rows


def stage_floor(opts: Options) -> list[Row]:
    catalog = load_catalog()
    with Store.open(str(opts.work / "floor.sqlite")) as store:
        fill_store(store, catalog, months_between(DEMO_FIRST, REPORT), demo_source(catalog))
        data = assemble(catalog, store, REPORT, _options())
        floor, bare = Floor(data, charts=True), Floor(data, charts=False)
        runs = measure({"build": _builder(catalog, store, opts.work / "floor.docx"), "floor": floor, "bare": bare},
                       opts.repeat, prepare={"floor": floor.prepare, "bare": bare.prepare})
    scale = "the demo's March 2023 report"
    subject = "build_report: assemble, render, footnotes, bookmarks, record"
    return [
        row("build", scale, subject, runs["build"], baseline=(FLOOR, runs["floor"]), target="≤ 1.2×",
            met=lambda _v, ratio: ratio is not None and ratio <= 1.2),
        row("build", scale, subject, runs["build"], baseline=(FLOOR_NO_CHARTS, runs["bare"])),
    ]


def _databases(server: str, names: Iterable[str], template: str | None = None, drop: bool = False) -> list[str]:
    """(Re)create databases on a PostgreSQL server (copies of ``template``), or only drop them; their URLs."""
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    urls = []
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            if not drop:
                conn.execute(text(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else "")))
            urls.append(make_url(server).set(database=name).render_as_string(hide_password=False))
    admin.dispose()
    return urls


def stage_rollup(opts: Options) -> list[Row]:
    catalog = load_catalog()
    provinces = 4 if opts.quick else 34
    paths = month_forms(opts.work / "forms", REPORT)
    names = [f"reportgen_bench_p{n:02d}" for n in range(1, provinces + 1)]
    seed = "reportgen_bench_seed"
    print(f"  roll-up: storing 14 months of figures for {provinces} provinces", file=sys.stderr, flush=True)
    if opts.postgres:
        location = _databases(opts.postgres, [seed])[0]
        backend = f"PostgreSQL, {provinces} databases"
    else:
        location = str(opts.work / f"{seed}.sqlite")
        backend = f"SQLite, {provinces} files"
    with Store.open(location, opts.work / "seed-archive") as store:
        fill_store(store, catalog, months_between(Period(REPORT.year - 1, 1), REPORT.previous), demo_source(catalog))
    stores: list[tuple[str, Path]] = []

    def fresh() -> None:
        stores.clear()
        archives = [opts.work / f"{name}-archive" for name in names]
        for archive in archives:
            shutil.rmtree(archive, ignore_errors=True)
        if opts.postgres:
            urls = _databases(opts.postgres, names, template=seed)
        else:
            urls = [str(opts.work / f"{name}.sqlite") for name in names]
            for url in urls:
                _fresh_copy(Path(location), Path(url))
        stores.extend(zip(urls, archives, strict=True))

    def ingest_all() -> None:
        for url, archive in stores:
            with Store.open(url, archive) as store:
                results = ingest(paths, catalog, store, clock=clock, actor="bench")
                assert all(r.ok for r in results)

    def assemble_all() -> None:
        for url, archive in stores:
            with Store.open(url, archive) as store:
                assemble(catalog, store, REPORT)

    total = {"ingest": Runs(), "assemble": Runs()}
    for _ in range(1 if opts.quick else min(opts.repeat, 3)):
        fresh()
        for name, action in (("ingest", ingest_all), ("assemble", assemble_all)):
            runs = measure({name: action}, 1, warmup=False)[name]
            total[name].seconds += runs.seconds
            total[name].peaks += runs.peaks
    if opts.postgres:
        _databases(opts.postgres, [*names, seed], drop=True)
    return [
        row("roll-up", f"{provinces} provinces × {len(paths)} workbooks ({backend})",
            "ingest every province's month", total["ingest"], per=len(paths) * provinces),
        row("roll-up", f"{provinces} provinces ({backend})", "assemble every province's March 2023 report",
            total["assemble"]),
    ]


def _reportgen() -> list[str]:
    script = Path(sys.executable).with_name("reportgen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reportgen"]


def _commands(commands: dict[str, tuple[list[str], Callable[[], Path | None]]], repeat: int,
              check: bool = True) -> dict[str, Runs]:
    """Run commands in turn, ``repeat`` rounds, each in the folder its callable makes (None: this one)."""
    runs = {name: Runs() for name in commands}
    for _ in range(repeat):
        for name, (command, folder) in commands.items():
            seconds, status, peak = run_command(command, folder())
            if status != 0 and check:
                raise RuntimeError(f"{' '.join(command)} exited with {status}")
            runs[name].seconds.append(seconds)
            runs[name].peaks.append(peak)
    return runs


def stage_demo(opts: Options) -> list[Row]:
    def empty() -> Path:
        shutil.rmtree(opts.work / "demo", ignore_errors=True)
        (opts.work / "demo").mkdir()
        return opts.work / "demo"

    runs = _commands({"demo": ([*_reportgen(), "demo", "--out", str(opts.work / "demo" / "outputs")], empty)},
                     1 if opts.quick else min(opts.repeat, 3))
    return [row("demo", "621 workbooks, two reports, from an empty folder", "reportgen demo", runs["demo"],
                target="< 20 s", met=lambda value, _r: value < 20)]


def stage_startup(opts: Options) -> list[Row]:
    runs = _commands({"help": ([*_reportgen(), "--help"], lambda: None),
                      "python": ([sys.executable, "-c", "pass"], lambda: None)}, 1 + opts.repeat * 2)
    return [row("start-up", "a fresh process", "reportgen --help", runs["help"],
                baseline=("python -c pass (the interpreter alone)", runs["python"]), target="< 0.3 s",
                met=lambda value, _r: value < 0.3)]


def stage_suite(opts: Options) -> list[Row]:
    runs = _commands({"suite": ([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], lambda: ROOT)}, 1,
                     check=False)
    return [row("test suite", "every test", "pytest -q -p no:cacheprovider (wall time)", runs["suite"])]


STAGE_FUNCTIONS: dict[str, Callable[[Options], list[Row]]] = {
    "ingest": stage_ingest, "history": stage_history, "catalog": stage_catalog, "floor": stage_floor,
    "rollup": stage_rollup, "demo": stage_demo, "startup": stage_startup, "suite": stage_suite,
}


# The table -----------------------------------------------------------------------------------------------------

def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{value:.1f} ms/file" if unit == "ms/file" else f"{value:.3g} s" if value < 10 else f"{value:.1f} s"


def _ratio(ratio: float | None) -> str:
    if ratio is None:
        return ""
    return f"{ratio:.2f}× ({1 / ratio:.1f}× faster)" if ratio < 1 else f"{ratio:.2f}×"


def _cells(made: Row) -> list[str]:
    verdict = "" if made.met is None else "met" if made.met else "MISSED"
    return [made.stage, made.scale, made.subject, _figure(made.value, made.unit), made.baseline,
            _figure(made.baseline_value, made.unit), _ratio(made.ratio), made.target, verdict,
            "" if made.peak_mib is None else f"{made.peak_mib:.0f} MiB", str(made.runs)]


HEADERS = ["stage", "scale", "measured", "median", "baseline", "baseline median", "ratio", "target", "",
           "peak memory", "runs"]


def machine_note() -> str:
    cpu = ""
    try:
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1).strip() if found else ""
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{platform.node() or 'machine'}: {os.cpu_count()} cores{f' ({cpu})' if cpu else ''}, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}; load average {load}; "
            f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")


def print_table(rows: list[Row], note: str, markdown: bool) -> None:
    if markdown:
        print(f"_{note}_\n")
        print("| " + " | ".join(HEADERS) + " |")
        print("|" + "---|" * len(HEADERS))
        for made in rows:
            print("| " + " | ".join(_cells(made)) + " |")
        print(f"\n_{NOTE}_")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="reportgen benchmark", caption=f"{note}\n{NOTE}", show_lines=False)
    for header in HEADERS:
        table.add_column(header, overflow="fold")
    for made in rows:
        cells = _cells(made)
        cells[8] = {"met": "[green]met[/]", "MISSED": "[bold red]MISSED[/]"}.get(cells[8], "")
        table.add_row(*cells)
    Console(width=max(160, shutil.get_terminal_size().columns)).print(table)


# Running -------------------------------------------------------------------------------------------------------

def child(stage: str, opts: Options, result: Path) -> None:
    rows = STAGE_FUNCTIONS[stage](opts)
    result.write_text(json.dumps([asdict(made) for made in rows]))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller scales, fewer runs")
    parser.add_argument("--repeat", type=int, default=None, help="measured runs per figure (default 5; quick 2)")
    parser.add_argument("--postgres", metavar="URL", default=None,
                        help="a PostgreSQL server's maintenance database, for the roll-up's stores")
    parser.add_argument("--suite", action="store_true", help="also time the test suite (about 12 minutes)")
    parser.add_argument("--only", nargs="+", choices=STAGES, metavar="STAGE", help=f"only these: {', '.join(STAGES)}")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--child", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    repeat = args.repeat or (2 if args.quick else 5)
    if args.child:
        child(args.child, Options(args.work, repeat, args.quick, args.postgres), args.result)
        return
    stages = [s for s in STAGES if (s in args.only if args.only else s != "suite" or args.suite)]
    note = machine_note()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as tmp:
        for stage in stages:
            work, result = Path(tmp) / stage, Path(tmp) / f"{stage}.json"
            work.mkdir()
            print(f"{stage} …", file=sys.stderr, flush=True)
            start = time.perf_counter()
            command = [sys.executable, __file__, "--child", stage, "--work", str(work), "--result", str(result),
                       "--repeat", str(repeat), *(["--quick"] if args.quick else []),
                       *(["--postgres", args.postgres] if args.postgres else [])]
            if subprocess.run(command, check=False).returncode != 0:
                print(f"{stage} failed", file=sys.stderr)
                continue
            rows += [Row(**made) for made in json.loads(result.read_text())]
            print(f"{stage} done in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows, f"{note} → load {', '.join(f'{x:.2f}' for x in os.getloadavg())} at the end", args.markdown)


if __name__ == "__main__":
    main()
