"""The invitees of one meeting, as the attendance table shows them (tens of rows, held in memory)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from dmi_desktop.domain.meetings import Attendance, text
from dmi_desktop.domain.status import label
from dmi_desktop.services.meetings import InviteeView
from dmi_desktop.ui.models.formatting import format_date

AnyIndex = QModelIndex | QPersistentModelIndex
# Attendance right after the name: during the meeting it is the column people look at.
COL_NAME, COL_ATTENDANCE, COL_REFERENCE, COL_STATUS, COL_INVITATION, COL_DELIVERED, COL_FOLLOW_UP = range(7)
# Colours of the attendance cell, readable on light and dark palettes (Okabe–Ito).
ATTENDANCE_COLOURS = {
    Attendance.ATTENDED: "#009E73",
    Attendance.NO_SHOW: "#D55E00",
    Attendance.EXCUSED: "#E69F00",
    Attendance.IN_CUSTODY: "#56B4E9",
}


class InviteeTableModel(QAbstractTableModel):
    """One row per invitee; refreshing with the same invitees updates cells in place (the cursor stays)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[InviteeView] = []

    def headers(self) -> list[str]:
        """Translated column titles."""
        titles = {
            COL_NAME: QCoreApplication.translate("InviteeTableModel", "Name"),
            COL_ATTENDANCE: QCoreApplication.translate("InviteeTableModel", "Attendance"),
            COL_REFERENCE: QCoreApplication.translate("InviteeTableModel", "Reference"),
            COL_STATUS: QCoreApplication.translate("InviteeTableModel", "File status"),
            COL_INVITATION: QCoreApplication.translate("InviteeTableModel", "Invitation"),
            COL_DELIVERED: QCoreApplication.translate("InviteeTableModel", "Delivered"),
            COL_FOLLOW_UP: QCoreApplication.translate("InviteeTableModel", "To decide"),
        }
        return [titles[c] for c in range(7)]

    def set_rows(self, rows: list[InviteeView]) -> None:
        """Show ``rows``; the same invitees in the same order change in place, keeping the current row."""
        if [r.invitee.id for r in rows] == [r.invitee.id for r in self._rows]:
            self._rows = list(rows)
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def view(self, row: int) -> InviteeView:
        """The invitee at ``row``."""
        return self._rows[row]

    def views(self) -> list[InviteeView]:
        """Every invitee shown, in order."""
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        """Number of invitees."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        """Number of columns."""
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, the attendance colour, and influentials in italics."""
        if not index.isValid():
            return None
        view = self._rows[index.row()]
        invitee, column = view.invitee, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(view, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_ATTENDANCE and invitee.attendance:
            return QBrush(QColor(ATTENDANCE_COLOURS[invitee.attendance]))
        if role == Qt.ItemDataRole.FontRole and (
            (column == COL_ATTENDANCE and invitee.attendance) or (column == COL_INVITATION and invitee.reissue)
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_INVITATION and invitee.reissue:
            return QCoreApplication.translate(
                "InviteeTableModel", "The meeting was moved after this letter was issued: issue it again."
            )
        return None

    def _text(self, view: InviteeView, column: int) -> str:
        invitee = view.invitee
        if column == COL_NAME:
            return view.name
        if column == COL_REFERENCE:
            return view.reference
        if column == COL_STATUS:
            return label(view.participant_status) if view.participant_status else ""
        if column == COL_INVITATION:
            state = text(invitee.invitation)
            return state + (QCoreApplication.translate("InviteeTableModel", " — re-issue") if invitee.reissue else "")
        if column == COL_DELIVERED:
            if not invitee.delivered_on and not invitee.delivered_by:
                return ""
            return " · ".join(p for p in (format_date(invitee.delivered_on), invitee.delivered_by) if p)
        if column == COL_ATTENDANCE:
            if invitee.attendance:
                return text(invitee.attendance)
            return QCoreApplication.translate("InviteeTableModel", "pending") if invitee.kind == "participant" else ""
        if column == COL_FOLLOW_UP:
            return text(invitee.follow_up) if invitee.follow_up else ""
        return ""
