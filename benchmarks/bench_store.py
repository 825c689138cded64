"""The store on SQLite and on PostgreSQL, side by side: ingest and build, same files, same run.

Run: ``.venv/bin/python benchmarks/bench_store.py [--months N] [--postgres URL]``.

Writes every department's filled demo form for the N months up to March
2023, then on each backend, in a fresh store: ingests them all (guard, read,
validation against history, one transaction each: what ``reportgen ingest``
does), assembles the March report from the store, and builds it (assemble,
render, write, record). Without ``--postgres`` a throw-away cluster is started
with ``tools/pg-cluster`` and stopped at the end. Prints each figure and
PostgreSQL's against SQLite's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from reportgen import Period, Store, assemble, build_form, build_report, ingest_file, load_catalog, months_between
from reportgen.demo.filler import fill_form
from reportgen.demo.run import form_values
from reportgen.demo.series import demo_series
from reportgen.forms import form_filename

ROOT = Path(__file__).resolve().parent.parent
MARCH = Period(2023, 3)
COVER = {"preparer": "Trần Thị Lan", "phone": "0292 3800 000", "prepared_on": "18/03/2023"}


def clock() -> dt.datetime:
    return dt.datetime(2023, 3, 18, 3, tzinfo=dt.UTC)


def make_forms(folder: Path, months: list[Period]) -> list[Path]:
    catalog = load_catalog()
    series = demo_series(catalog)
    paths = []
    for period in months:
        for department in catalog.departments:
            values = form_values(catalog, series, department, period)
            if values:
                path = folder / str(period) / form_filename(department, period)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(fill_form(build_form(catalog, department, period), values, COVER))
                paths.append(path)
    return paths


@contextmanager
def postgres(given: str | None) -> Iterator[str]:
    """A server's maintenance database: the one given, or a throw-away cluster for this run."""
    if given:
        yield given
        return
    folder = Path(tempfile.mkdtemp(prefix="reportgen-bench-postgres-"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = subprocess.run([str(ROOT / "tools" / "pg-cluster"), "start", str(folder), str(port)],
                             capture_output=True, text=True, check=True)
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([str(ROOT / "tools" / "pg-cluster"), "stop", str(folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(server: str) -> str:
    name = "reportgen_bench"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def measure(location: str, archive: Path, paths: list[Path], out: Path) -> dict[str, float]:
    catalog = load_catalog()
    figures: dict[str, float] = {}
    with Store.open(location, archive) as store:
        start = time.perf_counter()
        for path in paths:
            result = ingest_file(path, catalog, store, clock=clock, actor="bench")
            assert result.ok, [str(f) for f in result.findings]
        figures["ingest, ms per file"] = (time.perf_counter() - start) / len(paths) * 1000
        figures["assemble March, s"] = best_of(3, lambda: assemble(catalog, store, MARCH))
        figures["build March (assemble, render, record), s"] = best_of(
            3, lambda: build_report(catalog, store, MARCH, out, clock=clock, actor="bench"))
    return figures


def best_of(times: int, action: Callable[[], object]) -> float:
    """The fastest of a few runs, in seconds: the first pays for imports and caches that every later one reuses."""
    runs = []
    for _ in range(times):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--months", type=int, default=15, help="months of forms up to 2023-03 (the report needs 15)")
    parser.add_argument("--postgres", default=None, help="URL of a PostgreSQL server's maintenance database")
    args = parser.parse_args()
    months = months_between(MARCH.shift(1 - args.months), MARCH)
    with tempfile.TemporaryDirectory() as tmp, postgres(args.postgres) as server:
        folder = Path(tmp)
        paths = make_forms(folder / "forms", months)
        print(f"{len(paths)} forms over {len(months)} months")
        results = {
            "SQLite": measure(str(folder / "bench.sqlite"), folder / "sqlite-archive", paths, folder / "a.docx"),
            "PostgreSQL": measure(fresh_database(server), folder / "pg-archive", paths, folder / "b.docx"),
        }
    print(f"{'':<44}{'SQLite':>10}{'PostgreSQL':>12}{'PG / SQLite':>13}")
    for label in results["SQLite"]:
        sqlite, pg = results["SQLite"][label], results["PostgreSQL"][label]
        print(f"{label:<44}{sqlite:>10.2f}{pg:>12.2f}{pg / sqlite:>12.2f}×")


if __name__ == "__main__":
    main()
