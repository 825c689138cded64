"""The documentation says what the code does: the README's example runs, and the architecture names real units."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import reportgen

ROOT = Path(__file__).resolve().parent.parent


def it_runs_the_readmes_python_example(tmp_path: Path, demo_db: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    [example] = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    (tmp_path / "outputs").mkdir()
    demo_db.rename(tmp_path / "outputs" / "demo.sqlite")  # a copy: the example records a build in it
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "9239.42" in printed and "28684.031" in printed
    assert re.search(r"^\(\d+, \d+, \d+\)$", printed.splitlines()[-1])  # the three months behind the year to date
    assert (tmp_path / "bao-cao.docx").is_file()


def it_names_every_unit_of_the_package_in_the_architecture_note() -> None:
    note = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = Path(reportgen.__file__).parent
    units = sorted({p.name if p.is_dir() else p.stem for p in package.iterdir()
                    if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py" and p.stem != "__main__")
                    } - {"__init__"})
    assert [u for u in units if f"{u}/" not in note and f"{u}.py" not in note] == []
