"""backup and restore from the command line: round trip, tampered files, roles, an empty folder."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Cli
from tests.conftest import STAFF_PASSPHRASE, VIEWER_PASSPHRASE


def _names(cli: Cli, **kwargs) -> set[str]:
    return {p["nombres"] for p in cli.ok("participant", "list", "--json", **kwargs).json()}


def test_backup_then_restore_brings_the_data_back(cli: Cli, tmp_path: Path) -> None:
    cli.add_participant("Antes", "Del Respaldo")
    backup = tmp_path / "copia.dmibackup"
    cli.ok("backup", "--out", str(backup))
    assert backup.is_file()
    assert b"Antes" not in backup.read_bytes()  # the backup is encrypted too
    cli.add_participant("Despues", "Del Respaldo")

    cli("restore", str(backup)).assert_refused("--yes")  # no terminal: needs explicit confirmation
    assert _names(cli) == {"Antes", "Despues"}

    run = cli.ok("restore", str(backup), "--yes", "--json")
    restored = run.json()
    assert _names(cli) == {"Antes"}
    # The restored vault is older than this laptop's last state: it gets a new device identity, and says so.
    assert "aviso: Esta bóveda es una copia" in run.stderr
    assert cli.add_participant("Nueva", "Identidad")["case_no"].split("-")[0] not in ("LC1", "")
    safety = Path(restored["safety_backup"])
    assert safety.is_file() and safety.parent == cli.vault / "backups"
    actions = cli.ok("audit", "verify")
    assert actions.stdout.startswith("auditoría correcta")


def test_backup_refuses_to_overwrite_unless_forced(cli: Cli, tmp_path: Path) -> None:
    backup = tmp_path / "copia.dmibackup"
    backup.write_bytes(b"something precious")
    cli("backup", "--out", str(backup)).assert_refused("--force")
    assert backup.read_bytes() == b"something precious"
    cli.ok("backup", "--out", str(backup), "--force")
    assert backup.read_bytes() != b"something precious"


def test_a_tampered_backup_is_refused_and_nothing_changes(cli: Cli, tmp_path: Path) -> None:
    cli.add_participant("Antes", "Del Respaldo")
    backup = tmp_path / "copia.dmibackup"
    cli.ok("backup", "--out", str(backup))
    cli.add_participant("Despues", "Del Respaldo")
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0x01
    backup.write_bytes(bytes(data))

    cli("restore", str(backup), "--yes").assert_refused("alterada")
    assert _names(cli) == {"Antes", "Despues"}
    assert not list((cli.vault / "backups").iterdir())  # refused before even the safety backup


def test_restore_into_an_empty_folder(cli: Cli, tmp_path: Path) -> None:
    cli.add_participant("Viajera", "Nueva")
    backup = tmp_path / "copia.dmibackup"
    cli.ok("backup", "--out", str(backup))
    target = tmp_path / "otro-computador"
    cli.ok("--vault", str(target), "restore", str(backup))
    assert {p["nombres"] for p in cli.ok("--vault", str(target), "participant", "list", "--json").json()} == {"Viajera"}


def test_only_coordinators_restore_over_a_vault(cli: Cli, tmp_path: Path) -> None:
    backup = tmp_path / "copia.dmibackup"
    cli.ok("backup", "--out", str(backup), passphrase=VIEWER_PASSPHRASE)  # any user may take a backup
    cli.add_participant("Despues", "Del Respaldo")
    cli("restore", str(backup), "--yes", passphrase=STAFF_PASSPHRASE).assert_refused("solo coordinadores")
    assert _names(cli) == {"Despues"}


def test_restore_of_a_missing_file(cli: Cli, tmp_path: Path) -> None:
    cli("restore", str(tmp_path / "no-existe.dmibackup"), "--yes").assert_refused("no-existe.dmibackup")
