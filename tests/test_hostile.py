"""Hostile and broken files: each class is rejected with a clear message, the store untouched."""

from __future__ import annotations

import io
import re
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.catalog import Catalog
from reportgen.guard import OLE_MAGIC, Limits
from reportgen.ingest import REJECTED, ingest_file
from reportgen.store import Store
from test_ingest import workbook


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


def bomb(catalog: Catalog) -> bytes:
    return rezip(workbook(catalog), lambda n, b: b, {"xl/media/padding.bin": b"\0" * (300 * 1024 * 1024)})


def many_entries(catalog: Catalog) -> bytes:
    return rezip(workbook(catalog), lambda n, b: b, {f"xl/extra/{i}.xml": b"<a/>" for i in range(2100)})


def doctype(catalog: Catalog) -> bytes:
    def change(name: str, content: bytes) -> bytes:
        if name == "xl/workbook.xml":
            return b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + content
        return content
    return rezip(workbook(catalog), change)


def huge_dimension(catalog: Catalog) -> bytes:
    def change(name: str, content: bytes) -> bytes:
        if name == "xl/worksheets/sheet2.xml":
            return re.sub(rb'<dimension ref="[A-Z0-9:]+"', b'<dimension ref="A1:XFD1048576"', content, count=1)
        return content
    return rezip(workbook(catalog), change)


CASES: list[tuple[str, Callable[[Catalog], bytes], str, str]] = [
    ("csv", lambda c: "ma,gia_tri\nretail_sales,9239\n".encode(), "file.not_workbook", "tệp văn bản CSV"),
    ("html", lambda c: b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>",
     "file.not_workbook", "trang web (HTML)"),
    ("docx", lambda c: docx_bytes(), "file.not_workbook", "tài liệu Word (.docx)"),
    ("empty", lambda c: b"", "file.empty", "Tệp rỗng"),
    ("truncated", lambda c: workbook(c)[:3000], "file.truncated", "chưa trọn vẹn"),
    ("old xls", lambda c: OLE_MAGIC + b"\0" * 4000, "file.old_xls", "Excel cũ (.xls)"),
    ("password", lambda c: OLE_MAGIC + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100,
     "file.encrypted", "đặt mật khẩu"),
    ("zip bomb", bomb, "file.zip_bomb", "cấu trúc bất thường"),
    ("many entries", many_entries, "file.zip_bomb", "2"),
    ("doctype", doctype, "file.xml_entities", "DOCTYPE"),
    ("huge sheet", huge_dimension, "file.sheet_too_large", "1048576 dòng"),
]


@pytest.mark.parametrize(("label", "make", "code", "words"), CASES, ids=[c[0] for c in CASES])
def it_rejects_a_hostile_file(tmp_path: Path, small_catalog: Catalog, store: Store, label: str,
                              make: Callable[[Catalog], bytes], code: str, words: str) -> None:
    path = tmp_path / "2023-03_SCT.xlsx"
    path.write_bytes(make(small_catalog))
    before = store.counts()
    result = ingest_file(path, small_catalog, store)
    assert result.status == REJECTED
    assert [f.code for f in result.findings] == [code]
    assert words in result.findings[0].message
    assert str(result.findings[0]).startswith(f"Lỗi [{code}] 2023-03_SCT.xlsx: ")
    assert store.counts() == before


def it_rejects_a_file_over_the_size_limit(tmp_path: Path, small_catalog: Catalog, store: Store) -> None:
    path = tmp_path / "big.xlsx"
    path.write_bytes(workbook(small_catalog))
    result = ingest_file(path, small_catalog, store, limits=Limits(max_bytes=1000))
    assert [f.code for f in result.findings] == ["file.too_large"]


@pytest.mark.parametrize("kind", ["folder", "link", "missing"])
def it_explains_paths_that_are_not_files(tmp_path: Path, small_catalog: Catalog, store: Store, kind: str) -> None:
    target = tmp_path / "x.xlsx"
    if kind == "folder":
        target.mkdir()
    elif kind == "link":
        real = tmp_path / "real.xlsx"
        real.write_bytes(workbook(small_catalog))
        os.symlink(real, target)
    result = ingest_file(target, small_catalog, store)
    assert result.status == REJECTED
    assert [f.code for f in result.findings] == [{"folder": "file.folder", "link": "file.link",
                                                  "missing": "file.missing"}[kind]]
    assert str(target) in str(result.findings[0])


def it_survives_a_reader_that_hangs_or_crashes(tmp_path: Path, small_catalog: Catalog, store: Store,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The bounded child process turns a hang and a hard abort into rejections."""
    import time

    import reportgen.sandbox as sandbox

    path = tmp_path / "2023-03_SCT.xlsx"
    path.write_bytes(workbook(small_catalog))
    monkeypatch.setattr(sandbox, "read_form", lambda p: time.sleep(30))
    hung = ingest_file(path, small_catalog, store, limits=Limits(seconds=0.5))
    assert [f.code for f in hung.findings] == ["file.timeout"]
    monkeypatch.setattr(sandbox, "read_form", lambda p: os.abort())
    crashed = ingest_file(path, small_catalog, store)
    assert [f.code for f in crashed.findings] == ["file.reader_crashed"]
    monkeypatch.setattr(sandbox, "read_form", lambda p: bytearray(4 * 1024 * 1024 * 1024))
    greedy = ingest_file(path, small_catalog, store, limits=Limits(memory_bytes=512 * 1024 * 1024))
    assert [f.code for f in greedy.findings] == ["file.reader_crashed"]
    assert store.counts() == {"submission": 0, "observation": 0, "narrative": 0}
