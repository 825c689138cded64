"""What every command shares: options, the console, and the edge's defaults.

This is the edge of the program: here, and only here, the environment
(``$REPORTGEN_DB``), the current folder (its ``templates/``), the clock and
the user's login name are read, and passed into the library.
"""

from __future__ import annotations

import datetime as dt
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types
import click.utils
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from reportgen import Catalog, Period, ReportgenError, TemplateFile, UsageError, find_template, load_catalog
from reportgen.messages import (
    CLICK_TEXTS,
    ERROR_LINE,
    FINDING_LINE,
    HELP_ARCHIVE,
    HELP_CATALOG,
    HELP_DB,
    HELP_JSON,
    HELP_PERIOD,
    HELP_PERIOD_FILTER,
    HELP_USER,
    SEVERITY_TEXT,
    TEMPLATE_ORIGIN,
    USING_TEMPLATE,
)

if TYPE_CHECKING:
    from reportgen import Finding, Store

F = TypeVar("F", bound=Callable[..., Any])


def _click_text(message: str) -> str:
    return CLICK_TEXTS.get(message, message)


def _click_plural(singular: str, plural: str, count: int) -> str:
    return _click_text(singular if count == 1 else plural)


# click asks gettext for every text it shows (usage, help, its own errors): route them to messages.CLICK_TEXTS,
# so a planner never reads click's English. Set once, here at the edge, before any command is built.
for _module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.termui,
                click.types, click.utils):
    if hasattr(_module, "_"):
        _module._ = _click_text  # type: ignore[attr-defined]
    if hasattr(_module, "ngettext"):
        _module.ngettext = _click_plural  # type: ignore[attr-defined]

DEFAULT_DB = Path("outputs") / "reportgen.sqlite"
DB_ENV = "REPORTGEN_DB"
ARCHIVE_ENV = "REPORTGEN_ARCHIVE"

# Wide when printing to a file or pipe, so tables are never cut for scripts and logs.
console = Console(soft_wrap=True, highlight=False, width=None if sys.stdout.isatty() else 200)
# Progress goes to standard error, and only to a terminal: piped or with --json, a command stays quiet.
progress_console = Console(stderr=True, highlight=False)


def progress_bar(label: str, total: int | None, quiet: bool = False) -> Progress:
    """A progress bar on the terminal (standard error); nothing at all when piped or ``quiet``."""
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=progress_console, transient=True, disable=quiet or not progress_console.is_terminal)
    bar.add_task(label, total=total)
    return bar


def system_clock() -> dt.datetime:
    """The time now, in UTC: the clock the command line gives the library."""
    return dt.datetime.now(dt.UTC)


def actor(user: str | None) -> str:
    """Who is acting: ``--user``, else the login name."""
    return user or getpass.getuser()


class Commands(click.Group):
    """The command group: every failure reportgen raises on purpose, from parsing an option to the work itself,
    ends as one Vietnamese line on standard error and the exit code (2: usage, 1: the work failed)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            click.echo(ERROR_LINE.format(error=exc), err=True)
            ctx.exit(2)
        except ReportgenError as exc:
            click.echo(ERROR_LINE.format(error=exc), err=True)
            ctx.exit(1)


def finding_line(item: Finding) -> str:
    """A finding as a clerk reads it: severity, where, and the message (its rule code only in ``--json``)."""
    return FINDING_LINE.format(severity=SEVERITY_TEXT[item.severity], location=item.location,
                               message=item.explained_message)


def parse_period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Period | None:
    """``--period YYYY-MM``; a malformed one is a :class:`UsageError` (exit code 2)."""
    return None if value is None else Period.parse(value)


_db = click.option("--db", envvar=DB_ENV, default=str(DEFAULT_DB), show_default=True, help=HELP_DB)
_archive = click.option("--archive", envvar=ARCHIVE_ENV, default=None, help=HELP_ARCHIVE,
                        type=click.Path(file_okay=False, path_type=Path))


def db_option(func: F) -> F:
    """``--db`` (the store) and ``--archive`` (where it keeps original files), both also from the environment."""
    return _db(_archive(func))
catalog_option = click.option("--catalog", "catalog_path", type=click.Path(dir_okay=False, path_type=Path),
                              default=None, help=HELP_CATALOG)
period_option = click.option("--period", required=True, callback=parse_period, metavar="YYYY-MM", help=HELP_PERIOD)
period_filter = click.option("--period", callback=parse_period, default=None, metavar="YYYY-MM",
                             help=HELP_PERIOD_FILTER)
json_option = click.option("--json", "as_json", is_flag=True, help=HELP_JSON)
user_option = click.option("--user", default=None, help=HELP_USER)


def template_file(explicit: Path | None, name: str) -> Path:
    """A file given on the command line, else the working folder's own, else the built-in one (and say which)."""
    if explicit is not None:
        return explicit
    found: TemplateFile = find_template(Path(), name)
    click.echo(USING_TEMPLATE.format(path=found.path, origin=TEMPLATE_ORIGIN[found.own]), err=True)
    return found.path


def open_catalog(path: Path | None) -> Catalog:
    return load_catalog(template_file(path, "catalog.toml"))


def open_store(db: str, archive: Path | None) -> Store:
    """The store at ``--db``, keeping original files in ``--archive`` (or beside a SQLite store)."""
    from reportgen import Store

    return Store.open(db, archive)
