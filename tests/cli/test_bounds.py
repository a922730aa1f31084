"""Numbers and files a user hands the command line are bounded: refused at once, in one line, nothing changed."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from tests.cli.conftest import Cli, file_bytes, run_cli


def test_a_huge_list_limit_is_a_usage_error_not_an_overflow(cli: Cli) -> None:
    result = cli("participant", "list", "--limit", str(10**24))  # today: "falla inesperada (OverflowError)"
    assert result.code == 2 and "1000000 o menos" in result.stderr


def test_a_demo_of_a_hundred_million_participants_is_refused_before_anything_is_created(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = run_cli("--vault", str(folder), "demo", "--participants", "100000000", home=tmp_path)
    assert result.code == 2 and "200000 o menos" in result.stderr
    assert not folder.exists()


def test_an_unlock_time_of_hours_or_infinity_is_refused(tmp_path: Path) -> None:
    for value in ("3600", "inf"):
        result = run_cli("--vault", str(tmp_path / "v"), "init", "--unlock-time", value, home=tmp_path)
        assert result.code == 2 and "máximo 5 segundos" in result.stderr, value
    assert not (tmp_path / "v").exists()


def test_a_passphrase_file_that_is_too_large_is_refused_without_reading_it_all(cli: Cli, tmp_path: Path) -> None:
    huge = tmp_path / "no-es-una-frase.bin"
    huge.write_bytes(b"x" * 1_000_000)
    result = cli("--passphrase-file", str(huge), "participant", "list", passphrase=None)
    line = result.assert_refused("--passphrase-file", "demasiado grande")
    assert str(huge) not in line  # the option is named, never the path (it may be the secret itself)


def test_an_xlsx_bomb_and_a_doctype_are_refused_in_one_line_and_nothing_is_imported(cli: Cli, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Nombres", "Apellido paterno"])
    book.active.append(["Ana", "Rojas"])
    honest = tmp_path / "lista.xlsx"
    book.save(honest)
    with zipfile.ZipFile(honest) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    bomb, doctype = tmp_path / "bomba.xlsx", tmp_path / "doctype.xlsx"
    padding = b" " * (20 * 1024 * 1024)
    for target, data in (
        (bomb, parts[sheet].replace(b"<sheetData>", b"<sheetData>" + padding)),
        (doctype, b'<!DOCTYPE worksheet [<!ENTITY a "Ana">]>' + parts[sheet]),
    ):
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
            for name, content in parts.items():
                dst.writestr(name, data if name == sheet else content)
    before = file_bytes(cli.vault)
    cli("import", "participants", str(bomb)).assert_refused("bomba.xlsx", "se expande demasiado")
    cli("import", "participants", str(doctype), "--lang", "en").assert_refused("doctype.xlsx", "DOCTYPE or ENTITY")
    assert file_bytes(cli.vault)["vault.keys"] == before["vault.keys"]
    assert cli.ok("participant", "list", "--json").json() == []
