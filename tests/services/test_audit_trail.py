"""The audit trail through a session: every write leaves who/what/before→after; tampering is named."""

from datetime import date

import pytest

from dmi_desktop.domain.status import Status
from tests.conftest import COORDINATOR, STAFF

TODAY = date(2025, 6, 1)


@pytest.fixture
def busy(open_session):
    """A session after a realistic series of writes by staff; returns (session, participant id)."""
    session = open_session(STAFF)
    svc = session.participants
    p = svc.create({"nombres": "Rosa", "apellido_paterno": "Tapia", "rut": "7.654.321-6"})
    svc.update(p.id, {"alias": "La Rucia"})
    svc.set_status(p.id, Status.UNDER_REVIEW, "revisión con Fiscalía")
    note = svc.add_record("notes", p.id, {"body": "primera visita"}, today=TODAY)
    svc.delete_record("notes", note.id)
    return session, p.id


def test_every_write_is_in_the_chain_with_who_and_before_after(busy):
    session, pid = busy
    assert session.verify_audit().ok
    history = session.participants.history(pid)
    actions = [e.action for e in history]
    assert actions == ["notes.delete", "notes.create", "participant.status", "participant.update", "participant.create"]
    assert {e.user for e in history} == {STAFF}
    update = history[3]
    assert (update.before, update.after) == ({"alias": ""}, {"alias": "La Rucia"})
    assert history[0].before["body"] == "primera visita" and history[0].after is None


def _drop_triggers(session):
    session.vault.db.execute("DROP TRIGGER audit_no_update")
    session.vault.db.execute("DROP TRIGGER audit_no_delete")


def _seq_of(session, action):
    return session.vault.db.execute("SELECT seq FROM audit WHERE action = ?", (action,)).fetchone()[0]


def test_an_entry_edited_behind_the_apps_back_is_named(busy):
    session, _ = busy
    _drop_triggers(session)
    seq = _seq_of(session, "participant.update")
    session.vault.db.execute('UPDATE audit SET after = \'{"alias":"otra"}\' WHERE seq = ?', (seq,))
    result = session.verify_audit()
    assert not result.ok and result.first_bad == seq and str(seq) in result.reason


def test_an_entry_deleted_behind_the_apps_back_is_named(busy):
    session, _ = busy
    _drop_triggers(session)
    seq = _seq_of(session, "participant.status")
    session.vault.db.execute("DELETE FROM audit WHERE seq = ?", (seq,))
    result = session.verify_audit()
    assert result.first_bad == seq and "eliminada" in result.reason


def test_the_newest_entries_deleted_behind_the_apps_back_are_detected(busy):
    session, _ = busy
    _drop_triggers(session)
    seq = _seq_of(session, "notes.create")
    session.vault.db.execute("DELETE FROM audit WHERE seq >= ?", (seq,))
    assert session.verify_audit().first_bad == seq


def test_the_chain_survives_closing_and_reopening(busy, open_session):
    session, _ = busy
    session.close()
    again = open_session(COORDINATOR)
    result = again.verify_audit()
    assert result.ok and result.entries > 8
