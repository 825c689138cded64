"""The administrator's page: the portal's accounts — add one, give it a new password, disable it."""

from __future__ import annotations

import anyio
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from reportgen import Role, add_account, disable_account, list_accounts, set_password

from .portal import Portal
from .security import checked_form, require
from .views import page

router = APIRouter()
ADMINS = frozenset({Role.ADMIN})


@router.get("/accounts")
async def accounts(request: Request) -> Response:
    seen = require(request, ADMINS)
    portal: Portal = request.app.state.portal
    return page(request, "accounts.html", seen, accounts=list_accounts(portal.store), roles=list(Role))


@router.post("/accounts")
async def add(request: Request) -> Response:
    seen = require(request, ADMINS)
    portal: Portal = request.app.state.portal
    form = await checked_form(request)
    department = str(form.get("department", "")).strip() or None
    role = Role(str(form.get("role", Role.CLERK)))
    await anyio.to_thread.run_sync(lambda: add_account(
        portal.store, portal.catalog, str(form.get("username", "")).strip().lower(), role,
        str(form.get("password", "")), actor=seen.username, at=portal.now(),
        full_name=str(form.get("full_name", "")), department=department if role == Role.CLERK else None))
    return RedirectResponse("/accounts", status_code=303)


@router.post("/accounts/{username}/disable")
async def disable(request: Request, username: str) -> Response:
    seen = require(request, ADMINS)
    portal: Portal = request.app.state.portal
    await checked_form(request)
    disable_account(portal.store, username, actor=seen.username, at=portal.now())
    return RedirectResponse("/accounts", status_code=303)


@router.post("/accounts/{username}/password")
async def password(request: Request, username: str) -> Response:
    seen = require(request, ADMINS)
    portal: Portal = request.app.state.portal
    form = await checked_form(request)
    new = str(form.get("password", ""))
    await anyio.to_thread.run_sync(lambda: set_password(portal.store, username, new, actor=seen.username,
                                                        at=portal.now()))
    return RedirectResponse("/accounts", status_code=303)
