"""restore and user remove: asked on a terminal, --yes in scripts, refused untouched without either."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import _OUR_ENV, REPO, Cli, Result, file_bytes
from tests.conftest import PASSPHRASE, VIEWER, VIEWER_PASSPHRASE


def _users(cli: Cli) -> set[str]:
    return {u["name"] for u in cli.ok("user", "list", "--json").json()}


def _names(cli: Cli) -> set[str]:
    return {p["nombres"] for p in cli.ok("participant", "list", "--json").json()}


def _backup_then_add(cli: Cli, tmp_path: Path) -> Path:
    """A backup holding "Antes"; the vault then also holds "Despues"."""
    cli.add_participant("Antes", "Del Respaldo")
    backup = tmp_path / "copia.dmibackup"
    cli.ok("backup", "--out", str(backup))
    cli.add_participant("Despues", "Del Respaldo")
    return backup


def on_terminal(cli: Cli, *args: str, answer: str) -> Result:
    """Run with stdin on a pseudo-terminal, as a person at the keyboard would, typing ``answer``."""
    env = {k: v for k, v in os.environ.items() if k not in _OUR_ENV}
    env.update(DMI_HOME=str(cli.home), PYTHONIOENCODING="utf-8", DMI_PASSPHRASE=PASSPHRASE)
    controller, terminal = os.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dmi_desktop", *args],
            cwd=REPO,
            env=env,
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        os.write(controller, answer.encode() + b"\n")  # the terminal keeps the line until the program reads it
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        os.close(terminal)
        os.close(controller)
    assert "Traceback" not in stderr, stderr
    return Result(proc.returncode, stdout, stderr)


def test_restore_without_yes_in_a_script_is_refused_and_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    backup = _backup_then_add(cli, tmp_path)
    before = file_bytes(cli.vault)
    cli("restore", str(backup)).assert_refused("--yes")
    assert file_bytes(cli.vault) == before  # refused before the vault was even opened
    assert not list((cli.vault / "backups").iterdir())
    assert _names(cli) == {"Antes", "Despues"}


def test_restore_with_yes_proceeds(cli: Cli, tmp_path: Path) -> None:
    backup = _backup_then_add(cli, tmp_path)
    result = cli.ok("restore", str(backup), "--yes")
    assert "restaurada" in result.stdout
    assert _names(cli) == {"Antes"}


def test_user_remove_without_yes_in_a_script_is_refused_and_changes_nothing(cli: Cli) -> None:
    before = file_bytes(cli.vault)
    cli("user", "remove", VIEWER).assert_refused("--yes")
    assert file_bytes(cli.vault) == before
    assert VIEWER in _users(cli)
    assert cli("participant", "list", passphrase=VIEWER_PASSPHRASE).code == 0


def test_user_remove_with_yes_proceeds(cli: Cli) -> None:
    cli.ok("user", "remove", VIEWER, "--yes")
    assert VIEWER not in _users(cli)
    cli("participant", "list", passphrase=VIEWER_PASSPHRASE).assert_refused("incorrecta")


def test_an_impossible_removal_is_refused_with_its_reason_not_a_question(cli: Cli) -> None:
    cli("user", "remove", "nadie", "--yes").assert_refused("'nadie' no existe")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_on_a_terminal_user_remove_asks_and_no_keeps_the_user(cli: Cli) -> None:
    refused = on_terminal(cli, "user", "remove", VIEWER, answer="n")
    assert f"¿Eliminar al usuario {VIEWER}? [s/N]" in refused.stderr
    assert refused.code == 1 and refused.stderr.strip().endswith("error: cancelado")
    assert VIEWER in _users(cli)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_on_a_terminal_user_remove_asks_and_yes_removes(cli: Cli) -> None:
    done = on_terminal(cli, "--lang", "en", "user", "remove", VIEWER, answer="y\nn")
    assert f"Remove user {VIEWER}? [y/N]" in done.stderr
    assert done.code == 0, done.stderr
    assert "under a new key" in done.stdout
    # The re-key's safety backup still opens with the old key: offered for deletion, kept on "n".
    assert "Delete the 1 backups made under the previous key? [y/N]" in done.stderr
    assert len(list((cli.vault / "backups").iterdir())) == 1
    assert VIEWER not in _users(cli)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_on_a_terminal_restore_asks_and_yes_restores(cli: Cli, tmp_path: Path) -> None:
    backup = _backup_then_add(cli, tmp_path)
    done = on_terminal(cli, "restore", str(backup), answer="s")
    assert "¿Reemplazar la bóveda" in done.stderr
    assert done.code == 0, done.stderr
    assert _names(cli) == {"Antes"}
