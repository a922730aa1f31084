"""The command line never writes over the vault's own files, with or without --force, and says so in one line."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Cli, file_bytes


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
