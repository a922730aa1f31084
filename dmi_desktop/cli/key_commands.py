"""Key commands: recovery-key regenerate, and what every re-key reports (dropped users, old backups)."""

from __future__ import annotations

import argparse
from typing import Any

from dmi_desktop.cli.access import Context
from dmi_desktop.cli.io import ask, emit_json, out, tr, warn
from dmi_desktop.cli.parsing import group, leaf
from dmi_desktop.services.session import Session
from dmi_desktop.services.users import Rekeyed


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``recovery-key regenerate``."""
    recovery = group(commands, "recovery-key", tr("clave de recuperación", "recovery key"))
    p = leaf(
        recovery,
        "regenerate",
        tr("reemplazar la clave de recuperación (y recifrar la bóveda)", "replace the recovery key (and re-key)"),
        run_regenerate,
    )
    old_backups_option(p)


def old_backups_option(parser: argparse.ArgumentParser) -> None:
    """``--delete-old-backups``: after a re-key, delete the vault's own backups made under the old key."""
    parser.add_argument(
        "--delete-old-backups",
        action="store_true",
        help=tr(
            "eliminar los respaldos de la bóveda hechos con la llave anterior (si no, se pregunta en una terminal)",
            "delete the vault's backups made under the previous key (otherwise asked on a terminal)",
        ),
    )


def after_rekey(ctx: Context, session: Session, rekeyed: Rekeyed) -> dict[str, Any]:
    """Tell what the re-key could not reach, offer to delete old backups; the facts for --json."""
    for notice in rekeyed.notices():
        warn(tr(f"aviso: {notice}", f"notice: {notice}"))
    deleted = 0
    if rekeyed.old_backups:
        question = tr(
            f"¿Eliminar los {len(rekeyed.old_backups)} respaldos hechos con la llave anterior?",
            f"Delete the {len(rekeyed.old_backups)} backups made under the previous key?",
        )
        if ctx.args.delete_old_backups or ask(question):
            deleted = session.users.delete_old_backups(rekeyed.old_backups)
            warn(tr(f"respaldos anteriores eliminados: {deleted}", f"previous backups deleted: {deleted}"))
    return {
        "rekeyed": True,
        "unreachable_users": rekeyed.dropped_users,
        "recovery_key_lost": rekeyed.recovery_dropped,
        "old_backups": len(rekeyed.old_backups),
        "old_backups_deleted": deleted,
    }


def run_regenerate(ctx: Context) -> int:
    """A new recovery key, shown once; the old one opens nothing written afterwards."""
    session = ctx.open()
    session.require_coordinator("generar una nueva clave de recuperación")
    recovery, rekeyed = session.users.regenerate_recovery()
    facts = after_rekey(ctx, session, rekeyed)
    if ctx.json:
        emit_json({"recovery_key": recovery, **facts})
        return 0
    out(tr("Nueva clave de recuperación (se muestra una sola vez):", "New recovery key (shown only once):"))
    out(f"    {recovery}")
    out(
        tr(
            "Guárdela impresa en un lugar seguro; la anterior ya no abre la bóveda.",
            "Keep it printed in a safe place; the previous one no longer opens the vault.",
        )
    )
    return 0
