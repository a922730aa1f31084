"""Import participants from CSV, XLSX or our JSON export: map, preview new/updated/unchanged and errors, apply."""

# A row with the ID of a participant of this vault updates that person (only the fields that differ); an unknown
# ID creates the person keeping it, so importing the same export twice changes nothing the second time.

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.errors import DmiError, IllegalTransition, PermissionDenied, ValidationError
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.roles import can_write
from dmi_desktop.domain.status import check_transition
from dmi_desktop.domain.validation import clean_participant_fields, clean_record_id
from dmi_desktop.services.banked_case import refuse_banked_move
from dmi_desktop.services.import_mapping import (
    RUT_DV,
    SEX_WORDS,
    checked_mapping,
    guess_mapping,
    import_labels,
    normalise_header,
)
from dmi_desktop.services.participants import differences
from dmi_desktop.services.spreadsheet_cells import unguard
from dmi_desktop.services.tabular import SCHEMA_LABEL, Table, cell_text, is_blank, read_table, tr

if TYPE_CHECKING:
    from dmi_desktop.services.participants import ParticipantService
    from dmi_desktop.services.session import Session

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# What the preview says each valid row would do.
NEW, UPDATE, UNCHANGED = "new", "update", "unchanged"


class ImportRefused(DmiError):
    """Rows with errors and no permission to skip them: nothing was imported. ``errors`` lists them."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = list(errors)
        lines = len({e.line for e in self.errors})
        es = f"no se importó nada: {lines} {'fila' if lines == 1 else 'filas'} con errores"
        super().__init__(tr(es, f"nothing imported: {lines} {'row' if lines == 1 else 'rows'} with errors"))


class ImportCancelled(DmiError):
    """The user stopped the import; nothing was imported."""


@dataclass(frozen=True)
class RowError:
    """One problem in one cell: the line as Excel numbers it (header = 1), the file's column name, why."""

    line: int
    column: str
    reason: str


@dataclass
class ImportPreview:
    """What an import would do: the valid rows (cleaned) with their lines and what each would do, every error."""

    headers: list[str]
    mapping: dict[str, str]
    rows: list[dict]
    errors: list[RowError]
    total: int
    lines: list[int] = field(default_factory=list)  # source line of each entry of ``rows``
    file_name: str = ""
    actions: list[str] = field(default_factory=list)  # NEW, UPDATE or UNCHANGED for each entry of ``rows``
    schema_version: int | None = None  # the version that wrote the file, when it says

    @property
    def bad_lines(self) -> list[int]:
        """Lines with at least one error, in order."""
        return sorted({e.line for e in self.errors})

    @property
    def valid(self) -> int:
        """How many rows are fine (new, to update or unchanged)."""
        return len(self.rows)

    @property
    def new(self) -> int:
        """Rows that would create a participant."""
        return self.actions.count(NEW)

    @property
    def to_update(self) -> int:
        """Rows that would change a participant already in the vault."""
        return self.actions.count(UPDATE)

    @property
    def unchanged(self) -> int:
        """Rows identical to a participant already in the vault."""
        return self.actions.count(UNCHANGED)


@dataclass(frozen=True)
class ImportResult:
    """How many participants were created and updated, rows left as they were, and rows skipped for errors."""

    created: int
    skipped: int
    updated: int = 0
    unchanged: int = 0


def _require_import_right(session: Session) -> None:
    """Coordinators and staff import (creating participants is ordinary work); viewers only read."""
    if not can_write(session.role):
        raise PermissionDenied(
            tr(
                "su rol solo permite consultar: no puede importar participantes",
                "your role is read-only: cannot import",
            )
        )


def read_headers(path: Path) -> list[str]:
    """The file's column headers (for the mapping step); DmiError when the file cannot be read."""
    return read_table(Path(path)).headers


def preview_import(session: Session, path: Path, mapping: dict[str, str] | None = None) -> ImportPreview:
    """Read and check every row without writing anything; errors name the line and the file's column.

    Rows are classified against the vault: new, to update (their ID is a participant here and a field
    differs) or unchanged. A file written by a newer schema version is refused as a whole.
    """
    _require_import_right(session)
    path = Path(path)
    table = read_table(path)
    guessed = mapping is None
    mapping = checked_mapping(table.headers, guess_mapping(table.headers) if guessed else mapping, path)
    if guessed:
        mapping = _without_foreign_ids(table, mapping)
    column_of = {fld: header for header, fld in mapping.items()}
    index_of = {header: table.headers.index(header) for header in mapping}
    today = date.today()
    preview = ImportPreview(list(table.headers), dict(mapping), [], [], 0, [], path.name)
    preview.schema_version = _check_schema_version(session, table, path, preview.errors)
    entries: list[tuple[int, dict[str, Any]]] = []
    for line, values in table.rows:
        if is_blank(values):
            continue
        preview.total += 1
        raw = {fld: _cell(values, index_of[header], fld, table.formula_guards) for header, fld in mapping.items()}
        fields, problems = _row_errors(raw, line, column_of, today)
        if problems or fields is None:
            preview.errors.extend(problems)
        else:
            entries.append((line, fields))
    plan, problems = _plan(session.participants, entries, column_of)
    preview.errors.extend(problems)
    preview.errors.sort(key=lambda e: e.line)
    bad = set(preview.bad_lines)
    for line, fields, action in plan:
        if line not in bad:
            preview.rows.append(fields)
            preview.lines.append(line)
            preview.actions.append(action)
    return preview


def apply_import(
    session: Session,
    preview: ImportPreview,
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Create the new participants and update the known ones in one transaction; nothing when a row is bad."""
    _require_import_right(session)
    if preview.errors and not skip_invalid:
        raise ImportRefused(preview.errors)
    service = session.participants
    lines = preview.lines or list(range(2, len(preview.rows) + 2))
    column_of = {fld: header for header, fld in preview.mapping.items()}
    # The vault may have changed since the preview (or the preview is applied twice): classify again.
    plan, late = _plan(service, list(zip(lines, preview.rows, strict=True)), column_of)
    if late and not skip_invalid:
        raise ImportRefused(late)
    late_lines = {e.line for e in late}
    todo = [(fields, action) for line, fields, action in plan if line not in late_lines]
    new_rows = [fields for fields, action in todo if action == NEW]
    updates = {fields["id"]: _without_id(fields) for fields, action in todo if action == UPDATE}
    unchanged = sum(1 for _fields, action in todo if action == UNCHANGED)
    skipped = len(preview.bad_lines) + len(late_lines)
    total = len(new_rows) + len(updates)
    done = 0

    def stop_if_cancelled() -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled(tr("importación cancelada: no se importó nada", "import cancelled: nothing imported"))

    def row_done() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)
        if done < total:
            stop_if_cancelled()

    stop_if_cancelled()
    today = date.today()
    created: list[str] = []
    updated: list[str] = []
    if total:
        reason = tr(f"importado de {preview.file_name}", f"imported from {preview.file_name}")
        with service.batch("importar participantes"):
            created = [p.id for p in service.create_many(new_rows, today=today, row_done=row_done)]
            updated = [p.id for p in service.update_many(updates, reason=reason, today=today, row_done=row_done)]
            service.audit_import(
                {
                    "file": preview.file_name,
                    "created": len(created),
                    "updated": len(updated),
                    "unchanged": unchanged,
                    "skipped": skipped,
                    "rows": preview.total,
                }
            )
    log.info(
        "import: %d participants created, %d updated, %d unchanged, %d rows skipped",
        len(created),
        len(updated),
        unchanged,
        skipped,
    )
    return ImportResult(len(created), skipped, len(updated), unchanged)


# -- helpers ------------------------------------------------------------------------------------


def _plan(
    service: ParticipantService, entries: list[tuple[int, dict[str, Any]]], column_of: dict[str, str]
) -> tuple[list[tuple[int, dict[str, Any], str]], list[RowError]]:
    """What each clean row would do against the vault as it is now, and the problems only the vault reveals.

    A known ID updates (only what differs; a different status must be a legal move), a tombstoned one is an
    error, an unknown one creates the person with that ID; RUTs may repeat neither in the file nor in the
    vault, except the person's own. Only coordinators import statuses into or out of the banked case.
    """
    known = service.by_ids([f["id"] for _line, f in entries if f.get("id")])
    id_column = column_of.get("id", "ID")
    rut_column = column_of.get("rut", "RUT")
    seen_ids: dict[str, int] = {}
    seen_ruts: dict[str, int] = {}
    plan: list[tuple[int, dict[str, Any], str]] = []
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
        if current is not None and current.deleted:
            problems.append(RowError(line, id_column, message("id_deleted", value=pid)))
            current = None
        rut = fields.get("rut", "")
        if rut in seen_ruts:
            again = tr(
                f"RUT repetido en el archivo (ver línea {seen_ruts[rut]})", f"RUT repeated (see line {seen_ruts[rut]})"
            )
            problems.append(RowError(line, rut_column, again))
        elif rut:
            seen_ruts[rut] = line
            owner = service.rut_owner(rut)
            if owner is not None and owner != pid:
                problems.append(RowError(line, rut_column, message("rut_duplicate", rut=rut)))
        action = NEW
        status_column = column_of.get("status", "status")
        if current is None and fields.get("status"):
            try:
                refuse_banked_move(service.session.role, None, fields["status"])
            except PermissionDenied as exc:
                problems.append(RowError(line, status_column, str(exc)))
        if current is not None:
            diff = differences(current, _without_id(fields))
            if "status" in diff:
                try:
                    check_transition(current.status, diff["status"])
                    refuse_banked_move(service.session.role, current.status, diff["status"])
                except (IllegalTransition, PermissionDenied) as exc:
                    problems.append(RowError(line, status_column, str(exc)))
            action = UPDATE if diff else UNCHANGED
        plan.append((line, fields, action))
    return plan, problems


def _without_id(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k != "id"}


def _without_foreign_ids(table: Table, mapping: dict[str, str]) -> dict[str, str]:
    """Drop a guessed "ID" column that holds no id this app writes (a spreadsheet's own row numbers)."""
    header = next((h for h, f in mapping.items() if f == "id"), None)
    if header is None:
        return mapping
    index = table.headers.index(header)
    for _line, values in table.rows:
        try:
            clean_record_id(cell_text(values[index] if index < len(values) else None))
        except ValueError:
            continue
        return mapping
    return {h: f for h, f in mapping.items() if f != "id"}


def _check_schema_version(session: Session, table: Table, path: Path, errors: list[RowError]) -> int | None:
    """The schema version the file says wrote it (JSON key or CSV/XLSX column); a newer one than ours refused."""
    found: list[int] = []
    if table.schema_version is not None:
        found.append(_version_number(table.schema_version))
    wanted = {normalise_header(SCHEMA_LABEL.es), normalise_header(SCHEMA_LABEL.en)}
    column = next((i for i, h in enumerate(table.headers) if normalise_header(h) in wanted), None)
    if column is not None:
        for line, values in table.rows:
            text = cell_text(values[column] if column < len(values) else None)
            if not text:
                continue
            number = _version_number(text)
            if number < 0:
                errors.append(RowError(line, table.headers[column], message("schema_version", value=text)))
            else:
                found.append(number)
    if not found:
        return None
    version, ours = max(found), session.schema_version
    if version > ours:
        raise DmiError(
            tr(
                f"{path.name} viene de una versión más nueva de DMI Desktop (esquema {version}; esta bóveda usa"
                f" el {ours}): actualice la aplicación antes de importarlo",
                f"{path.name} comes from a newer DMI Desktop (schema {version}; this vault uses {ours}):"
                " update the app before importing it",
            )
        )
    return version


def _version_number(value: Any) -> int:
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


def _row_errors(
    raw: dict[str, Any], line: int, column_of: dict[str, str], today: date
) -> tuple[dict[str, Any] | None, list[RowError]]:
    """Clean one row: its fields (with the ``id`` the file gives) or the errors, each naming the file's column."""
    raw = dict(raw)
    problems: list[RowError] = []
    labels = import_labels()
    dv = str(raw.pop(RUT_DV, "") or "").strip()
    if dv and raw.get("rut"):
        raw["rut"] = f"{str(raw['rut']).strip()}-{dv}"
    sex = str(raw.get("sex") or "").strip()
    if sex:
        raw["sex"] = SEX_WORDS.get(normalise_header(sex), sex)
    pid = ""
    id_text = str(raw.pop("id", "") or "").strip()
    if id_text:
        try:
            pid = clean_record_id(id_text)
        except ValueError as exc:
            problems.append(RowError(line, column_of.get("id", "ID"), str(exc)))
    try:
        fields = clean_participant_fields(raw, today=today)
    except ValidationError as exc:
        for fld, reason in exc.errors.items():
            problems.append(RowError(line, column_of.get(fld, labels.get(fld, fld)), reason))
        return None, problems
    if problems:
        return None, problems
    if pid:
        fields["id"] = pid
    return fields, problems
