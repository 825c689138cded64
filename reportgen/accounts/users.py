"""Accounts: who may log in, in which role, for which department; passwords hashed with Argon2 (pwdlib).

A clerk belongs to exactly one department of the catalog and sees only its
forms and figures; staff, reviewers and the administrator belong to none.
A password is never stored, only its Argon2 hash; a disabled account keeps
its history but cannot log in. Every change to an account, and every login
(failed ones too), lands in the audit log.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import messages
from ..catalog import Catalog
from ..errors import UsageError
from ..model import Role
from ..store import Store

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
MIN_PASSWORD = 10


@cache
def _hasher() -> Any:
    """Argon2id with pwdlib's recommended parameters; made when first needed, not when reportgen is imported."""
    from pwdlib import PasswordHash

    return PasswordHash.recommended()


@cache
def _dummy_hash() -> str:
    """A hash an unknown user name is checked against, so that it costs what a wrong password costs."""
    return str(_hasher().hash("reportgen-timing-equaliser"))


@dataclass(frozen=True)
class Account:
    """A person who may log in to the portal."""

    username: str
    full_name: str
    role: Role
    department: str | None
    active: bool
    created_at: dt.datetime


def _account(row: dict[str, Any]) -> Account:
    return Account(row["username"], row["full_name"], Role(row["role"]), row["department"], bool(row["active"]),
                   row["created_at"])


def _checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(messages.PASSWORD_TOO_SHORT.format(length=MIN_PASSWORD))
    return password


def add_account(store: Store, catalog: Catalog, username: str, role: Role, password: str, *, actor: str,
                at: dt.datetime, full_name: str = "", department: str | None = None) -> Account:
    """Create an account; a clerk needs a department of the catalog, no other role may have one."""
    if not USERNAME.fullmatch(username):
        raise UsageError(messages.USERNAME_INVALID.format(username=username))
    if role == Role.CLERK and department not in catalog.departments:
        raise UsageError(messages.CLERK_NEEDS_DEPARTMENT.format(
            department=department or "", known=", ".join(catalog.departments)))
    if role != Role.CLERK and department is not None:
        raise UsageError(messages.ONLY_CLERKS_HAVE_DEPARTMENT)
    hashed = _hasher().hash(_checked_password(password))
    if not store.add_account(username, role, hashed, at, full_name=full_name.strip(), department=department):
        raise UsageError(messages.USERNAME_TAKEN.format(username=username))
    audit(store, at, actor, "account.add", username, f"{role}{'' if department is None else ' ' + department}")
    return _account(store.accounts(username)[0])


def list_accounts(store: Store) -> list[Account]:
    """Every account, by user name."""
    return [_account(row) for row in store.accounts()]


def set_password(store: Store, username: str, password: str, *, actor: str, at: dt.datetime) -> None:
    """Give an account a new password."""
    if not store.update_account(username, password_hash=_hasher().hash(_checked_password(password))):
        raise UsageError(messages.ACCOUNT_NOT_FOUND.format(username=username))
    audit(store, at, actor, "account.password", username)


def disable_account(store: Store, username: str, *, actor: str, at: dt.datetime) -> None:
    """Stop an account from logging in; its history stays."""
    if not store.update_account(username, active=False):
        raise UsageError(messages.ACCOUNT_NOT_FOUND.format(username=username))
    audit(store, at, actor, "account.disable", username)


def authenticate(store: Store, username: str, password: str, *, at: dt.datetime) -> Account | None:
    """The account if the password is right and the account active; the attempt is audited either way.

    An unknown user name costs the same hash as a wrong password, so timing
    does not tell which user names exist.
    """
    rows = store.accounts(username) if USERNAME.fullmatch(username) else []
    if not rows:
        _hasher().verify(password, _dummy_hash())
        audit(store, at, username, "login.failed", username)
        return None
    row = rows[0]
    valid, updated = _hasher().verify_and_update(password, row["password_hash"])
    if not valid or not row["active"]:
        audit(store, at, username, "login.failed" if not valid else "login.disabled", username)
        return None
    if updated is not None:  # the recommended parameters grew: keep the stronger hash
        store.update_account(username, password_hash=updated)
    audit(store, at, username, "login", username)
    return _account(row)


def audit(store: Store, at: dt.datetime, actor: str, action: str, target: str = "", detail: str = "") -> None:
    """Record one action in the audit log."""
    store.record_audit(at, actor, action, target, detail)

