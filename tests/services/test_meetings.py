"""Meetings through the services: scheduling, each clash kind, invitations, reschedule, cancel and roles."""

from __future__ import annotations

from datetime import date, time

import pytest

from dmi_desktop.domain.errors import PermissionDenied, ValidationError
from dmi_desktop.domain.meetings import InvitationStatus, MeetingStatus, WorkingHours
from dmi_desktop.domain.status import Status
from dmi_desktop.services.meeting_clashes import ClashesFound, ClashKind
from tests.conftest import STAFF, VIEWER

WEDNESDAY = "2027-03-10"  # an ordinary working day
SATURDAY = "2027-03-13"
FIESTAS_PATRIAS = "2027-09-17"  # a Friday, a public holiday in Chile that year


def _meeting(session, title="Reunión de notificación", starts=f"{WEDNESDAY} 10:00", duration=90, venue="", **kw):
    fields = {"kind": kw.pop("kind", "call-in"), "title": title, "starts_at": starts, "duration": duration}
    return session.meetings.add(fields, venue=venue, **kw).meeting


def _participant(session, name="Rosa", path=(Status.UNDER_REVIEW, Status.ELIGIBLE), **fields):
    svc = session.participants
    pid = svc.create({"nombres": name, "apellido_paterno": "Tapia", **fields}).id
    for status in path:
        svc.set_status(pid, status, "paso")
    return svc.get(pid)


def _audit_actions(session) -> list[str]:
    return [r[0] for r in session.vault.db.execute("SELECT action FROM audit_entries ORDER BY n")]


def test_a_meeting_is_added_with_a_device_reference_and_listed_by_date(session):
    first = _meeting(session)
    second = _meeting(session, "Seguimiento", starts="2027-03-11 15:00", kind="follow-up")
    assert first.ref == "LC1-R2027-0001" and second.ref == "LC1-R2027-0002"
    assert first.status is MeetingStatus.PLANNED and first.duration == 90
    rows = session.meetings.list(date(2027, 3, 11), date(2027, 3, 11))
    assert [r.meeting.id for r in rows] == [second.id]
    assert [r.meeting.ref for r in session.meetings.list()] == [first.ref, second.ref]
    assert session.meetings.get(first.ref.lower()).id == first.id  # the reference as people type it
    assert "meetings.create" in _audit_actions(session)


def test_a_bad_start_is_refused_with_the_expected_format_and_nothing_saved(session):
    with pytest.raises(ValidationError, match="AAAA-MM-DD HH:MM"):
        _meeting(session, starts="10/03/2027 10h")
    assert session.meetings.list() == []


def test_a_venue_booked_twice_is_a_clash_and_a_reason_overrides_it(session):
    session.venues.add({"name": "Sede vecinal Colón", "capacity": 40})
    first = _meeting(session, venue="sede vecinal colón")
    with pytest.raises(ClashesFound) as info:
        _meeting(session, "Otra", starts=f"{WEDNESDAY} 11:00", venue="Sede vecinal Colón")
    assert [c.kind for c in info.value.clashes] == [ClashKind.VENUE]
    assert "Sede vecinal Colón ya está ocupado" in str(info.value) and first.ref in str(info.value)
    assert len(session.meetings.list()) == 1
    with pytest.raises(ValidationError):
        _meeting(session, "Otra", starts=f"{WEDNESDAY} 11:00", venue="Sede vecinal Colón", override_reason="  ")
    saved = session.meetings.add(
        {"kind": "follow-up", "title": "Otra", "starts_at": f"{WEDNESDAY} 11:00"},
        venue="Sede vecinal Colón",
        override_reason="la sala grande queda libre",
    )
    assert [c.kind for c in saved.clashes] == [ClashKind.VENUE]
    assert _audit_actions(session)[-1] == "meetings.clash_override"


def test_meetings_that_only_touch_do_not_clash(session):
    session.venues.add({"name": "Sede"})
    _meeting(session, venue="Sede", starts=f"{WEDNESDAY} 10:00", duration=60)
    assert _meeting(session, "Después", venue="Sede", starts=f"{WEDNESDAY} 11:00").ref  # starts as the other ends


def test_a_holiday_and_hours_outside_the_working_day_are_clashes(session):
    with pytest.raises(ClashesFound) as info:
        _meeting(session, starts=f"{FIESTAS_PATRIAS} 10:00")
    assert [c.kind for c in info.value.clashes] == [ClashKind.HOLIDAY]
    assert "el 17-09-2027 es feriado en Chile (Fiestas Patrias)" in str(info.value)
    with pytest.raises(ClashesFound) as info:
        _meeting(session, starts=f"{WEDNESDAY} 17:30")  # ends 19:00, after 18:00
    assert [c.kind for c in info.value.clashes] == [ClashKind.HOURS]
    assert "lun–vie 08:30–18:00" in str(info.value)
    with pytest.raises(ClashesFound):
        _meeting(session, starts=f"{SATURDAY} 10:00")
    session.meetings.set_working_hours(WorkingHours((0, 1, 2, 3, 4, 5), time(9, 0), time(20, 0)))
    _meeting(session, starts=f"{SATURDAY} 10:00")
    _meeting(session, "Tarde", starts=f"{WEDNESDAY} 17:30")
    assert session.meetings.working_hours().days == (0, 1, 2, 3, 4, 5)


def test_only_coordinators_set_the_working_hours(open_session):
    staff = open_session(STAFF)
    with pytest.raises(PermissionDenied):
        staff.meetings.set_working_hours(WorkingHours((5, 6)))


def test_a_participant_invited_to_overlapping_meetings_is_a_clash(session):
    rosa = _participant(session)
    first = _meeting(session)
    second = _meeting(session, "Visita", starts=f"{WEDNESDAY} 11:00", kind="home-visit")
    session.invitations.invite(first.ref, [rosa.case_no])
    with pytest.raises(ClashesFound) as info:
        session.invitations.invite(second.ref, [rosa.case_no])
    assert [c.kind for c in info.value.clashes] == [ClashKind.PARTICIPANT]
    assert rosa.case_no in str(info.value) and first.ref in str(info.value)
    assert session.meetings.detail(second.ref).invitees == []
    done = session.invitations.invite(second.ref, [rosa.case_no], override_reason="misma sede, se atiende después")
    assert [c.kind for c in done.clashes] == [ClashKind.PARTICIPANT]


def test_a_contact_invited_to_overlapping_meetings_is_a_clash(session):
    session.contacts.add({"name": "Fiscal Soto", "organisation": "fiscalia", "email": "soto@fiscalia.cl"})
    first = _meeting(session)
    second = _meeting(session, "Revisión", starts=f"{WEDNESDAY} 09:00", kind="case-review")
    session.invitations.invite(first.ref, contacts=["fiscal soto"])
    with pytest.raises(ClashesFound) as info:
        session.invitations.invite(second.ref, contacts=["Fiscal Soto"])
    assert [c.kind for c in info.value.clashes] == [ClashKind.CONTACT]


def test_more_invitees_than_the_venue_holds_is_a_clash(session):
    session.venues.add({"name": "Oficina", "capacity": 1})
    meeting = _meeting(session, venue="Oficina")
    people = [_participant(session, name) for name in ("Ana", "Luis")]
    with pytest.raises(ClashesFound) as info:
        session.invitations.invite(meeting.ref, [p.case_no for p in people])
    assert [c.kind for c in info.value.clashes] == [ClashKind.CAPACITY]
    assert "2 invitados superan la capacidad de Oficina (1 personas)" in str(info.value)
    assert all(session.participants.get(p.id).status is Status.ELIGIBLE for p in people)  # nothing changed


def test_a_call_in_invitation_summons_the_file_through_the_status_history(session):
    rosa = _participant(session)
    meeting = _meeting(session)
    done = session.invitations.invite(meeting.ref, [rosa.id])
    assert [(m.before, m.after) for m in done.moves] == [(Status.ELIGIBLE, Status.SUMMONED)]
    assert session.participants.get(rosa.id).status is Status.SUMMONED
    latest = session.participants.status_history(rosa.id)[0]
    assert (latest.from_status, latest.to_status) == ("eligible", "summoned") and meeting.ref in latest.reason
    again = session.invitations.invite(meeting.ref, [rosa.id])
    assert again.added == [] and again.already == [rosa.full_name]


def test_a_participant_in_a_state_the_meeting_does_not_take_is_refused_and_nothing_changes(session):
    new = _participant(session, path=())
    meeting = _meeting(session)
    before = len(_audit_actions(session))
    with pytest.raises(ValidationError, match="identificado"):
        session.invitations.invite(meeting.ref, [new.case_no])
    assert session.meetings.detail(meeting.ref).invitees == [] and len(_audit_actions(session)) == before


def test_staff_invite_but_only_coordinators_summon_a_file_out_of_eligible(open_session):
    coordinator = open_session("coordinadora")
    eligible = _participant(coordinator, "Ana")
    contacted = _participant(coordinator, "Luis", path=(Status.UNDER_REVIEW, Status.ELIGIBLE, Status.FAMILY_CONTACTED))
    meeting = _meeting(coordinator)
    staff = open_session(STAFF)
    with pytest.raises(PermissionDenied):
        staff.invitations.invite(meeting.ref, [eligible.case_no, contacted.case_no])
    assert staff.meetings.detail(meeting.ref).invitees == []
    done = staff.invitations.invite(meeting.ref, [contacted.case_no])
    assert [m.after for m in done.moves] == [Status.SUMMONED]


def test_influentials_and_minors(session):
    minor = _participant(session, "Kevin", birth_date="2010-06-01")
    session.participants.add_record("influentials", minor.id, {"name": "Marta Tapia", "relationship": "madre"})
    meeting = _meeting(session)
    done = session.invitations.invite(meeting.ref, [minor.case_no], with_influentials=True)
    assert len(done.added) == 2
    assert done.warnings and "menor de edad (16 años)" in done.warnings[0]
    views = session.meetings.detail(meeting.ref).invitees
    assert [(v.name, v.reference) for v in views] == [
        (minor.full_name, minor.case_no),
        ("Marta Tapia", f"influyente de {minor.case_no}"),
    ]


def test_reschedule_keeps_invitees_and_marks_issued_letters_for_reissue(session):
    rosa, luis = _participant(session, "Rosa"), _participant(session, "Luis")
    meeting = _meeting(session)
    session.invitations.invite(meeting.ref, [rosa.case_no, luis.case_no])
    invitees = session.meetings.invitees.of_meeting(meeting.id)
    session.invitations.mark_invitation(meeting.ref, rosa.case_no, "letter-issued")
    done = session.meetings.reschedule(meeting.ref, "2027-03-17 10:00")
    assert done.reissue == 1 and done.meeting.starts_at == "2027-03-17 10:00"
    after = {i.id: i for i in session.meetings.invitees.of_meeting(meeting.id)}
    assert set(after) == {i.id for i in invitees}
    assert after[invitees[0].id].reissue and not after[invitees[1].id].reissue
    assert "meetings.reschedule" in _audit_actions(session) and "invitees.reissue" in _audit_actions(session)
    assert session.meetings.detail(meeting.ref).counts["reissue"] == 1


def test_reschedule_checks_clashes_of_its_invitees(session):
    rosa = _participant(session)
    first = _meeting(session)
    other = _meeting(session, "Visita", starts="2027-03-17 10:00", kind="home-visit")
    session.invitations.invite(first.ref, [rosa.case_no])
    session.invitations.invite(other.ref, [rosa.case_no])
    with pytest.raises(ClashesFound) as info:
        session.meetings.reschedule(first.ref, "2027-03-17 10:30")
    assert [c.kind for c in info.value.clashes] == [ClashKind.PARTICIPANT]
    assert session.meetings.get(first.ref).starts_at == f"{WEDNESDAY} 10:00"


def test_cancel_needs_a_reason_and_a_cancelled_meeting_takes_no_invitations(session):
    meeting = _meeting(session)
    with pytest.raises(ValidationError, match="motivo"):
        session.meetings.cancel(meeting.ref, " ")
    cancelled = session.meetings.cancel(meeting.ref, "sede sin luz")
    assert (cancelled.status, cancelled.status_reason) == (MeetingStatus.CANCELLED, "sede sin luz")
    with pytest.raises(ValidationError, match="cancelada"):
        session.invitations.invite(meeting.ref, [_participant(session).case_no])
    with pytest.raises(ValidationError):
        session.meetings.reschedule(meeting.ref, "2027-03-17 10:00")


def test_a_postponed_meeting_is_planned_again_by_a_reschedule(session):
    meeting = _meeting(session)
    assert session.meetings.set_status(meeting.ref, "postponed", "paro de transporte").status is MeetingStatus.POSTPONED
    assert session.meetings.reschedule(meeting.ref, "2027-03-24 10:00").meeting.status is MeetingStatus.PLANNED


def test_viewers_read_meetings_but_write_nothing(open_session):
    coordinator = open_session("coordinadora")
    meeting = _meeting(coordinator)
    rosa = _participant(coordinator)
    viewer = open_session(VIEWER)
    assert [r.meeting.ref for r in viewer.meetings.list()] == [meeting.ref]
    for attempt in (
        lambda: viewer.venues.add({"name": "Sede"}),
        lambda: viewer.contacts.add({"name": "X", "organisation": "pdi"}),
        lambda: _meeting(viewer, "Otra", starts="2027-03-11 10:00"),
        lambda: viewer.invitations.invite(meeting.ref, [rosa.case_no]),
        lambda: viewer.meetings.cancel(meeting.ref, "no"),
        lambda: viewer.invitations.attend(meeting.ref, rosa.case_no, "attended"),
    ):
        with pytest.raises(PermissionDenied, match="solo permite consultar"):
            attempt()


def test_an_invitation_is_tracked_from_letter_to_delivery_and_a_reissue_is_cleared(session):
    rosa = _participant(session)
    session.contacts.add({"name": "Fiscal Soto", "organisation": "fiscalia"})
    meeting = _meeting(session)
    session.invitations.invite(meeting.ref, [rosa.case_no], contacts=["Fiscal Soto"])
    session.invitations.mark_invitation(meeting.ref, rosa.case_no, InvitationStatus.LETTER_ISSUED)
    session.meetings.reschedule(meeting.ref, "2027-03-17 10:00")
    assert session.meetings.detail(meeting.ref).counts["reissue"] == 1
    delivered = session.invitations.mark_invitation(
        meeting.ref, rosa.case_no, "delivered", delivered_by="Carabinero Muñoz", delivered_on="2026-12-01"
    )
    assert (delivered.invitation, delivered.delivered_by, delivered.delivered_on.isoformat()) == (
        InvitationStatus.DELIVERED,
        "Carabinero Muñoz",
        "2026-12-01",
    )
    assert not delivered.reissue and session.meetings.detail(meeting.ref).counts["reissue"] == 0
    contact = session.invitations.mark_invitation(meeting.ref, "fiscal soto", "acknowledged")
    assert contact.invitation is InvitationStatus.ACKNOWLEDGED and contact.contact_id
    with pytest.raises(ValidationError, match="letter-issued"):
        session.invitations.mark_invitation(meeting.ref, rosa.case_no, "perdida")
    assert "invitees.invitation" in _audit_actions(session)
