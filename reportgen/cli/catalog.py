"""``reportgen catalog`` and ``reportgen init``: the indicator catalog, and a city's own templates."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from reportgen import init_templates
from reportgen.messages import (
    CATALOG_TABLE_COLUMNS,
    CATALOG_TABLE_TITLE,
    CATALOG_TABLE_TOTAL,
    COMMAND_HELP,
    CREATED,
    HELP_INIT_FORCE,
)

from .common import catalog_option, console, json_option, open_catalog


@click.command("catalog", help=COMMAND_HELP["catalog"])
@catalog_option
@json_option
def catalog_cmd(catalog_path: Path | None, as_json: bool) -> None:
    """List the indicator catalog, as a table or as JSON."""
    catalog = open_catalog(catalog_path)
    if as_json:
        payload = {
            "version": catalog.version,
            "departments": [vars(d) | {"sections": list(d.sections)} for d in catalog.departments.values()],
            "sections": [vars(s) for s in catalog.sections.values()],
            "indicators": [
                {
                    "code": i.code, "name": i.name, "unit": i.unit, "department": i.department,
                    "section": i.section, "frequency": str(i.frequency), "decimals": i.decimals,
                    "kind": str(i.kind), "parent": i.parent, "plan_label": i.plan_label, "formula": i.formula,
                    "non_negative": i.non_negative, "direction": str(i.direction),
                    "plans": {str(y): ([str(v) for v in p] if isinstance(p, tuple) else str(p))
                              for y, p in sorted(i.plans.items())},
                }
                for i in catalog.indicators.values()
            ],
            "targets": [
                {"number": t.number, "name": t.name, "group": t.group, "indicators": list(t.indicators)}
                for t in catalog.targets
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table(title=CATALOG_TABLE_TITLE.format(version=catalog.version))
    for column in CATALOG_TABLE_COLUMNS:
        table.add_column(column)
    for ind in catalog.indicators.values():
        plans = ", ".join(f"{y}: {p}" for y, p in sorted(ind.plans.items()))
        name = ("  └ " if ind.parent else "") + ind.name
        table.add_row(ind.code, name, ind.unit, ind.department, ind.kind, ind.frequency, plans)
    console.print(table)
    console.print(CATALOG_TABLE_TOTAL.format(indicators=len(catalog.indicators), departments=len(catalog.departments),
                                             targets=len(catalog.targets)))


@click.command("init", help=COMMAND_HELP["init"])
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path())
@click.option("--force", is_flag=True, help=HELP_INIT_FORCE)
def init_cmd(folder: Path, force: bool) -> None:
    """Copy the built-in catalog, Word template and template guide into FOLDER/templates."""
    for path in init_templates(folder, overwrite=force):
        click.echo(CREATED.format(path=path))
