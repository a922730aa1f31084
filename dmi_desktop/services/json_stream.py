"""JSON arrays written an item at a time, byte for byte what ``json.dumps(..., indent=2)`` gives for the whole."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

INDENT = "  "


def array_pieces(items: Iterable[Any], *, level: int = 0, ensure_ascii: bool = False) -> Iterator[str]:
    """Text of ``json.dumps(list(items), indent=2)`` nested ``level`` deep, yielded one item at a time.

    Nothing is held but the current item, so a list of a million rows costs the memory of one.
    """
    pad = INDENT * (level + 1)
    first = True
    for item in items:
        # json.dumps never writes a raw newline inside a string (it escapes it), so each "\n" starts a line.
        text = json.dumps(item, ensure_ascii=ensure_ascii, indent=2).replace("\n", "\n" + pad)
        yield ("[\n" if first else ",\n") + pad + text
        first = False
    yield "[]" if first else "\n" + INDENT * level + "]"
