"""Validation findings: values with a stable code, a severity, a place and a message.

A check produces a :class:`Finding` through :func:`finding`, never by
raising, so all problems of a file are reported at once and can be printed,
filtered or serialised to JSON. Which rules exist, and their severities, is
the validation catalogue (:mod:`reportgen.catalog.rules`); their messages are
:data:`reportgen.messages.FINDINGS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ..catalog.rules import ERROR, RULES, Rule
from ..messages import EXPLAINED, LOCATION_CELL, LOCATION_INDICATOR, LOCATION_SHEET, SEVERITY_TEXT


@dataclass(frozen=True)
class Finding:
    """One problem in one place of one file."""

    code: str
    severity: str
    message: str
    file: str
    sheet: str = ""
    cell: str = ""
    indicator: str = ""
    explanation: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def location(self) -> str:
        """``tệp.xlsx, sheet 'Số liệu', ô F7, chỉ tiêu retail_sales``"""
        parts = [self.file]
        if self.sheet:
            parts.append(LOCATION_SHEET.format(sheet=self.sheet))
        if self.cell:
            parts.append(LOCATION_CELL.format(cell=self.cell))
        if self.indicator:
            parts.append(LOCATION_INDICATOR.format(indicator=self.indicator))
        return ", ".join(parts)

    @property
    def explained_message(self) -> str:
        """The message, followed by the clerk's explanation when there is one."""
        if self.explanation:
            return EXPLAINED.format(message=self.message, explanation=self.explanation)
        return self.message

    def __str__(self) -> str:
        return f"{SEVERITY_TEXT[self.severity]} [{self.code}] {self.location}: {self.explained_message}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def finding(code: str, file: str, sheet: str = "", cell: str = "", indicator: str = "",
            rules: Mapping[str, Rule] = RULES, explanation: str = "", **fields: Any) -> Finding:
    """A finding of the rule ``code`` (severity from ``rules``), its message filled from ``fields``.

    A message may also name its ``{cell}`` and ``{indicator}``.
    """
    rule = rules.get(code, RULES[code])
    return Finding(
        code=code,
        severity=rule.severity,
        message=rule.template.format(indicator=indicator, cell=cell, **fields),
        file=file,
        sheet=sheet,
        cell=cell,
        indicator=indicator,
        explanation=explanation,
    )
