"""The store: history, archive, intake log, locks, status, crash safety and concurrency."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reportgen import Catalog, Outcome, Period, Store, StoreError, check_bytes, months_between, period_status
from reportgen.store.versions import HEAD

from conftest import MakeWorkbook, Submit

MARCH = Period(2023, 3)
ACCEPTED, REJECTED = Outcome.ACCEPTED, Outcome.REJECTED


def it_creates_a_store_at_the_newest_schema_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    with Store.open(db) as store:
        assert store.version() == HEAD
    connection = sqlite3.connect(db)
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError) as refused:
        Store.open(db)
    assert str(refused.value) == (
        f"Kho dữ liệu {db} có phiên bản 0099 mà chương trình này không biết (phiên bản hiện hành {HEAD}); có thể kho "
        "do bản reportgen mới hơn tạo ra: hãy cập nhật reportgen.")


def it_reads_the_location_from_the_environment_at_the_command_line(tmp_path: Path, small_catalog_file: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from reportgen.cli import main

    monkeypatch.setenv("REPORTGEN_DB", str(tmp_path / "env.sqlite"))
    result = CliRunner().invoke(main, ["lock", "--period", "2023-03", "--user", "lan"])
    assert (result.exit_code, result.output) == (0, "Đã khóa sổ tháng 03/2023.\n")
    with Store.open(str(tmp_path / "env.sqlite")) as store:
        assert store.lock_of(MARCH) is not None


def it_archives_every_submitted_file_by_content_hash(store: Store, make_workbook: MakeWorkbook, submit: Submit,
                                                     good: dict[str, Any]) -> None:
    accepted, rejected = make_workbook(), make_workbook({**good, "cpi": {"F": "N/A"}})
    submit(accepted, "good.xlsx")
    submit(rejected, "bad.xlsx")
    archived = sorted(p for p in store.archive_dir.rglob("*.xlsx"))
    assert len(archived) == 2
    assert {p.read_bytes() for p in archived} == {accepted, rejected}
    log = [(i["file_name"], i["status"], i["errors"], i["actor"]) for i in store.intakes()]
    assert log == [("good.xlsx", "accepted", 0, "lan"), ("bad.xlsx", "rejected", 1, "lan")]


def it_refuses_a_locked_period_unless_forced(store: Store, make_workbook: MakeWorkbook, submit: Submit) -> None:
    locked_at = dt.datetime(2023, 3, 25, 8, tzinfo=dt.UTC)
    assert store.lock_period(MARCH, "truong.phong", locked_at)
    assert not store.lock_period(MARCH, "truong.phong", locked_at)
    refused = submit(make_workbook(), "f.xlsx")
    assert refused.status == REJECTED
    assert [f.code for f in refused.findings] == ["period.locked"]
    assert refused.findings[0].message == (
        "Kỳ tháng 03/2023 đã được khóa sổ lúc 25/03/2023 15:00 bởi truong.phong; không nhận thêm số liệu. "
        "Liên hệ Phòng Tổng hợp nếu cần điều chỉnh.")  # the time as users read it, in Vietnam
    assert store.counts()["observation"] == 0
    forced = submit(make_workbook(), "f.xlsx", actor="chuyen.vien", force=True)
    assert forced.status == ACCEPTED
    assert [f.code for f in forced.findings] == ["period.locked_forced"]
    assert store.unlock_period(MARCH, "truong.phong", locked_at + dt.timedelta(days=1))
    events = [(e["action"], e["actor"]) for e in store.lock_events(MARCH)]
    assert events == [("lock", "truong.phong"), ("forced", "chuyen.vien"), ("unlock", "truong.phong")]


def it_reports_completeness_and_timeliness(small_catalog: Catalog, store: Store, make_workbook: MakeWorkbook,
                                           submit: Submit, nhnn_good: dict[str, Any],
                                           clock_at: Callable[..., Callable[[], dt.datetime]]) -> None:
    submit(make_workbook(), "f.xlsx", clock=clock_at(17))  # deadline of SCT: the 18th
    status = period_status(small_catalog, store, MARCH)
    assert [(d.department, d.state, d.on_time, d.attempts) for d in status.departments] == [
        ("SCT", "accepted", True, 1), ("NHNN", "missing", None, 0)]
    assert status.share == 0.5
    late = make_workbook(nhnn_good, narrative=[], department="NHNN")
    submit(late, "late.xlsx", clock=clock_at(20, hour=18))  # 21 March in Vietnam
    nhnn = period_status(small_catalog, store, MARCH).departments[1]
    assert (nhnn.state, nhnn.on_time, nhnn.deadline) == ("accepted", False, "2023-03-20")


def _forms_folder(tmp_path: Path, make_workbook: MakeWorkbook, months: list[Period]) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for number, period in enumerate(months):
        values = {
            "retail_sales": {"F": 9000 + number, "G": 8000 + number, "I": 20000 + number},
            "retail_goods": {"F": 10, "G": 10},
            "cpi": {"F": 100 + number},
            "iip": {"F": 110, "I": 104},
        }
        if period.month % 3 == 0:
            values["grdp_growth"] = {"F": 105}
        (folder / f"{period}_SCT.xlsx").write_bytes(make_workbook(values, period=period))
    return folder


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "reportgen", *args]


def it_stores_each_file_fully_or_not_at_all_when_killed(tmp_path: Path, small_catalog: Catalog,
                                                         small_catalog_file: Path, make_workbook: MakeWorkbook) -> None:
    catalog_file = small_catalog_file
    months = months_between(Period(2014, 1), Period(2023, 12))  # enough that the kill lands before the end
    folder = _forms_folder(tmp_path, make_workbook, months)
    db = tmp_path / "store.sqlite"
    process = subprocess.Popen(_cli("ingest", str(folder), "--db", str(db), "--catalog", str(catalog_file)),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db) as probe:
                    stored = probe.execute("SELECT count(*) FROM submission").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
        if stored >= 5:
            break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 5 <= stored < len(months), "the kill must land in the middle of the run"
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Store.open(str(db)) as store:
        submissions = {s["file_name"]: s["id"] for s in store.submissions()}
        intakes = {i["file_name"]: i["submission_id"] for i in store.intakes() if i["status"] == "accepted"}
        assert intakes == submissions
        with sqlite3.connect(db) as rows:
            for path in sorted(folder.iterdir()):
                checked = check_bytes(path.read_bytes(), path.name, small_catalog)
                sid = submissions.get(path.name)
                observations = rows.execute("SELECT count(*) FROM observation WHERE submission_id = ?",
                                            (sid,)).fetchone()[0]
                narratives = rows.execute("SELECT count(*) FROM narrative WHERE submission_id = ?",
                                          (sid,)).fetchone()[0]
                if sid is None:
                    assert (observations, narratives) == (0, 0)
                else:
                    assert (observations, narratives) == (len(checked.observations), len(checked.narratives))
    again = subprocess.run(_cli("ingest", str(folder), "--db", str(db), "--catalog", str(catalog_file)),
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stdout + again.stderr
    with Store.open(str(db)) as store:
        assert len(store.submissions()) == len(months)


def it_lets_two_ingests_share_one_store(tmp_path: Path, small_catalog_file: Path,
                                        make_workbook: MakeWorkbook) -> None:
    catalog_file = small_catalog_file
    folder = _forms_folder(tmp_path, make_workbook, months_between(Period(2022, 1), Period(2023, 12)))
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    for number, path in enumerate(sorted(folder.iterdir())):
        path.rename((first if number % 2 else second) / path.name)
    db = tmp_path / "store.sqlite"
    runs = [subprocess.Popen(_cli("ingest", str(part), "--db", str(db), "--catalog", str(catalog_file)),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for part in (first, second)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    with Store.open(str(db)) as store:
        assert len(store.submissions()) == 24
        assert len(store.intakes()) == 24


def it_finds_archived_originals_that_are_missing_or_altered(store: Store, make_workbook: MakeWorkbook,
                                                             submit: Submit, good: dict[str, Any]) -> None:
    kept, lost = make_workbook(), make_workbook({**good, "cpi": {"F": "N/A"}})
    submit(kept, "kept.xlsx")
    submit(lost, "lost.xlsx")
    assert store.check_archive() == (2, [])
    [lost_path] = [p for p in store.archive_dir.rglob("*.xlsx") if p.read_bytes() == lost]
    [kept_path] = [p for p in store.archive_dir.rglob("*.xlsx") if p.read_bytes() == kept]
    lost_path.unlink()
    kept_path.write_bytes(kept + b"changed")
    count, problems = store.check_archive()
    assert count == 2
    assert sorted((p.file_name, p.missing, p.path) for p in problems) == [
        ("kept.xlsx", False, kept_path), ("lost.xlsx", True, lost_path)]


def it_keeps_original_files_in_the_folder_it_is_given(tmp_path: Path, make_workbook: MakeWorkbook,
                                                      small_catalog: Catalog, clock: Callable[[], dt.datetime]) -> None:
    from reportgen import ingest_bytes

    folder = tmp_path / "kho-ban-goc"
    with Store.open(str(tmp_path / "store.sqlite"), folder) as store:
        data = make_workbook()
        ingest_bytes(data, "2023-03_SCT.xlsx", small_catalog, store, clock=clock, actor="lan")
        [kept] = folder.rglob("*.xlsx")
        assert kept.read_bytes() == data and kept.stem == store.submissions()[0]["file_hash"]
    assert not (tmp_path / "store-archive").exists()
