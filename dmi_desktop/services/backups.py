"""Backups and restores of a whole vault, audited (the UI and the CLI reach storage through here)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dmi_desktop.services.output_paths import check_output_path
from dmi_desktop.services.paths import installation_record
from dmi_desktop.storage import vault as vault_module
from dmi_desktop.storage.vault import Vault

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

log = logging.getLogger(__name__)
# Asked before a restore replaces anything: None for the same vault, else "este respaldo es de la bóveda «X» …".
Confirm = Callable[[str | None], bool]


@dataclass(frozen=True)
class Restored:
    """What a restore did: where the replaced vault was saved (None into an empty folder), and what to tell."""

    safety_backup: Path | None
    notices: list[str]


def has_vault(folder: Path) -> bool:
    """True when ``folder`` holds any vault file (a damaged half-vault counts: never overwrite it silently)."""
    folder = Path(folder)
    return (folder / vault_module.DB_NAME).exists() or (folder / vault_module.KEYS_NAME).exists()


def backup(session: Session, out: Path) -> Path:
    """Write one encrypted, owner-only backup file of the session's vault and record it in the audit chain.

    OutputRefused when ``out`` is one of the vault's own files (its database, keys, lock or kept backups).
    """
    out = check_output_path(out, session.folder)
    session.vault.backup_to(out)
    # Audited directly (not through session.write): viewers may take backups too, it reveals nothing new.
    with session.vault.atomic():
        session.audit("vault.backup", "vault", session.vault.meta("vault_id") or "", None, {"file": out.name})
    log.info("backup written")
    return out


def restore(session: Session, backup_file: Path, passphrase: str, confirm: Confirm | None = None) -> Restored:
    """Replace the session's vault with a backup opened by ``passphrase``; returns the safety backup's path.

    Only coordinators may do this. The backup is verified before anything is touched; then ``confirm`` is
    asked — with None for a backup of this same vault, with a sentence naming both vaults for another vault's
    (without ``confirm`` such a backup is refused). The session is closed afterwards (its vault was replaced).
    """
    session.require_coordinator("restaurar copias de seguridad")
    backup_file = Path(backup_file)
    folder = session.folder
    safety = session.vault.restore_from(backup_file, passphrase, confirm)
    session.close()
    notices = _audit_restored(folder, passphrase, {"file": backup_file.name, "safety_backup": safety.name})
    return Restored(safety, notices)


def restore_into_empty(folder: Path, backup_file: Path, passphrase: str) -> Restored:
    """Restore a backup into a folder that holds no vault yet (a new laptop, a lost one replaced)."""
    backup_file = Path(backup_file)
    vault_module.restore_into_empty(Path(folder), backup_file, passphrase)
    return Restored(None, _audit_restored(Path(folder), passphrase, {"file": backup_file.name}))


def _audit_restored(folder: Path, passphrase: str, details: dict) -> list[str]:
    """Record the restore inside the restored vault itself, so its own history shows where it came from.

    Opened through this installation's record: a restored vault is an older copy, so it gets a new device
    identity before anything is appended (its old chain's sequence numbers were already used).
    """
    vault = Vault.unlock(folder, passphrase, installation=installation_record())
    notices = list(vault.notices)
    try:
        with vault.atomic():
            vault.audit.append(
                vault.user, "vault.restore", "vault", vault.meta("vault_id") or "", payload={"after": details}
            )
    finally:
        vault.close()
    log.info("vault restored from a backup")
    return notices
