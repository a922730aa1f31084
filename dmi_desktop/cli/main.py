"""The CLI's parser, dispatch and error handling: one line on stderr and exit 1, never a traceback."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback

from dmi_desktop import APP_NAME, __version__
from dmi_desktop.cli import (
    key_commands,
    meeting_commands,
    participant_commands,
    transfer_commands,
    user_commands,
    vault_commands,
)
from dmi_desktop.cli.access import Context
from dmi_desktop.cli.io import CliError, UsageError, printable, tolerate_unencodable_output, tr
from dmi_desktop.cli.parsing import add_global_options
from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.messages import set_language
from dmi_desktop.services.failures import as_user_error

log = logging.getLogger(__name__)

# Options the desktop app also understands; with only these, main.py starts the GUI.
_GUI_VALUE_OPTIONS = frozenset({"--vault", "--lang", "--user", "--passphrase-file", "--recovery-key-file"})
_CLI_FLAGS = frozenset({"-h", "--help", "--version"})


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree (see ../shared/CLI.md, vault and participant rows)."""
    # No abbreviations: "--passphrase SECRET" must fail, not be taken for "--passphrase-file SECRET".
    parser = argparse.ArgumentParser(
        prog="dmi",
        allow_abbrev=False,
        description=tr(
            f"{APP_NAME}: intervención en mercados de drogas, desde la línea de órdenes.",
            f"{APP_NAME}: Drug Market Intervention case management from the command line.",
        ),
        epilog=tr(
            "Frase de acceso: --passphrase-file o DMI_PASSPHRASE (nunca como argumento).",
            "Passphrase: --passphrase-file or DMI_PASSPHRASE (never as an argument).",
        ),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    add_global_options(parser, top=True)
    commands = parser.add_subparsers(title=tr("órdenes", "commands"), metavar="COMMAND")
    for module in (
        vault_commands,
        user_commands,
        key_commands,
        participant_commands,
        transfer_commands,
        meeting_commands,
    ):
        module.register(commands)
    return parser


def is_cli_invocation(argv: list[str]) -> bool:
    """True when ``argv`` names a command (or asks for help/version); GUI options alone start the desktop app."""
    skip_next = False
    for word in argv:
        if skip_next:
            skip_next = False
            continue
        if word in _CLI_FLAGS:
            return True
        if word == "--":
            return False
        if word.startswith("--"):
            skip_next = word in _GUI_VALUE_OPTIONS  # "--vault=DIR" carries its value inline
            continue
        if word.startswith("-"):
            skip_next = True  # Qt's own options take a value: -platform offscreen, -style fusion
            continue
        return True  # a word: a command (argparse reports it if unknown)
    return False


def _preset_language(argv: list[str]) -> None:
    """Honour --lang before building the parser, so help texts come out in that language."""
    for i, word in enumerate(argv):
        if word == "--lang" and i + 1 < len(argv):
            set_language(argv[i + 1])
        elif word.startswith("--lang="):
            set_language(word.split("=", 1)[1])


def _configure_logging(debug: bool) -> None:
    if logging.getLogger().handlers:
        return
    level = logging.DEBUG if debug or os.environ.get("DMI_DEBUG") else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _fail(message: str) -> int:
    """Report a refusal: exactly one line on stderr."""
    text = printable(" ".join(str(message).split())) or tr("error desconocido", "unknown error")
    sys.stderr.write(f"error: {text}\n")
    sys.stderr.flush()
    return 1


def _os_message(exc: OSError) -> str:
    where = f": {exc.filename}" if exc.filename else ""
    return f"{exc.strerror or type(exc).__name__}{where}"


def _exit_code(exc: SystemExit) -> int:
    code = exc.code
    if code is None:
        return 0
    return code if isinstance(code, int) else 2


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit status (0 done, 1 refused or failed, 2 usage error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    tolerate_unencodable_output()
    _preset_language(argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return _exit_code(exc)
    if args.lang:
        set_language(args.lang)
    _configure_logging(args.debug)
    command_parser: argparse.ArgumentParser = getattr(args, "command_parser", parser)
    handler = getattr(args, "handler", None)
    if handler is None:
        command_parser.print_usage(sys.stderr)
        sys.stderr.write(tr("error: falta la orden\n", "error: a command is required\n"))
        return 2
    ctx = Context(args)
    try:
        return handler(ctx)
    except UsageError as exc:
        command_parser.print_usage(sys.stderr)
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except (CliError, DmiError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail(tr("interrumpido", "interrupted"))
    except OverflowError:
        return _fail(tr("un número es demasiado grande para esta orden", "a number is too large for this command"))
    except MemoryError:
        return _fail(tr("no hay memoria suficiente para esta orden", "not enough memory for this command"))
    except Exception as exc:
        problem = as_user_error(exc)  # a damaged page met while reading, a full disk: never "unexpected"
        if problem is not None:
            return _fail(str(problem))
        if isinstance(exc, OSError):
            return _fail(_os_message(exc))
        # The message may hold personal data: log only the type and where it happened.
        log.debug("unexpected %s\n%s", type(exc).__name__, "".join(traceback.format_tb(exc.__traceback__)))
        return _fail(
            tr(
                f"falla inesperada ({type(exc).__name__})",
                f"unexpected failure ({type(exc).__name__})",
            )
        )
    finally:
        _close_quietly(ctx)


def _close_quietly(ctx: Context) -> None:
    try:
        ctx.close()
    except Exception as exc:  # closing must never turn a clean run into a traceback
        log.debug("closing the vault failed: %s", type(exc).__name__)
