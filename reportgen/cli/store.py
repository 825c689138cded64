"""``reportgen lock``, ``unlock`` and ``history``: closing periods, and every stored value of a figure."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from reportgen import Period, Store, UsageError
from reportgen.messages import (
    ALREADY_LOCKED,
    COMMAND_HELP,
    HELP_INDICATOR,
    HISTORY_ESTIMATE,
    HISTORY_FINAL,
    HISTORY_TABLE_COLUMNS,
    HISTORY_TABLE_TITLE,
    LOCKED,
    NOT_LOCKED,
    UNKNOWN_INDICATOR,
    UNLOCKED,
)

from .common import (
    actor,
    catalog_option,
    console,
    db_option,
    open_catalog,
    period_filter,
    period_option,
    system_clock,
    user_option,
)


@click.command("lock", help=COMMAND_HELP["lock"])
@period_option
@user_option
@db_option
def lock_cmd(period: Period, user: str | None, db: str) -> None:
    """Lock a period: no more forms of it are stored (unless forced)."""
    with Store.open(db) as store:
        changed = store.lock_period(period, actor(user), system_clock())
    click.echo((LOCKED if changed else ALREADY_LOCKED).format(month_name=period.month_name))


@click.command("unlock", help=COMMAND_HELP["unlock"])
@period_option
@user_option
@db_option
def unlock_cmd(period: Period, user: str | None, db: str) -> None:
    """Unlock a period."""
    with Store.open(db) as store:
        changed = store.unlock_period(period, actor(user), system_clock())
    click.echo((UNLOCKED if changed else NOT_LOCKED).format(month_name=period.month_name))


@click.command("history", help=COMMAND_HELP["history"])
@click.option("--indicator", required=True, metavar="CODE", help=HELP_INDICATOR)
@period_filter
@db_option
@catalog_option
def history_cmd(indicator: str, period: Period | None, db: str, catalog_path: Path | None) -> None:
    """Every value ever stored for an indicator, the replaced ones too."""
    catalog = open_catalog(catalog_path)
    if indicator not in catalog.indicators:
        raise UsageError(UNKNOWN_INDICATOR.format(code=indicator))
    with Store.open(db) as store:
        rows = store.history(indicator, period)
    table = Table(title=HISTORY_TABLE_TITLE.format(code=indicator, name=catalog.indicators[indicator].name))
    for title in HISTORY_TABLE_COLUMNS:
        table.add_column(title)
    for row in rows:
        table.add_row(row["period"], row["basis"], HISTORY_ESTIMATE if row["status"] == "estimate" else HISTORY_FINAL,
                      str(row["value"]), "" if row["replaced_value"] is None else str(row["replaced_value"]),
                      row["file_name"], row["cell"], row["department"], row["received_at"])
    console.print(table)
