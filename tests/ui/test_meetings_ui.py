"""The meetings area: calendar, new meeting with clash override, the meeting page's keyboard attendance."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from dmi_desktop.domain.meetings import Attendance, InvitationStatus, MeetingStatus
from dmi_desktop.domain.status import Status
from dmi_desktop.ui.meetings.area import MeetingsArea
from dmi_desktop.ui.meetings.calendar_view import MONTH, WEEK, shift
from dmi_desktop.ui.meetings.meeting_dialog import MeetingDialog
from dmi_desktop.ui.meetings.meeting_page import MeetingPage
from dmi_desktop.ui.meetings.meetings_widget import MeetingsWidget
from dmi_desktop.ui.meetings.reason_dialog import ReasonDialog
from dmi_desktop.ui.models.invitee_table_model import COL_ATTENDANCE, COL_INVITATION
from tests.conftest import VIEWER
from tests.ui.list_helpers import settle

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")


def _weekday_ahead(days: int = 14) -> date:
    """A Wednesday a couple of weeks ahead (inside working hours, never a Chilean holiday in these tests)."""
    day = date.today() + timedelta(days=days)
    day += timedelta(days=(2 - day.weekday()) % 7)
    return day


def _area(ctx, qtbot) -> MeetingsWidget:
    area = MeetingsWidget(ctx)
    qtbot.addWidget(area)
    area.resize(1100, 700)
    area.show()
    settle(ctx)
    return area


def _eligible(session, name: str) -> str:
    pid = session.participants.create({"nombres": name, "apellido_paterno": "Tapia"}).id
    for status in (Status.UNDER_REVIEW, Status.ELIGIBLE):
        session.participants.set_status(pid, status, "paso")
    return pid


def _call_in(session, day: date, people: list[str], hour: str = "10:00") -> str:
    meeting = session.meetings.add({"kind": "call-in", "title": "Citación Colón", "starts_at": f"{day} {hour}"})
    if people:
        session.invitations.invite(meeting.meeting.ref, people)
    return meeting.meeting.id


def _page(ctx, qtbot, meeting_id: str) -> MeetingPage:
    page = MeetingPage(ctx, meeting_id)
    qtbot.addWidget(page)
    page.show()
    settle(ctx)
    return page


def test_the_month_view_shows_a_meeting_on_its_day_and_the_week_view_too(make_ctx, qtbot):
    ctx = make_ctx()
    day = _weekday_ahead(40)
    ctx.session.meetings.add({"kind": "home-visit", "title": "Visita familia Rojas", "starts_at": f"{day} 11:30"})
    area = _area(ctx, qtbot)
    area.calendar.set_day(day)
    settle(ctx)
    assert [r.meeting.title for r in area.calendar.meetings_on(day)] == ["Visita familia Rojas"]
    area.calendar.grab()  # paints: the meeting is drawn inside its day's cell
    cell = area.calendar._day_rect(day)
    assert [h for h in area.calendar.hits if cell.contains(h.rect.center())]
    area.set_mode(WEEK)
    settle(ctx)
    area.calendar.grab()
    assert len(area.calendar.hits) == 1
    assert area.calendar._day_rect(day).contains(area.calendar.hits[0].rect.center())


def test_page_down_moves_to_the_next_month_and_reads_its_meetings(make_ctx, qtbot):
    ctx = make_ctx()
    area = _area(ctx, qtbot)
    later = shift(MONTH, date.today().replace(day=10), 2)
    later += timedelta(days=(2 - later.weekday()) % 7)
    ctx.session.meetings.add({"kind": "follow-up", "title": "Seguimiento grupo", "starts_at": f"{later} 10:00"})
    area.calendar.setFocus()
    qtbot.keyClick(area.calendar, Qt.Key.Key_PageDown)
    qtbot.keyClick(area.calendar, Qt.Key.Key_PageDown)
    settle(ctx)
    assert area.calendar.day.month == later.month
    assert [r.meeting.title for r in area.calendar.meetings_on(later)] == ["Seguimiento grupo"]


def test_keyboard_marking_records_attendance_moves_the_file_and_advances(make_ctx, qtbot):
    ctx = make_ctx()
    rosa, luis = _eligible(ctx.session, "Rosa"), _eligible(ctx.session, "Luis")
    meeting_id = _call_in(ctx.session, _weekday_ahead(), [rosa, luis])
    page = _page(ctx, qtbot, meeting_id)
    assert page.model.rowCount() == 2 and page.table.currentIndex().row() == 0
    assert "Invited 2" in page.counts.text() and "pending 2" in page.counts.text()
    first_pid = page.model.view(0).invitee.participant_id
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    settle(ctx)
    assert ctx.session.participants.get(first_pid).status is Status.ATTENDED
    assert page.table.currentIndex().row() == 1  # the next row, ready for the next key
    assert page.model.index(0, COL_ATTENDANCE).data() == "asistió"  # the domain's labels (Spanish by default)
    assert "attended 1" in page.counts.text() and "pending 1" in page.counts.text()
    qtbot.keyClick(page.table, Qt.Key.Key_N)
    settle(ctx)
    second_pid = page.model.view(1).invitee.participant_id
    assert ctx.session.participants.get(second_pid).status is Status.NO_SHOW
    assert "no-show 1" in page.counts.text() and "pending 0" in page.counts.text()
    history = ctx.session.participants.status_history(second_pid)
    assert (history[0].from_status, history[0].to_status) == ("summoned", "no_show")


def test_marking_again_is_refused_on_the_page_without_changing_anything(make_ctx, qtbot):
    ctx = make_ctx()
    rosa = _eligible(ctx.session, "Rosa")
    meeting_id = _call_in(ctx.session, _weekday_ahead(), [rosa])
    page = _page(ctx, qtbot, meeting_id)
    qtbot.keyClick(page.table, Qt.Key.Key_E)
    settle(ctx)
    page.table.move_to(0)
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    settle(ctx)
    assert ctx.session.participants.get(rosa).status is Status.EXCUSED
    assert "ya fue registrada" in page.message.text()


def test_a_clash_override_needs_a_reason_and_is_audited(make_ctx, qtbot):
    ctx = make_ctx()
    day = _weekday_ahead()
    venue = ctx.session.venues.add({"name": "Sede vecinal Colón", "capacity": 40})
    ctx.session.meetings.add({"kind": "call-in", "title": "Primera", "starts_at": f"{day} 10:00"}, venue=venue.id)
    dialog = MeetingDialog(ctx, [venue], day=day)
    qtbot.addWidget(dialog)
    dialog.title.setText("Segunda")
    dialog.venue.setCurrentIndex(dialog.venue.findData(venue.id))
    dialog.save_button.click()
    settle(ctx)
    clash = dialog.clash_dialog
    assert clash is not None
    lines = [clash.list.item(i).text() for i in range(clash.list.count())]
    assert any("Sede vecinal Colón" in line and "Primera" in line for line in lines)
    assert not clash.save_button.isEnabled()
    clash.accept()  # whatever triggers it, no reason means no override
    settle(ctx)
    assert [r.meeting.title for r in ctx.session.meetings.list(day, day)] == ["Primera"]
    clash.reason.setPlainText("La sede tiene dos salas")
    assert clash.save_button.isEnabled()
    clash.save_button.click()
    settle(ctx)
    assert [r.meeting.title for r in ctx.session.meetings.list(day, day)] == ["Primera", "Segunda"]
    second = ctx.session.meetings.list(day, day)[1].meeting
    audited = ctx.session.vault.db.execute(
        "SELECT entity_id, fields FROM audit_entries WHERE action = 'meetings.clash_override' ORDER BY n DESC"
    ).fetchall()
    assert len(audited) == 1 and audited[0][0] == second.id and "reason" in audited[0][1]


def test_cancel_asks_for_a_reason(make_ctx, qtbot):
    ctx = make_ctx()
    meeting_id = _call_in(ctx.session, _weekday_ahead(), [])
    page = _page(ctx, qtbot, meeting_id)
    page.buttons["cancelled"].click()
    dialog = page.dialog
    assert isinstance(dialog, ReasonDialog) and not dialog.ok_button.isEnabled()
    assert ctx.session.meetings.get(meeting_id).status is MeetingStatus.PLANNED
    dialog.reason.setPlainText("Sede sin luz")
    dialog.ok_button.click()
    settle(ctx)
    meeting = ctx.session.meetings.get(meeting_id)
    assert meeting.status is MeetingStatus.CANCELLED and meeting.status_reason == "Sede sin luz"
    assert not page.buttons["reschedule"].isEnabled()


def test_reschedule_marks_issued_letters_to_reissue_on_the_page(make_ctx, qtbot):
    ctx = make_ctx()
    rosa = _eligible(ctx.session, "Rosa")
    day = _weekday_ahead()
    meeting_id = _call_in(ctx.session, day, [rosa])
    ctx.session.invitations.mark_invitation(meeting_id, rosa, InvitationStatus.LETTER_ISSUED)
    page = _page(ctx, qtbot, meeting_id)
    page.buttons["reschedule"].click()
    settle(ctx)
    dialog = page.dialog
    assert isinstance(dialog, MeetingDialog)
    dialog.time.setTime(dialog.time.time().addSecs(3600))
    dialog.save_button.click()
    settle(ctx)
    assert ctx.session.meetings.get(meeting_id).starts_at == f"{day} 11:00"
    assert "re-issue" in page.model.index(0, COL_INVITATION).data()
    assert "letters to re-issue 1" in page.counts.text()


def test_viewers_cannot_schedule_invite_or_mark(make_ctx, qtbot):
    coordinator = make_ctx()
    rosa = _eligible(coordinator.session, "Rosa")
    meeting_id = _call_in(coordinator.session, _weekday_ahead(), [rosa])
    ctx = make_ctx(VIEWER)
    area = _area(ctx, qtbot)
    for spec in MeetingsArea().action_specs(area):
        ctx.actions.register(spec)
    assert not ctx.actions.action("meetings.new").isEnabled()
    assert ctx.actions.action("meetings.venues").isEnabled()  # reading the directory is fine
    assert not area.new_button.isEnabled()
    page = _page(ctx, qtbot, meeting_id)
    assert not any(page.buttons[k].isEnabled() for k in ("reschedule", "confirmed", "held", "postponed", "cancelled"))
    assert page.buttons["sheet"].isEnabled()  # viewers may print (audited)
    assert not page.invite.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    settle(ctx)
    assert ctx.session.participants.get(rosa).status is Status.SUMMONED
    assert ctx.session.meetings.detail(meeting_id).invitees[0].invitee.attendance is None


def test_ctrl_n_inside_the_area_opens_the_new_meeting_dialog(make_ctx, qtbot):
    ctx = make_ctx()
    area = _area(ctx, qtbot)
    area.calendar.setFocus()
    qtbot.keyClick(area.calendar, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle(ctx)
    assert isinstance(area.dialog, MeetingDialog)
    area.dialog.reject()


def test_inviting_from_the_page_summons_and_warns_about_a_minor(make_ctx, qtbot):
    ctx = make_ctx()
    born = date.today() - timedelta(days=int(365.25 * 17))
    pid = ctx.session.participants.create({"nombres": "Diego", "apellido_paterno": "Araya", "birth_date": born}).id
    for status in (Status.UNDER_REVIEW, Status.ELIGIBLE):
        ctx.session.participants.set_status(pid, status, "paso")
    meeting_id = _call_in(ctx.session, _weekday_ahead(), [])
    page = _page(ctx, qtbot, meeting_id)
    page.invite.search.setText("Diego")
    page.invite.run_search()
    settle(ctx)
    assert page.invite.results.count() == 1
    page.invite.results.item(0).setSelected(True)
    page.invite.invite_button.click()
    settle(ctx)
    assert ctx.session.participants.get(pid).status is Status.SUMMONED
    assert page.model.rowCount() == 1
    assert "17" in page.message.text()  # the minor's warning names the age
    assert Attendance.ATTENDED  # the enum the keys map to exists in both languages' labels


def test_a_venue_added_in_its_dialog_is_offered_for_new_meetings(make_ctx, qtbot):
    from dmi_desktop.ui.meetings.directory_dialogs import DirectoryDialog

    ctx = make_ctx()
    directory = DirectoryDialog(ctx, "venues")
    qtbot.addWidget(directory)
    settle(ctx)
    entry = directory.edit(None)
    entry.form.editors["name"].setText("Centro comunitario El Golf")
    entry.form.editors["capacity"].setText("25")
    entry.save()
    settle(ctx)
    assert [(v.name, v.capacity) for v in ctx.session.venues.list()] == [("Centro comunitario El Golf", 25)]
    assert directory.list.rowCount() == 1 and directory.list.item(0, 0).text() == "Centro comunitario El Golf"


def test_the_page_saves_the_meetings_ics_and_attendance_sheet_where_the_user_chose(
    make_ctx, qtbot, monkeypatch, tmp_path
):
    from dmi_desktop.ui import file_dialogs

    ctx = make_ctx()
    rosa = _eligible(ctx.session, "Rosa")
    meeting_id = _call_in(ctx.session, _weekday_ahead(), [rosa])
    page = _page(ctx, qtbot, meeting_id)
    targets = iter([tmp_path / "reunion.ics", tmp_path / "asistencia.pdf"])
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(next(targets)), ""))
    page.buttons["ics"].click()
    settle(ctx)
    page.buttons["sheet"].click()
    settle(ctx)
    ref = ctx.session.meetings.get(meeting_id).ref
    assert f"X-DMI-REF:{ref}" in (tmp_path / "reunion.ics").read_text(encoding="utf-8")
    assert (tmp_path / "asistencia.pdf").read_bytes().startswith(b"%PDF")
    assert "asistencia.pdf" in page.message.text()
