"""Eligibility review tab: the criteria checklist and decisions taken with the prosecutor."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog

from dmi_desktop.ui.models.record_table_models import RecordTableModel, ReviewTableModel
from dmi_desktop.ui.participants.record_list_tab import RecordListTab
from dmi_desktop.ui.participants.review_dialog import ReviewDialog


class EligibilityTab(RecordListTab):
    """Reviews of this participant; each one records criteria, suggestion and decision."""

    table = "eligibility_reviews"

    def make_model(self) -> RecordTableModel:
        """Date, decision, suggestion, reviewer."""
        return ReviewTableModel(self)

    def add_text(self) -> str:
        """Add button label."""
        return self.tr("New review…")

    def empty_text(self) -> str:
        """Empty-list hint."""
        return self.tr("No eligibility review yet. Record one after reviewing the case with the prosecutor.")

    def make_dialog(self, record: Any | None, read_only: bool) -> QDialog:
        """The review dialog with the criteria checklist."""
        return ReviewDialog(self._ctx, self.participant_id, record=record, read_only=read_only, parent=self)
