"""Repositories: the only place SQL about the participant file lives; they return dataclasses."""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from dmi_desktop.domain.errors import NotFound
from dmi_desktop.domain.fields import stored_fields
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.models import (
    Participant,
    ParticipantRow,
    Record,
)
from dmi_desktop.domain.status import Status
from dmi_desktop.storage.driver import Database
from dmi_desktop.storage.fts import fts_query
from dmi_desktop.storage.guard import translate, translate_methods
from dmi_desktop.storage.list_filters import follow_up_clauses, has_follow_up
from dmi_desktop.storage.records import SYNC_FIELDS, data_fields, from_row, stamp_new, stamp_update, to_column
from dmi_desktop.storage.search_page import ROW_COLUMNS, ROWID_MASK, name_ordered_page
from dmi_desktop.storage.vault import Vault

# Sync columns, then the participant's stored fields as the registry declares them (derived ones left out).
_PARTICIPANT_FIELDS = (*SYNC_FIELDS, *(f.name for f in stored_fields("participants") if f.name not in SYNC_FIELDS))
PARTICIPANT_SELECT = ", ".join(f"p.{c}" for c in _PARTICIPANT_FIELDS) + ", p.photo IS NOT NULL AS has_photo"
_PARTICIPANT_NAMES = (*_PARTICIPANT_FIELDS, "has_photo")
# Sort keys the list offers; each maps to an indexed SQL expression (never sort in Python at 100 000 rows).
SORT_COLUMNS = {
    "case_no": "case_no",
    "name": "sort_name",
    "alias": "alias",
    "rut": "rut",
    "sector": "sector",
    "status": "status",
    "last_checkin": "last_checkin",
}

# The partial index for each sort key (migration 2; RUT's came with migration 4): ordered like query.order().
SORT_INDEXES = {
    "name": "participants_live_name",
    "status": "participants_live_status",
    "sector": "participants_live_sector",
    "last_checkin": "participants_live_checkin",
    "alias": "participants_live_alias",
    "case_no": "participants_live_case",
    "rut": "participants_live_rut",
}
# The crossover between a search page's two plans, in FTS matches, for the first page of 200 at 100 000
# participants: below it the matches are fetched and sorted (one table lookup each), above it the page is read
# in list order from the sort's index, keeping matches until it is full (index entries visited: the rows read
# through divided by the share of rows that match). Measured: about 600 on a fresh connection (every page read
# is a decryption), 1 500 once warm. The lookups grow with the matches, the visits with the vault and the page
# offset over the share, so the crossover grows with the square root of (vault size x rows read through):
# about 2 500 matches for the first page at 1 000 000 (a fixed 800 walked 250 000 index entries there).
BROAD_SEARCH = 800
_BROAD_AT_ROWS, _BROAD_AT_READ = 100_000, 200
# A search's count stops here (the list says "more than 10 000"): counting every match of "a" in a large vault
# grew with the matches, and nobody reads that far down a search instead of refining it.
SEARCH_COUNT_CAP = 10_000
_SECTORS_SQL = (
    "WITH RECURSIVE s(sector) AS ("
    " SELECT min(sector) FROM participants WHERE deleted = 0 AND sector > ''"
    " UNION ALL SELECT (SELECT min(p.sector) FROM participants p WHERE p.deleted = 0 AND p.sector > s.sector)"
    " FROM s WHERE s.sector IS NOT NULL)"
    " SELECT sector FROM s WHERE sector IS NOT NULL"
)


def _name_ordered_search(query: ParticipantQuery) -> bool:
    """Whether a search page can be read in the search index's own order: by name, no other filter."""
    sort = query.sort if query.sort in SORT_COLUMNS else "name"
    return sort == "name" and not (query.status or query.sector or query.caseworker or has_follow_up(query))


def sort_key_for(nombres: str, paterno: str, materno: str) -> str:
    """Accent- and case-insensitive sort key: surnames first, as Chilean lists are read."""
    text = f"{paterno} {materno} {nombres}".casefold()
    if text.isascii():  # nothing to decompose (most names of a bulk import): the same key, ten times faster
        return text.strip()
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).strip()


def insert_rows(db: Database, table: str, rows: list[dict[str, Any]]) -> None:
    """INSERT many rows that carry the same columns, with one prepared statement."""
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    db.conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', [[r[c] for c in columns] for r in rows])


@functools.cache
def _new_defaults_cached(cls: type[Record]) -> tuple[tuple[str, Any], ...]:
    blank = cls()
    return tuple((name, to_column(getattr(blank, name))) for name in data_fields(cls))


def new_defaults(cls: type[Record]) -> dict[str, Any]:
    """Column values of a new row before the caller's values: every row of a batch carries every column."""
    return dict(_new_defaults_cached(cls))


def update_row(db: Database, table: str, row_id: str, row: dict[str, Any]) -> None:
    """UPDATE one row by id with the given column values."""
    if not row:
        return
    assignments = ", ".join(f'"{c}" = ?' for c in row)
    db.execute(f'UPDATE "{table}" SET {assignments} WHERE id = ?', [*row.values(), row_id])


@dataclass(frozen=True)
class ParticipantQuery:
    """Filters and order for the participants list (everything happens in SQL)."""

    search: str = ""
    status: tuple[Status, ...] = ()
    sector: str = ""
    caseworker: str = ""  # exact match: the user who handles the file ("mis casos")
    sort: str = "name"
    descending: bool = False
    # Follow-up filters (home lines): intervals are vault settings, see storage/list_filters.py.
    checkin_overdue: bool = False
    referral_waiting: bool = False
    ids: tuple[str, ...] | None = None  # an explicit set computed by a service; None: no such filter
    changed_since: str = ""  # an HLC stamp or a date (AAAA-MM-DD)

    def where(self) -> tuple[str, list[Any]]:
        """SQL WHERE clause and parameters."""
        clauses, params = ["p.deleted = 0"], []
        if self.search.strip():
            match = fts_query(self.search)
            if match:
                clauses.append(
                    f"p.rowid IN (SELECT rowid & {ROWID_MASK} FROM participants_fts WHERE participants_fts MATCH ?)"
                )
                params.append(match)
        if self.status:
            clauses.append(f"p.status IN ({','.join('?' * len(self.status))})")
            params.extend(s.value for s in self.status)
        if self.sector:
            clauses.append("p.sector = ?")
            params.append(self.sector)
        if self.caseworker:
            # The second term repeats the partial index's WHERE so SQLite can use it.
            clauses.append("p.caseworker = ? AND p.caseworker <> ''")
            params.append(self.caseworker)
        follow_up_clauses(self, clauses, params)
        return " AND ".join(clauses), params

    def order(self) -> str:
        """SQL ORDER BY with a stable tie-break: then by name, then by case number (matches the indexes)."""
        column = SORT_COLUMNS.get(self.sort, "sort_name")
        direction = "DESC" if self.descending else "ASC"
        keys = [column] + [k for k in ("sort_name", "case_no") if k != column]
        if column == "case_no":
            keys = ["case_no"]
        return ", ".join(f"p.{k} {direction}" for k in keys)


@translate_methods
class ParticipantRepository:
    """Participants: create, read, update, list pages, search."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._last_matches: tuple[str, int] = ("", 0)

    @property
    def db(self) -> Database:
        """The writer's connection (writes, and reads that decide a write)."""
        return self.vault.db

    @property
    def rdb(self) -> Database:
        """The connection plain reads go through: committed data only, outside the caller's own transaction."""
        return self.vault.read_db()

    def add(self, values: dict[str, Any]) -> Participant:
        """Insert a participant; assigns a case number unique across laptops (device code inside)."""
        return self.add_many([values])[0]

    def add_many(self, rows: list[dict[str, Any]]) -> list[Participant]:
        """Insert participants with one prepared statement; their case numbers are allocated as one block.

        The rows are returned as inserted (never read back): the bulk write path of imports and sync.
        """
        return [from_row(Participant, row) for row in self.insert_many(rows)]

    def insert_many(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Insert participants as :meth:`add_many` does; returns the column values written (no objects built)."""
        if not rows:
            return []
        defaults = new_defaults(Participant)
        stamped = []
        for values, case_no in zip(rows, self._case_numbers(len(rows)), strict=True):
            row = stamp_new({**defaults, **values, "case_no": case_no}, self.vault.hlc, self.vault.device_id)
            row["sort_name"] = sort_key_for(row["nombres"], row["apellido_paterno"], row["apellido_materno"])
            stamped.append(row)
        # Inserted in name order (case numbers stay in the caller's order): the search index is keyed by name
        # (schema 7) and FTS5 flushes its pending terms whenever a key goes down, once a row in input order.
        insert_rows(self.db, "participants", sorted(stamped, key=lambda r: r["sort_name"]))
        return stamped

    def _case_numbers(self, count: int) -> list[str]:
        """The next ``count`` case numbers of this device and year, one counter update for the block.

        The counter can lag behind the rows (a restored backup, rows of this laptop coming back from a
        peer): numbers already taken are skipped instead of failing on the unique index.
        """
        year = date.today().year
        name, prefix = f"case_no:{year}", f"{self.vault.device_code}-{year}-"
        row = self.db.execute("SELECT value FROM sequences WHERE name = ?", (name,)).fetchone()
        last = int(row[0]) if row else 0
        out: list[str] = []
        while len(out) < count:
            wanted = [f"{prefix}{n:05d}" for n in range(last + 1, last + 1 + min(count - len(out), 500))]
            marks = ",".join("?" * len(wanted))
            taken = {
                r[0] for r in self.db.execute(f"SELECT case_no FROM participants WHERE case_no IN ({marks})", wanted)
            }
            out.extend(c for c in wanted if c not in taken)
            last += len(wanted)
        self.db.execute(
            "INSERT INTO sequences (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            (name, last),
        )
        return out

    def get(self, participant_id: str) -> Participant:
        """The participant with this id; NotFound if missing or deleted."""
        row = self.rdb.execute(
            f"SELECT {PARTICIPANT_SELECT} FROM participants p WHERE p.id = ? AND p.deleted = 0", (participant_id,)
        ).fetchone()
        if row is None:
            raise NotFound(message("participant_not_found", key=participant_id))
        return self._participant(row)

    def resolve(self, id_or_case_no: str) -> Participant:
        """Find by id or by case number (as users type it)."""
        key = id_or_case_no.strip()
        row = self.rdb.execute(
            f"SELECT {PARTICIPANT_SELECT} FROM participants p WHERE (p.id = ? OR p.case_no = ?) AND p.deleted = 0",
            (key, key.upper()),
        ).fetchone()
        if row is None:
            raise NotFound(message("participant_not_found", key=id_or_case_no))
        return self._participant(row)

    def by_ids(self, ids: list[str]) -> dict[str, Participant]:
        """The participants with these ids, tombstoned ones included (``deleted`` says which); unknown ids absent."""
        found: dict[str, Participant] = {}
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), 500):  # well under SQLite's limit of bound parameters
            chunk = unique[start : start + 500]
            rows = self.db.execute(
                f"SELECT {PARTICIPANT_SELECT} FROM participants p WHERE p.id IN ({','.join('?' * len(chunk))})", chunk
            )
            for row in rows:
                p = self._participant(row)
                found[p.id] = p
        return found

    def rut_owner(self, rut: str) -> str | None:
        """Id of the live participant holding ``rut``, if any."""
        # The terms repeat the partial index's WHERE (rut <> '' AND deleted = 0) so SQLite can use it.
        row = self.rdb.execute(
            "SELECT id FROM participants WHERE rut = ? AND rut <> '' AND deleted = 0", (rut,)
        ).fetchone()
        return row[0] if row else None

    def rut_owners(self, ruts: list[str]) -> dict[str, str]:
        """RUT -> id of the live participant holding it, for those of ``ruts`` that are taken (one query per 500)."""
        found: dict[str, str] = {}
        wanted = [r for r in dict.fromkeys(ruts) if r]
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT rut, id FROM participants WHERE rut IN ({marks}) AND rut <> '' AND deleted = 0"
            found.update((r[0], r[1]) for r in self.rdb.execute(sql, chunk))
        return found

    def existing_ids(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` a participant row already has, tombstoned ones included."""
        found: set[str] = set()
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            sql = f"SELECT id FROM participants WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.db.execute(sql, chunk))
        return found

    def ruts_taken(self, ruts: list[str]) -> set[str]:
        """Which of ``ruts`` a live participant already holds (one indexed lookup per 500)."""
        found: set[str] = set()
        wanted = [r for r in dict.fromkeys(ruts) if r]
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT rut FROM participants WHERE rut IN ({marks}) AND rut <> '' AND deleted = 0"
            found.update(r[0] for r in self.rdb.execute(sql, chunk))
        return found

    def live_ids(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` are live participants."""
        found: set[str] = set()
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id FROM participants WHERE id IN ({marks}) AND deleted = 0"
            found.update(r[0] for r in self.rdb.execute(sql, chunk))
        return found

    def update(self, participant_id: str, changes: dict[str, Any], before: Participant | None = None) -> Participant:
        """Apply field changes with fresh clocks; returns the updated participant (built from ``before`` and the
        changes when the caller has it, instead of reading back what was just written)."""
        old = self.db.execute(
            "SELECT _clock, nombres, apellido_paterno, apellido_materno FROM participants WHERE id = ? AND deleted = 0",
            (participant_id,),
        ).fetchone()
        if old is None:
            raise NotFound(message("participant_not_found", key=participant_id))
        row = stamp_update(old[0], changes, self.vault.hlc)
        if {"nombres", "apellido_paterno", "apellido_materno"} & changes.keys():
            names = {"nombres": old[1], "apellido_paterno": old[2], "apellido_materno": old[3]}
            names.update({k: v for k, v in changes.items() if k in names})
            row["sort_name"] = sort_key_for(names["nombres"], names["apellido_paterno"], names["apellido_materno"])
        update_row(self.db, "participants", participant_id, row)
        if before is not None and before.id == participant_id:
            return dataclasses.replace(before, **changes, updated_hlc=row["updated_hlc"])
        return self.get(participant_id)

    def delete(self, participant_id: str) -> None:
        """Tombstone the participant: gone from lists and search, kept so the deletion can be synchronised."""
        old = self.db.execute(
            "SELECT _clock FROM participants WHERE id = ? AND deleted = 0", (participant_id,)
        ).fetchone()
        if old is None:
            raise NotFound(message("participant_not_found", key=participant_id))
        update_row(self.db, "participants", participant_id, stamp_update(old[0], {"deleted": True}, self.vault.hlc))

    def photo(self, participant_id: str) -> bytes | None:
        """The stored photo bytes (JPEG/PNG), if any."""
        row = self.rdb.execute("SELECT photo FROM participants WHERE id = ?", (participant_id,)).fetchone()
        return row[0] if row else None

    def set_photo(self, participant_id: str, data: bytes | None) -> None:
        """Store or clear the photo (kept inside the encrypted database)."""
        old = self.db.execute("SELECT _clock FROM participants WHERE id = ?", (participant_id,)).fetchone()
        row = stamp_update(old[0], {"photo": data}, self.vault.hlc)
        update_row(self.db, "participants", participant_id, row)

    def count(self, query: ParticipantQuery, *, capped: bool = False) -> int:
        """How many participants match; ``capped``: a search stops counting past SEARCH_COUNT_CAP (cap + 1)."""
        match = fts_query(query.search) if query.search.strip() else ""
        limit = SEARCH_COUNT_CAP + 1 if capped else -1  # LIMIT -1: no limit
        if match and not query.status and not query.sector and not query.caseworker and not has_follow_up(query):
            # The FTS index holds exactly the live participants (see its triggers): counting there avoids
            # fetching (and decrypting) every matching row, 100x faster for a common first name.
            return self._fts_matches(match, limit)
        where, params = query.where()
        if match and capped:
            sql = f"SELECT count(*) FROM (SELECT 1 FROM participants p WHERE {where} LIMIT ?)"
            return int(self.rdb.execute(sql, [*params, limit]).fetchone()[0])
        return int(self.rdb.execute(f"SELECT count(*) FROM participants p WHERE {where}", params).fetchone()[0])

    def includes(self, query: ParticipantQuery, participant_id: str) -> bool:
        """Whether the list ``query`` describes shows this participant (one indexed lookup by id)."""
        where, params = query.where()
        sql = f"SELECT 1 FROM participants p WHERE {where} AND p.id = ?"
        return self.rdb.execute(sql, [*params, participant_id]).fetchone() is not None

    def rows(self, query: ParticipantQuery, offset: int = 0, limit: int = 200) -> list[ParticipantRow]:
        """One page of list rows, already filtered and sorted by SQL."""
        where, params = query.where()
        source = "participants p"
        index = SORT_INDEXES.get(query.sort if query.sort in SORT_COLUMNS else "name")
        match = fts_query(query.search) if query.search.strip() else ""
        if match and _name_ordered_search(query):  # schema 7: the index meets the matches in name order
            sql, params = name_ordered_page(self.rdb, match, query.descending, offset, limit)
        else:
            if index and match and self._broad(self._plan_matches(match), offset + limit):
                # A broad search ("jose": thousands of rows) is cheaper read in list order from the sort's
                # index, keeping matches until the page is full, than fetching and sorting every match.
                source = f"participants p INDEXED BY {index}"
            sql = f"SELECT {ROW_COLUMNS} FROM {source} WHERE {where} ORDER BY {query.order()} LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        out = []
        for r in self.rdb.execute(sql, params):
            name = " ".join(x for x in (r[2], r[3], r[4]) if x)
            out.append(
                ParticipantRow(
                    r[0], r[1], name, r[5], r[6], r[7], Status(r[8]), date.fromisoformat(r[9]) if r[9] else None
                )
            )
        return out

    def _broad(self, matches: int, read_through: int) -> bool:
        """Whether a search page is cheaper read in index order (see BROAD_SEARCH)."""
        if matches > SEARCH_COUNT_CAP:
            return True  # a capped count: at least this many, far more in a large vault
        # max(rowid): one seek, and close enough to the number of participants (deleted ones are kept).
        rows = int(self.rdb.execute("SELECT max(rowid) FROM participants").fetchone()[0] or 0)
        scale = (rows / _BROAD_AT_ROWS) * (max(read_through, 1) / _BROAD_AT_READ)
        return matches * matches > BROAD_SEARCH * BROAD_SEARCH * scale

    def _fts_matches(self, match: str, limit: int = SEARCH_COUNT_CAP + 1) -> int:
        """FTS matches of a prepared query, counted up to ``limit`` (-1: all)."""
        sql = "SELECT count(*) FROM (SELECT 1 FROM participants_fts WHERE participants_fts MATCH ? LIMIT ?)"
        count = int(self.rdb.execute(sql, (match, limit)).fetchone()[0])
        self._last_matches = (match, count)
        return count

    def _plan_matches(self, match: str) -> int:
        """Matches of ``match`` to choose a page's plan: the count the list just read for it, when it did.

        Only the plan depends on it (a stale count gives the same rows, a little slower), so the search is
        not counted a second time per keystroke. Counted here, it stops at the cap: the plan needs no more.
        """
        if self._last_matches[0] == match:
            return self._last_matches[1]
        return self._fts_matches(match)

    def all(self, query: ParticipantQuery) -> list[Participant]:
        """Every matching participant (exports); ordered like the list."""
        where, params = query.where()
        rows = self.rdb.execute(
            f"SELECT {PARTICIPANT_SELECT} FROM participants p WHERE {where} ORDER BY {query.order()}", params
        )
        return [self._participant(r) for r in rows]

    def stream(self, query: ParticipantQuery, page: int = 500) -> Iterator[list[tuple[Participant, date | None]]]:
        """Every matching participant with its last check-in, ordered like the list, ``page`` rows at a time.

        The statement runs now, on the connection a read takes now (this thread's reader outside a transaction),
        and its pages are one snapshot even if the caller then opens a write transaction (an export's audit).
        """
        where, params = query.where()
        # Walked in the order of the sort's index, filters applied on the way: a filtered list would otherwise be
        # sorted whole in a temporary B-tree (in memory), the very growth a stream is meant to avoid.
        index = SORT_INDEXES.get(query.sort if query.sort in SORT_COLUMNS else "name")
        source = f"participants p INDEXED BY {index}" if index else "participants p"
        cursor = self.rdb.execute(
            f"SELECT {PARTICIPANT_SELECT}, p.last_checkin FROM {source} WHERE {where} ORDER BY {query.order()}",
            params,
        )
        return self._pages(cursor, page)

    def _pages(self, cursor: Any, page: int) -> Iterator[list[tuple[Participant, date | None]]]:
        fetch = translate(cursor.fetchmany)  # a damaged page met halfway is the same one line as anywhere else
        while rows := fetch(page):
            yield [(self._participant(r[:-1]), date.fromisoformat(r[-1]) if r[-1] else None) for r in rows]

    def sectors(self) -> list[str]:
        """Distinct sectors in use, for filters and pickers (one index seek per sector, whatever the rows)."""
        # The list asks again after every change. DISTINCT walked every live row's index entry (77 ms at
        # 1 000 000); this jumps from each sector to the next in the sector index (participants_live_sector,
        # usable because the terms repeat its WHERE), so the cost follows the few sectors, not the rows.
        return [r[0] for r in self.rdb.execute(_SECTORS_SQL)]

    def _participant(self, row: tuple) -> Participant:
        return from_row(Participant, dict(zip(_PARTICIPANT_NAMES, row, strict=True)))
