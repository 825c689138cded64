"""The store's schema version: Alembic revisions in :mod:`reportgen.store.migrations`.

A new store is created at the newest revision. An older one is never changed
behind the user's back: :func:`check` refuses it with a message that says to
run ``reportgen db upgrade``, which calls :func:`upgrade`. A store of release
0.1 (its version in ``meta``, no Alembic table) counts as revision ``0001``.
A revision this release does not know (a newer release wrote it) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from ..errors import StoreError
from ..messages import STORE_FOREIGN, STORE_NEEDS_UPGRADE, STORE_UNKNOWN_VERSION
from .schema import metadata

if TYPE_CHECKING:  # Alembic is loaded only to create, upgrade or list revisions, not to open a current store
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
RELEASE_0_1 = "0001"
HEAD = "0004"
"""The newest revision, the last script in ``migrations/versions`` (a test holds the two together)."""
FOREIGN = "?"
"""The revision of a database with tables but none of reportgen's: another program's; never touched."""


def _config(conn: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        config.attributes["connection"] = conn
    return config


def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head() -> str:
    """The newest revision this release knows."""
    return HEAD


def known() -> list[str]:
    """Every revision this release knows, oldest first."""
    return [script.revision for script in reversed(list(_scripts().walk_revisions()))]


@dataclass(frozen=True)
class Version:
    """Where a store stands: its revision (``None`` for an empty database) and whether it predates Alembic."""

    revision: str | None
    unstamped: bool = False

    @property
    def current(self) -> bool:
        return self.revision == head()


def version_of(conn: Connection) -> Version:
    """The revision of the store on ``conn``."""
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" in tables:
        found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return Version(None if found is None else str(found))
    if "meta" in tables:
        found = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
        return Version(RELEASE_0_1 if found == "1" else f"schema {found}", unstamped=True)
    if tables:
        return Version(FOREIGN, unstamped=True)
    return Version(None)


def check(conn: Connection, url: str) -> None:
    """Create an empty store at the newest revision; accept a current one; refuse any other, saying what to do."""
    version = version_of(conn)
    from alembic import command

    if version.revision is None:
        metadata.create_all(conn)
        command.stamp(_config(conn), "head")
        return
    refuse_unless_current(version, url)


def refuse_unless_current(version: Version, url: str) -> None:
    """Accept a store at the newest revision; refuse an older, an unknown or another program's database."""
    if version.current:
        return
    if version.revision == FOREIGN:
        raise StoreError(STORE_FOREIGN.format(url=url))
    if version.revision in known():
        raise StoreError(STORE_NEEDS_UPGRADE.format(url=url, found=version.revision, newest=head()))
    raise StoreError(STORE_UNKNOWN_VERSION.format(url=url, found=version.revision, newest=head()))


def upgrade(conn: Connection, url: str) -> tuple[str | None, str]:
    """Bring the store on ``conn`` to the newest revision; returns (revision before, revision after)."""
    from alembic import command

    version = version_of(conn)
    if version.revision is None:
        check(conn, url)
        return None, head()
    if version.revision not in known():
        refuse_unless_current(version, url)
    if version.unstamped:
        command.stamp(_config(conn), version.revision)
    command.upgrade(_config(conn), "head")
    return version.revision, head()
