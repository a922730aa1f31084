"""Header of a participant file: name, case number, status badge, minor flag and the status action."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from dmi_desktop.domain.models import Participant
from dmi_desktop.domain.status import Status, is_terminal, label

# Colour families let a coordinator read the state of a file at a glance.
_GOOD = {Status.ENROLLED, Status.MONITORING, Status.COMPLETED, Status.ATTENDED}
_BAD = {Status.VIOLATION, Status.CASE_ACTIVATED, Status.NO_SHOW, Status.REFERRED_TO_PROSECUTION, Status.NOT_ELIGIBLE}
_CLOSED = {Status.DROPPED, Status.DECLINED, Status.IN_CUSTODY}


def badge_colours(status: Status) -> tuple[str, str]:
    """(background, text) colours of the status badge."""
    if status in _GOOD:
        return "#e3f4e6", "#1b5e20"
    if status in _BAD:
        return "#fde7e7", "#8e1b1b"
    if status in _CLOSED:
        return "#eeeeee", "#424242"
    return "#e4eefb", "#0d3c7a"


class FileHeader(QWidget):
    """Who the file is about, where it stands, and the button to move it along its life cycle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLabel(self)
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.case_no = QLabel(self)
        self.case_no.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(self)
        self.status.setObjectName("statusBadge")
        self.minor = QLabel(self.tr("Minor"), self)
        self.minor.setObjectName("minorFlag")
        self.minor.setStyleSheet(
            "background: #fff4e5; color: #8a4b00; border: 1px solid #f0b45a; border-radius: 8px; padding: 2px 8px;"
            " font-weight: bold;"
        )
        self.minor.setToolTip(self.tr("Under 18: call-ins need parental release (16 and over only)."))
        self.change_status = QPushButton(self.tr("Change status…"), self)
        self.change_status.setAutoDefault(False)
        badges = QHBoxLayout()
        badges.setSpacing(8)
        badges.addWidget(self.case_no)
        badges.addWidget(self.status)
        badges.addWidget(self.minor)
        badges.addStretch(1)
        left = QVBoxLayout()
        left.setSpacing(4)
        left.addWidget(self.name)
        left.addLayout(badges)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addWidget(self.change_status)

    def show_participant(self, participant: Participant, can_write: bool) -> None:
        """Fill the header from the stored participant."""
        self.name.setText(participant.full_name or self.tr("(no name)"))
        self.case_no.setText(self.tr("Case {case_no}").format(case_no=participant.case_no))
        background, colour = badge_colours(participant.status)
        self.status.setText(label(participant.status))
        self.status.setStyleSheet(
            f"background: {background}; color: {colour}; border-radius: 8px; padding: 2px 8px; font-weight: bold;"
        )
        self.minor.setVisible(participant.is_minor_on(date.today()))
        closed = is_terminal(participant.status)
        self.change_status.setEnabled(can_write and not closed)
        if closed:
            self.change_status.setToolTip(self.tr("The file is closed: no further status changes."))
        elif not can_write:
            self.change_status.setToolTip(self.tr("Your role can only consult files."))
        else:
            self.change_status.setToolTip(self.tr("Move the file to one of the next allowed states."))
