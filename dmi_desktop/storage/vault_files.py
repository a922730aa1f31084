"""The files a vault folder holds, and the operations on them that need no open vault: restore into an empty
folder, clean up after a failed creation, one-line reasons for file errors."""

from __future__ import annotations

import contextlib
import shutil
from datetime import UTC, datetime
from pathlib import Path

from dmi_desktop.domain.messages import message, tr
from dmi_desktop.storage.driver import Database, DatabaseError
from dmi_desktop.storage.errors import DamagedDatabase, VaultError, VaultExists
from dmi_desktop.storage.guard import is_disk_full
from dmi_desktop.storage.lock import VaultLock

DB_NAME = "vault.db"
KEYS_NAME = "vault.keys"
BACKUPS_DIR = "backups"
# Files SQLite and the key file writer may leave next to a vault; removed when a creation fails.
# The re-key's staging files (rekey_files.py) belong to the vault too: never an output, removed with it.
VAULT_FILES = (
    DB_NAME,
    f"{DB_NAME}-wal",
    f"{DB_NAME}-shm",
    f"{DB_NAME}-journal",
    f"{DB_NAME}.next",
    KEYS_NAME,
    f"{KEYS_NAME}.tmp",
    f"{KEYS_NAME}.next",
)


def is_vault(folder: Path) -> bool:
    """True when ``folder`` holds a vault (both files present)."""
    return (folder / DB_NAME).exists() and (folder / KEYS_NAME).exists()


def restore_into_empty(folder: Path, backup: Path, passphrase: str) -> None:
    """Restore a backup into a folder that holds no vault yet (not even half of one)."""
    from dmi_desktop.storage.backup import install_restore, open_backup, staged_restore

    folder = Path(folder)
    if (folder / DB_NAME).exists() or (folder / KEYS_NAME).exists():
        raise VaultExists(
            tr(
                f"ya hay archivos de una bóveda en {folder}; ábrala para restaurar sobre ella o use una carpeta vacía",
                f"{folder} already holds vault files; open it to restore over it, or use an empty folder",
            )
        )
    header, source, key = open_backup(Path(backup), passphrase=passphrase)
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise VaultError(
            tr(
                f"no se puede crear la carpeta {folder}: {exc.strerror}",
                f"cannot create the folder {folder}: {exc.strerror}",
            )
        ) from None
    lock = VaultLock(folder)
    lock.acquire()
    try:
        with staged_restore(folder, source, key) as candidate:
            install_restore(folder, candidate, header.keys)
        (folder / BACKUPS_DIR).mkdir(exist_ok=True)
    except BaseException as exc:
        remove_vault_files(folder)
        lock.release()
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, OSError):
            raise VaultError(
                tr(
                    f"no se pudo restaurar en {folder}: {reason(exc)}",
                    f"could not restore into {folder}: {reason(exc)}",
                )
            ) from None
        raise
    lock.release()


def install_restore_over(folder: Path, candidate: Path, keys: dict, safety: Path) -> None:
    """Put a checked backup in place of a closed vault; on failure say where the previous state was saved."""
    from dmi_desktop.storage.backup import install_restore

    try:
        install_restore(folder, candidate, keys)
    except OSError as exc:
        raise VaultError(
            tr(
                f"no se pudo terminar la restauración ({reason(exc)}); el estado anterior está en"
                f" {BACKUPS_DIR}/{safety.name}",
                f"could not finish the restore ({reason(exc)}); the previous state is in {BACKUPS_DIR}/{safety.name}",
            )
        ) from None


def integrity_problems(db: Database) -> list[str]:
    """``cipher_integrity_check`` (page HMACs) and ``integrity_check`` of ``db``; empty means healthy."""
    problems: list[str] = []
    for pragma in ("cipher_integrity_check", "integrity_check"):
        try:
            rows = [str(r[0]) for r in db.execute(f"PRAGMA {pragma}").fetchall()]
        except DatabaseError as exc:  # a damaged page can stop the check itself
            rows = [f"{pragma}: {reason(exc)}"]
        problems.extend(r for r in rows if r != "ok")
    return problems


def refuse_damaged(db: Database) -> None:
    """Raise DamagedDatabase listing the problems when any page fails its HMAC or the b-trees are broken."""
    problems = integrity_problems(db)
    if problems:
        raise DamagedDatabase(message("vault_damaged"), problems)


def first_coordinator(db: Database) -> str | None:
    """The vault's first coordinator: who acts when a command names no user."""
    row = db.execute("SELECT name FROM users WHERE role = 'coordinator' ORDER BY created_at, name LIMIT 1").fetchone()
    return row[0] if row else None


def remove_vault_files(folder: Path) -> None:
    """Delete the files a vault consists of (a creation or restore that failed half-way)."""
    for name in VAULT_FILES:
        with contextlib.suppress(OSError):
            (folder / name).unlink(missing_ok=True)


def reason(exc: BaseException) -> str:
    """A short, user-presentable reason from an OS or SQLite error (never a traceback); a full disk says so."""
    if is_disk_full(exc):
        return message("disk_full")
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def stamp() -> str:
    """UTC now for file names: ``20261204T183000Z``."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
