"""Drafts under review: a build marked reviewed, returned with a note, or approved (which locks its period)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import messages
from ..errors import UsageError
from ..model import ReviewAction
from ..store import Store


def review_draft(store: Store, build_id: int, action: ReviewAction, *, actor: str, at: dt.datetime,
                 note: str = "") -> None:
    """Record a reviewer's decision on a build; approving it locks the build's period in the same transaction."""
    if action == ReviewAction.RETURNED and not note.strip():
        raise UsageError(messages.REVIEW_RETURN_NEEDS_NOTE)
    if not store.record_review(build_id, action, actor, at, note.strip()):
        raise UsageError(messages.REVIEW_NOT_FOUND.format(build=build_id))


def draft_states(store: Store) -> dict[int, dict[str, Any]]:
    """Each reviewed build's latest review (action, who, when, note), by build id."""
    return {row["build_id"]: row for row in store.reviews()}  # oldest first: the latest wins
