"""Roles are enforced by the services: staff never reach banked cases, viewers write nothing."""

from datetime import date

import pytest

from dmi_desktop.domain.errors import DmiError, PermissionDenied
from dmi_desktop.domain.roles import Role
from dmi_desktop.domain.status import Status
from dmi_desktop.services.participants import ParticipantQuery
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF, STAFF_PASSPHRASE, VIEWER

TODAY = date(2025, 6, 1)
BANKED = {"ruc": "2400123456-7", "investigating_unit": "Brigada MT-Cero PDI", "banked_on": "2025-01-10"}


@pytest.fixture
def file_with_banked_case(open_session):
    """A participant with an influential and a banked case, written by the coordinator; returns their ids."""
    session = open_session(COORDINATOR)
    p = session.participants.create({"nombres": "Rosa", "apellido_paterno": "Tapia"})
    session.participants.add_record("influentials", p.id, {"name": "Marta Tapia"}, today=TODAY)
    banked = session.participants.add_record("banked_cases", p.id, BANKED, today=TODAY)
    return p.id, banked.id


def _audit_size(session):
    return session.vault.db.execute("SELECT count(*) FROM audit_entries").fetchone()[0]


def test_the_coordinator_sees_the_banked_case_and_its_history(open_session, file_with_banked_case):
    pid, _ = file_with_banked_case
    session = open_session(COORDINATOR)
    assert session.participants.file(pid).banked_case.ruc == "2400123456-7"
    assert any(e.entity == "banked_cases" for e in session.participants.history(pid))


@pytest.mark.parametrize("user", [STAFF, VIEWER])
def test_staff_and_viewers_never_see_the_banked_case(open_session, file_with_banked_case, user):
    pid, _ = file_with_banked_case
    session = open_session(user)
    f = session.participants.file(pid)
    assert f.banked_case is None
    assert [i.name for i in f.influentials] == ["Marta Tapia"]  # the rest of the file is there
    history = session.participants.history(pid)
    assert history and all(e.entity != "banked_cases" for e in history)
    assert all("2400123456-7" not in str(e.after) for e in history)


def test_staff_cannot_write_banked_cases_and_nothing_changes(open_session, file_with_banked_case):
    pid, banked_id = file_with_banked_case
    session = open_session(STAFF)
    before = _audit_size(session)
    svc = session.participants
    with pytest.raises(PermissionDenied, match="coordinadores"):
        svc.add_record("banked_cases", pid, BANKED, today=TODAY)
    with pytest.raises(PermissionDenied):
        svc.update_record("banked_cases", banked_id, {"description": "x"}, today=TODAY)
    with pytest.raises(PermissionDenied):
        svc.delete_record("banked_cases", banked_id)
    assert _audit_size(session) == before
    assert session.vault.db.execute("SELECT count(*) FROM banked_cases WHERE deleted = 0").fetchone()[0] == 1


def test_staff_can_do_everything_else(open_session, file_with_banked_case):
    session = open_session(STAFF)
    svc = session.participants
    p = svc.create({"nombres": "Nuevo", "apellido_paterno": "Caso"})
    svc.update(p.id, {"alias": "El Nuevo"})
    svc.set_status(p.id, Status.UNDER_REVIEW)
    note = svc.add_record("notes", p.id, {"body": "primera visita"}, today=TODAY)
    svc.update_record("notes", note.id, {"body": "primera visita, sin novedad"}, today=TODAY)
    svc.delete_record("notes", note.id)
    assert svc.get(p.id).status is Status.UNDER_REVIEW


def test_a_viewer_can_read_but_every_write_is_refused_and_nothing_changes(open_session, file_with_banked_case):
    pid, _ = file_with_banked_case
    coordinator = open_session(COORDINATOR)
    note_id = coordinator.participants.add_record("notes", pid, {"body": "nota"}, today=TODAY).id
    session = open_session(VIEWER)
    svc = session.participants
    assert svc.count(ParticipantQuery()) == 1 and svc.get(pid).nombres == "Rosa"
    before = _audit_size(session)
    writes = [
        lambda: svc.create({"nombres": "X", "apellido_paterno": "Y"}),
        lambda: svc.create({"nombres": ""}),  # refused for the role, not for the missing names
        lambda: svc.create_many([{"nombres": "X", "apellido_paterno": "Y"}]),
        lambda: svc.update(pid, {"alias": "Z"}),
        lambda: svc.set_status(pid, Status.UNDER_REVIEW),
        lambda: svc.set_photo(pid, b"\x89PNG"),
        lambda: svc.add_record("notes", pid, {"body": "x"}, today=TODAY),
        lambda: svc.update_record("notes", note_id, {"body": "y"}, today=TODAY),
        lambda: svc.delete_record("notes", note_id),
        lambda: svc.add_record("banked_cases", pid, BANKED, today=TODAY),
        lambda: session.users.add("otro", Role.VIEWER, STAFF_PASSPHRASE),
        lambda: session.users.remove(STAFF),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    assert _audit_size(session) == before
    assert svc.get(pid).alias == "" and svc.get(pid).status is Status.IDENTIFIED


@pytest.mark.parametrize("user", [STAFF, VIEWER])
def test_only_coordinators_manage_users(open_session, user):
    session = open_session(user)
    with pytest.raises(PermissionDenied):
        session.users.add("otro", Role.STAFF, "frase larga y segura de otro 55")
    with pytest.raises(PermissionDenied):
        session.users.remove(VIEWER if user == STAFF else STAFF)
    with pytest.raises(PermissionDenied):
        session.users.change_passphrase("frase larga y segura de otro 55", COORDINATOR)


def test_a_coordinator_cannot_remove_themselves_but_can_remove_another_coordinator(open_session):
    session = open_session(COORDINATOR)
    with pytest.raises(DmiError, match="propio"):
        session.users.remove(COORDINATOR)
    session.users.add("segunda", Role.COORDINATOR, "frase larga y segura de segunda 56")
    session.users.remove("segunda")  # two coordinators: one can go
    assert [u.name for u in session.users.list() if u.role is Role.COORDINATOR] == [COORDINATOR]


def test_the_vault_always_keeps_a_coordinator(vault_dir):
    from dmi_desktop.services.session import Session

    session = Session.unlock(vault_dir, PASSPHRASE)
    session.users.add("segunda", Role.COORDINATOR, "frase larga y segura de segunda 56")
    session.close()
    second = Session.unlock(vault_dir, "frase larga y segura de segunda 56")
    try:
        second.users.remove(COORDINATOR)  # allowed: "segunda" remains
        with pytest.raises(DmiError, match=r"propio|último"):
            second.users.remove("segunda")
        assert [u.name for u in second.users.list() if u.role is Role.COORDINATOR] == ["segunda"]
    finally:
        second.close()
