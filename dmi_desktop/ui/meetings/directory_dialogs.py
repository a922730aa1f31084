"""Venues and partner contacts: a list with add, edit and remove, the entry forms built from the field registry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.domain.meetings import text
from dmi_desktop.domain.roles import can_write
from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.participants.record_dialog import RecordDialog
from dmi_desktop.ui.participants.record_form import specs_for

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext

VENUES, CONTACTS = "venues", "contacts"


class DirectoryEntryDialog(RecordDialog):
    """Add or edit one venue or contact; saving goes through the directory service on the worker."""

    def save(self) -> None:
        """Validate, then add or update the entry on the worker."""
        if self.read_only or self._saving or not self.form.show_all_errors():
            return
        ctx, table, record = self._ctx, self._table, self._record
        service = getattr(ctx.session, table)
        if record is None:
            values = self.form.raw_values()

            def job(_task: object) -> Any:
                return service.add(values)
        else:
            changes = self.form.changed_values()
            if not changes:
                self.accept()
                return

            def job(_task: object) -> Any:
                return service.update(record.id, changes)

        self._saving = True
        self._update()
        ctx.worker.submit(job, self._saved, self._failed)


class DirectoryDialog(QDialog):
    """The venues or the contacts, one per row; staff and coordinators add, edit and remove."""

    def __init__(self, ctx: AppContext, table: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.table_name = table
        self.entries: list[Any] = []
        self.entry_dialog: DirectoryEntryDialog | None = None
        self.setObjectName(f"DirectoryDialog_{table}")
        self.setWindowTitle(self.tr("Venues") if table == VENUES else self.tr("Partner contacts"))
        self.list = QTableWidget(self)
        self.list.setObjectName("directoryList")
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().hide()
        self.list.horizontalHeader().setStretchLastSection(True)
        if table == VENUES:
            headers = [self.tr("Name"), self.tr("Address"), self.tr("Capacity"), self.tr("Accessibility")]
        else:
            headers = [self.tr("Organisation"), self.tr("Name"), self.tr("Role"), self.tr("Phone"), self.tr("E-mail")]
        self.list.setColumnCount(len(headers))
        self.list.setHorizontalHeaderLabels(headers)
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        writable = can_write(ctx.session.role)
        for button in (self.add_button, self.remove_button):
            button.setEnabled(writable)
        if not writable:
            self.edit_button.setText(self.tr("Show…"))
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(self._edit_current)
        self.remove_button.clicked.connect(self._remove_current)
        self.list.doubleClicked.connect(lambda _i: self._edit_current())
        ctx.hub.changed.connect(self._on_changed)
        self.resize(720, 420)
        self.load()

    def load(self) -> None:
        """Read the entries on the worker."""
        ctx, table = self._ctx, self.table_name
        ctx.worker.submit(lambda _t: getattr(ctx.session, table).list(), self._show, lambda e: show_error(self, e))

    def _on_changed(self, changes: object) -> None:
        if getattr(changes, "entity", "") == self.table_name:
            self.load()

    def _show(self, entries: list[Any]) -> None:
        if self.table_name == CONTACTS:
            entries = sorted(entries, key=lambda c: (text(c.organisation), c.name))
        self.entries = entries
        self.list.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            if self.table_name == VENUES:
                cells = [entry.name, entry.address, "" if entry.capacity is None else str(entry.capacity)]
                cells.append(entry.accessibility)
            else:
                cells = [text(entry.organisation), entry.name, entry.role, entry.phone, entry.email]
            for col, value in enumerate(cells):
                self.list.setItem(row, col, QTableWidgetItem(value))
        self.list.resizeColumnsToContents()
        self.edit_button.setEnabled(bool(entries))
        self.remove_button.setEnabled(bool(entries) and can_write(self._ctx.session.role))

    def edit(self, entry: Any | None) -> DirectoryEntryDialog:
        """Open the form for a new entry (``None``) or an existing one."""
        title = {
            (VENUES, True): self.tr("New venue"),
            (VENUES, False): self.tr("Venue"),
            (CONTACTS, True): self.tr("New contact"),
            (CONTACTS, False): self.tr("Contact"),
        }[(self.table_name, entry is None)]
        dialog = DirectoryEntryDialog(
            self._ctx,
            self.table_name,
            "",
            specs_for(self.table_name),
            title=title,
            record=entry,
            read_only=not can_write(self._ctx.session.role),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "entry_dialog", None))
        self.entry_dialog = dialog
        dialog.open()
        return dialog

    def _current(self) -> Any | None:
        row = self.list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _edit_current(self) -> None:
        entry = self._current()
        if entry is not None:
            self.edit(entry)

    def _remove_current(self) -> None:
        entry = self._current()
        if entry is None or not can_write(self._ctx.session.role):
            return
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("Remove “{name}”? Meetings that used it keep their record.").format(name=entry.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx, table = self._ctx, self.table_name
        ctx.worker.submit(lambda _t: getattr(ctx.session, table).delete(entry.id), None, lambda e: show_error(self, e))
