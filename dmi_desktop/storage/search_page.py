"""A search page in the list's name order, read from the search index in its own rowid order (schema 7).

The index's rowids carry the participant's rowid in their low 32 bits and, above them, a key that never
decreases along the list's name order (the first six characters of ``sort_name``: migration v007). FTS5 keeps
each term's matches in rowid order, so the first page of "jose" is met first in the index, and only that
page's participants are read; before schema 7 every match's row was read to sort them (one page each on a
fresh connection), or the sort's index walked until the page filled (README, "Scale").
"""

from __future__ import annotations

import json
from typing import Any

from dmi_desktop.storage.driver import Database

ROWID_BITS = 32
ROWID_MASK = (1 << ROWID_BITS) - 1  # the participant's rowid inside an index rowid
ROW_COLUMNS = (
    "p.id, p.case_no, p.nombres, p.apellido_paterno, p.apellido_materno, p.alias, p.rut, p.sector, p.status,"
    " p.last_checkin"
)
_MATCH = "SELECT rowid FROM participants_fts WHERE participants_fts MATCH ?"
_OUTER = "id, case_no, nombres, apellido_paterno, apellido_materno, alias, rut, sector, status, last_checkin"
CROWD = 1  # matches of the page's last key past this many pages' worth: walk the name index, not each row
_CHARS, _SHARED = 6, {1: "\x01", 3: "!", 30: "{"}  # the key's characters; the least character of a shared code


def _floor(bucket: int) -> str:
    """The least sort name with this key: every name of the key or a later one sorts at or after it."""
    chars = []
    for i in range(_CHARS):
        code = (bucket >> (5 * (_CHARS - 1 - i))) & 31
        if code == 0:
            break
        if code in _SHARED:
            chars.append(_SHARED[code])
            break
        chars.append(" " if code == 2 else chr(code + 93))
    return "".join(chars)


def name_ordered_page(db: Database, match: str, descending: bool, offset: int, limit: int) -> tuple[str, list[Any]]:
    """SQL (selecting ROW_COLUMNS) and parameters of one search page in name order.

    The index gives the first ``offset + limit`` matches in key order (no participant row read). The page spans
    the keys from the one of its first match to the one of its last: the matches of those keys are sorted
    exactly (by sort name, then case number, as the list sorts); the matches of earlier keys only tell where
    the page starts. The last key may hold more matches than the index gave: those are looked up too, or,
    when they are many ("espi": hundreds of Espinoza), read in name order from the name index instead.
    """
    direction = "DESC" if descending else "ASC"
    # A page more than the page: the last key's matches usually end within it, and the index is read once.
    fetch = offset + 2 * limit
    ids = [int(r[0]) for r in db.execute(f"{_MATCH} ORDER BY rowid {direction} LIMIT ?", (match, fetch))]
    if len(ids) <= offset:
        return f"SELECT {ROW_COLUMNS} FROM participants p WHERE 0", []
    first = ids[offset] >> ROWID_BITS
    last = ids[min(offset + limit, len(ids)) - 1] >> ROWID_BITS
    before = sum(1 for i in ids[:offset] if i >> ROWID_BITS != first)  # matches of keys before the page's first
    # From the page's first key to its last (keys rise along the ids, or fall when descending).
    window = [i for i in ids[before:] if (i >> ROWID_BITS >= last if descending else i >> ROWID_BITS <= last)]
    if len(ids) == fetch and ids[-1] >> ROWID_BITS == last:  # the last key goes on past what was read
        edges = [last << ROWID_BITS, (last + 1) << ROWID_BITS]
        ties = [int(r[0]) & ROWID_MASK for r in db.execute(f"{_MATCH} AND rowid >= ? AND rowid < ?", [match, *edges])]
        early = [i & ROWID_MASK for i in window if i >> ROWID_BITS != last]
        if len(ties) > CROWD * limit and not descending:
            wanted = min(len(ties), offset + limit - before - len(early))
            sql = (
                f"SELECT {_OUTER} FROM (SELECT {ROW_COLUMNS}, p.sort_name AS k1, p.case_no AS k2"
                " FROM participants p WHERE p.rowid IN (SELECT value FROM json_each(?)) AND p.deleted = 0"
                f" UNION ALL SELECT * FROM (SELECT {ROW_COLUMNS}, p.sort_name, p.case_no"
                " FROM participants p INDEXED BY participants_live_name WHERE p.deleted = 0 AND p.sort_name >= ?"
                " AND p.rowid IN (SELECT value FROM json_each(?))"
                " ORDER BY p.sort_name, p.case_no LIMIT ?)) ORDER BY k1, k2 LIMIT ? OFFSET ?"
            )
            params = [json.dumps(early), _floor(last), json.dumps(ties), wanted, limit, offset - before]
            return sql, params
        window = early + ties
    sql = (
        f"SELECT {ROW_COLUMNS} FROM participants p WHERE p.rowid IN (SELECT value FROM json_each(?))"
        f" AND p.deleted = 0 ORDER BY p.sort_name {direction}, p.case_no {direction} LIMIT ? OFFSET ?"
    )
    return sql, [json.dumps(sorted({i & ROWID_MASK for i in window})), limit, offset - before]
