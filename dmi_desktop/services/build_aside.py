"""Build a vault in a hidden sibling folder and move it into place at the end, so that a build that is killed
(SIGKILL, power cut) never leaves a half-made vault where one is expected; the next build discards the leftover."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.services.tabular import tr
from dmi_desktop.storage.errors import VaultInUse
from dmi_desktop.storage.lock import VaultLock
from dmi_desktop.storage.vault import BACKUPS_DIR, DB_NAME, KEYS_NAME

T = TypeVar("T")
_MARK = ".creando-"  # ".demo-vault.creando-4242": where process 4242 builds demo-vault


def building_folders(folder: Path) -> list[Path]:
    """The hidden build folders of ``folder`` next to it, live or left behind."""
    prefix = f".{folder.name}{_MARK}"
    if not folder.parent.is_dir():
        return []
    return sorted(p for p in folder.parent.iterdir() if p.name.startswith(prefix) and p.is_dir())


def discard_stale_builds(folder: Path) -> None:
    """Remove build folders whose builder is gone: their vault lock is free (a live build holds it)."""
    for stale in building_folders(folder):
        lock = VaultLock(stale)
        try:
            lock.acquire()
        except VaultInUse:
            continue  # another window or command is building right now
        except OSError:
            continue
        lock.release()
        shutil.rmtree(stale, ignore_errors=True)


def build_aside(folder: Path, build: Callable[[Path], T]) -> T:
    """Run ``build(scratch)`` in a sibling folder, then move the finished vault to ``folder``; return its result.

    ``folder`` may be absent, empty, or hold other files (the vault's files are moved in, the key file last: a
    vault is only usable once both are there). A build that fails or is cancelled leaves nothing behind.
    """
    folder = Path(folder)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DmiError(
            tr(f"no se puede crear la carpeta {folder.parent}: {exc.strerror}", f"cannot create {folder.parent}")
        ) from None
    discard_stale_builds(folder)
    scratch = folder.parent / f".{folder.name}{_MARK}{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        result = build(scratch)
        _move_into_place(scratch, folder)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return result


def _move_into_place(scratch: Path, folder: Path) -> None:
    """One rename when ``folder`` is absent or empty; otherwise file by file, the key file last."""
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    if not folder.exists():
        os.replace(scratch, folder)
        return
    for name in (DB_NAME, KEYS_NAME):
        os.replace(scratch / name, folder / name)
    (folder / BACKUPS_DIR).mkdir(exist_ok=True)
