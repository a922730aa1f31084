"""Helpers for storage tests: fingerprints of a vault folder, byte flips, raw tampering."""

from __future__ import annotations

import hashlib
from pathlib import Path

from dmi_desktop.storage.lock import LOCK_NAME


def fingerprint(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (the empty lock file aside): equal fingerprints = nothing changed."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != LOCK_NAME
    }


def flip_byte(path: Path, offset: int, mask: int = 0xFF) -> None:
    """XOR one byte of a file (a negative offset counts from the end)."""
    data = bytearray(path.read_bytes())
    data[offset] ^= mask
    path.write_bytes(bytes(data))


def every_file_bytes(folder: Path) -> dict[str, bytes]:
    """The bytes of every file under ``folder``, recursively."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
