"""Vaults made before schema 6 (tests/fixtures/vaults) take meetings once upgraded, with their own participants."""

from __future__ import annotations

from dmi_desktop.domain.status import Status
from dmi_desktop.services.participants import ParticipantQuery
from tests.storage.test_fixture_vaults import fixture_copy, upgraded  # noqa: F401 - pytest fixtures


def test_an_upgraded_vault_schedules_a_call_in_and_summons_its_own_participants(upgraded):  # noqa: F811
    session, _expected = upgraded
    session.venues.add({"name": "Sede vecinal", "capacity": 50})
    session.contacts.add({"name": "Fiscal Soto", "organisation": "fiscalia"})
    meeting = session.meetings.add(
        {"kind": "call-in", "title": "Citación", "starts_at": "2027-03-10 10:00"}, venue="Sede vecinal"
    ).meeting
    eligible = session.participants.list(ParticipantQuery(status=(Status.ELIGIBLE, Status.FAMILY_CONTACTED)))
    assert eligible, "the fixture vaults hold files ready for a call-in"
    done = session.invitations.invite(meeting.ref, [eligible[0].case_no], contacts=["Fiscal Soto"])
    assert [m.after for m in done.moves] == [Status.SUMMONED]
    assert session.meetings.detail(meeting.ref).counts["invited"] == 2
    assert session.verify_audit().ok
