"""One process per vault: an OS file lock held while the vault is open."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from dmi_desktop.domain.messages import tr
from dmi_desktop.storage.errors import VaultInUse

LOCK_NAME = "vault.lock"


class VaultLock:
    """Exclusive, non-blocking lock on ``<vault>/vault.lock`` (released on close or process exit)."""

    def __init__(self, folder: Path) -> None:
        self._lock = FileLock(str(folder / LOCK_NAME), timeout=0)

    def acquire(self) -> None:
        """Take the lock or raise VaultInUse at once."""
        try:
            self._lock.acquire()
        except Timeout:
            raise VaultInUse(
                tr(
                    "la bóveda está en uso por otro programa o ventana (ciérrelo e intente de nuevo)",
                    "the vault is in use by another program or window (close it and try again)",
                )
            ) from None

    def release(self) -> None:
        """Give the lock back."""
        if self._lock.is_locked:
            self._lock.release(force=True)


def vault_in_use(folder: Path) -> bool:
    """True when another process (or window) holds ``folder``'s lock: tried and given back at once."""
    if not (folder / LOCK_NAME).exists():
        return False  # never held since the vault was made: nothing to probe (and nothing created here)
    probe = VaultLock(folder)
    try:
        probe.acquire()
    except VaultInUse:
        return True
    probe.release()
    return False
