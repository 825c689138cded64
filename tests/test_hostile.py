"""Hostile and broken files: each class is rejected with a clear message, the store untouched."""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen import Catalog, Clock, FileResult, Limits, Outcome, Store, ingest_bytes, ingest_file
from reportgen.intake.guard import OLE_MAGIC
from reportgen.intake.sandbox import ReaderPool

from conftest import MakeWorkbook, Submit

REJECTED = Outcome.REJECTED


def rezip(data: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None) -> bytes:
    """Copy a zip, letting ``change`` rewrite (or drop, with None) each entry."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = change(name, source.read(name))
            if content is not None:
                target.writestr(name, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def docx_bytes() -> bytes:
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def bomb(good_form: bytes) -> bytes:
    return rezip(good_form, lambda n, b: b, {"xl/media/padding.bin": b"\0" * (300 * 1024 * 1024)})


def many_entries(good_form: bytes) -> bytes:
    return rezip(good_form, lambda n, b: b, {f"xl/extra/{i}.xml": b"<a/>" for i in range(2100)})


def doctype(good_form: bytes) -> bytes:
    def change(name: str, content: bytes) -> bytes:
        if name == "xl/workbook.xml":
            return b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + content
        return content
    return rezip(good_form, change)


def huge_dimension(good_form: bytes) -> bytes:
    def change(name: str, content: bytes) -> bytes:
        if name == "xl/worksheets/sheet2.xml":
            return re.sub(rb'<dimension ref="[A-Z0-9:]+"', b'<dimension ref="A1:XFD1048576"', content, count=1)
        return content
    return rezip(good_form, change)


CASES: list[tuple[str, Callable[[bytes], bytes], str, str]] = [
    ("csv", lambda form: b"ma,gia_tri\nretail_sales,9239\n", "file.not_workbook", "tệp văn bản CSV"),
    ("html", lambda form: b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>",
     "file.not_workbook", "trang web (HTML)"),
    ("docx", lambda form: docx_bytes(), "file.not_workbook", "tài liệu Word (.docx)"),
    ("empty", lambda form: b"", "file.empty", "Tệp rỗng"),
    ("truncated", lambda form: form[:3000], "file.truncated", "chưa trọn vẹn"),
    ("old xls", lambda form: OLE_MAGIC + b"\0" * 4000, "file.old_xls", "Excel cũ (.xls)"),
    ("password", lambda form: OLE_MAGIC + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100,
     "file.encrypted", "đặt mật khẩu"),
    ("zip bomb", bomb, "file.zip_bomb", "cấu trúc bất thường"),
    ("many entries", many_entries, "file.zip_bomb", "2"),
    ("doctype", doctype, "file.xml_entities", "DOCTYPE"),
    ("huge sheet", huge_dimension, "file.sheet_too_large", "1048576 dòng"),
]


@pytest.mark.parametrize(("label", "make", "code", "words"), CASES, ids=[c[0] for c in CASES])
def it_rejects_a_hostile_file(store: Store, make_workbook: MakeWorkbook, submit: Submit, label: str,
                              make: Callable[[bytes], bytes], code: str, words: str) -> None:
    before = store.counts()
    result = submit(make(make_workbook()))
    assert result.status == REJECTED
    assert [f.code for f in result.findings] == [code]
    assert words in result.findings[0].message
    assert str(result.findings[0]).startswith(f"Lỗi [{code}] 2023-03_SCT.xlsx: ")
    assert store.counts() == before


def it_rejects_a_file_over_the_size_limit(make_workbook: MakeWorkbook, submit: Submit) -> None:
    result = submit(make_workbook(), "big.xlsx", limits=Limits(max_bytes=1000))
    assert [f.code for f in result.findings] == ["file.too_large"]


@pytest.mark.parametrize("kind", ["folder", "link", "missing"])
def it_explains_paths_that_are_not_files(tmp_path: Path, small_catalog: Catalog, store: Store,
                                         make_workbook: MakeWorkbook, clock: Clock, kind: str) -> None:
    target = tmp_path / "x.xlsx"
    if kind == "folder":  # a folder holding a form, named alone: it is not itself a form
        target.mkdir()
        (target / "2023-03_SCT.xlsx").write_bytes(make_workbook())
    elif kind == "link":
        real = tmp_path / "real.xlsx"
        real.write_bytes(make_workbook())
        target.symlink_to(real)
    before = store.counts()
    result = ingest_file(target, small_catalog, store, clock=clock, actor="lan")
    assert result.status == REJECTED
    assert [f.code for f in result.findings] == [{"folder": "file.folder", "link": "file.link",
                                                  "missing": "file.missing"}[kind]]
    assert str(target) in str(result.findings[0])
    assert store.counts() == before


def it_survives_a_reader_that_hangs_or_crashes(store: Store, small_catalog: Catalog, make_workbook: MakeWorkbook,
                                               clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bounded reader worker turns a hang, a hard abort and a greedy read into rejections (the faults are
    injected before the pool's workers start), and the pool goes on reading with fresh workers."""
    import time

    from reportgen.intake import reading, sandbox

    form = make_workbook()

    def submit(readers: ReaderPool, name: str = "2023-03_SCT.xlsx") -> FileResult:
        return ingest_bytes(form, name, small_catalog, store, clock=clock, actor="lan", readers=readers,
                            limits=readers.limits)

    faults: list[tuple[Callable[[bytes], object], Limits, str]] = [
        (lambda data: time.sleep(30), Limits(seconds=0.5), "file.timeout"),
        (lambda data: os.abort(), Limits(), "file.reader_crashed"),
        (lambda data: bytearray(4 * 1024 * 1024 * 1024), Limits(memory_bytes=512 * 1024 * 1024),
         "file.reader_crashed"),
    ]
    real = reading.read_form
    for fault, limits, code in faults:
        monkeypatch.setattr(sandbox, "read_form", fault)
        with ReaderPool(1, limits) as readers:
            assert [f.code for f in submit(readers).findings] == [code]
            monkeypatch.setattr(sandbox, "read_form", real)  # the next worker is fresh: it reads the form
            assert submit(readers, "other.xlsx").status in (Outcome.ACCEPTED, Outcome.DUPLICATE)
    assert store.counts()["submission"] == 1


ORPHAN_SCRIPT = '''
import datetime as dt
import os
import sys
import time
from pathlib import Path

from reportgen import Store, ingest_file, load_catalog
from reportgen.intake import sandbox

marker, catalog, store, form = (Path(a) for a in sys.argv[1:5])


def hang(data: bytes) -> None:  # the reader that never ends, in the child
    marker.write_text(str(os.getpid()))
    time.sleep(600)


sandbox.read_form = hang
with Store.open(str(store)) as opened:
    ingest_file(form, load_catalog(catalog), opened, clock=lambda: dt.datetime(2023, 3, 18, tzinfo=dt.UTC),
                actor="lan")
'''


def process_state(pid: int) -> str:
    """A process's state letter from /proc (``Z``: dead, waiting to be reaped), or "" when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[0]


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")
def it_leaves_no_reader_behind_when_the_ingest_is_killed(tmp_path: Path, small_catalog_file: Path,
                                                         make_workbook: MakeWorkbook) -> None:
    import signal
    import subprocess
    import sys
    import time

    form = tmp_path / "2023-03_SCT.xlsx"
    form.write_bytes(make_workbook())
    marker, db = tmp_path / "reader.pid", tmp_path / "store.sqlite"
    ingest = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT, str(marker), str(small_catalog_file), str(db),
                               str(form)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    reader = 0
    try:
        deadline = time.monotonic() + 60
        while not (marker.exists() and marker.read_text()) and ingest.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ingest.poll() is None, ingest.stderr.read() if ingest.stderr else ""
        reader = int(marker.read_text())
        assert parent_of(reader) == ingest.pid and process_state(reader) in ("S", "R")
        ingest.send_signal(signal.SIGKILL)
        ingest.wait(10)
        deadline = time.monotonic() + 10
        while process_state(reader) not in ("", "Z") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process_state(reader) in ("", "Z")
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait(10)
        if reader and process_state(reader) not in ("", "Z"):
            os.kill(reader, signal.SIGKILL)
        if ingest.stderr:
            ingest.stderr.close()
    with Store.open(str(db)) as store:
        assert store.counts() == {"submission": 0, "observation": 0, "narrative": 0}


def it_ends_a_reader_whose_parent_died_before_it_could_ask_to_die_with_it() -> None:
    """The race right after the fork: the child sees it was handed to another parent and exits at once."""
    from reportgen.intake.sandbox import die_with_parent

    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        die_with_parent(os.getppid() + 1_000_000)  # a parent that is not ours: ours is gone
        os._exit(0)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 1


def it_searches_folders_of_folders_and_says_when_one_holds_no_workbook(
        tmp_path: Path, small_catalog: Catalog, store: Store, make_workbook: MakeWorkbook, clock: Clock,
        good: dict[str, object]) -> None:
    from reportgen import Period, check_files, ingest

    inputs = tmp_path / "demo-inputs"
    for month in (2, 3):
        folder = inputs / f"2023-0{month}"
        folder.mkdir(parents=True)
        values = {k: v for k, v in good.items() if month == 3 or k != "grdp_growth"}
        (folder / f"2023-0{month}_SCT.xlsx").write_bytes(make_workbook(values, period=Period(2023, month)))
        (folder / f"~$2023-0{month}_SCT.xlsx").write_bytes(b"Excel's lock file")
        (folder / f"2023-0{month}_SCT_ket-qua-kiem-tra.xlsx").write_bytes(b"an annotated copy sent back")
    (inputs / ".hidden").mkdir()
    (inputs / ".hidden" / "old.xlsx").write_bytes(b"not looked at")
    (inputs / "2023-04").mkdir()                               # a month not yet received
    empty, named_like_a_form = tmp_path / "empty", tmp_path / "x.xlsx"
    empty.mkdir()
    named_like_a_form.mkdir()
    (named_like_a_form / "notes.txt").write_text("không phải biểu mẫu")
    before = store.counts()
    checked = check_files([empty, inputs, named_like_a_form], small_catalog)
    assert [(r.name, r.status) for r in checked] == [
        ("empty", REJECTED), ("2023-02_SCT.xlsx", Outcome.CHECKED), ("2023-03_SCT.xlsx", Outcome.CHECKED),
        ("x.xlsx", REJECTED)]
    assert store.counts() == before
    results = ingest([inputs, empty, named_like_a_form], small_catalog, store, clock=clock, actor="lan")
    assert [(r.name, r.status) for r in results] == [
        ("2023-02_SCT.xlsx", Outcome.ACCEPTED), ("2023-03_SCT.xlsx", Outcome.ACCEPTED), ("empty", REJECTED),
        ("x.xlsx", REJECTED)]
    for result, folder in ((results[2], empty), (results[3], named_like_a_form)):
        assert [f.code for f in result.findings] == ["file.no_workbook"]
        assert str(result.findings[0]) == (
            f"Lỗi [file.no_workbook] {folder}: Không tìm thấy biểu mẫu (.xlsx) nào trong thư mục {folder} (kể cả các "
            "thư mục con); hãy đặt các tệp biểu mẫu vào đó hoặc chỉ đúng thư mục.")
    assert [s["period"] for s in store.submissions()] == ["2023-02", "2023-03"]
