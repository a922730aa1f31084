"""Read-only connections, one per thread, so readers see committed data only (DESIGN §4a).

The writer's connection shows its own uncommitted rows to anyone who reads through it; a read on the GUI
thread during a worker's open transaction would show rows that a rollback then removes. Each other thread
reads through its own connection instead, which WAL gives a snapshot of the last commit.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from dmi_desktop.storage.connection import open_database
from dmi_desktop.storage.driver import Database, DatabaseError


class ReaderPool:
    """Lazily opened read-only connections to one vault database, keyed by thread."""

    def __init__(self, path: Path, key: bytes) -> None:
        self._path = path
        self._key = key
        self._lock = threading.Lock()
        self._by_thread: dict[int, Database] = {}

    def for_this_thread(self) -> Database:
        """This thread's read-only connection (opened on first use)."""
        ident = threading.get_ident()
        db = self._by_thread.get(ident)
        if db is None:
            db = open_database(self._path, self._key)
            # Any write through a reader is a bug: refuse it in SQLite itself.
            db.execute("PRAGMA query_only = ON")
            with self._lock:
                self._by_thread[ident] = db
        return db

    def close_all(self) -> None:
        """Close every reader and forget the key (the vault is locking)."""
        with self._lock:
            readers, self._by_thread = list(self._by_thread.values()), {}
        for db in readers:
            with contextlib.suppress(DatabaseError):
                db.close()
        self._key = b""

    def __len__(self) -> int:
        return len(self._by_thread)
