"""History tab: what happened to the file (status changes with reasons, audited edits: who, when, what)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from dmi_desktop.domain.models import HistoryEvent
from dmi_desktop.ui.models.history_table_model import COL_ACTION, COL_CHANGES, COL_USER, COL_WHEN, HistoryTableModel


class HistoryTab(QWidget):
    """Read-only history of one participant, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.resizeSection(COL_WHEN, 130)
        header.resizeSection(COL_USER, 120)
        header.resizeSection(COL_ACTION, 230)
        note = QLabel(self.tr("Every change is recorded in the tamper-evident audit log; select a row to read it all."))
        note.setWordWrap(True)
        note.setStyleSheet("font-style: italic;")
        self.detail = QLabel(self)
        self.detail.setObjectName("historyDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().height() * 3)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        self.view.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_detail(current.row()))

    def _show_detail(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.detail.clear()
            return
        cells = [self.model.index(row, c).data() for c in (COL_WHEN, COL_USER, COL_ACTION, COL_CHANGES)]
        self.detail.setText(f"{cells[0]} · {cells[1]} · {cells[2]}\n{cells[3]}")

    def set_entries(self, entries: list[HistoryEvent]) -> None:
        """Show the entries (already newest first)."""
        self.model.set_entries(entries)
        self.detail.clear()
