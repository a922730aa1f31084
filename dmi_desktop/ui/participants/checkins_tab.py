"""Check-ins tab: monitoring contacts after enrolment."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog

from dmi_desktop.ui.models.record_table_models import CheckInTableModel, RecordTableModel
from dmi_desktop.ui.participants.record_dialog import RecordDialog
from dmi_desktop.ui.participants.record_form import specs_for
from dmi_desktop.ui.participants.record_list_tab import RecordListTab


class CheckInsTab(RecordListTab):
    """List + add/edit/remove of check-ins (newest first)."""

    table = "checkins"

    def make_model(self) -> RecordTableModel:
        """Date, method, who, notes."""
        return CheckInTableModel(self)

    def add_text(self) -> str:
        """Add button label."""
        return self.tr("New check-in…")

    def empty_text(self) -> str:
        """Empty-list hint."""
        return self.tr("No check-ins recorded yet.")

    def make_dialog(self, record: Any | None, read_only: bool) -> QDialog:
        """Dialog for one check-in; a new one defaults to today and the current user."""
        specs = specs_for(self.table, {"method": self.tr("e.g. at the fair, at work")})
        defaults = {"recorded_by": self._ctx.session.user}  # the date starts at today (field registry)
        title = self.tr("Check-in") if record else self.tr("New check-in")
        return RecordDialog(
            self._ctx,
            self.table,
            self.participant_id,
            specs,
            title=title,
            record=record,
            defaults=defaults,
            read_only=read_only,
            parent=self,
        )
