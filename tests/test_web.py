"""The portal on a real uvicorn server, over SQLite and PostgreSQL: each user group's pages, and what keeps them
apart."""

from __future__ import annotations

import datetime as dt
import io
import re
import socket
import zipfile
from collections.abc import Callable
from typing import Any

from openpyxl import load_workbook

from reportgen import Period, Store, disable_account, messages
from reportgen.forms import layout as L
from reportgen.web import accounts, auth, department, office, review

from conftest import PortalServer

MARCH = "2023-03"
NHNN_NAME = "Ngân hàng Nhà nước"


def audit_actions(server: PortalServer, actor: str) -> list[str]:
    with Store.open(server.location, server.archive) as store:
        return [row["action"] for row in store.audit_events(actor)]


def it_lets_a_clerk_download_upload_fix_and_resend_their_form(portal: PortalServer,
                                                             demo_forms: Callable[..., bytes]) -> None:
    clerk = portal.client("lan.sct")
    home = clerk.get("/")
    assert home.status_code == 303 and home.headers["location"] == "/departments/SCT"
    page = clerk.get(f"/departments/SCT?period={MARCH}")
    assert "Sở Công Thương" in page.text and "Hạn nộp" in page.text and "Quá hạn" in page.text

    form = clerk.get(f"/departments/SCT/form?period={MARCH}")
    assert form.status_code == 200 and 'filename="2023-03_SCT.xlsx"' in form.headers["content-disposition"]
    book = load_workbook(io.BytesIO(form.content))
    assert L.DATA_SHEET in book.sheetnames

    wrong = clerk.upload("SCT", MARCH, "2023-03_SCT.xlsx", demo_forms("SCT", MARCH, {"retail_sales": "nhiều"}))
    assert wrong.status_code == 422
    assert "Biểu mẫu bị từ chối" in wrong.text
    findings = re.findall(r"<tr class=\"bad\"><td>Lỗi</td><td>([^<]*)</td><td class=\"cell\">([^<]*)</td>",
                          wrong.text)
    assert findings and all(sheet == L.DATA_SHEET for sheet, _cell in findings)
    annotated = re.search(r'href="(/departments/SCT/annotated/[0-9a-f]{64})"', wrong.text)
    assert annotated is not None
    marked = load_workbook(io.BytesIO(clerk.get(annotated.group(1)).content))
    cell = findings[0][1]
    comment = marked[L.DATA_SHEET][cell].comment
    assert comment is not None and "Lỗi" in comment.text

    right = clerk.upload("SCT", MARCH, "2023-03_SCT.xlsx", demo_forms("SCT", MARCH))
    assert right.status_code == 200 and "Đã tiếp nhận biểu mẫu kỳ tháng 03/2023" in right.text
    history = clerk.get(f"/departments/SCT?period={MARCH}").text
    assert history.count("2023-03_SCT.xlsx") == 2 and "đã tiếp nhận" in history and "bị từ chối" in history
    assert audit_actions(portal, "lan.sct") == ["login", "form.download", "upload", "upload"]


def it_refuses_a_form_of_another_department_even_on_the_clerks_own_page(
        portal: PortalServer, demo_forms: Callable[..., bytes]) -> None:
    clerk = portal.client("lan.sct")
    sent = clerk.upload("SCT", MARCH, "2023-03_NHNN.xlsx", demo_forms("NHNN", MARCH))
    assert sent.status_code == 422
    assert "chỉ được nộp số liệu của Sở Công Thương" in sent.text
    with Store.open(portal.location, portal.archive) as store:
        assert store.submissions() == []


def _path_for(path: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: values[m.group(1)], path)


def it_shows_a_clerk_nothing_of_another_department_on_any_route(portal: PortalServer,
                                                                demo_forms: Callable[..., bytes]) -> None:
    """Every route, walked as a clerk of SCT with NHNN's data in the store: no NHNN name, file or figure leaks."""
    other = portal.client("hung.nhnn")
    assert other.upload("NHNN", MARCH, "2023-03_NHNN.xlsx", demo_forms("NHNN", MARCH, {"deposits": "x"})
                        ).status_code == 422
    assert other.upload("NHNN", MARCH, "2023-03_NHNN.xlsx", demo_forms("NHNN", MARCH)).status_code == 200
    staff = portal.client("mai")
    assert staff.submit(f"/periods/{MARCH}/build", f"/dashboard?period={MARCH}").status_code == 303
    with Store.open(portal.location, portal.archive) as store:
        digest = next(row["file_hash"] for row in store.intakes() if row["department"] == "NHNN")
        build_id = str(store.builds()[0]["id"])
    clerk = portal.client("lan.sct")
    values = {"code": "NHNN", "digest": digest, "username": "hung.nhnn", "build_id": build_id, "suffix": "docx",
              "period": MARCH, "old": build_id, "new": build_id, "name": "so-sanh.docx"}
    walked = []
    for router in (auth.router, department.router, office.router, review.router, accounts.router):
        for route in router.routes:
            path = _path_for(route.path, values)  # type: ignore[attr-defined]
            for method in sorted(route.methods):  # type: ignore[attr-defined]
                if path in ("/login", "/logout"):
                    continue
                token = clerk.csrf("/departments/SCT")
                query: dict[str, Any] = {"period": MARCH, "old": build_id, "new": "1", "indicator": "deposits"}
                answer = clerk.request(method, path, params=query, data={"csrf": token, "action": "approved",
                                                                         "note": "x"} if method == "POST" else None)
                walked.append((method, route.path, answer.status_code))  # type: ignore[attr-defined]
                body = answer.text if "text" in answer.headers.get("content-type", "") else ""
                assert NHNN_NAME not in body and "2023-03_NHNN" not in body, (method, path)
                assert answer.status_code in (303, 403, 404) or path == "/", (method, path, answer.status_code)
                if answer.status_code == 403:
                    assert messages.WEB_FORBIDDEN in body or messages.WEB_OTHER_DEPARTMENT in body
    assert len(walked) >= 15
    refused = [w for w in walked if w[2] == 403]
    assert audit_actions(portal, "lan.sct").count("access.denied") == len(refused)
    with Store.open(portal.location, portal.archive) as store:
        assert store.lock_of(Period(2023, 3)) is None and store.accounts("hung.nhnn")[0]["active"]
        assert store.reviews() == []


def it_lets_staff_follow_lock_and_build_and_a_reviewer_compare_and_approve(
        portal: PortalServer, demo_forms: Callable[..., bytes]) -> None:
    clerk = portal.client("lan.sct")
    assert clerk.upload("SCT", MARCH, "2023-03_SCT.xlsx", demo_forms("SCT", MARCH)).status_code == 200
    staff = portal.client("mai")
    board = staff.get(f"/dashboard?period={MARCH}").text
    assert re.search(r'<tr data-department="SCT" class="ok">', board)
    assert re.search(r'<tr data-department="NHNN" class="(bad)?">', board)
    assert "Đã tiếp nhận <strong id=\"received\">1/" in board

    assert staff.submit(f"/periods/{MARCH}/build", f"/dashboard?period={MARCH}").status_code == 303
    assert clerk.upload("SCT", MARCH, "2023-03_SCT_sua.xlsx",
                        demo_forms("SCT", MARCH, {"retail_sales": 9999})).status_code == 200
    assert staff.submit(f"/periods/{MARCH}/build", f"/dashboard?period={MARCH}").status_code == 303
    drafts = staff.get(f"/drafts?period={MARCH}").text
    ids = [int(i) for i in re.findall(r'<tr data-build="(\d+)">', drafts)]
    assert len(ids) == 2
    new, old = ids
    docx = staff.get(f"/drafts/{new}/download/docx")
    assert docx.status_code == 200 and zipfile.ZipFile(io.BytesIO(docx.content)).testzip() is None
    explained = staff.get(f"/drafts/{new}/explain", params={"indicator": "retail_sales", "span": "month"}).text
    assert "2023-03_SCT_sua.xlsx" in explained and "9.999" in explained

    locked = staff.submit(f"/periods/{MARCH}/lock", f"/dashboard?period={MARCH}")
    assert locked.status_code == 303
    refused = clerk.upload("SCT", MARCH, "2023-03_SCT_muon.xlsx", demo_forms("SCT", MARCH, {"retail_sales": 1}))
    assert refused.status_code == 422 and "đã được khóa sổ" in refused.text
    assert staff.submit(f"/periods/{MARCH}/unlock", f"/dashboard?period={MARCH}").status_code == 303

    reviewer = portal.client("tuan")
    compared = reviewer.get("/compare", params={"old": old, "new": new})
    assert compared.status_code == 200 and "9.999" in compared.text and "2023-03_SCT_sua.xlsx" in compared.text
    redline = reviewer.get(f"/compare/{old}/{new}/so-sanh.docx")
    assert redline.status_code == 200 and b"w:ins" in zipfile.ZipFile(io.BytesIO(redline.content)).read(
        "word/document.xml")
    package = zipfile.ZipFile(io.BytesIO(reviewer.get(f"/compare/{old}/{new}/goi-tham-dinh.zip").content))
    assert sorted(package.namelist()) == ["so-lieu-thay-doi.xlsx", "so-sanh.docx", "tom-tat.docx"]

    assert reviewer.submit(f"/drafts/{old}/review", "/drafts", action="returned", note="").status_code == 400
    assert reviewer.submit(f"/drafts/{old}/review", "/drafts", action="returned",
                           note="Số bán lẻ chưa khớp").status_code == 303
    assert reviewer.submit(f"/drafts/{new}/review", "/drafts", action="approved").status_code == 303
    after = reviewer.get(f"/drafts?period={MARCH}").text
    assert "trả lại (tuan" in after and "Số bán lẻ chưa khớp" in after and "đã duyệt (tuan" in after
    assert staff.submit(f"/drafts/{new}/review", "/drafts", action="approved").status_code == 403
    log = staff.get("/audit").text
    for action in ("tạo dự thảo", "khóa kỳ", "mở khóa kỳ", "duyệt dự thảo", "trả lại dự thảo", "nộp biểu mẫu"):
        assert action in log, action


def it_guards_sessions_forms_logins_and_upload_sizes(portal: PortalServer) -> None:
    clerk = portal.client("lan.sct")
    cookie = next(c for c in clerk.cookies.jar if c.name == "reportgen_session")
    assert cookie.has_nonstandard_attr("httponly")
    login = portal.client()
    first = login.get("/login")
    assert first.status_code == 200
    flags = first.headers["set-cookie"].lower()
    assert "httponly" in flags and "samesite=strict" in flags and "reportgen_session=" in flags

    no_token = clerk.post("/logout", data={})
    assert no_token.status_code == 403 and messages.WEB_CSRF in no_token.text
    assert clerk.get("/departments/SCT").status_code == 200  # still logged in

    stranger = portal.client()
    for attempt in range(5):
        failed = stranger.login("hung.nhnn", f"doan-mat-khau-{attempt}")
        assert failed.status_code == 401 and messages.WEB_LOGIN_FAILED in failed.text
    paused = stranger.login("hung.nhnn")  # even the right password waits now
    assert paused.status_code == 429 and "thử lại sau 15 phút" in paused.text
    assert "login.throttled" in audit_actions(portal, "hung.nhnn")

    # 100 MB announced, not a byte of it sent: the answer comes without the server waiting for the body.
    host, port = portal.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        raw.sendall(b"POST /departments/SCT/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data\r\n"
                    b"Content-Length: 104857600\r\n\r\n")
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413") and "quá lớn" in answer.decode("utf-8")
    assert clerk.get("/departments/SCT").status_code == 200

    with Store.open(portal.location, portal.archive) as store:
        disable_account(store, "lan.sct", actor="thu", at=dt.datetime(2023, 3, 2, tzinfo=dt.UTC))
    gone = clerk.get("/departments/SCT")
    assert gone.status_code == 303 and gone.headers["location"].startswith("/login")


def it_lets_the_administrator_add_reset_and_disable_accounts(portal: PortalServer) -> None:
    admin = portal.client("thu")
    added = admin.submit("/accounts", "/accounts", username="binh.syt", full_name="Đỗ Văn Bình", role="clerk",
                         department="SYT", password="mat-khau-moi-123")
    assert added.status_code == 303
    listed = admin.get("/accounts").text
    assert "binh.syt" in listed and "Sở Y tế" in listed
    newcomer = portal.client()
    assert newcomer.login("binh.syt", "mat-khau-moi-123").headers["location"] == "/"
    assert newcomer.get("/").headers["location"] == "/departments/SYT"
    assert admin.submit("/accounts/binh.syt/password", "/accounts", password="mat-khau-khac-456").status_code == 303
    assert portal.client().login("binh.syt", "mat-khau-moi-123").status_code == 401
    assert admin.submit("/accounts/binh.syt/disable", "/accounts").status_code == 303
    assert newcomer.get("/departments/SYT").status_code == 303  # the session ended with the account
    short = admin.submit("/accounts", "/accounts", username="ngan", role="staff", password="ngan")
    assert short.status_code == 400 and "10" in short.text
    assert portal.client("mai").get("/accounts").status_code == 403
    assert audit_actions(portal, "thu") == ["login", "account.add", "account.password", "account.disable"]
    assert audit_actions(portal, "mai")[-1] == "access.denied"
