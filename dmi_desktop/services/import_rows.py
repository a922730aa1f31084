"""The rows of an import, one chunk at a time: cells cleaned into fields, then planned against the vault.

Both passes of an import (the preview, then the apply) run the file through :class:`RowChecker` chunk by
chunk, so memory holds one chunk of rows plus what must be remembered across the whole file: which IDs and
RUTs were already seen, and on which line (kept compactly in :class:`FirstSeen`).
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.errors import DmiError, IllegalTransition, PermissionDenied, ValidationError
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.rut import format_rut
from dmi_desktop.domain.status import check_transition
from dmi_desktop.domain.validation import clean_participant_fields, clean_record_id
from dmi_desktop.services.banked_case import refuse_banked_move
from dmi_desktop.services.import_mapping import RUT_DV, SEX_WORDS, import_labels, normalise_header
from dmi_desktop.services.participants import differences
from dmi_desktop.services.spreadsheet_cells import unguard
from dmi_desktop.services.tabular import SCHEMA_LABEL, Table, cell_text, tr

if TYPE_CHECKING:
    from dmi_desktop.services.participants import ParticipantService

# What each valid row would do.
NEW, UPDATE, UNCHANGED = "new", "update", "unchanged"
CHUNK_ROWS = 1000  # rows cleaned, planned and written together: bounded memory, few statements


@dataclass(frozen=True)
class RowError:
    """One problem in one cell: the line as Excel numbers it (header = 1), the file's column name, why."""

    line: int
    column: str
    reason: str


@dataclass(frozen=True)
class PlannedRow:
    """A clean row and what it does: create (NEW), update (UPDATE, ``changes`` are the fields that differ) or
    nothing (UNCHANGED)."""

    line: int
    fields: dict[str, Any]
    action: str


class FirstSeen:
    """The first line each key (an ID, a RUT) appeared on, for a whole file in little memory.

    An in-memory SQLite table holds about 40 bytes a key where a dict of Python strings holds about 150: a
    million-row file would otherwise keep 300 MB of keys alive. Nothing touches the disk (``:memory:``, and
    temporary structures in memory too).
    """

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:")
        self._db.execute("PRAGMA temp_store = MEMORY")
        self._db.execute(
            "CREATE TABLE seen (kind INTEGER, key TEXT, line INTEGER, PRIMARY KEY (kind, key)) WITHOUT ROWID"
        )

    def earlier(self, kind: int, keys: list[str]) -> dict[str, int]:
        """The line of each of ``keys`` already remembered under ``kind``."""
        found: dict[str, int] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            sql = f"SELECT key, line FROM seen WHERE kind = ? AND key IN ({','.join('?' * len(chunk))})"
            found.update(self._db.execute(sql, (kind, *chunk)))
        return found

    def remember(self, kind: int, pairs: list[tuple[str, int]]) -> None:
        """Remember ``(key, line)`` pairs (a key already known keeps its first line)."""
        self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", [(kind, k, n) for k, n in pairs])

    def close(self) -> None:
        """Free the memory."""
        self._db.close()


_ID, _RUT = 0, 1


class RowChecker:
    """Cleans and plans the rows of one file with one mapping, chunk after chunk, remembering across chunks.

    A known ID updates (only what differs; a different status must be a legal move), a tombstoned one is an
    error, an unknown one creates the person with that ID; RUTs may repeat neither in the file nor in the
    vault, except the person's own. Only coordinators import statuses into or out of the banked case.
    """

    def __init__(
        self, service: ParticipantService, table: Table, mapping: dict[str, str], today: date, file_name: str
    ) -> None:
        self.service = service
        self.file_name = file_name
        self.mapping = dict(mapping)
        self.today = today
        self.guarded = table.formula_guards
        self.column_of = {fld: header for header, fld in mapping.items()}
        self.index_of = [(table.headers.index(header), fld) for header, fld in mapping.items()]
        self.version_column = _version_column(table.headers)
        self.version_header = table.headers[self.version_column] if self.version_column is not None else ""
        self.max_version: int | None = None  # the newest schema version a row says wrote it
        self.seen = FirstSeen()

    def close(self) -> None:
        """Forget the keys seen."""
        self.seen.close()

    def check(self, chunk: list[tuple[int, list[Any]]], ours: int) -> tuple[list[PlannedRow], list[RowError]]:
        """The chunk's good rows with what each does, and every problem of its bad rows (sorted by line).

        A row newer than schema version ``ours`` refuses the whole file (DmiError).
        """
        problems: list[RowError] = []
        entries: list[tuple[int, dict[str, Any]]] = []
        for line, values in chunk:
            bad = self._version_problem(line, values, ours)
            fields, errors = self._clean(line, values)
            if bad is not None:
                errors = [bad, *errors]
            if errors or fields is None:
                problems.extend(errors)
            else:
                entries.append((line, fields))
        plan, late = self._plan(entries)
        problems.extend(late)
        problems.sort(key=lambda e: e.line)
        bad_lines = {e.line for e in late}
        return [p for p in plan if p.line not in bad_lines], problems

    # -- one row ---------------------------------------------------------------------------------

    def _version_problem(self, line: int, values: list[Any], ours: int) -> RowError | None:
        if self.version_column is None:
            return None
        text = cell_text(values[self.version_column] if self.version_column < len(values) else None)
        if not text:
            return None
        number = int(text) if text.isdigit() else -1
        if number < 0:
            return RowError(line, self.version_header, message("schema_version", value=text))
        if number > ours:
            raise newer_schema(self.file_name, number, ours)
        self.max_version = number if self.max_version is None else max(self.max_version, number)
        return None

    def _clean(self, line: int, values: list[Any]) -> tuple[dict[str, Any] | None, list[RowError]]:
        """Clean one row: its fields (with the ``id`` the file gives) or the errors, each naming the file's column."""
        raw = {fld: _cell(values, index, fld, self.guarded) for index, fld in self.index_of}
        problems: list[RowError] = []
        dv = str(raw.pop(RUT_DV, "") or "").strip()
        if dv and raw.get("rut"):
            raw["rut"] = f"{str(raw['rut']).strip()}-{dv}"
        sex = str(raw.get("sex") or "").strip()
        if sex:
            raw["sex"] = _sex_code(sex)
        pid = ""
        id_text = str(raw.pop("id", "") or "").strip()
        if id_text:
            try:
                pid = clean_record_id(id_text)
            except ValueError as exc:
                problems.append(RowError(line, self.column_of.get("id", "ID"), str(exc)))
        try:
            fields = clean_participant_fields(raw, today=self.today)
        except ValidationError as exc:
            labels = import_labels()
            for fld, reason in exc.errors.items():
                problems.append(RowError(line, self.column_of.get(fld, labels.get(fld, fld)), reason))
            return None, problems
        if problems:
            return None, problems
        if pid:
            fields["id"] = pid
        return fields, problems

    # -- against the vault ---------------------------------------------------------------------

    def _plan(self, entries: list[tuple[int, dict[str, Any]]]) -> tuple[list[PlannedRow], list[RowError]]:
        """What each clean row would do against the vault as it is now, and the problems only the vault (or an
        earlier line of the file) reveals."""
        service = self.service
        ids = [f["id"] for _line, f in entries if f.get("id")]
        ruts = [f["rut"] for _line, f in entries if f.get("rut")]
        known = service.by_ids(ids) if ids else {}
        owners = service.rut_owners(ruts) if ruts else {}
        holders = service.by_ids(list(owners.values())) if owners else {}  # to name the case that has the RUT
        seen_ids = self.seen.earlier(_ID, ids) if ids else {}
        seen_ruts = self.seen.earlier(_RUT, ruts) if ruts else {}
        new_ids: list[tuple[str, int]] = []
        new_ruts: list[tuple[str, int]] = []
        id_column = self.column_of.get("id", "ID")
        rut_column = self.column_of.get("rut", "RUT")
        status_column = self.column_of.get("status", "status")
        role = service.session.role
        plan: list[PlannedRow] = []
        problems: list[RowError] = []
        for line, fields in entries:
            pid = fields.get("id", "")
            current = known.get(pid) if pid else None
            if pid in seen_ids:
                again = tr(
                    f"ID repetido en el archivo (ver línea {seen_ids[pid]})", f"ID repeated (see line {seen_ids[pid]})"
                )
                problems.append(RowError(line, id_column, again))
            elif pid:
                seen_ids[pid] = line
                new_ids.append((pid, line))
            if current is not None and current.deleted:
                problems.append(RowError(line, id_column, message("id_deleted", value=pid)))
                current = None
            rut = fields.get("rut", "")
            if rut in seen_ruts:
                where = seen_ruts[rut]
                again = tr(f"RUT repetido en el archivo (ver línea {where})", f"RUT repeated (see line {where})")
                problems.append(RowError(line, rut_column, again))
            elif rut:
                seen_ruts[rut] = line
                new_ruts.append((rut, line))
                owner = owners.get(rut)
                if owner is not None and owner != pid:
                    case_no = holders[owner].case_no if owner in holders else owner
                    taken = message("rut_exists", rut=format_rut(rut), case_no=case_no)
                    problems.append(RowError(line, rut_column, taken))
            action = NEW
            if current is None and fields.get("status"):
                try:
                    refuse_banked_move(role, None, fields["status"])
                except PermissionDenied as exc:
                    problems.append(RowError(line, status_column, str(exc)))
            if current is not None:
                diff = differences(current, without_id(fields))
                if "status" in diff:
                    try:
                        check_transition(current.status, diff["status"])
                        refuse_banked_move(role, current.status, diff["status"])
                    except (IllegalTransition, PermissionDenied) as exc:
                        problems.append(RowError(line, status_column, str(exc)))
                action = UPDATE if diff else UNCHANGED
            plan.append(PlannedRow(line, fields, action))
        self.seen.remember(_ID, new_ids)
        self.seen.remember(_RUT, new_ruts)
        return plan, problems


@functools.lru_cache(maxsize=256)
def _sex_code(text: str) -> str:
    """The code of a sex cell written in words ("Masculino", "mujer"), or the text as it is (a file repeats a few
    spellings on every row: they are looked up once)."""
    return SEX_WORDS.get(normalise_header(text), text)


def without_id(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields without the ``id`` the file gave."""
    return {k: v for k, v in fields.items() if k != "id"}


def newer_schema(file_name: str, version: int, ours: int) -> DmiError:
    """The refusal of a file written by a newer schema version than the vault's."""
    return DmiError(
        tr(
            f"{file_name} viene de una versión más nueva de DMI Desktop (esquema {version}; esta bóveda usa"
            f" el {ours}): actualice la aplicación antes de importarlo",
            f"{file_name} comes from a newer DMI Desktop (schema {version}; this vault uses {ours}):"
            " update the app before importing it",
        )
    )


def _version_column(headers: list[str]) -> int | None:
    wanted = {normalise_header(SCHEMA_LABEL.es), normalise_header(SCHEMA_LABEL.en)}
    return next((i for i, h in enumerate(headers) if normalise_header(h) in wanted), None)


def version_number(value: Any) -> int:
    """A schema version cell as a number (-1 when it is not one)."""
    text = cell_text(value)
    return int(text) if text.isdigit() else -1


def _cell(values: list[Any], index: int, fld: str, guarded: bool = True) -> Any:
    value = values[index] if index < len(values) else None
    if fld == "birth_date" and isinstance(value, datetime | date):
        return value.date() if isinstance(value, datetime) else value
    if (
        fld == "birth_date"
        and isinstance(value, int | float)
        and not isinstance(value, bool)
        and 3_000 < value < 80_000
    ):
        from openpyxl.utils.datetime import from_excel  # a date cell without a date format: Excel's day number

        return from_excel(value).date()
    text = cell_text(value)
    # Spreadsheets (our CSV export, or it re-saved by Excel) guard formula-like text with an apostrophe: take it
    # back off. A JSON export is never guarded, so its text is taken as it is.
    return unguard(text) if guarded else text
