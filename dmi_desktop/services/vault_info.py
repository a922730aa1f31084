"""What can be known about a vault folder before unlocking it: does it exist, who can open it."""

from __future__ import annotations

from pathlib import Path

from dmi_desktop.storage.errors import WrongPassphrase
from dmi_desktop.storage.keyslots import KeyFile
from dmi_desktop.storage.lock import vault_in_use as _lock_held
from dmi_desktop.storage.vault import DB_NAME, KEYS_NAME


def vault_present(folder: Path) -> bool:
    """True when ``folder`` holds any vault file (a damaged half-vault counts: never offer to overwrite it)."""
    folder = Path(folder)
    return (folder / DB_NAME).exists() or (folder / KEYS_NAME).exists()


def vault_in_use(folder: Path) -> bool:
    """True when the vault in ``folder`` is already open in another window or program (its lock is held)."""
    return _lock_held(Path(folder))


def vault_users(folder: Path) -> list[str]:
    """Names with a passphrase slot, in creation order (read from vault.keys; nothing is decrypted).

    Raises DamagedKeyFile when the key file is missing or altered.
    """
    return KeyFile.load(Path(folder) / KEYS_NAME).users()


def is_wrong_passphrase(exc: BaseException) -> bool:
    """True when an unlock failed only because the passphrase or recovery key did not match."""
    return isinstance(exc, WrongPassphrase)


def passphrase_opens(folder: Path, user: str, passphrase: str) -> bool:
    """Whether ``passphrase`` opens ``user``'s slot (slow on purpose: one key derivation; run off the GUI thread)."""
    try:
        KeyFile.load(Path(folder) / KEYS_NAME).unlock_user(user, passphrase)
    except WrongPassphrase:
        return False
    return True
