"""The validation catalogue: every check a workbook goes through, as data.

Every rule a workbook is checked against is data in :data:`RULES`: its code,
severity, the stage it belongs to (file, structure, cell, consistency,
plausibility: checked in that order), which catalog entries it applies to, and
its parameters. Its Vietnamese message template, with named fields, is the
rule code's entry in :data:`reportgen.messages.FINDINGS`. The catalog may
override a rule's severity, parameters and indicators (``[[rule]]`` tables).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..messages import FINDINGS
from ..model import Severity

ERROR = Severity.ERROR
WARNING = Severity.WARNING


STAGES = ("file", "structure", "cell", "consistency", "plausibility")


@dataclass(frozen=True)
class Rule:
    """One check. ``applies_to`` selects catalog indicators: ``*`` (all), ``non_negative``,
    ``bounded`` (has a ``max``), ``count`` (counted in whole units), ``part`` (has a parent),
    ``sum_of_parts`` (a whole equal to the sum of its parts), ``flow``, ``monthly``;
    ``indicators`` (from the catalog) narrows it to listed codes, ``exclude`` removes codes."""

    code: str
    severity: str
    template: str
    stage: str = "structure"
    applies_to: str = "*"
    params: Mapping[str, float] = field(default_factory=dict)
    indicators: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


def _rule(code: str, severity: str, stage: str = "structure", applies_to: str = "*",
          params: Mapping[str, float] | None = None) -> Rule:
    """A rule of the catalogue, with its message template from :data:`reportgen.messages.FINDINGS`."""
    return Rule(code, severity, FINDINGS[code], stage, applies_to, {} if params is None else params)


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        _rule("file.missing", ERROR, stage="file"),
        _rule("file.not_a_file", ERROR, stage="file"),
        _rule("file.folder", ERROR, stage="file"),
        _rule("file.no_workbook", ERROR, stage="file"),
        _rule("file.link", ERROR, stage="file"),
        _rule("file.empty", ERROR, stage="file"),
        _rule("file.too_large", ERROR, stage="file"),
        _rule("file.encrypted", ERROR, stage="file"),
        _rule("file.old_xls", ERROR, stage="file"),
        _rule("file.not_workbook", ERROR, stage="file"),
        _rule("file.truncated", ERROR, stage="file"),
        _rule("file.zip_bomb", ERROR, stage="file"),
        _rule("file.xml_entities", ERROR, stage="file"),
        _rule("file.sheet_too_large", ERROR, stage="file"),
        _rule("file.timeout", ERROR, stage="file"),
        _rule("file.reader_crashed", ERROR, stage="file"),
        _rule("file.unreadable", ERROR, stage="file"),
        _rule("form.not_a_form", ERROR),
        _rule("form.old_version", ERROR),
        _rule("form.unknown_department", ERROR),
        _rule("form.wrong_period", ERROR),
        _rule("form.wrong_department", ERROR),
        _rule("form.bad_period", ERROR),
        _rule("form.cover_mismatch", ERROR),
        _rule("cover.required", ERROR),
        _rule("row.missing", ERROR),
        _rule("row.unknown", ERROR),
        _rule("row.label_changed", ERROR),
        _rule("row.duplicate", ERROR),
        _rule("cell.required", ERROR, stage="cell"),
        _rule("cell.not_number", ERROR, stage="cell"),
        _rule("cell.negative", ERROR, stage="cell", applies_to="non_negative"),
        _rule("cell.too_many_decimals", WARNING, stage="cell"),
        _rule("cell.not_applicable", WARNING, stage="cell"),
        _rule("cell.date", ERROR, stage="cell"),
        _rule("cell.formula_without_value", ERROR, stage="cell"),
        _rule("cell.excel_error", ERROR, stage="cell"),
        _rule("cell.out_of_range", ERROR, stage="cell"),
        _rule("cell.over_maximum", ERROR, stage="cell", applies_to="bounded"),
        _rule("cell.fractional_count", ERROR, stage="cell", applies_to="count"),
        _rule("consistency.parts_sum", ERROR, stage="consistency", applies_to="sum_of_parts"),
        _rule("consistency.ytd_mismatch", WARNING, stage="consistency", applies_to="flow", params={"tolerance": 0.001}),
        _rule("consistency.final_vs_estimate", WARNING, stage="consistency", params={"share": 10}),
        _rule("plausibility.jump", WARNING, stage="plausibility", params={"factor": 3, "min_base": 30}),
        _rule("plausibility.outlier", WARNING, stage="plausibility", params={"z": 3.5, "window": 24}),
        _rule("consistency.part_exceeds_whole", ERROR, stage="consistency", applies_to="part"),
        _rule("narrative.unknown_section", ERROR, stage="structure"),
        _rule("narrative.unknown_kind", ERROR, stage="structure"),
        _rule("narrative.missing_section", ERROR, stage="structure"),
        _rule("narrative.orphan_footnote", ERROR, stage="structure"),
        _rule("narrative.at_cell_limit", WARNING, stage="cell"),
        _rule("period.locked", ERROR),
        _rule("period.locked_forced", WARNING),
        _rule("file.duplicate", WARNING, stage="file"),
    )
}
