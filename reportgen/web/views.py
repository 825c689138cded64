"""Rendering pages: the Jinja2 environment, what every page is given, error pages, and the period a page is about."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import Response

from reportgen import Period, Role, UsageError, format_moment, format_plain, messages

from .security import LoginNeededError, Viewer, csrf_token, viewer

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def _moment(value: dt.datetime | None) -> str:
    return "" if value is None else format_moment(value)


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format_plain(value)


def templates() -> Jinja2Templates:
    """The pages' templates, with the Vietnamese names and number and time formats of the rest of reportgen."""
    folder = resources.files("reportgen.web").joinpath("templates")
    env = Jinja2Templates(directory=str(folder))
    env.env.filters.update(moment=_moment, plain=_plain)
    env.env.globals.update(
        ROLE_NAMES=messages.ROLE_NAMES, REVIEW_ACTION_NAMES=messages.REVIEW_ACTION_NAMES,
        REVIEW_STATE_NONE=messages.REVIEW_STATE_NONE, SPAN_NAMES=messages.SPAN_NAMES,
        STATUS_NAMES=messages.STATUS_NAMES, SEVERITY_NAMES=messages.WEB_SEVERITY_NAMES,
        OUTCOME_NAMES=messages.WEB_OUTCOME_NAMES, AUDIT_NAMES=messages.WEB_AUDIT_NAMES, Role=Role,
    )
    return env


def page(request: Request, name: str, seen: Viewer | None, status: int = 200, **context: Any) -> Response:
    """A page for ``seen`` (``None`` on the login page), with the CSRF token every form posts."""
    env: Jinja2Templates = request.app.state.templates
    context |= {"viewer": seen, "csrf": seen.csrf if seen is not None else csrf_token(request),
                "catalog": request.app.state.portal.catalog}
    return env.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    """An error page in the site's frame: the viewer's menu if there is a session, and the message."""
    try:
        seen: Viewer | None = viewer(request)
    except LoginNeededError:
        seen = None
    return page(request, "error.html", seen, status=status, message=message)


def this_month(now: dt.datetime) -> Period:
    """The month being reported on now: the current month in Vietnam (reports are written before it ends)."""
    local = now.astimezone(VIETNAM)
    return Period(local.year, local.month)


def period_of(text: str | None, now: dt.datetime) -> Period:
    """The period a page asked for (``?period=2023-03``), or this month; a malformed one is a usage error."""
    if not text:
        return this_month(now)
    try:
        return Period.parse(text)
    except (UsageError, ValueError) as exc:
        raise UsageError(messages.BAD_PERIOD.format(text=text[:20])) from exc
