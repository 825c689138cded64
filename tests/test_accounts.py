"""The portal's accounts: roles, a clerk's one department, Argon2 passwords, logins and the audit log.

On SQLite and on PostgreSQL (the ``store`` fixture), through the library and
through ``reportgen users``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reportgen import (
    Catalog,
    Role,
    Store,
    UsageError,
    add_account,
    authenticate,
    disable_account,
    list_accounts,
    set_password,
)
from reportgen.cli import main

AT = dt.datetime(2023, 3, 18, 3, tzinfo=dt.UTC)
SECRET = "mat-khau-dai-du-10"


def it_keeps_a_clerk_to_one_department_and_only_a_hash_of_the_password(store: Store, catalog: Catalog) -> None:
    made = add_account(store, catalog, "lan.sct", Role.CLERK, SECRET, actor="admin", at=AT,
                       full_name="Trần Thị Lan", department="SCT")
    assert (made.username, made.role, made.department, made.active) == ("lan.sct", Role.CLERK, "SCT", True)
    [row] = store.accounts("lan.sct")
    assert row["password_hash"].startswith("$argon2id$") and SECRET not in row["password_hash"]
    with pytest.raises(UsageError, match="cần đúng một mã sở, ngành"):
        add_account(store, catalog, "ai.do", Role.CLERK, SECRET, actor="admin", at=AT)
    with pytest.raises(UsageError, match=r"cần đúng một mã sở, ngành trong danh mục .*'XYZ' không có"):
        add_account(store, catalog, "ai.do", Role.CLERK, SECRET, actor="admin", at=AT, department="XYZ")
    with pytest.raises(UsageError, match="Chỉ tài khoản cán bộ sở, ngành"):
        add_account(store, catalog, "minh", Role.STAFF, SECRET, actor="admin", at=AT, department="SCT")
    with pytest.raises(UsageError, match=r"Tên đăng nhập 'lan\.sct' đã có"):
        add_account(store, catalog, "lan.sct", Role.STAFF, SECRET, actor="admin", at=AT)
    with pytest.raises(UsageError, match="ít nhất 10 ký tự"):
        add_account(store, catalog, "ngan", Role.STAFF, "ngan", actor="admin", at=AT)
    with pytest.raises(UsageError, match="không hợp lệ"):
        add_account(store, catalog, "Nguyễn Văn", Role.STAFF, SECRET, actor="admin", at=AT)
    assert [a.username for a in list_accounts(store)] == ["lan.sct"]  # nothing refused was stored


def it_lets_in_only_the_right_password_of_an_active_account_and_audits_every_try(store: Store,
                                                                                 catalog: Catalog) -> None:
    add_account(store, catalog, "minh", Role.REVIEWER, SECRET, actor="admin", at=AT)
    assert authenticate(store, "minh", "sai-mat-khau-roi", at=AT) is None
    assert authenticate(store, "khong.co", SECRET, at=AT) is None
    found = authenticate(store, "minh", SECRET, at=AT)
    assert found is not None and found.role == Role.REVIEWER
    set_password(store, "minh", "mat-khau-moi-12", actor="admin", at=AT)
    assert authenticate(store, "minh", SECRET, at=AT) is None
    assert authenticate(store, "minh", "mat-khau-moi-12", at=AT) is not None
    disable_account(store, "minh", actor="admin", at=AT)
    assert authenticate(store, "minh", "mat-khau-moi-12", at=AT) is None
    with pytest.raises(UsageError, match=r"Không có tài khoản 'khong\.co'"):
        disable_account(store, "khong.co", actor="admin", at=AT)
    assert [(e["actor"], e["action"], e["target"]) for e in store.audit_events()] == [
        ("admin", "account.add", "minh"), ("minh", "login.failed", "minh"), ("khong.co", "login.failed", "khong.co"),
        ("minh", "login", "minh"), ("admin", "account.password", "minh"), ("minh", "login.failed", "minh"),
        ("minh", "login", "minh"), ("admin", "account.disable", "minh"), ("minh", "login.disabled", "minh")]
    assert {e["at"] for e in store.audit_events()} == {AT}


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def it_manages_accounts_from_the_command_line(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "store.sqlite")]
    added = run("users", "add", "lan.sct", "--role", "clerk", "--department", "SCT", "--full-name", "Trần Thị Lan",
                "--user", "quantri", *db, stdin=f"{SECRET}\n{SECRET}\n")
    assert added.exit_code == 0, added.output
    assert added.stdout.splitlines()[-1] == "Đã tạo tài khoản lan.sct (cán bộ sở, ngành, SCT)."
    assert "Mật khẩu" in added.stderr and SECRET not in added.output  # asked without echo
    differ = run("users", "add", "minh", "--role", "staff", *db, stdin=f"{SECRET}\nkhac-hoan-toan\n")
    assert differ.exit_code == 2 and differ.stderr.splitlines()[-1] == "Lỗi: Hai lần nhập mật khẩu không khớp."
    scripted = run("users", "add", "minh", "--role", "staff", "--password-stdin", *db, stdin=f"{SECRET}\n")
    assert scripted.exit_code == 0 and scripted.stdout == "Đã tạo tài khoản minh (chuyên viên tổng hợp).\n"
    assert run("users", "disable", "minh", *db).stdout == (
        "Đã khóa tài khoản minh: không đăng nhập được nữa, lịch sử vẫn giữ.\n")
    assert run("users", "set-password", "lan.sct", "--password-stdin", *db,
               stdin="mot-mat-khau-moi\n").stdout == "Đã đặt mật khẩu mới cho lan.sct.\n"
    listed = run("users", "list", *db).stdout
    assert "lan.sct" in listed and "Trần Thị Lan" in listed and "đã khóa" in listed and "đang dùng" in listed
    wrong_role = run("users", "add", "x1", "--role", "boss", "--password-stdin", *db, stdin=f"{SECRET}\n")
    assert wrong_role.exit_code == 2 and "boss" in wrong_role.stderr
