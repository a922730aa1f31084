"""Meeting exports: the .ics file shows the right local time once parsed back; the attendance sheet lists invitees."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from dmi_desktop.domain.meetings import Meeting
from dmi_desktop.domain.status import Status
from dmi_desktop.services.meeting_exports import calendar_bytes, write_ics, write_sheet
from dmi_desktop.services.output_paths import OutputRefused
from tests.conftest import VIEWER


def _meeting(session, starts, title="Reunión de notificación"):
    return session.meetings.add({"kind": "call-in", "title": title, "starts_at": starts}, venue="Sede").meeting


def test_ics_parsed_back_shows_the_local_time_in_santiago_summer_and_winter(session, tmp_path):
    session.venues.add({"name": "Sede", "address": "Colón 123"})
    summer = _meeting(session, "2027-03-10 10:00")  # Chile on -03 (summer time)
    winter = _meeting(session, "2027-07-14 10:00", "Seguimiento")  # Chile on -04
    pid = session.participants.create({"nombres": "Rosa", "apellido_paterno": "Tapiadora"}).id
    for status in (Status.UNDER_REVIEW, Status.ELIGIBLE):
        session.participants.set_status(pid, status, "paso")
    session.invitations.invite(summer.ref, [pid])
    path = write_ics(session, tmp_path / "reuniones.ics", [summer, winter])
    cal = Calendar.from_ical(path.read_bytes())
    events = {str(e["x-dmi-ref"]): e for e in cal.walk("VEVENT")}
    for meeting, utc_hour in ((summer, 13), (winter, 14)):
        start = events[meeting.ref].decoded("dtstart")
        assert (start.hour, start.minute) == (10, 0)
        assert str(start.tzinfo) == "America/Santiago"
        assert events[meeting.ref]["dtstart"].params["TZID"] == "America/Santiago"
        assert start.astimezone(UTC).hour == utc_hour
        assert events[meeting.ref].decoded("dtend") - start == (meeting.end - meeting.start)
    assert str(events[summer.ref]["location"]) == "Sede, Colón 123"
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["America/Santiago"]
    assert b"Tapiadora" not in path.read_bytes()  # invitees never travel in a calendar file


def test_a_changed_meeting_gets_a_higher_sequence_so_calendars_replace_it():
    created = "001796455866000-00000-dev"
    meeting = Meeting(id="m1", ref="LC1-R2027-0001", title="T", starts_at="2027-03-10 10:00", created_hlc=created)
    first = Calendar.from_ical(calendar_bytes([(replace(meeting, updated_hlc=created), None)]))
    later = replace(meeting, starts_at="2027-03-10 11:00", updated_hlc="001796455871500-00000-dev")
    second = Calendar.from_ical(calendar_bytes([(later, None)]))
    (a,), (b,) = first.walk("VEVENT"), second.walk("VEVENT")
    assert a["uid"] == b["uid"] and b.decoded("dtstart").hour == 11
    assert (int(a["sequence"]), int(b["sequence"])) == (0, 5)


def test_the_attendance_sheet_lists_each_invitee_with_a_signature_column_and_is_audited(session, tmp_path):
    session.venues.add({"name": "Sede"})
    meeting = _meeting(session, "2027-03-10 10:00")
    svc = session.participants
    pid = svc.create({"nombres": "José Luis", "apellido_paterno": "Pérez"}).id
    for status in (Status.UNDER_REVIEW, Status.ELIGIBLE):
        svc.set_status(pid, status, "paso")
    session.invitations.invite(meeting.ref, [pid])
    path = write_sheet(session, tmp_path / "asistencia.pdf", meeting.ref)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "Registro de asistencia" in text and "Firma" in text
    assert "José Luis Pérez" in text and meeting.ref in text
    assert path.stat().st_mode & 0o077 == 0  # owner-only
    last = session.vault.db.execute("SELECT action FROM audit_entries ORDER BY n DESC LIMIT 1").fetchone()[0]
    assert last == "meetings.sheet"


def test_viewers_may_export_a_calendar_but_never_over_the_vault(open_session, tmp_path):
    coordinator = open_session("coordinadora")
    coordinator.venues.add({"name": "Sede"})
    meeting = _meeting(coordinator, "2027-03-10 10:00")
    viewer = open_session(VIEWER)
    assert write_ics(viewer, tmp_path / "r.ics", [meeting]).exists()
    with pytest.raises(OutputRefused):
        write_ics(viewer, viewer.folder / "vault.db", [meeting])
