"""--lang en turns refusals raised deep below the CLI into English; without --lang they stay in Spanish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dmi_desktop.services.session import Session
from tests.cli.conftest import Cli
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF_PASSPHRASE, VIEWER, VIEWER_PASSPHRASE


def assert_refused_in_both(cli: Cli, *args: str, es: str, en: str, **kwargs: Any) -> None:
    """The same failing command: exactly ``error: en`` with --lang en, exactly ``error: es`` without --lang."""
    assert cli("--lang", "en", *args, **kwargs).assert_refused() == f"error: {en}"
    assert cli(*args, **kwargs).assert_refused() == f"error: {es}"


def test_a_viewer_trying_to_write(cli: Cli) -> None:
    assert_refused_in_both(
        cli,
        *("participant", "add", "--nombres", "Ana", "--apellido-paterno", "Soto"),
        passphrase=VIEWER_PASSPHRASE,
        es="su rol (viewer) solo permite consultar: no puede crear participantes",
        en="your role (viewer) is read-only: you cannot create participants",
    )
    assert cli.ok("participant", "list", "--json").json() == []


def test_an_illegal_status_change(cli: Cli) -> None:
    case_no = cli.add_participant("Ana", "Soto")["case_no"]
    assert_refused_in_both(
        cli,
        *("participant", "set-status", case_no, "completed"),
        es="no se puede pasar de «identificado» a «egresado (cumplió)»",
        en="cannot move from “identified” to “completed”",
    )
    assert cli.ok("participant", "show", case_no, "--json").json()["status"] == "identified"


def test_an_unknown_participant(cli: Cli) -> None:
    assert_refused_in_both(
        cli,
        *("participant", "show", "LC1-2026-99999"),
        es="no existe el participante LC1-2026-99999",
        en="participant LC1-2026-99999 does not exist",
    )


def test_a_wrong_passphrase(cli: Cli) -> None:
    assert_refused_in_both(
        cli,
        *("participant", "list"),
        passphrase="una frase equivocada pero larga 77",
        es="frase de acceso incorrecta",
        en="wrong passphrase",
    )


def test_a_damaged_key_file(cli: Cli) -> None:
    keys = cli.vault / "vault.keys"
    keys.write_bytes(keys.read_bytes()[:-40] + b"garbage")
    assert_refused_in_both(
        cli,
        *("participant", "list"),
        es="el archivo de llaves vault.keys está dañado",
        en="the key file vault.keys is damaged",
    )


def test_a_vault_in_use(cli: Cli) -> None:
    holder = Session.unlock(cli.vault, PASSPHRASE)  # this test process plays the desktop app
    try:
        assert_refused_in_both(
            cli,
            *("participant", "list"),
            es="la bóveda está en uso por otro programa o ventana (ciérrelo e intente de nuevo)",
            en="the vault is in use by another program or window (close it and try again)",
        )
    finally:
        holder.close()


def test_staff_restoring_a_backup(cli: Cli, tmp_path: Path) -> None:
    backup = tmp_path / "copia.dmibackup"
    cli.ok("backup", "--out", str(backup))
    assert_refused_in_both(
        cli,
        *("restore", str(backup), "--yes"),
        passphrase=STAFF_PASSPHRASE,
        es="solo coordinadores pueden restaurar copias de seguridad",
        en="only coordinators can restore backups",
    )


def test_removing_oneself(cli: Cli) -> None:
    assert_refused_in_both(
        cli,
        *("user", "remove", COORDINATOR, "--yes"),
        es="no puede eliminar su propio usuario",
        en="you cannot remove your own user",
    )


def test_a_destructive_command_without_yes_in_a_script(cli: Cli) -> None:
    assert_refused_in_both(
        cli,
        *("user", "remove", VIEWER),
        es="se requiere confirmación: repita la orden con --yes",
        en="confirmation needed: repeat the command with --yes",
    )


def test_lang_es_is_the_same_as_no_lang(cli: Cli) -> None:
    line = cli("--lang", "es", "participant", "show", "X-1").assert_refused()
    assert line == "error: no existe el participante X-1"
