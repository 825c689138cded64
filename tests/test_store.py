"""The store: history, archive, intake log, locks, status, crash safety and concurrency."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SMALL_CATALOG
from reportgen.catalog import Catalog
from reportgen.errors import StoreError
from reportgen.ingest import ACCEPTED, REJECTED, check_file, ingest_file
from reportgen.periods import Period, months_between
from reportgen.status import period_status
from reportgen.store import Store
from test_ingest import GOOD, MARCH, NHNN_GOOD, workbook


def at(day: int, hour: int = 3) -> dt.datetime:
    return dt.datetime(2023, 3, day, hour, tzinfo=dt.UTC)


def it_records_the_schema_version_and_refuses_a_newer_store(tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    with Store.open(db) as store:
        assert store.schema_version() == 1
    connection = sqlite3.connect(db)
    connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="phiên bản 99"):
        Store.open(db)


def it_reads_the_location_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.store import resolve_db

    monkeypatch.setenv("REPORTGEN_DB", str(tmp_path / "env.sqlite"))
    assert resolve_db(None) == f"sqlite:///{tmp_path / 'env.sqlite'}"
    assert resolve_db("other.sqlite") == "sqlite:///other.sqlite"
    monkeypatch.delenv("REPORTGEN_DB")
    assert resolve_db(None) == "sqlite:///outputs/reportgen.sqlite"


def it_archives_every_submitted_file_by_content_hash(tmp_path: Path, small_catalog: Catalog, store: Store) -> None:
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(workbook(small_catalog))
    bad.write_bytes(workbook(small_catalog, {**GOOD, "cpi": {"F": "N/A"}}))
    ingest_file(good, small_catalog, store, actor="lan")
    ingest_file(bad, small_catalog, store, actor="lan")
    archived = sorted(p for p in store.archive_dir.rglob("*.xlsx"))
    assert len(archived) == 2
    assert {p.read_bytes() for p in archived} == {good.read_bytes(), bad.read_bytes()}
    log = [(i["file_name"], i["status"], i["errors"], i["actor"]) for i in store.intakes()]
    assert log == [("good.xlsx", "accepted", 0, "lan"), ("bad.xlsx", "rejected", 1, "lan")]


def it_refuses_a_locked_period_unless_forced(tmp_path: Path, small_catalog: Catalog, store: Store) -> None:
    path = tmp_path / "f.xlsx"
    path.write_bytes(workbook(small_catalog))
    assert store.lock_period(MARCH, "truong.phong", "2023-03-25T08:00:00")
    assert not store.lock_period(MARCH, "truong.phong", "2023-03-25T08:00:00")
    refused = ingest_file(path, small_catalog, store)
    assert refused.status == REJECTED
    assert [f.code for f in refused.findings] == ["period.locked"]
    assert "khóa sổ lúc 2023-03-25T08:00:00 bởi truong.phong" in refused.findings[0].message
    assert store.counts()["observation"] == 0
    forced = ingest_file(path, small_catalog, store, actor="chuyen.vien", force=True)
    assert forced.status == ACCEPTED
    assert [f.code for f in forced.findings] == ["period.locked_forced"]
    assert store.unlock_period(MARCH, "truong.phong", "2023-03-26T08:00:00")
    events = [(e["action"], e["actor"]) for e in store.lock_events(MARCH)]
    assert events == [("lock", "truong.phong"), ("forced", "chuyen.vien"), ("unlock", "truong.phong")]


def it_reports_completeness_and_timeliness(tmp_path: Path, small_catalog: Catalog, store: Store) -> None:
    path = tmp_path / "f.xlsx"
    path.write_bytes(workbook(small_catalog))
    ingest_file(path, small_catalog, store, now=lambda: at(17))  # deadline of SCT: the 18th
    status = period_status(small_catalog, store, MARCH)
    assert [(d.department, d.state, d.on_time, d.attempts) for d in status.departments] == [
        ("SCT", "accepted", True, 1), ("NHNN", "missing", None, 0)]
    assert status.share == 0.5
    late = tmp_path / "late.xlsx"
    late.write_bytes(workbook(small_catalog, NHNN_GOOD, narrative=[], department="NHNN"))
    ingest_file(late, small_catalog, store, now=lambda: at(20, hour=18))  # 21 March in Vietnam
    nhnn = period_status(small_catalog, store, MARCH).departments[1]
    assert (nhnn.state, nhnn.on_time, nhnn.deadline) == ("accepted", False, "2023-03-20")


def _forms_folder(tmp_path: Path, catalog: Catalog, months: list[Period]) -> Path:
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
        (folder / f"{period}_SCT.xlsx").write_bytes(workbook(catalog, values, period=period))
    return folder


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "reportgen", *args]


def it_stores_each_file_fully_or_not_at_all_when_killed(tmp_path: Path, small_catalog: Catalog) -> None:
    catalog_file = tmp_path / "catalog.toml"
    catalog_file.write_text(SMALL_CATALOG, encoding="utf-8")
    months = months_between(Period(2021, 1), Period(2023, 12))
    folder = _forms_folder(tmp_path, small_catalog, months)
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
                checked, _ = check_file(path, small_catalog)
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


def it_lets_two_ingests_share_one_store(tmp_path: Path, small_catalog: Catalog) -> None:
    catalog_file = tmp_path / "catalog.toml"
    catalog_file.write_text(SMALL_CATALOG, encoding="utf-8")
    folder = _forms_folder(tmp_path, small_catalog, months_between(Period(2022, 1), Period(2023, 12)))
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
