"""User commands: user add, user list, user remove (coordinators manage users)."""

from __future__ import annotations

import argparse

from dmi_desktop.cli.access import Context, new_passphrase
from dmi_desktop.cli.io import confirm, emit_json, out, require_confirmable, table, tr
from dmi_desktop.cli.key_commands import after_rekey, old_backups_option
from dmi_desktop.cli.parsing import group, leaf
from dmi_desktop.domain.messages import language
from dmi_desktop.domain.roles import ROLE_LABELS, Role


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``user add|list|remove``."""
    users = group(commands, "user", tr("usuarios de la bóveda", "vault users"))
    p = leaf(users, "add", tr("agregar un usuario", "add a user"), run_add)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=tr("frase del nuevo usuario en FILE (o DMI_NEW_PASSPHRASE)", "the new user's passphrase in FILE"),
    )
    leaf(users, "list", tr("listar usuarios", "list users"), run_list)
    p = leaf(users, "remove", tr("eliminar un usuario", "remove a user"), run_remove)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--yes", action="store_true", help=tr("no pedir confirmación", "do not ask for confirmation"))
    old_backups_option(p)


def run_add(ctx: Context) -> int:
    """A new user with their own passphrase slot."""
    session = ctx.open()
    session.require_coordinator("agregar usuarios")  # before prompting for a passphrase that would be refused
    user = session.users.add(ctx.args.name, ctx.args.role, new_passphrase(ctx.args))
    if ctx.json:
        emit_json({"id": user.name, "name": user.name, "role": user.role.value})
    else:
        out(tr(f"usuario {user.name} agregado ({_label(user.role)})", f"user {user.name} added ({_label(user.role)})"))
    return 0


def run_list(ctx: Context) -> int:
    """Every user and role."""
    users = ctx.open().users.list()
    if ctx.json:
        emit_json([{"name": u.name, "role": u.role.value} for u in users])
    else:
        out(table([tr("USUARIO", "USER"), tr("ROL", "ROLE")], [(u.name, _label(u.role)) for u in users]))
    return 0


def run_remove(ctx: Context) -> int:
    """Remove a user and their slot (their passphrase stops opening the vault); asks first, or takes --yes."""
    require_confirmable(ctx.args.yes)  # a script without --yes is refused before the vault is even opened
    session = ctx.open()
    name = ctx.args.name
    session.users.check_removable(name)  # an impossible removal is refused before asking
    confirm(tr(f"¿Eliminar al usuario {name}?", f"Remove user {name}?"), ctx.args.yes)
    rekeyed = session.users.remove(name)
    facts = after_rekey(ctx, session, rekeyed)
    if ctx.json:
        emit_json({"name": name, "removed": True, **facts})
    else:
        out(
            tr(
                f"usuario {name} eliminado; la bóveda quedó cifrada con una llave nueva",
                f"user {name} removed; the vault is now encrypted under a new key",
            )
        )
    return 0


def _label(role: Role) -> str:
    return ROLE_LABELS[role][language()]
