"""What the portal runs on: its settings, the store and catalog it opens once, and the folders it keeps files in.

The portal keeps, beside the store (or where ``data_dir`` says):

- ``drafts/``: every report built from the portal (.docx, and .pdf when asked);
- ``annotated/<department>/<hash>/``: each upload written back with its findings marked;
- ``comparisons/<old hash>-<new hash>/``: the redline, changes workbook and summary of two drafts;
- ``session.key``: the key that signs session cookies (made once, readable by its owner only).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import anyio

from reportgen import DEFAULT_LIMITS, Catalog, Limits, ReaderPool, Store, load_catalog, store_url

from .throttle import LoginThrottle

UPLOAD_OVERHEAD = 64 * 1024
"""What a form upload carries besides the workbook: the multipart boundaries and the other fields."""


@dataclass(frozen=True)
class PortalConfig:
    """How ``reportgen serve`` was started."""

    db: str
    archive: Path | None = None
    catalog: Path | None = None
    template: Path | None = None
    data_dir: Path | None = None
    secret: str | None = None
    limits: Limits = DEFAULT_LIMITS
    readers: int = 2
    """Uploads read and validated at once, each in its own bounded child process; the others wait their turn."""
    secure_cookies: bool = False
    """Send the session cookie over HTTPS only (behind a TLS proxy)."""
    session_hours: float = 8.0
    login_failures: int = 5
    """Failed logins for one user name (or four times as many from one address) before logins pause."""
    login_pause: dt.timedelta = field(default=dt.timedelta(minutes=15))

    @property
    def max_body(self) -> int:
        """The largest request body accepted: an upload of the largest workbook the limits allow."""
        return self.limits.max_bytes + UPLOAD_OVERHEAD


def default_data_dir(db: str) -> Path:
    """Beside a SQLite store (``outputs/demo.sqlite`` → ``outputs/demo-portal``); ``outputs/portal`` otherwise."""
    url = store_url(db)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        return path.with_name(path.stem + "-portal")
    return Path("outputs") / "portal"


def _session_key(path: Path) -> str:
    """The key in ``path``, made the first time with permissions for its owner only."""
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(48)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another portal made it first
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


class Portal:
    """The open store and catalog, and the places the portal keeps its files."""

    def __init__(self, config: PortalConfig) -> None:
        self.config = config
        self.catalog: Catalog = load_catalog(config.catalog) if config.catalog is not None else load_catalog()
        self.data_dir = config.data_dir or default_data_dir(config.db)
        for folder in (self.drafts, self.data_dir / "annotated", self.data_dir / "comparisons"):
            folder.mkdir(parents=True, exist_ok=True)
        self.secret = config.secret or _session_key(self.data_dir / "session.key")
        self.store = Store.open(config.db, config.archive)
        self.store_folder = self._store_folder()
        self.throttle = LoginThrottle(config.login_failures, config.login_pause)
        self.readers = anyio.CapacityLimiter(config.readers)
        #: the reader workers of the uploads, started now, before the server's threads (so they are forked)
        self.reader_pool = ReaderPool(config.readers, config.limits).start()
        #: builds, PDF conversions and comparisons run one at a time: each takes a core for seconds.
        self.heavy = anyio.CapacityLimiter(1)

    @property
    def drafts(self) -> Path:
        return self.data_dir / "drafts"

    def _store_folder(self) -> Path | None:
        url = store_url(self.config.db)
        return Path(url.removeprefix("sqlite:///")).parent if url.startswith("sqlite:///") else None

    def close(self) -> None:
        self.reader_pool.close()
        self.store.close()

    @staticmethod
    def now() -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def draft_file(self, build: dict[str, object], suffix: str = ".docx") -> Path | None:
        """The document a recorded build wrote, if it is still where it was written and unchanged.

        The portal's own builds are in ``drafts/``; builds made with the
        command line beside a SQLite store (the demo's) are found there. A
        .docx must still have the hash the build recorded; its PDF is the one
        beside it.
        """
        name = Path(str(build["file_name"])).name
        folders = [self.drafts] + ([self.store_folder] if self.store_folder is not None else [])
        for folder in folders:
            docx = folder / name
            if docx.is_file() and hashlib.sha256(docx.read_bytes()).hexdigest() == build["output_hash"]:
                wanted = docx.with_suffix(suffix)
                return wanted if wanted.is_file() else None
        return None
