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
from typing import IO, NamedTuple

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
CHUNK = 1 << 20  # backups and restores stream through one 1 MiB buffer, whatever the vault's size
MAX_HEADER_BYTES = 16 << 20  # key slots of a few hundred users fit many times over
COPY_CACHE_PAGES = -8_000  # 8 MB page cache for the snapshot's own connections


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


def _database_file(db: Database) -> Path:
    """The file behind a connection's main database."""
    for _seq, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file)
    raise DamagedDatabase(tr("la base de datos no tiene archivo", "the database has no file"))


def _snapshot(db: Database, key: bytes, target: Path) -> None:
    """Copy the committed database page by page into an encrypted file under the same key.

    Read through a connection of its own with a small page cache: the vault's connection keeps a 256 MB cache,
    which a whole-database copy would fill (and keep) for nothing.
    """
    source = dbapi.connect(str(_database_file(db)), isolation_level=None)
    dest = dbapi.connect(str(target), isolation_level=None)
    try:
        for conn in (source, dest):
            conn.execute(_raw_key_pragma(key))
            conn.execute("PRAGMA cipher_memory_security = OFF")  # see connection.py: 40 % of the time, no gain
            conn.execute(f"PRAGMA cache_size = {COPY_CACHE_PAGES}")
        source.backup(dest)
    finally:
        dest.close()
        source.close()


def _copy(src: IO[bytes], dst: IO[bytes] | None, mac: hmac.HMAC, length: int) -> None:
    """Copy ``length`` bytes in chunks (or only read them when ``dst`` is None), adding each to ``mac``.

    Raises EOFError when the source ends early.
    """
    left = length
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    while left > 0:
        got = src.readinto(view[: min(CHUNK, left)])
        if not got:
            raise EOFError
        mac.update(view[:got])
        if dst is not None:
            dst.write(view[:got])
        left -= got


def write_backup(db: Database, keyfile: KeyFile, key: bytes, target: Path) -> None:
    """Write ``target`` atomically: magic, header length, header JSON, encrypted db, MAC — streamed in chunks."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as tmp:
        snap = Path(tmp) / "snapshot.db"
        _snapshot(db, key, snap)  # already SQLCipher-encrypted pages
        size = snap.stat().st_size
        header = {
            "vault_id": keyfile.vault_id,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "schema_version": schema_version(db),
            "app_version": __version__,
            "keys": keyfile.to_document(),
            "db_size": size,
        }
        head = json.dumps(header, sort_keys=True).encode("utf-8")
        prefix = MAGIC + struct.pack(">I", len(head)) + head
        mac = hmac.new(_mac_key(key), prefix, hashlib.sha256)
        partial = Path(tmp) / "backup.part"
        # Backups are owner-only (0600), like the vault.
        with open_owner_only(partial) as fh, snap.open("rb") as src:
            fh.write(prefix)
            _copy(src, fh, mac, size)
            fh.write(mac.digest())
            fh.flush()
            os.fsync(fh.fileno())
        snap.unlink()  # no second copy of the pages on disk while the backup is moved into place
        os.replace(partial, target)


class BackupLayout(NamedTuple):
    """Where things are in a backup file: its header, where the database bytes start, and the stored MAC."""

    header: BackupHeader
    db_start: int
    mac: bytes


class BackupSource(NamedTuple):
    """A backup file whose MAC was checked, and what it holds; staged by streaming it again."""

    path: Path
    layout: BackupLayout


def _unreadable(exc: OSError) -> BadBackup:
    return BadBackup(
        tr(f"no se puede leer la copia de seguridad: {exc.strerror}", f"cannot read the backup: {exc.strerror}")
    )


def _damaged(path: Path) -> BadBackup:
    name = Path(path).name
    return BadBackup(
        tr(f"la copia de seguridad {name} está dañada o incompleta", f"the backup {name} is damaged or incomplete")
    )


def read_header(path: Path) -> BackupLayout:
    """Read a backup's header and layout (never its database bytes); BadBackup if it is no backup or malformed."""
    try:
        with Path(path).open("rb") as fh:  # a big file that is no backup is refused on its first bytes
            magic = fh.read(len(MAGIC))
            if magic != MAGIC:
                name = Path(path).name
                raise BadBackup(
                    tr(f"{name} no es una copia de seguridad de DMI Desktop", f"{name} is not a DMI Desktop backup")
                )
            size = os.fstat(fh.fileno()).st_size
            return _parse_layout(path, fh, size)
    except OSError as exc:
        raise _unreadable(exc) from None


def _parse_layout(path: Path, fh: IO[bytes], size: int) -> BackupLayout:
    """The header after the magic, checked against the file's size (a truncated file is incomplete)."""
    try:
        (head_len,) = struct.unpack(">I", fh.read(4))
        start = len(MAGIC) + 4
        if head_len > min(MAX_HEADER_BYTES, size - start):
            raise ValueError
        head = json.loads(fh.read(head_len).decode("utf-8"))
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
        if header.db_size < 0 or size != db_start + header.db_size + MAC_BYTES:
            raise ValueError
        fh.seek(size - MAC_BYTES)
        mac = fh.read(MAC_BYTES)
        if len(mac) != MAC_BYTES:
            raise ValueError
    except (KeyError, TypeError, ValueError, AttributeError, struct.error, UnicodeDecodeError):
        raise _damaged(path) from None
    return BackupLayout(header, db_start, mac)


def _altered() -> BadBackup:
    return BadBackup(tr("la copia de seguridad fue alterada o está dañada", "the backup was altered or is damaged"))


def _stream_check(path: Path, layout: BackupLayout, key: bytes, dst: IO[bytes] | None) -> None:
    """HMAC the file's body in chunks (copying its database bytes to ``dst`` when given) and compare the MAC.

    BadBackup unless the bytes read are exactly the ones the MAC vouches for.
    """
    mac = hmac.new(_mac_key(key), digestmod=hashlib.sha256)
    try:
        with Path(path).open("rb") as src:
            _copy(src, None, mac, layout.db_start)
            _copy(src, dst, mac, layout.header.db_size)
            stored = src.read(MAC_BYTES)
    except EOFError:
        raise _damaged(path) from None
    except OSError as exc:
        if dst is not None:
            raise  # the caller says which side failed (a full disk while staging is no unreadable backup)
        raise _unreadable(exc) from None
    if not (hmac.compare_digest(mac.digest(), layout.mac) and hmac.compare_digest(stored, layout.mac)):
        raise _altered()


def verify_backup(path: Path, layout: BackupLayout, key: bytes) -> None:
    """Raise BadBackup unless the MAC proves the file is intact and made with this vault's key (streamed)."""
    _stream_check(path, layout, key, None)


def open_backup(path: Path, *, passphrase: str) -> tuple[BackupHeader, BackupSource, bytes]:
    """Unlock a backup with a passphrase of one of its users and verify it; nothing is written."""
    from dmi_desktop.storage.errors import NewerSchema
    from dmi_desktop.storage.schema import latest_version

    layout = read_header(path)
    header = layout.header
    check_keys_document(header.keys, Path(path).name, BadBackup)  # before the KDF runs on its costs
    try:
        keyfile = KeyFile.from_document(header.keys, Path(path).name)
    except DamagedKeyFile:
        name = Path(path).name
        raise BadBackup(
            tr(f"la copia de seguridad {name} está dañada (llaves)", f"the backup {name} is damaged (keys)")
        ) from None
    key = resolve_access(keyfile, *keyfile.unlock_user(None, passphrase)).db_key
    verify_backup(path, layout, key)
    if header.schema_version > latest_version():
        raise NewerSchema(
            tr(
                f"la copia fue hecha por una versión más nueva de la aplicación (esquema {header.schema_version})",
                f"the backup was made by a newer version of the app (schema {header.schema_version})",
            )
        )
    return header, BackupSource(Path(path), layout), key


@contextlib.contextmanager
def staged_restore(folder: Path, source: BackupSource, key: bytes) -> Iterator[Path]:
    """Copy the backup's database next to the vault in chunks and check it opens and is intact; yield its path.

    The copy is authenticated again as it is written, so what is staged is what was verified (a file changed
    since is refused). BadBackup when it is altered or damaged. The staging folder (and the candidate, unless
    installed) is removed on exit.
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
                _stream_check(source.path, source.layout, key, fh)
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
                # The vault's own page cache (256 MB at most, as when it is open): integrity_check looks every index
                # entry up in its table, and with 8 MB it took 3.5x as long (94 s against 27 s for 800 MB).
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


def restore_files(folder: Path, keys_doc: dict, source: BackupSource, key: bytes) -> None:
    """Put the backup's database and key file into ``folder`` after checking the database opens."""
    with staged_restore(folder, source, key) as candidate:
        install_restore(folder, candidate, keys_doc)
