"""The installation record: which device identity each vault holds on this computer, kept outside the vault.

A device id belongs to an installation, not to a file. Every unlock writes a fresh random token both into
the vault and into this record; a vault whose token is not the one recorded here is a copy of a folder, a
backup put back, or a vault seen for the first time on this computer, and gets a new device identity so the
per-device sequences (audit chain, case numbers, sync bundles) never repeat.

Each token is recorded with the end (sequence and hash) of the device's audit chain when it was issued: a vault
that carries the token must still hold that entry, so a chain cut or rewound behind the app's back is noticed
even when its stored head was rewound with it (see audit_incident.py). The record holds only random ids,
tokens, sequence numbers and hashes: no names, no keys, nothing about participants.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import tempfile
import uuid
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from dmi_desktop.domain.messages import tr
from dmi_desktop.storage.errors import VaultError

log = logging.getLogger(__name__)

RECORD_NAME = "installation.json"
FORMAT = "dmi-installation"
MARKS_KEPT = 1000  # tokens remembered per identity (one per unlock, close or backup); older ones are forgotten

ChainEnd = tuple[int, str]  # (sequence, hash) of the last entry of a device's audit chain; (0, GENESIS) if empty


class Binding(StrEnum):
    """How a vault's identity relates to this installation."""

    CURRENT = "current"  # the token in the vault is the one recorded: the same vault, moved on normally
    STALE = "stale"  # recorded with another token: a copied folder or a restored backup
    UNKNOWN = "unknown"  # never opened here: copied from another computer (or the record was lost)


def new_token() -> str:
    """A random token for one unlock."""
    return secrets.token_hex(16)


class InstallationRecord:
    """``installation.json`` in the user's data folder: vault id + device id -> the last token written."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    # -- queries ---------------------------------------------------------------------------------

    def binding(self, vault_id: str, device_id: str, token: str | None) -> Binding:
        """Whether the vault's ``token`` is the one this installation wrote last for that identity."""
        entry = self._load().get("vaults", {}).get(_key(vault_id, device_id))
        if entry is None:
            return Binding.UNKNOWN
        # A crash between writing the vault and this record leaves the new token pending: both are ours.
        if token and token in (entry.get("token"), entry.get("pending")):
            return Binding.CURRENT
        return Binding.STALE

    def mark(self, vault_id: str, device_id: str, token: str | None) -> tuple[ChainEnd | None, bool]:
        """The chain end recorded when ``token`` was issued (None if not recorded), and whether the token is
        unknown to a record that holds every token it issued for this identity (none was ever forgotten)."""
        entry = self._load().get("vaults", {}).get(_key(vault_id, device_id))
        if not isinstance(entry, dict):
            return None, False
        marks = entry.get("marks")
        marks = marks if isinstance(marks, dict) else {}
        found = marks.get(token or "")
        if isinstance(found, list) and len(found) == 2 and isinstance(found[0], int) and isinstance(found[1], str):
            return (found[0], found[1]), False
        return None, bool(entry.get("complete"))

    @property
    def installation_id(self) -> str:
        """This installation's own random id (created on first use)."""
        return str(self._load().get("installation_id", ""))

    # -- updates (each one atomic, under a lock shared by every process of this user) ----------------

    def propose(self, vault_id: str, device_id: str, token: str, end: ChainEnd | None = None) -> None:
        """Record ``token`` as pending (with the chain's committed ``end``) before the vault is written with it."""
        with self._editing() as doc:
            entry = doc["vaults"].setdefault(_key(vault_id, device_id), {})
            _add_mark(entry, token, end)
            entry["pending"] = token

    def confirm(self, vault_id: str, device_id: str, token: str, end: ChainEnd | None = None) -> None:
        """The vault now holds ``token``: make it the recorded one (``end``: its chain's end, if not proposed)."""
        with self._editing() as doc:
            entry = doc["vaults"].setdefault(_key(vault_id, device_id), {})
            _add_mark(entry, token, end)
            entry.pop("pending", None)
            entry["token"] = token

    def forget(self, vault_id: str, device_id: str) -> None:
        """Drop an identity this installation no longer uses (after it was renewed)."""
        with self._editing() as doc:
            doc["vaults"].pop(_key(vault_id, device_id), None)

    # -- file handling ----------------------------------------------------------------------------

    def _load(self) -> dict[str, Any]:
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            # A damaged record only costs new identities (safe): never a refusal to open a vault.
            log.warning("installation record unreadable; vaults will get new device identities")
            return {}
        return doc if isinstance(doc, dict) and doc.get("format") == FORMAT else {}

    @contextlib.contextmanager
    def _editing(self) -> Iterator[dict[str, Any]]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.path) + ".lock", timeout=10)
            with lock:
                doc = self._load() or {"format": FORMAT, "installation_id": str(uuid.uuid4())}
                if not isinstance(doc.get("vaults"), dict):
                    doc["vaults"] = {}
                yield doc
                self._write(doc)
        except Timeout:
            raise VaultError(
                tr(
                    f"otro programa tiene ocupado el registro de instalación {self.path}",
                    f"another program holds the installation record {self.path}",
                )
            ) from None
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise VaultError(
                tr(
                    f"no se pudo escribir el registro de instalación {self.path}: {reason}",
                    f"cannot write the installation record {self.path}: {reason}",
                )
            ) from None

    def _write(self, doc: dict[str, Any]) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".installation-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(doc, fh, sort_keys=True, indent=1)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _key(vault_id: str, device_id: str) -> str:
    return f"{vault_id}/{device_id}"


def _add_mark(entry: dict[str, Any], token: str, end: ChainEnd | None) -> None:
    """Remember the chain's end under ``token``; the record stays complete while no token was ever missed."""
    if not isinstance(entry.get("marks"), dict):
        # An identity recorded by a version without marks has tokens this record cannot vouch for.
        entry["complete"] = not entry.get("token") and not entry.get("pending")
        entry["marks"] = {}
    if end is None:
        return
    marks = entry["marks"]
    marks.pop(token, None)
    marks[token] = [int(end[0]), str(end[1])]
    while len(marks) > MARKS_KEPT:
        marks.pop(next(iter(marks)))
        entry["complete"] = False
