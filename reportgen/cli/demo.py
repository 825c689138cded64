"""``reportgen demo``: the whole pipeline on the built-in demo data."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen import ReportgenError
from reportgen.messages import (
    COMMAND_HELP,
    CREATED_REPORT,
    DEMO_ACCOUNTS,
    DEMO_PROGRESS,
    DEMO_REJECTED,
    HELP_DEMO_DB,
    HELP_DEMO_OUT,
)

from .common import console, finding_line, progress_bar


@click.command("demo", help=COMMAND_HELP["demo"])
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"),
              show_default=True, help=HELP_DEMO_OUT)
@click.option("--db", default=None, help=HELP_DEMO_DB)
def demo_cmd(out_dir: Path, db: str | None) -> None:
    """Run the demo: forms written, filled with the sample figures, ingested, and the reports built."""
    from reportgen import run_demo

    with progress_bar(DEMO_PROGRESS, None) as bar:
        [task] = bar.task_ids
        result = run_demo(out_dir, db, progress=lambda done, total: bar.update(task, completed=done, total=total))
    for item in result.findings:
        console.print(finding_line(item), markup=False)
    for path in result.reports:
        click.echo(CREATED_REPORT.format(path=path))
    if result.accounts:
        click.echo(DEMO_ACCOUNTS.format(accounts=", ".join(result.accounts), password=result.password))
    if result.rejected:
        raise ReportgenError(DEMO_REJECTED.format(count=result.rejected))
