"""The documentation says what the code does: the README's example runs, and the architecture names real units."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

import reportgen
from reportgen import DEFAULT_TEMPLATES
from reportgen.cli import main

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


GUIDE_PICTURES = ["guide/first-page.png", "guide/appendix-table.png", "guide/appendix-charts.png"]
CHART_BLUE = (0x1F, 0x4E, 0x79)


def pictures(guide: Path) -> list[str]:
    return re.findall(r"!\[[^\]]+\]\(([^)]+)\)", guide.read_text(encoding="utf-8"))


def kinds(folder: Path) -> list[tuple[str, bool, bool]]:
    """Each picture of a page: its name, whether it is landscape, whether it shows a chart's blue bars."""
    found = []
    for name in GUIDE_PICTURES:
        with Image.open(folder / name) as image:
            rgb = image.convert("RGB")
            colours = {rgb.getpixel((x, y)) for x in range(0, rgb.width, 2) for y in range(0, rgb.height, 2)}
            found.append((name, image.width > image.height, any(
                isinstance(colour, tuple) and max(abs(a - b) for a, b in zip(colour, CHART_BLUE, strict=True)) < 24
                for colour in colours)))
    return found


def it_shows_pictures_of_a_built_report_in_the_template_guide_where_the_guide_is(tmp_path: Path) -> None:
    assert pictures(DEFAULT_TEMPLATES / "README.md") == GUIDE_PICTURES
    assert kinds(DEFAULT_TEMPLATES) == [("guide/first-page.png", False, False),
                                        ("guide/appendix-table.png", True, False),
                                        ("guide/appendix-charts.png", True, True)]
    assert all((DEFAULT_TEMPLATES / name).stat().st_size < 100_000 for name in GUIDE_PICTURES)
    assert "python tools/template_thumbnails.py" in (DEFAULT_TEMPLATES / "README.md").read_text(encoding="utf-8")
    assert CliRunner().invoke(main, ["init", str(tmp_path)]).exit_code == 0  # a city's copy shows them too
    copied = tmp_path / "templates"
    assert [(copied / name).read_bytes() for name in pictures(copied / "README.md")] \
        == [(DEFAULT_TEMPLATES / name).read_bytes() for name in GUIDE_PICTURES]


@pytest.mark.libreoffice
def it_makes_the_guides_pictures_of_a_built_report_with_the_documented_command(tmp_path: Path, demo: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "template_thumbnails.py"),
                             "--docx", str(demo / "bao-cao-2023-03.docx"), "--out", str(tmp_path / "guide")],
                            capture_output=True, text=True, timeout=600, check=True)
    assert result.stdout.splitlines() == [str(tmp_path / name) for name in GUIDE_PICTURES]
    assert kinds(tmp_path) == kinds(DEFAULT_TEMPLATES)
    for name in GUIDE_PICTURES:
        with Image.open(tmp_path / name) as made, Image.open(DEFAULT_TEMPLATES / name) as shipped:
            assert made.size == shipped.size and made.mode == "P"
