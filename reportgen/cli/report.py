"""``reportgen build``: the Word report of a period, its manifest, and on request its PDF;
``reportgen check-template``: the Word template's problems, found without building."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from reportgen import Period, UsageError
from reportgen.messages import (
    BAD_DATE,
    BUILD_NOT_RECORDED,
    BUILD_RECORDED,
    CHECK_TEMPLATE_HELP,
    COMMAND_HELP,
    CREATED_PDF,
    CREATED_REPORT,
    HELP_BUILD_OUT,
    HELP_DATE,
    HELP_MANIFEST,
    HELP_NUMBER,
    HELP_PDF,
    HELP_SIGNER,
    HELP_SIGNER_TITLE,
    HELP_TEMPLATE,
    REPORT_FILENAME,
    TEMPLATE_PROBLEM_LINE,
    TEMPLATE_PROBLEM_LINE_NOWHERE,
    TEMPLATE_PROBLEMS,
    TEMPLATE_SOUND,
    WROTE_MANIFEST,
)

from .common import (
    actor,
    catalog_option,
    db_option,
    open_catalog,
    open_store,
    period_option,
    system_clock,
    template_file,
    user_option,
)


@click.command("build", help=COMMAND_HELP["build"])
@period_option
@click.option("--out", "out_path", type=click.Path(path_type=Path), default=None, help=HELP_BUILD_OUT)
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path), default=None, help=HELP_TEMPLATE)
@click.option("--manifest", "manifest_path", type=click.Path(path_type=Path), default=None,
              help=HELP_MANIFEST)
@click.option("--number", default="", help=HELP_NUMBER)
@click.option("--date", "date_text", default=None, metavar="YYYY-MM-DD", help=HELP_DATE)
@click.option("--signer", default="", help=HELP_SIGNER)
@click.option("--signer-title", default="", help=HELP_SIGNER_TITLE)
@click.option("--pdf", "with_pdf", is_flag=True, help=HELP_PDF)
@user_option
@db_option
@catalog_option
def build_cmd(period: Period, out_path: Path | None, template: Path | None, manifest_path: Path | None,
              number: str, date_text: str | None, signer: str, signer_title: str, with_pdf: bool, user: str | None,
              db: str, archive: Path | None, catalog_path: Path | None) -> None:
    """Build the period's Word report; optionally its manifest and a PDF."""
    from reportgen import ReportOptions, build_report, to_pdf

    try:
        date = dt.date.fromisoformat(date_text) if date_text else None
    except ValueError as exc:
        shown = "".join(char for char in date_text or "" if char.isprintable())  # no control character to the terminal
        raise UsageError(BAD_DATE.format(text=shown)) from exc
    catalog = open_catalog(catalog_path)
    source = template_file(template, "report.docx")
    options = ReportOptions(number=number, date=date, signer_name=signer, signer_title=signer_title)
    out = out_path or Path("outputs") / REPORT_FILENAME.format(period=period)
    with open_store(db, archive) as store:
        built = build_report(catalog, store, period, out, source, options, manifest_path, clock=system_clock,
                             actor=actor(user))
    click.echo(CREATED_REPORT.format(path=out))
    if manifest_path is not None:
        click.echo(WROTE_MANIFEST.format(path=manifest_path))
    if built.build_id is None:
        click.echo(BUILD_NOT_RECORDED.format(store=db), err=True)
    else:
        click.echo(BUILD_RECORDED.format(build=built.build_id))
    if with_pdf:
        click.echo(CREATED_PDF.format(path=to_pdf(out)))


@click.command("check-template", help=CHECK_TEMPLATE_HELP)
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@catalog_option
def check_template_cmd(file: Path | None, catalog_path: Path | None) -> None:
    """Check the Word template: every problem found rendering it with sample data (exit 1), or that it is sound."""
    from reportgen import check_template

    catalog = open_catalog(catalog_path)
    source = template_file(file, "report.docx")
    problems = check_template(source, catalog)
    if not problems:
        click.echo(TEMPLATE_SOUND.format(name=source.name))
        return
    click.echo(TEMPLATE_PROBLEMS.format(name=source.name, count=len(problems)))
    for problem in problems:
        line = TEMPLATE_PROBLEM_LINE if problem.where else TEMPLATE_PROBLEM_LINE_NOWHERE
        click.echo(line.format(where=problem.where, problem=problem.problem))
    click.get_current_context().exit(1)
