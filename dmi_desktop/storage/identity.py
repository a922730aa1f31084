"""Device identity that follows the installation: detect copied or restored vaults and renew their identity.

See installation.py for the record kept outside the vault. A renewed identity has a new device id (its own
audit chain and sequences), the next epoch and a new device code (so new case numbers cannot collide with
the original's); the old identity stays listed in ``device_identities``, its audit chain untouched.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from dmi_desktop.domain.messages import tr
from dmi_desktop.storage import audit_incident
from dmi_desktop.storage.installation import Binding, InstallationRecord, new_token

if TYPE_CHECKING:
    from dmi_desktop.storage.vault import Vault

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def random_device_code(avoid: str = "") -> str:
    """Four characters that cannot be misread (no 0/O, 1/I), different from ``avoid``."""
    while True:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(4))
        if code != avoid:
            return code


def record_first_identity(vault: Vault, reason: str) -> None:
    """Write the first identity row of a new vault (inside the creating transaction)."""
    vault.db.execute(
        "INSERT INTO device_identities (device_id, device_code, epoch, started_at, reason) VALUES (?, ?, 1, ?, ?)",
        (vault.device_id, vault.device_code, _now(), reason),
    )


def settle(vault: Vault, record: InstallationRecord | None, *, adopt: bool) -> str | None:
    """Check the vault's identity and the end of its audit chain against this installation at unlock.

    A copied or restored vault gets a new identity (returns the notice for the user). An audit chain whose end
    disagrees with its stored head or with what this computer recorded gets an incident (its notice is added
    to ``vault.notices``). ``adopt`` binds a vault that comes from a version without installation records
    (just migrated) to this installation as it is.
    """
    vault_id = vault.meta("vault_id") or ""
    token = vault.meta("open_token")
    binding, mark, unknown = Binding.CURRENT, None, False
    if record is not None and not adopt:
        binding = record.binding(vault_id, vault.device_id, token)
        mark, unknown = record.mark(vault_id, vault.device_id, token)
    # Checked before anything is appended or recorded: the next entry or token would paper over a cut end.
    # A copy or a restored backup is older than what this computer saw, yet must still hold the entry this
    # computer recorded with the token it carries; only a copy's token it never issued is suspect.
    problem = audit_incident.find_tail_problem(
        vault.db, vault.device_id, mark, unknown_token=unknown and binding is Binding.STALE
    )
    notice = None
    if record is not None and binding is not Binding.CURRENT:
        # A renewed identity starts a new chain: the incident goes there, never reusing the old sequences.
        notice = renew(vault, record, binding)
    if problem is not None:
        with vault.atomic():
            vault.notices.append(audit_incident.record(vault.audit, vault.user, vault_id, problem))
    if record is not None:
        rotate_token(vault, record)
    return notice


def rotate_token(vault: Vault, record: InstallationRecord) -> None:
    """A new token (unlock, close, backup), recorded here first with the chain's end (pending), then in the
    vault, then confirmed."""
    vault_id = vault.meta("vault_id") or ""
    token = new_token()
    record.propose(vault_id, vault.device_id, token, vault.audit.end())
    with vault.atomic():
        vault.set_meta("open_token", token)
    record.confirm(vault_id, vault.device_id, token)


def renew(vault: Vault, record: InstallationRecord, binding: Binding) -> str:
    """Give the vault a new device id, epoch and device code (one transaction, audited); return the notice."""
    old_id, old_code = vault.device_id, vault.device_code
    epoch = int(vault.meta("device_epoch") or "1") + 1
    new_id, new_code = str(uuid.uuid4()), random_device_code(avoid=old_code)
    reason = "copied" if binding is Binding.STALE else "new_installation"
    with vault.atomic():
        vault.set_meta("device_id", new_id)
        vault.set_meta("device_code", new_code)
        vault.set_meta("device_epoch", str(epoch))
        vault.db.execute("DELETE FROM sequences WHERE name LIKE 'case_no:%'")  # the new code starts its own
        vault.db.execute(
            "INSERT INTO device_identities (device_id, device_code, epoch, started_at, reason) VALUES (?, ?, ?, ?, ?)",
            (new_id, new_code, epoch, _now(), reason),
        )
        vault.adopt_device(new_id, new_code)
        vault.audit.append(
            vault.user,
            "vault.identity_renewed",
            "vault",
            vault.meta("vault_id") or "",
            fields=("device_id", "device_code"),
            payload={
                "before": {"device_code": old_code, "device_id": old_id},
                "after": {"epoch": epoch, "device_code": new_code, "device_id": new_id, "reason": reason},
            },
        )
    # The old identity stays recorded: on this computer the original folder may still be in use with it.
    if binding is Binding.STALE:
        why = tr(
            "Esta bóveda es una copia de otra carpeta o una copia de seguridad restaurada.",
            "This vault is a copy of another folder or a restored backup.",
        )
    else:
        why = tr(
            "Esta bóveda se abre por primera vez en este computador (fue copiada desde otro).",
            "This vault is opened on this computer for the first time (it was copied from another one).",
        )
    return (
        why
        + " "
        + tr(
            f"Para que sus registros nunca se confundan con los del original, este equipo recibió una identidad"
            f" nueva: código {new_code} (antes {old_code}); los números de caso nuevos empezarán por {new_code}.",
            f"So that its records can never be mistaken for the original's, this device got a new identity: code"
            f" {new_code} (was {old_code}); new case numbers will start with {new_code}.",
        )
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
