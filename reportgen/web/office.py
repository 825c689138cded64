"""Planning staff's pages: the period's dashboard, locking, building drafts, downloads, explanations, the audit log."""

from __future__ import annotations

from functools import partial
from typing import Any

import anyio
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from reportgen import (
    Period,
    audit,
    build_report,
    draft_states,
    explain_figure,
    messages,
    period_status,
    to_pdf,
)

from .portal import Portal
from .security import OFFICE_ROLES, STAFF_ROLES, RefusedError, audit_detail, checked_form, require
from .views import VIETNAM, page, period_of

router = APIRouter()

MEDIA = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".pdf": "application/pdf"}
AUDIT_ROWS = 500


@router.get("/dashboard")
async def dashboard(request: Request, period: str | None = None) -> Response:
    seen = require(request, OFFICE_ROLES)
    portal: Portal = request.app.state.portal
    month = period_of(period, portal.now())
    status = period_status(portal.catalog, portal.store, month)
    today = portal.now().astimezone(VIETNAM).date()
    return page(request, "dashboard.html", seen, period=month, progress=status, today=today,
                lock=portal.store.lock_of(month), drafts=portal.store.builds(month)[::-1][:5],
                states=draft_states(portal.store), may_build=seen.role in STAFF_ROLES)


async def _period_action(request: Request, period: str, locking: bool) -> Response:
    seen = require(request, STAFF_ROLES)
    portal: Portal = request.app.state.portal
    await checked_form(request)
    month = period_of(period, portal.now())
    act = portal.store.lock_period if locking else portal.store.unlock_period
    if act(month, seen.username, portal.now()):
        audit(portal.store, portal.now(), seen.username, "lock" if locking else "unlock", str(month))
    return RedirectResponse(f"/dashboard?period={month}", status_code=303)


@router.post("/periods/{period}/lock")
async def lock(request: Request, period: str) -> Response:
    return await _period_action(request, period, locking=True)


@router.post("/periods/{period}/unlock")
async def unlock(request: Request, period: str) -> Response:
    return await _period_action(request, period, locking=False)


def _build(portal: Portal, month: Period, actor: str, pdf: bool) -> int | None:
    """Build the period's report into the drafts folder under a name no other draft has; its PDF beside it."""
    stamp = portal.now().astimezone(VIETNAM).strftime("%Y%m%d-%H%M%S")
    out = portal.drafts / f"bao-cao-{month}-{stamp}.docx"
    number = 2
    while out.exists():
        out = portal.drafts / f"bao-cao-{month}-{stamp}-{number}.docx"
        number += 1
    template = portal.config.template
    built = build_report(portal.catalog, portal.store, month, out, template, clock=portal.now, actor=actor)
    if pdf:
        to_pdf(out)
    return built.build_id


@router.post("/periods/{period}/build")
async def build(request: Request, period: str) -> Response:
    seen = require(request, STAFF_ROLES)
    portal: Portal = request.app.state.portal
    form = await checked_form(request)
    month = period_of(period, portal.now())
    pdf = form.get("pdf") == "1"
    build_id = await anyio.to_thread.run_sync(partial(_build, portal, month, seen.username, pdf),
                                              limiter=portal.heavy)
    audit(portal.store, portal.now(), seen.username, "build", str(month), audit_detail(build=build_id, pdf=pdf))
    return RedirectResponse(f"/drafts?period={month}", status_code=303)


@router.get("/drafts")
async def drafts(request: Request, period: str | None = None) -> Response:
    seen = require(request, OFFICE_ROLES)
    portal: Portal = request.app.state.portal
    month = None if not period else period_of(period, portal.now())
    rows = portal.store.builds(month)[::-1]
    for row in rows:
        row["docx"] = portal.draft_file(row) is not None
        row["pdf"] = portal.draft_file(row, ".pdf") is not None
    return page(request, "drafts.html", seen, period=month, drafts=rows, states=draft_states(portal.store))


def find_draft(portal: Portal, build_id: int) -> dict[str, Any]:
    found = portal.store.build(build_id=build_id)
    if found is None:
        raise RefusedError(404, messages.REVIEW_NOT_FOUND.format(build=build_id))
    return found


@router.get("/drafts/{build_id}/download/{suffix}")
async def draft_download(request: Request, build_id: int, suffix: str) -> Response:
    seen = require(request, OFFICE_ROLES)
    portal: Portal = request.app.state.portal
    if f".{suffix}" not in MEDIA:
        raise RefusedError(404, messages.WEB_NOT_FOUND)
    path = portal.draft_file(find_draft(portal, build_id), f".{suffix}")
    if path is None:
        raise RefusedError(404, messages.WEB_DRAFT_MISSING.format(build=build_id))
    audit(portal.store, portal.now(), seen.username, "draft.download", path.name)
    return FileResponse(path, media_type=MEDIA[f".{suffix}"], filename=path.name)


@router.get("/drafts/{build_id}/explain")
async def explain(request: Request, build_id: int, indicator: str = "", span: str = "month") -> Response:
    seen = require(request, OFFICE_ROLES)
    portal: Portal = request.app.state.portal
    draft = find_draft(portal, build_id)
    found = None
    if indicator:
        found = explain_figure(portal.store, portal.catalog, indicator, span, build_id=build_id)
    return page(request, "explain.html", seen, draft=draft, found=found, indicator=indicator, span=span,
                indicators=sorted(portal.catalog.indicators.values(), key=lambda i: i.name))


@router.get("/audit")
async def audit_log(request: Request, actor: str = "") -> Response:
    seen = require(request, OFFICE_ROLES)
    portal: Portal = request.app.state.portal
    events = portal.store.audit_events(actor or None)[::-1][:AUDIT_ROWS]
    return page(request, "audit.html", seen, events=events, actor=actor)
