"""Hostile and broken files: each class is rejected with a clear message, the store untouched."""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen import Catalog, Clock, Limits, Outcome, Store, ingest_file
from reportgen.intake.guard import OLE_MAGIC

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
    if kind == "folder":
        target.mkdir()
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


def it_survives_a_reader_that_hangs_or_crashes(store: Store, make_workbook: MakeWorkbook, submit: Submit,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The bounded child process turns a hang and a hard abort into rejections (the faults are injected)."""
    import time

    from reportgen.intake import sandbox

    form = make_workbook()
    monkeypatch.setattr(sandbox, "read_form", lambda data: time.sleep(30))
    hung = submit(form, limits=Limits(seconds=0.5))
    assert [f.code for f in hung.findings] == ["file.timeout"]
    monkeypatch.setattr(sandbox, "read_form", lambda data: os.abort())
    crashed = submit(form)
    assert [f.code for f in crashed.findings] == ["file.reader_crashed"]
    monkeypatch.setattr(sandbox, "read_form", lambda data: bytearray(4 * 1024 * 1024 * 1024))
    greedy = submit(form, limits=Limits(memory_bytes=512 * 1024 * 1024))
    assert [f.code for f in greedy.findings] == ["file.reader_crashed"]
    assert store.counts() == {"submission": 0, "observation": 0, "narrative": 0}
