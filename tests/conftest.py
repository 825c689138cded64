"""Shared fixtures: a small catalog written inline, a fresh store per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen.catalog import Catalog, load_catalog, parse_catalog
from reportgen.store import Store

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


@pytest.fixture
def small_catalog() -> Catalog:
    return parse_catalog(SMALL_CATALOG, "small.toml")


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(str(tmp_path / "store.sqlite")) as opened:
        yield opened


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One run of the whole demo, shared by every test that needs a full store and built reports."""
    from reportgen.demo.run import run_demo

    out = tmp_path_factory.mktemp("demo")
    result = run_demo(out)
    assert result.rejected == 0
    assert [p.name for p in result.reports] == ["bao-cao-2022-12.docx", "bao-cao-2023-03.docx"]
    yield out


@pytest.fixture(scope="session")
def demo_store(demo: Path) -> Iterator[Store]:
    with Store.open(str(demo / "demo.sqlite")) as store:
        yield store


