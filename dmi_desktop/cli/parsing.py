"""Shared argparse pieces: global options (accepted before or after the command) and leaf parsers."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from datetime import date

from dmi_desktop.cli.io import CliError, tr
from dmi_desktop.domain.validation import parse_date

# Bounds on numbers a user types: each well past any real use, far below hours of work or an overflow.
MAX_DEMO_PARTICIPANTS = 200_000
MAX_LIST_LIMIT = 1_000_000
MIN_UNLOCK_SECONDS = 0.1
MAX_UNLOCK_SECONDS = 5.0

GLOBAL_DESTS = ("vault", "user", "passphrase_file", "recovery_key_file", "json", "lang", "debug")


def add_global_options(parser: argparse.ArgumentParser, *, top: bool, skip: Iterable[str] = ()) -> None:
    """Add the global options; on command parsers they default to "absent" so they never undo the top ones."""
    skip = set(skip)

    def default(value: object) -> object:
        # argparse copies a sub-parser's defaults over the parent's values: SUPPRESS keeps `--vault X cmd` working.
        return value if top else argparse.SUPPRESS

    group = parser.add_argument_group(tr("opciones generales", "global options"))
    if "vault" not in skip:
        group.add_argument(
            "--vault", metavar="DIR", default=default(None), help=tr("carpeta de la bóveda", "vault folder")
        )
    if "user" not in skip:
        group.add_argument(
            "--user",
            metavar="NAME",
            default=default(None),
            help=tr("usuario (o DMI_USER)", "user name (or DMI_USER)"),
        )
    group.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=default(None),
        help=tr(
            "leer la frase de acceso de FILE (o DMI_PASSPHRASE)", "read the passphrase from FILE (or DMI_PASSPHRASE)"
        ),
    )
    group.add_argument(
        "--recovery-key-file",
        metavar="FILE",
        default=default(None),
        help=tr(
            "abrir con la clave de recuperación de FILE (o DMI_RECOVERY_KEY)", "unlock with the recovery key in FILE"
        ),
    )
    group.add_argument(
        "--json", action="store_true", default=default(False), help=tr("salida JSON", "machine-readable JSON output")
    )
    group.add_argument(
        "--lang", choices=("es", "en"), default=default(None), help=tr("idioma de los mensajes", "message language")
    )
    group.add_argument("--debug", action="store_true", default=default(False), help=argparse.SUPPRESS)


Handler = Callable[..., int]


def leaf(
    subparsers: argparse._SubParsersAction,
    name: str,
    help_text: str,
    handler: Handler,
    *,
    skip_globals: Iterable[str] = (),
) -> argparse.ArgumentParser:
    """A runnable command: its parser (with the global options) bound to ``handler(ctx)``."""
    parser = subparsers.add_parser(name, help=help_text, description=help_text, allow_abbrev=False)
    add_global_options(parser, top=False, skip=skip_globals)
    parser.set_defaults(handler=handler, command_parser=parser)
    return parser


def group(subparsers: argparse._SubParsersAction, name: str, help_text: str) -> argparse._SubParsersAction:
    """A command word with sub-commands (``user add``, ``participant list``...)."""
    parser = subparsers.add_parser(name, help=help_text, description=help_text, allow_abbrev=False)
    parser.set_defaults(handler=None, command_parser=parser)
    sub = parser.add_subparsers(title=tr("órdenes", "commands"), metavar="COMMAND")
    return sub


def positive_int(text: str) -> int:
    """argparse type: an integer ≥ 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr(f"no es un número entero: {text!r}", f"not an integer: {text!r}")) from None
    if value < 1:
        raise argparse.ArgumentTypeError(tr("debe ser 1 o más", "must be 1 or more"))
    return value


def at_most(maximum: int) -> Callable[[str], int]:
    """argparse type: an integer from 1 to ``maximum`` (a huge N would run for hours or overflow SQLite)."""

    def integer(text: str) -> int:
        value = positive_int(text)
        if value > maximum:
            raise argparse.ArgumentTypeError(tr(f"debe ser {maximum} o menos", f"must be {maximum} or less"))
        return value

    return integer


def unlock_seconds(text: str) -> float:
    """argparse type: seconds one unlock should take (0.1 to 5: meaningful, yet never minutes per unlock)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr(f"no es un número: {text!r}", f"not a number: {text!r}")) from None
    if not value >= MIN_UNLOCK_SECONDS:
        raise argparse.ArgumentTypeError(tr("mínimo 0.1 segundos", "at least 0.1 seconds"))
    if not value <= MAX_UNLOCK_SECONDS:  # "inf" too
        raise argparse.ArgumentTypeError(tr("máximo 5 segundos", "at most 5 seconds"))
    return value


def option_day(value: str | None, option: str) -> date | None:
    """A date option (future dates allowed), None when absent; CliError naming ``option`` when malformed."""
    if not value:
        return None
    try:
        return parse_date(value, today=date.today(), allow_future=True)
    except ValueError as exc:
        raise CliError(f"{option}: {exc}") from None
