"""Period locks: a locked period takes no new submission unless forced, and every change is recorded."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from ..model import LockAction, Period
from .schema import lock_event, period_lock


def lock_of(conn: Connection, period: Period) -> dict[str, Any] | None:
    """The lock on a period (when and by whom), or ``None``."""
    row = conn.execute(select(period_lock).where(period_lock.c.period == str(period))).first()
    return None if row is None else dict(row._mapping)


def lock_period(conn: Connection, period: Period, actor: str, at: str) -> bool:
    """Lock a period; ``False`` if it was locked already."""
    if lock_of(conn, period) is not None:
        return False
    conn.execute(period_lock.insert().values(period=str(period), locked_at=at, locked_by=actor))
    record_event(conn, period, LockAction.LOCK, actor, at)
    return True


def unlock_period(conn: Connection, period: Period, actor: str, at: str) -> bool:
    """Unlock a period; ``False`` if it was not locked."""
    deleted = conn.execute(period_lock.delete().where(period_lock.c.period == str(period))).rowcount
    if not deleted:
        return False
    record_event(conn, period, LockAction.UNLOCK, actor, at)
    return True


def record_event(conn: Connection, period: Period, action: LockAction, actor: str, at: str, note: str = "") -> None:
    conn.execute(lock_event.insert().values(period=str(period), action=action, at=at, actor=actor, note=note))
