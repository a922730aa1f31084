"""Local users: add, list, remove, change passphrase (coordinators manage; everyone changes their own)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dmi_desktop.domain.errors import DmiError, ValidationError
from dmi_desktop.domain.messages import tr
from dmi_desktop.domain.models import User
from dmi_desktop.domain.roles import Role
from dmi_desktop.services.changes import ChangeKind, Changes
from dmi_desktop.services.passphrase_policy import check_passphrase

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session


@dataclass(frozen=True)
class Rekeyed:
    """After a re-key: users the new key could not reach, and the vault's own backups still under an old key."""

    dropped_users: list[str]
    old_backups: list[Path]
    recovery_dropped: bool

    def notices(self) -> list[str]:
        """What the user must be told after the re-key."""
        told = self.problems()
        if self.old_backups:
            told.append(
                tr(
                    f"{len(self.old_backups)} respaldos de la carpeta de la bóveda aún se abren con la llave y las"
                    " frases anteriores",
                    f"{len(self.old_backups)} backups in the vault's folder still open with the previous key and"
                    " passphrases",
                )
            )
        return told

    def problems(self) -> list[str]:
        """What the re-key could not reach (users to reset, a recovery key to replace)."""
        told = []
        if self.dropped_users:
            names = ", ".join(self.dropped_users)
            told.append(
                tr(
                    f"la nueva llave no pudo entregarse a: {names}; restablezca su frase de acceso (passphrase reset)",
                    f"the new key could not be given to: {names}; reset their passphrase (passphrase reset)",
                )
            )
        if self.recovery_dropped:
            told.append(
                tr(
                    "la clave de recuperación anterior ya no abre la bóveda: genere otra (recovery-key regenerate)",
                    "the previous recovery key no longer opens the vault: generate a new one (recovery-key regenerate)",
                )
            )
        return told


class UserService:
    """Users live in the encrypted database (roles) and in vault.keys (one slot each)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self) -> list[User]:
        """Every user with their role."""
        return [User(name, role) for name, role in self.session.vault.users()]

    def add(self, name: str, role: Role | str, passphrase: str) -> User:
        """Create a user with their own passphrase slot."""
        self.session.require_coordinator("agregar usuarios")
        name = name.strip()
        if not name or len(name) > 60 or not name.isprintable():
            raise ValidationError(
                {
                    "name": tr(
                        "nombre de usuario no válido (1 a 60 caracteres visibles)",
                        "invalid user name (1 to 60 visible characters)",
                    )
                }
            )
        try:
            role = Role(role)
        except ValueError:
            raise ValidationError(
                {
                    "role": tr(
                        f"rol desconocido {role!r} (coordinator, staff, viewer)",
                        f"unknown role {role!r} (coordinator, staff, viewer)",
                    )
                }
            ) from None
        check_passphrase(passphrase, user_inputs=[name])
        with self.session.vault.atomic():
            self.session.vault.add_user(name, role, passphrase)
            self.session.audit("user.add", "user", name, None, {"role": role.value})
        self.session.publish(Changes("user", ChangeKind.CREATED, (name,)))
        return User(name, role)

    def check_removable(self, name: str) -> Role:
        """The role of ``name`` if this session may remove them, else DmiError saying why (checked before asking)."""
        self.session.require_coordinator("eliminar usuarios")
        users = {u.name: u.role for u in self.list()}
        if name not in users:
            raise DmiError(tr(f"el usuario {name!r} no existe", f"user {name!r} does not exist"))
        if name == self.session.user:
            raise DmiError(tr("no puede eliminar su propio usuario", "you cannot remove your own user"))
        coordinators = [n for n, r in users.items() if r is Role.COORDINATOR]
        if users[name] is Role.COORDINATOR and len(coordinators) == 1:
            raise DmiError(tr("no se puede eliminar al último coordinador", "the last coordinator cannot be removed"))
        return users[name]

    def remove(self, name: str) -> Rekeyed:
        """Remove a user and their slot, then re-key: her old vault.keys opens nothing written afterwards.

        The last coordinator and oneself cannot be removed.
        """
        role = self.check_removable(name)
        with self.session.vault.atomic():
            self.session.vault.remove_user(name)
            self.session.audit("user.remove", "user", name, {"role": role.value}, None)
        self.session.publish(Changes("user", ChangeKind.DELETED, (name,)))
        return self._rekey("user.remove")

    def regenerate_recovery(self) -> tuple[str, Rekeyed]:
        """A new recovery key (shown once) replaces the old one, and the vault is re-keyed so the old one opens
        nothing written afterwards, even with a copy of the old vault.keys."""
        self.session.require_coordinator("generar una nueva clave de recuperación")
        with self.session.vault.atomic():
            recovery = self.session.vault.regenerate_recovery()
            self.session.audit("vault.recovery_regenerated", "vault", self.session.vault.meta("vault_id") or "")
        return recovery, self._rekey("vault.recovery_regenerated")

    def _rekey(self, reason: str) -> Rekeyed:
        result = self.session.vault.rekey(reason)
        return Rekeyed(result.dropped_users, self.old_backups(), result.recovery_dropped)

    def old_backups(self) -> list[Path]:
        """The vault's own backups (all written under an earlier key: they still open with the old passphrases)."""
        folder = self.session.folder / "backups"
        return sorted(folder.glob("*.dmibackup")) if folder.is_dir() else []

    def delete_old_backups(self, files: list[Path]) -> int:
        """Delete backups the vault keeps in its own folder (after a re-key), audited; returns how many went.

        Offered to whoever just re-keyed, whatever their role: the files open with the old (perhaps compromised)
        passphrases, and anyone who can use this laptop could delete them from the file manager anyway.
        """
        own = {p.resolve() for p in self.old_backups()}
        gone = 0
        for path in files:
            if Path(path).resolve() in own:
                Path(path).unlink(missing_ok=True)
                gone += 1
        with self.session.vault.atomic():
            self.session.audit(
                "vault.old_backups_deleted", "vault", self.session.vault.meta("vault_id") or "", None, {"count": gone}
            )
        return gone

    def change_passphrase(
        self, new_passphrase: str, user: str | None = None, *, compromised: bool = False
    ) -> Rekeyed | None:
        """Rewrap one slot with a new passphrase: one's own, or (coordinators, after recovery) another's.

        ``compromised``: the old passphrase may be known to someone; the slot gets a new key pair and the vault
        is re-keyed, so the old passphrase with a copy of the old vault.keys opens nothing written afterwards.
        """
        target = user or self.session.user
        if target != self.session.user:
            self.session.require_coordinator("cambiar la frase de acceso de otra persona")
        if target not in {u.name for u in self.list()}:
            raise DmiError(tr(f"el usuario {target!r} no existe", f"user {target!r} does not exist"))
        check_passphrase(new_passphrase, user_inputs=[target])
        with self.session.vault.atomic():
            self.session.vault.set_passphrase(target, new_passphrase, new_key_pair=compromised)
            self.session.audit("user.passphrase", "user", target, None, {"compromised": True} if compromised else None)
        return self._rekey("user.passphrase_compromised") if compromised else None
