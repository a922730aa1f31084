"""Read a spreadsheet the way people hand it over: CSV as Chilean Excel saves it, XLSX, or our own JSON export."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.fields import Label
from dmi_desktop.domain.messages import tr as tr  # re-exported: the importer, exporter and demo take it from here

log = logging.getLogger(__name__)

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
# How exports carry the vault's schema version: a last column in CSV/XLSX (plain cells survive Excel), a key
# of the JSON document, whose participants are under JSON_ITEMS_KEY.
SCHEMA_KEY = "schema_version"
SCHEMA_LABEL = Label("Versión de esquema DMI", "DMI schema version")
JSON_ITEMS_KEY = "participants"
_DELIMITERS = (";", ",", "\t", "|")
# Bounds on what a file may make the importer hold (DESIGN: sized for 100 000 participants; their CSV export
# is about 20 MB, XLSX 13 MB, JSON 52 MB). Checked before reading, or while reading, never after.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DATA_ROWS = 200_000
MAX_LINES = 1_048_576  # Excel's own last row: blank rows beyond it are a crafted file
MAX_COLUMNS = 100
# Magic numbers of files people pick by mistake; none of them is a spreadsheet we read.
_NOT_TABLES = {
    b"\x89PNG": ("una imagen PNG", "a PNG image"),
    b"\xff\xd8\xff": ("una imagen JPEG", "a JPEG image"),
    b"GIF8": ("una imagen GIF", "a GIF image"),
    b"%PDF": ("un documento PDF", "a PDF document"),
    b"\xd0\xcf\x11\xe0": (
        "un archivo de Excel antiguo (.xls); guárdelo como .xlsx o CSV",
        "an old Excel file (.xls); save it as .xlsx or CSV",
    ),
}


class UnreadableTable(DmiError):
    """The file is not a CSV/XLSX table we can read; the message says why in one line."""


@dataclass(frozen=True)
class Table:
    """Header names and the data rows, each with the line number the user sees in Excel (header = 1).

    A JSON export numbers its participants from 1 and may say which schema version wrote it; its text is never
    guarded against formulas (``formula_guards`` False), a spreadsheet's may be.
    """

    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    schema_version: Any = None
    formula_guards: bool = True


def read_table(path: Path) -> Table:
    """Read ``path`` (CSV or XLSX, told apart by content) into a Table; UnreadableTable when impossible."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except IsADirectoryError:
        raise UnreadableTable(tr(f"{path.name} es una carpeta, no un archivo", f"{path.name} is a folder")) from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise UnreadableTable(
            tr(f"no se pudo abrir {path.name}: {reason}", f"cannot open {path.name}: {reason}")
        ) from None
    if not head:
        raise UnreadableTable(tr(f"el archivo {path.name} está vacío", f"the file {path.name} is empty"))
    if path.stat().st_size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise UnreadableTable(
            tr(
                f"{path.name} pesa más de {limit} MB: divídalo en archivos más pequeños",
                f"{path.name} is larger than {limit} MB: split it into smaller files",
            )
        )
    if head.startswith(b"PK\x03\x04") or path.suffix.lower() in XLSX_SUFFIXES:
        table = _read_xlsx(path)
    elif path.suffix.lower() == ".json" or head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        table = _read_json(path)
    else:
        for magic, (es, en) in _NOT_TABLES.items():
            if head.startswith(magic):
                raise UnreadableTable(
                    tr(
                        f"{path.name} no es una planilla CSV ni XLSX: es {es}",
                        f"{path.name} is not CSV or XLSX: it is {en}",
                    )
                )
        table = _read_csv(path)
    if not table.headers:
        raise UnreadableTable(tr(f"{path.name} no tiene una fila de encabezados", f"{path.name} has no header row"))
    return table


def _read_xlsx(path: Path) -> Table:
    from dmi_desktop.services.xlsx_reader import read_rows

    return _split_header(collect_rows(read_rows(path), path.name))


def _read_json(path: Path) -> Table:
    """Our JSON export: ``{"schema_version": N, "participants": [...]}`` (or, from older versions, a bare list)."""
    not_ours = tr(
        f"{path.name} no es una exportación JSON de participantes de DMI Desktop",
        f"{path.name} is not a DMI Desktop participants JSON export",
    )
    try:
        document = json.loads(decode_text(path.read_bytes(), path.name))
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        raise UnreadableTable(not_ours) from None
    version = None
    if isinstance(document, dict):
        version = document.get(SCHEMA_KEY)
        document = document.get(JSON_ITEMS_KEY)
    if not isinstance(document, list) or not all(isinstance(item, dict) for item in document):
        raise UnreadableTable(not_ours)
    headers = list(dict.fromkeys(key for item in document for key in item))
    if len(document) > MAX_DATA_ROWS or len(headers) > MAX_COLUMNS:
        raise _too_many(path.name)
    rows = [(n, [item.get(h) for h in headers]) for n, item in enumerate(document, start=1)]
    return Table(headers, rows, version, formula_guards=False)


def _read_csv(path: Path) -> Table:
    raw = path.read_bytes()
    text = decode_text(raw, path.name)
    lines = text.splitlines()
    delimiter = None
    if lines and lines[0].lower().startswith("sep=") and len(lines[0]) == 5:
        # Excel's own hint line ("sep=;"); Excel hides it, so it does not count as a row.
        delimiter = lines[0][4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
    delimiter = delimiter or sniff_delimiter(text)
    try:
        lines = collect_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), path.name)
    except csv.Error as exc:
        raise UnreadableTable(
            tr(f"{path.name} no es un CSV válido: {exc}", f"{path.name} is not valid CSV: {exc}")
        ) from None
    return _split_header(lines)


def collect_rows(rows: Iterable[Sequence[Any]], name: str) -> list[tuple[int, list[Any]]]:
    """The non-blank rows with their line numbers (header = 1), trailing empty cells dropped.

    UnreadableTable as soon as the file passes MAX_LINES lines, MAX_DATA_ROWS rows or MAX_COLUMNS columns, so
    a crafted file is refused while it is read, not after it filled the memory.
    """
    kept: list[tuple[int, list[Any]]] = []
    for number, row in enumerate(rows, start=1):
        if number > MAX_LINES:
            raise _too_many(name)
        values = list(row)
        while values and cell_text(values[-1]) == "":
            values.pop()
        if not values:
            continue
        kept.append((number, values))
        if len(values) > MAX_COLUMNS or len(kept) > MAX_DATA_ROWS + 1:  # the header line is not a data row
            raise _too_many(name)
    return kept


def _too_many(name: str) -> UnreadableTable:
    return UnreadableTable(
        tr(
            f"{name} tiene demasiadas filas o columnas (máximo {MAX_DATA_ROWS} filas y {MAX_COLUMNS} columnas)",
            f"{name} has too many rows or columns (at most {MAX_DATA_ROWS} rows and {MAX_COLUMNS} columns)",
        )
    )


def decode_text(raw: bytes, name: str = "") -> str:
    """UTF-8 (with or without BOM) when it decodes strictly, UTF-16 with a BOM, otherwise Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableTable(
                tr(f"{name} no es un texto UTF-16 válido", f"{name} is not valid UTF-16 text")
            ) from None
    binary = tr(
        f"{name} no es una planilla CSV ni XLSX (contiene datos binarios)", f"{name} is not CSV or XLSX (binary data)"
    )
    if b"\x00" in raw:
        raise UnreadableTable(binary)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableTable(
            tr(
                f"{name}: codificación de texto no reconocida (use UTF-8 o Windows-1252)",
                f"{name}: unknown text encoding (use UTF-8 or Windows-1252)",
            )
        ) from None
    if sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t") > len(text) // 100:
        raise UnreadableTable(binary)
    return text


def sniff_delimiter(text: str) -> str:
    """The separator of the header line: the candidate that occurs most outside quotes (``;`` on ties)."""
    first = ""
    for line in text.splitlines():
        if line.strip():
            first = line
            break
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in first:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])  # max keeps the first (";") on ties
    return best if counts[best] else ";"


def _split_header(lines: list[tuple[int, list[Any]]]) -> Table:
    """The first non-empty line holds the headers; the rest are data (empty lines dropped later)."""
    for index, (_line, values) in enumerate(lines):
        if not is_blank(values):
            headers = [cell_text(v) for v in values]
            while headers and not headers[-1]:
                headers.pop()
            return Table(headers, lines[index + 1 :])
    return Table([], [])


def is_blank(values: list[Any]) -> bool:
    """True when every cell of a row is empty."""
    return all(cell_text(v) == "" for v in values)


def cell_text(value: Any) -> str:
    """A cell as text: numbers typed in Excel lose their ``.0``; dates become ``YYYY-MM-DD``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()
