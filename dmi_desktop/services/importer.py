"""Import participants from CSV, XLSX or our JSON export: map, preview new/updated/unchanged and errors, apply.

The file is streamed twice, chunk by chunk: the preview reads and checks every row, keeping counts, the first
rows to show and the errors (capped); the apply reads it again (refused if its bytes changed since), cleans
each row once and writes it through the batched path of ``ParticipantService`` (``create_many`` and
``update_many`` on checked values), all in one transaction. Memory does not grow with the file.
"""

# A row with the ID of a participant of this vault updates that person (only the fields that differ); an unknown
# ID creates the person keeping it, so importing the same export twice changes nothing the second time.

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.errors import DmiError, PermissionDenied
from dmi_desktop.domain.roles import can_write
from dmi_desktop.domain.validation import clean_record_id
from dmi_desktop.services.import_mapping import RUT_DV, checked_mapping, guess_mapping, import_labels
from dmi_desktop.services.import_rows import (
    CHUNK_ROWS,
    NEW,
    UNCHANGED,
    UPDATE,
    PlannedRow,
    RowChecker,
    RowError,
    newer_schema,
    version_number,
    without_id,
)
from dmi_desktop.services.tabular import Table, cell_text, read_table, tr
from dmi_desktop.storage.connection import lean_cache

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

__all__ = [
    "NEW",
    "RUT_DV",
    "UNCHANGED",
    "UPDATE",
    "ImportPreview",
    "ImportResult",
    "RowError",
    "apply_import",
    "guess_mapping",
    "import_labels",
    "preview_import",
]
SAMPLE_ROWS = 100  # valid rows a preview keeps to show (the wizard shows as many)
MAX_LISTED_ERRORS = 1000  # errors a preview lists; beyond, it counts them


class ImportRefused(DmiError):
    """Rows with errors and no permission to skip them: nothing was imported. ``errors`` lists them (the first
    ones, when a preview capped its list); ``bad`` is how many rows had errors."""

    def __init__(self, errors: list[RowError], bad: int | None = None) -> None:
        self.errors = list(errors)
        lines = len({e.line for e in self.errors}) if bad is None else bad
        es = f"no se importó nada: {lines} {'fila' if lines == 1 else 'filas'} con errores"
        super().__init__(tr(es, f"nothing imported: {lines} {'row' if lines == 1 else 'rows'} with errors"))


class ImportCancelled(DmiError):
    """The user stopped the import; nothing was imported."""


@dataclass
class ImportPreview:
    """What an import would do: counts, the first valid rows (cleaned) with their lines and what each would
    do, and the errors (the first MAX_LISTED_ERRORS; ``error_count`` counts them all)."""

    headers: list[str]
    mapping: dict[str, str]
    rows: list[dict] = field(default_factory=list)  # the first SAMPLE_ROWS valid rows, cleaned
    errors: list[RowError] = field(default_factory=list)
    total: int = 0  # non-blank data rows read
    lines: list[int] = field(default_factory=list)  # source line of each entry of ``rows``
    file_name: str = ""
    actions: list[str] = field(default_factory=list)  # NEW, UPDATE or UNCHANGED for each entry of ``rows``
    schema_version: int | None = None  # the version that wrote the file, when it says
    new: int = 0  # rows that would create a participant
    to_update: int = 0  # rows that would change a participant already in the vault
    unchanged: int = 0  # rows identical to a participant already in the vault
    bad: int = 0  # rows with at least one error
    error_count: int = 0  # every error found, listed or not
    path: Path | None = None
    fingerprint: str = ""  # SHA-256 of the file previewed: the apply refuses a file changed since

    @property
    def bad_lines(self) -> list[int]:
        """Lines with at least one listed error, in order."""
        return sorted({e.line for e in self.errors})

    @property
    def valid(self) -> int:
        """How many rows are fine (new, to update or unchanged)."""
        return self.new + self.to_update + self.unchanged

    def _count(self, planned: list[PlannedRow]) -> None:
        for row in planned:
            if row.action == NEW:
                self.new += 1
            elif row.action == UPDATE:
                self.to_update += 1
            else:
                self.unchanged += 1
            if len(self.rows) < SAMPLE_ROWS:
                self.rows.append(row.fields)
                self.lines.append(row.line)
                self.actions.append(row.action)

    def _add_errors(self, problems: list[RowError]) -> None:
        self.error_count += len(problems)
        self.bad += len({e.line for e in problems})
        room = MAX_LISTED_ERRORS - len(self.errors)
        self.errors.extend(problems[: max(room, 0)])


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
    differs) or unchanged. A file written by a newer schema version is refused as a whole. The file is read
    in chunks: the preview keeps counts, the first rows and the first errors, never the whole file.
    """
    _require_import_right(session)
    path = Path(path)
    table = read_table(path)
    guessed = mapping is None
    mapping = checked_mapping(table.headers, guess_mapping(table.headers) if guessed else mapping, path)
    if guessed:
        mapping = _without_foreign_ids(table, mapping)
    preview = ImportPreview(list(table.headers), dict(mapping), file_name=path.name, path=path)
    preview.fingerprint = table.fingerprint
    preview.schema_version = _document_version(session, table, path)
    checker = RowChecker(session.participants, table, mapping, date.today(), path.name)
    try:
        for chunk in _chunks(table):
            preview.total += len(chunk)
            planned, problems = checker.check(chunk, session.schema_version)
            preview._count(planned)
            preview._add_errors(problems)
    finally:
        checker.close()
    if checker.max_version is not None:
        preview.schema_version = max(preview.schema_version or 0, checker.max_version)
    return preview


def apply_import(
    session: Session,
    preview: ImportPreview,
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Create the new participants and update the known ones in one transaction; nothing when a row is bad.

    The file is read again, chunk by chunk, and each chunk is checked against the vault as it is now (it may
    have changed since the preview) and written at once; a problem found now refuses the whole import unless
    ``skip_invalid``. Cancelling rolls everything back.
    """
    _require_import_right(session)
    if preview.bad and not skip_invalid:
        raise ImportRefused(preview.errors, preview.bad)
    total = preview.new + preview.to_update
    if not total or preview.path is None:
        log.info("import: nothing to create or update")
        return ImportResult(0, preview.bad, 0, preview.unchanged)
    table = _same_file(preview)
    service = session.participants
    reason = tr(f"importado de {preview.file_name}", f"imported from {preview.file_name}")
    counts = {NEW: 0, UPDATE: 0, UNCHANGED: 0}
    skipped = 0
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
    checker = RowChecker(service, table, preview.mapping, today, preview.file_name)
    try:
        with lean_cache(session.vault.db), service.batch("importar participantes"):
            for chunk in _chunks(table):
                planned, problems = checker.check(chunk, session.schema_version)
                if problems and not skip_invalid:
                    raise ImportRefused(problems)
                skipped += len({e.line for e in problems})
                new_rows = [row.fields for row in planned if row.action == NEW]
                updates = {row.fields["id"]: without_id(row.fields) for row in planned if row.action == UPDATE}
                counts[UNCHANGED] += sum(1 for row in planned if row.action == UNCHANGED)
                if new_rows:
                    counts[NEW] += service.import_new(new_rows, row_done=row_done)
                if updates:
                    updated = service.update_many(updates, reason=reason, today=today, row_done=row_done, checked=True)
                    counts[UPDATE] += len(updated)
            checker.close()  # the keys seen are no longer needed: freed before the batch's entry is written
            service.audit_import(
                {
                    "file": preview.file_name,
                    "created": counts[NEW],
                    "updated": counts[UPDATE],
                    "unchanged": counts[UNCHANGED],
                    "skipped": skipped,
                    "rows": preview.total,
                }
            )
    finally:
        checker.close()
    log.info(
        "import: %d participants created, %d updated, %d unchanged, %d rows skipped",
        counts[NEW],
        counts[UPDATE],
        counts[UNCHANGED],
        skipped,
    )
    return ImportResult(counts[NEW], skipped, counts[UPDATE], counts[UNCHANGED])


# -- helpers ------------------------------------------------------------------------------------


def _chunks(table: Table) -> Iterator[list[tuple[int, list[Any]]]]:
    """The table's rows, CHUNK_ROWS at a time."""
    rows = table.rows()
    while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
        yield chunk


def _same_file(preview: ImportPreview) -> Table:
    """The previewed file opened again; refused when its bytes changed since the preview."""
    assert preview.path is not None
    table = read_table(preview.path)
    if table.fingerprint != preview.fingerprint:
        raise DmiError(
            tr(
                f"{preview.file_name} cambió después de la vista previa: revíselo de nuevo antes de importarlo",
                f"{preview.file_name} changed after the preview: check it again before importing it",
            )
        )
    return table


def _without_foreign_ids(table: Table, mapping: dict[str, str]) -> dict[str, str]:
    """Drop a guessed "ID" column that holds no id this app writes (a spreadsheet's own row numbers)."""
    header = next((h for h, f in mapping.items() if f == "id"), None)
    if header is None:
        return mapping
    index = table.headers.index(header)
    for _line, values in table.rows():  # stops at the first id of ours: usually the first row
        try:
            clean_record_id(cell_text(values[index] if index < len(values) else None))
        except ValueError:
            continue
        return mapping
    return {h: f for h, f in mapping.items() if f != "id"}


def _document_version(session: Session, table: Table, path: Path) -> int | None:
    """The schema version a JSON export says wrote it; a newer one than the vault's refuses the file."""
    if table.schema_version is None:
        return None
    version = version_number(table.schema_version)
    if version > session.schema_version:
        raise newer_schema(path.name, version, session.schema_version)
    return version if version >= 0 else None
