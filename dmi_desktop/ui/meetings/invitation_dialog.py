"""How far one invitation got: pending, letter issued, delivered (by whom, when), acknowledged, declined."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.domain.meetings import InvitationStatus, Invitee, text


@dataclass(frozen=True)
class InvitationChange:
    """What the user set: the status and, for a delivery, by whom and when."""

    status: InvitationStatus
    delivered_by: str
    delivered_on: date | None


class InvitationDialog(QDialog):
    """Status combo; the delivery fields apply when the letter was delivered."""

    def __init__(self, invitee: Invitee, name: str, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("InvitationDialog")
        self.setWindowTitle(self.tr("Invitation of {name}").format(name=name))
        self.status = QComboBox(self)
        for status in InvitationStatus:
            self.status.addItem(text(status), status.value)
        self.status.setCurrentIndex(self.status.findData(invitee.invitation.value))
        self.delivered_by = QLineEdit(invitee.delivered_by or user, self)
        day = invitee.delivered_on or date.today()
        self.delivered_on = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.delivered_on.setCalendarPopup(True)
        self.delivered_on.setDisplayFormat("dd-MM-yyyy")
        form = QFormLayout()
        form.addRow(self.tr("Invitation"), self.status)
        form.addRow(self.tr("Delivered by"), self.delivered_by)
        form.addRow(self.tr("Delivered on"), self.delivered_on)
        note = QLabel(self.tr("Issuing or delivering the letter again clears the “re-issue” mark."), self)
        note.setWordWrap(True)
        note.setVisible(invitee.reissue)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.status.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        delivered = self.status.currentData() == InvitationStatus.DELIVERED.value
        self.delivered_by.setEnabled(delivered)
        self.delivered_on.setEnabled(delivered)

    def change(self) -> InvitationChange:
        """The status chosen, with delivery details when delivered."""
        status = InvitationStatus(self.status.currentData())
        if status is not InvitationStatus.DELIVERED:
            return InvitationChange(status, "", None)
        d = self.delivered_on.date()
        return InvitationChange(status, self.delivered_by.text().strip(), date(d.year(), d.month(), d.day()))
