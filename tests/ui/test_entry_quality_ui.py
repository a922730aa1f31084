"""Data quality at entry in the forms (issue 9 item 4): defaults, fixed lists with "Otro", messages inline."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6

from dmi_desktop.ui.participants.file_window import ParticipantFileWindow
from dmi_desktop.ui.participants.new_participant_dialog import NewParticipantDialog
from dmi_desktop.ui.participants.review_dialog import ReviewDialog
from tests.ui.list_helpers import settle

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")


@pytest.fixture
def file_of(make_ctx, qtbot):
    """Factory: (ctx, the file window of a new participant); windows are closed at the end."""
    windows: list[ParticipantFileWindow] = []

    def _make():
        ctx = make_ctx()
        p = ctx.session.participants.create({"nombres": "Ana", "apellido_paterno": "Soto", "rut": "12.345.678-5"})
        window = ParticipantFileWindow(ctx, p.id)
        windows.append(window)
        window.show()
        settle(ctx)
        return ctx, p, window

    yield _make
    for window in windows:
        if shiboken6.isValid(window):
            window.close()


def _set(form, name, text):
    form.editors[name].setText(text)
    form._changed(name, now=True)


def test_new_records_start_at_today_where_a_person_expects_it(file_of, qtbot):
    ctx, p, window = file_of()
    for tab, name in ((window.checkins, "day"), (window.referrals, "referred_on"), (window.violations, "day")):
        dialog = tab.make_dialog(None, False)
        qtbot.addWidget(dialog)
        assert dialog.form.raw_value(name) == date.today().strftime("%d-%m-%Y"), name
    review = ReviewDialog(ctx, p.id)
    qtbot.addWidget(review)
    assert review.form.raw_value("review_date") == date.today().strftime("%d-%m-%Y")


def test_check_in_method_is_picked_from_a_list_and_old_text_stays_readable(file_of, qtbot):
    ctx, p, window = file_of()
    dialog = window.checkins.make_dialog(None, False)
    qtbot.addWidget(dialog)
    method = dialog.form.editors["method"]
    codes = [method.combo.itemData(i) for i in range(method.combo.count())]
    assert codes == ["", "office", "home_visit", "phone", "video", "other"]
    method.combo.setCurrentIndex(codes.index("phone"))
    assert not method.other.isVisibleTo(method)  # the text line is for "Otro" only
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.checkins.model.rowCount() == 1, timeout=3000)
    shown = window.checkins.model.index(0, 1).data()
    assert shown != "phone" and shown  # the label, not the stored code
    old = ctx.session.participants.add_record("checkins", p.id, {"day": "2025-01-02", "method": "en la feria"})
    editing = window.checkins.make_dialog(old, False)
    qtbot.addWidget(editing)
    method = editing.form.editors["method"]
    assert method.combo.currentData() == "other" and method.other.text() == "en la feria"
    assert not editing.form.is_dirty()


def test_a_decided_review_asks_for_its_rationale_inline(file_of, qtbot):
    ctx, p, _window = file_of()
    dialog = ReviewDialog(ctx, p.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.save_button.isEnabled()  # pending, dated today: nothing missing
    decision = dialog.form.editors["decision"]
    decision.setCurrentIndex(decision.findData("eligible"))
    box = dialog.form.boxes["rationale"]
    assert box.error.startswith("explique el fundamento") and box.message.isVisible()
    assert not dialog.save_button.isEnabled()
    dialog.form.editors["rationale"].setPlainText("bajo nivel, sigue activa")
    assert box.error == "" and dialog.save_button.isEnabled()


def test_referral_dates_out_of_order_are_shown_under_the_field(file_of, qtbot):
    _ctx, _p, window = file_of()
    dialog = window.referrals.make_dialog(None, False)
    qtbot.addWidget(dialog)
    dialog.show()
    _set(dialog.form, "referred_on", "10-03-2025")
    _set(dialog.form, "first_appointment", "01-03-2025")
    error = dialog.form.boxes["first_appointment"].error
    assert error == "la primera cita (01-03-2025) es anterior a la derivación (10-03-2025)"
    assert not dialog.save_button.isEnabled()
    _set(dialog.form, "referred_on", "28-02-2025")  # fixing the other date settles the message
    assert dialog.form.boxes["first_appointment"].error == "" and dialog.save_button.isEnabled()


def test_a_wrong_phone_number_shows_the_expected_format_inline(file_of, qtbot):
    _ctx, _p, window = file_of()
    phone = window.identity.form.editors["phone"]
    phone.setFocus()
    qtbot.keyClicks(phone, "12345")
    phone.editingFinished.emit()
    assert "+56 9 1234 5678" in window.identity.form.boxes["phone"].error  # the message shows the format


def test_a_duplicate_rut_names_the_case_and_offers_to_open_it(file_of, qtbot):
    ctx, p, _window = file_of()
    dialog = NewParticipantDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    opened: list[str] = []
    dialog.open_existing.connect(opened.append)
    for name, text in (("nombres", "Anita"), ("apellido_paterno", "Soto"), ("rut", "12345678-5")):
        dialog.form.editors[name].setFocus()
        qtbot.keyClicks(dialog.form.editors[name], text)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.open_button.isVisible(), timeout=3000)
    assert dialog.form.boxes["rut"].error == f"el RUT 12.345.678-5 ya existe: caso {p.case_no}"
    assert p.case_no in dialog.open_button.text()
    dialog.open_button.click()
    assert opened == [p.id] and not dialog.isVisible()
