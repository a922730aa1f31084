"""A search page in the list's name order, read from the search index in its own rowid order (schema 7).

The index's rowids carry the participant's rowid in their low 32 bits and, above them, a key that never
decreases along the list's name order (the first six characters of ``sort_name``: migration v007). FTS5 keeps
each term's matches in rowid order, so the first page of "jose" is met first in the index, and only that
page's participants are read; before schema 7 every match's row was read to sort them (one page each on a
fresh connection), or the sort's index walked until the page filled (README, "Scale").
"""

from __future__ import annotations

from typing import Any

from dmi_desktop.storage.driver import Database

ROWID_BITS = 32
ROWID_MASK = (1 << ROWID_BITS) - 1  # the participant's rowid inside an index rowid
ROW_COLUMNS = (
    "p.id, p.case_no, p.nombres, p.apellido_paterno, p.apellido_materno, p.alias, p.rut, p.sector, p.status,"
    " p.last_checkin"
)
_MATCH = "SELECT rowid FROM participants_fts WHERE participants_fts MATCH ?"


def name_ordered_page(db: Database, match: str, descending: bool, offset: int, limit: int) -> tuple[str, list[Any]]:
    """SQL (selecting ROW_COLUMNS) and parameters of one search page in name order.

    The page spans the key buckets from the one of its first match to the one of its last: only the matches
    of those buckets are fetched and sorted exactly (by sort name, then case number, as the list sorts), and
    the matches of earlier buckets are counted, in the index alone, to know where the page starts among them.
    """
    direction = "DESC" if descending else "ASC"
    nth = f"{_MATCH} ORDER BY rowid {direction} LIMIT 1 OFFSET ?"

    def bucket_at(position: int) -> int | None:
        row = db.execute(nth, (match, position)).fetchone()
        return None if row is None else int(row[0]) >> ROWID_BITS

    first = bucket_at(offset) if offset else None  # the first page starts at the first match
    last = bucket_at(offset + limit - 1)  # None: the matches end on this page
    low, high = (last, first) if descending else (first, last)
    bounds, params = [], [match]
    if low is not None:
        bounds.append("f.rowid >= ?")
        params.append(low << ROWID_BITS)
    if high is not None:
        bounds.append("f.rowid < ?")
        params.append((high + 1) << ROWID_BITS)
    before = 0
    if first is not None:
        edge, mark = ("rowid >= ?", (first + 1) << ROWID_BITS) if descending else ("rowid < ?", first << ROWID_BITS)
        before = int(db.execute(f"SELECT count(*) FROM ({_MATCH} AND {edge})", (match, mark)).fetchone()[0])
    where = " AND ".join(["f.participants_fts MATCH ?", *bounds, "p.deleted = 0"])
    sql = (
        f"SELECT {ROW_COLUMNS} FROM participants_fts f CROSS JOIN participants p"
        f" ON p.rowid = (f.rowid & {ROWID_MASK}) WHERE {where}"
        f" ORDER BY p.sort_name {direction}, p.case_no {direction} LIMIT ? OFFSET ?"
    )
    return sql, [*params, limit, offset - before]
