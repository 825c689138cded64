"""The portal in a real browser: Debian's Chromium driven by Playwright, at a laptop's width and a phone's.

Each page the walk reaches is photographed at both widths (into
``$REPORTGEN_SCREENSHOTS`` when set, to look at) and must fit the phone's
width without the page itself scrolling sideways (wide tables scroll inside
their own box).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from conftest import PASSWORD, PortalServer

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
LAPTOP = ViewportSize(width=1366, height=768)
PHONE = ViewportSize(width=390, height=844)
MARCH = "2023-03"

@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Photographer:
    """Takes each page at both widths and checks that it fits a phone."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.taken: list[str] = []

    def __call__(self, page: Page, name: str) -> None:
        for label, size in (("laptop", LAPTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            page.screenshot(path=self.folder / f"{len(self.taken) // 2 + 1:02d}-{name}-{label}.png", full_page=True)
            self.taken.append(f"{name}-{label}")
            if label == "phone":
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{name} is {overflow}px wider than a phone"
        page.set_viewport_size(LAPTOP)


def log_in(browser: Browser, server: PortalServer, username: str) -> Page:
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True, locale="vi-VN")
    page = context.new_page()
    page.goto(server.url + "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    return page


def it_walks_a_month_through_the_portal(browser: Browser, portal: PortalServer, tmp_path: Path,
                                        demo_forms: Callable[..., bytes], backend: str) -> None:
    shots = Photographer(tmp_path)
    login = browser.new_page(viewport=LAPTOP)
    login.goto(portal.url + "/login")
    shots(login, "dang-nhap")

    clerk = log_in(browser, portal, "lan.sct")
    clerk.goto(f"{portal.url}/departments/SCT?period={MARCH}")
    assert clerk.inner_text("h1") == "Sở Công Thương"
    shots(clerk, "don-vi")
    with clerk.expect_download() as downloading:
        clerk.click("#download-form")
    blank = Path(downloading.value.path()).read_bytes()
    assert downloading.value.suggested_filename == "2023-03_SCT.xlsx"

    wrong = tmp_path / "2023-03_SCT.xlsx"
    wrong.write_bytes(demo_forms("SCT", MARCH, {"retail_sales": "nhiều"}, form=blank))
    clerk.set_input_files("input[type=file]", str(wrong))
    clerk.click("form[enctype] button[type=submit]")
    assert "Biểu mẫu bị từ chối" in clerk.inner_text("#outcome")
    first = clerk.locator("#findings tbody tr").first
    assert re.fullmatch(r"F\d+", first.locator("td.cell").inner_text())
    assert "Tổng mức bán lẻ" in first.inner_text() or "bán lẻ" in clerk.inner_text("#findings")
    shots(clerk, "ket-qua-loi")
    with clerk.expect_download() as marked:
        clerk.click("#annotated")
    assert marked.value.suggested_filename.endswith(".xlsx")

    right = tmp_path / "fixed" / "2023-03_SCT.xlsx"
    right.parent.mkdir()
    right.write_bytes(demo_forms("SCT", MARCH, form=blank))
    clerk.goto(f"{portal.url}/departments/SCT?period={MARCH}")
    clerk.set_input_files("input[type=file]", str(right))
    clerk.click("form[enctype] button[type=submit]")
    assert "Đã tiếp nhận biểu mẫu kỳ tháng 03/2023" in clerk.inner_text("#outcome")
    shots(clerk, "ket-qua-tiep-nhan")

    staff = log_in(browser, portal, "mai")
    staff.goto(f"{portal.url}/dashboard?period={MARCH}")
    assert staff.get_attribute('tr[data-department="SCT"]', "class") == "ok"
    shots(staff, "tien-do")
    staff.click("#build-button")
    staff.wait_for_url(re.compile(r"/drafts"))
    with staff.expect_download() as built:
        staff.click("#drafts tbody tr >> text=Word")
    assert built.value.suggested_filename.startswith("bao-cao-2023-03-")
    docx = Path(built.value.path()).read_bytes()
    assert docx[:2] == b"PK"
    shots(staff, "du-thao")

    corrected = portal.client("lan.sct").upload("SCT", MARCH, "2023-03_SCT_sua.xlsx",
                                                demo_forms("SCT", MARCH, {"retail_sales": 9999}))
    assert corrected.status_code == 200
    staff.goto(f"{portal.url}/dashboard?period={MARCH}")
    staff.click("#build-button")
    staff.wait_for_url(re.compile(r"/drafts"))
    ids = staff.locator("#drafts tbody tr").evaluate_all("rows => rows.map(r => r.dataset.build)")
    assert len(ids) == 2
    staff.click("#drafts tbody tr >> text=giải trình số liệu")
    staff.select_option("select[name=indicator]", "retail_sales")
    staff.click("form.picker button")
    assert staff.inner_text("#stated")
    shots(staff, "giai-trinh")
    staff.goto(f"{portal.url}/audit")
    shots(staff, "nhat-ky")

    reviewer = log_in(browser, portal, "tuan")
    reviewer.goto(f"{portal.url}/compare")
    reviewer.select_option("select[name=old]", ids[1])
    reviewer.select_option("select[name=new]", ids[0])
    reviewer.click("form.picker button")
    assert "9.999" in reviewer.inner_text("#changes")
    shots(reviewer, "so-sanh")
    with reviewer.expect_download() as redline:
        reviewer.click('a[data-file="so-sanh.docx"]')
    assert redline.value.suggested_filename == "so-sanh.docx"
    reviewer.goto(f"{portal.url}/drafts?period={MARCH}")
    reviewer.fill(f'tr[data-build="{ids[0]}"] input[name=note]', "Đồng ý")
    reviewer.click(f'tr[data-build="{ids[0]}"] button[value=approved]')
    assert "đã duyệt (tuan" in reviewer.inner_text(f'tr[data-build="{ids[0]}"]')
    shots(reviewer, "duyet")

    other = log_in(browser, portal, "hung.nhnn")
    answer = other.goto(f"{portal.url}/departments/SCT?period={MARCH}")
    assert answer is not None and answer.status == 403
    assert "thuộc đơn vị khác" in other.inner_text("#message")
    shots(other, "tu-choi")

    admin = log_in(browser, portal, "thu")
    admin.goto(f"{portal.url}/accounts")
    assert admin.locator("#accounts tbody tr").count() == 5
    shots(admin, "tai-khoan")

    assert len(shots.taken) == 24
    wanted = os.environ.get("REPORTGEN_SCREENSHOTS")
    if wanted:
        target = Path(wanted) / backend
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(tmp_path, target,
                        ignore=shutil.ignore_patterns("*.xlsx", "*.log", "portal-data", "fixed", "store*"))
