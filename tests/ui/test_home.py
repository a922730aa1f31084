"""The Inicio area: first after unlock, each line's count right, a click opens exactly those people; panels by
role; the first steps of an empty vault; the meetings' panels."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import QApplication

from dmi_desktop.domain.status import Status
from dmi_desktop.services.session import Session
from dmi_desktop.ui.home.home_widget import HomeWidget
from dmi_desktop.ui.meeting_summary_dialog import MeetingSummaryDialog
from dmi_desktop.ui.meetings.meeting_page import MeetingPage
from dmi_desktop.ui.models.invitee_table_model import COL_NAME
from dmi_desktop.ui.participants.new_participant_dialog import NewParticipantDialog
from tests.conftest import COORDINATOR, PASSPHRASES, STAFF

pytest_plugins = ["tests.ui.shell_fixtures"]

TODAY = date.today()


def _ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def _seed(vault_dir: Path) -> dict[str, Any]:
    """A small vault: who should appear on which line (ids by role in the story)."""
    session = Session.unlock(vault_dir, PASSPHRASES[COORDINATOR], COORDINATOR)
    try:
        svc = session.participants

        def person(name: str, status: str = "identificado") -> str:
            return svc.create({"nombres": name, "apellido_paterno": "Soto", "status": status}).id

        ids = {
            "plain": person("Ana"),
            "overdue": person("Berta", "en seguimiento"),
            "on_time": person("Carla", "en seguimiento"),
            "waiting": person("Dora"),
            "banked": person("Elena", "en seguimiento"),
            "no_show": person("Fabiola"),
        }
        svc.add_record("checkins", ids["overdue"], {"day": _ago(40)})
        svc.add_record("checkins", ids["on_time"], {"day": _ago(3)})
        svc.add_record("checkins", ids["banked"], {"day": _ago(2)})
        svc.add_record("referrals", ids["waiting"], {"kind": "employment", "referred_on": _ago(20)})
        svc.add_record(
            "banked_cases",
            ids["banked"],
            {"ruc": "2400123456-7", "expires_on": (TODAY + timedelta(days=20)).isoformat()},
        )
        for status in (Status.UNDER_REVIEW, Status.ELIGIBLE):
            svc.set_status(ids["no_show"], status, "paso")
        start = (TODAY + timedelta(days=10)).strftime("%Y-%m-%d 10:00")
        meeting = session.meetings.add({"kind": "call-in", "title": "Citación Colón", "starts_at": start}).meeting
        session.invitations.invite(meeting.ref, [ids["no_show"]])
        earlier = session.meetings.add(
            {"kind": "call-in", "title": "Citación anterior", "starts_at": _ago(5) + " 10:00"}
        ).meeting
        second = person("Gabriela")
        for status in (Status.UNDER_REVIEW, Status.ELIGIBLE):
            svc.set_status(second, status, "paso")
        session.invitations.invite(earlier.ref, [second])
        session.invitations.attend(earlier.ref, second, "no-show")
        ids["no_show_flagged"] = second
        ids["meeting"] = meeting.ref
    finally:
        session.close()
    return ids


def _home(shell: Any) -> HomeWidget:
    home = shell.window.area_widgets["home"]
    assert shell.worker.wait_idle(10_000)
    assert home.snapshot is not None
    return home


def _lines(home: HomeWidget, panel_id: str) -> list[Any]:
    (result,) = [p for p in home.snapshot.panels if p.panel_id == panel_id]
    assert result.error is None, result.error
    return result.lines


def _shown_ids(shell: Any) -> set[str]:
    widget = shell.window.area_widgets["participants"]
    assert shell.worker.wait_idle(10_000)
    model = widget.model
    for row in range(model.rowCount()):
        model.index(row, 0).data()
    assert shell.worker.wait_idle(10_000)
    return {model.participant_id(row) for row in range(model.rowCount())}


def _click(home: HomeWidget, panel_id: str, index: int) -> None:
    button = home.line_buttons[panel_id][index]
    assert button.isEnabled()
    button.click()


def test_home_opens_first_and_each_line_opens_exactly_its_people(unlocked, vault_dir):
    ids = _seed(vault_dir)
    shell = unlocked(COORDINATOR)
    window = shell.window
    assert window.navigation.item(0).data(Qt.ItemDataRole.UserRole) == "home"
    assert window.stack.currentWidget() is window.area_widgets["home"]
    home = _home(shell)
    overdue, waiting, recent = _lines(home, "home.follow_up")
    assert (overdue.count, waiting.count, recent.count) == (1, 1, 7)
    (banked,) = _lines(home, "home.banked")
    assert banked.count == 1
    expectations = [
        ("home.follow_up", 0, {ids["overdue"]}),
        ("home.follow_up", 1, {ids["waiting"]}),
        ("home.banked", 0, {ids["banked"]}),
        ("meetings.no_shows", 0, {ids["no_show_flagged"]}),
    ]
    participants = window.area_widgets["participants"]
    for panel_id, index, expected in expectations:
        window.show_area("home")
        _click(home, panel_id, index)
        assert window.stack.currentWidget() is participants
        assert _shown_ids(shell) == expected, panel_id
        assert participants.follow_up_note.isVisible()
        assert window.statusBar().currentMessage()  # says what is filtered
    participants.follow_up_note.clear_button.click()
    assert len(_shown_ids(shell)) == 7 and not participants.follow_up_note.isVisible()


def test_status_lines_count_and_open_by_status(unlocked, vault_dir):
    ids = _seed(vault_dir)
    shell = unlocked(COORDINATOR)
    home = _home(shell)
    counts = {line.query.status: line.count for line in _lines(home, "home.status")}
    assert counts == {
        (Status.IDENTIFIED,): 2,
        (Status.SUMMONED,): 1,
        (Status.NO_SHOW,): 1,
        (Status.MONITORING,): 3,
    }
    monitoring = [line.query.status for line in _lines(home, "home.status")].index((Status.MONITORING,))
    _click(home, "home.status", monitoring)
    assert _shown_ids(shell) == {ids["overdue"], ids["on_time"], ids["banked"]}
    participants = shell.window.area_widgets["participants"]
    assert participants.status_filter.currentData() == Status.MONITORING.value  # the box shows the filter


def test_the_banked_panel_is_absent_for_staff(unlocked, vault_dir):
    _seed(vault_dir)
    home = _home(unlocked(STAFF))
    panels = [p.panel_id for p in home.snapshot.panels]
    assert "home.banked" not in panels and "home.follow_up" in panels
    assert home.findChild(object, "panel_home.banked") is None


def test_next_call_ins_show_invitees_letters_and_open_the_meeting(unlocked, vault_dir, qtbot):
    ids = _seed(vault_dir)
    shell = unlocked(COORDINATOR)
    home = _home(shell)
    (line,) = _lines(home, "meetings.call_ins")  # the earlier call-in is over
    assert line.count == 1 and ids["meeting"] in line.text and "Citación Colón" in line.text
    assert "cartas por emitir: 1" in line.note and "confirmaciones pendientes: 1" in line.note
    _click(home, "meetings.call_ins", 0)
    assert shell.worker.wait_idle(10_000)
    # The meetings area is installed: the line opens the meeting's own page there, invitees listed.
    assert shell.window.stack.currentWidget() is shell.window.area_widgets["meetings"]
    pages = [w for w in QApplication.topLevelWidgets() if isinstance(w, MeetingPage) and w.isVisible()]
    assert len(pages) == 1
    qtbot.waitUntil(lambda: pages[0].model.rowCount() == 1)
    assert pages[0].model.index(0, COL_NAME).data() == "Fabiola Soto"
    pages[0].close()


def test_without_the_meetings_area_a_call_in_opens_its_summary(unlocked, vault_dir, qtbot, monkeypatch):
    _seed(vault_dir)
    shell = unlocked(COORDINATOR)
    monkeypatch.delitem(shell.window.area_widgets, "meetings")
    home = _home(shell)
    _click(home, "meetings.call_ins", 0)
    assert shell.worker.wait_idle(10_000)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, MeetingSummaryDialog) and w.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].table.rowCount() == 1
    assert dialogs[0].table.item(0, 0).text() == "Fabiola Soto"
    dialogs[0].close()


def test_an_empty_vault_shows_the_first_steps(unlocked, monkeypatch):
    started: list[list[str]] = []
    monkeypatch.setattr(QProcess, "startDetached", staticmethod(lambda _program, args: (started.append(args), 0)))
    shell = unlocked(COORDINATOR)
    home = _home(shell)
    assert home.pages.currentWidget() is home.first_steps
    buttons = home.first_steps.buttons
    assert all(b.isVisible() and b.isEnabled() for b in buttons.values())
    buttons["participants.new"].click()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, NewParticipantDialog) and w.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].reject()
    buttons["home.open_demo"].click()
    assert started and "--demo" in started[0]


def test_home_refreshes_after_a_change(unlocked, vault_dir, qtbot):
    _seed(vault_dir)
    shell = unlocked(COORDINATOR)
    home = _home(shell)
    shell.worker.submit(
        lambda _t: shell.ctx.session.participants.create({"nombres": "Hilda", "apellido_paterno": "Paz"})
    )
    qtbot.waitUntil(lambda: home.snapshot.total == 8 and _status_count(home, Status.IDENTIFIED) == 3, timeout=10_000)


def _status_count(home: HomeWidget, status: Status) -> int:
    return next((line.count for line in _lines(home, "home.status") if line.query.status == (status,)), 0)


def test_settings_change_the_follow_up_intervals_and_the_home_line(unlocked, vault_dir, monkeypatch, qtbot):
    from PySide6.QtWidgets import QDialog

    from dmi_desktop.services.follow_up import FollowUpService, FollowUpSettings
    from dmi_desktop.ui.settings_dialog import SettingsDialog

    ids = _seed(vault_dir)
    shell = unlocked(COORDINATOR)
    home = _home(shell)

    def choose(dialog: SettingsDialog) -> int:
        assert dialog.checkin_days.value() == 30 and dialog.checkin_days.isEnabled()
        dialog.checkin_days.setValue(2)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", choose)
    shell.ctx.actions.action("shell.settings").trigger()
    assert shell.worker.wait_idle(10_000)
    assert FollowUpService(shell.ctx.session).settings() == FollowUpSettings(2, 14)
    qtbot.waitUntil(lambda: _lines(home, "home.follow_up")[0].count == 2, timeout=10_000)  # Carla's 3 days too
    assert "2 días" in _lines(home, "home.follow_up")[0].text
    assert ids["on_time"]


def test_staff_see_the_follow_up_intervals_but_cannot_change_them(unlocked, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from dmi_desktop.ui.settings_dialog import SettingsDialog

    seen: list[bool] = []

    def look(dialog: SettingsDialog) -> int:
        seen.append(dialog.checkin_days.isEnabled())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(SettingsDialog, "exec", look)
    shell = unlocked(STAFF)
    shell.ctx.actions.action("shell.settings").trigger()
    assert seen == [False]


def test_banked_line_completes_over_several_refreshes(unlocked, vault_dir, monkeypatch, qtbot):
    from dmi_desktop.services import follow_up

    ids = _seed(vault_dir)
    monkeypatch.setattr(follow_up, "BANKED_OPEN_BUDGET", 0)  # nothing opened: the line waits, the page asks again
    shell = unlocked(COORDINATOR)
    home = _home(shell)
    (line,) = _lines(home, "home.banked")
    assert line.count is None and not home.line_buttons["home.banked"][0].isEnabled()
    monkeypatch.setattr(follow_up, "BANKED_OPEN_BUDGET", 1)
    qtbot.waitUntil(lambda: _lines(home, "home.banked")[0].count == 1, timeout=10_000)
    assert _lines(home, "home.banked")[0].query.ids == (ids["banked"],)
