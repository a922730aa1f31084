"""Backups written and read in chunks: exact restores, the v1 layout kept, and every damaged spot refused."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from dmi_desktop.storage import backup as backup_module
from dmi_desktop.storage.backup import MAC_BYTES, _mac_key, read_header
from dmi_desktop.storage.errors import BadBackup
from dmi_desktop.storage.vault import Vault, restore_into_empty
from tests.conftest import PASSPHRASE
from tests.storage.helpers import fingerprint, flip_byte

ALTERED = "la copia de seguridad fue alterada o está dañada"


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    """Chunks far smaller than the test vault, so every path crosses many chunk boundaries."""
    monkeypatch.setattr(backup_module, "CHUNK", 4096 + 17)


@pytest.fixture
def made(vault_dir, tmp_path):
    """(backup file, the vault's rows table by table, its database key); the vault is closed again."""
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        with vault.atomic():
            vault.set_meta("test_note", "ñandú " * 2000)  # a few pages of its own
        target = vault.backup_to(tmp_path / "copia.dmibackup")
        rows, key = _rows(vault), vault._key
    finally:
        vault.close()
    return target, rows, key


def _rows(vault):
    tables = [r[0] for r in vault.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: sorted(map(repr, vault.db.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}


def test_a_streamed_backup_restores_every_row_exactly(made, tmp_path):
    backup_file, rows, _key = made
    restore_into_empty(tmp_path / "nueva", backup_file, PASSPHRASE)
    restored = Vault.open_with_key(tmp_path / "nueva", made[2], "coordinadora")
    try:
        assert _rows(restored) == rows
    finally:
        restored.close()


def test_a_streamed_backup_keeps_the_v1_layout(made):
    backup_file, key = made[0], made[2]
    raw = backup_file.read_bytes()
    header, db_start, mac = read_header(backup_file)
    assert raw.startswith(b"DMI-VAULT-BACKUP\x00v1\n")
    assert len(raw) == db_start + header.db_size + MAC_BYTES
    # What the previous version computed over the whole file in memory: older apps read this backup as theirs.
    assert mac == raw[-MAC_BYTES:] == hmac.new(_mac_key(key), raw[:-MAC_BYTES], hashlib.sha256).digest()
    assert raw[db_start : db_start + 16] != b"SQLite format 3\x00"  # the pages stay encrypted


def _offsets(path):
    """Spots to damage: first and last byte of the header, of the database (and around chunk edges), of the MAC."""
    header, db_start, _mac = read_header(path)
    size = path.stat().st_size
    chunk = backup_module.CHUNK
    spots = {db_start - 2, db_start, db_start + chunk - 1, db_start + chunk, db_start + header.db_size // 2}
    spots |= {db_start + header.db_size - 1, size - MAC_BYTES, size - 1}
    return sorted(spots)


def test_a_flipped_byte_anywhere_is_refused_in_one_line_and_nothing_changes(made, vault_dir, tmp_path):
    backup_file = made[0]
    pristine = backup_file.read_bytes()
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        before = fingerprint(vault_dir)
        for offset in _offsets(backup_file):
            backup_file.write_bytes(pristine)
            flip_byte(backup_file, offset, 0x01)
            with pytest.raises(BadBackup) as info:
                restore_into_empty(tmp_path / "nueva", backup_file, PASSPHRASE)
            assert str(info.value) in (ALTERED, "la copia de seguridad copia.dmibackup está dañada o incompleta")
            assert not (tmp_path / "nueva").exists()
            with pytest.raises(BadBackup):
                vault.restore_from(backup_file, PASSPHRASE)
            assert vault.is_open and fingerprint(vault_dir) == before, offset
    finally:
        vault.close()


@pytest.mark.parametrize("keep", ["header", "database", "mac"])
def test_a_truncated_backup_is_refused_as_incomplete(made, tmp_path, keep):
    backup_file = made[0]
    header, db_start, _mac = read_header(backup_file)
    cut = {"header": db_start - 3, "database": db_start + header.db_size // 2, "mac": -1}[keep]
    backup_file.write_bytes(backup_file.read_bytes()[:cut])
    with pytest.raises(BadBackup, match=r"está dañada o incompleta$"):
        restore_into_empty(tmp_path / "nueva", backup_file, PASSPHRASE)
    assert not (tmp_path / "nueva").exists()


def test_a_backup_changed_after_its_check_is_refused_while_staging(made, tmp_path, monkeypatch):
    backup_file = made[0]
    checked = backup_module.verify_backup

    def check_then_alter(path, layout, key):
        checked(path, layout, key)
        flip_byte(path, layout.db_start + 5000)  # swapped on disk between the check and the copy

    monkeypatch.setattr(backup_module, "verify_backup", check_then_alter)
    with pytest.raises(BadBackup, match=f"^{ALTERED}$"):
        restore_into_empty(tmp_path / "nueva", backup_file, PASSPHRASE)
    assert not (tmp_path / "nueva").exists()


def test_a_header_claiming_a_huge_length_is_refused_on_its_first_bytes(tmp_path):
    path = tmp_path / "grande.dmibackup"
    path.write_bytes(b"DMI-VAULT-BACKUP\x00v1\n" + b"\xff\xff\xff\xf0" + b"{}")
    with pytest.raises(BadBackup, match="dañada o incompleta"):
        restore_into_empty(tmp_path / "nueva", path, PASSPHRASE)
