"""Who is asking and whether they may: sessions, roles, CSRF tokens, login throttling, and the body size limit.

- A session is a signed, HttpOnly, SameSite=Strict cookie holding the user
  name and the session's CSRF token; each request reads the account again,
  so a disabled account or a changed role takes effect at once.
- Every form posts the session's CSRF token, compared in constant time.
- Failed logins pause further attempts for a user name, and for the address
  they come from, for a while (:mod:`.throttle`).
- A request body larger than the upload limit is refused from its
  ``Content-Length`` before a byte of it is read, and a body without one is
  cut off as soon as it grows past the limit.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reportgen import Account, Role, messages

from .portal import Portal

STAFF_ROLES = frozenset({Role.STAFF, Role.ADMIN})
"""Who may lock periods and build drafts."""
REVIEW_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})
"""Who may approve or return drafts."""
OFFICE_ROLES = frozenset({Role.STAFF, Role.REVIEWER, Role.ADMIN})
"""Who sees every department: the dashboard, drafts, comparisons, explanations and the audit log."""


class RefusedError(Exception):
    """A request answered with an error page: ``status`` and a Vietnamese message; ``audit`` names the refusal."""

    def __init__(self, status: int, message: str, audit: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.audit = audit


class LoginNeededError(Exception):
    """No session: the browser is sent to the login page and back."""


@dataclass(frozen=True)
class Viewer:
    """The logged-in account and its session's CSRF token."""

    account: Account
    csrf: str

    @property
    def username(self) -> str:
        return self.account.username

    @property
    def role(self) -> Role:
        return self.account.role

    def may_see(self, department: str) -> bool:
        """A clerk sees only their own department; everyone else sees all."""
        return self.role != Role.CLERK or self.account.department == department


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made when the session starts (the login page has one too)."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def start_session(request: Request, account: Account) -> None:
    """A new session for ``account``: nothing of the session before the login is kept, the CSRF token included."""
    request.session.clear()
    request.session["user"] = account.username
    request.session["csrf"] = secrets.token_urlsafe(32)


def viewer(request: Request) -> Viewer:
    """The logged-in, still active account; :class:`LoginNeededError` otherwise."""
    portal: Portal = request.app.state.portal
    username = request.session.get("user")
    if not isinstance(username, str):
        raise LoginNeededError
    rows = portal.store.accounts(username)
    if not rows or not rows[0]["active"]:
        request.session.clear()
        raise LoginNeededError
    row = rows[0]
    account = Account(row["username"], row["full_name"], Role(row["role"]), row["department"], True,
                      row["created_at"])
    return Viewer(account, csrf_token(request))


def require(request: Request, roles: frozenset[Role]) -> Viewer:
    """The viewer, if their role is one of ``roles``; a logged refusal otherwise."""
    seen = viewer(request)
    if seen.role not in roles:
        raise RefusedError(403, messages.WEB_FORBIDDEN, "access.denied")
    return seen


def require_department(request: Request, department: str) -> Viewer:
    """The viewer, if they may see ``department``'s pages (a clerk only their own); a logged refusal otherwise."""
    seen = viewer(request)
    portal: Portal = request.app.state.portal
    if department not in portal.catalog.departments:
        raise RefusedError(404, messages.WEB_NOT_FOUND)
    if not seen.may_see(department):
        raise RefusedError(403, messages.WEB_OTHER_DEPARTMENT, "access.denied")
    return seen


async def checked_form(request: Request) -> FormData:
    """The posted form, if it carries the session's CSRF token; a logged refusal otherwise."""
    form = await request.form(max_files=1, max_fields=20)
    sent = form.get("csrf")
    expected = request.session.get("csrf")
    if not isinstance(sent, str) or not isinstance(expected, str) or not hmac.compare_digest(sent, expected):
        raise RefusedError(403, messages.WEB_CSRF, "csrf.refused")
    return form


class BodyTooLargeError(Exception):
    pass


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` is answered 413 without being read.

    A declared ``Content-Length`` over the limit is refused at once; a body
    sent without one (chunked) is counted as it arrives and refused when it
    passes the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, page: bytes) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.page = page

    async def _refuse(self, send: Send) -> None:
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"text/html; charset=utf-8"),
                                (b"content-length", str(len(self.page)).encode()), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": self.page})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLargeError
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLargeError:
            if not started:
                await self._refuse(send)


def client_address(request: Request) -> str:
    return request.client.host if request.client is not None else "?"


def audit_detail(**fields: Any) -> str:
    """``key=value`` pairs for an audit event's detail, in a stable order."""
    return " ".join(f"{key}={value}" for key, value in sorted(fields.items()) if value not in (None, ""))
