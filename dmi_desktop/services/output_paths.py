"""Where exports, backups and printouts may be written: never over a vault's own files, and owner-only (0600).

Backups, every export, the recovery sheet and the UI's save dialogs all ask ``check_output_path`` first.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.messages import tr
from dmi_desktop.services.paths import data_home
from dmi_desktop.storage.installation import RECORD_NAME
from dmi_desktop.storage.lock import LOCK_NAME
from dmi_desktop.storage.private_files import OWNER_ONLY
from dmi_desktop.storage.vault_files import BACKUPS_DIR, DB_NAME, KEYS_NAME, VAULT_FILES

# The files a vault folder consists of (database, its WAL and journal, key slots, lock): never an output.
PROTECTED_NAMES = frozenset({*VAULT_FILES, LOCK_NAME})


class OutputRefused(DmiError):
    """An output path that would replace a vault's own file; nothing was written."""


def _refused(path: Path, what: str) -> OutputRefused:
    return OutputRefused(
        tr(
            f"{path} es un archivo de la bóveda ({what}) y no se puede reemplazar; elija otro nombre o carpeta",
            f"{path} is one of the vault's own files ({what}) and cannot be replaced; choose another name or folder",
        )
    )


def _holds_vault(folder: Path) -> bool:
    return (folder / DB_NAME).exists() or (folder / KEYS_NAME).exists()


def check_output_path(target: Path | str, vault_folder: Path | None = None) -> Path:
    """``target`` with symlinks and ``..`` resolved; OutputRefused when it is a vault's own file.

    Refused, with or without --force: the database, WAL, key file and lock of ``vault_folder`` or of any folder
    holding a vault, anything inside ``vault_folder``'s own backups folder, the same files reached through a
    hard link (or another spelling on a case-insensitive disk), and this installation's identity record.
    """
    path = Path(target).expanduser()
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: nothing sensible can be written there
        raise OutputRefused(
            tr(f"no se puede usar la ruta {path} (enlaces en bucle)", f"cannot use the path {path} (a symlink loop)")
        ) from None
    folder = Path(vault_folder).expanduser().resolve() if vault_folder is not None else None
    if resolved.name in PROTECTED_NAMES and (resolved.parent == folder or _holds_vault(resolved.parent)):
        raise _refused(path, resolved.name)
    if folder is not None:
        backups = folder / BACKUPS_DIR
        if resolved == backups or backups in resolved.parents:
            raise _refused(path, f"{BACKUPS_DIR}/")
        if resolved.exists():
            for name in sorted(PROTECTED_NAMES):
                own = folder / name
                with contextlib.suppress(OSError):
                    if own.exists() and os.path.samefile(resolved, own):
                        raise _refused(path, name)
    if resolved == data_home().resolve() / RECORD_NAME:
        raise _refused(path, RECORD_NAME)
    return resolved


@contextlib.contextmanager
def atomic_output(out: Path) -> Iterator[IO[bytes]]:
    """An owner-only temporary file next to ``out`` that replaces it only once written; removed otherwise.

    A failure or a cancel leaves no half file, and an existing ``out`` stays as it was.
    """
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        reason = exc.strerror or exc
        raise DmiError(
            tr(f"no se pudo escribir en {out.parent}: {reason}", f"cannot write in {out.parent}: {reason}")
        ) from None
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, OWNER_ONLY)  # mkstemp's mode already; said explicitly because the file keeps it
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        reason = exc.strerror or exc
        raise DmiError(tr(f"no se pudo escribir {out.name}: {reason}", f"cannot write {out.name}: {reason}")) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
