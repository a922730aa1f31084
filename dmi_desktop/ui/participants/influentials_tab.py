"""Influentials tab: family members, partners and mentors to visit before the call-in."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog

from dmi_desktop.ui.models.record_table_models import InfluentialTableModel, RecordTableModel
from dmi_desktop.ui.participants.record_dialog import RecordDialog
from dmi_desktop.ui.participants.record_form import specs_for
from dmi_desktop.ui.participants.record_list_tab import RecordListTab


class InfluentialsTab(RecordListTab):
    """List + add/edit/remove of influentials."""

    table = "influentials"

    def make_model(self) -> RecordTableModel:
        """Name, relationship, phone, visit."""
        return InfluentialTableModel(self)

    def add_text(self) -> str:
        """Add button label."""
        return self.tr("Add influential…")

    def empty_text(self) -> str:
        """Empty-list hint."""
        return self.tr("No influentials yet: add the family members or mentors to visit before the call-in.")

    def make_dialog(self, record: Any | None, read_only: bool) -> QDialog:
        """Dialog for one influential."""
        specs = specs_for(self.table, {"relationship": self.tr("e.g. mother, partner, coach")})
        title = self.tr("Influential") if record else self.tr("New influential")
        return RecordDialog(
            self._ctx,
            self.table,
            self.participant_id,
            specs,
            title=title,
            record=record,
            read_only=read_only,
            parent=self,
        )
