"""Console input and output for the CLI: messages in the user's language, JSON, tables, confirmations."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from enum import Enum
from typing import Any

from dmi_desktop.domain.messages import tr as tr  # the one tr(es, en); CLI modules take it from here
from dmi_desktop.services.json_stream import array_pieces


class CliError(Exception):
    """A refusal the CLI reports as one line on stderr with exit status 1."""


class UsageError(Exception):
    """Bad command-line usage detected after parsing (exit status 2, like argparse)."""


# Control characters other than LF (ESC, BEL, CR, C1...) would drive the terminal: a vault written by an older
# version may hold some in its data, so they are shown escaped ("\x1b") instead of being sent.
_UNPRINTABLE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with every control character but LF written as a visible ``\\xNN`` escape."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def out(text: str = "") -> None:
    """One line (or block) of normal output on stdout (control characters escaped)."""
    sys.stdout.write(printable(text) + "\n")


def warn(text: str) -> None:
    """A line on stderr that is not an error (warnings, bad rows of an import); control characters escaped."""
    sys.stderr.write(printable(text) + "\n")


def jsonable(value: Any) -> Any:
    """Dates as ISO text, enums as their codes, dataclasses as dicts; everything else as is."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def emit_json(value: Any) -> None:
    """Machine-readable output on stdout, keys in a stable order; \\u-escaped when stdout cannot take UTF-8."""
    utf8 = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") == "utf8"
    out(json.dumps(jsonable(value), ensure_ascii=not utf8, indent=2))


def emit_json_array(items: Iterable[Any]) -> None:
    """A JSON array on stdout written item by item: the same text ``emit_json(list(items))`` prints."""
    utf8 = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") == "utf8"
    for piece in array_pieces((jsonable(item) for item in items), ensure_ascii=not utf8):
        sys.stdout.write(printable(piece))
    sys.stdout.write("\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(jsonable(value))
    return " ".join(text.split())  # one line per row, whatever the data holds


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Simple aligned text columns (the last column is not padded)."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, text in enumerate(row):
            widths[i] = max(widths[i], len(text))

    def line(values: Sequence[str]) -> str:
        padded = [v.ljust(widths[i]) if i < len(values) - 1 else v for i, v in enumerate(values)]
        return "  ".join(padded).rstrip()

    lines = [line(list(headers)), line(["-" * w for w in widths])]
    lines.extend(line(row) for row in cells)
    return "\n".join(lines)


def tolerate_unencodable_output() -> None:
    """A console that cannot show "→" or "«" (cp1252 pipes on Windows) gets "?" instead of a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def stdin_is_tty() -> bool:
    """Whether a person can answer prompts."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def require_confirmable(assume_yes: bool) -> None:
    """Refuse a destructive command at once when nobody can answer its question and ``--yes`` is absent."""
    if not assume_yes and not stdin_is_tty():
        raise CliError(
            tr(
                "se requiere confirmación: repita la orden con --yes",
                "confirmation needed: repeat the command with --yes",
            )
        )


def confirm(question: str, assume_yes: bool) -> None:
    """Go on only with ``--yes`` or a typed "s"/"y" on a terminal; otherwise refuse (CliError)."""
    if assume_yes:
        return
    require_confirmable(assume_yes)
    sys.stderr.write(tr(f"{question} [s/N] ", f"{question} [y/N] "))
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().lower()
    if answer not in ("s", "si", "sí", "y", "yes"):
        raise CliError(tr("cancelado", "cancelled"))


def ask(question: str) -> bool:
    """A yes/no question on a terminal (default no); False when nobody can answer."""
    if not stdin_is_tty():
        return False
    sys.stderr.write(tr(f"{question} [s/N] ", f"{question} [y/N] "))
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("s", "si", "sí", "y", "yes")
