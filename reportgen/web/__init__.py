"""The portal: department clerks submit their forms, planning staff follow and build, reviewers compare drafts.

A FastAPI app of server-rendered Jinja2 pages in Vietnamese, over the same
public API as the command line (``from reportgen import …``) and nothing
else: the pages hold no business rules. ``reportgen serve`` runs it on
uvicorn; :func:`create_app` makes it for tests and other servers.
"""

from __future__ import annotations

from .app import create_app
from .portal import Portal, PortalConfig

__all__ = ["Portal", "PortalConfig", "create_app"]
