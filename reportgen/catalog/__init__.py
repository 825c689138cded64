"""The indicator catalog: what each department reports, how figures combine, which rules check them."""

from ..messages import COUNT_UNITS, TARGET_GROUPS
from .load import DEFAULT_CATALOG, load_catalog, parse_catalog
from .model import TASKS_SECTION, Catalog, Department, Indicator, Plan, ReportSettings, Section, Target, asked_in
from .rules import ERROR, RULES, STAGES, WARNING, Rule

__all__ = [
    "COUNT_UNITS", "DEFAULT_CATALOG", "ERROR", "RULES", "STAGES", "TARGET_GROUPS", "TASKS_SECTION", "WARNING",
    "Catalog", "Department", "Indicator", "Plan", "ReportSettings", "Rule", "Section", "Target", "asked_in",
    "load_catalog", "parse_catalog",
]
