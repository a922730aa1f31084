"""Re-keying on disk: export the database under a new key, then swap it and its key file so a crash at any
point leaves a vault that opens (with the old key or with the new one)."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from dmi_desktop.storage.connection import open_database
from dmi_desktop.storage.driver import DatabaseError
from dmi_desktop.storage.keyslots import KEY_BYTES, KeyFile, _fsync_dir
from dmi_desktop.storage.readers import ReaderPool
from dmi_desktop.storage.schema import schema_version
from dmi_desktop.storage.vault_files import DB_NAME, KEYS_NAME, stamp

if TYPE_CHECKING:
    from dmi_desktop.storage.vault import Vault

NEXT_DB = f"{DB_NAME}.next"
NEXT_KEYS = f"{KEYS_NAME}.next"
SALT_BYTES = 16  # SQLCipher keeps each file's random KDF salt in its first 16 bytes
__all__ = ["finish_interrupted_rekey", "new_key", "stamp", "swap_database"]


def new_key() -> bytes:
    """A fresh random database key."""
    return secrets.token_bytes(KEY_BYTES)


def _salt(path: Path) -> str:
    with open(path, "rb") as handle:
        return handle.read(SALT_BYTES).hex()


def swap_database(vault: Vault, key: bytes, keyfile: KeyFile) -> None:
    """Export ``vault``'s database under ``key``, then put it and ``keyfile`` in place and reopen.

    Order: (1) vault.db.next written under the new key; (2) vault.keys.next naming that file's salt;
    (3) vault.db replaced; (4) vault.keys replaced. After (3) and before (4), opening finds vault.keys.next
    matching vault.db and completes the swap (:func:`finish_interrupted_rekey`); before (3) it discards both.
    """
    folder = vault.folder
    next_db, next_keys = folder / NEXT_DB, folder / NEXT_KEYS
    next_db.unlink(missing_ok=True)
    version = schema_version(vault.db)
    db = vault.db
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # A raw key, as open_database gives it: our slots already did the slow derivation.
    db.execute(f"ATTACH DATABASE ? AS fresh KEY \"x'{key.hex()}'\"", (str(next_db),))
    try:
        db.execute("SELECT sqlcipher_export('fresh')").fetchall()
        db.execute(f"PRAGMA fresh.user_version = {int(version)}")
    finally:
        db.execute("DETACH DATABASE fresh")
    os.chmod(next_db, 0o600)
    keyfile.db_salt = _salt(next_db)
    keyfile.save(next_keys)
    # Nothing may hold the old file open while it is replaced.
    vault._readers.close_all()
    with contextlib.suppress(DatabaseError):
        db.close()
    vault.db = None  # type: ignore[assignment]
    for suffix in ("-wal", "-shm"):
        (folder / f"{DB_NAME}{suffix}").unlink(missing_ok=True)
    os.replace(next_db, folder / DB_NAME)
    _fsync_dir(folder)
    os.replace(next_keys, folder / KEYS_NAME)
    _fsync_dir(folder)
    vault.keyfile = keyfile
    vault._key = key
    vault._access.db_key = key
    vault.db = open_database(folder / DB_NAME, key)
    vault._readers = ReaderPool(folder / DB_NAME, key)
    vault.adopt_device(vault.device_id, vault.device_code)  # the audit log binds to the new connection


def finish_interrupted_rekey(folder: Path) -> None:
    """Complete or undo a re-key that a crash interrupted (called with the folder lock held, before opening)."""
    next_db, next_keys = folder / NEXT_DB, folder / NEXT_KEYS
    if next_keys.exists():
        try:
            expected = KeyFile.load(next_keys).db_salt
            matches = bool(expected) and _salt(folder / DB_NAME) == expected
        except Exception:  # a half-written or unreadable .next: the swap never started
            matches = False
        if matches:  # vault.db is already the new one: its key file must follow
            os.replace(next_keys, folder / KEYS_NAME)
            _fsync_dir(folder)
        else:
            next_keys.unlink(missing_ok=True)
    next_db.unlink(missing_ok=True)
