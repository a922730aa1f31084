"""The one connection factory: key first, then the same PRAGMAs every time (STYLE point 3)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from dmi_desktop.domain.messages import tr
from dmi_desktop.storage.driver import Database, DatabaseError, dbapi
from dmi_desktop.storage.errors import DamagedDatabase
from dmi_desktop.storage.private_files import create_owner_only, tighten_to_owner_only

CACHE_PAGES = -256_000  # 256 MB page cache, filled only as used: every miss costs a decryption (DESIGN §8)
BULK_CACHE_PAGES = -96_000  # the writer's cache during a bulk import: peak memory bounded, a 100 000-row vault fits
MIN_DATABASE_BYTES = 1024  # smaller than SQLCipher's smallest page: cannot hold a vault


def _raw_key_pragma(key: bytes) -> str:
    # A raw 256-bit key skips SQLCipher's own PBKDF2: our slots already did the slow derivation.
    return f"PRAGMA key = \"x'{key.hex()}'\""


def open_database(path: Path, key: bytes, *, create: bool = False) -> Database:
    """Open ``path`` keyed with ``key`` and return a sqlite-utils Database on top of it.

    Raises DamagedDatabase when the file is not an SQLCipher database for this key.
    """
    if not create:
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise DamagedDatabase(
                tr(f"falta la base de datos {path.name}", f"the database {path.name} is missing")
            ) from None
        # An empty file would be taken by SQLCipher as a new database and written to: refuse it untouched.
        if size < MIN_DATABASE_BYTES:
            raise DamagedDatabase(
                tr(
                    f"la base de datos {path.name} está vacía o truncada",
                    f"the database {path.name} is empty or truncated",
                )
            ) from None
    # Owner-only from the first byte (SQLite gives the WAL and shared-memory files the database's mode); a vault
    # written by an older version (0644) is tightened when opened.
    if create:
        create_owner_only(path)
    else:
        for suffix in ("", "-wal", "-shm"):
            tighten_to_owner_only(path.with_name(path.name + suffix))
    try:
        conn = dbapi.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5.0)
    except DatabaseError as exc:  # no permission, a folder in its place...
        raise DamagedDatabase(
            tr(f"no se puede abrir la base de datos {path.name}: {exc}", f"cannot open the database {path.name}: {exc}")
        ) from None
    try:
        conn.execute(_raw_key_pragma(key))  # must be the very first statement (SQLCipher ≥ 4.7)
        conn.execute("PRAGMA cipher_log_level = NONE")
        # Memory security mlock()s and wipes every allocation: two system calls per malloc, 40 % of write
        # time in the benchmark. Python's own copies of the data are swappable anyway; swap and hibernation
        # files are protected by the operating system's disk encryption, not by this.
        conn.execute("PRAGMA cipher_memory_security = OFF")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"PRAGMA cache_size = {CACHE_PAGES}")
        # Reading the schema is what actually tests the key.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
    except DatabaseError:
        conn.close()
        raise DamagedDatabase(
            tr(
                f"la base de datos {path.name} está dañada o no corresponde a estas llaves",
                f"the database {path.name} is damaged or does not belong to these keys",
            )
        ) from None
    return Database(conn)


def database_key_works(path: Path, key: bytes) -> bool:
    """True when ``key`` opens ``path`` (used to check backups before restoring)."""
    try:
        db = open_database(path, key)
    except DamagedDatabase:
        return False
    db.close()
    return True


@contextlib.contextmanager
def lean_cache(db: Database) -> Iterator[None]:
    """A smaller page cache on ``db`` during a bulk write (an import of a million rows would otherwise keep
    256 MB of pages resident); the usual one afterwards."""
    db.execute(f"PRAGMA cache_size = {BULK_CACHE_PAGES}")
    try:
        yield
    finally:
        with contextlib.suppress(DatabaseError):  # the vault may have been closed meanwhile
            db.execute(f"PRAGMA cache_size = {CACHE_PAGES}")
