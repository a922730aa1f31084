"""The end of the audit log: a cut, emptied or rewound chain is an incident, writes wait for a coordinator."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from dmi_desktop.domain.errors import PermissionDenied
from dmi_desktop.domain.messages import set_language
from dmi_desktop.services import backups
from dmi_desktop.services.exporter import export_participants
from dmi_desktop.services.paths import data_home
from dmi_desktop.services.session import Session
from dmi_desktop.storage.errors import AuditIncidentOpen, VaultError
from dmi_desktop.storage.installation import RECORD_NAME
from tests.audit_tampering import cut_tail, delete_all, forge_tail, raw_vault
from tests.conftest import COORDINATOR, PASSPHRASE, PASSPHRASES, STAFF, VIEWER

REFUSAL = re.escape("la bitácora de auditoría fue alterada: un coordinador debe revisarla (dmi audit acknowledge)")
TAMPERINGS = ["tail", "rewound", "all"]


def _unlock(folder: Path, user: str = COORDINATOR) -> Session:
    return Session.unlock(folder, PASSPHRASES[user], user)


def _used_vault(folder: Path) -> None:
    """A vault in ordinary use: some work, then closed the normal way."""
    session = _unlock(folder)
    for name in ("Ana", "Luis", "Eva"):
        session.participants.create({"nombres": name, "apellido_paterno": "Soto"})
    session.close()


def _tamper(folder: Path, how: str) -> int:
    """Alter the closed vault's audit; returns the sequence the incident must take."""
    if how == "all":
        delete_all(folder)
        return 1
    return cut_tail(folder, 3, rewind_head=how == "rewound") + 1


def _own_chain(session: Session) -> list:
    return session.vault.audit.chain(session.vault.device_id)


@pytest.fixture(params=TAMPERINGS)
def tampered(request, vault_dir):
    """(folder, how, the incident's expected sequence) after the audit was altered behind the app's back."""
    _used_vault(vault_dir)
    return vault_dir, request.param, _tamper(vault_dir, request.param)


def test_each_tampering_is_detected_recorded_after_the_surviving_entries_and_refuses_writes(tampered):
    folder, how, seq = tampered
    session = _unlock(folder)
    try:
        (notice,) = session.notices
        assert "alterada fuera de la aplicación" in notice and f"incidente (entrada {seq})" in notice
        incident = next(e for e in _own_chain(session) if e.action == "audit.incident")
        assert incident.seq == seq and incident.user == COORDINATOR
        # What was expected vs found: sequence numbers and hashes only.
        assert set(incident.payload) == {"before", "after", "check", "device"}
        assert incident.after["seq"] == seq - 1 and incident.before["seq"] >= seq
        assert incident.payload["check"] == {"tail": "head", "rewound": "witness", "all": "witness"}[how]
        result = session.verify_audit()
        assert result.ok and result.open_incident
        (report,) = result.incidents
        assert report.seq == seq and report.is_open
        before = len(session.participants.list())
        with pytest.raises(AuditIncidentOpen, match=REFUSAL):
            session.participants.create({"nombres": "Otra", "apellido_paterno": "Vez"})
        assert len(session.participants.list()) == before
    finally:
        session.close()


def test_the_refusal_lasts_across_unlocks_without_a_second_incident(tampered):
    folder, _how, _seq = tampered
    _unlock(folder).close()
    session = _unlock(folder, STAFF)
    try:
        assert session.notices == []  # told once, when it was found
        assert session.audit_incident_open
        assert [e.action for e in _own_chain(session)].count("audit.incident") == 1
        pid = session.participants.list()[0].id
        with pytest.raises(AuditIncidentOpen, match=REFUSAL):
            session.participants.update(pid, {"alias": "otro"})
        with pytest.raises(AuditIncidentOpen, match=REFUSAL):
            session.participants.add_record("notes", pid, {"body": "visita"})
    finally:
        session.close()


def test_reads_backup_export_and_ones_own_passphrase_still_work_while_open(tampered, tmp_path):
    folder, _how, _seq = tampered
    session = _unlock(folder, STAFF)
    try:
        assert len(session.participants.list()) == 3
        assert session.verify_audit().ok
        assert session.vault.integrity_problems() == []
        backups.backup(session, tmp_path / "copia.dmibackup")
        export_participants(session, tmp_path / "lista.csv", "csv")
        session.users.change_passphrase("otra frase larga y poco común 31")
        actions = [e.action for e in _own_chain(session)]
        assert actions[-3:] == ["vault.backup", "participant.export", "user.passphrase"]
    finally:
        session.close()


def test_a_compromised_passphrase_re_keys_the_vault_while_an_incident_is_open(tampered):
    folder, _how, _seq = tampered
    session = _unlock(folder, STAFF)
    old_key = session.vault._key
    try:
        rekeyed = session.users.change_passphrase("otra frase larga y poco común 31", compromised=True)
        assert rekeyed is not None and session.vault._key != old_key
        assert [e.action for e in _own_chain(session)][-2:] == ["user.passphrase", "vault.rekey"]
        assert session.audit_incident_open  # still waiting for a coordinator
    finally:
        session.close()
    again = Session.unlock(folder, "otra frase larga y poco común 31", STAFF)
    try:
        assert len(again.participants.list()) == 3
    finally:
        again.close()


def test_restoring_a_backup_from_before_the_incident_replaces_the_altered_vault(vault_dir, tmp_path):
    _used_vault(vault_dir)
    session = _unlock(vault_dir)
    clean = backups.backup(session, tmp_path / "antes.dmibackup")
    session.close()
    cut_tail(vault_dir, 3, rewind_head=True)
    session = _unlock(vault_dir)
    assert session.audit_incident_open
    during = backups.backup(session, tmp_path / "durante.dmibackup")
    backups.restore(session, clean, PASSPHRASE)
    restored = _no_incident(vault_dir)  # a coordinator's act, audited; the altered vault is in the safety backup
    backups.restore(restored, during, PASSPHRASE)
    again = _unlock(vault_dir)
    try:
        assert again.audit_incident_open  # a backup of the altered vault brings its open incident back
        with pytest.raises(AuditIncidentOpen, match=REFUSAL):
            again.participants.create({"nombres": "Otra", "apellido_paterno": "Vez"})
    finally:
        again.close()


def test_staff_and_viewers_cannot_acknowledge(tampered):
    folder, _how, _seq = tampered
    _unlock(folder).close()
    for user in (STAFF, VIEWER):
        session = _unlock(folder, user)
        try:
            with pytest.raises(PermissionDenied, match="solo coordinadores"):
                session.acknowledge_audit_incident("visto")
            assert session.audit_incident_open
        finally:
            session.close()


def test_a_coordinator_acknowledges_and_writes_are_accepted_again(tampered):
    folder, _how, seq = tampered
    session = _unlock(folder)
    try:
        assert session.acknowledge_audit_incident("  revisado con   el equipo ") == 1
        assert not session.audit_incident_open
        ack = _own_chain(session)[-1]
        assert ack.action == "audit.acknowledged" and ack.user == COORDINATOR
        assert ack.after["note"] == "revisado con el equipo"
        assert ack.after["incidents"] == [{"device": session.vault.device_id, "seq": seq}]
        session.participants.create({"nombres": "Otra", "apellido_paterno": "Vez"})
        (report,) = session.verify_audit().incidents
        assert (report.acknowledged_by, report.note, report.is_open) == (COORDINATOR, "revisado con el equipo", False)
        with pytest.raises(VaultError, match="no hay incidentes de auditoría abiertos"):
            session.acknowledge_audit_incident()
    finally:
        session.close()
    again = _unlock(folder)
    try:
        assert again.notices == [] and not again.verify_audit().open_incident
    finally:
        again.close()


def test_the_refusal_and_the_notice_speak_english_too(tampered):
    folder, _how, seq = tampered
    set_language("en")
    try:
        session = _unlock(folder)
        try:
            assert f"recorded as an incident (entry {seq})" in session.notices[0]
            with pytest.raises(AuditIncidentOpen, match="the audit log was altered: a coordinator must review it"):
                session.participants.create({"nombres": "Otra", "apellido_paterno": "Vez"})
        finally:
            session.close()
        staff = _unlock(folder, STAFF)
        try:
            with pytest.raises(PermissionDenied, match="acknowledge audit incidents"):
                staff.acknowledge_audit_incident()
        finally:
            staff.close()
    finally:
        set_language("es")


def test_a_note_longer_than_500_characters_is_refused_and_nothing_changes(tampered):
    folder, _how, _seq = tampered
    session = _unlock(folder)
    try:
        count = session.vault.audit.count()
        with pytest.raises(VaultError, match="demasiado larga"):
            session.acknowledge_audit_incident("x" * 501)
        assert session.audit_incident_open and session.vault.audit.count() == count
    finally:
        session.close()


def test_lifting_the_refusal_behind_the_apps_back_still_shows_the_incident_open(tampered):
    folder, _how, _seq = tampered
    _unlock(folder).close()
    with raw_vault(folder) as db:
        db.execute("DELETE FROM meta WHERE key = 'audit_incident'")
    session = _unlock(folder)
    try:
        result = session.verify_audit()
        assert result.open_incident and result.incidents[0].is_open
        assert session.acknowledge_audit_incident("visto") == 1
        assert not session.verify_audit().open_incident
    finally:
        session.close()


def test_a_tail_replaced_by_forged_entries_that_verify_is_an_incident(vault_dir):
    _used_vault(vault_dir)
    forge_tail(vault_dir, 3)
    session = _unlock(vault_dir)
    try:
        assert "no es la que este computador registró" in session.notices[0]
        assert session.audit_incident_open and session.verify_audit().ok
    finally:
        session.close()


# -- no false positives ----------------------------------------------------------------------------


def _no_incident(folder: Path) -> Session:
    session = _unlock(folder)
    assert not any("alterada" in n for n in session.notices), session.notices
    assert not session.audit_incident_open and session.verify_audit().incidents == ()
    session.participants.create({"nombres": "Nueva", "apellido_paterno": "Ficha"})
    return session


def test_a_vault_in_ordinary_use_never_has_an_incident(vault_dir):
    _used_vault(vault_dir)
    for _ in range(3):
        _no_incident(vault_dir).close()


def test_a_session_that_ended_without_closing_is_not_an_incident(vault_dir):
    session = _unlock(vault_dir)
    session.participants.create({"nombres": "Ana", "apellido_paterno": "Soto"})
    session.vault.close()  # the process was killed: this computer's record stayed at the unlock
    _no_incident(vault_dir).close()


def test_restoring_an_older_backup_renews_the_identity_without_an_incident(vault_dir, tmp_path):
    session = _unlock(vault_dir)
    backup = backups.backup(session, tmp_path / "respaldo.dmibackup")
    for name in ("Ana", "Luis", "Eva"):
        session.participants.create({"nombres": name, "apellido_paterno": "Soto"})
    old_id = session.vault.device_id
    notices = backups.restore(session, backup, PASSPHRASE).notices
    assert len(notices) == 1 and "copia" in notices[0]  # the new identity, nothing about the audit
    restored = _no_incident(vault_dir)
    try:
        assert restored.vault.device_id != old_id
    finally:
        restored.close()


def test_a_copied_folder_gets_a_new_identity_without_an_incident(vault_dir, tmp_path):
    _used_vault(vault_dir)
    copy = tmp_path / "copia"
    shutil.copytree(vault_dir, copy)
    _no_incident(vault_dir).close()  # the original moves on
    session = _no_incident(copy)
    try:
        assert "copia" in session.notices[0]
    finally:
        session.close()


def test_a_folder_copied_while_the_vault_was_open_is_a_copy_not_an_incident(vault_dir, tmp_path):
    session = _unlock(vault_dir)
    session.participants.create({"nombres": "Ana", "apellido_paterno": "Soto"})
    copy = tmp_path / "copia"
    session.vault.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copytree(vault_dir, copy)
    session.participants.create({"nombres": "Luis", "apellido_paterno": "Soto"})
    session.close()
    _no_incident(copy).close()


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_fixture_vaults_of_older_schemas_migrate_without_an_incident(tmp_path, version):
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "vaults" / version
    folder = tmp_path / "antigua"
    folder.mkdir()
    for name in ("vault.db", "vault.keys"):
        shutil.copy2(fixture / name, folder / name)
    _no_incident(folder).close()
    _no_incident(folder).close()


def test_an_identity_recorded_by_the_previous_version_is_not_an_incident(vault_dir, tmp_path):
    _used_vault(vault_dir)
    record = data_home() / RECORD_NAME
    doc = json.loads(record.read_text(encoding="utf-8"))
    for entry in doc["vaults"].values():  # as the previous version wrote it: the token alone
        for key in ("marks", "complete", "pending"):
            entry.pop(key, None)
    record.write_text(json.dumps(doc), encoding="utf-8")
    copy = tmp_path / "copia"
    shutil.copytree(vault_dir, copy)
    _no_incident(vault_dir).close()
    _no_incident(copy).close()  # a copy whose token this record never marked: a copy, as before


# -- copies and forged tokens ------------------------------------------------------------------------


def test_a_copy_whose_chain_was_cut_below_what_this_computer_saw_is_an_incident(vault_dir, tmp_path):
    _used_vault(vault_dir)
    copy = tmp_path / "copia"
    shutil.copytree(vault_dir, copy)
    _unlock(vault_dir).close()  # the original moves on: the copy is now an older state
    cut_tail(copy, 3, rewind_head=True)
    session = _unlock(copy)
    try:
        assert len(session.notices) == 2 and "alterada" in session.notices[0] and "copia" in session.notices[1]
        # The renewed identity's chain takes the incident: the old chain's sequence numbers are never reused.
        actions = [e.action for e in _own_chain(session)]
        assert actions[:2] == ["vault.identity_renewed", "audit.incident"]
        assert session.audit_incident_open
    finally:
        session.close()


def test_a_forged_opening_token_does_not_pass_a_cut_chain_off_as_a_copy(vault_dir):
    _used_vault(vault_dir)
    cut_tail(vault_dir, 3, rewind_head=True)
    with raw_vault(vault_dir) as db:
        db.execute("UPDATE meta SET value = '0123456789abcdef0123456789abcdef' WHERE key = 'open_token'")
    session = _unlock(vault_dir)
    try:
        assert "nunca escribió" in session.notices[0]
        assert session.audit_incident_open
    finally:
        session.close()


def test_without_this_computers_record_a_rewound_chain_goes_unnoticed_as_documented(vault_dir):
    _used_vault(vault_dir)
    cut_tail(vault_dir, 3, rewind_head=True)
    (data_home() / RECORD_NAME).unlink()  # the attacker also removed the witness outside the vault
    session = _unlock(vault_dir)
    try:
        assert not session.audit_incident_open
        assert "por primera vez en este computador" in session.notices[0]
    finally:
        session.close()
