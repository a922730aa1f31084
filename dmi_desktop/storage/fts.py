"""What a user typed in the search box, as an FTS5 query over the participants' names, aliases and RUTs."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[\w.\-]+", re.UNICODE)
_RUTLIKE = re.compile(r"^[\d.]+-?[\dkK]?$")
_RUT_LABELS = frozenset({"rut", "run"})
# Where the tokenizer cuts inside what the pattern above keeps: dots and dashes, "_", and the few letters of
# newer Unicode that SQLite's tables still count as separators (every code point checked against this build).
_SEPARATORS = re.compile("[.\\-_\u19b0-\u19c0\u19c8\u19c9\u1cf2\u1cf3]")


def _is_rutlike(token: str) -> bool:
    return bool(_RUTLIKE.match(token)) and token[0].isdigit()


def fts_query(text: str) -> str:
    """Turn what a user typed into an FTS5 prefix query; RUT-like tokens lose dots and dash.

    A "RUT"/"RUN" label typed before a number ("RUT 7.654.321-6") is a label, not a name, and is dropped.
    """
    tokens = _TOKEN.findall(text)
    terms = []
    for i, token in enumerate(tokens):
        if token.lower() in _RUT_LABELS and i + 1 < len(tokens) and _is_rutlike(tokens[i + 1]):
            continue
        if _is_rutlike(token):
            token = token.replace(".", "").replace("-", "")
        # Each part one token as the tokenizer cuts it: the index keeps no positions (schema 7), so a quoted
        # term of two tokens, a phrase, would be refused.
        for part in _SEPARATORS.split(token):
            if part:
                terms.append('"' + part.replace('"', "") + '"*')
    return " AND ".join(terms)
