"""Device identity follows the installation: a copied or restored vault gets a new device id, epoch and code."""

import json
import shutil

import pytest

from dmi_desktop.domain.messages import set_language
from dmi_desktop.services import backups
from dmi_desktop.services.paths import data_home
from dmi_desktop.services.session import Session
from dmi_desktop.storage.installation import RECORD_NAME
from tests.conftest import PASSPHRASE


def _identity(folder):
    session = Session.unlock(folder, PASSPHRASE)
    try:
        return session.vault.device_id, session.device_code, session.vault.meta("device_epoch"), session.notices
    finally:
        session.close()


def _audit_seqs(session):
    return [
        r[0]
        for r in session.vault.db.execute(
            "SELECT seq FROM audit_entries WHERE device_id = ? ORDER BY seq", (session.vault.device_id,)
        )
    ]


def test_reopening_the_same_vault_keeps_its_identity_and_says_nothing(vault_dir):
    first = _identity(vault_dir)
    again = _identity(vault_dir)
    assert again[:3] == first[:3] and again[3] == [] and first[2] == "1"


def test_a_copied_folder_gets_a_new_identity_and_the_user_is_told(vault_dir, tmp_path):
    original_id, code, _epoch, _ = _identity(vault_dir)
    copy = tmp_path / "copia"
    shutil.copytree(vault_dir, copy)
    # The original moves on (its token changes)...
    assert _identity(vault_dir)[0] == original_id
    # ...so the copy is recognised as older than what this installation knows: new identity.
    session = Session.unlock(copy, PASSPHRASE)
    try:
        assert session.vault.device_id != original_id
        assert session.device_code != code and session.vault.meta("device_epoch") == "2"
        (notice,) = session.notices
        assert "copia" in notice and session.device_code in notice and code in notice
        # Sequences start again under the new identity: no (device, seq) pair of the original is reused.
        assert _audit_seqs(session)[0] == 1
        p = session.participants.create({"nombres": "Ana", "apellido_paterno": "Soto"})
        assert p.case_no.startswith(f"{session.device_code}-") and p.case_no.endswith("00001")
        (entry,) = [
            e for e in session.vault.audit.chain(session.vault.device_id) if e.action == "vault.identity_renewed"
        ]
        assert entry.before == {"device_code": code, "device_id": original_id}
        assert entry.after["epoch"] == 2 and entry.after["reason"] == "copied"
        identities = session.vault.db.execute(
            "SELECT device_id, epoch FROM device_identities ORDER BY epoch"
        ).fetchall()
        assert [tuple(r) for r in identities] == [(original_id, 1), (session.vault.device_id, 2)]
        assert session.verify_audit().ok  # the original's chain stays, verified, beside the new one
    finally:
        session.close()
    # Both keep their identities from now on.
    assert _identity(vault_dir)[0] == original_id and _identity(vault_dir)[3] == []
    renewed = _identity(copy)
    assert renewed[0] != original_id and renewed[3] == []


def test_a_vault_brought_from_another_computer_gets_a_new_identity(vault_dir):
    original_id, *_ = _identity(vault_dir)
    (data_home() / RECORD_NAME).unlink()  # this computer has never seen the vault
    new_id, _code, epoch, notices = _identity(vault_dir)
    assert new_id != original_id and epoch == "2"
    assert "por primera vez en este computador" in notices[0]
    assert _identity(vault_dir)[0] == new_id  # and keeps it here afterwards


def test_a_restored_backup_gets_a_new_identity_so_sequences_never_repeat(vault_dir, tmp_path):
    session = Session.unlock(vault_dir, PASSPHRASE)
    old_id = session.vault.device_id
    backup = backups.backup(session, tmp_path / "respaldo.dmibackup")
    # Work after the backup uses more of this device's sequence numbers.
    for name in ("Ana", "Luis", "Eva"):
        session.participants.create({"nombres": name, "apellido_paterno": "Soto"})
    used = set(_audit_seqs(session))
    assert backups.restore(session, backup, PASSPHRASE).notices  # the restored vault says it got a new identity
    session = Session.unlock(vault_dir, PASSPHRASE)
    try:
        assert session.vault.device_id != old_id and session.vault.meta("device_epoch") == "2"
        assert session.verify_audit().ok
        # The backup's chain of the old identity stops where the backup was taken; new entries go elsewhere.
        old_chain = [e.seq for e in session.vault.audit.chain(old_id)]
        assert max(old_chain) < max(used)
        new_chain = session.vault.audit.chain(session.vault.device_id)
        assert {e.action for e in new_chain} >= {"vault.identity_renewed", "vault.restore"}
    finally:
        session.close()


def test_a_backup_taken_of_a_live_vault_is_older_than_the_vault_right_away(vault_dir, tmp_path):
    # Writing a backup moves the live vault's token on: restoring it at once is still a restore.
    session = Session.unlock(vault_dir, PASSPHRASE)
    old_id = session.vault.device_id
    backup = backups.backup(session, tmp_path / "respaldo.dmibackup")
    assert backups.restore(session, backup, PASSPHRASE).notices  # the restored vault says it got a new identity
    assert _identity(vault_dir)[0] != old_id


def test_a_vault_migrated_from_an_older_schema_is_adopted_without_a_new_identity(tmp_path):
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "vaults" / "v2"
    folder = tmp_path / "antigua"
    folder.mkdir()
    for name in ("vault.db", "vault.keys"):
        shutil.copy2(fixture / name, folder / name)
    expected = json.loads((fixture / "expected.json").read_text(encoding="utf-8"))
    device_id, code, epoch, notices = _identity(folder)
    identity_notices = [n for n in notices if "llave de coordinación" not in n]  # the keys upgrade is told too
    assert (device_id, code, epoch, identity_notices) == (expected["device_id"], expected["device_code"], "1", [])
    assert _identity(folder)[0] == device_id


def test_the_installation_record_holds_no_names_keys_or_passphrases(vault_dir):
    _identity(vault_dir)
    text = (data_home() / RECORD_NAME).read_text(encoding="utf-8")
    for secret in (PASSPHRASE, "coordinadora", "Municipalidad", "LC1"):
        assert secret not in text
    assert oct((data_home() / RECORD_NAME).stat().st_mode & 0o777) == "0o600"


def test_a_damaged_installation_record_only_costs_a_new_identity(vault_dir):
    original_id, *_ = _identity(vault_dir)
    (data_home() / RECORD_NAME).write_text("{ esto no es json", encoding="utf-8")
    new_id, *_ = _identity(vault_dir)
    assert new_id != original_id


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_notice_is_in_the_users_language(vault_dir, tmp_path, lang):
    copy = tmp_path / "copia"
    shutil.copytree(vault_dir, copy)
    _identity(vault_dir)
    set_language(lang)
    try:
        notices = _identity(copy)[3]
    finally:
        set_language("es")
    assert ("new identity" in notices[0]) == (lang == "en")
