"""``reportgen figures``: every indicator's computed figures for a month."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from reportgen import Period, format_number
from reportgen.messages import COMMAND_HELP, FIGURES_TABLE_COLUMNS, FIGURES_TABLE_TITLE, HELP_FIGURES_XLSX, WROTE

from .common import catalog_option, console, db_option, json_option, open_catalog, open_store, period_option


@click.command("figures", help=COMMAND_HELP["figures"])
@period_option
@json_option
@click.option("--xlsx", "xlsx_path", type=click.Path(path_type=Path), default=None,
              help=HELP_FIGURES_XLSX)
@db_option
@catalog_option
def figures_cmd(period: Period, as_json: bool, xlsx_path: Path | None, db: str, archive: Path | None,
                catalog_path: Path | None) -> None:
    """Every indicator's figures for the period: a table, JSON, or an Excel workbook."""
    from reportgen import figures_frame, figures_record, period_figures, write_figures_xlsx

    catalog = open_catalog(catalog_path)
    with open_store(db, archive) as store:
        if xlsx_path is not None:
            write_figures_xlsx(figures_frame(catalog, store, period), period, xlsx_path)
            click.echo(WROTE.format(path=xlsx_path))
            return
        records = [figures_record(f) for f in period_figures(catalog, store, period).values()]
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    table = Table(title=FIGURES_TABLE_TITLE.format(month_name=period.month_name))
    for title in FIGURES_TABLE_COLUMNS.values():
        table.add_column(title, justify="right")
    for record in records:
        table.add_row(*[_short(record[key]) for key in FIGURES_TABLE_COLUMNS])
    console.print(table)


def _short(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return " - ".join(value)
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except ArithmeticError:
            return value
        return format_number(number, 2)
    return str(value)
