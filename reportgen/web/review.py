"""Reviewers' pages: compare two drafts (redline, figure changes, the reviewer's package) and approve or return."""

from __future__ import annotations

import io
import json
import zipfile
from functools import partial
from pathlib import Path

import anyio
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from reportgen import ReviewAction, audit, change_rows, compare_drafts, messages, review_draft, write_package

from .office import MEDIA, find_draft
from .portal import Portal
from .security import OFFICE_ROLES, REVIEW_ROLES, RefusedError, audit_detail, checked_form, require
from .views import page

router = APIRouter()

ROWS = "changes.json"
PACKAGE = "goi-tham-dinh.zip"
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _folder(portal: Portal, old: int, new: int) -> Path:
    """Where two drafts' comparison is kept: named by the documents' hashes, so a store made anew (whose build
    numbers start again) never meets an old comparison."""
    hashes = [str(find_draft(portal, build_id)["output_hash"])[:16] for build_id in (old, new)]
    return portal.data_dir / "comparisons" / "-".join(hashes)


def _compared(portal: Portal, old: int, new: int, author: str) -> Path:
    """The folder of two drafts' comparison, made the first time it is asked for."""
    folder = _folder(portal, old, new)
    if (folder / ROWS).is_file():
        return folder
    paths = []
    for build_id in (old, new):
        path = portal.draft_file(find_draft(portal, build_id))
        if path is None:
            raise RefusedError(404, messages.WEB_DRAFT_MISSING.format(build=build_id))
        paths.append(path)
    done = compare_drafts(portal.catalog, portal.store, paths[0].read_bytes(), paths[1].read_bytes(),
                          old_name=paths[0].name, new_name=paths[1].name, author=author)
    write_package(folder, done.redline, done.changes, done.old.label, done.new.label, done.when)
    (folder / ROWS).write_text(json.dumps([list(row) for row in change_rows(done.changes)], ensure_ascii=False),
                               encoding="utf-8")
    return folder


@router.get("/compare")
async def compare(request: Request, old: int | None = None, new: int | None = None) -> Response:
    seen = require(request, OFFICE_ROLES)
    portal: Portal = request.app.state.portal
    drafts = portal.store.builds()[::-1]
    rows = None
    files: list[str] = []
    if old is not None and new is not None:
        if old == new:
            raise RefusedError(400, messages.WEB_SAME_DRAFT)
        folder = await anyio.to_thread.run_sync(partial(_compared, portal, old, new, seen.username),
                                                limiter=portal.heavy)
        rows = json.loads((folder / ROWS).read_text(encoding="utf-8"))
        files = sorted(p.name for p in folder.iterdir() if p.suffix in (".docx", ".xlsx"))
        audit(portal.store, portal.now(), seen.username, "compare", f"{old}-{new}")
    return page(request, "compare.html", seen, drafts=drafts, old=old, new=new, rows=rows, files=files,
                package=PACKAGE)


def _package(folder: Path) -> bytes:
    """The comparison's files in one zip, with fixed times: the same folder gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".docx", ".xlsx"):
                archive.writestr(zipfile.ZipInfo(path.name, ZIP_TIME), path.read_bytes())
    return buffer.getvalue()


@router.get("/compare/{old}/{new}/{name}")
async def comparison_file(request: Request, old: int, new: int, name: str) -> Response:
    seen = require(request, OFFICE_ROLES)
    portal: Portal = request.app.state.portal
    folder = _folder(portal, old, new)
    if not (folder / ROWS).is_file():
        raise RefusedError(404, messages.WEB_NOT_FOUND)
    audit(portal.store, portal.now(), seen.username, "compare.download", f"{old}-{new}/{name}")
    if name == PACKAGE:
        return Response(_package(folder), media_type="application/zip",
                        headers={"content-disposition": f'attachment; filename="{PACKAGE}"'})
    wanted = {p.name: p for p in folder.iterdir() if p.suffix in (".docx", ".xlsx")}
    if name not in wanted:
        raise RefusedError(404, messages.WEB_NOT_FOUND)
    media = MEDIA[".docx"] if name.endswith(".docx") else XLSX
    return FileResponse(wanted[name], media_type=media, filename=name)


@router.post("/drafts/{build_id}/review")
async def review(request: Request, build_id: int) -> Response:
    seen = require(request, REVIEW_ROLES)
    portal: Portal = request.app.state.portal
    form = await checked_form(request)
    try:
        action = ReviewAction(str(form.get("action", "")))
    except ValueError as exc:
        raise RefusedError(400, messages.WEB_NOT_FOUND) from exc
    note = str(form.get("note", ""))[:2000]
    draft = find_draft(portal, build_id)
    review_draft(portal.store, build_id, action, actor=seen.username, at=portal.now(), note=note)
    audit(portal.store, portal.now(), seen.username, f"review.{action}", str(build_id),
          audit_detail(period=draft["period"]))
    return RedirectResponse(f"/drafts?period={draft['period']}", status_code=303)
