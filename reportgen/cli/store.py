"""``reportgen lock``, ``unlock``, ``history``, ``builds``, ``explain`` and ``db``: the store and what it knows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from reportgen import Period, ReportgenError, UsageError, format_moment, format_plain
from reportgen.messages import (
    ALREADY_LOCKED,
    BUILDS_TABLE_COLUMNS,
    BUILDS_TABLE_TITLE,
    COMMAND_HELP,
    DB_ALREADY_CURRENT,
    DB_CHECK_ALTERED,
    DB_CHECK_FAILED,
    DB_CHECK_MISSING,
    DB_CHECK_OK,
    DB_CREATED,
    DB_CURRENT,
    DB_EMPTY,
    DB_UPGRADED,
    EXPLAIN_ARCHIVED,
    EXPLAIN_BUILD,
    EXPLAIN_ESTIMATE,
    EXPLAIN_FIGURE,
    EXPLAIN_NEEDS_BUILD,
    EXPLAIN_NOT_ARCHIVED,
    EXPLAIN_SOURCE,
    HELP_BUILD_ID,
    HELP_DOCX,
    HELP_INDICATOR,
    HELP_SPAN,
    HISTORY_COUNTS,
    HISTORY_NOT_COUNTED,
    HISTORY_REPLACED,
    HISTORY_TABLE_COLUMNS,
    HISTORY_TABLE_TITLE,
    LOCKED,
    NOT_LOCKED,
    REVIEW_ACTION_NAMES,
    REVIEW_STATE_NONE,
    SPAN_NAMES,
    STATUS_NAMES,
    UNKNOWN_INDICATOR,
    UNLOCKED,
)

from .common import (
    Commands,
    actor,
    catalog_option,
    console,
    db_option,
    json_option,
    open_catalog,
    open_store,
    period_filter,
    period_option,
    system_clock,
    user_option,
)


@click.command("lock", help=COMMAND_HELP["lock"])
@period_option
@user_option
@db_option
def lock_cmd(period: Period, user: str | None, db: str, archive: Path | None) -> None:
    """Lock a period: no more forms of it are stored (unless forced)."""
    with open_store(db, archive) as store:
        changed = store.lock_period(period, actor(user), system_clock())
    click.echo((LOCKED if changed else ALREADY_LOCKED).format(month_name=period.month_name))


@click.command("unlock", help=COMMAND_HELP["unlock"])
@period_option
@user_option
@db_option
def unlock_cmd(period: Period, user: str | None, db: str, archive: Path | None) -> None:
    """Unlock a period."""
    with open_store(db, archive) as store:
        changed = store.unlock_period(period, actor(user), system_clock())
    click.echo((UNLOCKED if changed else NOT_LOCKED).format(month_name=period.month_name))


def _state(row: dict[str, Any]) -> str:
    if row["counts"]:
        return HISTORY_COUNTS
    if row["replaced_by"] is not None:
        return HISTORY_REPLACED.format(by=row["replaced_by"])
    return HISTORY_NOT_COUNTED


def _history_record(row: dict[str, Any]) -> dict[str, Any]:
    """One stored value as ``history --json`` gives it."""
    return {
        "id": row["id"], "period": row["period"], "basis": row["basis"], "status": row["status"],
        "value": str(row["value"]), "replaces": row["replaces_id"], "replaced_by": row["replaced_by"],
        "counts": row["counts"], "not_counted": "final_exists" if row["never_counted"] else None,
        "submission": {"id": row["submission_id"], "file": row["file_name"], "department": row["department"],
                       "cell": row["cell"], "received_at": row["received_at"].isoformat()},
    }


@click.command("history", help=COMMAND_HELP["history"])
@click.option("--indicator", required=True, metavar="CODE", help=HELP_INDICATOR)
@period_filter
@json_option
@db_option
@catalog_option
def history_cmd(indicator: str, period: Period | None, as_json: bool, db: str, archive: Path | None,
                catalog_path: Path | None) -> None:
    """Every value ever stored for an indicator: what counts now, what it replaced, what never counted."""
    catalog = open_catalog(catalog_path)
    if indicator not in catalog.indicators:
        raise UsageError(UNKNOWN_INDICATOR.format(code=indicator))
    with open_store(db, archive) as store:
        rows = store.history(indicator, period)
    if as_json:
        click.echo(json.dumps([_history_record(row) for row in rows], ensure_ascii=False, indent=2))
        return
    table = Table(title=HISTORY_TABLE_TITLE.format(code=indicator, name=catalog.indicators[indicator].name))
    for title in HISTORY_TABLE_COLUMNS:
        table.add_column(title)
    for row in rows:
        table.add_row(str(row["id"]), row["period"], row["basis"], STATUS_NAMES[row["status"]],
                      format_plain(row["value"]),
                      "" if row["replaced_value"] is None else format_plain(row["replaced_value"]), _state(row),
                      row["file_name"], row["cell"], row["department"], format_moment(row["received_at"]))
    console.print(table)


@click.command("builds", help=COMMAND_HELP["builds"])
@period_filter
@json_option
@db_option
def builds_cmd(period: Period | None, as_json: bool, db: str, archive: Path | None) -> None:
    """Every recorded build of the report."""
    from reportgen import draft_states

    with open_store(db, archive) as store:
        rows = store.builds(period)
        states = draft_states(store)
    if as_json:
        records = [row | {"built_at": row["built_at"].isoformat(), "review": _review_json(states.get(row["id"]))}
                   for row in rows]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    table = Table(title=BUILDS_TABLE_TITLE)
    for title in BUILDS_TABLE_COLUMNS:
        table.add_column(title)
    for row in rows:
        table.add_row(str(row["id"]), format_moment(row["built_at"]), row["actor"], row["period"], row["file_name"],
                      _review_text(states.get(row["id"])), row["output_hash"][:12], row["template_hash"][:12],
                      row["catalog_hash"][:12])
    console.print(table)


def _review_json(review: dict[str, Any] | None) -> dict[str, Any] | None:
    if review is None:
        return None
    return {"action": review["action"], "actor": review["actor"], "at": review["at"].isoformat(),
            "note": review["note"]}


def _review_text(review: dict[str, Any] | None) -> str:
    """A draft's state as the builds table shows it: ``trả lại (truong.phong, 28/03/2023 15:00): …``."""
    if review is None:
        return REVIEW_STATE_NONE
    note = f": {review['note']}" if review["note"] else ""
    return (f"{REVIEW_ACTION_NAMES[review['action']]} ({review['actor']}, {format_moment(review['at'])})"
            f"{note}")


@click.command("explain", help=COMMAND_HELP["explain"])
@click.option("--build", "build_id", type=int, default=None, help=HELP_BUILD_ID)
@click.option("--docx", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None, help=HELP_DOCX)
@click.option("--indicator", required=True, metavar="CODE", help=HELP_INDICATOR)
@click.option("--span", default="month", show_default=True, help=HELP_SPAN)
@db_option
@catalog_option
def explain_cmd(build_id: int | None, docx: Path | None, indicator: str, span: str, db: str, archive: Path | None,
                catalog_path: Path | None) -> None:
    """Where one figure of a build came from: stored values, submissions, cells and archived originals."""
    from reportgen import explain_figure

    if (build_id is None) == (docx is None):
        raise UsageError(EXPLAIN_NEEDS_BUILD)
    catalog = open_catalog(catalog_path)
    with open_store(db, archive) as store:
        found = explain_figure(store, catalog, indicator, span, build_id=build_id,
                               docx=None if docx is None else docx.read_bytes())
    click.echo(EXPLAIN_FIGURE.format(name=found.name, code=found.indicator, span_name=SPAN_NAMES[found.span],
                                     month_name=found.period.month_name, stated=found.stated, unit=found.unit,
                                     estimate=EXPLAIN_ESTIMATE if found.estimate else ""))
    click.echo(EXPLAIN_BUILD.format(build=found.build_id, at=format_moment(found.built_at), count=len(found.sources)))
    for source in found.sources:
        click.echo(EXPLAIN_SOURCE.format(id=source.observation, period=source.period, basis=source.basis,
                                         value=format_plain(source.value), status=STATUS_NAMES[source.status],
                                         department=source.department, file=source.file_name, sheet=source.sheet,
                                         cell=source.cell, at=format_moment(source.received_at)))
        click.echo(EXPLAIN_ARCHIVED.format(path=source.archived) if source.archived is not None
                   else EXPLAIN_NOT_ARCHIVED.format(hash=source.file_hash))


@click.group("db", cls=Commands, help=COMMAND_HELP["db"])
def db_group() -> None:
    """The store itself: its schema version, upgrades, and the archive of original files."""


@db_group.command("upgrade", help=COMMAND_HELP["db upgrade"])
@db_option
def db_upgrade_cmd(db: str, archive: Path | None) -> None:
    """Bring the store to the newest schema, keeping every row."""
    from reportgen import upgrade_store

    before, after = upgrade_store(db)
    if before is None:
        click.echo(DB_CREATED.format(db=db, after=after))
    elif before == after:
        click.echo(DB_ALREADY_CURRENT.format(db=db, revision=after))
    else:
        click.echo(DB_UPGRADED.format(db=db, before=before, after=after))


@db_group.command("current", help=COMMAND_HELP["db current"])
@db_option
def db_current_cmd(db: str, archive: Path | None) -> None:
    """The store's schema revision and the newest one."""
    from reportgen import store_version

    revision, head = store_version(db)
    click.echo(DB_EMPTY.format(db=db, head=head) if revision is None
               else DB_CURRENT.format(db=db, revision=revision, head=head))


@db_group.command("check", help=COMMAND_HELP["db check"])
@db_option
def db_check_cmd(db: str, archive: Path | None) -> None:
    """Every original file the store refers to is in the archive, with its hash."""
    with open_store(db, archive) as store:
        count, problems = store.check_archive()
        folder = store.archive_dir
    for problem in problems:
        line = DB_CHECK_MISSING if problem.missing else DB_CHECK_ALTERED
        click.echo(line.format(name=problem.file_name, hash=problem.file_hash, path=problem.path), err=True)
    if problems:
        raise ReportgenError(DB_CHECK_FAILED.format(count=len(problems), archive=folder))
    click.echo(DB_CHECK_OK.format(count=count, archive=folder))

