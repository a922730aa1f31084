"""Vault commands: init, check, passphrase change/reset, backup, restore, audit verify, demo."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from dmi_desktop.cli import audit_commands
from dmi_desktop.cli.access import (
    ENV_BACKUP_PASSPHRASE,
    ENV_PASSPHRASE,
    Context,
    acting_user,
    new_passphrase,
    passphrase,
    read_secret_file,
    vault_folder,
)
from dmi_desktop.cli.io import CliError, confirm, emit_json, out, require_confirmable, tr, warn
from dmi_desktop.cli.key_commands import after_rekey, old_backups_option
from dmi_desktop.cli.parsing import MAX_DEMO_PARTICIPANTS, at_most, group, leaf, unlock_seconds
from dmi_desktop.domain.messages import language
from dmi_desktop.domain.roles import ROLE_LABELS
from dmi_desktop.services import backups, paths
from dmi_desktop.services.failures import DamagedDatabase
from dmi_desktop.services.output_paths import check_output_path
from dmi_desktop.services.passphrase_policy import check_passphrase
from dmi_desktop.services.session import Session

DEFAULT_FIRST_USER = "coordinador"


def register(commands: argparse._SubParsersAction) -> None:
    """Add the vault commands to the top-level parser."""
    p = leaf(commands, "init", tr("crear una bóveda nueva", "create a new vault"), run_init)
    p.add_argument("--organisation", metavar="NAME", default="", help=tr("organización", "organisation"))
    p.add_argument("--device-code", metavar="CODE", help=tr("código de este equipo (2–6)", "this laptop's code (2–6)"))
    p.add_argument(
        "--unlock-time",
        type=unlock_seconds,
        default=0.5,
        metavar="SECONDS",
        help=tr("segundos que tarda abrirla (0.1 a 5)", "seconds an unlock should take (0.1 to 5)"),
    )

    leaf(commands, "check", tr("comprobar la integridad de la bóveda", "check the vault's integrity"), run_check)

    pw = group(commands, "passphrase", tr("frases de acceso", "passphrases"))
    p = leaf(pw, "change", tr("cambiar la propia frase de acceso", "change your own passphrase"), run_passphrase_change)
    _new_passphrase_option(p)
    p.add_argument(
        "--compromised",
        action="store_true",
        help=tr(
            "la frase anterior pudo ser conocida: nueva llave para la bóveda (recifrado)",
            "the old passphrase may be known: re-encrypt the vault under a new key",
        ),
    )
    old_backups_option(p)
    p = leaf(
        pw,
        "reset",
        tr("fijar la frase de otro usuario (coordinación o clave de recuperación)", "set another user's passphrase"),
        run_passphrase_reset,
        skip_globals=("user",),
    )
    p.add_argument("--user", dest="target_user", metavar="NAME", required=True, help=tr("usuario", "user"))
    _new_passphrase_option(p)

    p = leaf(commands, "backup", tr("escribir una copia de seguridad cifrada", "write an encrypted backup"), run_backup)
    p.add_argument("--out", metavar="FILE", required=True, help=tr("archivo de la copia", "backup file"))
    p.add_argument("--force", action="store_true", help=tr("reemplazar FILE si existe", "replace FILE if it exists"))

    p = leaf(commands, "restore", tr("restaurar una copia de seguridad", "restore a backup"), run_restore)
    p.add_argument("file", metavar="FILE", help=tr("archivo de la copia", "backup file"))
    p.add_argument("--yes", action="store_true", help=tr("no pedir confirmación", "do not ask for confirmation"))
    p.add_argument(
        "--backup-passphrase-file",
        metavar="FILE",
        help=tr(
            "frase que abre la copia, si es otra (o DMI_BACKUP_PASSPHRASE)", "passphrase of the backup if different"
        ),
    )

    audit = group(commands, "audit", tr("registro de auditoría", "audit log"))
    audit_commands.register(audit)

    p = leaf(commands, "demo", tr("crear una bóveda de demostración", "create a demo vault"), run_demo)
    p.add_argument("--participants", type=at_most(MAX_DEMO_PARTICIPANTS), default=300, metavar="N")
    p.add_argument("--seed", type=int, default=2026, metavar="S")
    p.add_argument("--unlock-time", type=unlock_seconds, default=0.5, metavar="SECONDS")


def _new_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=tr("leer la nueva frase de FILE (o DMI_NEW_PASSPHRASE)", "read the new passphrase from FILE"),
    )


def run_init(ctx: Context) -> int:
    """Create a vault; its first user is a coordinator; the recovery key is shown once."""
    args = ctx.args
    folder = vault_folder(args)
    if backups.has_vault(folder):
        raise CliError(tr(f"ya existe una bóveda en {folder}", f"a vault already exists in {folder}"))
    user = (acting_user(args) or DEFAULT_FIRST_USER).strip()
    if not user or len(user) > 60:
        raise CliError(tr("nombre de usuario no válido", "invalid user name"))
    secret = passphrase(args, new_vault=True)
    check_passphrase(secret, user_inputs=[user, args.organisation])
    session, recovery = Session.create(
        folder,
        user=user,
        passphrase=secret,
        organisation=args.organisation,
        device_code=args.device_code,
        unlock_seconds=args.unlock_time,
    )
    ctx.session = session
    if ctx.json:
        emit_json(
            {
                "id": session.device_id,
                "vault": str(folder),
                "user": user,
                "device_code": session.device_code,
                "recovery_key": recovery,
            }
        )
        return 0
    role = ROLE_LABELS[session.role][language()]
    out(tr(f"Bóveda creada en {folder}", f"Vault created in {folder}"))
    out(
        tr(f"Usuario: {user} ({role}) · código de equipo: ", f"User: {user} ({role}) · device code: ")
        + session.device_code
    )
    out()
    out(tr("CLAVE DE RECUPERACIÓN (se muestra solo esta vez):", "RECOVERY KEY (shown only this once):"))
    out()
    out(f"    {recovery}")
    out()
    out(
        tr(
            "Anótela o imprímala y guárdela en un lugar seguro, lejos de este computador.\n"
            "Abre la bóveda si se olvida la frase de acceso; sin ella y sin una frase, los datos no se recuperan.",
            "Write it down or print it and keep it somewhere safe, away from this computer.\n"
            "It opens the vault if a passphrase is forgotten; without both, the data cannot be recovered.",
        )
    )
    return 0


def run_check(ctx: Context) -> int:
    """Page MACs and SQLite integrity (before anything is written, the access entry included), then the audit
    chain; exit 1 on any problem. A damaged vault is left exactly as it was."""
    try:
        session = ctx.open(verify=True)
    except DamagedDatabase as exc:
        if not exc.problems:  # damaged beyond a page check: the open itself says why
            raise
        if ctx.json:
            emit_json({"ok": False, "problems": exc.problems, "audit_entries": None})
        else:
            for problem in exc.problems:
                out(problem)
        raise
    problems: list[str] = []
    audit = session.verify_audit()
    if not audit.ok:
        problems.append(
            tr(f"auditoría rota (entrada {audit.first_bad})", f"audit broken (entry {audit.first_bad})")
            + f": {audit.reason}"
        )
    if audit.open_incident:
        problems += audit_commands.incident_lines(audit, only_open=True) or [audit_commands.incident_refusal()]
    if ctx.json:
        emit_json({"ok": not problems, "problems": problems, "audit_entries": audit.entries})
    elif problems:
        for problem in problems:
            out(problem)
    else:
        out(f"OK ({audit.entries} " + tr("entradas de auditoría)", "audit entries)"))
    if problems:
        raise CliError(tr(f"la bóveda tiene {len(problems)} problema(s)", f"the vault has {len(problems)} problem(s)"))
    return 0


def run_passphrase_change(ctx: Context) -> int:
    """Rewrap the acting user's slot with a new passphrase."""
    session = ctx.open()
    rekeyed = session.users.change_passphrase(new_passphrase(ctx.args), compromised=ctx.args.compromised)
    facts = after_rekey(ctx, session, rekeyed) if rekeyed is not None else {}
    text = tr(f"frase de acceso cambiada ({session.user})", "passphrase changed")
    if rekeyed is not None:
        text += tr("; la bóveda quedó cifrada con una llave nueva", "; the vault is now encrypted under a new key")
    _done(ctx, {"user": session.user, **facts}, text)
    return 0


def run_passphrase_reset(ctx: Context) -> int:
    """Set another user's passphrase (after unlocking with the recovery key, or as a coordinator)."""
    session = ctx.open()
    target = ctx.args.target_user
    if target != session.user:
        session.require_coordinator("cambiar la frase de acceso de otra persona")
    session.users.change_passphrase(new_passphrase(ctx.args), user=target)
    _done(ctx, {"user": target}, tr(f"nueva frase de acceso fijada para {target}", f"new passphrase set for {target}"))
    return 0


def run_backup(ctx: Context) -> int:
    """One encrypted file with the whole vault (opens with the same passphrases)."""
    target = Path(ctx.args.out).expanduser()
    check_output_path(target, vault_folder(ctx.args))  # the vault's own files: refused even with --force
    if target.exists() and not ctx.args.force:
        raise CliError(tr(f"{target} ya existe (use --force para reemplazarlo)", f"{target} exists (use --force)"))
    session = ctx.open()
    written = backups.backup(session, target)
    _done(ctx, {"out": str(written)}, tr(f"copia de seguridad escrita en {written}", f"backup written to {written}"))
    return 0


def _backup_passphrase(ctx: Context) -> str | None:
    if ctx.args.backup_passphrase_file:
        return read_secret_file(ctx.args.backup_passphrase_file, "--backup-passphrase-file")
    return os.environ.get(ENV_BACKUP_PASSPHRASE) or None


def run_restore(ctx: Context) -> int:
    """Restore a backup: over the vault at --vault (coordinators, with a safety backup) or into an empty folder."""
    args = ctx.args
    source = Path(args.file).expanduser()
    if not source.is_file():
        raise CliError(tr(f"no existe el archivo {source}", f"no such file: {source}"))
    folder = vault_folder(args)
    if not backups.has_vault(folder):
        restored = backups.restore_into_empty(folder, source, _backup_passphrase(ctx) or passphrase(args))
        _done(ctx, {"vault": str(folder)}, tr(f"bóveda restaurada en {folder}", f"vault restored into {folder}"))
        _notices(restored.notices)
        return 0
    require_confirmable(args.yes)  # replacing a vault: a script without --yes is refused before it is opened
    session = ctx.open()
    session.require_coordinator("restaurar copias de seguridad")
    secret = _backup_passphrase(ctx) or ctx.passphrase
    if secret is None:
        raise CliError(
            tr(
                f"indique la frase de acceso de la copia ({ENV_BACKUP_PASSPHRASE} o --backup-passphrase-file)",
                f"give the backup's passphrase ({ENV_BACKUP_PASSPHRASE} or --backup-passphrase-file)",
            )
        )

    def ask(other_vault: str | None) -> bool:
        """Asked once the backup is verified; a backup of another vault names both vaults (--yes: no question)."""
        if other_vault is None:
            question = tr(
                f"¿Reemplazar la bóveda en {folder} con {source.name}?",
                f"Replace the vault in {folder} with {source.name}?",
            )
        else:
            question = tr(f"{other_vault}: ¿reemplazarla?", f"{other_vault}: replace it?")
            if args.yes:
                warn(tr(f"aviso: {other_vault}; se restaura por --yes", f"notice: {other_vault}; restored (--yes)"))
        confirm(question, args.yes)  # "no" raises: nothing has changed yet
        return True

    restored = backups.restore(session, source, secret, ask)
    safety = restored.safety_backup
    ctx.session = None  # restore closed it: the vault it had open was replaced
    _done(
        ctx,
        {"vault": str(folder), "safety_backup": str(safety)},
        tr(
            f"bóveda restaurada; la versión anterior quedó en {safety}",
            f"vault restored; the previous state is kept in {safety}",
        ),
    )
    _notices(restored.notices)
    return 0


def _notices(notices: list[str]) -> None:
    """What the restored vault has to say (its new device identity), on stderr like any notice."""
    for notice in notices:
        warn(tr(f"aviso: {notice}", f"notice: {notice}"))


def run_demo(ctx: Context) -> int:
    """A new vault full of realistic fake data (Faker es_CL), reproducible with --seed."""
    from dmi_desktop.services.demo import build_demo_vault

    args = ctx.args
    folder = vault_folder(args, default=paths.demo_vault())
    if backups.has_vault(folder):
        raise CliError(tr(f"ya existe una bóveda en {folder}", f"a vault already exists in {folder}"))
    given = (
        read_secret_file(args.passphrase_file, "--passphrase-file")
        if args.passphrase_file
        else os.environ.get(ENV_PASSPHRASE)
    )
    user = acting_user(args) or paths.DEMO_USER
    recovery = build_demo_vault(  # built aside and moved in at the end: a killed demo leaves no half-vault
        folder,
        participants=args.participants,
        seed=args.seed,
        passphrase=given or paths.DEMO_PASSPHRASE,
        user=user,
        unlock_seconds=args.unlock_time,
    )
    if ctx.json:
        emit_json({"vault": str(folder), "user": user, "participants": args.participants, "recovery_key": recovery})
        return 0
    out(tr(f"Bóveda de demostración creada en {folder}", f"Demo vault created in {folder}"))
    out(tr(f"Usuario: {user}", f"User: {user}"))
    if not given:
        out(tr(f"Frase de acceso: {paths.DEMO_PASSPHRASE}", f"Passphrase: {paths.DEMO_PASSPHRASE}"))
    out(tr(f"Clave de recuperación: {recovery}", f"Recovery key: {recovery}"))
    return 0


def _done(ctx: Context, data: dict, text: str) -> None:
    if ctx.json:
        emit_json(data)
    else:
        out(text)
