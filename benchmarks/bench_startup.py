"""How long ``reportgen --help`` takes to start, against the interpreter alone and the libraries the work needs.

Run: ``.venv/bin/python benchmarks/bench_startup.py [--runs N]``.

Times in the same run, each command N times in turn (after one unmeasured
run each, so compiled bytecode and the disk cache are warm):

- floor: ``python -c pass``, starting the interpreter and nothing else;
- heavy imports: ``python -c "import openpyxl, sqlalchemy, pandas, docxtpl"``,
  what every command paid before the command line loaded the library's
  heavy parts only in the command that uses them;
- ``reportgen --help`` (the installed console script), ``python -m reportgen
  --help`` and ``reportgen build --help`` (one command's options).

Prints the median and the fastest wall time of each in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HEAVY = "import openpyxl, sqlalchemy, pandas, docxtpl"


def wall_time(args: list[str]) -> float:
    """Seconds from starting ``args`` until it has exited (its output discarded); it must succeed."""
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    script = Path(sys.executable).parent / "reportgen"
    if not script.is_file():
        raise SystemExit(f"no console script at {script}: install reportgen into this environment first")
    python = sys.executable
    cases = {
        "python -c pass (floor)": [python, "-c", "pass"],
        f'python -c "{HEAVY}"': [python, "-c", HEAVY],
        "reportgen --help": [str(script), "--help"],
        "python -m reportgen --help": [python, "-m", "reportgen", "--help"],
        "reportgen build --help": [str(script), "build", "--help"],
    }
    for command in cases.values():
        wall_time(command)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):  # in turn, so a busy moment of the machine falls on every case alike
        for name, command in cases.items():
            times[name].append(wall_time(command))
    width = max(len(name) for name in cases)
    print(f"{'command':<{width}}  {'median':>8}  {'fastest':>8}   ({args.runs} runs each)")
    for name, seconds in times.items():
        print(f"{name:<{width}}  {statistics.median(seconds) * 1000:6.0f} ms  {min(seconds) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
