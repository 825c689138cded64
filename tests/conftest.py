"""Shared fixtures: a small catalog written inline, a fresh store per test, forms filled in code, the demo."""

from __future__ import annotations

import copy
import datetime as dt
import html
import itertools
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, make_url, text

from reportgen import (
    DEFAULT_LIMITS,
    Catalog,
    FileResult,
    Limits,
    Outcome,
    Period,
    Role,
    Store,
    add_account,
    build_report,
    ingest_file,
    load_catalog,
    parse_catalog,
)
from reportgen.demo.filler import fill_form
from reportgen.demo.run import form_values, load_narratives, narrative_rows
from reportgen.demo.series import demo_series
from reportgen.forms import build_form
from reportgen.forms import layout as L
from reportgen.model import Basis, NewObservation, Status, SubmissionRecord

MARCH = Period(2023, 3)
ROOT = Path(__file__).resolve().parent.parent
POSTGRES_ENV = "REPORTGEN_TEST_POSTGRES"

SMALL_CATALOG = '''
version = "t1"

[[department]]
code = "SCT"
name = "Sở Công Thương"
deadline_day = 18

[[department]]
code = "NHNN"
name = "Ngân hàng Nhà nước"
deadline_day = 20
sections = ["finance.banking"]

[[section]]
code = "econ.trade"
title = "Hoạt động thương mại - dịch vụ"

[[section]]
code = "finance.banking"
title = "Hoạt động ngân hàng"

[[section]]
code = "tasks.next_month"
title = "Nhiệm vụ trọng tâm tháng tới"

[[indicator]]
code = "retail_sales"
name = "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ"
unit = "tỷ đồng"
department = "SCT"
section = "econ.trade"
decimals = 3
kind = "flow"
plans = { 2023 = 125752 }

[[indicator]]
code = "retail_goods"
name = "Bán lẻ hàng hóa"
unit = "tỷ đồng"
department = "SCT"
section = "econ.trade"
decimals = 3
kind = "flow"
parent = "retail_sales"

[[indicator]]
code = "cpi"
name = "Chỉ số giá tiêu dùng"
unit = "%"
department = "SCT"
section = "econ.trade"
decimals = 3
kind = "average"

[[indicator]]
code = "iip"
name = "Chỉ số phát triển sản xuất công nghiệp"
unit = "%"
department = "SCT"
section = "econ.trade"
decimals = 2
kind = "index"

[[indicator]]
code = "grdp_growth"
name = "Tốc độ tăng GRDP"
unit = "%"
department = "SCT"
section = "econ.trade"
frequency = "quarterly"
decimals = 2
kind = "index"

[[indicator]]
code = "budget_revenue"
name = "Tổng thu ngân sách nhà nước"
unit = "tỷ đồng"
department = "NHNN"
section = "finance.banking"
decimals = 3
kind = "cumulative"
plan_label = "dự toán"
plans = { 2023 = 11039 }

[[indicator]]
code = "loans"
name = "Tổng dư nợ cho vay"
unit = "tỷ đồng"
department = "NHNN"
section = "finance.banking"
decimals = 0
kind = "stock"

[[indicator]]
code = "bad_debt"
name = "Nợ xấu"
unit = "tỷ đồng"
department = "NHNN"
section = "finance.banking"
decimals = 0
kind = "stock"
parent = "loans"

[[indicator]]
code = "deposits"
name = "Tổng vốn huy động"
unit = "tỷ đồng"
department = "NHNN"
section = "finance.banking"
decimals = 0
kind = "stock"
sum_of_parts = true

[[indicator]]
code = "deposits_vnd"
name = "Vốn huy động bằng VNĐ"
unit = "tỷ đồng"
department = "NHNN"
section = "finance.banking"
decimals = 0
kind = "stock"
parent = "deposits"

[[indicator]]
code = "deposits_fx"
name = "Vốn huy động bằng ngoại tệ"
unit = "tỷ đồng"
department = "NHNN"
section = "finance.banking"
decimals = 0
kind = "stock"
parent = "deposits"

[[indicator]]
code = "safe_commune_rate"
name = "Tỷ lệ xã, phường đạt chuẩn an toàn"
unit = "%"
department = "NHNN"
section = "finance.banking"
decimals = 1
kind = "stock"
max = 100

[[indicator]]
code = "credit_institutions"
name = "Số tổ chức tín dụng"
unit = "tổ chức"
department = "NHNN"
section = "finance.banking"
decimals = 0
kind = "stock"

[[indicator]]
code = "bad_debt_ratio"
name = "Tỷ lệ nợ xấu"
unit = "%"
department = "NHNN"
section = "finance.banking"
decimals = 2
kind = "derived"
formula = "bad_debt / loans * 100"
'''

COVER = {"preparer": "Trần Thị Lan", "phone": "0292 3800 000", "prepared_on": "18/03/2023"}
GOOD: dict[str, dict[str, Any]] = {
    "retail_sales": {"F": D("9239.42"), "G": D("8482.76"), "I": D("28684.031")},
    "retail_goods": {"F": D("7000"), "G": D("6500")},
    "cpi": {"F": D("102.96")},
    "iip": {"F": D("110.95"), "I": D("103.73")},
    "grdp_growth": {"F": D("104.5")},
}
NHNN_GOOD: dict[str, dict[str, Any]] = {
    "budget_revenue": {"F": D("2795.015")},
    "loans": {"F": 142300}, "bad_debt": {"F": 2600},
    "deposits": {"F": 105600}, "deposits_vnd": {"F": 102960}, "deposits_fx": {"F": 2640},
    "safe_commune_rate": {"F": 75}, "credit_institutions": {"F": 48},
}
NARRATIVE = [
    ("Hoạt động thương mại - dịch vụ", "Đoạn văn", "Sức mua tăng nhờ Công ty A&B mở rộng <siêu thị>."),
    ("Hoạt động thương mại - dịch vụ", "Chú thích", "Gồm 03 siêu thị mới."),
    ("Nhiệm vụ trọng tâm tháng tới", "Đoạn văn", "Theo dõi giá cả thị trường."),
]

MakeWorkbook = Callable[..., bytes]
Submit = Callable[..., FileResult]
Put = Callable[..., int]


def fixed_clock(day: int = 18, hour: int = 3) -> Callable[[], dt.datetime]:
    return lambda: dt.datetime(2023, 3, day, hour, tzinfo=dt.UTC)


@pytest.fixture
def clock_at() -> Callable[..., Callable[[], dt.datetime]]:
    """Clocks stopped on a day of March 2023: ``clock_at(17)``, ``clock_at(20, hour=18)`` (UTC)."""
    return fixed_clock


@pytest.fixture
def clock() -> Callable[[], dt.datetime]:
    """A clock stopped at 18 March 2023, 10:00 in Vietnam."""
    return fixed_clock()


@pytest.fixture
def small_catalog_text() -> str:
    return SMALL_CATALOG


@pytest.fixture
def small_catalog() -> Catalog:
    return parse_catalog(SMALL_CATALOG, "small.toml")


@pytest.fixture
def small_catalog_file(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.toml"
    path.write_text(SMALL_CATALOG, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's maintenance database.

    ``$REPORTGEN_TEST_POSTGRES`` when set (``.ci/run`` starts a cluster and
    sets it); else a throw-away cluster started for this test run
    (``tools/pg-cluster``) and stopped at its end.
    """
    given = os.environ.get(POSTGRES_ENV)
    if given:
        yield given
        return
    # directly in the system's temporary folder: pytest's own is closed to the unprivileged server user
    folder = Path(tempfile.mkdtemp(prefix="reportgen-postgres-"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = subprocess.run([str(ROOT / "tools" / "pg-cluster"), "start", str(folder), str(port)],
                             capture_output=True, text=True, check=True, timeout=120)
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([str(ROOT / "tools" / "pg-cluster"), "stop", str(folder)], check=False, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


def database_url(server: str, name: str) -> str:
    return make_url(server).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database holding an empty store at the newest schema, which each test's database copies."""
    name = f"reportgen_template_{os.getpid()}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    Store.open(database_url(postgres_server, name), tmp_path_factory.mktemp("archive")).close()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


_DATABASES = itertools.count(1)


@pytest.fixture
def postgres_url(postgres_server: str, postgres_template: str) -> Iterator[str]:
    """A fresh PostgreSQL database holding an empty store, dropped after the test."""
    name = f"reportgen_test_{os.getpid()}_{next(_DATABASES)}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {postgres_template}"))
    yield database_url(postgres_server, name)
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Each store test runs on both backends."""
    return str(request.param)


@pytest.fixture
def store_location(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Where a test's store is: a SQLite file, or a PostgreSQL database of its own."""
    if backend == "sqlite":
        return str(tmp_path / "store.sqlite")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def archive_dir(backend: str, tmp_path: Path) -> Path | None:
    """Where a test's store keeps original files: beside a SQLite store (by default), in a folder for PostgreSQL."""
    return None if backend == "sqlite" else tmp_path / "archive"


@pytest.fixture
def store(store_location: str, archive_dir: Path | None) -> Iterator[Store]:
    """A fresh, empty store, on SQLite and on PostgreSQL."""
    with Store.open(store_location, archive_dir) as opened:
        yield opened


@pytest.fixture
def put(store: Store) -> Put:
    """Store figures directly, as one accepted submission: ``put(rows, department=)`` returns the submission id.

    ``rows`` are ``(indicator, "YYYY-MM", basis, status, value)``.
    """
    sent = iter(range(1, 10_000))

    def store_rows(rows: list[tuple[str, str, str, str, str]], department: str = "SCT") -> int:
        number = next(sent)
        record = SubmissionRecord(f"f{number}.xlsx", f"{number:064d}", department, MARCH, "1", "t1",
                                  dt.datetime(2023, 3, 20, tzinfo=dt.UTC))
        observations = [NewObservation(i, Period.parse(p), Basis(b), Status(st), D(v)) for i, p, b, st, v in rows]
        submission_id = store.store_submission(record, observations, []).submission_id
        assert submission_id is not None
        return submission_id

    return store_rows


@pytest.fixture
def good() -> dict[str, dict[str, Any]]:
    """The trade department's figures for March 2023, as a clerk types them (a fresh copy per test)."""
    return copy.deepcopy(GOOD)


@pytest.fixture
def nhnn_good() -> dict[str, dict[str, Any]]:
    """The State Bank branch's figures for March 2023."""
    return copy.deepcopy(NHNN_GOOD)


@pytest.fixture
def make_workbook(small_catalog: Catalog) -> MakeWorkbook:
    """Build a filled form: ``make_workbook(values, cover=, narrative=, department=, period=, notes=, catalog=)``.

    Defaults: the small catalog, the trade department's good March figures, a
    complete cover and three narrative rows.
    """

    def make(values: dict[str, dict[str, Any]] | None = None, *, cover: dict[str, str] | None = None,
             narrative: list[tuple[str | None, str | None, str]] | None = None, department: str = "SCT",
             period: Period = MARCH, notes: dict[str, str] | None = None, catalog: Catalog | None = None) -> bytes:
        blank = build_form(catalog or small_catalog, department, period)
        return fill_form(blank, GOOD if values is None else values, COVER if cover is None else cover,
                         NARRATIVE if narrative is None else narrative, notes)  # type: ignore[arg-type]

    return make


@pytest.fixture
def submit(tmp_path: Path, small_catalog: Catalog, store: Store) -> Submit:
    """Save bytes as a file and ingest it as a clerk's upload: ``submit(data, name=, catalog=, period=, ...)``."""

    def send(data: bytes, name: str = "2023-03_SCT.xlsx", *, catalog: Catalog | None = None,
             period: Period | None = None, into: Store | None = None, clock: Callable[[], dt.datetime] | None = None,
             actor: str = "lan", force: bool = False, limits: Limits | None = None) -> FileResult:
        path = tmp_path / name
        path.write_bytes(data)
        return ingest_file(path, catalog or small_catalog, into or store, clock=clock or fixed_clock(),
                           actor=actor, expected_period=period, force=force, limits=limits or DEFAULT_LIMITS)

    return send


def docx_text(docx: Path | bytes) -> str:
    """Body, tables and footnotes of a .docx as plain text, one paragraph a line."""
    with zipfile.ZipFile(docx if isinstance(docx, Path) else __import__("io").BytesIO(docx)) as archive:
        parts = [archive.read("word/document.xml")]
        if "word/footnotes.xml" in archive.namelist():
            parts.append(archive.read("word/footnotes.xml"))
    texts = []
    for xml in parts:
        for paragraph in re.findall(rb"<w:p[ >].*?</w:p>", xml, re.S):
            texts.append(html.unescape("".join(t.decode() for t in
                                               re.findall(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph))))
    return "\n".join(texts)


@pytest.fixture(name="docx_text")
def docx_text_fixture() -> Callable[[Path | bytes], str]:
    """Read a generated .docx as a reader would: its paragraphs' text, footnotes included."""
    return docx_text


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One run of the whole demo, shared by every test that needs a full store and built reports."""
    from reportgen import run_demo

    out = tmp_path_factory.mktemp("demo")
    result = run_demo(out)
    assert result.rejected == 0, [str(f) for f in result.findings]
    assert [p.name for p in result.reports] == ["bao-cao-2022-12.docx", "bao-cao-2023-03.docx"]
    return out


def copy_sqlite(source: Path, target: Path) -> Path:
    """A consistent copy of a SQLite store (its WAL included), through SQLite's own backup."""
    with sqlite3.connect(source) as reading, sqlite3.connect(target) as writing:
        reading.backup(writing)
    reading.close()
    writing.close()
    return target


@pytest.fixture(scope="session")
def demo_store(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The demo's store, read (and built from) by many tests: a copy, so the demo's own stays as the demo left it."""
    copy = copy_sqlite(demo / "demo.sqlite", tmp_path_factory.mktemp("demo-store") / "demo.sqlite")
    with Store.open(str(copy)) as store:
        yield store


@pytest.fixture
def demo_db(demo: Path, tmp_path: Path) -> Path:
    """A private copy of the demo's store (two builds recorded), for a test that writes to it."""
    return copy_sqlite(demo / "demo.sqlite", tmp_path / "demo-copy.sqlite")


# Two drafts of March 2023 with a corrected submission between them (comparison of drafts) ----------------

@pytest.fixture
def copied_store(demo_db: Path) -> Iterator[Store]:
    with Store.open(str(demo_db)) as store:
        yield store


def correct_retail_sales(tmp_path: Path, catalog: Catalog, store: Store, by: D) -> None:
    """The trade department sends March again, its month's retail sales changed by ``by``."""
    values = form_values(catalog, demo_series(catalog), "SCT", Period(2023, 3))
    values["retail_sales"][L.COL_MONTH] = D(str(values["retail_sales"][L.COL_MONTH])) + by
    cover = {"preparer": "Trần Thị Lan", "phone": "0292 3800 000", "prepared_on": "27/03/2023"}
    path = tmp_path / "2023-03_SCT_dieu-chinh.xlsx"
    narrative = narrative_rows(catalog, load_narratives(), "SCT", Period(2023, 3))  # its text, sent again as it was
    path.write_bytes(fill_form(build_form(catalog, "SCT", Period(2023, 3)), values, cover, narrative))
    result = ingest_file(path, catalog, store, clock=lambda: dt.datetime(2023, 3, 27, 2, 42, tzinfo=dt.UTC),
                         actor="lan")
    assert result.status == Outcome.ACCEPTED, [str(f) for f in result.findings]


@pytest.fixture
def correct() -> Callable[[Path, Catalog, Store, D], None]:
    """:func:`correct_retail_sales`, for a test that corrects by its own amount."""
    return correct_retail_sales


@pytest.fixture
def two_builds(tmp_path: Path, catalog: Catalog, clock: Callable[[], dt.datetime],
               copied_store: Store) -> tuple[int, int, Path, Path]:
    """Builds of March before and after the trade department corrected the month's retail sales by +100."""
    first = build_report(catalog, copied_store, Period(2023, 3), tmp_path / "ban-1.docx", clock=clock, actor="lan")
    correct_retail_sales(tmp_path, catalog, copied_store, D(100))
    second = build_report(catalog, copied_store, Period(2023, 3), tmp_path / "ban-2.docx", clock=clock, actor="lan")
    assert first.build_id is not None and second.build_id is not None
    return first.build_id, second.build_id, first.docx, second.docx


# The portal on a real uvicorn server ---------------------------------------------------------------------------

PASSWORD = "mat-khau-thu-nghiem"
PORTAL_USERS = [("lan.sct", Role.CLERK, "SCT", "Trần Thị Lan"), ("hung.nhnn", Role.CLERK, "NHNN", "Lê Văn Hùng"),
                ("mai", Role.STAFF, None, "Phạm Thị Mai"), ("tuan", Role.REVIEWER, None, "Võ Minh Tuấn"),
                ("thu", Role.ADMIN, None, "Huỳnh Thị Thu")]
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PortalServer:
    """``reportgen serve`` in a process of its own, on a free port of localhost, over a store with five accounts."""

    def __init__(self, location: str, archive: Path | None, folder: Path) -> None:
        self.location, self.archive, self.data = location, archive, folder / "portal-data"
        self.url = f"http://127.0.0.1:{free_port()}"
        command = [os.fspath(Path(sys.executable)), "-m", "reportgen", "serve", "--db", location, "--port",
                   self.url.rsplit(":", 1)[1], "--data", str(self.data)]
        command += [] if archive is None else ["--archive", str(archive)]
        self.log = (folder / "server.log").open("wb")
        self.clients: list[PortalClient] = []
        self.process = subprocess.Popen(command, cwd=folder, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError((folder / "server.log").read_text(encoding="utf-8"))
            try:
                httpx.get(self.url + "/login", timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("the portal did not start")

    def client(self, username: str | None = None) -> PortalClient:
        client = PortalClient(self.url)
        self.clients.append(client)
        if username is not None:
            client.login(username)
        return client

    def stop(self) -> None:
        for client in self.clients:
            client.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class PortalClient(httpx.Client):
    """A browser without a screen: keeps the session cookie and posts each form with the page's CSRF token."""

    def __init__(self, url: str) -> None:
        super().__init__(base_url=url, timeout=120)

    def csrf(self, path: str = "/login") -> str:
        found = _CSRF.search(self.get(path).text)
        assert found is not None, path
        return found.group(1)

    def login(self, username: str, password: str = PASSWORD) -> httpx.Response:
        return self.post("/login", data={"csrf": self.csrf(), "username": username, "password": password,
                                         "next": "/"})

    def submit(self, path: str, page: str, **fields: str) -> httpx.Response:
        return self.post(path, data={"csrf": self.csrf(page), **fields})

    def upload(self, department: str, period: str, name: str, data: bytes) -> httpx.Response:
        token = self.csrf(f"/departments/{department}?period={period}")
        return self.post(f"/departments/{department}/upload", data={"csrf": token, "period": period},
                         files={"file": (name, data, "application/octet-stream")})


@pytest.fixture
def portal(store_location: str, archive_dir: Path | None, tmp_path: Path, catalog: Catalog) -> Iterator[PortalServer]:
    """The portal over a fresh store (SQLite and PostgreSQL) with a clerk of SCT and of NHNN, staff, a reviewer and
    the administrator, all with the password :data:`PASSWORD`."""
    with Store.open(store_location, archive_dir) as store:
        for username, role, department, name in PORTAL_USERS:
            add_account(store, catalog, username, role, PASSWORD, actor="test",
                        at=dt.datetime(2023, 3, 1, tzinfo=dt.UTC), full_name=name, department=department)
    server = PortalServer(store_location, archive_dir, tmp_path)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def demo_forms(catalog: Catalog) -> Callable[..., bytes]:
    """A department's form of a month, filled with the demo's figures: ``demo_forms("SCT", "2023-03")``; ``change``
    maps an indicator to a new month value; ``form`` is the empty form to fill (a downloaded one)."""
    series = demo_series(catalog)
    narratives = load_narratives()

    def filled(department: str, period: str, change: dict[str, Any] | None = None, form: bytes | None = None) -> bytes:
        month = Period.parse(period)
        values = form_values(catalog, series, department, month)
        for code, value in (change or {}).items():
            values[code][L.COL_MONTH] = value
        cover = {"preparer": "Trần Thị Lan", "phone": "0292 3800 000", "prepared_on": f"10/{month.mm}/{month.year}"}
        rows = narrative_rows(catalog, narratives, department, month)
        return fill_form(form or build_form(catalog, department, month), values, cover, rows)

    return filled
