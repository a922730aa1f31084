"""A read-only summary of one meeting (what ``meeting show`` prints), for the home page's call-in lines."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.domain.meetings import text
from dmi_desktop.domain.status import label
from dmi_desktop.services.meetings import MeetingDetail
from dmi_desktop.ui.errors import show_error

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext


class MeetingSummaryDialog(QDialog):
    """Title, date, venue and the invitees with their invitation and attendance."""

    def __init__(self, detail: MeetingDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meeting_summary")
        m = detail.meeting
        self.setWindowTitle(self.tr("Meeting {ref}").format(ref=m.ref))
        self.resize(760, 460)
        when = f"{m.start:%d-%m-%Y %H:%M}–{m.end:%H:%M}"
        venue = detail.venue.name if detail.venue else self.tr("no venue yet")
        details = " · ".join((text(m.kind), when, venue, text(m.status)))
        header = QLabel(f"<b>{html.escape(m.title)}</b><br>{html.escape(details)}", self)
        header.setWordWrap(True)
        columns = [self.tr("Name"), self.tr("Reference"), self.tr("Invitation"), self.tr("Attendance")]
        columns.append(self.tr("File status"))
        self.table = QTableWidget(len(detail.invitees), len(columns), self)
        self.table.setObjectName("meeting_invitees")
        self.table.setHorizontalHeaderLabels(columns)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, view in enumerate(detail.invitees):
            i = view.invitee
            invitation = text(i.invitation) + (self.tr(" (re-issue)") if i.reissue else "")
            cells = [
                view.name,
                view.reference,
                invitation,
                text(i.attendance) if i.attendance else "",
                label(view.participant_status) if view.participant_status else "",
            ]
            for column, value in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(value))
        counts = detail.counts
        summary = QLabel(
            self.tr("{invited} invited · {pending} without attendance recorded · {reissue} letters to re-issue").format(
                invited=counts["invited"], pending=counts["pending"], reissue=counts["reissue"]
            ),
            self,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.table, 1)
        layout.addWidget(summary)
        layout.addWidget(buttons)


def show_meeting_summary(ctx: AppContext, ref: str, parent: QWidget | None) -> None:
    """Read the meeting on the worker, then show its summary (non-modal)."""
    session = ctx.session

    def shown(detail: MeetingDetail) -> None:
        dialog = MeetingSummaryDialog(detail, parent.window() if parent else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    ctx.worker.submit(lambda _task: session.meetings.detail(ref), shown, lambda exc: show_error(parent, exc))
