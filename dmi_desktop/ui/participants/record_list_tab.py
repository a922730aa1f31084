"""A tab of the file that lists records of one kind, with Add / Edit / Remove (read-only for viewers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.models.record_table_models import RecordTableModel

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext


class RecordListTab(QWidget):
    """Subclasses set ``table`` and implement ``make_model``, ``make_dialog`` and the texts."""

    table = ""

    def __init__(self, ctx: AppContext, participant_id: str, can_write: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.participant_id = participant_id
        self.can_write = can_write
        self.model = self.make_model()
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        # A file holds tens of records, so measuring columns is cheap here (unlike the 100 000-row list).
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(self._open_index)
        self.empty = QLabel(self.empty_text(), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("font-style: italic;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.add_button = QPushButton(self.add_text(), self)
        self.edit_button = QPushButton(self.tr("Edit…") if can_write else self.tr("View…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    # -- subclass hooks ---------------------------------------------------------------------------

    def make_model(self) -> RecordTableModel:
        """The list model of this kind of record."""
        raise NotImplementedError

    def make_dialog(self, record: Any | None, read_only: bool) -> QDialog:
        """The add/edit dialog for one record."""
        raise NotImplementedError

    def add_text(self) -> str:
        """Label of the Add button."""
        return self.tr("Add…")

    def empty_text(self) -> str:
        """Shown instead of an empty table."""
        return self.tr("Nothing recorded yet.")

    def remove_question(self, record: Any) -> str:
        """Confirmation text before removing ``record``."""
        return self.tr("Remove the selected record? The removal is recorded in the history.")

    # -- behaviour ---------------------------------------------------------------------------------

    def set_records(self, records: list[Any]) -> None:
        """Show the records of the file (called whenever the file is reloaded)."""
        selected = self.selected_record()
        self.model.set_rows(records)
        self.stack.setCurrentWidget(self.view if records else self.empty)
        if selected is not None:
            for row, record in enumerate(records):
                if record.id == selected.id:
                    self.view.selectRow(row)
        self._update_buttons()

    def selected_record(self) -> Any | None:
        """The record selected in the list, if any."""
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        has = self.selected_record() is not None
        self.add_button.setEnabled(self.can_write)
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(self.can_write and has)

    def add_record(self) -> None:
        """Open the dialog for a new record."""
        if self.can_write:
            self.make_dialog(None, False).exec()

    def edit_selected(self) -> None:
        """Open the selected record (read-only for viewers)."""
        record = self.selected_record()
        if record is not None:
            self.make_dialog(record, not self.can_write).exec()

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.view.selectRow(index.row())
            self.edit_selected()

    def remove_selected(self) -> None:
        """Confirm, then tombstone the record on the worker."""
        record = self.selected_record()
        if record is None or not self.can_write:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove"),
            self.remove_question(record),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx, table, record_id = self._ctx, self.table, record.id
        ctx.worker.submit(
            lambda _task: ctx.session.participants.delete_record(table, record_id),
            None,
            lambda exc: show_error(self, exc),
        )
