"""Period locks: a locked period takes no new submission unless forced, and every change is recorded.

On PostgreSQL a period is also an advisory lock name: a submission holds it
shared for its transaction, locking the period takes it exclusively, so a
lock waits for the submissions under way and every later one sees it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, bindparam, select, text

from ..model import LockAction, Period, PeriodLock
from .schema import lock_event, period_lock


def advisory_lock(conn: Connection, key: str, shared: bool = False) -> None:
    """On PostgreSQL, a lock named by ``key`` held until the transaction ends; elsewhere nothing is needed."""
    if conn.dialect.name != "postgresql":
        return
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    conn.execute(text(f"SELECT {function}(hashtextextended(:key, 0))"), {"key": key})


def period_key(period: Period) -> str:
    return f"period:{period}"


_LOCK_OF = select(period_lock).where(period_lock.c.period == bindparam("period"))


def lock_of(conn: Connection, period: Period) -> PeriodLock | None:
    """The lock on a period (when and by whom), or ``None``."""
    row = conn.execute(_LOCK_OF, {"period": str(period)}).first()
    return None if row is None else PeriodLock(period, row.locked_at, row.locked_by)


def lock_period(conn: Connection, period: Period, actor: str, at: dt.datetime) -> bool:
    """Lock a period; ``False`` if it was locked already."""
    advisory_lock(conn, period_key(period))
    if lock_of(conn, period) is not None:
        return False
    conn.execute(period_lock.insert().values(period=str(period), locked_at=at, locked_by=actor))
    record_event(conn, period, LockAction.LOCK, actor, at)
    return True


def unlock_period(conn: Connection, period: Period, actor: str, at: dt.datetime) -> bool:
    """Unlock a period; ``False`` if it was not locked."""
    advisory_lock(conn, period_key(period))
    deleted = conn.execute(period_lock.delete().where(period_lock.c.period == str(period))).rowcount
    if not deleted:
        return False
    record_event(conn, period, LockAction.UNLOCK, actor, at)
    return True


def record_event(conn: Connection, period: Period, action: LockAction, actor: str, at: dt.datetime,
                 note: str = "") -> None:
    conn.execute(lock_event.insert().values(period=str(period), action=action, at=at, actor=actor, note=note))
