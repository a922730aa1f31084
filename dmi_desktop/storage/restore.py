"""Restoring a backup over an open vault: the backup is checked first, and a backup of *another* vault (another
vault id) is only put in place when the caller confirms a question naming both vaults."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dmi_desktop.domain.messages import tr
from dmi_desktop.storage.backup import open_backup, staged_restore
from dmi_desktop.storage.connection import open_database
from dmi_desktop.storage.errors import OtherVaultBackup, VaultError
from dmi_desktop.storage.vault_files import BACKUPS_DIR, install_restore_over, stamp

if TYPE_CHECKING:
    from dmi_desktop.storage.vault import Vault

# Asked once the backup has been verified and before anything changes: None for a backup of this same vault,
# else the sentence naming both vaults. False cancels the restore.
Confirm = Callable[[str | None], bool]


@dataclass(frozen=True)
class VaultName:
    """How a vault is named to a person: its organisation (clear to them) and the start of its id (exact)."""

    vault_id: str
    organisation: str

    def __str__(self) -> str:
        name = self.organisation or tr("sin nombre", "unnamed")
        return f"«{name}» (id {self.vault_id[:8]})"


def other_vault_text(backup: VaultName, ours: VaultName) -> str:
    """ "este respaldo es de la bóveda «X» (id …), no de «Y» (id …)"."""
    return tr(
        f"este respaldo es de la bóveda {backup}, no de {ours}",
        f"this backup is of the vault {backup}, not of {ours}",
    )


def _organisation_in(candidate: Path, key: bytes) -> str:
    """The organisation recorded inside a staged backup database (read there: the header carries no names)."""
    db = open_database(candidate, key)
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'organisation'").fetchone()
        db.execute("PRAGMA journal_mode = DELETE")  # leave the staged file as staged_restore left it
    finally:
        db.close()
    return str(row[0]) if row and row[0] else ""


def restore_over(vault: Vault, backup: Path, passphrase: str, confirm: Confirm | None = None) -> Path:
    """Replace ``vault`` with ``backup``; return the safety backup taken of the replaced state. The vault closes.

    Nothing changes when the backup is refused (wrong passphrase, altered, damaged, newer schema), when it is
    another vault's and ``confirm`` is missing or says no, or when the safety backup cannot be written.
    """
    header, source, key = open_backup(backup, passphrase=passphrase)
    ours = VaultName(vault.keyfile.vault_id, vault.meta("organisation") or "")
    with staged_restore(vault.folder, source, key) as candidate:
        question = None
        if header.vault_id != ours.vault_id:
            question = other_vault_text(VaultName(header.vault_id, _organisation_in(candidate, key)), ours)
            if confirm is None:
                raise OtherVaultBackup(
                    tr(f"{question}: no se restauró (confírmelo)", f"{question}: not restored (confirm it)")
                )
        if confirm is not None and not confirm(question):
            raise VaultError(tr("cancelado: no se restauró nada", "cancelled: nothing was restored"))
        safety = vault.backup_to(vault.folder / BACKUPS_DIR / f"antes-de-restaurar-{stamp()}.dmibackup")
        vault.close_keeping_lock()  # the new files go in while no other process can open the folder
        try:
            install_restore_over(vault.folder, candidate, header.keys, safety)
        finally:
            vault.close()
    return safety
