"""Completeness and timeliness of a period's submissions (DHIS2's reporting rates).

For each department expected to report in a month: whether a form came,
whether it was accepted, whether it came by the department's deadline day,
how many warnings it carried, and when it last came.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from ..catalog import Catalog
from ..model import Period
from ..numbers import local_time
from ..store import Store


@dataclass(frozen=True)
class DepartmentStatus:
    department: str
    name: str
    deadline: str
    state: str  # accepted | rejected | missing
    on_time: bool | None
    warnings: int
    attempts: int
    last_at: dt.datetime | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data; the last attempt's time in UTC, ISO 8601."""
        return asdict(self) | {"last_at": None if self.last_at is None else self.last_at.isoformat()}


@dataclass(frozen=True)
class PeriodStatus:
    period: Period
    departments: list[DepartmentStatus]

    @property
    def received(self) -> int:
        return sum(1 for d in self.departments if d.state == "accepted")

    @property
    def share(self) -> float:
        return 0.0 if not self.departments else self.received / len(self.departments)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": str(self.period),
            "expected": len(self.departments),
            "received": self.received,
            "share": round(self.share, 4),
            "departments": [d.to_dict() for d in self.departments],
        }


def period_status(catalog: Catalog, store: Store, period: Period) -> PeriodStatus:
    attempts = store.intakes(period)
    rows = []
    for code, dept in catalog.departments.items():
        if not catalog.form_indicators(code, period.month) and not catalog.narrative_sections(code):
            continue
        mine = [a for a in attempts if a["department"] == code]
        accepted = [a for a in mine if a["status"] == "accepted"]
        due = dept.deadline(period)
        state = "accepted" if accepted else ("rejected" if mine else "missing")
        on_time = None if not accepted else local_time(accepted[0]["received_at"]).date() <= due
        rows.append(DepartmentStatus(
            department=code,
            name=dept.name,
            deadline=due.isoformat(),
            state=state,
            on_time=on_time,
            warnings=accepted[-1]["warnings"] if accepted else 0,
            attempts=len(mine),
            last_at=mine[-1]["received_at"] if mine else None,
        ))
    return PeriodStatus(period, rows)
