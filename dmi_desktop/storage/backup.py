"""One-file encrypted backups: key slots + SQLCipher snapshot, authenticated with a key-derived MAC."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dmi_desktop import __version__
from dmi_desktop.domain.messages import tr
from dmi_desktop.storage.connection import _raw_key_pragma, open_database
from dmi_desktop.storage.driver import Database, DatabaseError, dbapi
from dmi_desktop.storage.errors import BadBackup, DamagedDatabase, DamagedKeyFile, VaultError
from dmi_desktop.storage.kdf_limits import check_keys_document
from dmi_desktop.storage.keyslots import KeyFile
from dmi_desktop.storage.private_files import open_owner_only
from dmi_desktop.storage.schema import schema_version
from dmi_desktop.storage.vault_keys import resolve_access

MAGIC = b"DMI-VAULT-BACKUP\x00v1\n"
MAC_BYTES = 32


def _mac_key(master_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"dmi-backup-mac").derive(master_key)


@dataclass(frozen=True)
class BackupHeader:
    """What a backup says about itself before it is unlocked."""

    vault_id: str
    created_at: str
    schema_version: int
    app_version: str
    keys: dict
    db_size: int


def _snapshot(db: Database, key: bytes, target: Path) -> None:
    """Copy the live database page by page into an encrypted file under the same key."""
    dest = dbapi.connect(str(target), isolation_level=None)
    try:
        dest.execute(_raw_key_pragma(key))
        db.conn.backup(dest)
    finally:
        dest.close()


def write_backup(db: Database, keyfile: KeyFile, key: bytes, target: Path) -> None:
    """Write ``target`` atomically: magic, header length, header JSON, encrypted db, MAC."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as tmp:
        snap = Path(tmp) / "snapshot.db"
        _snapshot(db, key, snap)
        data = snap.read_bytes()  # already SQLCipher-encrypted pages
        header = {
            "vault_id": keyfile.vault_id,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "schema_version": schema_version(db),
            "app_version": __version__,
            "keys": keyfile.to_document(),
            "db_size": len(data),
        }
        head = json.dumps(header, sort_keys=True).encode("utf-8")
        body = MAGIC + struct.pack(">I", len(head)) + head + data
        mac = hmac.new(_mac_key(key), body, hashlib.sha256).digest()
        partial = Path(tmp) / "backup.part"
        with open_owner_only(partial) as fh:  # backups are owner-only (0600), like the vault
            fh.write(body + mac)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, target)


def read_header(path: Path) -> tuple[BackupHeader, bytes, bytes, bytes]:
    """Parse a backup file; returns header, authenticated body, database bytes and MAC. BadBackup if malformed."""
    try:
        with Path(path).open("rb") as fh:  # a big file that is no backup is refused on its first bytes
            raw = fh.read(len(MAGIC))
            raw += fh.read() if raw == MAGIC else b""
    except OSError as exc:
        raise BadBackup(
            tr(f"no se puede leer la copia de seguridad: {exc.strerror}", f"cannot read the backup: {exc.strerror}")
        ) from None
    if not raw.startswith(MAGIC):
        name = Path(path).name
        raise BadBackup(
            tr(f"{name} no es una copia de seguridad de DMI Desktop", f"{name} is not a DMI Desktop backup")
        )
    try:
        (head_len,) = struct.unpack(">I", raw[len(MAGIC) : len(MAGIC) + 4])
        start = len(MAGIC) + 4
        head = json.loads(raw[start : start + head_len].decode("utf-8"))
        header = BackupHeader(
            # Every backup this app wrote names its vault; one that does not is named by its key slots' document
            # (the vault id is bound into every slot's authenticated data, so it cannot be swapped).
            str(head.get("vault_id") or head["keys"]["vault_id"]),
            str(head["created_at"]),
            int(head["schema_version"]),
            str(head["app_version"]),
            dict(head["keys"]),
            int(head["db_size"]),
        )
        db_start = start + head_len
        data = raw[db_start : db_start + header.db_size]
        mac = raw[db_start + header.db_size :]
        if len(data) != header.db_size or len(mac) != MAC_BYTES:
            raise ValueError
    except (KeyError, TypeError, ValueError, struct.error, UnicodeDecodeError):
        name = Path(path).name
        raise BadBackup(
            tr(f"la copia de seguridad {name} está dañada o incompleta", f"the backup {name} is damaged or incomplete")
        ) from None
    return header, raw[: db_start + header.db_size], data, mac


def verify_backup(body: bytes, mac: bytes, key: bytes) -> None:
    """Raise BadBackup unless the MAC proves the file is intact and made with this vault's key."""
    expected = hmac.new(_mac_key(key), body, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, mac):
        raise BadBackup(tr("la copia de seguridad fue alterada o está dañada", "the backup was altered or is damaged"))


def open_backup(path: Path, *, passphrase: str) -> tuple[BackupHeader, bytes, bytes]:
    """Unlock a backup with a passphrase of one of its users and verify it; nothing is written."""
    from dmi_desktop.storage.errors import NewerSchema
    from dmi_desktop.storage.schema import latest_version

    header, body, data, mac = read_header(path)
    check_keys_document(header.keys, Path(path).name, BadBackup)  # before the KDF runs on its costs
    try:
        keyfile = KeyFile.from_document(header.keys, Path(path).name)
    except DamagedKeyFile:
        name = Path(path).name
        raise BadBackup(
            tr(f"la copia de seguridad {name} está dañada (llaves)", f"the backup {name} is damaged (keys)")
        ) from None
    key = resolve_access(keyfile, *keyfile.unlock_user(None, passphrase)).db_key
    verify_backup(body, mac, key)
    if header.schema_version > latest_version():
        raise NewerSchema(
            tr(
                f"la copia fue hecha por una versión más nueva de la aplicación (esquema {header.schema_version})",
                f"the backup was made by a newer version of the app (schema {header.schema_version})",
            )
        )
    return header, data, key


@contextlib.contextmanager
def staged_restore(folder: Path, data: bytes, key: bytes) -> Iterator[Path]:
    """Write the backup's database next to the vault and check it opens and is intact; yield its path.

    BadBackup when it is damaged. The staging folder (and the candidate, unless installed) is removed on exit.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = tempfile.TemporaryDirectory(dir=folder, prefix=".restore-")
    except OSError as exc:
        raise VaultError(
            tr(
                f"no se puede preparar la restauración en {folder}: {exc.strerror}",
                f"cannot prepare the restore in {folder}: {exc.strerror}",
            )
        ) from None
    with staging as tmp:
        candidate = Path(tmp) / "vault.db"
        try:
            with open_owner_only(candidate) as fh:  # becomes vault.db: owner-only like a new vault
                fh.write(data)
        except OSError as exc:
            raise VaultError(
                tr(
                    f"no se puede preparar la restauración: {exc.strerror}",
                    f"cannot prepare the restore: {exc.strerror}",
                )
            ) from None
        try:
            db = open_database(candidate, key)
            try:
                ok = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()] == ["ok"]
                db.execute("PRAGMA journal_mode = DELETE")  # fold the WAL back before moving the file
            finally:
                db.close()
        except (DamagedDatabase, DatabaseError):
            ok = False
        if not ok:
            raise BadBackup(
                tr(
                    "la base de datos dentro de la copia de seguridad está dañada",
                    "the database inside the backup is damaged",
                )
            )
        yield candidate


def install_restore(folder: Path, candidate: Path, keys_doc: dict) -> None:
    """Move a staged database and its key file into place (the vault must be closed and locked by us)."""
    for suffix in ("-wal", "-shm"):
        (folder / f"vault.db{suffix}").unlink(missing_ok=True)
    os.replace(candidate, folder / "vault.db")
    KeyFile.from_document(keys_doc).save(folder / "vault.keys")


def restore_files(folder: Path, keys_doc: dict, data: bytes, key: bytes) -> None:
    """Put the backup's database and key file into ``folder`` after checking the database opens."""
    with staged_restore(folder, data, key) as candidate:
        install_restore(folder, candidate, keys_doc)
