"""Migrations: a store written by release 0.1 (kept as a fixture) upgrades with every row kept, on both backends.

``tests/data/release-0.1/store.sqlite`` was written by release 0.1 itself:
two departments' forms over two months, a corrected resubmission (a history
link), a rejected file, a lock, a forced submission and an unlock; its
``store-archive`` folder holds the files' original bytes.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import MetaData, Table, create_engine, insert, text

from reportgen import Period, Store, StoreError, store_version, upgrade_store
from reportgen.cli import main
from reportgen.store import versions
from reportgen.store.schema import as_utc, metadata
from reportgen.store.versions import HEAD

FIXTURE = Path(__file__).parent / "data" / "release-0.1"
TABLES = ("submission", "observation", "narrative", "intake", "period_lock", "lock_event")


def release_rows() -> dict[str, list[dict[str, Any]]]:
    """Every row of the fixture as release 0.1 left it (all text)."""
    with sqlite3.connect(FIXTURE / "store.sqlite") as conn:
        conn.row_factory = sqlite3.Row
        return {table: [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1")] for table in TABLES}


def schema_and_rows(db: Path) -> list[Any]:
    with sqlite3.connect(db) as conn:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [list(conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name"))] + [
            list(conn.execute(f"SELECT * FROM {table} ORDER BY 1")) for table in tables]


def as_release_text(row: dict[str, Any]) -> dict[str, Any]:
    """A row read back after the upgrade, in release 0.1's terms: decimals and times as the text they were."""
    out = {}
    for key, value in row.items():
        if isinstance(value, Decimal):
            out[key] = str(value)
        elif hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out


def upgraded_rows(location: str) -> dict[str, list[dict[str, Any]]]:
    engine = create_engine(location if "://" in location else f"sqlite:///{location}")
    with engine.connect() as conn:
        found = {table: [as_release_text(dict(r._mapping)) for r in conn.execute(
            metadata.tables[table].select().order_by(*metadata.tables[table].primary_key.columns))]
            for table in TABLES}
    engine.dispose()
    return found


def it_names_the_last_migration_script_as_the_newest_revision() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(versions.MIGRATIONS))
    assert scripts.get_current_head() == versions.HEAD == versions.head()
    assert versions.known()[-1] == versions.HEAD and versions.known()[0] == versions.RELEASE_0_1


def it_refuses_an_older_store_until_it_is_upgraded(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    shutil.copy(FIXTURE / "store.sqlite", db)
    before = schema_and_rows(db)
    with pytest.raises(StoreError) as refused:
        Store.open(str(db))
    assert str(refused.value) == (f"Kho dữ liệu {db} có phiên bản cũ (0001; phiên bản hiện hành {HEAD}). Hãy sao lưu "
                                  f"rồi chạy: reportgen db upgrade --db {db}")
    assert schema_and_rows(db) == before  # opening it changed no table and no row
    assert store_version(str(db)) == ("0001", HEAD)


def it_upgrades_a_release_0_1_store_with_every_row_kept(tmp_path: Path) -> None:
    db, archive = tmp_path / "store.sqlite", tmp_path / "store-archive"
    shutil.copy(FIXTURE / "store.sqlite", db)
    shutil.copytree(FIXTURE / "store-archive", archive)
    result = CliRunner().invoke(main, ["db", "upgrade", "--db", str(db)])
    assert (result.exit_code, result.output) == (0, f"Đã nâng cấp kho dữ liệu {db}: phiên bản 0001 → {HEAD}.\n")
    expected = release_rows()
    for table in ("submission", "intake", "period_lock", "lock_event"):  # times: the same moments, now in UTC
        for row in expected[table]:
            for column in ("received_at", "locked_at", "at"):
                if column in row:
                    row[column] = as_utc(dt.datetime.fromisoformat(row[column])).isoformat()
    assert upgraded_rows(str(db)) == expected
    with Store.open(str(db)) as store:
        history = store.history("retail_sales", Period(2023, 3))
        corrected = next(r for r in history if r["file_name"] == "2023-03_SCT_sua.xlsx" and r["basis"] == "month")
        assert (corrected["value"], corrected["replaced_value"], corrected["counts"]) == (
            Decimal("9300"), Decimal("9239.42"), True)
        assert store.check_archive() == (5, [])
    assert CliRunner().invoke(main, ["db", "upgrade", "--db", str(db)]).output == (
        f"Kho dữ liệu {db} đã ở phiên bản mới nhất ({HEAD}).\n")
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata) == []
    engine.dispose()


def it_upgrades_the_same_store_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        later = ("build", "review", "account", "audit_event", "meta", "alembic_version")  # tables of later releases
        conn.execute(text("DROP TABLE IF EXISTS " + ", ".join((*TABLES, *later)) + " CASCADE"))
        config = versions._config(conn)
        command.upgrade(config, versions.RELEASE_0_1)
        conn.execute(text("DROP TABLE alembic_version"))  # as release 0.1 left it: its version in meta only
        rows = release_rows()
        for table in TABLES:  # release 0.1's text columns, copied as they are
            if rows[table]:
                conn.execute(insert(Table(table, MetaData(), autoload_with=conn)), rows[table])
    engine.dispose()
    with pytest.raises(StoreError, match="reportgen db upgrade"):
        Store.open(postgres_url, tmp_path)
    assert upgrade_store(postgres_url) == ("0001", HEAD)
    with Store.open(postgres_url, tmp_path) as store:
        values = store.current_values(Period(2023, 1), Period(2023, 3), ["retail_sales"])
        assert values[("retail_sales", Period(2023, 3), "month")].value == Decimal("9300")
        assert {i["received_at"].utcoffset() for i in store.intakes()} == {dt.timedelta(0)}
        assert len(store.lock_events()) == 4 and store.counts() == {"submission": 4, "observation": 26, "narrative": 9}
    engine = create_engine(postgres_url)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata) == []
        types: dict[str, str] = dict(conn.execute(text("SELECT column_name, data_type FROM information_schema.columns "
                                       "WHERE table_name = 'observation'")).all())
    engine.dispose()
    assert (types["value"], types["replaced_value"]) == ("numeric", "numeric")

