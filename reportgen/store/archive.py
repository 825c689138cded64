"""The archive of original files: every submitted file's bytes, kept by content hash.

The archive is a folder given when the store is opened (for a SQLite store,
by default the folder beside its file); it never depends on the current
folder. A file is written to a temporary name, flushed to disk, renamed and
its folder flushed, all before the transaction that refers to it commits:
the store never points at bytes a crash could lose.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..files import write_atomic

EMPTY = hashlib.sha256(b"").hexdigest()
"""The hash of no bytes: an empty upload is logged, but there is nothing to keep."""


def content_hash(data: bytes) -> str:
    """The SHA-256 of a file's bytes: its identity in the archive and in the store."""
    return hashlib.sha256(data).hexdigest()


def suffix_of(file_name: str) -> str:
    """The archive's suffix for a submitted file's name: ``.xlsx``, or ``.bin`` when it has none."""
    return PurePath(file_name).suffix.lower() or ".bin"


@dataclass(frozen=True)
class ArchiveProblem:
    """A file the store refers to that the archive does not hold intact."""

    file_hash: str
    file_name: str
    path: Path
    missing: bool  # else its bytes no longer have their hash


class Archive:
    """Original bytes of submitted files under ``root``, one file per content hash."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, file_hash: str, suffix: str) -> Path:
        return self.root / file_hash[:2] / f"{file_hash}{suffix}"

    def put(self, data: bytes, file_hash: str, suffix: str) -> Path:
        """Keep the original bytes of a submitted file, durably (idempotent).

        A folder that refuses the file (full, read-only) is an
        :class:`~reportgen.errors.OutputError` naming it, raised before anything refers to the file.
        """
        target = self.path_of(file_hash, suffix)
        if not target.exists():
            write_atomic(target, data)
        return target

    def check(self, referred: Iterable[tuple[str, str]]) -> list[ArchiveProblem]:
        """Every ``(file_hash, file_name)`` the store refers to whose file is missing or altered."""
        problems = []
        for file_hash, file_name in sorted(set(referred)):
            if file_hash == EMPTY:
                continue
            path = self.path_of(file_hash, suffix_of(file_name))
            if not path.is_file():
                problems.append(ArchiveProblem(file_hash, file_name, path, missing=True))
            elif content_hash(path.read_bytes()) != file_hash:
                problems.append(ArchiveProblem(file_hash, file_name, path, missing=False))
        return problems
