"""import participants (all or nothing, every bad row reported) and export participants, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from tests.cli.conftest import Cli, Result
from tests.conftest import VIEWER_PASSPHRASE

HEADER = "nombres;apellido_paterno;apellido_materno;rut;sector"
GOOD_ROWS = ["José Luis;Pérez;Soto;12.345.678-5;Colón Oriente", "María;González;;;San Carlos de Apoquindo"]
BAD_ROW = "Ana;Rojas;;12.345.678-9;Colón Oriente"  # wrong check digit


def _csv(tmp_path: Path, *rows: str) -> Path:
    """A CSV as Chilean Excel saves it: ';' separated, Windows-1252."""
    path = tmp_path / "listado.csv"
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))
    return path


def _names(cli: Cli) -> set[str]:
    return {p["nombres"] for p in cli.ok("participant", "list", "--json").json()}


def _refused_after_row_reports(result: Result, *fragments: str) -> list[str]:
    """Exit 1; the bad rows first, then one final error line."""
    assert result.code == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[-1], (fragment, lines[-1])
    return lines[:-1]


def test_import_a_clean_file(cli: Cli, tmp_path: Path) -> None:
    result = cli.ok("import", "participants", str(_csv(tmp_path, *GOOD_ROWS)))
    assert "2" in result.stdout
    assert _names(cli) == {"José Luis", "María"}
    listed = cli.ok("participant", "list", "--json", "--search", "jose").json()
    assert listed[0]["rut"] == "12345678-5" and listed[0]["sector"] == "Colón Oriente"


def test_a_bad_row_is_reported_and_nothing_is_imported(cli: Cli, tmp_path: Path) -> None:
    source = _csv(tmp_path, GOOD_ROWS[0], BAD_ROW, GOOD_ROWS[1])
    reports = _refused_after_row_reports(cli("import", "participants", str(source)), "no se importó nada", "1")
    assert len(reports) == 1
    assert reports[0].startswith("línea 3, columna ") and "rut" in reports[0].lower()
    assert _names(cli) == set()


def test_skip_invalid_imports_the_good_rows(cli: Cli, tmp_path: Path) -> None:
    source = _csv(tmp_path, GOOD_ROWS[0], BAD_ROW, GOOD_ROWS[1])
    result = cli("import", "participants", str(source), "--skip-invalid", "--json")
    assert result.code == 0, result.stderr
    summary = result.json()
    assert (summary["created"], summary["skipped"], summary["invalid_rows"]) == (2, 1, 1)
    assert summary["errors"][0]["line"] == 3
    assert _names(cli) == {"José Luis", "María"}


def test_dry_run_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    clean = cli.ok("import", "participants", str(_csv(tmp_path, *GOOD_ROWS)), "--dry-run", "--json").json()
    assert clean["dry_run"] is True and clean["created"] == 2
    assert _names(cli) == set()
    with_bad = cli("import", "participants", str(_csv(tmp_path, GOOD_ROWS[0], BAD_ROW)), "--dry-run")
    _refused_after_row_reports(with_bad, "no se importaría nada")
    assert _names(cli) == set()


def test_viewer_cannot_import(cli: Cli, tmp_path: Path) -> None:
    result = cli("import", "participants", str(_csv(tmp_path, *GOOD_ROWS)), passphrase=VIEWER_PASSPHRASE)
    result.assert_refused("importar")
    assert _names(cli) == set()


def test_import_of_a_missing_file(cli: Cli, tmp_path: Path) -> None:
    cli("import", "participants", str(tmp_path / "no-existe.csv")).assert_refused("no-existe.csv")


def _populate(cli: Cli) -> None:
    cli.add_participant("José Luis", "Pérez", "--rut", "12.345.678-5", "--sector", "Colón Oriente")
    maria = cli.add_participant("María", "González", "--sector", "San Carlos de Apoquindo")
    cli.ok("participant", "set-status", maria["id"], "under_review")


def test_export_json_csv_and_xlsx(cli: Cli, tmp_path: Path) -> None:
    _populate(cli)
    as_json = tmp_path / "listado.json"
    result = cli.ok("export", "participants", "--format", "json", "--out", str(as_json), "--json").json()
    assert result["count"] == 2
    text = as_json.read_text(encoding="utf-8")
    assert "José Luis" in text and "María" in text
    json.loads(text)

    as_csv = tmp_path / "listado.csv"
    cli.ok("export", "participants", "--format", "csv", "--out", str(as_csv))
    raw = as_csv.read_bytes()
    decoded = raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("cp1252")
    assert "José Luis" in decoded and "González" in decoded

    as_xlsx = tmp_path / "listado.xlsx"
    cli.ok("export", "participants", "--format", "xlsx", "--out", str(as_xlsx))
    sheet = openpyxl.load_workbook(as_xlsx, read_only=True).worksheets[0]
    cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None}
    assert "José Luis" in cells and "María" in cells


def test_export_filters_and_refuses_to_overwrite(cli: Cli, tmp_path: Path) -> None:
    _populate(cli)
    target = tmp_path / "revision.json"
    count = cli.ok(
        "export", "participants", "--format", "json", "--out", str(target), "--status", "en revisión", "--json"
    )
    assert count.json()["count"] == 1
    assert "María" in target.read_text(encoding="utf-8") and "José" not in target.read_text(encoding="utf-8")
    before = target.read_bytes()
    cli("export", "participants", "--format", "json", "--out", str(target)).assert_refused("--force")
    assert target.read_bytes() == before
    sector = cli.ok(
        "export", "participants", "--format", "json", "--out", str(target), "--force", "--sector", "Colón Oriente"
    )
    assert "José Luis" in target.read_text(encoding="utf-8") and "1" in sector.stdout


def test_export_needs_a_known_format(cli: Cli, tmp_path: Path) -> None:
    assert cli("export", "participants", "--format", "ods", "--out", str(tmp_path / "x.ods")).code == 2


def test_reimporting_the_own_export_updates_the_same_people(cli: Cli, tmp_path: Path) -> None:
    _populate(cli)
    as_json = tmp_path / "listado.json"
    cli.ok("export", "participants", "--format", "json", "--out", str(as_json))
    document = json.loads(as_json.read_text(encoding="utf-8"))
    assert document["schema_version"] >= 1 and all(item["id"] for item in document["participants"])
    maria = next(item for item in document["participants"] if item["nombres"] == "María")
    maria["phone"] = "+56 9 5555 6666"
    as_json.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    dry = cli.ok("import", "participants", str(as_json), "--dry-run")
    assert "1 actualizados" in dry.stdout and "1 sin cambios" in dry.stdout and "0 nuevos" in dry.stdout
    summary = cli.ok("import", "participants", str(as_json), "--json").json()
    assert (summary["created"], summary["updated"], summary["unchanged"]) == (0, 1, 1)
    assert summary["schema_version"] == document["schema_version"]
    listed = cli.ok("participant", "list", "--json").json()
    assert len(listed) == 2  # nobody duplicated, not even María, who has no RUT
    shown = cli.ok("participant", "show", maria["id"], "--json").json()
    assert shown["phone"] == "+56 9 5555 6666"
    again = cli.ok("import", "participants", str(as_json), "--dry-run", "--json").json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)


def test_an_export_from_a_newer_version_is_refused_in_one_line(cli: Cli, tmp_path: Path) -> None:
    _populate(cli)
    as_json = tmp_path / "listado.json"
    cli.ok("export", "participants", "--format", "json", "--out", str(as_json))
    document = json.loads(as_json.read_text(encoding="utf-8"))
    document["schema_version"] += 1
    as_json.write_text(json.dumps(document), encoding="utf-8")
    cli("import", "participants", str(as_json)).assert_refused("versión más nueva", "actualice")


def test_an_export_warns_on_stderr_that_the_file_is_not_encrypted(cli: Cli, tmp_path: Path) -> None:
    _populate(cli)
    target = tmp_path / "listado.csv"
    done = cli.ok("export", "participants", "--format", "csv", "--out", str(target), "--json")
    assert done.json()["count"] == 2  # stdout stays machine-readable
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("aviso: listado.csv no va cifrado: cualquiera que obtenga el archivo podrá leerlo")
    english = cli.ok("--lang", "en", "export", "participants", "--format", "xlsx", "--out", str(tmp_path / "l.xlsx"))
    assert english.stderr.startswith("warning: l.xlsx is not encrypted: anyone who gets the file can read it")
