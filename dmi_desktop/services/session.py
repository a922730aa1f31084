"""An unlocked vault plus the acting user: the facade the UI and the CLI talk to."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from dmi_desktop.domain import roles
from dmi_desktop.domain.errors import PermissionDenied
from dmi_desktop.domain.roles import Role
from dmi_desktop.services.changes import ChangeBus, Changes
from dmi_desktop.services.passphrase_policy import check_passphrase
from dmi_desktop.storage.audit import VerifyResult
from dmi_desktop.storage.driver import Database
from dmi_desktop.storage.keyslots import DEFAULT_UNLOCK_SECONDS, KdfParams
from dmi_desktop.storage.schema import schema_version
from dmi_desktop.storage.vault import Vault


class Session:
    """Who is working on which vault; every service checks permissions against it."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.user = vault.user
        role = vault.role_of(vault.user)
        if role is None:
            raise PermissionDenied(f"el usuario {vault.user!r} no existe en esta bóveda")
        self.role: Role = role
        self.bus = ChangeBus()
        self.folder = vault.folder
        self._build_services()

    def _build_services(self) -> None:
        from dmi_desktop.services.participants import ParticipantService
        from dmi_desktop.services.users import UserService

        self.participants = ParticipantService(self)
        self.users = UserService(self)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        folder: Path,
        *,
        user: str,
        passphrase: str,
        organisation: str = "",
        device_code: str | None = None,
        kdf: KdfParams | None = None,
        unlock_seconds: float = DEFAULT_UNLOCK_SECONDS,
    ) -> tuple[Session, str]:
        """Create a vault and return the open session and the recovery key (to show once).

        A weak passphrase is refused (ValidationError) before anything is written.
        """
        check_passphrase(passphrase, user_inputs=[user, organisation])
        vault, recovery = Vault.create(
            Path(folder),
            user=user,
            passphrase=passphrase,
            organisation=organisation,
            device_code=device_code,
            kdf=kdf,
            unlock_seconds=unlock_seconds,
        )
        return cls(vault), recovery

    @classmethod
    def unlock(cls, folder: Path, passphrase: str, user: str | None = None) -> Session:
        """Unlock with a passphrase (slow on purpose: run off the GUI thread)."""
        return cls._audited(Vault.unlock(Path(folder), passphrase, user), "vault.unlock")

    @classmethod
    def unlock_with_recovery(cls, folder: Path, recovery_key: str, user: str | None = None) -> Session:
        """Unlock with the recovery key, acting as ``user`` (default: first coordinator)."""
        return cls._audited(Vault.unlock_with_recovery(Path(folder), recovery_key, user), "vault.recovery_unlock")

    @classmethod
    def _audited(cls, vault: Vault, action: str) -> Session:
        try:
            session = cls(vault)
            with vault.atomic():
                vault.audit.append(session.user, action, "vault", vault.meta("vault_id") or "")
        except BaseException:
            vault.close()
            raise
        return session

    def close(self) -> None:
        """Lock: close the database and forget the key."""
        if self.vault.is_open:
            self.vault.close()

    lock = close

    def reopen(self, passphrase: str) -> None:
        """Unlock again as the same user after a lock (auto-lock); the same Session object stays valid.

        Views must reach services through ``session.participants`` etc. each time, never keep old ones.
        """
        vault = Vault.unlock(self.folder, passphrase, self.user)
        try:
            with vault.atomic():
                vault.audit.append(self.user, "vault.unlock", "vault", vault.meta("vault_id") or "")
        except BaseException:
            vault.close()
            raise
        self.vault = vault
        self._build_services()

    @property
    def is_open(self) -> bool:
        """False after close()."""
        return self.vault.is_open

    # -- shared helpers for services -----------------------------------------------------------

    def require_write(self, action: str) -> None:
        """Refuse viewers before any work is done (the same check ``write`` makes)."""
        if not roles.can_write(self.role):
            raise PermissionDenied(f"su rol ({self.role.value}) solo permite consultar: no puede {action}")

    @contextlib.contextmanager
    def write(self, action: str) -> Iterator[Database]:
        """A transaction for a write the role must allow (viewers are refused here, in the service)."""
        self.require_write(action)
        with self.vault.atomic() as db:
            yield db

    def require_restricted(self) -> None:
        """Banked cases and evidence references are for coordinators only."""
        if not roles.can_see_restricted(self.role):
            raise PermissionDenied("solo coordinadores acceden al caso en reserva")

    def require_coordinator(self, what: str) -> None:
        """Administration (users, restore) is for coordinators."""
        if not roles.can_manage_users(self.role):
            raise PermissionDenied(f"solo coordinadores pueden {what}")

    def audit(
        self, action: str, entity: str, entity_id: str, before: dict | None = None, after: dict | None = None
    ) -> None:
        """Append to the audit chain as the session's user (inside the caller's transaction)."""
        self.vault.audit.append(self.user, action, entity, entity_id, before, after)

    def publish(self, changes: Changes) -> None:
        """Tell listeners (the UI's signal hub) what changed, after commit."""
        self.bus.publish(changes)

    def verify_audit(self) -> VerifyResult:
        """Walk the audit chain."""
        return self.vault.audit.verify()

    @property
    def organisation(self) -> str:
        """Organisation name stored in the vault."""
        return self.vault.meta("organisation") or ""

    @property
    def schema_version(self) -> int:
        """The vault's schema version (exports carry it; an import from a newer one is refused)."""
        return schema_version(self.vault.db)

    @property
    def device_code(self) -> str:
        """This laptop's short code (inside every case number)."""
        return self.vault.device_code
