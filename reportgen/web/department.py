"""A department's pages: this period's form, the upload and its findings, the annotated workbook, the history.

A clerk reaches only their own department's pages (anything else is refused
and logged); planning staff and the administrator reach every department's,
and may upload a workbook a department sent them another way.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from functools import partial
from pathlib import Path, PurePath
from typing import Any

import anyio
from fastapi import APIRouter
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from reportgen import (
    FileResult,
    Period,
    Role,
    annotate_copy,
    audit,
    ingest_bytes,
    messages,
    period_status,
    write_forms,
)

from .portal import Portal
from .security import RefusedError, Viewer, audit_detail, checked_form, require_department
from .views import VIETNAM, page, period_of

router = APIRouter()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOADERS = frozenset({Role.CLERK, Role.STAFF, Role.ADMIN})
HISTORY_ROWS = 100
_HASH = re.compile(r"[0-9a-f]{64}")


def _history(portal: Portal, department: str) -> list[dict[str, Any]]:
    """The department's attempts, newest first, each with whether it came by its period's deadline."""
    rows = [row for row in portal.store.intakes() if row["department"] == department][-HISTORY_ROWS:]
    dept = portal.catalog.departments[department]
    for row in rows:
        due = dept.deadline(Period.parse(row["period"])) if row["period"] else None
        row["on_time"] = None if due is None else deadline_met(row["received_at"], due)
    return rows[::-1]


def _department_page(request: Request, portal: Portal, seen: Viewer, code: str, period: Period,
                     status: int = 200, **extra: Any) -> Response:
    state = next((d for d in period_status(portal.catalog, portal.store, period).departments
                  if d.department == code), None)
    today = portal.now().astimezone(VIETNAM).date()
    due = portal.catalog.departments[code].deadline(period)
    return page(request, "department.html", seen, status=status, department=portal.catalog.departments[code],
                period=period, state=state, due=due, overdue=state is not None and state.state != "accepted"
                and today > due, history=_history(portal, code), lock=portal.store.lock_of(period),
                may_upload=seen.role in UPLOADERS, limit_mb=portal.config.limits.max_bytes // (1024 * 1024),
                asked=bool(portal.catalog.form_indicators(code, period.month)
                           or portal.catalog.narrative_sections(code)), **extra)


@router.get("/departments/{code}")
async def department_page(request: Request, code: str, period: str | None = None) -> Response:
    seen = require_department(request, code)
    portal: Portal = request.app.state.portal
    return _department_page(request, portal, seen, code, period_of(period, portal.now()))


@router.get("/departments/{code}/form")
async def form_download(request: Request, code: str, period: str | None = None) -> Response:
    seen = require_department(request, code)
    portal: Portal = request.app.state.portal
    month = period_of(period, portal.now())

    def written() -> tuple[str, bytes]:
        with tempfile.TemporaryDirectory() as folder:
            [path] = write_forms(portal.catalog, month, Path(folder), [code], portal.store)
            return path.name, path.read_bytes()

    name, data = await anyio.to_thread.run_sync(written)
    audit(portal.store, portal.now(), seen.username, "form.download", name)
    return Response(data, media_type=XLSX, headers={"content-disposition": f'attachment; filename="{name}"'})


def _annotate(portal: Portal, code: str, data: bytes, result: FileResult) -> str | None:
    """The annotated copy's hash folder, when the file had findings and could be annotated."""
    if not result.findings or not result.file_hash:
        return None
    folder = portal.data_dir / "annotated" / code / result.file_hash
    folder.mkdir(parents=True, exist_ok=True)
    return result.file_hash if annotate_copy(data, result.name, result.findings, folder) is not None else None


@router.post("/departments/{code}/upload")
async def upload(request: Request, code: str) -> Response:
    seen = require_department(request, code)
    portal: Portal = request.app.state.portal
    if seen.role not in UPLOADERS:
        raise RefusedError(403, messages.WEB_FORBIDDEN, "access.denied")
    form = await checked_form(request)
    period = period_of(str(form.get("period", "")), portal.now())
    sent = form.get("file")
    if not isinstance(sent, UploadFile) or not sent.filename:
        return _department_page(request, portal, seen, code, period, status=400, message=messages.WEB_NO_FILE)
    name = PurePath(sent.filename.replace("\\", "/")).name[:200] or "upload.xlsx"
    data = await sent.read(portal.config.limits.max_bytes + 1)
    result = await anyio.to_thread.run_sync(
        partial(ingest_bytes, data, name, portal.catalog, portal.store, clock=portal.now, actor=seen.username,
                expected_period=period, expected_department=code, limits=portal.config.limits,
                readers=portal.reader_pool),
        limiter=portal.readers)
    annotated = await anyio.to_thread.run_sync(partial(_annotate, portal, code, data, result),
                                               limiter=portal.readers)
    errors = sum(1 for f in result.findings if f.is_error)
    audit(portal.store, portal.now(), seen.username, "upload", name,
          audit_detail(department=code, period=period, status=result.status, errors=errors,
                       warnings=len(result.findings) - errors))
    return page(request, "upload_result.html", seen, status=200 if result.ok else 422,
                department=portal.catalog.departments[code], period=period, result=result, annotated=annotated,
                errors=errors)


@router.get("/departments/{code}/annotated/{digest}")
async def annotated_download(request: Request, code: str, digest: str) -> Response:
    require_department(request, code)
    portal: Portal = request.app.state.portal
    if not _HASH.fullmatch(digest):
        raise RefusedError(404, messages.WEB_NOT_FOUND)
    folder = portal.data_dir / "annotated" / code / digest
    found = sorted(folder.glob("*.xlsx")) if folder.is_dir() else []
    if not found:
        raise RefusedError(404, messages.WEB_NOT_FOUND)
    return FileResponse(found[0], media_type=XLSX, filename=found[0].name)


def deadline_met(received: dt.datetime, due: dt.date) -> bool:
    """Whether a moment falls on or before a deadline day, in Vietnam's time."""
    return received.astimezone(VIETNAM).date() <= due
