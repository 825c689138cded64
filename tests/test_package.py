"""A real package: installed (not editable) into a fresh environment, it runs the demo from an empty folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def it_installs_and_runs_the_demo_from_an_empty_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels),
                    str(ROOT)], check=True, capture_output=True, timeout=600)
    [wheel] = wheels.glob("reportgen-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"reportgen/templates/catalog.toml", "reportgen/templates/report.docx", "reportgen/templates/README.md",
            "reportgen/templates/guide/first-page.png",
            "reportgen/demo/narratives.toml", "reportgen/py.typed", "reportgen/store/migrations/env.py",
            "reportgen/store/migrations/versions/0001_release_0_1.py",
            "reportgen/store/migrations/versions/0002_exact_and_constrained.py"} <= names
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", str(wheel)], check=True, capture_output=True,
                   timeout=1200)
    empty = tmp_path / "empty"
    empty.mkdir()
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import reportgen; print(reportgen.__file__)"],
                           cwd=empty, capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(str(venv)), where  # the installed copy, not the source tree
    demo = subprocess.run([str(venv / "bin" / "reportgen"), "demo"], cwd=empty, capture_output=True, text=True,
                          timeout=1200)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert demo.stdout.splitlines()[-3:] == [
        "Đã tạo báo cáo outputs/bao-cao-2022-12.docx", "Đã tạo báo cáo outputs/bao-cao-2023-03.docx",
        "Tài khoản chạy thử của cổng thông tin: sct, nhnn, kehoach, thamdinh, quantri (mật khẩu: demo-reportgen)."]
    pages = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "from importlib import resources; web = resources.files('reportgen.web');"
         "print(sorted(p.name for p in web.joinpath('templates').iterdir()),"
         " web.joinpath('static/style.css').is_file())"],
        cwd=empty, capture_output=True, text=True, check=True).stdout
    assert "'base.html'" in pages and "'upload_result.html'" in pages and pages.strip().endswith("True"), pages
    expected = {"bao-cao-2022-12.docx": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2022",
                "bao-cao-2023-03.docx": "Số: 742/BC-SKHĐT"}
    for name, words in expected.items():
        with zipfile.ZipFile(empty / "outputs" / name) as report:
            assert words in report.read("word/document.xml").decode()
