"""Creating, unlocking and locking a vault; refusals leave every file exactly as it was."""

import json
import re
import shutil

import pytest

from dmi_desktop.domain.roles import Role
from dmi_desktop.storage import keyslots
from dmi_desktop.storage.errors import (
    DamagedDatabase,
    DamagedKeyFile,
    VaultError,
    VaultExists,
    VaultNotFound,
    WrongPassphrase,
)
from dmi_desktop.storage.keyslots import TEST_KDF
from dmi_desktop.storage.schema import latest_version, schema_version
from dmi_desktop.storage.vault import Vault
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF, STAFF_PASSPHRASE
from tests.storage.helpers import fingerprint

PASS = "pelícano marrón escalera nube 88"


@pytest.fixture
def made(tmp_path):
    """A freshly created (and closed) one-user vault: (folder, recovery key)."""
    folder = tmp_path / "v"
    vault, recovery = Vault.create(folder, user="ana", passphrase=PASS, device_code="AB1", kdf=TEST_KDF)
    vault.close()
    return folder, recovery


def test_create_writes_an_encrypted_db_a_key_file_and_a_backups_folder(made):
    folder, recovery = made
    assert (folder / "vault.db").is_file() and (folder / "vault.keys").is_file() and (folder / "backups").is_dir()
    assert not (folder / "vault.db").read_bytes().startswith(b"SQLite format 3")
    doc = json.loads((folder / "vault.keys").read_text())
    assert [s["kind"] for s in doc["slots"]] == ["user", "recovery"]
    assert re.fullmatch(r"([A-Z2-9]{5}-){7}[A-Z2-9]{5}", recovery)


def test_a_new_vault_has_the_latest_schema_its_creator_as_coordinator_and_an_audit_entry(made):
    folder, _ = made
    vault = Vault.unlock(folder, PASS)
    try:
        assert schema_version(vault.db) == latest_version()
        assert vault.user == "ana" and vault.users() == [("ana", Role.COORDINATOR)]
        assert vault.device_code == "AB1" and vault.meta("vault_id") == vault.keyfile.vault_id
        assert vault.audit.for_entity(vault.keyfile.vault_id)[-1].action == "vault.create"
        assert vault.audit.verify().ok
    finally:
        vault.close()


def test_create_refuses_an_existing_vault_and_changes_nothing(made):
    folder, _ = made
    before = fingerprint(folder)
    with pytest.raises(VaultExists):
        Vault.create(folder, user="otra", passphrase=PASS, kdf=TEST_KDF)
    assert fingerprint(folder) == before


@pytest.mark.parametrize("code", ["A", "TOOLONG1", "ab-1", "Ñ1"])
def test_create_refuses_a_bad_device_code_before_writing(tmp_path, code):
    with pytest.raises(VaultError, match="código de equipo"):
        Vault.create(tmp_path / "v", user="ana", passphrase=PASS, device_code=code, kdf=TEST_KDF)
    assert not (tmp_path / "v").exists()


def test_a_failed_creation_leaves_nothing_that_looks_like_a_vault(tmp_path, monkeypatch):
    folder = tmp_path / "v"

    def broken(db):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("dmi_desktop.storage.vault.apply_migrations", broken)
    with pytest.raises(VaultError, match="disco lleno"):  # a full disk is named as such, in the user's language
        Vault.create(folder, user="ana", passphrase=PASS, kdf=TEST_KDF)
    assert not (folder / "vault.db").exists() and not (folder / "vault.keys").exists()
    monkeypatch.undo()
    vault, _ = Vault.create(folder, user="ana", passphrase=PASS, kdf=TEST_KDF)  # and the folder is usable
    vault.close()


def test_unlock_with_the_right_passphrase_and_lock_again(made):
    folder, _ = made
    vault = Vault.unlock(folder, PASS)
    assert vault.is_open
    vault.lock()
    assert not vault.is_open
    vault.close()  # closing twice is harmless
    Vault.unlock(folder, PASS).close()  # the lock was released


def test_passphrases_are_compared_after_unicode_normalisation(tmp_path):
    composed, decomposed = "pelícano marrón escalera nube 88", "peli\u0301cano marro\u0301n escalera nube 88"
    vault, _ = Vault.create(tmp_path / "v", user="ana", passphrase=composed, kdf=TEST_KDF)
    vault.close()
    Vault.unlock(tmp_path / "v", decomposed).close()


def test_a_wrong_passphrase_is_refused_and_changes_nothing(made):
    folder, _ = made
    before = fingerprint(folder)
    with pytest.raises(WrongPassphrase, match="frase de acceso incorrecta"):
        Vault.unlock(folder, "not the passphrase at all")
    assert fingerprint(folder) == before
    Vault.unlock(folder, PASS).close()  # no lock left behind


def test_recovery_key_opens_however_it_is_typed(made):
    folder, recovery = made
    typed = " " + recovery.lower().replace("-", " ") + "\n"
    vault = Vault.unlock_with_recovery(folder, typed)
    assert vault.user == "ana"
    vault.close()


def test_a_wrong_recovery_key_is_refused(made):
    folder, recovery = made
    wrong = ("B" if recovery[0] != "B" else "C") + recovery[1:]
    with pytest.raises(WrongPassphrase, match="recuperación"):
        Vault.unlock_with_recovery(folder, wrong)


def test_a_passphrase_does_not_work_as_recovery_key_nor_the_other_way(made):
    folder, recovery = made
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery(folder, PASS)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(folder, recovery)


def test_missing_folder_or_files(tmp_path, made):
    folder, _ = made
    with pytest.raises(VaultNotFound):
        Vault.unlock(tmp_path / "nowhere", PASS)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(VaultNotFound):
        Vault.unlock(empty, PASS)
    no_keys = tmp_path / "no-keys"
    shutil.copytree(folder, no_keys)
    (no_keys / "vault.keys").unlink()
    with pytest.raises(DamagedKeyFile, match="falta el archivo de llaves"):
        Vault.unlock(no_keys, PASS)
    no_db = tmp_path / "no-db"
    shutil.copytree(folder, no_db)
    (no_db / "vault.db").unlink()
    with pytest.raises(DamagedDatabase, match="falta la base de datos"):
        Vault.unlock(no_db, PASS)


def test_key_files_of_two_vaults_are_not_interchangeable(tmp_path, made):
    folder, _ = made
    other, _ = Vault.create(tmp_path / "other", user="ana", passphrase=PASS, kdf=TEST_KDF)
    other.close()
    shutil.copy(tmp_path / "other" / "vault.keys", folder / "vault.keys")
    before = fingerprint(folder)
    with pytest.raises(DamagedDatabase, match="no corresponde a estas llaves"):
        Vault.unlock(folder, PASS)
    assert fingerprint(folder) == before


def test_open_with_key_skips_the_kdf_and_needs_an_existing_user(made):
    folder, _ = made
    vault = Vault.unlock(folder, PASS)
    key = vault._key
    vault.close()
    again = Vault.open_with_key(folder, key, "ana")
    again.close()
    with pytest.raises(WrongPassphrase, match="no existe"):
        Vault.open_with_key(folder, key, "nadie")


def test_closing_forgets_the_key(made):
    folder, _ = made
    vault = Vault.unlock(folder, PASS)
    vault.close()
    assert vault._key == b""


def test_kdf_parameters_are_stored_per_slot(vault_dir):
    doc = json.loads((vault_dir / "vault.keys").read_text())
    for slot in doc["slots"]:
        assert slot["kdf"] == {"iterations": 1, "memory_cost": 8192, "lanes": 1}
        assert slot["salt"] and slot["nonce"] and slot["wrapped"]
    assert len({s["salt"] for s in doc["slots"]}) == len(doc["slots"])  # a salt per slot


def test_calibration_never_goes_below_the_baseline():
    params = keyslots.calibrate(0.001)
    assert params.iterations >= 3 and params.memory_cost == 64 * 1024 and params.lanes == 4


def test_any_users_passphrase_opens_the_vault_as_that_user(vault_dir):
    vault = Vault.unlock(vault_dir, STAFF_PASSPHRASE)
    assert vault.user == STAFF and vault.role_of(STAFF) is Role.STAFF
    vault.close()
    vault = Vault.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    assert vault.user == COORDINATOR
    vault.close()
