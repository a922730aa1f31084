"""Staff and the banked case on the command line: set-status and import refused in one line, in both languages."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Cli
from tests.conftest import STAFF_PASSPHRASE


def _status(cli: Cli, pid: str) -> str:
    return cli.ok("participant", "show", pid, "--json").json()["status"]


def test_staff_cannot_bank_unbank_or_activate_with_set_status(cli: Cli) -> None:
    pid = cli.add_participant("Rosa", "Tapia")["id"]
    cli.ok("participant", "set-status", pid, "under_review", "--reason", "revisión")
    cli("participant", "set-status", pid, "eligible", "--reason", "x", passphrase=STAFF_PASSPHRASE).assert_refused(
        "solo coordinadores", "«elegible (caso en reserva)»"
    )
    cli("participant", "set-status", pid, "eligible", "--lang", "en", passphrase=STAFF_PASSPHRASE).assert_refused(
        "only coordinators can move a participant into or out of “eligible (case banked)”"
    )
    assert _status(cli, pid) == "under_review"
    shown = cli.ok("participant", "show", pid, "--json", passphrase=STAFF_PASSPHRASE).json()
    assert shown["allowed_next"] == ["not_eligible", "dropped"]
    cli.ok("participant", "set-status", pid, "eligible", "--reason", "revisado con Fiscalía")
    cli("participant", "set-status", pid, "summoned", passphrase=STAFF_PASSPHRASE).assert_refused("solo coordinadores")
    shown = cli.ok("participant", "show", pid, passphrase=STAFF_PASSPHRASE).stdout
    assert "(siguientes: ninguno: los mueven coordinadores)" in shown
    assert _status(cli, pid) == "eligible"


def test_staff_cannot_import_banked_statuses(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "estados.csv"
    source.write_text("Nombres;Apellido paterno;Estado\nRaúl;Mena;monitoring\nIván;Parra;caso activado\n", "utf-8")
    result = cli("import", "participants", str(source), passphrase=STAFF_PASSPHRASE)
    assert result.code == 1
    report, refusal = result.stderr.strip().splitlines()
    assert (
        report
        == "línea 3, columna Estado: solo coordinadores pueden mover a un participante hacia o desde «caso activado»"
    )
    assert refusal == "error: no se importó nada: 1 filas no válidas"
    assert cli.ok("participant", "list", "--json").json() == []
    assert cli.ok("import", "participants", str(source), "--json").json()["created"] == 2  # a coordinator may
