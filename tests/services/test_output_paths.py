"""Outputs never replace a vault's own files (symlinks, "..", hard links included) and are owner-only (0600)."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

import pytest

from dmi_desktop.services import backups
from dmi_desktop.services.exporter import export_participants
from dmi_desktop.services.output_paths import OutputRefused, check_output_path
from dmi_desktop.services.recovery_sheet import write_recovery_sheet
from dmi_desktop.services.session import Session
from dmi_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSPHRASE

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _vault_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize(
    "name", ["vault.db", "vault.keys", "vault.db-wal", "vault.db-shm", "vault.lock", "vault.db.next", "vault.keys.next"]
)
def test_a_backup_over_the_vault_s_own_files_is_refused_and_the_vault_still_opens(session, vault_dir, name):
    session.participants.create({"nombres": "Ana", "apellido_paterno": "Rojas"})
    keys_before = (vault_dir / "vault.keys").read_bytes()
    with pytest.raises(OutputRefused, match=re.escape(name)):
        backups.backup(session, vault_dir / name)
    assert (vault_dir / "vault.keys").read_bytes() == keys_before
    assert session.vault.integrity_problems() == []
    session.close()
    again = Session.unlock(vault_dir, PASSPHRASE)
    try:
        assert [p.nombres for p in again.participants.list()] == ["Ana"]
    finally:
        again.close()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_exports_over_the_vault_s_files_are_refused_by_dot_dot_and_by_symlink(session, vault_dir, tmp_path, fmt):
    before = _vault_files(vault_dir)
    sneaky = tmp_path / "elsewhere" / ".." / "vault" / "vault.keys"
    with pytest.raises(OutputRefused, match=re.escape("vault.keys")):
        export_participants(session, sneaky, fmt)
    link = tmp_path / f"listado.{fmt}"
    link.symlink_to(vault_dir / "vault.db")
    with pytest.raises(OutputRefused, match=re.escape("vault.db")):
        export_participants(session, link, fmt)
    assert link.is_symlink()
    assert _vault_files(vault_dir).keys() == before.keys()
    assert (vault_dir / "vault.keys").read_bytes() == before["vault.keys"]


def test_a_hard_link_to_the_database_and_a_dangling_symlink_to_its_wal_are_refused(session, vault_dir, tmp_path):
    hard = tmp_path / "copia.dmibackup"
    os.link(vault_dir / "vault.db", hard)
    with pytest.raises(OutputRefused, match=re.escape("vault.db")):
        backups.backup(session, hard)
    dangling = tmp_path / "listado.csv"
    dangling.symlink_to(vault_dir / "vault.db-journal")  # does not exist: SQLite would create it
    with pytest.raises(OutputRefused, match=re.escape("vault.db-journal")):
        export_participants(session, dangling, "csv")
    assert not (vault_dir / "vault.db-journal").exists()


def test_the_vault_s_own_backups_folder_is_not_an_output(session, vault_dir):
    kept = vault_dir / "backups" / "antes-de-migrar.dmibackup"
    kept.write_bytes(b"automatic safety copy")
    with pytest.raises(OutputRefused, match="backups/"):
        backups.backup(session, kept)
    with pytest.raises(OutputRefused, match="backups/"):
        export_participants(session, vault_dir / "backups" / "nuevo.csv", "csv")
    assert kept.read_bytes() == b"automatic safety copy"
    assert sorted(p.name for p in (vault_dir / "backups").iterdir()) == ["antes-de-migrar.dmibackup"]


def test_another_vault_s_files_are_refused_too(session, tmp_path, vault_template):
    with pytest.raises(OutputRefused, match=re.escape("vault.db")):
        check_output_path(vault_template / "vault.db")  # no session folder given: any folder holding a vault


def test_ordinary_paths_and_other_files_of_the_vault_folder_are_accepted(session, vault_dir, tmp_path):
    assert check_output_path(tmp_path / "listado.csv", vault_dir) == (tmp_path / "listado.csv").resolve()
    assert check_output_path(tmp_path / "vault.db", vault_dir) == (tmp_path / "vault.db").resolve()  # no vault here
    assert export_participants(session, vault_dir / "listado.csv", "csv") == 0


def test_the_recovery_sheet_is_refused_over_the_vault_and_written_owner_only_elsewhere(vault_dir, tmp_path):
    before = (vault_dir / "vault.keys").read_bytes()
    with pytest.raises(OutputRefused, match=re.escape("vault.keys")):
        write_recovery_sheet(vault_dir / "vault.keys", "ABCDE-" * 7 + "ABCDE", vault_folder=vault_dir)
    assert (vault_dir / "vault.keys").read_bytes() == before
    sheet = write_recovery_sheet(tmp_path / "clave.pdf", "ABCDE-" * 7 + "ABCDE", vault_folder=vault_dir)
    if sys.platform != "win32":
        assert _mode(sheet) == 0o600


@posix_only
def test_a_new_vault_its_wal_backups_and_exports_are_owner_only(tmp_path):
    session, _recovery = Session.create(tmp_path / "nueva", user="ana", passphrase=PASSPHRASE, kdf=TEST_KDF)
    try:
        session.participants.create({"nombres": "Ana", "apellido_paterno": "Rojas"})
        folder = tmp_path / "nueva"
        assert _mode(folder / "vault.db") == 0o600
        assert _mode(folder / "vault.db-wal") == 0o600
        assert _mode(folder / "vault.keys") == 0o600
        backup = backups.backup(session, tmp_path / "copia.dmibackup")
        assert _mode(backup) == 0o600
        for fmt in ("csv", "xlsx", "json"):
            export_participants(session, tmp_path / f"listado.{fmt}", fmt)
            assert _mode(tmp_path / f"listado.{fmt}") == 0o600, fmt
    finally:
        session.close()


@posix_only
def test_a_restored_vault_is_owner_only_and_an_older_0644_vault_is_tightened_when_opened(session, vault_dir, tmp_path):
    backup = backups.backup(session, tmp_path / "copia.dmibackup")
    session.close()
    restored = tmp_path / "restaurada"
    backups.restore_into_empty(restored, backup, PASSPHRASE)
    assert _mode(restored / "vault.db") == 0o600
    (vault_dir / "vault.db").chmod(0o644)  # as versions before this one created it
    Session.unlock(vault_dir, PASSPHRASE).close()
    assert _mode(vault_dir / "vault.db") == 0o600
