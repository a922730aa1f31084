"""The meeting page: header, status actions, invitations and the attendance table with counts at a glance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from dmi_desktop.domain.meetings import Attendance, MeetingStatus, text
from dmi_desktop.domain.roles import can_write
from dmi_desktop.domain.status import label
from dmi_desktop.services.meeting_invitations import AttendanceRecorded, Invited
from dmi_desktop.services.meetings import CLOSED, MOVES, MeetingDetail
from dmi_desktop.ui.errors import error_text, show_error
from dmi_desktop.ui.meetings import meeting_commands
from dmi_desktop.ui.meetings.attendance_table import AttendanceTable
from dmi_desktop.ui.meetings.clash_dialog import save_checked
from dmi_desktop.ui.meetings.invite_panel import InvitePanel
from dmi_desktop.ui.meetings.labels import when_text
from dmi_desktop.ui.models.invitee_table_model import InviteeTableModel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from dmi_desktop.ui.context import AppContext


class MeetingPage(QWidget):
    """One meeting in its own window; every change goes through the services on the worker."""

    closed = Signal(str)  # the meeting id

    def __init__(self, ctx: AppContext, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.detail: MeetingDetail | None = None
        self.dialog: QDialog | None = None  # the reason, reschedule or invitation dialog while open
        self.clash_dialog: QDialog | None = None
        self.setObjectName("MeetingPage")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.heading = QLabel(self)
        self.heading.setObjectName("meetingHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.heading.setFont(font)
        self.info = QLabel(self)
        self.info.setObjectName("meetingInfo")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, caption in (
            ("reschedule", self.tr("Reschedule…")),
            ("confirmed", self.tr("Confirm")),
            ("held", self.tr("Mark held")),
            ("postponed", self.tr("Postpone…")),
            ("cancelled", self.tr("Cancel meeting…")),
        ):
            self.buttons[key] = QPushButton(caption, self)
            bar.addWidget(self.buttons[key])
        bar.addStretch(1)
        for key, caption in (("ics", self.tr("Export .ics…")), ("sheet", self.tr("Attendance sheet (PDF)…"))):
            self.buttons[key] = QPushButton(caption, self)
            bar.addWidget(self.buttons[key])
        self.counts = QLabel(self)
        self.counts.setObjectName("attendanceCounts")
        self.message = QLabel(self)
        self.message.setObjectName("meetingMessage")
        self.message.setWordWrap(True)
        self.model = InviteeTableModel(self)
        self.table = AttendanceTable(self.model, self)
        keys = QLabel(
            self.tr(
                "Keys: A attended · N no-show · E excused · C in custody (the next row follows) · "
                "Enter: invitation status"
            ),
            self,
        )
        keys.setWordWrap(True)
        self.invite = InvitePanel(ctx, self)
        self.invite.setMaximumWidth(420)
        left = QVBoxLayout()
        left.addWidget(self.counts)
        left.addWidget(self.table, 1)
        left.addWidget(keys)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.invite, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.info)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)
        self.buttons["reschedule"].clicked.connect(lambda: meeting_commands.reschedule(self))
        for status in (MeetingStatus.CONFIRMED, MeetingStatus.HELD, MeetingStatus.POSTPONED, MeetingStatus.CANCELLED):
            self.buttons[status.value].clicked.connect(lambda _c=False, s=status: meeting_commands.set_status(self, s))
        self.buttons["ics"].clicked.connect(lambda: meeting_commands.export_ics(self))
        self.buttons["sheet"].clicked.connect(lambda: meeting_commands.export_sheet(self))
        self.table.mark_requested.connect(self.mark)
        self.table.edit_requested.connect(lambda row: meeting_commands.edit_invitation(self, row))
        self.invite.invite_requested.connect(self.invite_people)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        ctx.hub.changed.connect(self._on_changed)
        self._writable = can_write(ctx.session.role)
        self._enable(None)
        self.resize(1180, 680)
        self.load()
        self.load_contacts()
        self.table.setFocus()

    # -- reading ----------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the meeting with its invitees on the worker."""
        ctx, key = self.ctx, self.meeting_id
        if ctx.session.is_open:
            ctx.worker.submit(lambda _t: ctx.session.meetings.detail(key), self.show_detail, self._failed)

    def load_contacts(self) -> None:
        """Read the partner contacts for the invite panel."""
        ctx = self.ctx
        if ctx.session.is_open:
            ctx.worker.submit(lambda _t: ctx.session.contacts.list(), self.invite.set_contacts, self._failed)

    def _on_changed(self, changes: object) -> None:
        entity = getattr(changes, "entity", "")
        if entity in ("meetings", "invitees", "participant", "venues"):
            self.load()
        if entity == "contacts":
            self.load_contacts()

    def show_detail(self, detail: MeetingDetail) -> None:
        """Fill header, counts and the table from ``detail``."""
        first = self.detail is None
        self.detail = detail
        m = detail.meeting
        self.setWindowTitle(f"{m.title} — {m.ref}")
        self.heading.setText(m.title)
        self.heading.setStyleSheet("text-decoration: line-through;" if m.status is MeetingStatus.CANCELLED else "")
        venue = detail.venue.name if detail.venue else self.tr("no venue")
        status = text(m.status) + (f" ({m.status_reason})" if m.status_reason else "")
        self.info.setText(
            self.tr("{kind} · {when} · {venue} · status: {status} · {ref}").format(
                kind=text(m.kind), when=when_text(m.start, m.end), venue=venue, status=status, ref=m.ref
            )
        )
        self.counts.setText(self.counts_text(detail.counts))
        self.model.set_rows(detail.invitees)
        self.invite.set_kind(m.kind)
        self._enable(detail)
        if first:
            self.table.move_to(0)
            if not self.invite.search.text() and self.invite.isEnabled():
                self.invite.run_search()  # the files this meeting may take, before anything is typed

    def counts_text(self, counts: dict[str, int]) -> str:
        """ "Invited 12 · attended 5 · …" for the line above the table."""
        parts = [
            self.tr("Invited {n}").format(n=counts["invited"]),
            self.tr("attended {n}").format(n=counts[Attendance.ATTENDED.value]),
            self.tr("no-show {n}").format(n=counts[Attendance.NO_SHOW.value]),
            self.tr("excused {n}").format(n=counts[Attendance.EXCUSED.value]),
            self.tr("in custody {n}").format(n=counts[Attendance.IN_CUSTODY.value]),
            self.tr("pending {n}").format(n=counts["pending"]),
        ]
        if counts["reissue"]:
            parts.append(self.tr("letters to re-issue {n}").format(n=counts["reissue"]))
        return " · ".join(parts)

    def _enable(self, detail: MeetingDetail | None) -> None:
        """Viewers change nothing; a held or cancelled meeting only exports; moves follow the status rules."""
        status = detail.meeting.status if detail else None
        write = self._writable and status is not None
        open_ = write and status not in CLOSED
        for target in (MeetingStatus.CONFIRMED, MeetingStatus.HELD, MeetingStatus.POSTPONED):
            self.buttons[target.value].setEnabled(open_ and status is not None and target in MOVES[status])
        self.buttons["cancelled"].setEnabled(open_)
        self.buttons["reschedule"].setEnabled(open_)
        self.buttons["ics"].setEnabled(detail is not None)
        self.buttons["sheet"].setEnabled(detail is not None)
        self.invite.setEnabled(open_)
        self.table.marking_enabled = write and status not in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)

    def _failed(self, exc: Exception) -> None:
        show_error(self, exc)

    def say(self, line: str, problem: bool = False) -> None:
        """Show feedback above the table (no box to click away while the meeting runs)."""
        self.message.setStyleSheet("color: #b00020;" if problem else "")
        self.message.setText(line)

    # -- attendance and invitations ---------------------------------------------------------------

    def mark(self, row: int, outcome: Attendance) -> None:
        """Record ``outcome`` for the invitee at ``row`` through the service (status moves, audit)."""
        view = self.model.view(row)
        if view.invitee.kind != "participant" or not view.invitee.participant_id:
            self.say(self.tr("Attendance is recorded for participants only ({name}).").format(name=view.name))
            return
        ctx, key, pid = self.ctx, self.meeting_id, view.invitee.participant_id

        def done(result: AttendanceRecorded) -> None:
            moved = ", ".join(f"{label(m.before)} → {label(m.after)}" for m in result.moves)
            line = f"{view.name}: {text(result.outcome)}" + (f" ({moved})" if moved else "")
            if result.follow_up:
                line += " · " + text(result.follow_up)
            self.say(line)

        ctx.worker.submit(
            lambda _t: ctx.session.invitations.attend(key, pid, outcome),
            done,
            lambda exc: self.say(error_text(exc), problem=True),
        )

    def invite_people(self, participants: list[str], with_influentials: bool, contacts: list[str]) -> None:
        """Invite through the service; clashes ask for an override, minors are warned about."""
        ctx, key = self.ctx, self.meeting_id

        def call(reason: str | None) -> Invited:
            return ctx.session.invitations.invite(
                key, participants, with_influentials=with_influentials, contacts=contacts, override_reason=reason
            )

        def done(result: Invited) -> None:
            lines = [self.tr("Invited: {n}.").format(n=len(result.added))]
            if result.already:
                lines.append(self.tr("Already invited: {names}.").format(names=", ".join(result.already)))
            if result.moves:
                moved = ", ".join(f"{m.case_no} → {label(m.after)}" for m in result.moves)
                lines.append(self.tr("Summoned: {moves}.").format(moves=moved))
            lines.extend(result.warnings)
            self.say(" ".join(lines), problem=bool(result.warnings))

        save_checked(ctx, self, call, done, lambda exc: self.say(error_text(exc), problem=True))

    # -- closing ----------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Tell the area the page is gone."""
        self.closed.emit(self.meeting_id)
        super().closeEvent(event)
