"""The command line never writes over the vault's own files (even with --force), and never sends control characters
to the terminal: refused on input, escaped when an older vault already holds them."""

from __future__ import annotations

from pathlib import Path

from dmi_desktop.services.session import Session
from tests.cli.conftest import Cli, file_bytes
from tests.conftest import PASSPHRASE


def test_backup_over_the_vault_database_is_refused_even_with_force(cli: Cli) -> None:
    cli.add_participant("Ana", "Rojas")
    before = file_bytes(cli.vault)
    cli("backup", "--out", str(cli.vault / "vault.db"), "--force").assert_refused("vault.db", "no se puede reemplazar")
    assert file_bytes(cli.vault) == before
    assert cli.ok("check", "--json").json()["ok"]


def test_export_over_the_key_file_through_dot_dot_is_refused_even_with_force(cli: Cli, tmp_path: Path) -> None:
    before = file_bytes(cli.vault)
    sneaky = cli.vault / "backups" / ".." / "vault.keys"
    line = cli("export", "participants", "--format", "csv", "--out", str(sneaky), "--force", "--lang", "en")
    line.assert_refused("vault.keys", "cannot be replaced")
    assert file_bytes(cli.vault) == before
    cli.ok("participant", "list")  # still opens


def test_participant_add_with_an_escape_sequence_is_refused_in_one_line(cli: Cli) -> None:
    before = file_bytes(cli.vault)
    run = cli("participant", "add", "--nombres", "Jo\x1b[31mse", "--apellido-paterno", "Pérez")
    line = run.assert_refused("caracteres de control", "U+001B")
    assert "\x1b" not in line
    assert file_bytes(cli.vault)["vault.keys"] == before["vault.keys"]
    assert cli.ok("participant", "list", "--json").json() == []


def test_list_and_show_escape_control_characters_an_older_version_stored(cli: Cli) -> None:
    added = cli.add_participant("Ana", "Rojas")
    session = Session.unlock(cli.vault, PASSPHRASE)
    try:
        with session.vault.atomic() as db:  # as an older version could have stored it (no validation)
            db.execute("UPDATE participants SET nombres = ? WHERE id = ?", ("Ana\x1b[2J\x1b]0;hola\x07", added["id"]))
    finally:
        session.close()
    listed = cli.ok("participant", "list").stdout
    shown = cli.ok("participant", "show", added["id"]).stdout
    for text in (listed, shown):
        assert "\x1b" not in text and "\x07" not in text
        assert "Ana\\x1b[2J\\x1b]0;hola\\x07 Rojas" in text
