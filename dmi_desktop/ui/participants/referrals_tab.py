"""Services tab: referrals to employment, psychological support, education or treatment."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog

from dmi_desktop.ui.models.record_table_models import RecordTableModel, ReferralTableModel
from dmi_desktop.ui.participants.record_dialog import RecordDialog
from dmi_desktop.ui.participants.record_form import specs_for
from dmi_desktop.ui.participants.record_list_tab import RecordListTab


class ReferralsTab(RecordListTab):
    """List + add/edit/remove of referrals."""

    table = "referrals"

    def make_model(self) -> RecordTableModel:
        """Service, provider, status, dates."""
        return ReferralTableModel(self)

    def add_text(self) -> str:
        """Add button label."""
        return self.tr("New referral…")

    def empty_text(self) -> str:
        """Empty-list hint."""
        return self.tr("No referrals yet: record the services offered at or after the call-in.")

    def make_dialog(self, record: Any | None, read_only: bool) -> QDialog:
        """Dialog for one referral."""
        specs = specs_for(self.table)
        title = self.tr("Referral") if record else self.tr("New referral")
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
