"""A broken environment: full or read-only disks, folders in the way, damaged or foreign stores, odd catalogs.

Each ends in one Vietnamese line naming the file or store and what to do, exit code 1, no traceback, no
temporary file left behind and nothing half-stored. The disks are real: small tmpfs file systems mounted
for the test (the tests run as root, as CI does), filled up or remounted read-only.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import sqlite3
import string
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reportgen import CatalogError, Store, load_catalog
from reportgen.cli import main

from conftest import NARRATIVE, MakeWorkbook

Mount = Callable[..., Path]


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Mount]:
    """Mount a small tmpfs in the test's folder: ``disk(size="256k")``; unmounted after the test."""
    mounted: list[Path] = []

    def mount(size: str = "512k") -> Path:
        target = tmp_path / f"disk{len(mounted)}"
        target.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)], check=True)
        mounted.append(target)
        return target

    yield mount
    for target in mounted:
        subprocess.run(["umount", "-l", str(target)], check=False)


def read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def fill(folder: Path) -> None:
    """Fill a disk to the last byte."""
    handle = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(handle, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(handle)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


# Outputs -----------------------------------------------------------------------------------------------------------

def it_says_the_disk_is_full_and_leaves_the_old_report_as_it_was(disk: Mount, demo_db: Path) -> None:
    folder = disk("1m")
    out = folder / "bao-cao.docx"
    out.write_bytes(b"the previous draft")
    fill(folder)
    result = run("build", "--period", "2023-03", "--out", str(out), "--db", str(demo_db))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[-1] == (
        f"Lỗi: Không ghi được tệp {out}: ổ đĩa đã đầy. Không có tệp dở dang nào được để lại.")
    assert out.read_bytes() == b"the previous draft" and leftovers(folder) == []
    with Store.open(str(demo_db)) as store:
        assert len(store.builds()) == 2  # the failed build is not recorded


def it_names_an_output_path_that_is_a_folder_or_read_only(tmp_path: Path, disk: Mount, demo_db: Path) -> None:
    folder = tmp_path / "bao-cao.docx"
    folder.mkdir()
    result = run("build", "--period", "2023-03", "--out", str(folder), "--db", str(demo_db))
    assert result.exit_code == 1 and result.stderr.splitlines()[-1] == (
        f"Lỗi: Không ghi được tệp {folder}: đường dẫn đó là một thư mục, không phải tệp. "
        "Không có tệp dở dang nào được để lại.")
    locked = disk()
    read_only(locked)
    result = run("forms", "--period", "2023-03", "--department", "SCT", "--out", str(locked / "forms"))
    assert result.exit_code == 1 and result.stderr.splitlines()[-1] == (
        f"Lỗi: Không ghi được tệp {locked / 'forms' / '2023-03_SCT.xlsx'}: ổ đĩa hoặc thư mục chỉ cho phép đọc. "
        "Không có tệp dở dang nào được để lại.")


def it_makes_a_missing_output_folder(tmp_path: Path, demo_db: Path) -> None:
    out = tmp_path / "chua-co" / "thang-3" / "so-lieu.xlsx"
    result = run("figures", "--period", "2023-03", "--xlsx", str(out), "--db", str(demo_db))
    assert (result.exit_code, result.stdout) == (0, f"Đã ghi {out}\n")
    assert out.read_bytes().startswith(b"PK") and leftovers(tmp_path) == []


def build_into(db: str, out: str, start: object) -> None:
    start.wait()  # type: ignore[attr-defined]
    result = CliRunner().invoke(main, ["build", "--period", "2023-03", "--out", out, "--db", db])
    assert result.exit_code == 0, result.output


def it_builds_twice_at_once_into_the_same_file(tmp_path: Path, demo_db: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    context = mp.get_context("fork")
    start = context.Barrier(2)
    builds = [context.Process(target=build_into, args=(str(demo_db), str(out), start)) for _ in range(2)]
    for process in builds:
        process.start()
    for process in builds:
        process.join(timeout=300)
    assert [p.exitcode for p in builds] == [0, 0]
    alone = tmp_path / "alone.docx"
    assert run("build", "--period", "2023-03", "--out", str(alone), "--db", str(demo_db)).exit_code == 0
    assert out.read_bytes() == alone.read_bytes() and leftovers(tmp_path) == []


# The archive and the store -----------------------------------------------------------------------------------------

def it_stores_nothing_when_the_archive_cannot_keep_the_file(tmp_path: Path, disk: Mount, make_workbook: MakeWorkbook,
                                                           small_catalog_file: Path) -> None:
    archive = disk()
    read_only(archive)
    form = tmp_path / "2023-03_SCT.xlsx"
    form.write_bytes(make_workbook())
    db = tmp_path / "store.sqlite"
    result = run("ingest", str(form), "--db", str(db), "--archive", str(archive), "--catalog", str(small_catalog_file))
    assert result.exit_code == 1
    assert "ổ đĩa hoặc thư mục chỉ cho phép đọc" in result.stderr.splitlines()[-1]
    with Store.open(str(db), archive) as store:
        assert store.counts() == {"submission": 0, "observation": 0, "narrative": 0} and store.intakes() == []


def it_says_which_files_of_a_batch_were_stored_before_the_disk_filled(tmp_path: Path, disk: Mount,
                                                                       make_workbook: MakeWorkbook,
                                                                       small_catalog_file: Path) -> None:
    batch = tmp_path / "thang-3"
    batch.mkdir()
    (batch / "1_2023-03_SCT.xlsx").write_bytes(make_workbook())
    (batch / "2_2023-03_SCT.xlsx").write_bytes(make_workbook(narrative=NARRATIVE[:1]))
    noise = random.Random(1)
    long_text = [(NARRATIVE[0][0], "Đoạn văn", "".join(noise.choices(string.ascii_letters, k=30_000)))
                 for _ in range(8)]
    (batch / "3_2023-03_SCT.xlsx").write_bytes(make_workbook(narrative=long_text))
    archive = disk("128k")  # room for the two small files, not for the third
    db = tmp_path / "store.sqlite"
    result = run("ingest", str(batch), "--db", str(db), "--archive", str(archive), "--catalog",
                 str(small_catalog_file))
    assert result.exit_code == 1
    partial, error = result.stderr.splitlines()[-2:]
    assert partial == (
        "Trước khi gặp lỗi ở tệp 3_2023-03_SCT.xlsx, 2 tệp đã được lưu và vẫn giữ nguyên trong kho: "
        "1_2023-03_SCT.xlsx, 2_2023-03_SCT.xlsx. Các tệp còn lại chưa được lưu; sau khi khắc phục, hãy tiếp nhận "
        "lại (tệp đã lưu sẽ được nhận ra là trùng).")
    assert error.startswith("Lỗi: ") and "đầy" in error
    with Store.open(str(db), archive) as store:
        assert [i["file_name"] for i in store.intakes()] == ["1_2023-03_SCT.xlsx", "2_2023-03_SCT.xlsx"]
    assert leftovers(archive) == []


def it_reads_a_store_on_a_read_only_disk_and_says_why_it_cannot_write(tmp_path: Path, disk: Mount, demo: Path,
                                                                     make_workbook: MakeWorkbook) -> None:
    folder = disk("64m")
    db = folder / "demo.sqlite"
    db.write_bytes((demo / "demo.sqlite").read_bytes())
    read_only(folder)
    assert run("status", "--period", "2023-03", "--db", str(db)).exit_code == 0
    assert run("figures", "--period", "2023-03", "--json", "--db", str(db)).exit_code == 0
    out = tmp_path / "bao-cao.docx"
    built = run("build", "--period", "2023-03", "--out", str(out), "--db", str(db), "--archive",
                str(tmp_path / "kho"))
    assert built.exit_code == 0 and zipfile.is_zipfile(out)  # the report is whole; only its record is not kept
    assert built.stderr.splitlines()[-1] == (
        f"Lưu ý: kho dữ liệu {db} chỉ đọc được, nên lần lập báo cáo này không được ghi nhận "
        "(báo cáo vẫn được tạo đầy đủ).")
    locked = run("lock", "--period", "2023-03", "--db", str(db))
    assert locked.exit_code == 1 and "nằm ở nơi chỉ cho phép đọc" in locked.stderr


@pytest.mark.parametrize("damage", ["pages", "garbage", "version", "foreign"])
def it_refuses_a_damaged_or_foreign_store_for_every_command(tmp_path: Path, demo: Path, damage: str) -> None:
    db = tmp_path / "store.sqlite"
    if damage == "garbage":
        db.write_bytes(b"not a database, whatever its name says " * 100)
    elif damage == "foreign":
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    else:
        db.write_bytes((demo / "demo.sqlite").read_bytes())
        if damage == "version":
            with sqlite3.connect(db) as conn:
                conn.execute("UPDATE alembic_version SET version_num = 'v9-beta'")
        else:
            data = bytearray(db.read_bytes())
            for page in range(60, len(data) // 4096, 7):  # scribble over the tables' pages, not the header
                data[page * 4096: page * 4096 + 512] = b"\xff" * 512
            db.write_bytes(bytes(data))
    before = db.read_bytes()
    expected = {
        "pages": "bị hỏng (",
        "garbage": "bị hỏng (file is not a database)",
        "version": "có phiên bản v9-beta mà chương trình này không biết",
        "foreign": "là cơ sở dữ liệu của chương trình khác",
    }[damage]
    for command in (["status", "--period", "2023-03"], ["figures", "--period", "2023-03"],
                    ["history", "--indicator", "retail_sales"], ["build", "--period", "2023-03", "--out",
                                                                  str(tmp_path / "r.docx")],
                    ["lock", "--period", "2023-03"], ["builds"], ["db", "check"], ["db", "upgrade"]):
        result = run(*command, "--db", str(db))
        assert result.exit_code == 1, (command, result.output)
        assert expected in result.stderr.splitlines()[-1], (command, result.stderr)
        assert result.stderr.splitlines()[-1].endswith(
            "hãy cập nhật reportgen." if damage == "version" else "bằng --db." if damage == "foreign"
            else "hãy khôi phục bản sao lưu gần nhất của kho.")
        assert "Traceback" not in result.output
    if damage != "pages":
        assert db.read_bytes() == before  # nothing was changed, nor any table added


# The catalog --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "problem"), [
    (lambda text: text + '\n[rule]\ncode = "plausibility.jump"\n',
     "Danh mục, trường 'rule': phải là danh sách các bảng, mỗi bảng mở đầu bằng [[rule]] (hai cặp ngoặc vuông)"),
    (lambda text: text.replace('version = "t1"', 'version = "t1"\nreport = 5'),
     "Mục [report], trường 'report': phải là một bảng"),
    (lambda text: text + "\nsection = 7\n", "sai cú pháp ở dòng"),
    (lambda text: text.replace('version = "t1"', 'version = "t1"\ndepartment = ["SCT"]'),
     "sai cú pháp ở dòng"),
    (lambda text: text + "\n[[indicatr]]\ncode = 'x'\n",
     "Danh mục, trường 'indicatr': danh mục không có mục này (các mục có: version, report, department, section, "
     "indicator, target, rule)"),
    (lambda text: text.replace('[[section]]\ncode = "econ.trade"', '[[section]]\ncode = ["econ.trade"]', 1),
     "Mục thứ 1 (['econ.trade']), trường 'code': phải là chuỗi ký tự"),
])
def it_names_the_entry_of_a_catalog_with_the_wrong_structure(tmp_path: Path, small_catalog_text: str,
                                                              change: Callable[[str], str], problem: str) -> None:
    path = tmp_path / "catalog.toml"
    path.write_text(change(small_catalog_text), encoding="utf-8")
    with pytest.raises(CatalogError) as raised:
        load_catalog(path)
    assert str(raised.value).startswith(f"Danh mục chỉ tiêu {path} không hợp lệ:\n")
    assert any(line.startswith(problem) for line in raised.value.problems), raised.value.problems
    result = run("catalog", "--catalog", str(path))
    assert result.exit_code == 1 and result.stderr.startswith(f"Lỗi: Danh mục chỉ tiêu {path} không hợp lệ:")


def it_reads_a_catalog_saved_with_a_byte_order_mark_and_names_one_not_in_utf8(tmp_path: Path,
                                                                              small_catalog_text: str) -> None:
    path = tmp_path / "catalog.toml"
    path.write_bytes("\ufeff".encode() + small_catalog_text.encode("utf-8"))
    assert load_catalog(path).version == "t1"
    path.write_bytes(small_catalog_text.encode("cp1258", errors="replace"))
    with pytest.raises(CatalogError) as raised:
        load_catalog(path)
    line = small_catalog_text.encode("utf-8").split(b"\n").index(
        next(x for x in small_catalog_text.encode("utf-8").split(b"\n") if any(c > 127 for c in x))) + 1
    assert raised.value.problems == [
        f"tệp không phải văn bản UTF-8 (lỗi ở dòng {line}); hãy lưu lại tệp với bảng mã UTF-8 "
        "(Notepad: Save As, Encoding: UTF-8)"]
