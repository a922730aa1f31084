"""Import files that lie or attack: wrong XLSX dimensions, zip bombs, DOCTYPE/entities, broken XML, huge files.

Each is refused in one line (or read correctly) before it can take minutes or gigabytes; nothing is imported.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.services import tabular
from dmi_desktop.services.importer import apply_import, preview_import
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.tabular import MAX_COLUMNS

SHEET = "xl/worksheets/sheet1.xml"


def _workbook(path: Path, rows: int) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nombres", "Apellido paterno"])
    for i in range(rows):
        sheet.append([f"Persona{i}", "Prueba"])
    book.save(path)
    return path


def _rewrite(path: Path, member: str, change) -> Path:
    """Copy the XLSX with one part's text changed by ``change`` (and optional extra parts)."""
    with zipfile.ZipFile(path) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    parts[member] = change(parts[member].decode("utf-8")).encode("utf-8")
    target = path.with_name("changed-" + path.name)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return target


def _count(session) -> int:
    return session.participants.count(ParticipantQuery())


def test_an_xlsx_that_declares_too_small_a_dimension_still_imports_every_row(session, tmp_path):
    honest = _workbook(tmp_path / "lista.xlsx", 100)
    lying = _rewrite(honest, SHEET, lambda xml: re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:B2"', xml))
    preview = preview_import(session, lying)
    assert (preview.total, preview.new, preview.errors) == (100, 100, [])
    assert apply_import(session, preview).created == 100


def test_a_zip_bomb_is_refused_before_it_is_unpacked(session, tmp_path):
    honest = _workbook(tmp_path / "lista.xlsx", 1)
    padding = " " * (20 * 1024 * 1024)  # 20 MiB of whitespace packs to about 20 KB
    bomb = _rewrite(honest, SHEET, lambda xml: xml.replace("<sheetData>", "<sheetData>" + padding))
    assert bomb.stat().st_size < 200_000
    with pytest.raises(DmiError, match="se expande demasiado"):
        preview_import(session, bomb)
    assert _count(session) == 0


@pytest.mark.parametrize("comments", [0, 70_000])
def test_doctype_and_entities_are_refused(session, tmp_path, comments):
    honest = _workbook(tmp_path / "lista.xlsx", 1)
    # Far down the part (after 70 000 characters of comments) the prolog scan misses it and defusedxml refuses it.
    prolog = "<!--" + "x" * comments + "-->" if comments else ""
    entity = f'{prolog}<!DOCTYPE worksheet [<!ENTITY eco "Eco">]>'

    hostile = _rewrite(honest, SHEET, lambda xml: entity + xml.replace("Persona0", "&eco;"))
    with pytest.raises(DmiError, match="DOCTYPE o ENTITY"):
        preview_import(session, hostile)


def test_broken_xml_inside_an_xlsx_is_one_clear_error(session, tmp_path):
    honest = _workbook(tmp_path / "lista.xlsx", 3)
    broken = _rewrite(honest, SHEET, lambda xml: xml.replace("</sheetData>", "<row><c></sheetData>"))
    with pytest.raises(DmiError, match="no se pudo leer la hoja"):  # today: a ParseError escapes
        preview_import(session, broken)


def test_a_row_numbered_past_excel_s_last_row_is_refused_quickly(session, tmp_path):
    honest = _workbook(tmp_path / "lista.xlsx", 1)
    far = _rewrite(
        honest, SHEET, lambda xml: xml.replace('<row r="2"', '<row r="5000000"').replace('"A2"', '"A5000000"')
    )
    with pytest.raises(DmiError, match="demasiadas filas"):
        preview_import(session, far)


def test_too_many_columns_or_rows_are_refused(session, tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_CSV_ROWS", 1000)  # the real bound is 2 000 000 rows: too slow for a test
    wide = tmp_path / "ancha.csv"
    wide.write_text("Nombres;Apellido paterno;" + ";".join(f"c{i}" for i in range(MAX_COLUMNS)) + "\r\n", "utf-8")
    with pytest.raises(DmiError, match="demasiadas filas o columnas"):
        preview_import(session, wide)
    tall = tmp_path / "larga.csv"
    tall.write_text("Nombres;Apellido paterno\r\n" + "Ana;Rojas\r\n" * 1001, "utf-8")
    with pytest.raises(DmiError, match="demasiadas filas o columnas \\(máximo 1000 filas"):
        preview_import(session, tall)
    assert _count(session) == 0


@pytest.mark.parametrize(("suffix", "limit_mb"), [(".csv", 512), (".xlsx", 64), (".json", 64)])
def test_a_file_past_the_size_limit_is_refused_without_reading_it(session, tmp_path, suffix, limit_mb):
    # A CSV is streamed, so it may be far larger than an XLSX or JSON file (read whole).
    big = tmp_path / f"enorme{suffix}"
    with big.open("wb") as fh:
        fh.write(b"Nombres;Apellido paterno\r\nAna;Rojas\r\n")
        fh.truncate((limit_mb + 1) * 1024 * 1024)  # sparse: nothing is really written
    with pytest.raises(DmiError, match=f"pesa más de {limit_mb} MB"):
        preview_import(session, big)


def test_json_nested_thousands_deep_is_refused_in_one_line(session, tmp_path):
    deep = tmp_path / "profunda.json"
    deep.write_text('{"participants": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    with pytest.raises(DmiError, match="no es una exportación JSON"):  # today: RecursionError
        preview_import(session, deep)
