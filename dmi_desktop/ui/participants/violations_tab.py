"""Violations tab: new offences or dealing, which may activate the banked case."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog

from dmi_desktop.domain.roles import can_handle_banked_case
from dmi_desktop.ui.models.record_table_models import RecordTableModel, ViolationTableModel
from dmi_desktop.ui.participants.record_dialog import RecordDialog
from dmi_desktop.ui.participants.record_form import specs_for
from dmi_desktop.ui.participants.record_list_tab import RecordListTab


class ViolationsTab(RecordListTab):
    """List + add/edit/remove of violations."""

    table = "violations"

    def make_model(self) -> RecordTableModel:
        """Date, description, case activated."""
        return ViolationTableModel(self)

    def add_text(self) -> str:
        """Add button label."""
        return self.tr("Record violation…")

    def empty_text(self) -> str:
        """Empty-list hint."""
        return self.tr("No violations recorded.")

    def make_dialog(self, record: Any | None, read_only: bool) -> QDialog:
        """Dialog for one violation."""
        specs = specs_for(self.table)
        title = self.tr("Violation") if record else self.tr("New violation")
        dialog = RecordDialog(
            self._ctx,
            self.table,
            self.participant_id,
            specs,
            title=title,
            record=record,
            read_only=read_only,
            parent=self,
        )
        if not can_handle_banked_case(self._ctx.session.role):
            # Activating the banked case is the coordinators' decision; staff see the box but cannot change it.
            box = dialog.form.editors["case_activated"]
            box.setEnabled(False)
            box.setToolTip(self.tr("Only coordinators can activate the banked case."))
        return dialog
