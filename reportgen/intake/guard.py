"""A cheap look at a file before any parser reads it.

:func:`inspect` decides from the file's first bytes and its zip
directory (never by decompressing more than a bounded amount) whether it can
be a form at all: a real .xlsx, not too big, not a zip bomb, no XML DOCTYPE or
entities, sheets of sane dimensions. It returns a finding code and the fields
for its message, or ``None`` when the file may be read.

Reading itself then happens in a child process with a time and memory bound
(:mod:`reportgen.sandbox`), so a reader that crashes, hangs or eats memory
cannot take the command or the store down with it.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string

from ..messages import ANNOTATED_FILENAME, FILE_KINDS, ZIP_RATIO, ZIP_TOO_LARGE, ZIP_TOO_MANY_ENTRIES
from ..model import DEFAULT_LIMITS as DEFAULT_LIMITS
from ..model import Limits as Limits

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
_ROW = re.compile(rb"<(?:\w+:)?row[\s>]")


Problem = tuple[str, dict[str, Any]]


def inspect(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Problem | None:
    """The first problem that stops these bytes from being read as a form, or ``None``."""
    return inspect_bytes(data, limits) or inspect_zip(data, limits)


WORKBOOK_SUFFIX = ".xlsx"
ANNOTATED_SUFFIX = ANNOTATED_FILENAME.format(stem="")
"""How our own annotated copies end: a folder's search leaves them out, so answers are never taken for forms."""


def is_workbook_name(name: str) -> bool:
    """A name a folder's search takes as a form: ``.xlsx``, not hidden, not Excel's lock file, not our answer."""
    return (name.lower().endswith(WORKBOOK_SUFFIX) and not name.startswith(("~$", "."))
            and not name.endswith(ANNOTATED_SUFFIX))


def workbooks_in(folder: Path) -> list[Path]:
    """The workbooks in a folder and its subfolders (one per month, say), by their path in it.

    Hidden folders are skipped and links to folders are not followed (no
    loops); a folder named like a workbook (``x.xlsx/``) is searched like any
    other. A link to a file is listed, so that ingesting it says it is a link.
    """
    found: list[Path] = []
    for root, folders, files in os.walk(folder, followlinks=False):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        here = Path(root)
        found.extend(here / name for name in files if is_workbook_name(name)
                     and ((here / name).is_file() or (here / name).is_symlink()))
    return sorted(found, key=lambda path: path.relative_to(folder).parts)


def inspect_path(path: Path) -> Problem | None:
    """Whether the path names a regular file we may open."""
    if path.is_symlink():
        return ("file.link", {})
    if not path.exists():
        return ("file.missing", {})
    if path.is_dir():
        if not workbooks_in(path):
            return ("file.no_workbook", {"folder": str(path)})
        return ("file.folder", {})
    if not path.is_file():
        return ("file.not_a_file", {})
    return None


def inspect_bytes(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Problem | None:
    """Whether these bytes can be a workbook worth parsing."""
    if not data:
        return ("file.empty", {})
    if len(data) > limits.max_bytes:
        return ("file.too_large", {"size_mb": _mb(len(data)), "limit_mb": _mb(limits.max_bytes)})
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_MARK in data:
            return ("file.encrypted", {})
        return ("file.old_xls", {})
    if not data.startswith(ZIP_MAGIC):
        return ("file.not_workbook", {"kind": _guess_kind(data)})
    return None


def inspect_zip(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Problem | None:
    """Zip directory, XML prologs and sheet dimensions, within bounded reads."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return ("file.truncated", {})
    with archive:
        entries = archive.infolist()
        names = {e.filename for e in entries}
        if len(entries) > limits.max_entries:
            return ("file.zip_bomb", {"detail": ZIP_TOO_MANY_ENTRIES.format(count=len(entries))})
        total = sum(e.file_size for e in entries)
        if total > limits.max_uncompressed:
            return ("file.zip_bomb", {"detail": ZIP_TOO_LARGE.format(size_mb=_mb(total))})
        for entry in entries:
            if entry.compress_size and entry.file_size / entry.compress_size > limits.max_ratio:
                return ("file.zip_bomb", {"detail": ZIP_RATIO.format(ratio=entry.file_size // entry.compress_size)})
        if "xl/workbook.xml" not in names:
            kind = FILE_KINDS["docx"] if "word/document.xml" in names else FILE_KINDS["zip"]
            return ("file.not_workbook", {"kind": kind})
        try:
            for entry in entries:
                if not entry.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                with archive.open(entry) as stream:
                    head = stream.read(4096)
                if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                    return ("file.xml_entities", {"part": entry.filename})
                if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
                    problem = _sheet_size(archive, entry, head, limits)
                    if problem:
                        return problem
        except Exception:  # any failure to read the container means it is broken
            return ("file.truncated", {})
    return None


def _sheet_size(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, head: bytes, limits: Limits) -> Problem | None:
    match = _DIMENSION.search(head)
    if match and match.group(4):
        rows = int(match.group(4))
        columns = column_index_from_string(match.group(3).decode())
        if rows > limits.max_rows or columns > limits.max_columns:
            return ("file.sheet_too_large", {"rows": rows, "columns": columns})
    rows = 0
    with archive.open(entry) as stream:
        tail = b""
        while chunk := stream.read(1 << 20):
            rows += len(_ROW.findall(tail + chunk)) - len(_ROW.findall(tail))
            tail = chunk[-16:]
            if rows > limits.max_rows:
                return ("file.sheet_too_large", {"rows": rows, "columns": "?"})
    return None


def _guess_kind(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return FILE_KINDS["html"]
    if head.startswith(b"%pdf"):
        return FILE_KINDS["pdf"]
    if head.startswith(b"<?xml"):
        return FILE_KINDS["xml"]
    try:
        text = data[:2048].decode("utf-8")
    except UnicodeDecodeError:
        return FILE_KINDS["unknown"]
    if "," in text or ";" in text or "\t" in text:
        return FILE_KINDS["csv"]
    return FILE_KINDS["text"]


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")
