"""Progress: a bar on a terminal for long work, nothing when the output is piped or is JSON.

The terminal is a real pseudo-terminal and the command a real process, as a
clerk runs it; the test stops it once the bar has shown what it must.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MakeWorkbook

MANY = 500


@pytest.fixture
def many_forms(tmp_path: Path, make_workbook: MakeWorkbook) -> Path:
    """A folder of 500 returned forms, one folder per ward as a district might send them."""
    data = make_workbook()
    for number in range(MANY):
        ward = tmp_path / "forms" / f"phuong-{number // 100 + 1}"
        ward.mkdir(parents=True, exist_ok=True)
        (ward / f"{number:03d}_2023-03_SCT.xlsx").write_bytes(data)
    return tmp_path / "forms"


def on_terminal(args: list[str], until: str, seconds: float = 60) -> tuple[str, bool]:
    """Run reportgen on a pseudo-terminal until ``until`` shows; the screen so far and whether it was still running."""
    controller, terminal = pty.openpty()
    env = os.environ | {"COLUMNS": "120", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen([sys.executable, "-m", "reportgen", *args], stdin=terminal, stdout=terminal,
                               stderr=terminal, env=env, start_new_session=True)
    os.close(terminal)
    screen = b""
    deadline = time.monotonic() + seconds
    try:
        while until not in screen.decode("utf-8", "replace") and time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.1)
            if ready:
                try:
                    screen += os.read(controller, 65536)
                except OSError:  # the process has ended and closed the terminal
                    break
        running = process.poll() is None
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(controller)
    return screen.decode("utf-8", "replace"), running


def it_shows_a_500_file_ingest_moving_on_a_terminal(tmp_path: Path, many_forms: Path,
                                                    small_catalog_file: Path) -> None:
    args = ["ingest", str(many_forms), "--db", str(tmp_path / "store.sqlite"), "--catalog", str(small_catalog_file)]
    screen, running = on_terminal(args, until=f"/{MANY}")
    assert running, screen  # the bar came while the work had hardly started
    assert "Đang tiếp nhận" in screen and f"0/{MANY}" in screen


def it_shows_validation_moving_on_a_terminal(tmp_path: Path, many_forms: Path, small_catalog_file: Path) -> None:
    screen, running = on_terminal(["validate", str(many_forms), "--catalog", str(small_catalog_file)],
                                  until=f"/{MANY}")
    assert running and "Đang kiểm tra" in screen


def it_keeps_the_terminal_clean_for_json(tmp_path: Path, make_workbook: MakeWorkbook,
                                         small_catalog_file: Path) -> None:
    form = tmp_path / "2023-03_SCT.xlsx"
    form.write_bytes(make_workbook())
    screen, running = on_terminal(["validate", str(form), "--json", "--catalog", str(small_catalog_file)],
                                  until='"status"')
    assert not running or '"status"' in screen
    assert "Đang kiểm tra" not in screen and "━" not in screen


def it_says_nothing_of_progress_when_piped(tmp_path: Path, make_workbook: MakeWorkbook,
                                           small_catalog_file: Path) -> None:
    form = tmp_path / "2023-03_SCT.xlsx"
    form.write_bytes(make_workbook())
    done = subprocess.run([sys.executable, "-m", "reportgen", "ingest", str(form), "--db",
                           str(tmp_path / "store.sqlite"), "--catalog", str(small_catalog_file)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "Đang tiếp nhận" not in done.stdout
    assert "Tổng cộng 1 tệp: 1 hợp lệ, 0 bị từ chối." in done.stdout


def it_shows_forms_being_written_on_a_terminal(tmp_path: Path) -> None:
    screen, _ = on_terminal(["forms", "--period", "2023-03", "--out", str(tmp_path / "bieu-mau")],
                            until="Tổng cộng")
    assert "Đang tạo biểu mẫu" in screen and "━" in screen
    assert len(list((tmp_path / "bieu-mau").glob("*.xlsx"))) > 10
