"""Dialog to add or edit one record of a file (influential, referral, check-in, violation, note)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.participants.record_form import FieldSpec, RecordForm
from dmi_desktop.ui.participants.unsaved import UnsavedChoice, ask_unsaved

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext


class RecordDialog(QDialog):
    """A RecordForm with Save/Cancel; saving runs on the worker and keeps the dialog open on errors."""

    def __init__(
        self,
        ctx: AppContext,
        table: str,
        participant_id: str,
        specs: list[FieldSpec],
        *,
        title: str,
        record: Any | None = None,
        defaults: dict[str, Any] | None = None,
        read_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._table = table
        self._participant_id = participant_id
        self._record = record
        self._saving = False
        self.read_only = read_only
        self.setWindowTitle(title)
        self.setObjectName(f"RecordDialog_{table}")
        self.form = self.make_form(table, specs)
        self.form.load(record, defaults)
        self.form.set_read_only(read_only)
        if read_only:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            self.save_button = None
        else:
            self.buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
            self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
            self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.add_extras(layout)
        layout.addWidget(self.buttons)
        self.form.edited.connect(self._update)
        self._update()
        self.setMinimumWidth(480)

    def make_form(self, table: str, specs: list[FieldSpec]) -> RecordForm:
        """The form to show (subclasses may decorate it)."""
        return RecordForm(table, specs, self)

    def add_extras(self, layout: QVBoxLayout) -> None:
        """Hook for subclasses: widgets between the form and the buttons."""

    def _update(self) -> None:
        if self.save_button is not None:
            self.save_button.setEnabled(not self._saving and not self.form.validation_errors())

    def save(self) -> None:
        """Validate, then add or update the record on the worker."""
        if self.read_only or self._saving or not self.form.show_all_errors():
            return
        ctx, table = self._ctx, self._table
        if self._record is None:
            values = self.form.raw_values()
            pid = self._participant_id

            def job(_task: object) -> Any:
                return ctx.session.participants.add_record(table, pid, values)
        else:
            changes = self.form.changed_values()
            if not changes:
                self.accept()
                return
            record_id = self._record.id

            def job(_task: object) -> Any:
                return ctx.session.participants.update_record(table, record_id, changes)

        self._saving = True
        self._update()
        ctx.worker.submit(job, self._saved, self._failed)

    def _saved(self, _record: Any) -> None:
        self._saving = False
        self.form.load(_record)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._saving = False
        if isinstance(exc, ValidationError) and set(exc.errors) & set(self.form.boxes):
            self.form.show_errors(exc.errors)
        else:
            show_error(self, exc)
        self._update()

    def reject(self) -> None:
        """Cancel/Esc asks before dropping what was typed."""
        if self._saving:
            return
        if not self.read_only and self.form.is_dirty():
            choice = ask_unsaved(self, self.windowTitle())
            if choice is UnsavedChoice.CANCEL:
                return
            if choice is UnsavedChoice.SAVE:
                self.save()
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The title bar's close button behaves like Cancel."""
        event.ignore()
        self.reject()
