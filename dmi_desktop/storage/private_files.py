"""Files only their owner may read: vault databases, backups and exports are created owner-only (0600)."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import IO

OWNER_ONLY = 0o600


def create_owner_only(path: Path) -> None:
    """Create ``path`` empty and owner-only unless it exists (SQLite then gives its WAL the same mode)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY))


def open_owner_only(path: Path) -> IO[bytes]:
    """A new file opened for binary writing, owner-only; an existing one is refused (FileExistsError).

    Only for paths inside a folder this app just created (temporary staging), where nobody else can race it.
    """
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY), "wb")


def tighten_to_owner_only(path: Path) -> None:
    """Drop group and other permissions of a file written by an older version (0644); errors are ignored."""
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)
