"""End to end: a cut or rewound audit log refuses writes in one line until ``audit acknowledge`` by a coordinator."""

from __future__ import annotations

import pytest

from tests.audit_tampering import cut_tail, delete_all
from tests.cli.conftest import file_bytes
from tests.conftest import COORDINATOR, STAFF, STAFF_PASSPHRASE, VIEWER, VIEWER_PASSPHRASE

REFUSAL = "la bitácora de auditoría fue alterada: un coordinador debe revisarla (dmi audit acknowledge)"


@pytest.fixture(params=["tail", "rewound", "all"])
def tampered(request, cli):
    """The CLI's vault after some work, its audit altered behind the app's back (closed, with the key)."""
    for name in ("Ana", "Luis", "Eva"):
        cli.add_participant(name, "Soto")
    if request.param == "all":
        delete_all(cli.vault)
    else:
        cut_tail(cli.vault, 2, rewind_head=request.param == "rewound")
    return cli


def _detected(cli) -> None:
    """The first command after the tampering says so once, as a notice, and still reads."""
    listed = cli("participant", "list", "--json")
    assert listed.code == 0 and len(listed.json()) == 3
    (line,) = listed.stderr.strip().splitlines()
    assert line.startswith("aviso: La bitácora de auditoría fue alterada fuera de la aplicación")
    assert "incidente (entrada" in line


def test_each_tampering_refuses_writes_in_one_line_until_a_coordinator_acknowledges(tampered):
    cli = tampered
    _detected(cli)
    before = file_bytes(cli.vault)
    cli("participant", "add", "--nombres", "Otra", "--apellido-paterno", "Vez").assert_refused(REFUSAL)
    assert file_bytes(cli.vault)["vault.keys"] == before["vault.keys"]
    cli("participant", "add", "--nombres", "Otra", "--apellido-paterno", "Vez", "--lang", "en").assert_refused(
        "the audit log was altered: a coordinator must review it (dmi audit acknowledge)"
    )
    verify = cli("audit", "verify")
    verify.assert_refused(REFUSAL)
    assert "auditoría correcta" in verify.stdout and "ABIERTO: un coordinador debe revisarlo" in verify.stdout
    check = cli("check")
    check.assert_refused("1 problema")
    assert "ABIERTO" in check.stdout
    for user, secret in ((STAFF, STAFF_PASSPHRASE), (VIEWER, VIEWER_PASSPHRASE)):
        cli("audit", "acknowledge", "--user", user, passphrase=secret).assert_refused(
            "solo coordinadores pueden revisar incidentes de auditoría"
        )
    done = cli.ok("audit", "acknowledge", "--note", "revisado: respaldo del lunes", "--json")
    assert done.json() == {"acknowledged": 1, "user": COORDINATOR}
    assert cli.add_participant("Otra", "Vez")["id"]
    report = cli.ok("audit", "verify", "--json").json()
    assert report["ok"] and not report["open_incident"]
    (incident,) = report["incidents"]
    assert incident["acknowledged_by"] == COORDINATOR and incident["note"] == "revisado: respaldo del lunes"
    assert not incident["open"] and incident["user"] == COORDINATOR
    text = cli.ok("audit", "verify").stdout
    assert f"reconocido por {COORDINATOR}" in text and "revisado: respaldo del lunes" in text
    cli.ok("check")


def test_reads_backup_and_verify_json_still_work_while_open(tampered, tmp_path):
    cli = tampered
    _detected(cli)
    cli.ok("participant", "list")
    cli.ok("backup", "--out", str(tmp_path / "copia.dmibackup"))
    verify = cli("audit", "verify", "--json")
    assert verify.code == 1
    report = verify.json()
    assert report["ok"] and report["open_incident"] and report["incidents"][0]["open"]
    assert report["incidents"][0]["acknowledged_by"] is None


def test_a_clean_vault_has_no_incident_and_nothing_to_acknowledge(cli, tmp_path):
    cli.add_participant("Ana", "Soto")
    cli.ok("backup", "--out", str(tmp_path / "copia.dmibackup"))
    cli.add_participant("Luis", "Soto")
    restored = cli.ok("restore", str(tmp_path / "copia.dmibackup"), "--yes")
    assert "alterada" not in restored.stderr
    report = cli.ok("audit", "verify", "--json").json()
    assert report["incidents"] == [] and not report["open_incident"]
    cli("audit", "acknowledge").assert_refused("no hay incidentes de auditoría abiertos")
    cli("audit", "acknowledge", "--lang", "en").assert_refused("there is no open audit incident")
    cli.add_participant("Eva", "Soto")


def test_a_note_too_long_is_refused_in_one_line(tampered):
    cli = tampered
    _detected(cli)
    cli("audit", "acknowledge", "--note", "x" * 501).assert_refused("la nota es demasiado larga")
    cli("participant", "add", "--nombres", "Otra", "--apellido-paterno", "Vez").assert_refused(REFUSAL)
