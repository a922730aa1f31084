"""The list's follow-up filters (overdue check-ins, referrals waiting, an explicit set, recent changes) and the
home page's reads (counts by status, banked cases expiring, no-shows awaiting a decision)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dmi_desktop.domain import messages
from dmi_desktop.domain.errors import PermissionDenied, ValidationError
from dmi_desktop.domain.status import Status
from dmi_desktop.services.follow_up import FollowUpService, FollowUpSettings
from dmi_desktop.services.participants import ParticipantQuery
from tests.conftest import COORDINATOR, STAFF

TODAY = date.today()


@pytest.fixture(autouse=True)
def _spanish():
    messages.set_language("es")
    yield
    messages.set_language("es")


def _person(session, name: str, status: str = "identificado") -> str:
    return session.participants.create({"nombres": name, "apellido_paterno": "Rojas", "status": status}).id


def _ids(session, query: ParticipantQuery) -> set[str]:
    rows = session.participants.rows(query, 0, 1000)
    assert session.participants.count(query) == len(rows)
    return {r.id for r in rows}


def _ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def test_checkin_overdue_lists_monitored_people_without_a_recent_checkin(session):
    svc = session.participants
    late = _person(session, "Tardío", "en seguimiento")
    recent = _person(session, "Reciente", "inscrito")
    fresh = _person(session, "Nuevo", "en seguimiento")  # no check-in yet, but just entered monitoring
    outside = _person(session, "Fuera", "identificado")  # an old check-in, but not in monitoring
    svc.add_record("checkins", late, {"day": _ago(45)})
    svc.add_record("checkins", recent, {"day": _ago(5)})
    svc.add_record("checkins", outside, {"day": _ago(90)})
    query = ParticipantQuery(checkin_overdue=True)
    assert _ids(session, query) == {late}
    assert fresh not in _ids(session, query)
    FollowUpService(session).set_settings(FollowUpSettings(checkin_days=3, referral_days=14))
    assert _ids(session, query) == {late, recent}  # the interval is the vault's setting


def test_referral_waiting_lists_referrals_without_a_first_appointment_after_n_days(session):
    svc = session.participants
    waiting = _person(session, "Espera")
    seen = _person(session, "Atendido")
    young = _person(session, "Reciente")
    svc.add_record("referrals", waiting, {"kind": "employment", "provider": "OMIL", "referred_on": _ago(20)})
    svc.add_record("referrals", seen, {"kind": "employment", "referred_on": _ago(20), "first_appointment": _ago(10)})
    svc.add_record("referrals", young, {"kind": "education", "referred_on": _ago(5)})
    assert _ids(session, ParticipantQuery(referral_waiting=True)) == {waiting}
    FollowUpService(session).set_settings(FollowUpSettings(checkin_days=30, referral_days=3))
    assert _ids(session, ParticipantQuery(referral_waiting=True)) == {waiting, young}


def test_ids_is_exactly_that_set_and_an_empty_set_is_nobody(session):
    a, b, _c = (_person(session, n) for n in ("Ana", "Berta", "Carla"))
    assert _ids(session, ParticipantQuery(ids=(a, b))) == {a, b}
    assert _ids(session, ParticipantQuery(ids=())) == set()
    assert _ids(session, ParticipantQuery(ids=(a,), search="Ana")) == {a}
    assert _ids(session, ParticipantQuery(ids=(a,), search="Berta")) == set()


def test_changed_since_takes_an_hlc_stamp_or_a_date(session):
    svc = session.participants
    untouched = _person(session, "Quieto")
    edited = _person(session, "Editado")
    checked = _person(session, "Controlado")
    stamp = session.vault.hlc.now().encode()
    svc.update(edited, {"alias": "El Nuevo"})
    svc.add_record("checkins", checked, {"day": TODAY.isoformat()})
    assert _ids(session, ParticipantQuery(changed_since=stamp)) == {edited, checked}
    assert untouched in _ids(session, ParticipantQuery(changed_since=TODAY.isoformat()))
    assert _ids(session, ParticipantQuery(changed_since=(TODAY + timedelta(days=1)).isoformat())) == set()


def test_follow_up_settings_default_validate_and_are_for_coordinators(open_session):
    coordinator = open_session(COORDINATOR)
    svc = FollowUpService(coordinator)
    assert svc.settings() == FollowUpSettings(30, 14)
    with pytest.raises(ValidationError, match="entre 1 y 365"):
        svc.set_settings(FollowUpSettings(0, 14))
    assert svc.settings() == FollowUpSettings(30, 14)  # nothing written
    svc.set_settings(FollowUpSettings(21, 7))
    assert FollowUpService(open_session(STAFF)).settings() == FollowUpSettings(21, 7)
    staff = open_session(STAFF)
    with pytest.raises(PermissionDenied):
        FollowUpService(staff).set_settings(FollowUpSettings(10, 10))


def test_status_counts(session):
    _person(session, "Ana")
    _person(session, "Berta")
    _person(session, "Carla", "en seguimiento")
    counts = FollowUpService(session).status_counts()
    assert counts == {Status.IDENTIFIED: 2, Status.MONITORING: 1}


def test_banked_cases_expiring_within_60_days_for_coordinators_only(open_session):
    coordinator = open_session(COORDINATOR)
    soon = _person(coordinator, "Pronto", "en seguimiento")
    later = _person(coordinator, "Después", "en seguimiento")
    for pid, days in ((soon, 30), (later, 90)):
        expires = (TODAY + timedelta(days=days)).isoformat()
        coordinator.participants.add_record(
            "banked_cases", pid, {"ruc": "2400123456-7", "banked_on": _ago(300), "expires_on": expires}
        )
    found = FollowUpService(coordinator).banked_expiring()
    assert found == [(soon, TODAY + timedelta(days=30))]
    assert _ids(coordinator, ParticipantQuery(ids=tuple(pid for pid, _day in found))) == {soon}
    with pytest.raises(PermissionDenied):
        FollowUpService(open_session(STAFF)).banked_expiring()


def test_no_shows_awaiting_a_decision(session):
    svc = session.participants
    pid = _person(session, "Rosa")
    other = _person(session, "Olga")
    for p in (pid, other):
        for status in (Status.UNDER_REVIEW, Status.ELIGIBLE):
            svc.set_status(p, status, "paso")
    meeting = session.meetings.add({"kind": "call-in", "title": "Citación", "starts_at": "2027-03-10 10:00"}).meeting
    session.invitations.invite(meeting.ref, [pid, other])
    session.invitations.attend(meeting.ref, pid, "no-show")
    session.invitations.attend(meeting.ref, other, "no-show")
    follow_up = FollowUpService(session)
    assert set(follow_up.no_shows_awaiting()) == {pid, other}
    svc.set_status(other, Status.CASE_ACTIVATED, "decidido")
    assert follow_up.no_shows_awaiting() == [pid]
