"""Logging in and out, and the home page that sends each role where its work is."""

from __future__ import annotations

from urllib.parse import urlsplit

import anyio
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from reportgen import Role, audit, authenticate, messages

from .portal import Portal
from .security import LoginNeededError, checked_form, client_address, start_session, viewer
from .views import page

router = APIRouter()


def _safe_next(target: str) -> str:
    """Only a path of this site: never a link elsewhere (``//evil.example``, ``https://…``)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@router.get("/")
async def home(request: Request) -> Response:
    seen = viewer(request)
    if seen.role == Role.CLERK:
        return RedirectResponse(f"/departments/{seen.account.department}", status_code=303)
    return RedirectResponse("/dashboard", status_code=303)


@router.get("/login")
async def login_page(request: Request, next: str = "/") -> Response:
    try:
        viewer(request)
        return RedirectResponse(_safe_next(next), status_code=303)
    except LoginNeededError:
        return page(request, "login.html", None, next=_safe_next(next), username="", message="")


@router.post("/login")
async def login(request: Request) -> Response:
    portal: Portal = request.app.state.portal
    form = await checked_form(request)
    username = str(form.get("username", "")).strip().lower()[:64]
    password = str(form.get("password", ""))[:1024]
    target = _safe_next(str(form.get("next", "/")))
    address = client_address(request)
    now = portal.now()
    wait = portal.throttle.wait(username, address, now)
    if wait is not None:
        audit(portal.store, now, username, "login.throttled", username, address)
        minutes = max(1, round(wait.total_seconds() / 60))
        return page(request, "login.html", None, status=429, next=target, username=username,
                    message=messages.WEB_LOGIN_PAUSED.format(minutes=minutes))
    account = await anyio.to_thread.run_sync(lambda: authenticate(portal.store, username, password, at=now))
    if account is None:
        portal.throttle.failed(username, address, now)
        return page(request, "login.html", None, status=401, next=target, username=username,
                    message=messages.WEB_LOGIN_FAILED)
    portal.throttle.succeeded(username)
    start_session(request, account)
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    portal: Portal = request.app.state.portal
    await checked_form(request)
    user = request.session.get("user")
    if isinstance(user, str):
        audit(portal.store, portal.now(), user, "logout", user)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
