"""Command line: each command parses its arguments, makes library calls through ``reportgen``'s public API, prints.

One module per command group; what they share is in :mod:`.common`. Exit
codes: 0 success; 1 when a file was rejected or the work failed; 2 for a
usage error (bad arguments, unknown period or department).

A command module imports at its top only what its options and help need
(click, rich, the messages and the public API's light values: periods,
errors, enums, number formats); the library's heavy parts (the store, intake,
forms, figures, report, compare, accounts, demo) it imports inside the
command that uses them, so ``reportgen --help`` and each command's ``--help``
start without loading openpyxl, pandas, SQLAlchemy or docxtpl.
"""

from __future__ import annotations

import click

from reportgen import __version__
from reportgen.messages import COMMAND_HELP

from .catalog import catalog_cmd, init_cmd
from .common import Commands
from .demo import demo_cmd
from .figures import figures_cmd
from .forms import forms_cmd
from .intake import ingest_cmd, status_cmd, validate_cmd
from .report import build_cmd, check_template_cmd
from .review import changes_cmd, compare_cmd, review_cmd
from .serve import serve_cmd
from .store import builds_cmd, db_group, explain_cmd, history_cmd, lock_cmd, unlock_cmd
from .users import users_group


@click.group(cls=Commands, help=COMMAND_HELP["reportgen"])
@click.version_option(__version__, prog_name="reportgen")
def main() -> None:
    """reportgen: the monthly socio-economic report from the departments' Excel forms."""


for command in (init_cmd, catalog_cmd, forms_cmd, ingest_cmd, validate_cmd, status_cmd, lock_cmd, unlock_cmd,
                history_cmd, figures_cmd, build_cmd, check_template_cmd, builds_cmd, explain_cmd, compare_cmd,
                changes_cmd, review_cmd, users_group, serve_cmd, db_group, demo_cmd):
    main.add_command(command)
