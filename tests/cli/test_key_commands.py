"""recovery-key regenerate, passphrase change --compromised, user remove: re-keying from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli.conftest import Cli
from tests.conftest import STAFF, STAFF_PASSPHRASE, VIEWER, VIEWER_PASSPHRASE

NEW = "girasol terremoto biblioteca lenta 5"


def test_recovery_key_regenerate_shows_a_new_key_once_and_retires_the_old_one(cli: Cli, tmp_path: Path) -> None:
    result = cli.ok("recovery-key", "regenerate", "--json").json()
    new_key = result["recovery_key"]
    assert new_key != cli.recovery_key and result["rekeyed"] is True
    old = tmp_path / "old.txt"
    old.write_text(cli.recovery_key)
    cli("--recovery-key-file", str(old), "participant", "list").assert_refused("clave de recuperación incorrecta")
    fresh = tmp_path / "new.txt"
    fresh.write_text(new_key)
    cli.ok("--recovery-key-file", str(fresh), "participant", "list")


def test_staff_cannot_regenerate_the_recovery_key(cli: Cli) -> None:
    env = {"DMI_PASSPHRASE": STAFF_PASSPHRASE}
    cli("--user", STAFF, "recovery-key", "regenerate", env=env).assert_refused("solo coordinadores")


def test_passphrase_change_compromised_rekeys_and_reports_it(cli: Cli, tmp_path: Path) -> None:
    shutil.copy2(cli.vault / "vault.keys", tmp_path / "old.keys")
    env = {"DMI_PASSPHRASE": VIEWER_PASSPHRASE, "DMI_NEW_PASSPHRASE": NEW}
    done = cli.ok("--user", VIEWER, "passphrase", "change", "--compromised", "--delete-old-backups", env=env)
    assert "llave nueva" in done.stdout
    assert not list((cli.vault / "backups").iterdir())  # the safety backup (old key) was deleted as asked
    assert "respaldos anteriores eliminados: 1" in done.stderr
    # The old key file with the old passphrase no longer opens the vault.
    shutil.copy2(tmp_path / "old.keys", cli.vault / "vault.keys")
    cli("--user", VIEWER, "participant", "list", env={"DMI_PASSPHRASE": VIEWER_PASSPHRASE}).assert_refused("dañada")


def test_a_role_raised_with_raw_sql_is_refused_in_one_line(cli: Cli) -> None:
    from dmi_desktop.storage.connection import open_database
    from dmi_desktop.storage.keyslots import KeyFile
    from dmi_desktop.storage.vault_keys import resolve_access

    keyfile = KeyFile.load(cli.vault / "vault.keys")
    key = resolve_access(keyfile, *keyfile.unlock_user(VIEWER, VIEWER_PASSPHRASE)).db_key
    db = open_database(cli.vault / "vault.db", key)
    db.execute("UPDATE users SET role = 'coordinator' WHERE name = ?", (VIEWER,))
    db.close()
    cli("--user", VIEWER, "user", "list", env={"DMI_PASSPHRASE": VIEWER_PASSPHRASE}).assert_refused(
        "modificados fuera de la aplicación"
    )
    cli("--lang", "en", "check").assert_refused("changed outside the app")
