"""The participant file window: tabs by role, status changes, saving edits, unsaved-edit guard, history."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from dmi_desktop.domain.status import Status
from dmi_desktop.ui.participants.file_window import ParticipantFileWindow
from dmi_desktop.ui.participants.participants_widget import ParticipantsWidget
from dmi_desktop.ui.participants.status_dialog import StatusChangeDialog
from tests.conftest import STAFF, VIEWER
from tests.ui.list_helpers import settle

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")


@pytest.fixture
def person(make_ctx):
    """Factory: (ctx, participant) for a role, with José Miguel Pérez Soto in the vault."""

    def _make(user=None):
        ctx = make_ctx() if user is None else make_ctx(user)
        if user is None:
            p = ctx.session.participants.create(
                {"nombres": "José Miguel", "apellido_paterno": "Pérez", "rut": "12.345.678-5", "sector": "El Golf"}
            )
            return ctx, p
        return ctx, None

    return _make


@pytest.fixture
def open_windows(boxes):
    """Windows delete themselves on close; whatever is still open at the end is closed (discarding edits)."""
    windows = []
    yield windows
    for window in windows:
        if shiboken6.isValid(window):
            window.close()


def _window(ctx, pid, windows) -> ParticipantFileWindow:
    window = ParticipantFileWindow(ctx, pid)
    windows.append(window)
    window.show()
    settle(ctx)  # the file is read on the worker
    return window


def test_coordinators_see_the_banked_case_tab_staff_and_viewers_do_not(make_ctx, qtbot, open_windows):
    coordinator = make_ctx()
    pid = coordinator.session.participants.create({"nombres": "Ana", "apellido_paterno": "Reyes"}).id
    window = _window(coordinator, pid, open_windows)
    assert "Banked case" in window.tab_titles()
    assert len(window.tab_titles()) == 9
    for user in (STAFF, VIEWER):
        ctx = make_ctx(user)
        window = _window(ctx, pid, open_windows)
        assert "Banked case" not in window.tab_titles()
        assert window.banked is None
        assert window.tab_titles()[0] == "Identity" and window.tab_titles()[-1] == "History"


def test_a_status_change_offers_legal_states_requires_a_reason_and_lands_in_history(person, qtbot, open_windows):
    ctx, p = person()
    window = _window(ctx, p.id, open_windows)
    seen = {}

    def answer_dialog():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StatusChangeDialog)
        seen["offered"] = dialog.offered()
        seen["ok_without_reason"] = dialog.ok_button.isEnabled()
        dialog.target.setCurrentIndex(dialog.target.findData(Status.UNDER_REVIEW.value))
        dialog.reason.setPlainText("Caso revisado con la Fiscalía")
        dialog.ok_button.click()

    QTimer.singleShot(0, answer_dialog)
    window.header.change_status.click()
    assert seen["offered"] == [Status.UNDER_REVIEW, Status.DROPPED]
    assert seen["ok_without_reason"] is False
    qtbot.waitUntil(lambda: window.header.status.text() == "en revisión", timeout=3000)
    history = window.history.model
    texts = [history.index(0, c).data() for c in range(4)]
    assert texts[1] == "coordinadora"
    assert texts[2] == "Changed the status"
    assert "identificado → en revisión" in texts[3] and "Caso revisado con la Fiscalía" in texts[3]
    assert ctx.session.participants.get(p.id).status is Status.UNDER_REVIEW


def test_editing_and_saving_updates_the_file_and_the_list(person, qtbot):
    ctx, p = person()
    area = ParticipantsWidget(ctx)
    qtbot.addWidget(area)
    window = area.open_file(p.id)
    settle(ctx)
    alias = window.identity.form.editors["alias"]
    assert isinstance(alias, QLineEdit)
    qtbot.keyClicks(alias, "Chico")
    assert window.is_dirty() and area.has_unsaved_changes()
    assert window.save_button.isEnabled()
    window.save_button.click()
    qtbot.waitUntil(lambda: not window.is_dirty(), timeout=3000)
    assert ctx.session.participants.get(p.id).alias == "Chico"
    qtbot.waitUntil(lambda: area.model.index(0, 2).data() == "Chico", timeout=3000)  # the list reads it on the worker
    assert window.history.model.index(0, 2).data() == "Edited identity data"
    assert not area.has_unsaved_changes()


def test_closing_a_dirty_window_asks_and_cancel_keeps_the_edits(person, qtbot, boxes, open_windows):
    ctx, p = person()
    window = _window(ctx, p.id, open_windows)
    qtbot.keyClicks(window.identity.form.editors["phone"], "+56 9 8765 4321")
    boxes["answers"].append(QMessageBox.StandardButton.Cancel)
    window.close()
    assert len(boxes["question"]) == 1 and "José Miguel Pérez" in boxes["question"][0]
    assert window.isVisible()
    assert window.identity.form.raw_value("phone") == "+56 9 8765 4321"
    boxes["answers"].append(QMessageBox.StandardButton.Save)
    with qtbot.waitSignal(window.closed, timeout=3000):
        window.close()  # saves on the worker, then closes
    assert ctx.session.participants.get(p.id).phone == "+56 9 8765 4321"


def test_discarding_closes_without_saving(person, qtbot, boxes, open_windows):
    ctx, p = person()
    window = _window(ctx, p.id, open_windows)
    qtbot.keyClicks(window.identity.form.editors["address"], "Pasaje 1")
    boxes["answers"].append(QMessageBox.StandardButton.Discard)
    with qtbot.waitSignal(window.closed, timeout=1000):
        window.close()
    assert ctx.session.participants.get(p.id).address == ""


def test_an_invalid_edit_blocks_save_with_the_reason_under_the_field(person, qtbot, open_windows):
    ctx, p = person()
    window = _window(ctx, p.id, open_windows)
    form = window.identity.form
    form.editors["rut"].setText("11.111.111-2")
    form._on_left("rut")
    assert "dígito verificador" in form.boxes["rut"].error
    assert not window.save_button.isEnabled()
    assert window.save() is False
    ctx.worker.wait_idle()
    assert ctx.session.participants.get(p.id).rut == "12345678-5"


def test_viewer_sees_everything_read_only(person, make_ctx, qtbot, open_windows):
    _ctx, p = person()
    viewer = make_ctx(VIEWER)
    window = _window(viewer, p.id, open_windows)
    form = window.identity.form
    assert form.raw_value("nombres") == "José Miguel"
    assert all(e.isReadOnly() for e in form.editors.values() if isinstance(e, QLineEdit))
    assert not form.editors["sex"].isEnabled() and not form.editors["sector"].isEnabled()
    assert not window.save_button.isVisible()
    assert not window.header.change_status.isEnabled()
    assert not window.identity.photo.load_button.isEnabled()
    for tab in (window.eligibility, window.influentials, window.referrals, window.checkins, window.notes):
        assert not tab.add_button.isEnabled()
        assert not tab.remove_button.isEnabled()


def test_records_added_elsewhere_show_in_the_open_window(person, qtbot, open_windows):
    ctx, p = person()
    window = _window(ctx, p.id, open_windows)
    assert window.checkins.model.rowCount() == 0
    assert window.checkins.stack.currentWidget() is window.checkins.empty
    ctx.session.participants.add_record("checkins", p.id, {"day": "2025-03-01", "method": "visita domiciliaria"})
    qtbot.waitUntil(lambda: window.checkins.model.rowCount() == 1, timeout=3000)
    assert window.checkins.model.index(0, 0).data() == "01-03-2025"
    assert window.checkins.model.index(0, 1).data() == "visita domiciliaria"


def test_adding_a_check_in_through_its_dialog(person, qtbot, open_windows):
    ctx, p = person()
    window = _window(ctx, p.id, open_windows)
    dialog = window.checkins.make_dialog(None, False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form.raw_value("recorded_by") == "coordinadora"  # defaults to the user
    day = dialog.form.editors["day"]
    day.setText("01-01-2999")
    dialog.form._changed("day", now=True)
    assert "futuro" in dialog.form.boxes["day"].error
    assert not dialog.save_button.isEnabled()
    day.setText("02-03-2025")
    dialog.form._changed("day", now=True)
    method = dialog.form.editors["method"]
    method.combo.setCurrentIndex(method.combo.findData("other"))  # "Otro": say which
    qtbot.keyClicks(method.other, "en la feria")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.checkins.model.rowCount() == 1, timeout=3000)
    assert window.checkins.model.index(0, 1).data() == "en la feria"


def test_banked_case_edits_are_saved_with_the_window(person, qtbot, open_windows):
    ctx, p = person()
    window = _window(ctx, p.id, open_windows)
    assert window.banked is not None
    form = window.banked.form
    qtbot.keyClicks(form.editors["ruc"], "2300123456-7")
    qtbot.keyClicks(form.editors["buy_dates"], "01-02-2024, 15-02-2024")
    assert window.is_dirty()
    window.save()
    qtbot.waitUntil(lambda: not window.is_dirty(), timeout=3000)
    case = ctx.session.participants.file(p.id).banked_case
    assert case is not None and case.ruc == "2300123456-7" and len(case.buy_dates) == 2


def test_a_photo_is_shrunk_stored_and_can_be_removed_after_asking(person, qtbot, open_windows, tmp_path, boxes):
    ctx, p = person()
    window = _window(ctx, p.id, open_windows)
    photo = window.identity.photo
    assert not photo.has_photo and not photo.clear_button.isEnabled()
    image = QImage(2000, 1500, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    path = tmp_path / "foto.png"
    assert image.save(str(path))
    photo.load_file(str(path))
    ctx.worker.wait_idle()
    stored = ctx.session.participants.photo(p.id)
    assert stored is not None and stored[:3] == b"\xff\xd8\xff"  # re-encoded as JPEG
    assert max(QImage.fromData(stored).width(), QImage.fromData(stored).height()) == 800
    assert photo.has_photo and photo.clear_button.isEnabled()
    boxes["answers"].append(QMessageBox.StandardButton.No)
    assert not photo.clear_photo()  # asked first: "No" keeps the photo
    ctx.worker.wait_idle()
    assert ctx.session.participants.photo(p.id) == stored and photo.has_photo
    assert boxes["question"] == ["Remove this participant's photo? It cannot be recovered afterwards."]
    boxes["answers"].append(QMessageBox.StandardButton.Yes)
    assert photo.clear_photo()
    ctx.worker.wait_idle()
    assert ctx.session.participants.photo(p.id) is None
    assert not photo.has_photo


def test_a_file_that_is_not_an_image_is_refused(person, qtbot, open_windows, tmp_path, boxes):
    ctx, p = person()
    window = _window(ctx, p.id, open_windows)
    path = tmp_path / "no.png"
    path.write_text("hola")
    window.identity.photo.load_file(str(path))
    ctx.worker.wait_idle()
    assert boxes["warning"] == ["The file is not an image this program can read."]
    assert ctx.session.participants.photo(p.id) is None


def test_selecting_a_history_row_shows_all_of_it(person, qtbot, open_windows):
    ctx, p = person()
    note = ctx.session.participants.add_record("notes", p.id, {"body": "Primera línea", "author": "ana"})
    ctx.session.participants.update_record("notes", note.id, {"body": "Primera línea\nSegunda línea"})
    window = _window(ctx, p.id, open_windows)
    qtbot.waitUntil(lambda: window.history.model.rowCount() == 3, timeout=3000)
    window.history.view.selectRow(0)
    text = window.history.detail.text()
    assert "Edited note" in text
    assert "Note: Primera línea → Primera línea / Segunda línea" in text
    window.history.view.selectRow(1)  # a creation names the fields it filled; the values are the file itself
    assert "Added note" in window.history.detail.text() and "Note, Author" in window.history.detail.text()


def test_the_summary_shows_age_services_and_the_banked_expiry_only_to_coordinators(make_ctx, qtbot, open_windows):
    ctx = make_ctx()
    ps = ctx.session.participants
    pid = ps.create({"nombres": "Ana", "apellido_paterno": "Reyes", "birth_date": "01-01-2000"}).id
    ps.add_record("referrals", pid, {"kind": "employment", "status": "active"})
    ps.add_record("referrals", pid, {"kind": "education", "status": "completed"})
    ps.add_record("banked_cases", pid, {"ruc": "2300123456-7", "expires_on": "2030-06-05"})
    summary = _window(ctx, pid, open_windows).identity.summary
    assert summary.services.text() == "Employment"
    assert summary.expiry.text() == "05-06-2030" and not summary.expiry.isHidden()
    staff = make_ctx(STAFF)
    summary = _window(staff, pid, open_windows).identity.summary
    assert summary.expiry.isHidden() and summary.expiry.text() == ""


def test_a_file_opens_at_once_and_fills_in_when_the_worker_has_read_it(person, qtbot, open_windows, monkeypatch):
    import threading

    from dmi_desktop.services.participants import ParticipantService

    ctx, p = person()
    reads_on_gui = []
    original = ParticipantService.file

    def spy(self, participant_id):
        reads_on_gui.append(threading.current_thread() is threading.main_thread())
        return original(self, participant_id)

    monkeypatch.setattr(ParticipantService, "file", spy)
    gate = threading.Event()
    ctx.worker.submit(lambda _task: gate.wait(10))  # the worker is busy (a long write, say)
    window = ParticipantFileWindow(ctx, p.id)
    open_windows.append(window)
    window.show()
    assert window.loading() and not window.tabs.isEnabled()
    assert window.windowTitle() == "Loading the file…"
    assert not window.header.change_status.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not window.loading(), timeout=5000)
    assert window.windowTitle().startswith("José Miguel Pérez") and window.tabs.isEnabled()
    assert window.identity.form.raw_value("nombres") == "José Miguel"
    assert reads_on_gui == [False]  # read once, on the worker
