"""Frozen migrations: one module per schema version, literal SQL that never changes once released.

A released migration is history: vaults in the field were built by it. Fix mistakes with a new migration,
never by editing an old one (tests/storage/test_fixture_vaults.py upgrades the committed vault of every
released schema to the latest).
"""

from __future__ import annotations

from typing import Any

from dmi_desktop.storage.driver import dbapi


def run_script(db: Any, sql: str) -> None:
    """Execute a script statement by statement inside the caller's transaction.

    ``executescript`` would COMMIT first, breaking the one-transaction-per-migration rule; triggers hold
    semicolons, so statements are cut where SQLite itself says a statement is complete.
    """
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if pending.strip() and dbapi.complete_statement(pending):
            db.execute(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError("incomplete SQL statement at the end of a migration script")
