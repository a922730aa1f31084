"""Export the (filtered) participants list to CSV for Excel, XLSX or JSON, atomically and audited."""

from __future__ import annotations

import csv
import io
import json
import logging
import uuid
from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.fields import Field, Kind, exportable_fields
from dmi_desktop.domain.models import Participant
from dmi_desktop.domain.rut import format_rut
from dmi_desktop.domain.status import label
from dmi_desktop.services.output_paths import atomic_output, check_output_path
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.spreadsheet_cells import guard_csv, guard_xlsx, visible
from dmi_desktop.services.tabular import JSON_ITEMS_KEY, SCHEMA_KEY, SCHEMA_LABEL, tr

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# Columns are the registry's exportable participant fields (restricted ones never), headers in the message
# language. Every export carries each participant's id and the vault's schema version, so the app can import its
# own export back (matching people by id) and refuse one from a newer version: CSV/XLSX end with an "ID" column
# and a schema-version column (plain cells survive Excel); JSON is {"schema_version": N, "participants": [...]}.
EXPORT_FORMATS = ("csv", "xlsx", "json")
_PROGRESS_EVERY = 200
TABLE = "participants"


class ExportCancelled(DmiError):
    """The user stopped the export; no file was left behind."""


def export_fields() -> tuple[Field, ...]:
    """The participant fields an export writes, in column order (the registry's; restricted ones never)."""
    return exportable_fields(TABLE)


def export_columns() -> list[str]:
    """Keys of the CSV/XLSX columns: the exported fields, then the schema version."""
    return [*(f.name for f in export_fields()), SCHEMA_KEY]


def export_headers(lang: str | None = None) -> list[str]:
    """Column headers of CSV/XLSX exports in ``lang`` (default: the current message language)."""
    return [*(f.header_in(lang) for f in export_fields()), SCHEMA_LABEL.text(lang)]


def export_records(session: Session, query: ParticipantQuery | None = None) -> list[dict[str, Any]]:
    """The rows an export writes, as dicts keyed like the JSON export (dates as ``date``)."""
    query = query or ParticipantQuery()
    service = session.participants
    people = service.list(query)
    # The list rows carry the last check-in (kept on the participant row by the vault).
    last = {r.id: r.last_checkin for r in service.rows(query, 0, max(len(people), 1))}
    derived: dict[str, Callable[[Participant], Any]] = {
        "status_label": lambda p: label(p.status),
        "last_checkin": lambda p: last.get(p.id),
    }
    fields = export_fields()
    return [{f.name: _value(f, p, derived) for f in fields} for p in people]


def _value(spec: Field, person: Participant, derived: dict[str, Callable[[Participant], Any]]) -> Any:
    """One exported value: derived fields computed, RUTs formatted, codes for enums."""
    if not spec.stored:
        compute = derived.get(spec.name)
        return compute(person) if compute is not None else None
    value = getattr(person, spec.name, None)
    if spec.kind is Kind.RUT:
        return format_rut(value or "")
    if isinstance(value, Enum):
        return value.value
    return value


def export_participants(
    session: Session,
    out: Path,
    fmt: str,
    query: ParticipantQuery | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Write the participants matching ``query`` to ``out``; return the number of rows written.

    Any role may export (it only reads), but every export is recorded in the audit as a processing record.
    """
    fmt = (fmt or "").strip().lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        choices = ", ".join(EXPORT_FORMATS)
        raise DmiError(
            tr(f"formato de exportación desconocido {fmt!r} (use: {choices})", f"unknown format {fmt!r} ({choices})")
        )
    out = check_output_path(out, session.folder)
    if not out.parent.is_dir():
        raise DmiError(tr(f"la carpeta {out.parent} no existe", f"the folder {out.parent} does not exist"))
    if out.is_dir():
        raise DmiError(
            tr(f"{out} es una carpeta; indique un nombre de archivo", f"{out} is a folder; give a file name")
        )
    records = export_records(session, query)
    writer = {"csv": _write_csv, "xlsx": _write_xlsx, "json": _write_json}[fmt]
    ticker = _Ticker(len(records), progress, cancelled)
    version = session.schema_version
    # The audit entry and the file stand or fall together: the entry commits only once the file is in place.
    with session.vault.atomic():
        _audit_export(session, out, fmt, len(records), query)
        with atomic_output(out) as fh:
            writer(fh, records, version, ticker)
    log.info("export: %d participants as %s", len(records), fmt)
    return len(records)


class _Ticker:
    """Reports progress every few rows and stops the export when the user cancels."""

    def __init__(self, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.total, self.progress, self.cancelled = total, progress, cancelled

    def __call__(self, done: int) -> None:
        if done % _PROGRESS_EVERY and done != self.total:
            return
        self.start()
        if self.progress is not None:
            self.progress(done, self.total)

    def start(self) -> None:
        """Check for cancel before the first row too."""
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled(
                tr("exportación cancelada: no se escribió ningún archivo", "export cancelled: no file")
            )


def _write_csv(fh: IO[bytes], records: list[dict[str, Any]], version: int, tick: _Ticker) -> None:
    # UTF-8 with BOM and ";" is what Excel in a Chilean locale opens with accents and columns intact.
    tick.start()
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    try:
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
        writer.writerow(export_headers())
        for done, rec in enumerate(records, start=1):
            writer.writerow([*(guard_csv(visible(_text(v))) for v in rec.values()), str(version)])
            tick(done)
        text.flush()
    finally:
        text.detach()  # the binary file stays open for the atomic replace


def _write_xlsx(fh: IO[bytes], records: list[dict[str, Any]], version: int, tick: _Ticker) -> None:
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        _fill_xlsx(fh, records, version, tick)
    except IllegalCharacterError:  # values are cleaned first (``visible``): a last guard, never a traceback
        raise DmiError(
            tr(
                "un valor contiene caracteres que una planilla XLSX no admite; exporte en CSV o JSON",
                "a value holds characters an XLSX workbook cannot store; export as CSV or JSON",
            )
        ) from None


def _fill_xlsx(fh: IO[bytes], records: list[dict[str, Any]], version: int, tick: _Ticker) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    tick.start()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Participantes")
    sheet.freeze_panes = "A2"
    for i, name in enumerate(export_headers(), start=1):
        sheet.column_dimensions[_column_letter(i)].width = 38 if name == "ID" else max(16, min(34, len(name) + 6))
    dates = {f.name for f in export_fields() if f.kind is Kind.DATE}
    bold = Font(bold=True)
    header = []
    for name in export_headers():
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for done, rec in enumerate(records, start=1):
        row = []
        for key, value in rec.items():
            if key in dates and value is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD-MM-YYYY"
            elif value in (None, ""):
                cell = WriteOnlyCell(sheet, value=None)
            else:
                cell = WriteOnlyCell(sheet, value=guard_xlsx(visible(_text(value))))
                cell.data_type = "s"  # never a formula, whatever the text starts with
            row.append(cell)
        row.append(WriteOnlyCell(sheet, value=version))
        sheet.append(row)
        tick(done)
    book.save(fh)


def _write_json(fh: IO[bytes], records: list[dict[str, Any]], version: int, tick: _Ticker) -> None:
    tick.start()
    items = []
    for done, rec in enumerate(records, start=1):
        items.append({k: _json_value(v) for k, v in rec.items()})
        tick(done)
    document = {SCHEMA_KEY: version, JSON_ITEMS_KEY: items}
    fh.write(json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
    fh.write(b"\n")


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return tr("sí", "yes") if value else "no"  # "no" in both languages
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return value.isoformat() if isinstance(value, date) else str(value)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _audit_export(session: Session, out: Path, fmt: str, count: int, query: ParticipantQuery | None) -> None:
    """Processing record (DESIGN §10): who exported how many rows, in what format, to which file name."""
    q = query or ParticipantQuery()
    filters = {
        "search": bool(q.search.strip()),
        "status": [s.value for s in q.status],
        "sector": q.sector,
    }
    # Written in the caller's vault.atomic(), not session.write(): viewers may export, and that is recorded too.
    session.audit(
        "participant.export",
        "export",
        str(uuid.uuid4()),
        None,
        {"format": fmt, "count": count, "file": out.name, "filters": filters},
    )
