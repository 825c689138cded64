"""Exceptions raised when the program itself cannot go on.

A department's mistake in a workbook is not an exception: it is a
:class:`reportgen.validation.Finding`. Exceptions are for the cases where a
command cannot do its job at all::

    ReportgenError                 base of everything raised on purpose
    ├── CatalogError               the indicator catalog cannot be loaded
    ├── StoreError                 the store cannot be opened or migrated
    ├── TemplateError              the Word template cannot be rendered
    ├── OutputError                a file cannot be written (disk full, read-only, a folder in the way…)
    └── UsageError                 a command was called with impossible arguments

Every message is Vietnamese (it reaches a planner); third-party errors are
raised ``from`` the original so the cause stays in the traceback.
"""

from __future__ import annotations


class ReportgenError(Exception):
    """Base class of every error reportgen raises on purpose."""


class CatalogError(ReportgenError):
    """The catalog file is missing or an entry in it is invalid.

    ``problems`` holds one Vietnamese line per invalid entry and field. The
    message is ``heading`` (a template with the field ``{path}``) and then the
    problems, one a line; the catalog loader passes the Vietnamese heading,
    :data:`reportgen.messages.CATALOG_INVALID` (this module is below the messages).
    """

    def __init__(self, path: str, problems: list[str], heading: str = "{path}:") -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{heading.format(path=path)}\n{lines}")


class StoreError(ReportgenError):
    """The store cannot be opened, is of an unknown schema, or a write failed."""


class TemplateError(ReportgenError):
    """The Word template is missing or contains template code that fails."""


class OutputError(ReportgenError):
    """A file could not be written; nothing half-written was left behind."""


class UsageError(ReportgenError):
    """A command received arguments it cannot act on (exit code 2)."""
