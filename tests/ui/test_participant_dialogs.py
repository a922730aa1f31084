"""Creating participants through the real dialog: inline validation as a user types, and the row appearing."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from dmi_desktop.domain.status import Status
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.ui.participants.new_participant_dialog import NewParticipantDialog
from dmi_desktop.ui.participants.participants_widget import ParticipantsWidget
from dmi_desktop.ui.participants.status_dialog import StatusChangeDialog
from tests.conftest import VIEWER

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")  # no real modal box may ever block a test


def _type(qtbot, dialog, name, text):
    editor = dialog.form.editors[name]
    editor.setFocus()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # leaving the field is when a half-typed value gets judged
    dialog.form._on_left(name)  # offscreen focus changes are not guaranteed: leave the field explicitly too


def test_invalid_rut_is_flagged_under_the_field_and_save_stays_disabled(make_ctx, qtbot, boxes):
    ctx = make_ctx()
    dialog = NewParticipantDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save_button.isEnabled()  # required names missing
    _type(qtbot, dialog, "nombres", "Ana")
    _type(qtbot, dialog, "apellido_paterno", "Reyes")
    assert dialog.save_button.isEnabled()
    _type(qtbot, dialog, "rut", "12.345.678-9")  # wrong check digit (the right one is 5)
    box = dialog.form.boxes["rut"]
    assert "dígito verificador" in box.error
    assert box.message.isVisible() and "dígito verificador" in box.message.full_text
    assert box.editor.property("invalid") is True
    assert not dialog.save_button.isEnabled()
    dialog.save()  # even forced, nothing is written
    ctx.worker.wait_idle()
    assert ctx.session.participants.count(ParticipantQuery()) == 0
    rut = dialog.form.editors["rut"]
    rut.clear()
    _type(qtbot, dialog, "rut", "12.345.678-5")
    assert box.error == "" and not box.message.isVisible()
    assert dialog.save_button.isEnabled()


def test_required_field_left_empty_and_future_birth_date_are_explained(make_ctx, qtbot):
    ctx = make_ctx()
    dialog = NewParticipantDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog, "nombres", "")
    assert dialog.form.boxes["nombres"].error == "es obligatorio"
    next_year = date.today().year + 1
    _type(qtbot, dialog, "birth_date", f"01-01-{next_year}")
    assert "futuro" in dialog.form.boxes["birth_date"].error


def test_a_minor_is_flagged_while_typing_the_birth_date(make_ctx, qtbot):
    ctx = make_ctx()
    dialog = NewParticipantDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    born = date.today().replace(year=date.today().year - 16, day=1)
    _type(qtbot, dialog, "birth_date", born.strftime("%d-%m-%Y"))
    box = dialog.form.boxes["birth_date"]
    assert box.error == ""
    assert box.message.isVisible() and "16" in box.message.full_text


def test_the_dialog_offers_the_sectors_in_use_once_the_worker_has_read_them(make_ctx, sample_rows, qtbot):
    import threading

    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    gate = threading.Event()
    ctx.worker.submit(lambda _task: gate.wait(10))  # the worker is busy: the dialog must not wait for it
    dialog = NewParticipantDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.form.editors["sector"]
    assert combo.count() == 0  # nothing read on the GUI thread: no sector offered yet
    gate.set()
    qtbot.waitUntil(lambda: combo.count() > 1, timeout=5000)
    assert [combo.itemText(i) for i in range(combo.count())] == ["", "Apoquindo", "Colón Oriente", "El Golf"]


def test_creating_through_the_dialog_adds_the_row_to_the_table(make_ctx, qtbot, boxes):
    ctx = make_ctx()
    area = ParticipantsWidget(ctx)
    qtbot.addWidget(area)
    area.show()
    assert area.model.rowCount() == 0
    dialog = area.new_participant()
    assert dialog is not None
    _type(qtbot, dialog, "nombres", "Valentina")
    _type(qtbot, dialog, "apellido_paterno", "Carrasco")
    _type(qtbot, dialog, "rut", "9.876.543-3")
    sector = dialog.form.editors["sector"]
    sector.lineEdit().insert("Colón Oriente")  # QTest cannot type non-ASCII keys; insert() is what an IME does
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: area.model.rowCount() == 1, timeout=3000)
    assert area.model.index(0, 1).data() == "Valentina Carrasco"
    assert area.model.index(0, 3).data() == "9.876.543-3"
    assert area.count_label.text() == "1 participant"
    qtbot.waitUntil(lambda: area.sector_filter.findData("Colón Oriente") >= 0, timeout=3000)  # offered as a filter
    assert boxes["warning"] == []


def test_a_duplicate_rut_refused_by_the_service_shows_under_the_rut_field(make_ctx, qtbot, boxes):
    ctx = make_ctx()
    ctx.session.participants.create({"nombres": "Ana", "apellido_paterno": "Reyes", "rut": "12345678-5"})
    dialog = NewParticipantDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog, "nombres", "Otra")
    _type(qtbot, dialog, "apellido_paterno", "Persona")
    _type(qtbot, dialog, "rut", "12.345.678-5")
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.form.boxes["rut"].error), timeout=3000)
    assert "ya existe" in dialog.form.boxes["rut"].error
    assert dialog.isVisible()


def test_cancelling_a_dialog_with_typed_data_asks_first(make_ctx, qtbot, boxes):
    ctx = make_ctx()
    dialog = NewParticipantDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog, "nombres", "Ana")
    boxes["answers"].append(QMessageBox.StandardButton.Cancel)
    dialog.reject()
    assert dialog.isVisible() and len(boxes["question"]) == 1
    boxes["answers"].append(QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert not dialog.isVisible()


def test_status_dialog_offers_only_legal_states_and_requires_a_reason(qtbot):
    dialog = StatusChangeDialog(Status.UNDER_REVIEW, "Ana Reyes")
    qtbot.addWidget(dialog)
    assert dialog.offered() == [Status.ELIGIBLE, Status.NOT_ELIGIBLE, Status.DROPPED]
    assert not dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    qtbot.keyClicks(dialog.reason, "   ")
    assert not dialog.ok_button.isEnabled()  # blanks are not a reason
    qtbot.keyClicks(dialog.reason, "Revisado con el fiscal")
    assert dialog.target.currentIndex() == -1  # nothing preselected: Enter must not apply the first state
    assert dialog.target.currentText() == "" and dialog.target.placeholderText()
    assert not dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    dialog.target.setCurrentIndex(dialog.target.findData(Status.DROPPED.value))
    assert dialog.ok_button.isEnabled()
    assert dialog.change().target is Status.DROPPED
    assert dialog.change().reason == "Revisado con el fiscal"


def test_viewer_cannot_create(make_ctx, qtbot):
    ctx = make_ctx(VIEWER)
    area = ParticipantsWidget(ctx)
    qtbot.addWidget(area)
    assert area.new_participant() is None


def test_an_inline_error_appearing_moves_no_field(make_ctx, qtbot):
    ctx = make_ctx()
    dialog = NewParticipantDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.form

    def places() -> dict[str, tuple[int, int]]:
        QApplication.processEvents()
        return {name: (e.mapTo(dialog, e.rect().topLeft()).y(), e.height()) for name, e in form.editors.items()}

    before, size = places(), dialog.size()
    _type(qtbot, dialog, "rut", "12.345.678-9")  # a long message: wider than its field
    _type(qtbot, dialog, "nombres", "")
    assert form.boxes["rut"].error and form.boxes["nombres"].error
    assert places() == before and dialog.size() == size
    message = form.boxes["rut"].message
    assert message.height() == message.fontMetrics().height() + 2  # one line, never wrapped
    assert "dígito verificador" in message.full_text and message.toolTip() in ("", message.full_text)


def test_every_date_field_fits_its_placeholder_and_a_full_date(make_ctx, qtbot):
    from dmi_desktop.ui.participants.field_box import DateLineEdit

    ctx = make_ctx()
    dialog = NewParticipantDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dates = [e for e in dialog.form.editors.values() if isinstance(e, DateLineEdit)]
    assert dates
    for edit in dates:
        text_room = edit.width() - edit.height()  # the clear button takes about a square at the right
        assert text_room >= edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        assert text_room >= edit.fontMetrics().horizontalAdvance("00-00-0000")


def test_the_new_participant_dialog_has_no_empty_bands(make_ctx, qtbot):
    ctx = make_ctx()
    dialog = NewParticipantDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    gap = dialog.layout().spacing() + 2
    intro, form, buttons = dialog.intro.geometry(), dialog.form.geometry(), dialog.buttons.geometry()
    assert form.top() - intro.bottom() <= gap  # the form follows the introduction
    assert buttons.top() - form.bottom() <= gap  # and the buttons follow the form
    assert dialog.height() <= dialog.layout().totalHeightForWidth(dialog.width()) + 2  # no spare height to spread
    tops = sorted({e.mapTo(dialog, e.rect().topLeft()).y() for e in dialog.form.editors.values()})
    pitches = {b - a for a, b in pairwise(tops)}
    assert max(pitches) - min(pitches) <= 2  # rows evenly spaced: no band between two of them
