"""The FastAPI app: middleware, error pages, and the routers of each user group."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from reportgen import ReportgenError, StoreError, audit, messages

from . import accounts, auth, department, office, review
from .portal import Portal, PortalConfig
from .security import BodyLimit, LoginNeededError, RefusedError, audit_detail, client_address
from .views import error_page, templates

log = logging.getLogger("reportgen.web")


def create_app(config: PortalConfig) -> FastAPI:
    """The portal over the store ``config.db``; the store and catalog are opened now, so a fault shows at start."""
    portal = Portal(config)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        portal.close()

    app = FastAPI(lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.portal = portal
    app.state.templates = templates()
    app.add_middleware(SessionMiddleware, secret_key=portal.secret, session_cookie="reportgen_session",
                       max_age=int(config.session_hours * 3600), same_site="strict",
                       https_only=config.secure_cookies)
    too_large = messages.WEB_TOO_LARGE.format(size=config.limits.max_bytes // (1024 * 1024))
    app.add_middleware(BodyLimit, max_bytes=config.max_body,
                       page=app.state.templates.get_template("error.html").render(
                           message=too_large, status=413, viewer=None).encode("utf-8"))
    static = resources.files("reportgen.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for router in (auth.router, department.router, office.router, review.router, accounts.router):
        app.include_router(router)

    @app.exception_handler(LoginNeededError)
    async def login_needed(request: Request, _exc: LoginNeededError) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(RefusedError)
    async def refused(request: Request, exc: RefusedError) -> Response:
        if exc.audit:
            who = request.session.get("user")
            audit(portal.store, portal.now(), who if isinstance(who, str) else "", exc.audit, request.url.path,
                  audit_detail(method=request.method, address=client_address(request)))
        return error_page(request, exc.status, exc.message)

    @app.exception_handler(ReportgenError)
    async def failed(request: Request, exc: ReportgenError) -> Response:
        log.warning("%s %s: %s", request.method, request.url.path, exc)
        return error_page(request, 500 if isinstance(exc, StoreError) else 400, str(exc))

    @app.exception_handler(404)
    async def not_found(request: Request, _exc: Exception) -> Response:
        return error_page(request, 404, messages.WEB_NOT_FOUND)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("%s %s", request.method, request.url.path, exc_info=exc)
        return error_page(request, 500, messages.WEB_INTERNAL_ERROR)

    return app
