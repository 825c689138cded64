"""The demo's two years of figures on PostgreSQL: the same report, byte for byte, as from SQLite."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, select, text

from reportgen import Catalog, Period, ReportOptions, Store, build_report
from reportgen.store.schema import metadata


def copy_store(sqlite_file: Path, url: str) -> None:
    """Every row of a SQLite store into an empty PostgreSQL store of the same schema, ids kept."""
    source, target = create_engine(f"sqlite:///{sqlite_file}"), create_engine(url)
    with source.connect() as reading, target.begin() as writing:
        for table in metadata.sorted_tables:
            rows = [dict(row._mapping) for row in reading.execute(select(table).order_by(*table.primary_key))]
            for start in range(0, len(rows), 5000):
                writing.execute(table.insert(), rows[start:start + 5000])
            if "id" in table.c:
                writing.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                     f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"))
    source.dispose()
    target.dispose()


def it_builds_the_same_report_from_postgresql_as_from_sqlite(demo_db: Path, tmp_path: Path, catalog: Catalog,
                                                             clock: Callable[[], dt.datetime],
                                                             postgres_url: str) -> None:
    copy_store(demo_db, postgres_url)
    local = demo_db
    options = ReportOptions(number="742/BC-SKHĐT")
    built = {}
    for name, location, archive in (("sqlite", str(local), None), ("postgresql", postgres_url, tmp_path / "a")):
        with Store.open(location, archive) as store:
            assert store.counts()["observation"] > 20_000
            built[name] = build_report(catalog, store, Period(2023, 3), tmp_path / f"{name}.docx", options=options,
                                       clock=clock, actor="test")
    assert built["postgresql"].docx.read_bytes() == built["sqlite"].docx.read_bytes()
    assert built["postgresql"].data.to_json() == built["sqlite"].data.to_json()
    assert built["postgresql"].build_id == built["sqlite"].build_id == 3  # after the demo's two builds
