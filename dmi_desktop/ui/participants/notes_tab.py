"""Notes tab: free-text notes on the file, newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog

from dmi_desktop.ui.models.record_table_models import NoteTableModel, RecordTableModel
from dmi_desktop.ui.participants.record_dialog import RecordDialog
from dmi_desktop.ui.participants.record_form import specs_for
from dmi_desktop.ui.participants.record_list_tab import RecordListTab


class NotesTab(RecordListTab):
    """List + add/edit/remove of notes."""

    table = "notes"

    def make_model(self) -> RecordTableModel:
        """Written on, author, first line."""
        return NoteTableModel(self)

    def add_text(self) -> str:
        """Add button label."""
        return self.tr("New note…")

    def empty_text(self) -> str:
        """Empty-list hint."""
        return self.tr("No notes yet.")

    def make_dialog(self, record: Any | None, read_only: bool) -> QDialog:
        """Dialog for one note; the author defaults to the current user."""
        specs = specs_for(self.table)
        title = self.tr("Note") if record else self.tr("New note")
        return RecordDialog(
            self._ctx,
            self.table,
            self.participant_id,
            specs,
            title=title,
            record=record,
            defaults={"author": self._ctx.session.user},
            read_only=read_only,
            parent=self,
        )
