"""The portal's people: accounts with roles, Argon2 passwords, and the audit log of what each did.

Above the store, beside ``compare/``: the web face checks a login with
:func:`authenticate` and records every action with :func:`audit`; the
command line manages accounts (``reportgen users``).
"""

from __future__ import annotations

from .users import Account, add_account, audit, authenticate, disable_account, list_accounts, set_password

__all__ = ["Account", "add_account", "audit", "authenticate", "disable_account", "list_accounts", "set_password"]
