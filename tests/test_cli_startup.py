"""Starting the command line: asking for help loads none of the heavy libraries the work needs.

Each command imports the library's heavy parts (workbooks, the store, Word,
DataFrames) only when it runs, so ``reportgen --help`` and every
``reportgen COMMAND --help`` start in a fraction of a second. Checked in a fresh
interpreter, by what is in ``sys.modules`` afterwards, not by timing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("openpyxl", "sqlalchemy", "pandas", "numpy", "docx", "docxtpl", "python_calamine", "matplotlib", "lxml",
         "uvicorn")

# Runs what ``python -m reportgen --help`` runs, then each command's ``--help`` in the same process, and prints,
# as JSON, the exit code of each and the heavy modules it loaded.
LOADED_AFTER_HELP = """
import json, runpy, sys
from contextlib import redirect_stdout
from io import StringIO

heavy = {heavy!r}


def outcome(run):
    before = set(sys.modules)
    code = None
    try:
        with redirect_stdout(StringIO()):
            run()
    except SystemExit as done:
        code = done.code
    return [code, sorted(name for name in heavy if name in set(sys.modules) - before)]


sys.argv = ["reportgen", "--help"]
found = {{"--help": outcome(lambda: runpy.run_module("reportgen", run_name="__main__"))}}
from reportgen.cli import main
for name, command in sorted(main.commands.items()):
    for words in [[name], *([name, sub] for sub in sorted(getattr(command, "commands", {{}})))]:
        found[" ".join([*words, "--help"])] = outcome(lambda: main([*words, "--help"], prog_name="reportgen"))
print(json.dumps(found))
"""


def loaded_after_help(folder: Path) -> dict[str, list[object]]:
    """For ``--help`` and then each command's ``--help``: its exit code and the heavy modules it loaded."""
    done = subprocess.run([sys.executable, "-c", LOADED_AFTER_HELP.format(heavy=HEAVY)], cwd=folder,
                          capture_output=True, text=True, check=True)
    found: dict[str, list[object]] = json.loads(done.stdout)
    return found


def it_loads_no_heavy_library_to_show_help(tmp_path: Path) -> None:
    found = loaded_after_help(tmp_path)
    assert {"--help", "build --help", "ingest --help", "users add --help", "db upgrade --help"} <= set(found)
    assert {words: result for words, result in found.items() if result != [0, []]} == {}


def it_sees_the_heavy_libraries_once_the_work_needs_them(tmp_path: Path) -> None:
    """The question asked above can fail: the store's part of the public API brings SQLAlchemy."""
    done = subprocess.run([sys.executable, "-c", "import sys; import reportgen; reportgen.Store; "
                           f"print(sorted(name for name in {HEAVY!r} if name in sys.modules))"],
                          cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "sqlalchemy" in done.stdout
