"""A damaged, busy, newer or tampered vault: one clear line, exit 1, nothing changed."""

from __future__ import annotations

from dmi_desktop.services.session import Session
from tests.cli.conftest import Cli, file_bytes
from tests.conftest import PASSPHRASE


def test_damaged_key_file_is_refused_and_left_as_it_was(cli: Cli) -> None:
    keys = cli.vault / "vault.keys"
    keys.write_bytes(keys.read_bytes()[:-40] + b"garbage")
    before = file_bytes(cli.vault)
    cli("participant", "list").assert_refused("vault.keys", "dañado")
    assert file_bytes(cli.vault) == before


def test_missing_key_file_is_named(cli: Cli) -> None:
    (cli.vault / "vault.keys").unlink()
    cli("check").assert_refused("vault.keys")
    assert not (cli.vault / "vault.keys").exists()  # nothing recreated behind the user's back


def test_truncated_database_is_refused_and_left_as_it_was(cli: Cli) -> None:
    db = cli.vault / "vault.db"
    db.write_bytes(db.read_bytes()[:5000])
    before = file_bytes(cli.vault)
    cli("participant", "list").assert_refused("vault.db")
    cli("check").assert_refused("vault.db")
    assert file_bytes(cli.vault) == before


def test_vault_in_use_by_another_program(cli: Cli) -> None:
    holder = Session.unlock(cli.vault, PASSPHRASE)  # this test process plays the desktop app
    try:
        cli("participant", "list").assert_refused("en uso")
        cli("participant", "add", "--nombres", "Ana", "--apellido-paterno", "Soto").assert_refused("en uso")
    finally:
        holder.close()
    assert cli.ok("participant", "list", "--json").json() == []


def test_vault_from_a_newer_version_is_refused_unchanged(cli: Cli) -> None:
    session = Session.unlock(cli.vault, PASSPHRASE)
    session.vault.db.execute("PRAGMA user_version = 99")
    session.close()
    before = file_bytes(cli.vault)
    cli("participant", "list").assert_refused("versión más nueva")
    assert file_bytes(cli.vault) == before
    assert not list((cli.vault / "backups").iterdir())  # no migration attempted, so no pre-migration backup


def test_audit_edited_behind_the_apps_back_is_named(cli: Cli) -> None:
    session = Session.unlock(cli.vault, PASSPHRASE)
    db = session.vault.db
    db.execute("DROP TRIGGER audit_entries_no_update")
    db.execute(
        "UPDATE audit_entries SET action = 'user.remove' WHERE device_id = ? AND seq = 2", (session.vault.device_id,)
    )
    session.close()
    verified = cli("audit", "verify")
    verified.assert_refused("auditoría ROTA en la entrada 2")
    cli("audit", "verify", "--lang", "en").assert_refused("audit BROKEN at entry 2")
    assert cli("audit", "verify", "--json").json()["first_bad"] == 2
    cli("check").assert_refused("problema")
