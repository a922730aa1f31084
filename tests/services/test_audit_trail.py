"""The audit trail through a session: who did what, history as data, tampering named, erasure-safe."""

from datetime import date

import pytest

from dmi_desktop.domain.hlc import device_tag
from dmi_desktop.domain.status import Status
from dmi_desktop.services.importer import apply_import, preview_import
from dmi_desktop.storage.audit_format import refs_digest
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


def test_every_write_is_in_the_history_with_who_and_what(busy):
    session, pid = busy
    assert session.verify_audit().ok
    history = session.participants.history(pid)
    actions = [e.action for e in history]
    assert actions == ["notes.delete", "notes.create", "participant.status", "participant.update", "participant.create"]
    assert {e.user for e in history} == {STAFF}
    update = history[3]
    assert (update.before, update.after) == ({"alias": ""}, {"alias": "La Rucia"})
    status = history[2]
    assert status.before == {"status": "identified"}
    assert status.after == {"status": "under_review", "reason": "revisión con Fiscalía"}
    # A creation names the fields it set; the values are the file itself, not copied into the audit.
    assert set(history[-1].fields) == {"nombres", "apellido_paterno", "rut", "caseworker"} and history[-1].after is None


def test_the_status_reason_is_data_in_the_file_not_only_in_the_audit(busy):
    session, pid = busy
    (change,) = session.participants.status_history(pid)
    assert (change.from_status, change.to_status, change.reason, change.changed_by) == (
        "identified",
        "under_review",
        "revisión con Fiscalía",
        STAFF,
    )
    assert change.origin == device_tag(session.vault.device_id) and change.created_hlc.endswith(change.origin)
    assert session.participants.file(pid).status_history == [change]


def test_the_audit_holds_no_personal_values_of_created_records(busy):
    session, _pid = busy
    bodies = " ".join(r[0] for r in session.vault.db.execute("SELECT body FROM audit_payloads"))
    for value in ("Rosa", "Tapia", "7654321", "primera visita"):
        assert value not in bodies


def test_erasing_a_persons_audit_payloads_keeps_the_chain_verifiable(busy):
    session, pid = busy
    ids = [pid, *session.participants.children["notes"].ids_for(pid)]
    with session.vault.atomic():
        erased = session.vault.audit.erase_payloads(ids)
    assert erased >= 2  # the alias edit and the status move carried old → new values
    result = session.verify_audit()
    assert result.ok and result.erased_payloads == erased
    update = next(e for e in session.participants.history(pid) if e.action == "participant.update")
    assert update.erased and update.before is None and update.fields == ("alias",)
    # The status history is data: erasure of the file itself is a later step, not the audit's.
    assert session.participants.status_history(pid)


def test_an_import_is_one_audit_entry_naming_every_person(open_session, tmp_path):
    session = open_session(COORDINATOR)
    src = tmp_path / "lista.csv"
    src.write_text("Nombres;Apellido paterno\nAna;Soto\nLuis;Mena\nEva;Rojas\n", encoding="utf-8")
    before = session.vault.audit.count()
    result = apply_import(session, preview_import(session, src))
    assert result.created == 3
    assert session.vault.audit.count() == before + 1
    ids = [p.id for p in session.participants.list()]
    (entry,) = session.vault.audit.for_entity(ids[0])
    assert entry.action == "participant.import_file" and entry.after["file"] == "lista.csv"
    assert entry.after["counts"] == {"participant.import": 3}
    # The people are named once, as the entry's references (found above from each id); the hashed payload
    # counts them and binds them by a digest instead of listing every id again.
    assert entry.payload["people"] == 3 and entry.payload["refs_sha256"] == refs_digest(ids)
    assert not any(pid in entry.payload_body for pid in ids)
    for pid in ids:
        assert session.vault.audit.for_entity(pid) == [entry]
        (event,) = session.participants.history(pid)
        assert event.action == "participant.import_file" and event.batch_size == 3


def _seq_of(session, action):
    return session.vault.db.execute(
        "SELECT seq FROM audit_entries WHERE action = ? AND device_id = ?", (action, session.vault.device_id)
    ).fetchone()[0]


def _drop_triggers(session):
    session.vault.db.execute("PRAGMA foreign_keys = OFF")
    session.vault.db.execute("DROP TRIGGER audit_entries_no_update")
    session.vault.db.execute("DROP TRIGGER audit_entries_no_delete")


def test_an_entry_edited_behind_the_apps_back_is_named(busy):
    session, _ = busy
    _drop_triggers(session)
    seq = _seq_of(session, "participant.update")
    session.vault.db.execute("UPDATE audit_entries SET user = 'otra' WHERE seq = ?", (seq,))
    result = session.verify_audit()
    assert not result.ok and result.first_bad == seq and str(seq) in result.reason


def test_an_entry_deleted_behind_the_apps_back_is_named(busy):
    session, _ = busy
    _drop_triggers(session)
    seq = _seq_of(session, "participant.status")
    session.vault.db.execute("DELETE FROM audit_entries WHERE seq = ?", (seq,))
    result = session.verify_audit()
    assert result.first_bad == seq and "eliminada" in result.reason


def test_the_newest_entries_deleted_behind_the_apps_back_are_detected_and_writes_refused(busy):
    session, pid = busy
    _drop_triggers(session)
    seq = _seq_of(session, "notes.create")
    session.vault.db.execute("DELETE FROM audit_entries WHERE seq >= ?", (seq,))
    assert session.verify_audit().first_bad == seq
    with pytest.raises(Exception, match="alterada"):
        session.participants.update(pid, {"alias": "otra"})
    assert session.participants.get(pid).alias == "La Rucia"


def test_the_chain_survives_closing_and_reopening(busy, open_session):
    session, _ = busy
    session.close()
    again = open_session(COORDINATOR)
    result = again.verify_audit()
    assert result.ok and result.entries > 6


def test_a_person_taken_out_of_or_put_into_an_import_entry_is_caught_by_audit_verify(open_session, tmp_path):
    session = open_session(COORDINATOR)
    src = tmp_path / "lista.csv"
    src.write_text("Nombres;Apellido paterno\nAna;Soto\nLuis;Mena\n", encoding="utf-8")
    apply_import(session, preview_import(session, src))
    ana, luis = sorted(session.participants.list(), key=lambda p: p.nombres)
    (entry,) = session.vault.audit.for_entity(ana.id)
    db = session.vault.db
    n = db.execute("SELECT entry FROM audit_refs WHERE entity_id = ?", (ana.id,)).fetchone()[0]
    db.execute("DELETE FROM audit_refs WHERE entity_id = ? AND entry = ?", (ana.id, n))  # behind the app's back
    result = session.verify_audit()
    assert not result.ok and result.first_bad == entry.seq and "fueron alteradas" in result.reason
    db.execute("INSERT INTO audit_refs (entity_id, entry) VALUES (?, ?)", (ana.id, n))
    assert session.verify_audit().ok
    db.execute("INSERT INTO audit_refs (entity_id, entry) VALUES (?, ?)", ("otra-persona", n))
    assert not session.verify_audit().ok
    db.execute("DELETE FROM audit_refs WHERE entity_id = 'otra-persona'")
    # An erased payload leaves nothing to check against: the chain still verifies.
    with session.vault.atomic():
        session.vault.audit.erase_payloads([luis.id])
    db.execute("DELETE FROM audit_refs WHERE entity_id = ? AND entry = ?", (ana.id, n))
    assert session.verify_audit().ok
