"""A full disk says "disco lleno" (never "dañada"), in one line, and leaves nothing half-written.

SQLITE_FULL is simulated with ``PRAGMA max_page_count`` (the database may not grow), ENOSPC by making the file
writes of backups and key files fail as a full disk does.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from dmi_desktop.cli.main import main as cli_main
from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.messages import set_language
from dmi_desktop.services import backups
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.storage.keyslots import KeyFile
from tests.conftest import PASSPHRASE

ROWS = [{"nombres": f"Persona {i}", "apellido_paterno": "Relleno " * 10} for i in range(300)]


def _no_space(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _audit_size(session) -> int:
    return session.vault.db.execute("SELECT count(*) FROM audit_entries").fetchone()[0]


def test_sqlite_full_says_disk_full_and_rolls_back(session):
    db = session.vault.db
    pages = int(db.execute("PRAGMA page_count").fetchone()[0])
    audit = _audit_size(session)
    db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DmiError) as refused:
        session.participants.create_many(ROWS)
    assert str(refused.value) == "disco lleno: no se guardó nada"
    set_language("en")
    try:
        with pytest.raises(DmiError, match=r"^disk full: nothing was saved$"):
            session.participants.create_many(ROWS)
    finally:
        set_language("es")
    db.execute(f"PRAGMA max_page_count = {pages * 100}")
    assert session.participants.count(ParticipantQuery()) == 0
    assert _audit_size(session) == audit
    session.participants.create_many(ROWS[:3])  # room again: the vault was never damaged
    assert session.participants.count(ParticipantQuery()) == 3


def test_a_backup_on_a_full_disk_says_so_and_leaves_no_file(session, tmp_path, monkeypatch):
    monkeypatch.setattr("dmi_desktop.storage.backup._snapshot", _no_space)
    audit = _audit_size(session)
    with pytest.raises(DmiError, match=r"respaldo\.dmibackup: disco lleno$"):
        backups.backup(session, tmp_path / "respaldo.dmibackup")
    assert [p.name for p in tmp_path.iterdir() if "backup" in p.name] == []  # nor any half-written temp file
    assert _audit_size(session) == audit


def test_a_key_file_on_a_full_disk_says_so_and_keeps_the_old_passphrase(session, vault_dir, monkeypatch):
    keys = (vault_dir / "vault.keys").read_bytes()
    monkeypatch.setattr(KeyFile, "save", _no_space)
    with pytest.raises(DmiError, match=r"^disco lleno: no se guardó nada$"):
        session.users.change_passphrase("una frase nueva bastante larga y rara 93")
    monkeypatch.undo()
    assert (vault_dir / "vault.keys").read_bytes() == keys
    assert session.vault.keyfile.unlock_user(None, PASSPHRASE)  # the slot in memory is the old one too


def test_the_cli_says_disk_full_in_one_line(vault_dir: Path, monkeypatch, capsys):
    monkeypatch.setenv("DMI_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("DMI_NEW_PASSPHRASE", "una frase nueva bastante larga y rara 93")
    monkeypatch.setattr(KeyFile, "save", _no_space)
    assert cli_main(["--vault", str(vault_dir), "passphrase", "change"]) == 1
    assert capsys.readouterr().err == "error: disco lleno: no se guardó nada\n"
    try:
        assert cli_main(["--vault", str(vault_dir), "--lang", "en", "passphrase", "change"]) == 1
        assert capsys.readouterr().err == "error: disk full: nothing was saved\n"
    finally:
        set_language("es")
