"""``reportgen users add|list|disable|set-password``: the portal's accounts."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table

from reportgen import Role, UsageError, format_moment
from reportgen.messages import (
    ACCOUNT_ACTIVE,
    ACCOUNT_ADDED,
    ACCOUNT_DISABLED,
    ACCOUNT_INACTIVE,
    ACCOUNT_PASSWORD_SET,
    ACCOUNTS_COLUMNS,
    ACCOUNTS_TITLE,
    COMMAND_HELP,
    HELP_DEPARTMENT_OF_CLERK,
    HELP_FULL_NAME,
    HELP_PASSWORD_STDIN,
    HELP_ROLE,
    PASSWORD_AGAIN,
    PASSWORD_PROMPT,
    PASSWORDS_DIFFER,
    ROLE_NAMES,
)

from .common import (
    Commands,
    actor,
    catalog_option,
    console,
    db_option,
    open_catalog,
    open_store,
    system_clock,
    user_option,
)

password_stdin = click.option("--password-stdin", "from_stdin", is_flag=True, help=HELP_PASSWORD_STDIN)


def read_password(from_stdin: bool) -> str:
    """The new password: the first line of standard input, or asked twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = click.prompt(PASSWORD_PROMPT, hide_input=True, err=True)
    if click.prompt(PASSWORD_AGAIN, hide_input=True, err=True) != first:
        raise UsageError(PASSWORDS_DIFFER)
    return str(first)


@click.group("users", cls=Commands, help=COMMAND_HELP["users"])
def users_group() -> None:
    """The portal's accounts."""


@users_group.command("add", help=COMMAND_HELP["users add"])
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True, help=HELP_ROLE)
@click.option("--department", default=None, help=HELP_DEPARTMENT_OF_CLERK)
@click.option("--full-name", default="", help=HELP_FULL_NAME)
@password_stdin
@user_option
@db_option
@catalog_option
def users_add_cmd(username: str, role: str, department: str | None, full_name: str, from_stdin: bool,
                  user: str | None, db: str, archive: Path | None, catalog_path: Path | None) -> None:
    """Create an account."""
    from reportgen import add_account

    catalog = open_catalog(catalog_path)
    password = read_password(from_stdin)
    with open_store(db, archive) as store:
        made = add_account(store, catalog, username, Role(role), password, actor=actor(user), at=system_clock(),
                           full_name=full_name, department=department)
    click.echo(ACCOUNT_ADDED.format(username=made.username, role=ROLE_NAMES[made.role],
                                    department="" if made.department is None else f", {made.department}"))


@users_group.command("list", help=COMMAND_HELP["users list"])
@db_option
def users_list_cmd(db: str, archive: Path | None) -> None:
    """List the accounts."""
    from reportgen import list_accounts

    with open_store(db, archive) as store:
        accounts = list_accounts(store)
    table = Table(title=ACCOUNTS_TITLE)
    for title in ACCOUNTS_COLUMNS:
        table.add_column(title)
    for account in accounts:
        table.add_row(account.username, account.full_name, ROLE_NAMES[account.role], account.department or "",
                      ACCOUNT_ACTIVE if account.active else ACCOUNT_INACTIVE, format_moment(account.created_at))
    console.print(table)


@users_group.command("disable", help=COMMAND_HELP["users disable"])
@click.argument("username")
@user_option
@db_option
def users_disable_cmd(username: str, user: str | None, db: str, archive: Path | None) -> None:
    """Stop an account from logging in."""
    from reportgen import disable_account

    with open_store(db, archive) as store:
        disable_account(store, username, actor=actor(user), at=system_clock())
    click.echo(ACCOUNT_DISABLED.format(username=username))


@users_group.command("set-password", help=COMMAND_HELP["users set-password"])
@click.argument("username")
@password_stdin
@user_option
@db_option
def users_password_cmd(username: str, from_stdin: bool, user: str | None, db: str, archive: Path | None) -> None:
    """Give an account a new password."""
    from reportgen import set_password

    password = read_password(from_stdin)
    with open_store(db, archive) as store:
        set_password(store, username, password, actor=actor(user), at=system_clock())
    click.echo(ACCOUNT_PASSWORD_SET.format(username=username))
