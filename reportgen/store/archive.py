"""The archive of original files: every submitted file's bytes, kept by content hash.

The archive is a folder given when the store is opened (for a SQLite store,
by default the folder beside its file); it never depends on the current folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def content_hash(data: bytes) -> str:
    """The SHA-256 of a file's bytes: its identity in the archive and in the store."""
    return hashlib.sha256(data).hexdigest()


class Archive:
    """Original bytes of submitted files under ``root``, one file per content hash."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, file_hash: str, suffix: str) -> Path:
        return self.root / file_hash[:2] / f"{file_hash}{suffix}"

    def put(self, data: bytes, file_hash: str, suffix: str) -> Path:
        """Keep the original bytes of a submitted file (idempotent; written atomically)."""
        target = self.path_of(file_hash, suffix)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(target.name + ".tmp")
            temporary.write_bytes(data)
            temporary.replace(target)
        return target
