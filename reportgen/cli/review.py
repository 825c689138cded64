"""``reportgen compare``, ``changes`` and ``review``: drafts side by side, what changed and why, and decisions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.table import Table

from reportgen import Period, ReviewAction, UsageError
from reportgen.messages import (
    BUILD_METAVAR,
    CHANGES_COLUMNS,
    CHANGES_COUNT,
    CHANGES_NONE,
    CHANGES_NOT_A_DRAFT,
    CHANGES_SIDE_HELP,
    CHANGES_TITLE,
    CHANGES_WROTE_XLSX,
    COMMAND_HELP,
    COMPARE_COUNTS,
    COMPARE_NEEDS_OUTPUT,
    COMPARE_WROTE,
    DRAFT_METAVAR,
    HELP_CHANGES_XLSX,
    HELP_NOTE,
    HELP_PACKAGE,
    HELP_REDLINE_OUT,
    NEW_DOCX_METAVAR,
    OLD_DOCX_METAVAR,
    REVIEW_ACTION_NAMES,
    REVIEW_APPROVED_LOCKED,
    REVIEW_DONE,
    REVIEW_NEEDS_ONE,
)

from .common import (
    actor,
    catalog_option,
    console,
    db_option,
    json_option,
    open_catalog,
    open_store,
    system_clock,
    user_option,
)

if TYPE_CHECKING:
    from reportgen import Draft, Store


def open_draft(store: Store, text: str) -> Draft:
    """A side of a comparison as typed: a build's number, or a .docx file."""
    from reportgen import draft_of_build, draft_of_docx

    if text.isdigit():
        return draft_of_build(store, int(text))
    path = Path(text)
    if path.suffix.lower() == ".docx" and path.is_file():
        return draft_of_docx(store, path.read_bytes(), path.name)
    raise UsageError(CHANGES_NOT_A_DRAFT.format(text=text))


@click.command("changes", help=COMMAND_HELP["changes"])
@click.option("--from", "old", required=True, metavar=DRAFT_METAVAR, help=CHANGES_SIDE_HELP)
@click.option("--to", "new", required=True, metavar=DRAFT_METAVAR, help=CHANGES_SIDE_HELP)
@json_option
@click.option("--xlsx", "xlsx_path", type=click.Path(path_type=Path), default=None, help=HELP_CHANGES_XLSX)
@db_option
@catalog_option
def changes_cmd(old: str, new: str, as_json: bool, xlsx_path: Path | None, db: str, archive: Path | None,
                catalog_path: Path | None) -> None:
    """Every figure whose stated text changed between two drafts, and the submission behind each change."""
    from reportgen import change_rows, figure_changes, write_changes_xlsx

    catalog = open_catalog(catalog_path)
    with open_store(db, archive) as store:
        before, after = open_draft(store, old), open_draft(store, new)
        changes = figure_changes(catalog, store, before, after)
    if as_json:
        click.echo(json.dumps([c.to_dict() for c in changes], ensure_ascii=False, indent=2))
    else:
        table = Table(title=CHANGES_TITLE.format(old=before.label, new=after.label))
        for title in CHANGES_COLUMNS:
            table.add_column(title)
        for row in change_rows(changes):
            table.add_row(*row)
        if changes:
            console.print(table)
        summary = CHANGES_COUNT if changes else CHANGES_NONE
        click.echo(summary.format(count=len(changes), old=before.label, new=after.label))
    if xlsx_path is not None:
        write_changes_xlsx(changes, CHANGES_TITLE.format(old=before.label, new=after.label), after.built_at,
                           xlsx_path)
        click.echo(CHANGES_WROTE_XLSX.format(path=xlsx_path), err=as_json)


@click.command("review", help=COMMAND_HELP["review"])
@click.argument("build_id", type=int, metavar=BUILD_METAVAR)
@click.option("--reviewed", "decision", flag_value=ReviewAction.REVIEWED.value, default=None)
@click.option("--return", "decision", flag_value=ReviewAction.RETURNED.value)
@click.option("--approve", "decision", flag_value=ReviewAction.APPROVED.value)
@click.option("--note", default="", help=HELP_NOTE)
@user_option
@db_option
def review_cmd(build_id: int, decision: str | None, note: str, user: str | None, db: str,
               archive: Path | None) -> None:
    """Record a reviewer's decision on a build."""
    from reportgen import review_draft

    if decision is None:
        raise UsageError(REVIEW_NEEDS_ONE)
    action = ReviewAction(decision)
    with open_store(db, archive) as store:
        review_draft(store, build_id, action, actor=actor(user), at=system_clock(), note=note)
        record = store.build(build_id=build_id)
    click.echo(REVIEW_DONE.format(build=build_id, action=REVIEW_ACTION_NAMES[action],
                                  note=f" ({note.strip()})" if note.strip() else ""))
    if action == ReviewAction.APPROVED and record is not None:
        click.echo(REVIEW_APPROVED_LOCKED.format(month_name=Period.parse(str(record["period"])).month_name))


@click.command("compare", help=COMMAND_HELP["compare"])
@click.argument("old_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar=OLD_DOCX_METAVAR)
@click.argument("new_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar=NEW_DOCX_METAVAR)
@click.option("--out", "out_path", type=click.Path(path_type=Path), default=None, help=HELP_REDLINE_OUT)
@click.option("--package", "package_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=HELP_PACKAGE)
@user_option
@db_option
@catalog_option
def compare_cmd(old_path: Path, new_path: Path, out_path: Path | None, package_dir: Path | None, user: str | None,
                db: str, archive: Path | None, catalog_path: Path | None) -> None:
    """A redline of two drafts with tracked changes, each changed figure commented with its cause."""
    from reportgen import compare_drafts, redline_counts, write_package, write_redline

    if out_path is None and package_dir is None:
        raise UsageError(COMPARE_NEEDS_OUTPUT)
    catalog = open_catalog(catalog_path)
    with open_store(db, archive) as store:
        done = compare_drafts(catalog, store, old_path.read_bytes(), new_path.read_bytes(), old_name=old_path.name,
                              new_name=new_path.name, author=actor(user))
    if out_path is not None:
        click.echo(COMPARE_WROTE.format(path=write_redline(out_path, done)))
    if package_dir is not None:
        for path in write_package(package_dir, done.redline, done.changes, done.old.label, done.new.label, done.when):
            click.echo(COMPARE_WROTE.format(path=path))
    counts = redline_counts(done.redline)
    click.echo(COMPARE_COUNTS.format(paragraphs=counts.paragraphs, rows=counts.table_rows, footnotes=counts.footnotes,
                                     figures=len(done.changes)))
