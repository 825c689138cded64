"""A city's working folder: ``reportgen init`` copies the built-in templates, and commands use the city's own."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from reportgen import DEFAULT_TEMPLATES
from reportgen.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def it_copies_the_defaults_for_a_city_to_edit(tmp_path: Path) -> None:
    code, out, _ = run("init", str(tmp_path / "can-tho"))
    target = tmp_path / "can-tho" / "templates"
    assert code == 0
    shipped = ["catalog.toml", "report.docx", "README.md",  # and the guide's pictures, for its links
               "guide/appendix-charts.png", "guide/appendix-table.png", "guide/first-page.png"]
    assert out == "".join(f"Đã tạo {target / name}\n" for name in shipped)
    for name in shipped:
        assert (target / name).read_bytes() == (DEFAULT_TEMPLATES / name).read_bytes()
    (target / "catalog.toml").write_text("# sửa\n", encoding="utf-8")
    code, out, err = run("init", str(tmp_path / "can-tho"))
    assert (code, out) == (2, "")
    assert err.startswith(f"Lỗi: Thư mục đã có {target / 'catalog.toml'}, ") and "--force" in err
    assert (target / "catalog.toml").read_text(encoding="utf-8") == "# sửa\n"
    assert run("init", str(tmp_path / "can-tho"), "--force")[0] == 0
    assert (target / "catalog.toml").read_bytes() == (DEFAULT_TEMPLATES / "catalog.toml").read_bytes()


def it_uses_the_working_folders_own_catalog_and_says_so(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("catalog", "--json")
    assert code == 0 and json.loads(out)["version"] == "2023.2"
    assert err == f"Dùng {DEFAULT_TEMPLATES / 'catalog.toml'} (mặc định).\n"
    run("init", ".")
    own = Path("templates") / "catalog.toml"
    own.write_text(own.read_text(encoding="utf-8").replace('version = "2023.2"', 'version = "2024.1"'),
                   encoding="utf-8")
    code, out, err = run("catalog", "--json")
    assert code == 0 and json.loads(out)["version"] == "2024.1"
    assert err == "Dùng templates/catalog.toml (của thư mục làm việc).\n"


def it_builds_with_the_working_folders_own_template(demo_db: Path, tmp_path: Path,
                                                    docx_text: Callable[[Path | bytes], str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run("init", ".")
    template = Document("templates/report.docx")
    template.add_paragraph("Bản của thành phố: {{ period.month_name }}.")
    template.save("templates/report.docx")
    code, out, err = run("build", "--period", "2023-03", "--out", "bao-cao.docx", "--db", str(demo_db))
    assert (code, out) == (0, "Đã tạo báo cáo bao-cao.docx\nĐã ghi nhận lần lập báo cáo số 3.\n")
    assert err == ("Dùng templates/catalog.toml (của thư mục làm việc).\n"
                   "Dùng templates/report.docx (của thư mục làm việc).\n")
    assert "Bản của thành phố: tháng 03/2023." in docx_text(Path("bao-cao.docx"))


def it_keeps_forms_and_outputs_where_the_planner_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("forms", "--period", "2023-03", "--department", "SCT")
    assert (code, out) == (0, "Đã tạo outputs/forms/2023-03_SCT.xlsx\nTổng cộng 1 biểu mẫu tháng 03/2023.\n")
    assert Path("outputs/forms/2023-03_SCT.xlsx").is_file() and not Path("outputs/reportgen.sqlite").exists()
