"""Raw SQL on a closed vault, as someone holding its key would run it behind the app's back (tests only)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from dmi_desktop.storage.connection import open_database
from dmi_desktop.storage.driver import Database
from dmi_desktop.storage.keyslots import KeyFile
from dmi_desktop.storage.vault_keys import resolve_access
from tests.conftest import PASSPHRASE

_TRIGGER = (
    "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries"
    " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END"
)


@contextlib.contextmanager
def raw_vault(folder: Path, passphrase: str = PASSPHRASE) -> Iterator[Database]:
    """The vault's database opened with its key, the append-only trigger out of the way (and put back after)."""
    keyfile = KeyFile.load(folder / "vault.keys")
    key = resolve_access(keyfile, *keyfile.unlock_user(None, passphrase)).db_key
    db = open_database(folder / "vault.db", key)
    try:
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("DROP TRIGGER audit_entries_no_delete")
        yield db
        db.execute(_TRIGGER)
    finally:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()


def device_of(db: Database) -> str:
    """The vault's current device id."""
    return str(db.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()[0])


def last_seq(db: Database, device: str) -> int:
    """The last sequence number of ``device``'s chain (0 when empty)."""
    return int(
        db.execute("SELECT coalesce(max(seq), 0) FROM audit_entries WHERE device_id = ?", (device,)).fetchone()[0]
    )


def cut_tail(folder: Path, count: int, *, rewind_head: bool, passphrase: str = PASSPHRASE) -> int:
    """Delete the last ``count`` entries of this device's chain (payloads left behind as orphans); with
    ``rewind_head`` the stored head is rewritten to match, as a careful attacker would. Returns the last seq kept."""
    with raw_vault(folder, passphrase) as db:
        device = device_of(db)
        keep = last_seq(db, device) - count
        db.execute("DELETE FROM audit_entries WHERE device_id = ? AND seq > ?", (device, keep))
        if rewind_head:
            db.execute(
                "UPDATE audit_heads SET seq = ?,"
                " hash = (SELECT hash FROM audit_entries WHERE device_id = ? AND seq = ?) WHERE device_id = ?",
                (keep, device, keep, device),
            )
    return keep


def delete_all(folder: Path, *, heads: bool = True, passphrase: str = PASSPHRASE) -> None:
    """Delete every audit entry, payload and reference (and the stored heads too, with ``heads``)."""
    with raw_vault(folder, passphrase) as db:
        for table in ("audit_payloads", "audit_refs", "audit_entries", *(("audit_heads",) if heads else ())):
            db.execute(f"DELETE FROM {table}")  # fixed table names


def forge_tail(folder: Path, count: int, passphrase: str = PASSPHRASE) -> None:
    """Replace the last ``count`` entries of this device's chain with forged ones that link and hash correctly,
    and rewrite the head to match: the chain verifies, only a witness outside the vault can tell."""
    from dmi_desktop.storage.audit_format import entry_hash

    with raw_vault(folder, passphrase) as db:
        device = device_of(db)
        keep = last_seq(db, device) - count
        hlc, prev = db.execute(
            "SELECT hlc, hash FROM audit_entries WHERE device_id = ? AND seq = ?", (device, keep)
        ).fetchone()
        db.execute("DELETE FROM audit_entries WHERE device_id = ? AND seq > ?", (device, keep))
        for seq in range(keep + 1, keep + count + 1):
            values = (device, seq, hlc, "coordinadora", "vault.unlock", "vault", "", "[]", "", prev)
            prev = entry_hash(*values)
            db.execute(
                "INSERT INTO audit_entries (device_id, seq, hlc, user, action, entity, entity_id, fields, digest,"
                " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, prev),
            )
        db.execute("UPDATE audit_heads SET seq = ?, hash = ? WHERE device_id = ?", (keep + count, prev, device))
