"""The line above the participants list that says a home line's filter is on, with a button to drop it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from dmi_desktop.services.participants import ParticipantQuery

NO_FOLLOW_UP = ParticipantQuery()
# The query's fields no box of the list shows: set by a home line, kept while the user searches within them.
FOLLOW_UP_FIELDS = ("checkin_overdue", "referral_waiting", "ids", "changed_since")


class FollowUpNote(QWidget):
    """Hidden unless a follow-up filter is on; ``cleared`` when the user removes it."""

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpNote")
        self.text = QLabel(self)
        self.text.setObjectName("followUpText")
        self.clear_button = QPushButton(self.tr("Remove this filter"), self)
        self.clear_button.setObjectName("followUpClear")
        self.clear_button.clicked.connect(self.cleared)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.clear_button)
        self.hide()

    def show_description(self, description: str) -> None:
        """Show ``description`` ("" hides the line)."""
        self.text.setText(self.tr("Showing only: {what}").format(what=description) if description else "")
        self.setVisible(bool(description))
