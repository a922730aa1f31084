"""Printing from the participant area: Ctrl+P / "Print file…" and "Print list…" ask the purpose, then preview the
PDF from memory; saving from the preview writes where the user chose and is audited."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.participants.file_window import ParticipantFileWindow
from dmi_desktop.ui.participants.participants_widget import ParticipantsWidget
from dmi_desktop.ui.printing.preview_dialog import PdfPreviewDialog
from dmi_desktop.ui.printing.purpose_dialog import PrintPurposeDialog
from tests.ui.list_helpers import settle

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")


def _answer_purpose(seen: dict, purpose: str) -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PrintPurposeDialog)
        seen["preview_enabled_empty"] = dialog.preview_button.isEnabled()
        dialog.purpose.setText(purpose)
        dialog.preview_button.click()

    QTimer.singleShot(0, answer)


def _preview(qtbot) -> PdfPreviewDialog:
    found: list[PdfPreviewDialog] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=5000)
    return found[0]


def _close(widget) -> None:
    if shiboken6.isValid(widget):
        widget.close()


def test_ctrl_p_in_the_file_asks_the_purpose_then_previews_the_file(make_ctx, qtbot):
    ctx = make_ctx()
    p = ctx.session.participants.create({"nombres": "José Ñandú", "apellido_paterno": "Pérez"})
    window = ParticipantFileWindow(ctx, p.id)
    window.show()
    settle(ctx)
    seen: dict = {}
    _answer_purpose(seen, "revisión de caso")
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = _preview(qtbot)
    try:
        assert seen["preview_enabled_empty"] is False  # no purpose, no preview
        assert preview.page_count() >= 1
        assert p.case_no in preview.windowTitle()
        entry = ctx.session.vault.audit.chain(ctx.session.device_id)[-1]
        assert entry.action == "participant.print" and entry.after["purpose"] == "revisión de caso"
    finally:
        _close(preview)
        _close(window)


def test_print_list_previews_the_filtered_list_and_saves_it_audited(make_ctx, qtbot, tmp_path, monkeypatch):
    ctx = make_ctx()
    for i in range(3):
        ctx.session.participants.create({"nombres": f"Íñigo {i}", "apellido_paterno": "Núñez"})
    area = ParticipantsWidget(ctx)
    qtbot.addWidget(area)
    settle(ctx)
    seen: dict = {}
    _answer_purpose(seen, "reunión de equipo")
    from dmi_desktop.ui.printing.print_actions import print_current_list

    print_current_list(ctx, area, area.model.query)
    preview = _preview(qtbot)
    target = tmp_path / "listado.pdf"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(target), ""))
    try:
        assert preview.page_count() == 1
        preview.save_button.click()
        qtbot.waitUntil(target.exists, timeout=5000)
        settle(ctx)
        assert Path(target).read_bytes().startswith(b"%PDF")
        actions = [e.action for e in ctx.session.vault.audit.chain(ctx.session.device_id)[-2:]]
        assert actions == ["participant.print_list", "participant.print_list.output"]
    finally:
        _close(preview)


def test_cancelling_the_purpose_prints_nothing(make_ctx, qtbot):
    ctx = make_ctx()
    p = ctx.session.participants.create({"nombres": "Ana", "apellido_paterno": "Reyes"})
    window = ParticipantFileWindow(ctx, p.id)
    window.show()
    settle(ctx)
    before = len(ctx.session.vault.audit.chain(ctx.session.device_id))

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PrintPurposeDialog)
        dialog.reject()

    QTimer.singleShot(0, cancel)
    window.print_button.click()
    settle(ctx)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog) and w.isVisible()]
    assert len(ctx.session.vault.audit.chain(ctx.session.device_id)) == before
    _close(window)


def test_print_paints_every_previewed_page_onto_the_printer(make_ctx, qtbot, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from dmi_desktop.services import printing
    from dmi_desktop.ui.printing.print_actions import show_preview
    from dmi_desktop.ui.printing.purpose_dialog import PrintRequest

    ctx = make_ctx()
    for i in range(60):
        ctx.session.participants.create({"nombres": f"Íñigo {i}", "apellido_paterno": "Núñez"})
    data = printing.participant_list(ctx.session, "prueba de impresora")
    preview = show_preview(ctx, None, data, "Listado", "l.pdf", "participant.print_list", PrintRequest("x", "carta"))
    try:
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a "printer" the test can read back
        printer.setOutputFileName(str(tmp_path / "impreso.pdf"))
        preview.paint_onto(printer)
        assert len(PdfReader(tmp_path / "impreso.pdf").pages) == preview.page_count() >= 2
    finally:
        _close(preview)
