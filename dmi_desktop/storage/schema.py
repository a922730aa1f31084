"""The migration runner: numbered, forward-only, one transaction each, keyed by ``PRAGMA user_version``.

The migrations themselves are frozen modules in ``storage/migrations``; which tables synchronise is in
``storage/tables.py``. Nothing here builds SQL from today's code.
"""

from __future__ import annotations

from collections.abc import Callable

from dmi_desktop.storage.driver import Database
from dmi_desktop.storage.migrations import v001_initial as _v1
from dmi_desktop.storage.migrations import v002_list_indexes as _v2
from dmi_desktop.storage.migrations import v003_audit_history_identity as _v3
from dmi_desktop.storage.migrations import v004_sort_indexes as _v4
from dmi_desktop.storage.migrations import v005_smaller_vault as _v5
from dmi_desktop.storage.migrations import v006_meetings as _v6
from dmi_desktop.storage.migrations import v007_caseworker_search as _v7
from dmi_desktop.storage.tables import SYNCABLE_TABLES

Migration = tuple[int, str, Callable[[Database], None]]


def _statements(statements: tuple[str, ...]) -> Callable[[Database], None]:
    def run(db: Database) -> None:
        for statement in statements:
            db.execute(statement)

    return run


MIGRATIONS: list[Migration] = [
    (1, _v1.NAME, _statements(_v1.STATEMENTS)),
    (2, _v2.NAME, _statements(_v2.STATEMENTS)),
    (3, _v3.NAME, _v3.migrate),
    (4, _v4.NAME, _statements(_v4.STATEMENTS)),
    (5, _v5.NAME, _statements(_v5.STATEMENTS)),
    (6, _v6.NAME, _statements(_v6.STATEMENTS)),
    (7, _v7.NAME, _statements(_v7.STATEMENTS)),
]
LATEST_VERSION = MIGRATIONS[-1][0]

__all__ = ["LATEST_VERSION", "MIGRATIONS", "SYNCABLE_TABLES", "apply_migrations", "latest_version"]


def latest_version() -> int:
    """The schema version this app writes (read at call time, so tests can add a fake migration)."""
    return MIGRATIONS[-1][0]


def schema_version(db: Database) -> int:
    """The vault's ``PRAGMA user_version``."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def pending_migrations(current: int) -> list[Migration]:
    """Migrations newer than ``current``, in order."""
    return [m for m in MIGRATIONS if m[0] > current]


def apply_migrations(db: Database) -> list[int]:
    """Apply each pending migration in its own transaction; return the versions applied."""
    applied = []
    for version, _name, migrate in pending_migrations(schema_version(db)):
        with db.atomic():
            migrate(db)
            db.execute(f"PRAGMA user_version = {int(version)}")
        applied.append(version)
    return applied
