"""One-file encrypted backups: restore into an empty folder or over a vault; altered files are refused."""

import struct

import pytest

from dmi_desktop.storage.backup import MAGIC, read_header
from dmi_desktop.storage.errors import BadBackup, NewerSchema, VaultExists, WrongPassphrase
from dmi_desktop.storage.schema import latest_version
from dmi_desktop.storage.vault import Vault, restore_into_empty
from tests.conftest import PASSPHRASE, STAFF_PASSPHRASE
from tests.storage.helpers import fingerprint, flip_byte


def _note(vault, text):
    with vault.atomic():
        vault.set_meta("test_note", text)


@pytest.fixture
def backup_file(vault_dir, tmp_path):
    """A backup of the template vault taken after writing a marker; the vault is closed again."""
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    _note(vault, "en la copia")
    target = vault.backup_to(tmp_path / "copia.dmibackup")
    vault.close()
    return target


def test_a_backup_is_one_encrypted_file(backup_file):
    raw = backup_file.read_bytes()
    assert raw.startswith(MAGIC)
    assert b"SQLite format 3" not in raw and b"en la copia" not in raw
    header, db_start, mac = read_header(backup_file)
    assert header.schema_version == latest_version() and len(mac) == 32
    assert backup_file.stat().st_size == db_start + header.db_size + 32  # magic, header, database, MAC


def test_restore_into_an_empty_folder(backup_file, tmp_path):
    target = tmp_path / "nueva"
    restore_into_empty(target, backup_file, PASSPHRASE)
    vault = Vault.unlock(target, STAFF_PASSPHRASE)  # every user of the backup can open the restored vault
    try:
        assert vault.meta("test_note") == "en la copia"
        assert vault.integrity_problems() == []
        assert (target / "backups").is_dir()
    finally:
        vault.close()


def test_restore_into_empty_refuses_a_folder_holding_any_vault_file(backup_file, vault_dir, tmp_path):
    (vault_dir / "vault.keys").unlink()  # half a vault is still a vault: never overwrite it
    before = fingerprint(vault_dir)
    with pytest.raises(VaultExists):
        restore_into_empty(vault_dir, backup_file, PASSPHRASE)
    assert fingerprint(vault_dir) == before


def test_restore_over_an_existing_vault_keeps_a_safety_backup(backup_file, vault_dir, tmp_path):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    _note(vault, "después de la copia")
    safety = vault.restore_from(backup_file, PASSPHRASE)
    assert not vault.is_open  # the vault it had open was replaced
    assert safety.parent == vault_dir / "backups" and safety.exists()
    restored = Vault.unlock(vault_dir, PASSPHRASE)
    assert restored.meta("test_note") == "en la copia"
    restored.close()
    # The safety backup holds what was replaced, and restores like any backup.
    restore_into_empty(tmp_path / "rescate", safety, PASSPHRASE)
    rescued = Vault.unlock(tmp_path / "rescate", PASSPHRASE)
    assert rescued.meta("test_note") == "después de la copia"
    rescued.close()


def _flip_in_header(path):
    head_len = struct.unpack(">I", path.read_bytes()[len(MAGIC) : len(MAGIC) + 4])[0]
    flip_byte(path, len(MAGIC) + 4 + head_len // 2, 0x01)


def _flip_in_db(path):
    layout = read_header(path)
    flip_byte(path, layout.db_start + layout.header.db_size // 2)


def _flip_in_mac(path):
    flip_byte(path, -5)


def _truncate(path):
    path.write_bytes(path.read_bytes()[:-100])


@pytest.mark.parametrize("tamper", [_flip_in_header, _flip_in_db, _flip_in_mac, _truncate])
def test_an_altered_backup_is_refused_and_nothing_changes(backup_file, vault_dir, tmp_path, tamper):
    tamper(backup_file)
    with pytest.raises(BadBackup) as info:
        restore_into_empty(tmp_path / "nueva", backup_file, PASSPHRASE)
    assert "\n" not in str(info.value)
    assert not (tmp_path / "nueva").exists()
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    before = fingerprint(vault_dir)
    try:
        with pytest.raises(BadBackup):
            vault.restore_from(backup_file, PASSPHRASE)
        assert vault.is_open
        assert fingerprint(vault_dir) == before  # no safety backup either: nothing was about to change
    finally:
        vault.close()


@pytest.mark.parametrize("content", [b"", b"hello", b"SQLite format 3\x00" + b"\x00" * 5000, MAGIC + b"\xff" * 10])
def test_a_foreign_file_is_refused(tmp_path, content):
    path = tmp_path / "foreign.bin"
    path.write_bytes(content)
    with pytest.raises(BadBackup):
        restore_into_empty(tmp_path / "nueva", path, PASSPHRASE)
    assert not (tmp_path / "nueva").exists()


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(BadBackup, match="no se puede leer"):
        restore_into_empty(tmp_path / "nueva", tmp_path / "nada.dmibackup", PASSPHRASE)


def test_a_wrong_passphrase_opens_no_backup(backup_file, tmp_path):
    with pytest.raises(WrongPassphrase):
        restore_into_empty(tmp_path / "nueva", backup_file, "otra frase cualquiera 123")
    assert not (tmp_path / "nueva").exists()


def test_a_backup_from_a_newer_app_is_refused(vault_dir, tmp_path):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    vault.db.execute(f"PRAGMA user_version = {latest_version() + 1}")
    target = vault.backup_to(tmp_path / "nueva.dmibackup")
    vault.db.execute(f"PRAGMA user_version = {latest_version()}")
    vault.close()
    with pytest.raises(NewerSchema):
        restore_into_empty(tmp_path / "destino", target, PASSPHRASE)


def test_a_backup_that_cannot_be_written_says_so_and_leaves_nothing(vault_dir, tmp_path):
    from dmi_desktop.storage.errors import VaultError

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where a folder should be")
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        with pytest.raises(VaultError, match="no se pudo escribir la copia"):
            vault.backup_to(blocked / "copia.dmibackup")
        assert vault.is_open
    finally:
        vault.close()
