"""``reportgen forms``: each department's blank form for a period."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen import Period
from reportgen.messages import COMMAND_HELP, CREATED, FORMS_PROGRESS, FORMS_TOTAL, HELP_FORMS_DEPARTMENT, HELP_FORMS_OUT

from .common import catalog_option, db_option, open_catalog, open_store, period_option, progress_bar


@click.command("forms", help=COMMAND_HELP["forms"])
@period_option
@click.option("--department", "departments", multiple=True, metavar="CODE", help=HELP_FORMS_DEPARTMENT)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs/forms"),
              show_default=True, help=HELP_FORMS_OUT)
@db_option
@catalog_option
def forms_cmd(period: Period, departments: tuple[str, ...], out_dir: Path, db: str, archive: Path | None,
              catalog_path: Path | None) -> None:
    """Write the departments' blank forms for the period (with the stored figures of earlier months, if any)."""
    from reportgen import store_exists, write_forms

    catalog = open_catalog(catalog_path)
    with progress_bar(FORMS_PROGRESS, None) as bar:
        [task] = bar.task_ids

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        if store_exists(db):
            with open_store(db, archive) as store:
                paths = write_forms(catalog, period, out_dir, departments, store, advance)
        else:
            paths = write_forms(catalog, period, out_dir, departments, progress=advance)
    for path in paths:
        click.echo(CREATED.format(path=path))
    click.echo(FORMS_TOTAL.format(count=len(paths), month_name=period.month_name))
