"""Damaged, truncated, newer or busy vaults: one clear error each, and the files stay as they were."""

import subprocess
import sys
import textwrap

import pytest

from dmi_desktop.storage.errors import DamagedDatabase, NewerSchema, VaultInUse
from dmi_desktop.storage.lock import VaultLock
from dmi_desktop.storage.schema import latest_version
from dmi_desktop.storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.storage.helpers import fingerprint, flip_byte


def _grow(vault_dir, entries=400):
    """Give the template vault enough pages that its middle is table data, not the schema."""
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    with vault.atomic():
        for i in range(entries):
            vault.audit.append("coordinadora", "test.fill", "test", str(i), payload={"text": "relleno " * 40})
    vault.close()


def _assert_lock_released(folder):
    lock = VaultLock(folder)
    lock.acquire()  # raises VaultInUse if the failed open kept the folder locked
    lock.release()


def _assert_one_line(exc_info):
    text = str(exc_info.value)
    assert text and "\n" not in text and "Traceback" not in text


@pytest.mark.parametrize("keep", [0, 100, 1000, 4096, 0.5])
def test_a_truncated_database_is_refused_untouched(vault_dir, keep):
    _grow(vault_dir)
    db = vault_dir / "vault.db"
    data = db.read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else keep
    db.write_bytes(data[:cut])
    before = fingerprint(vault_dir)
    with pytest.raises(DamagedDatabase) as info:
        Vault.unlock(vault_dir, PASSPHRASE)
    _assert_one_line(info)
    assert fingerprint(vault_dir) == before
    assert not (vault_dir / "vault.db-wal").exists() and not (vault_dir / "vault.db-shm").exists()
    _assert_lock_released(vault_dir)


def test_the_first_page_altered_is_refused_untouched(vault_dir):
    flip_byte(vault_dir / "vault.db", 200)
    before = fingerprint(vault_dir)
    with pytest.raises(DamagedDatabase):
        Vault.unlock(vault_dir, PASSPHRASE)
    assert fingerprint(vault_dir) == before


def test_integrity_check_on_a_healthy_vault(vault_dir):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        assert vault.integrity_problems() == []
    finally:
        vault.close()


def test_a_corrupted_page_in_the_middle_is_reported_clearly(vault_dir):
    _grow(vault_dir)
    db = vault_dir / "vault.db"
    middle = db.stat().st_size // 2
    for k in range(16):
        flip_byte(db, middle + k)
    # Either opening notices (the page is read at once) or the integrity check names the bad page.
    try:
        vault = Vault.unlock(vault_dir, PASSPHRASE)
    except DamagedDatabase as exc:
        assert "dañada" in str(exc)
        return
    try:
        problems = vault.integrity_problems()
    finally:
        vault.close()
    assert problems, "a page with a broken HMAC must be reported"
    assert any("HMAC" in p or "page" in p.lower() or "malformed" in p for p in problems)


def test_reading_a_damaged_page_later_raises_damaged_database_not_a_driver_error(vault_dir):
    _grow(vault_dir)
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    vault.close()
    db = vault_dir / "vault.db"
    middle = db.stat().st_size // 2
    # Four neighbouring pages: the middle of the file may hold a page of the audit's reference index, which
    # verify never reads; one of four consecutive pages of a grown audit is always an entry or payload page.
    for page in range(4):
        for k in range(16):
            flip_byte(db, middle + page * 4096 + k)
    try:
        vault = Vault.unlock(vault_dir, PASSPHRASE)
    except DamagedDatabase:
        return
    try:
        with pytest.raises(DamagedDatabase, match="dañada"):
            vault.audit.verify()  # walks every audit page, the damaged one included
    finally:
        vault.close()


def test_a_vault_from_a_newer_app_is_refused_untouched(vault_dir):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    vault.db.execute(f"PRAGMA user_version = {latest_version() + 1}")
    vault.close()
    before = fingerprint(vault_dir)
    with pytest.raises(NewerSchema, match="versión más nueva") as info:
        Vault.unlock(vault_dir, PASSPHRASE)
    _assert_one_line(info)
    assert fingerprint(vault_dir) == before
    assert list((vault_dir / "backups").iterdir()) == []
    _assert_lock_released(vault_dir)


def test_a_second_open_in_the_same_process_is_refused(vault_dir):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        with pytest.raises(VaultInUse, match="en uso"):
            Vault.unlock(vault_dir, PASSPHRASE)
    finally:
        vault.close()
    Vault.unlock(vault_dir, PASSPHRASE).close()


def test_a_second_open_in_another_process_gets_the_vault_in_use_message(vault_dir):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        script = textwrap.dedent(
            f"""
            import sys
            from dmi_desktop.storage.vault import Vault
            from dmi_desktop.domain.errors import DmiError
            try:
                Vault.unlock({str(vault_dir)!r}, {PASSPHRASE!r})
            except DmiError as exc:
                print(type(exc).__name__, exc)
                sys.exit(1)
            """
        )
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=str(_repo_root())
        )
    finally:
        vault.close()
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("VaultInUse la bóveda está en uso por otro programa")
    assert result.stderr == ""


def _repo_root():
    from pathlib import Path

    return Path(__file__).resolve().parents[2]
