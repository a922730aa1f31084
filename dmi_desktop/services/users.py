"""Local users: add, list, remove, change passphrase (coordinators manage; everyone changes their own)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dmi_desktop.domain.errors import DmiError, ValidationError
from dmi_desktop.domain.messages import tr
from dmi_desktop.domain.models import User
from dmi_desktop.domain.roles import Role
from dmi_desktop.services.changes import ChangeKind, Changes
from dmi_desktop.services.passphrase_policy import check_passphrase

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session


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

    def remove(self, name: str) -> None:
        """Remove a user and their slot; the last coordinator and oneself cannot be removed."""
        role = self.check_removable(name)
        with self.session.vault.atomic():
            self.session.vault.remove_user(name)
            self.session.audit("user.remove", "user", name, {"role": role.value}, None)
        self.session.publish(Changes("user", ChangeKind.DELETED, (name,)))

    def change_passphrase(self, new_passphrase: str, user: str | None = None) -> None:
        """Rewrap one slot with a new passphrase: one's own, or (coordinators, after recovery) another's."""
        target = user or self.session.user
        if target != self.session.user:
            self.session.require_coordinator("cambiar la frase de acceso de otra persona")
        if target not in {u.name for u in self.list()}:
            raise DmiError(tr(f"el usuario {target!r} no existe", f"user {target!r} does not exist"))
        check_passphrase(new_passphrase, user_inputs=[target])
        with self.session.vault.atomic():
            self.session.vault.set_passphrase(target, new_passphrase)
            self.session.audit("user.passphrase", "user", target)
