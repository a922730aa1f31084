"""Cell text that survives spreadsheets: formula guards against CSV injection, and characters XLSX cannot hold.

A CSV cell starting with ``=``, ``+``, ``-``, ``@``, TAB or CR is run as a formula by Excel (``-1234-5678`` and
``+1-1`` too), unless it is a plain number. The export puts an apostrophe in front (OWASP's advice) and the
importer takes it back off, so the app's own export round-trips exactly: a value that already starts with
apostrophes before such a character gets one more, so taking one off always gives the original back.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)")
_GUARDED = re.compile(r"'+[=+\-@\t\r]")
# What an XLSX cell cannot hold (C0 controls but TAB/LF/CR), plus DEL and C1; only older vaults can have stored
# them (input refuses them now). Shown as U+FFFD, so the export still works and the spot stays visible.
_NOT_IN_SPREADSHEETS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would evaluate ``text`` typed into a cell (not a plain number like ``-12``)."""
    return text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)


def looks_guarded(text: str) -> bool:
    """True when ``text`` starts with apostrophes before a formula character (what ``guard`` writes)."""
    return _GUARDED.match(text) is not None


def guard_csv(text: str) -> str:
    """CSV cell text Excel shows as text: an apostrophe before formula-like (or already guarded-looking) text."""
    return "'" + text if is_formula_like(text) or looks_guarded(text) else text


def guard_xlsx(text: str) -> str:
    """XLSX cell text (typed as a string cell, never a formula): only guarded-looking text gets its apostrophe."""
    return "'" + text if looks_guarded(text) else text


def unguard(text: str) -> str:
    """The value a guarded cell stands for: one leading apostrophe off, when it guards a formula character."""
    return text[1:] if text[:1] == "'" and looks_guarded(text) else text


def visible(text: str) -> str:
    """``text`` with characters a spreadsheet cannot hold replaced by U+FFFD."""
    return _NOT_IN_SPREADSHEETS.sub(REPLACEMENT, text)
