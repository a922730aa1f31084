"""The invitee table built for use during the meeting: one key marks attendance and moves to the next row."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView, QWidget

from dmi_desktop.domain.meetings import Attendance
from dmi_desktop.ui.models.invitee_table_model import (
    COL_ATTENDANCE,
    COL_DELIVERED,
    COL_INVITATION,
    COL_NAME,
    COL_REFERENCE,
    COL_STATUS,
    InviteeTableModel,
)
from dmi_desktop.ui.widgets.row_table import configure_row_table

# A = asistió, N = no asistió, E = excusado, C = detenido (in custody): the same letters in both languages, so
# a coordinator's fingers learn one set.
MARK_KEYS: dict[int, Attendance] = {
    Qt.Key.Key_A: Attendance.ATTENDED,
    Qt.Key.Key_N: Attendance.NO_SHOW,
    Qt.Key.Key_E: Attendance.EXCUSED,
    Qt.Key.Key_C: Attendance.IN_CUSTODY,
}


class AttendanceTable(QTableView):
    """Rows of invitees; A/N/E/C ask for a mark and advance; Enter or F2 edits the invitation."""

    mark_requested = Signal(int, object)  # row, Attendance
    edit_requested = Signal(int)  # row

    def __init__(self, model: InviteeTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceTable")
        self.setModel(model)
        self.marking_enabled = True
        configure_row_table(self, row_padding=12)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        samples = {
            COL_NAME: "Miguel Richard Barrientos González",
            COL_REFERENCE: "influyente de DEMO-2026-00000",
            COL_STATUS: "privado de libertad",
            COL_INVITATION: "carta emitida — reemitir",
            COL_DELIVERED: "00-00-0000 · coordinadora",
            COL_ATTENDANCE: "privado de libertad",
        }
        for column, sample in samples.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 18)
        self.doubleClicked.connect(lambda index: self.edit_requested.emit(index.row()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A/N/E/C mark the current row and move to the next; Enter/F2 edit the invitation."""
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & ~Qt.KeyboardModifier.ShiftModifier)
        row = self.currentIndex().row()
        if plain and key in MARK_KEYS and self.marking_enabled:
            if row >= 0:
                self.mark_requested.emit(row, MARK_KEYS[Qt.Key(key)])
                self.move_to(row + 1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and row >= 0:
            self.edit_requested.emit(row)
            return
        super().keyPressEvent(event)

    def move_to(self, row: int) -> None:
        """Make ``row`` (clamped to the table) the current one."""
        count = self.model().rowCount()
        if count:
            self.setCurrentIndex(self.model().index(max(0, min(count - 1, row)), COL_NAME))
