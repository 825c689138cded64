"""Files reportgen writes: atomically, and as deterministic zip containers (.xlsx, .docx).

Also where the defaults that ship inside the package are: the indicator
catalog, the Word template and the template guide (:data:`DEFAULT_TEMPLATES`).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "templates"
"""The built-in catalog.toml, report.docx and template guide, inside the installed package."""

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
CORE = "docProps/core.xml"
_CREATED = re.compile(rb"<dcterms:created[^>]*>([^<]*)</dcterms:created>")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def pin_modified(core: bytes) -> bytes:
    """Set the document's modification time to its creation time.

    openpyxl stamps ``dcterms:modified`` with the clock when it saves, whatever
    the workbook's properties say; the creation time is ours to fix.
    """
    created = _CREATED.search(core)
    if created is None:
        return core
    return _MODIFIED.sub(lambda m: m.group(1) + created.group(1) + m.group(2), core)


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry times and attributes, keeping entry order.

    Office files written by openpyxl and python-docx stamp each entry, and
    openpyxl the document properties, with the current time; rewriting them
    makes two builds of the same inputs byte-identical.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 0
            content = source.read(item.filename)
            if item.filename == CORE:
                content = pin_modified(content)
            target.writestr(info, content)
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that a crash never leaves half of it: a temporary beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def write_normalized(path: Path, data: bytes) -> None:
    """Write a normalised zip atomically."""
    write_atomic(path, normalize_zip(data))
