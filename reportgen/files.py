"""Files reportgen writes: atomically, durably, and as deterministic zip containers (.xlsx, .docx).

A file is written to a temporary of its own beside its place (so two writers
of the same file never share one), flushed to disk, then renamed into place:
a crash, a full disk or a refused folder never leaves half a file, nor a
temporary. A file that cannot be written is an :class:`~reportgen.errors.OutputError`
saying which file and why, in Vietnamese.

Also where the defaults that ship inside the package are: the indicator
catalog, the Word template and the template guide (:data:`DEFAULT_TEMPLATES`).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .errors import OutputError
from .messages import CANNOT_WRITE, OS_REASONS

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
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return zip_normalized((item.filename, source.read(item.filename)) for item in source.infolist())


def zip_normalized(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of these entries, in this order, as :func:`normalize_zip` writes one: fixed times and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 0
            target.writestr(info, pin_modified(content) if name == CORE else content)
    return out.getvalue()


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Vietnamese: a full disk, a read-only one, no permission, a folder in the way…"""
    name = errno.errorcode.get(exc.errno or 0, "")
    return OS_REASONS.get(name, exc.strerror or type(exc).__name__)


def cannot_write(path: Path, exc: OSError) -> OutputError:
    return OutputError(CANNOT_WRITE.format(path=path, reason=os_reason(exc)))


def stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path``, flushed to disk; returns the temporary.

    Nothing is left behind when this fails. :func:`commit` puts it in place; :func:`discard` drops it.
    """
    if path.is_dir():
        raise cannot_write(path, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        discard(temporary)
        raise cannot_write(path, exc) from exc
    return temporary


def commit(temporary: Path, path: Path) -> None:
    """Put a staged file in place (an atomic rename), and flush its folder."""
    try:
        temporary.replace(path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError as exc:
        discard(temporary)
        raise cannot_write(path, exc) from exc


def discard(temporary: Path) -> None:
    with contextlib.suppress(OSError):
        temporary.unlink()


@contextlib.contextmanager
def written_together(files: Mapping[Path, bytes]) -> Iterator[None]:
    """Stage every file beside its target; when the block ends without error, put them all in place.

    A failure in staging, in the block (a build recorded in between, say) or
    in placing leaves no temporary behind; files placed before a failure in
    placing stay placed.
    """
    staged: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            staged[path] = stage(path, data)
        yield
        for path, temporary in staged.items():
            commit(temporary, path)
    finally:
        for temporary in staged.values():
            discard(temporary)  # gone already when committed


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write several files so that they appear together, or none of them: :func:`written_together`."""
    with written_together(files):
        pass


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that no failure leaves half of it, nor a temporary: staged beside it, then renamed."""
    commit(stage(path, data), path)


def write_normalized(path: Path, data: bytes) -> None:
    """Write a normalised zip atomically."""
    write_atomic(path, normalize_zip(data))
