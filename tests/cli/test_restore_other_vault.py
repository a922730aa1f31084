"""A backup of *another* vault is not restored without naming both vaults and asking (``--yes`` in scripts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.services import backups
from dmi_desktop.services.session import Session
from dmi_desktop.storage.keyslots import TEST_KDF
from tests.cli.conftest import Cli
from tests.cli.test_confirmation import on_terminal
from tests.conftest import COORDINATOR, PASSPHRASE

OTHER = "Municipalidad de Ñuñoa"
OURS = "Municipalidad de Las Condes"


def _other_vault_backup(tmp_path: Path) -> tuple[Path, str]:
    """A backup of a different vault (same passphrase, another organisation), holding "Otra"; and its id."""
    session, _recovery = Session.create(
        tmp_path / "otra", user=COORDINATOR, passphrase=PASSPHRASE, organisation=OTHER, kdf=TEST_KDF
    )
    try:
        session.participants.create({"nombres": "Otra", "apellido_paterno": "Persona"})
        vault_id = session.vault.keyfile.vault_id
        backup = backups.backup(session, tmp_path / "otra.dmibackup")
    finally:
        session.close()
    return backup, vault_id


def _names(cli: Cli) -> set[str]:
    return {p["nombres"] for p in cli.ok("participant", "list", "--json").json()}


def _our_id(vault: Path) -> str:
    session = Session.unlock(vault, PASSPHRASE)
    try:
        return session.vault.keyfile.vault_id
    finally:
        session.close()


def test_the_question_names_both_vaults_and_no_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    cli.add_participant("Nuestra", "Persona")
    backup, other_id = _other_vault_backup(tmp_path)
    ours_id = _our_id(cli.vault)
    answered = on_terminal(cli, "restore", str(backup), answer="n")
    assert answered.code == 1
    question = answered.stderr.splitlines()[0]
    assert f"este respaldo es de la bóveda «{OTHER}» (id {other_id[:8]}), no de «{OURS}» (id {ours_id[:8]})" in question
    assert question.endswith("¿reemplazarla? [s/N] error: cancelado")
    assert not list((cli.vault / "backups").iterdir())  # asked before even the safety backup
    assert _names(cli) == {"Nuestra"}


def test_yes_restores_another_vaults_backup_and_says_whose_it_was(cli: Cli, tmp_path: Path) -> None:
    cli.add_participant("Nuestra", "Persona")
    backup, _other_id = _other_vault_backup(tmp_path)
    cli("restore", str(backup)).assert_refused("--yes")  # a script without --yes: refused before opening
    restored = cli.ok("restore", str(backup), "--yes")
    assert f"aviso: este respaldo es de la bóveda «{OTHER}»" in restored.stderr
    assert _names(cli) == {"Otra"}


def test_the_same_vaults_backup_gets_the_plain_question(cli: Cli, tmp_path: Path) -> None:
    cli.add_participant("Antes", "Del Respaldo")
    backup = tmp_path / "copia.dmibackup"
    cli.ok("backup", "--out", str(backup))
    cli.add_participant("Despues", "Del Respaldo")
    answered = on_terminal(cli, "restore", str(backup), answer="s")
    assert answered.code == 0, answered.stderr
    assert "¿Reemplazar la bóveda en" in answered.stderr and "este respaldo es de" not in answered.stderr
    assert _names(cli) == {"Antes"}


def test_the_service_refuses_another_vaults_backup_unless_confirmed(vault_dir: Path, tmp_path: Path) -> None:
    backup, _other_id = _other_vault_backup(tmp_path)
    session = Session.unlock(vault_dir, PASSPHRASE)
    with pytest.raises(DmiError, match=f"es de la bóveda «{OTHER}».*no se restauró"):
        backups.restore(session, backup, PASSPHRASE)
    with pytest.raises(DmiError, match="cancelado"):
        backups.restore(session, backup, PASSPHRASE, lambda other: False)
    assert session.is_open and session.organisation == OURS
    assert not list((vault_dir / "backups").iterdir())  # refused before even the safety backup
    asked: list[str | None] = []
    backups.restore(session, backup, PASSPHRASE, lambda other: asked.append(other) or True)
    assert asked and asked[0] is not None and OTHER in asked[0]
    reopened = Session.unlock(vault_dir, PASSPHRASE)
    try:
        assert reopened.organisation == OTHER
    finally:
        reopened.close()
