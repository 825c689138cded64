"""Key targets (chỉ tiêu chủ yếu): each year's figure judged against its plan by the target's direction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..catalog import Catalog, Plan, Target
from ..model import Direction, Verdict
from .aggregate import Figures

EXCEEDED, MET, MISSED = Verdict.EXCEEDED, Verdict.MET, Verdict.MISSED


def assess(direction: str, actual: Decimal, plan: Plan) -> Verdict | None:
    """Judge one figure against its target by the target's direction.

    ``higher``: above the plan exceeds it, equal meets it; ``lower`` the
    reverse; ``at_least`` / ``at_most`` are thresholds that can only be met
    or missed; ``range`` is met inside ``[low, high]`` and exceeded above it.
    ``none`` is not assessed.
    """
    if direction == Direction.RANGE and isinstance(plan, tuple):
        low, high = plan
        return MISSED if actual < low else EXCEEDED if actual > high else MET
    if isinstance(plan, tuple):
        return None
    if direction == Direction.HIGHER:
        return EXCEEDED if actual > plan else MET if actual == plan else MISSED
    if direction == Direction.LOWER:
        return EXCEEDED if actual < plan else MET if actual == plan else MISSED
    if direction == Direction.AT_LEAST:
        return MET if actual >= plan else MISSED
    if direction == Direction.AT_MOST:
        return MET if actual <= plan else MISSED
    return None


def combine(results: list[Verdict]) -> Verdict | None:
    """A composite target: any missed part misses it; else any exceeded part exceeds it."""
    if not results:
        return None
    if MISSED in results:
        return MISSED
    return EXCEEDED if EXCEEDED in results else MET


@dataclass(frozen=True)
class TargetResult:
    """A key target with each of its parts' figures and verdicts."""

    target: Target
    parts: tuple[tuple[Figures, Verdict | None], ...]

    @property
    def status(self) -> Verdict | None:
        return combine([r for _, r in self.parts if r is not None])


def evaluate_targets(catalog: Catalog, figures: Mapping[str, Figures]) -> list[TargetResult]:
    """Each key target with its parts judged on the year to date against the plan."""
    results = []
    for target in catalog.targets:
        parts = []
        for code in target.indicators:
            fig = figures[code]
            plan = fig.plan
            judged = None
            if fig.ytd is not None and plan is not None:
                judged = assess(fig.indicator.direction, fig.ytd.value, plan)
            parts.append((fig, judged))
        results.append(TargetResult(target, tuple(parts)))
    return results
