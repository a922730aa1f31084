"""Export the (filtered) participants list to CSV for Excel, XLSX or JSON, atomically and audited."""

from __future__ import annotations

import csv
import io
import json
import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext, suppress
from datetime import date
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.fields import Field, Kind, exportable_fields
from dmi_desktop.domain.models import Participant
from dmi_desktop.domain.rut import format_rut
from dmi_desktop.domain.status import label
from dmi_desktop.services.json_stream import array_pieces
from dmi_desktop.services.output_paths import atomic_output, check_output_path
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.spreadsheet_cells import guard_csv, guard_xlsx, visible
from dmi_desktop.services.tabular import JSON_ITEMS_KEY, SCHEMA_KEY, SCHEMA_LABEL, tr
from dmi_desktop.services.xlsx_scratch import scratch_beside

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
PAGE_ROWS = 500  # participants read per page: memory stays that of one page, whatever the list's length
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


def export_rows(session: Session, query: ParticipantQuery | None = None) -> Iterator[dict[str, Any]]:
    """The rows an export writes, in list order, read a page at a time (dicts keyed like the JSON export).

    The query runs at once on this thread's reader (one snapshot); rows are made as the writer asks for them.
    """
    pages = session.participants.stream(query or ParticipantQuery(), PAGE_ROWS)
    fields = export_fields()
    return ({f.name: _value(f, p, last) for f in fields} for page in pages for p, last in page)


def _value(spec: Field, person: Participant, last_checkin: date | None) -> Any:
    """One exported value: derived fields computed, RUTs formatted, statuses in words, codes for other enums."""
    if not spec.stored:
        if spec.name == "status_label":
            return label(person.status)
        return last_checkin if spec.name == "last_checkin" else None
    value = getattr(person, spec.name, None)
    if spec.kind is Kind.STATUS:
        return label(person.status)  # words in the chosen language, never the code ("identified")
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
    writer = {"csv": _write_csv, "xlsx": _write_xlsx, "json": _write_json}[fmt]
    ticker = _Ticker(session.participants.count(query or ParticipantQuery()), progress, cancelled)
    version = session.schema_version
    records = export_rows(session, query)  # before the transaction: read on the reader, not the writer
    scratch = scratch_beside(out) if fmt == "xlsx" else nullcontext()
    # The audit entry and the file stand or fall together: the entry commits only once the file is in place.
    with session.vault.atomic(), atomic_output(out) as fh, scratch:
        count = writer(fh, records, version, ticker)
        _audit_export(session, out, fmt, count, query)
    log.info("export: %d participants as %s", count, fmt)
    return count


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


def _write_csv(fh: IO[bytes], records: Iterable[dict[str, Any]], version: int, tick: _Ticker) -> int:
    # UTF-8 with BOM and ";" is what Excel in a Chilean locale opens with accents and columns intact.
    tick.start()
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    try:
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
        writer.writerow(export_headers())
        done = 0
        for done, rec in enumerate(records, start=1):
            writer.writerow([*(guard_csv(visible(_text(v))) for v in rec.values()), str(version)])
            tick(done)
        text.flush()
    finally:
        text.detach()  # the binary file stays open for the atomic replace
    return done


def _write_xlsx(fh: IO[bytes], records: Iterable[dict[str, Any]], version: int, tick: _Ticker) -> int:
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        return _fill_xlsx(fh, records, version, tick)
    except IllegalCharacterError:  # values are cleaned first (``visible``): a last guard, never a traceback
        raise DmiError(
            tr(
                "un valor contiene caracteres que una planilla XLSX no admite; exporte en CSV o JSON",
                "a value holds characters an XLSX workbook cannot store; export as CSV or JSON",
            )
        ) from None


def _fill_xlsx(fh: IO[bytes], records: Iterable[dict[str, Any]], version: int, tick: _Ticker) -> int:
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
    try:
        done = _xlsx_rows(sheet, records, dates, version, tick)
    except BaseException:
        with suppress(Exception):
            sheet.close()  # end the sheet's row writer now, not when it is collected after its file is gone
        raise
    book.save(fh)  # a write-only workbook: rows went out as they were appended
    return done


def _xlsx_rows(sheet: Any, records: Iterable[dict[str, Any]], dates: set[str], version: int, tick: _Ticker) -> int:
    from openpyxl.cell import WriteOnlyCell

    done = 0
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
    return done


def _write_json(fh: IO[bytes], records: Iterable[dict[str, Any]], version: int, tick: _Ticker) -> int:
    # Written as it goes, byte for byte what json.dumps(document, indent=2) gave for the whole document.
    tick.start()
    done = 0

    def items() -> Iterator[dict[str, Any]]:
        nonlocal done
        for done, rec in enumerate(records, start=1):
            yield {k: _json_value(v) for k, v in rec.items()}
            tick(done)

    fh.write(f"{{\n  {json.dumps(SCHEMA_KEY)}: {json.dumps(version)},\n  {json.dumps(JSON_ITEMS_KEY)}: ".encode())
    for piece in array_pieces(items(), level=1):
        fh.write(piece.encode("utf-8"))
    fh.write(b"\n}\n")
    return done


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
