"""Read the first sheet of an XLSX file people hand over, after checking the archive cannot blow up.

An XLSX file is a zip of XML parts. Before openpyxl opens one, the declared sizes of its parts are checked
(a 400 KB "zip bomb" can expand to gigabytes) and the start of each XML part is searched for DOCTYPE and ENTITY
declarations (entity expansion, external references). openpyxl parses through defusedxml too (a dependency),
which refuses entities anywhere. The sheet's declared dimensions are ignored: rows are read as they are.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dmi_desktop.domain.messages import tr
from dmi_desktop.services.tabular import UnreadableTable

log = logging.getLogger(__name__)

MIB = 1024 * 1024
MAX_MEMBERS = 10_000
# Our own export of 100 000 participants expands to 87 MB; Excel's own files (shared strings) to less.
MAX_EXPANDED_BYTES = 256 * MIB
MAX_SHARED_STRINGS_BYTES = 64 * MIB  # loaded whole into memory by openpyxl, unlike the streamed sheet
# Real workbooks compress 5-15 times; a bomb about a thousand. Checked once the archive expands past 16 MiB.
MAX_RATIO = 50
RATIO_FROM_BYTES = 16 * MIB
_PROLOG_BYTES = 64 * 1024
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))


def _invalid(name: str) -> UnreadableTable:
    return UnreadableTable(
        tr(f"{name} no es una planilla XLSX válida (¿está dañada?)", f"{name} is not a valid XLSX file")
    )


def check_archive(path: Path) -> None:
    """Refuse an XLSX whose parts would expand too far or that declares a DOCTYPE or entities."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise _too_big(name)
            expanded = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members)
            shared = sum(m.file_size for m in members if m.filename.lower().endswith("sharedstrings.xml"))
            if expanded > MAX_EXPANDED_BYTES or shared > MAX_SHARED_STRINGS_BYTES:
                raise _too_big(name)
            if expanded > RATIO_FROM_BYTES and expanded > MAX_RATIO * max(packed, 1):
                raise _too_big(name)
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels")) and _declares_doctype(archive, member):
                    raise _declarations(name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        # RuntimeError: an encrypted part; NotImplementedError: a compression method zipfile does not know
        raise _invalid(name) from None


def _too_big(name: str) -> UnreadableTable:
    limit = MAX_EXPANDED_BYTES // MIB
    return UnreadableTable(
        tr(
            f"{name} se expande demasiado al descomprimirlo (límite {limit} MB, o 50 veces su tamaño): no se abre",
            f"{name} expands too much when unpacked (limit {limit} MB, or 50 times its size): not opened",
        )
    )


def _declares_doctype(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    # A DOCTYPE must come before the root element, so the start of the part is where it would be.
    with archive.open(member) as fh:
        head = fh.read(_PROLOG_BYTES)
    return any(marker in head for marker in _DECLARATIONS)


def read_rows(path: Path) -> Iterator[list[Any]]:
    """The values of the workbook's active sheet, row by row; UnreadableTable when unsafe or unreadable."""
    import openpyxl

    name = path.name
    check_archive(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a hostile file can make openpyxl fail in many ways: each is "not valid"
        log.debug("XLSX refused at load: %s", type(exc).__name__)
        raise (_declarations(name) if _defused(exc) else _invalid(name)) from None
    try:
        sheet = workbook.active if workbook.active is not None else workbook.worksheets[0]
        # Read-only sheets trust the <dimension> the file declares; a wrong one would hide rows.
        sheet.reset_dimensions()
        for values in sheet.iter_rows(values_only=True):
            yield list(values)
    except Exception as exc:
        log.debug("XLSX refused while reading: %s", type(exc).__name__)
        if _defused(exc):
            raise _declarations(name) from None
        raise UnreadableTable(
            tr(f"no se pudo leer la hoja de {name} (¿está dañada?)", f"cannot read the sheet of {name}")
        ) from None
    finally:
        workbook.close()


def _defused(exc: BaseException | None) -> bool:
    """True when defusedxml refused the XML somewhere down the chain (openpyxl wraps it in a ValueError)."""
    from defusedxml import DefusedXmlException

    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, DefusedXmlException):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _declarations(name: str) -> UnreadableTable:
    return UnreadableTable(
        tr(
            f"{name} contiene declaraciones DOCTYPE o ENTITY, que una planilla no usa: no se abre",
            f"{name} holds DOCTYPE or ENTITY declarations, which no spreadsheet uses: not opened",
        )
    )
