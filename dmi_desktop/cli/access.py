"""Where the CLI gets secrets (files, environment, a prompt — never argv) and how it opens the vault."""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path

from dmi_desktop.cli.io import CliError, stdin_is_tty, tr, warn
from dmi_desktop.services import paths
from dmi_desktop.services.session import Session

# Names of environment variables, not secrets.
ENV_PASSPHRASE = "DMI_PASSPHRASE"  # noqa: S105
ENV_NEW_PASSPHRASE = "DMI_NEW_PASSPHRASE"  # noqa: S105
ENV_RECOVERY_KEY = "DMI_RECOVERY_KEY"
ENV_BACKUP_PASSPHRASE = "DMI_BACKUP_PASSPHRASE"  # noqa: S105
ENV_USER = "DMI_USER"
MAX_SECRET_FILE_BYTES = 4096  # a passphrase or recovery key is a line; a device or a huge file is a mistake


def read_secret_file(path: str | Path, option: str) -> str:
    """The secret in a file, without the line ending an editor adds (spaces are kept: they may be meant).

    Errors name the option, not the path: a mistyped "path" may be the secret itself.
    """
    try:
        with Path(path).open("rb") as fh:  # read a little past the limit: /dev/zero must not fill the memory
            raw = fh.read(MAX_SECRET_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CliError(
            tr(f"no se puede leer el archivo de {option}: {reason}", f"cannot read {option}: {reason}")
        ) from None
    if len(raw) > MAX_SECRET_FILE_BYTES:
        raise CliError(
            tr(
                f"el archivo de {option} es demasiado grande para ser una frase (máximo {MAX_SECRET_FILE_BYTES} bytes)",
                f"the {option} file is too large to be a passphrase (at most {MAX_SECRET_FILE_BYTES} bytes)",
            )
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(
            tr(f"el archivo de {option} no es texto UTF-8", f"the {option} file is not UTF-8 text")
        ) from None
    secret = text.rstrip("\r\n")
    if not secret:
        raise CliError(tr(f"el archivo de {option} está vacío", f"the {option} file is empty"))
    return secret


def _prompt(label: str) -> str:
    try:
        return getpass.getpass(f"{label}: ")
    except (EOFError, KeyboardInterrupt):
        raise CliError(tr("cancelado", "cancelled")) from None


def _prompt_twice(label: str) -> str:
    first = _prompt(label)
    if _prompt(tr("Repita la frase de acceso", "Repeat the passphrase")) != first:
        raise CliError(tr("las frases de acceso no coinciden", "the passphrases do not match"))
    return first


def passphrase(args: argparse.Namespace, *, new_vault: bool = False) -> str:
    """The user's passphrase: --passphrase-file, else DMI_PASSPHRASE, else a prompt on a terminal."""
    if getattr(args, "passphrase_file", None):
        return read_secret_file(args.passphrase_file, "--passphrase-file")
    if os.environ.get(ENV_PASSPHRASE):
        return os.environ[ENV_PASSPHRASE]
    if stdin_is_tty():
        label = tr("Frase de acceso", "Passphrase")
        return _prompt_twice(label) if new_vault else _prompt(label)
    raise CliError(
        tr(
            "no se entregó una frase de acceso (use DMI_PASSPHRASE o --passphrase-file)",
            "no passphrase given (use DMI_PASSPHRASE or --passphrase-file)",
        )
    )


def new_passphrase(args: argparse.Namespace) -> str:
    """A new passphrase (change, reset, new user): --new-passphrase-file, DMI_NEW_PASSPHRASE or a prompt twice."""
    if getattr(args, "new_passphrase_file", None):
        return read_secret_file(args.new_passphrase_file, "--new-passphrase-file")
    if os.environ.get(ENV_NEW_PASSPHRASE):
        return os.environ[ENV_NEW_PASSPHRASE]
    if stdin_is_tty():
        return _prompt_twice(tr("Nueva frase de acceso", "New passphrase"))
    raise CliError(
        tr(
            "no se entregó la nueva frase de acceso (use DMI_NEW_PASSPHRASE o --new-passphrase-file)",
            "no new passphrase given (use DMI_NEW_PASSPHRASE or --new-passphrase-file)",
        )
    )


def recovery_key(args: argparse.Namespace) -> str | None:
    """The recovery key when one was given (--recovery-key-file or DMI_RECOVERY_KEY), else None."""
    if getattr(args, "recovery_key_file", None):
        return read_secret_file(args.recovery_key_file, "--recovery-key-file")
    return os.environ.get(ENV_RECOVERY_KEY) or None


def acting_user(args: argparse.Namespace) -> str | None:
    """--user, else DMI_USER, else None (whoever's slot the passphrase opens)."""
    return getattr(args, "user", None) or os.environ.get(ENV_USER) or None


def vault_folder(args: argparse.Namespace, default: Path | None = None) -> Path:
    """--vault, else ``default``, else the platform's default vault folder."""
    if getattr(args, "vault", None):
        return Path(args.vault).expanduser()
    return default if default is not None else paths.default_vault()


class Context:
    """What one command run needs: its arguments and, once unlocked, the session (closed at the end)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.session: Session | None = None
        self.passphrase: str | None = None  # kept only for a restore, which must open the backup with it

    @property
    def json(self) -> bool:
        """Whether --json was given."""
        return bool(getattr(self.args, "json", False))

    def open(self, *, verify: bool = False) -> Session:
        """Unlock the vault with the recovery key or the passphrase, as the acting user.

        ``verify``: every page is checked before anything is written (DamagedDatabase lists the problems).
        """
        if self.session is not None:
            return self.session
        folder = vault_folder(self.args)
        user = acting_user(self.args)
        key = recovery_key(self.args)
        if key is not None:
            self.session = Session.unlock_with_recovery(folder, key, user, verify=verify)
        else:
            self.passphrase = passphrase(self.args)
            self.session = Session.unlock(folder, self.passphrase, user, verify=verify)
        for notice in self.session.notices:  # a new device identity, a clock set back: said once, on stderr
            warn(tr(f"aviso: {notice}", f"notice: {notice}"))
        return self.session

    def close(self) -> None:
        """Lock the vault if this run opened it."""
        if self.session is not None:
            self.session.close()
            self.session = None
        self.passphrase = None
