"""Re-keying: a removed user, a compromised passphrase or a replaced recovery key opens nothing written later."""

from __future__ import annotations

import os
import shutil

import pytest

from dmi_desktop.domain.errors import PermissionDenied
from dmi_desktop.services.session import Session
from dmi_desktop.storage import rekey_files
from dmi_desktop.storage.connection import open_database
from dmi_desktop.storage.errors import DamagedDatabase, WrongPassphrase
from dmi_desktop.storage.keyslots import KeyFile
from dmi_desktop.storage.vault import Vault
from dmi_desktop.storage.vault_keys import resolve_access
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF, STAFF_PASSPHRASE, VIEWER, VIEWER_PASSPHRASE

NEW = "girasol terremoto biblioteca lenta 5"


def _db_key(keys_path, user, passphrase):
    keyfile = KeyFile.load(keys_path)
    return resolve_access(keyfile, *keyfile.unlock_user(user, passphrase)).db_key


def _opens(folder, key) -> bool:
    try:
        open_database(folder / "vault.db", key).close()
    except DamagedDatabase:
        return False
    return True


def test_a_removed_users_old_key_file_opens_nothing_written_afterwards(vault_dir, tmp_path):
    old_keys = tmp_path / "vault.keys.de-equipo"
    shutil.copy2(vault_dir / "vault.keys", old_keys)
    session = Session.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    rekeyed = session.users.remove(STAFF)
    session.participants.create({"nombres": "Después", "apellido_paterno": "Del Cambio"})
    session.close()
    assert rekeyed.dropped_users == [] and not rekeyed.recovery_dropped
    # Her old copy of vault.keys still unwraps the old database key, which no longer opens the database.
    assert not _opens(vault_dir, _db_key(old_keys, STAFF, STAFF_PASSPHRASE))
    # Everyone else still opens it (their slots were resealed without their passphrases).
    for user, secret in ((COORDINATOR, PASSPHRASE), (VIEWER, VIEWER_PASSPHRASE)):
        Vault.unlock(vault_dir, secret, user).close()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, STAFF_PASSPHRASE, STAFF)


def test_a_rekey_writes_a_safety_backup_and_offers_to_delete_old_backups(vault_dir):
    session = Session.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    try:
        rekeyed = session.users.remove(STAFF)
        assert [p.name.startswith("antes-de-recifrar-") for p in rekeyed.old_backups] == [True]
        assert any("respaldos" in n for n in rekeyed.notices())
        assert session.users.delete_old_backups(rekeyed.old_backups) == 1
        assert session.users.old_backups() == []
        assert session.vault.audit.verify().ok
    finally:
        session.close()


def test_a_compromised_passphrase_change_rekeys(vault_dir, tmp_path):
    old_keys = tmp_path / "vault.keys.antiguo"
    shutil.copy2(vault_dir / "vault.keys", old_keys)
    session = Session.unlock(vault_dir, VIEWER_PASSPHRASE, VIEWER)
    session.users.change_passphrase(NEW, compromised=True)
    session.close()
    assert not _opens(vault_dir, _db_key(old_keys, VIEWER, VIEWER_PASSPHRASE))
    Vault.unlock(vault_dir, NEW, VIEWER).close()
    Vault.unlock(vault_dir, STAFF_PASSPHRASE, STAFF).close()


def test_an_ordinary_passphrase_change_keeps_the_database_key(vault_dir, tmp_path):
    old_keys = tmp_path / "vault.keys.antiguo"
    shutil.copy2(vault_dir / "vault.keys", old_keys)
    session = Session.unlock(vault_dir, VIEWER_PASSPHRASE, VIEWER)
    assert session.users.change_passphrase(NEW) is None
    session.close()
    assert _opens(vault_dir, _db_key(old_keys, VIEWER, VIEWER_PASSPHRASE))  # what --compromised is for


def test_regenerating_the_recovery_key_retires_the_old_one(vault_dir, tmp_path):
    template_recovery = _recovery_of(vault_dir)
    session = Session.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    recovery, rekeyed = session.users.regenerate_recovery()
    session.close()
    assert recovery != template_recovery and not rekeyed.recovery_dropped
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery(vault_dir, template_recovery).close()
    vault = Vault.unlock_with_recovery(vault_dir, recovery)
    try:
        assert vault.coordinator_keys is not None  # the recovery key can still reach the banked case
    finally:
        vault.close()


def test_staff_cannot_regenerate_the_recovery_key(vault_dir):
    session = Session.unlock(vault_dir, STAFF_PASSPHRASE, STAFF)
    try:
        before = (vault_dir / "vault.keys").read_bytes()
        with pytest.raises(PermissionDenied):
            session.users.regenerate_recovery()
        assert (vault_dir / "vault.keys").read_bytes() == before
    finally:
        session.close()


@pytest.mark.parametrize("crash_at", [1, 2, 3])
def test_a_crash_during_the_swap_leaves_a_vault_that_opens(vault_dir, monkeypatch, crash_at):
    """Crash at each rename: vault.keys.next being written, vault.db being swapped, vault.keys being swapped."""
    calls = []
    real_replace = os.replace

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == crash_at:
            raise KeyboardInterrupt  # stands for the power going off
        real_replace(src, dst)

    session = Session.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    monkeypatch.setattr(rekey_files.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        session.users.remove(STAFF)
    monkeypatch.setattr(rekey_files.os, "replace", real_replace)
    session.vault._lock.release()  # the process is gone: its lock with it
    vault = Vault.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    try:
        assert vault.integrity_problems() == []
        assert STAFF not in dict(vault.users())  # the removal was committed before the swap began
    finally:
        vault.close()
    assert not (vault_dir / "vault.keys.next").exists() and not (vault_dir / "vault.db.next").exists()
    Vault.unlock(vault_dir, VIEWER_PASSPHRASE, VIEWER).close()


def test_a_damaged_next_key_file_is_discarded(vault_dir):
    (vault_dir / "vault.keys.next").write_text("{ medio archivo")
    Vault.unlock(vault_dir, PASSPHRASE, COORDINATOR).close()
    assert not (vault_dir / "vault.keys.next").exists()


def _recovery_of(folder):
    """The template's recovery key is not kept; give this vault a known one first."""
    session = Session.unlock(folder, PASSPHRASE, COORDINATOR)
    try:
        recovery, _ = session.users.regenerate_recovery()
    finally:
        session.close()
    return recovery
