"""Attendance at a call-in moves each file along the life cycle, through the status history and the audit."""

from __future__ import annotations

import pytest

from dmi_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from dmi_desktop.domain.meetings import Attendance, FollowUp
from dmi_desktop.domain.status import Status
from tests.conftest import COORDINATOR, STAFF

START = "2027-03-10 10:00"


def _summoned(session, name="Rosa", kind="call-in"):
    """A participant invited (and so summoned) to a new meeting of ``kind``; returns (meeting, participant)."""
    svc = session.participants
    pid = svc.create({"nombres": name, "apellido_paterno": "Tapia"}).id
    for status in (Status.UNDER_REVIEW, Status.ELIGIBLE):
        svc.set_status(pid, status, "paso")
    meeting = session.meetings.add({"kind": kind, "title": "Citación", "starts_at": START}).meeting
    session.invitations.invite(meeting.ref, [pid])
    return meeting, svc.get(pid)


def _history(session, pid):
    return [(c.from_status, c.to_status) for c in session.participants.status_history(pid)]


def test_attended_moves_the_file_and_offers_enrolment(session):
    meeting, rosa = _summoned(session)
    done = session.invitations.attend(meeting.ref, rosa.case_no, "attended")
    assert done.participant.status is Status.ATTENDED and done.follow_up is FollowUp.ENROLMENT
    assert Status.ENROLLED in done.next_statuses
    assert _history(session, rosa.id)[0] == ("summoned", "attended")
    assert meeting.ref in session.participants.status_history(rosa.id)[0].reason
    actions = [r[0] for r in session.vault.db.execute("SELECT action FROM audit_entries ORDER BY n DESC LIMIT 2")]
    assert actions == ["invitees.attendance", "participant.status"]
    assert session.meetings.detail(meeting.ref).counts["attended"] == 1


def test_attended_with_enrol_enrols_at_once(session):
    meeting, rosa = _summoned(session)
    done = session.invitations.attend(meeting.ref, rosa.case_no, Attendance.ATTENDED, enrol=True)
    assert done.participant.status is Status.ENROLLED and done.follow_up is None
    assert _history(session, rosa.id)[:2] == [("attended", "enrolled"), ("summoned", "attended")]


def test_a_no_show_is_flagged_for_banked_case_review_never_activated(open_session):
    coordinator = open_session(COORDINATOR)
    meeting, rosa = _summoned(coordinator)
    staff = open_session(STAFF)
    done = staff.invitations.attend(meeting.ref, rosa.case_no, "no-show")
    assert done.participant.status is Status.NO_SHOW and done.follow_up is FollowUp.BANKED_REVIEW
    assert done.next_statuses == []  # activating the banked case is a coordinator's decision
    invitee = staff.meetings.invitees.of_meeting(meeting.id)[0]
    assert invitee.follow_up is FollowUp.BANKED_REVIEW
    assert open_session(COORDINATOR).participants.allowed_statuses(rosa.id) == [Status.CASE_ACTIVATED]


def test_excused_is_to_be_invited_again_and_the_next_call_in_summons_again(session):
    meeting, rosa = _summoned(session)
    done = session.invitations.attend(meeting.ref, rosa.case_no, "excused")
    assert done.participant.status is Status.EXCUSED and done.follow_up is FollowUp.REINVITE
    later = session.meetings.add({"kind": "call-in", "title": "Segunda", "starts_at": "2027-03-17 10:00"}).meeting
    again = session.invitations.invite(later.ref, [rosa.id])
    assert [(m.before, m.after) for m in again.moves] == [(Status.EXCUSED, Status.RESUMMONED)]


def test_in_custody_moves_the_file_without_a_follow_up(session):
    meeting, rosa = _summoned(session)
    done = session.invitations.attend(meeting.ref, rosa.case_no, "in-custody")
    assert done.participant.status is Status.IN_CUSTODY and done.follow_up is None


def test_attendance_is_recorded_once_and_only_for_invitees(session):
    meeting, rosa = _summoned(session)
    session.invitations.attend(meeting.ref, rosa.case_no, "attended")
    with pytest.raises(ValidationError, match="ya fue registrada"):
        session.invitations.attend(meeting.ref, rosa.case_no, "no-show")
    _other_meeting, luis = _summoned(session, "Luis")
    with pytest.raises(NotFound, match="no está invitado"):
        session.invitations.attend(meeting.ref, luis.case_no, "attended")
    with pytest.raises(ValidationError, match="attended, no-show"):
        session.invitations.attend(meeting.ref, luis.case_no, "tarde")
    assert session.participants.get(luis.id).status is Status.SUMMONED


def test_enrol_only_for_those_who_attended(session):
    meeting, rosa = _summoned(session)
    with pytest.raises(ValidationError, match="solo se inscribe"):
        session.invitations.attend(meeting.ref, rosa.case_no, "no-show", enrol=True)
    assert session.participants.get(rosa.id).status is Status.SUMMONED


def test_a_cancelled_meeting_takes_no_attendance(session):
    meeting, rosa = _summoned(session)
    session.meetings.cancel(meeting.ref, "lluvia")
    with pytest.raises(ValidationError, match="cancelada"):
        session.invitations.attend(meeting.ref, rosa.case_no, "attended")


def test_a_home_visit_records_attendance_without_moving_the_file(session):
    meeting, rosa = _summoned(session, kind="home-visit")
    assert rosa.status is Status.ELIGIBLE  # only a call-in summons
    done = session.invitations.attend(meeting.ref, rosa.case_no, "attended")
    assert done.participant.status is Status.ELIGIBLE and done.moves == [] and done.follow_up is None
    assert session.meetings.invitees.of_meeting(meeting.id)[0].attendance is Attendance.ATTENDED


def test_viewers_cannot_record_attendance(open_session):
    meeting, rosa = _summoned(open_session(COORDINATOR))
    with pytest.raises(PermissionDenied):
        open_session("consulta").invitations.attend(meeting.ref, rosa.case_no, "attended")
