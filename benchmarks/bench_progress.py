"""How soon a long ingest shows its progress bar on a terminal.

Run: ``.venv/bin/python benchmarks/bench_progress.py [--files N]``.

Writes N copies of one department's filled demo form into a folder of ward
folders, then, on a pseudo-terminal as a clerk would see it, times in the same
run:

- baseline: ``reportgen --help``, the cost of starting Python and loading
  reportgen before any work begins;
- first bar: from starting ``reportgen ingest FOLDER`` until its progress bar
  (``0/N``) is on the screen;
- first file: until the bar has counted one file.

Prints each in milliseconds and the first bar against the baseline: what the
clerk waits for beyond starting the program.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reportgen import Period, build_form, load_catalog
from reportgen.demo.filler import fill_form
from reportgen.demo.run import form_values
from reportgen.demo.series import demo_series

COVER = {"preparer": "Trần Thị Lan", "phone": "0292 3800 000", "prepared_on": "18/03/2023"}
MARCH = Period(2023, 3)


def make_forms(folder: Path, count: int) -> None:
    catalog = load_catalog()
    values = form_values(catalog, demo_series(catalog), "SCT", MARCH)
    data = fill_form(build_form(catalog, "SCT", MARCH), values, COVER, [])
    for number in range(count):
        ward = folder / f"phuong-{number // 100 + 1}"
        ward.mkdir(parents=True, exist_ok=True)
        (ward / f"{number:04d}_2023-03_SCT.xlsx").write_bytes(data)


def until_on_screen(args: list[str], marks: list[str]) -> list[float]:
    """Seconds from start until each mark is on the pseudo-terminal (the process is killed after the last)."""
    controller, terminal = pty.openpty()
    env = os.environ | {"COLUMNS": "120", "TERM": "xterm-256color"}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "reportgen", *args], stdin=terminal, stdout=terminal,
                               stderr=terminal, env=env, start_new_session=True)
    os.close(terminal)
    screen, seen = "", list[float]()
    try:
        while len(seen) < len(marks):
            ready, _, _ = select.select([controller], [], [], 0.01)
            if ready:
                try:
                    screen += os.read(controller, 65536).decode("utf-8", "replace")
                except OSError:
                    break
            while len(seen) < len(marks) and marks[len(seen)] in screen:
                seen.append(time.perf_counter() - start)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(controller)
    if len(seen) < len(marks):
        raise SystemExit(f"never saw {marks[len(seen)]!r} on the screen:\n{screen[-2000:]}")
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "forms"
        make_forms(folder, args.files)
        baseline = min(until_on_screen(["--help"], ["--help"])[0] for _ in range(3))
        first_bar, first_file = until_on_screen(
            ["ingest", str(folder), "--db", str(Path(tmp) / "store.sqlite")], [f"0/{args.files}", f"1/{args.files}"])
    print(f"{args.files} files in {-(-args.files // 100)} folders")
    print(f"baseline (reportgen --help)   {baseline * 1000:8.0f} ms")
    print(f"first progress bar            {first_bar * 1000:8.0f} ms  ({first_bar - baseline:+.2f} s over baseline)")
    print(f"first file counted            {first_file * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
