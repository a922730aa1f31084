"""Read a spreadsheet the way people hand it over: CSV as Chilean Excel saves it, XLSX, or our own JSON export.

Rows are streamed: :func:`read_table` reads the headers (and checks the file), and each call of
:meth:`Table.rows` reads the data again from the start, one row at a time, so an import of a million rows
holds one chunk of them in memory, never the file.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
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
# A CSV is streamed (memory does not grow with it), so it may be ten times the design's size: a 1 000 000-row
# list (about 120 MB) with room to spare. XLSX keeps the bounds above (openpyxl holds its shared strings
# whole) and so does JSON (parsed whole).
MAX_CSV_BYTES = 512 * 1024 * 1024
MAX_CSV_ROWS = 2_000_000
MAX_CSV_LINES = 2 * MAX_CSV_ROWS
_CHUNK = 1024 * 1024
# Byte values that are control characters in every encoding we read (TAB, LF and CR are text).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
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

Rows = Iterator[tuple[int, list[Any]]]


class UnreadableTable(DmiError):
    """The file is not a CSV/XLSX table we can read; the message says why in one line."""


@dataclass(frozen=True)
class Table:
    """Header names, and the data rows read on demand, each with the line number the user sees in Excel
    (header = 1). ``fingerprint`` is the SHA-256 of the file's bytes, so a second read can tell it changed.

    A JSON export numbers its participants from 1 and may say which schema version wrote it; its text is never
    guarded against formulas (``formula_guards`` False), a spreadsheet's may be.
    """

    headers: list[str]
    read_rows: Callable[[], Rows] = field(repr=False)
    schema_version: Any = None
    formula_guards: bool = True
    fingerprint: str = ""

    def rows(self) -> Rows:
        """The non-blank data rows from the start of the file, read one at a time (UnreadableTable midway when
        the file turns out to break a bound or the format)."""
        return self.read_rows()


def read_table(path: Path) -> Table:
    """Open ``path`` (CSV or XLSX, told apart by content) as a Table; UnreadableTable when impossible."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except IsADirectoryError:
        raise UnreadableTable(tr(f"{path.name} es una carpeta, no un archivo", f"{path.name} is a folder")) from None
    except OSError as exc:
        raise _cannot_open(path, exc) from None
    if not head:
        raise UnreadableTable(tr(f"el archivo {path.name} está vacío", f"the file {path.name} is empty"))
    xlsx = head.startswith(b"PK\x03\x04") or path.suffix.lower() in XLSX_SUFFIXES
    json_file = not xlsx and (path.suffix.lower() == ".json" or head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{")
    limit = MAX_FILE_BYTES if xlsx or json_file else MAX_CSV_BYTES
    if path.stat().st_size > limit:
        mb = limit // (1024 * 1024)
        raise UnreadableTable(
            tr(
                f"{path.name} pesa más de {mb} MB: divídalo en archivos más pequeños",
                f"{path.name} is larger than {mb} MB: split it into smaller files",
            )
        )
    if xlsx:
        table = _read_xlsx(path)
    elif json_file:
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


def _cannot_open(path: Path, exc: OSError) -> UnreadableTable:
    reason = exc.strerror or exc
    return UnreadableTable(tr(f"no se pudo abrir {path.name}: {reason}", f"cannot open {path.name}: {reason}"))


def file_fingerprint(path: Path) -> str:
    """SHA-256 of the file's bytes, read in chunks."""
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as fh:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                digest.update(chunk)
    except OSError as exc:
        raise _cannot_open(Path(path), exc) from None
    return digest.hexdigest()


def _with_header(
    numbered: Callable[[], Iterable[tuple[int, list[Any]]]], name: str
) -> tuple[list[str], Callable[[], Rows]]:
    """The first non-blank row's cells as headers, and a reader of the rows after it."""
    headers: list[str] = []
    header_line = 0
    for line, values in numbered():
        headers = [cell_text(v) for v in values]
        header_line = line
        break
    while headers and not headers[-1]:
        headers.pop()

    def rows() -> Rows:
        for line, values in numbered():
            if line > header_line:
                yield line, values

    return headers, rows


def _read_xlsx(path: Path) -> Table:
    from dmi_desktop.services.xlsx_reader import read_rows

    headers, rows = _with_header(lambda: checked_rows(read_rows(path), path.name), path.name)
    return Table(headers, rows, fingerprint=file_fingerprint(path))


def _read_json(path: Path) -> Table:
    """Our JSON export: ``{"schema_version": N, "participants": [...]}`` (or, from older versions, a bare list)."""
    not_ours = tr(
        f"{path.name} no es una exportación JSON de participantes de DMI Desktop",
        f"{path.name} is not a DMI Desktop participants JSON export",
    )
    raw = path.read_bytes()
    try:
        document = json.loads(decode_text(raw, path.name))
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
    items: list[dict[str, Any]] = document

    def rows() -> Rows:  # a JSON document is parsed whole anyway (64 MB at most): its rows come from memory
        for n, item in enumerate(items, start=1):
            values = [item.get(h) for h in headers]
            if not is_blank(values):
                yield n, values

    return Table(headers, rows, version, formula_guards=False, fingerprint=hashlib.sha256(raw).hexdigest())


def _read_csv(path: Path) -> Table:
    """A CSV file, checked whole in one pass over its bytes (encoding, binary data, fingerprint), then streamed."""
    encoding, fingerprint = _scan_text(path)

    def numbered() -> Iterator[tuple[int, list[Any]]]:
        try:
            with path.open("rb") as raw:
                text = io.TextIOWrapper(raw, encoding=encoding, newline="")
                yield from checked_rows(_csv_rows(text), path.name, MAX_CSV_ROWS, MAX_CSV_LINES)
        except csv.Error as exc:
            raise UnreadableTable(
                tr(f"{path.name} no es un CSV válido: {exc}", f"{path.name} is not valid CSV: {exc}")
            ) from None
        except UnicodeDecodeError:
            raise UnreadableTable(
                tr(f"{path.name} no es un texto UTF-16 válido", f"{path.name} is not valid UTF-16 text")
            ) from None
        except OSError as exc:
            raise _cannot_open(path, exc) from None

    headers, rows = _with_header(numbered, path.name)
    return Table(headers, rows, fingerprint=fingerprint)


def _csv_rows(text: io.TextIOWrapper) -> Iterator[list[str]]:
    """The rows of a CSV text stream: Excel's "sep=" hint line honoured (and not counted), else the delimiter
    sniffed from the first non-blank line."""
    first = text.readline()
    delimiter = None
    if first.lower().startswith("sep=") and len(first.rstrip("\r\n")) == 5:
        # Excel's own hint line ("sep=;"); Excel hides it, so it does not count as a row.
        delimiter, first = first[4], text.readline()
    blank = 0
    while first and not first.strip():  # blank lines before the header: counted, not kept
        blank, first = blank + 1, text.readline()
    delimiter = delimiter or sniff_delimiter(first)
    yield from itertools.repeat([], blank)
    yield from csv.reader(itertools.chain([first], text), delimiter=delimiter)


def _scan_text(path: Path) -> tuple[str, str]:
    """(encoding, fingerprint) of a text file, reading it once in chunks: UTF-8 (with or without BOM) when it
    decodes strictly, UTF-16 with a BOM, otherwise Windows-1252; binary data refused."""
    name = path.name
    binary = tr(
        f"{name} no es una planilla CSV ni XLSX (contiene datos binarios)", f"{name} is not CSV or XLSX (binary data)"
    )
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    utf16 = None
    is_utf8, cp1252_ok, size, controls = True, True, 0, 0
    try:
        with path.open("rb") as fh:
            for index, chunk in enumerate(iter(lambda: fh.read(_CHUNK), b"")):
                digest.update(chunk)
                if index == 0 and chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
                    utf16 = codecs.getincrementaldecoder("utf-16")()
                if utf16 is not None:
                    utf16.decode(chunk)
                    continue
                if b"\x00" in chunk:
                    raise UnreadableTable(binary)
                if is_utf8:
                    try:
                        utf8.decode(chunk)
                    except UnicodeDecodeError:
                        is_utf8 = False
                size += len(chunk)
                controls += len(chunk) - len(chunk.translate(None, _CONTROL_BYTES))
                cp1252_ok = cp1252_ok and not any(b in chunk for b in _CP1252_UNDEFINED)
            if utf16 is not None:
                utf16.decode(b"", final=True)
                return "utf-16", digest.hexdigest()
            if is_utf8:
                utf8.decode(b"", final=True)
    except UnicodeDecodeError:
        if utf16 is not None:
            raise UnreadableTable(
                tr(f"{name} no es un texto UTF-16 válido", f"{name} is not valid UTF-16 text")
            ) from None
        is_utf8 = False
    except OSError as exc:
        raise _cannot_open(path, exc) from None
    if is_utf8:
        return "utf-8-sig", digest.hexdigest()
    if not cp1252_ok:
        raise UnreadableTable(
            tr(
                f"{name}: codificación de texto no reconocida (use UTF-8 o Windows-1252)",
                f"{name}: unknown text encoding (use UTF-8 or Windows-1252)",
            )
        )
    if controls > size // 100:
        raise UnreadableTable(binary)
    return "cp1252", digest.hexdigest()


def checked_rows(
    rows: Iterable[Sequence[Any]], name: str, max_rows: int = MAX_DATA_ROWS, max_lines: int = MAX_LINES
) -> Iterator[tuple[int, list[Any]]]:
    """The non-blank rows with their line numbers (header = 1), trailing empty cells dropped, one at a time.

    UnreadableTable as soon as the file passes ``max_lines`` lines, ``max_rows`` rows or MAX_COLUMNS columns, so
    a crafted file is refused while it is read, not after it filled the memory.
    """
    kept = 0
    for number, row in enumerate(rows, start=1):
        if number > max_lines:
            raise _too_many(name, max_rows)
        values = list(row)
        while values and cell_text(values[-1]) == "":
            values.pop()
        if not values:
            continue
        kept += 1
        if len(values) > MAX_COLUMNS or kept > max_rows + 1:  # the header line is not a data row
            raise _too_many(name, max_rows)
        yield number, values


def collect_rows(rows: Iterable[Sequence[Any]], name: str) -> list[tuple[int, list[Any]]]:
    """Every non-blank row with its line number (see :func:`checked_rows`), as a list."""
    return list(checked_rows(rows, name))


def _too_many(name: str, max_rows: int = MAX_DATA_ROWS) -> UnreadableTable:
    return UnreadableTable(
        tr(
            f"{name} tiene demasiadas filas o columnas (máximo {max_rows} filas y {MAX_COLUMNS} columnas)",
            f"{name} has too many rows or columns (at most {max_rows} rows and {MAX_COLUMNS} columns)",
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


def is_blank(values: list[Any]) -> bool:
    """True when every cell of a row is empty."""
    return all(cell_text(v) == "" for v in values)


def cell_text(value: Any) -> str:
    """A cell as text: numbers typed in Excel lose their ``.0``; dates become ``YYYY-MM-DD``."""
    if type(value) is str:  # every CSV cell: checked first, a million rows times ten cells
        return value.strip()
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
