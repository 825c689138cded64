"""Ingest speed: reading and checking a month of department forms.

Run: ``.venv/bin/python benchmarks/bench_ingest.py [--months N]``.

Writes every department's filled demo form for N months into a temporary
folder, then times, on the same files in the same run:

- baseline: openpyxl opening each workbook (read-only) and reading every cell,
  what a straightforward implementation would do;
- reportgen's reader: python-calamine, in-process;
- reportgen's guarded reader: the cheap guard plus calamine in a bounded child process;
- full ingest: guard, bounded read, validation against history, one transaction per file.

Prints milliseconds per file and each figure against the baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from reportgen import Period, Store, build_form, ingest_file, load_catalog, months_between
from reportgen.demo.filler import fill_form
from reportgen.demo.run import form_values
from reportgen.demo.series import demo_series
from reportgen.forms import form_filename
from reportgen.intake.guard import inspect
from reportgen.intake.reading import read_form
from reportgen.intake.sandbox import read_form_bounded

COVER = {"preparer": "Trần Thị Lan", "phone": "0292 3800 000", "prepared_on": "18/03/2023"}


def make_forms(folder: Path, months: list[Period]) -> list[Path]:
    catalog = load_catalog()
    series = demo_series(catalog)
    paths = []
    for period in months:
        for department in catalog.departments:
            values = form_values(catalog, series, department, period)
            if not values:
                continue
            path = folder / form_filename(department, period)
            path.write_bytes(fill_form(build_form(catalog, department, period), values, COVER))
            paths.append(path)
    return paths


def openpyxl_read(path: Path) -> None:
    wb = load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for _row in ws.iter_rows(values_only=True):
            pass
    wb.close()


def calamine_read(path: Path) -> None:
    read_form(path.read_bytes())


def guarded_read(path: Path) -> None:
    data = path.read_bytes()
    assert inspect(data) is None
    read_form_bounded(data)


def timed(label: str, paths: list[Path], action: Callable[[Path], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for path in paths:
            action(path)
        runs.append((time.perf_counter() - start) / len(paths) * 1000)
    best = min(runs)
    print(f"{label:<42} {best:8.2f} ms/file  (median {statistics.median(runs):.2f})")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=3, help="months of forms (from 2023-03 backwards)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    months = months_between(Period(2023, 3).shift(1 - args.months), Period(2023, 3))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_forms(folder, months)
        print(f"{len(paths)} forms, {sum(p.stat().st_size for p in paths) / len(paths) / 1024:.1f} KiB each")
        baseline = timed("baseline: openpyxl read-only, every cell", paths, openpyxl_read, args.repeat)
        figures = {
            "reportgen reader (calamine, in-process)": timed("reportgen reader (calamine, in-process)", paths,
                                                             calamine_read, args.repeat),
            "guard + calamine in bounded child": timed("guard + calamine in bounded child", paths, guarded_read,
                                                       args.repeat),
        }
        catalog = load_catalog()
        with Store.open(str(folder / "bench.sqlite")) as store:
            start = time.perf_counter()
            for path in paths:
                ingest_file(path, catalog, store, clock=lambda: dt.datetime(2023, 3, 18, tzinfo=dt.UTC),
                            actor="bench")
            full = (time.perf_counter() - start) / len(paths) * 1000
        print(f"{'full ingest (guard, read, validate, store)':<42} {full:8.2f} ms/file  (one pass: stores once)")
        figures["full ingest"] = full
        print()
        for label, value in figures.items():
            print(f"{label:<42} {value / baseline:6.2f}× the baseline")


if __name__ == "__main__":
    main()
