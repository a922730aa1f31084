"""What the meeting page's buttons do: reschedule, status moves with reasons, invitation status, exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from dmi_desktop.domain.meetings import Meeting, MeetingStatus, text
from dmi_desktop.services.meeting_exports import write_ics, write_sheet
from dmi_desktop.services.meetings import NEEDS_REASON, Scheduled
from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.errors import error_text, output_allowed, show_error
from dmi_desktop.ui.meetings.invitation_dialog import InvitationDialog
from dmi_desktop.ui.meetings.meeting_dialog import MeetingDialog
from dmi_desktop.ui.meetings.reason_dialog import ReasonDialog

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext
    from dmi_desktop.ui.meetings.meeting_page import MeetingPage


def _keep(page: MeetingPage, dialog: QWidget) -> None:
    """Hold the open dialog on the page (tests and screenshots reach it there) and forget it when it closes."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    page.dialog = dialog  # type: ignore[assignment]
    dialog.finished.connect(lambda _r: setattr(page, "dialog", None))  # type: ignore[attr-defined]


def reschedule(page: MeetingPage) -> None:
    """Ask for the new start, duration and venue; saving re-checks clashes and marks issued letters."""
    if page.detail is None:
        return
    ctx, meeting = page.ctx, page.detail.meeting

    def show(venues: list) -> None:
        dialog = MeetingDialog(ctx, venues, page, meeting=meeting)
        dialog.saved.connect(lambda result: _rescheduled(page, result))
        _keep(page, dialog)
        dialog.open()

    ctx.worker.submit(lambda _task: ctx.session.venues.list(), show, lambda exc: show_error(page, exc))


def _rescheduled(page: MeetingPage, result: Scheduled) -> None:
    line = QCoreApplication.translate("MeetingCommands", "Moved to {start}.").format(start=result.meeting.starts_at)
    if result.reissue:
        line += " " + QCoreApplication.translate(
            "MeetingCommands", "{n} letters already issued are marked to be issued again."
        ).format(n=result.reissue)
    page.say(line)


def set_status(page: MeetingPage, target: MeetingStatus) -> None:
    """Confirm or mark held at once; postponing and cancelling ask for a reason first."""
    if page.detail is None:
        return
    meeting = page.detail.meeting
    if target not in NEEDS_REASON:
        _apply_status(page, meeting, target, "")
        return
    if target is MeetingStatus.CANCELLED:
        title, prompt = (
            QCoreApplication.translate("MeetingCommands", "Cancel meeting"),
            QCoreApplication.translate(
                "MeetingCommands",
                "Cancel “{title}”? Nobody is notified by the app: tell the invitees yourself. Why is it cancelled?",
            ),
        )
        ok = QCoreApplication.translate("MeetingCommands", "Cancel meeting")
    else:
        title, prompt = (
            QCoreApplication.translate("MeetingCommands", "Postpone meeting"),
            QCoreApplication.translate(
                "MeetingCommands", "Postpone “{title}”? Reschedule it later. Why is it postponed?"
            ),
        )
        ok = QCoreApplication.translate("MeetingCommands", "Postpone")
    dialog = ReasonDialog(title, prompt.format(title=meeting.title), ok, page)
    dialog.accepted.connect(lambda: _apply_status(page, meeting, target, dialog.text()))
    _keep(page, dialog)
    dialog.open()


def _apply_status(page: MeetingPage, meeting: Meeting, target: MeetingStatus, reason: str) -> None:
    ctx = page.ctx
    ctx.worker.submit(
        lambda _task: ctx.session.meetings.set_status(meeting.id, target, reason),
        lambda after: page.say(
            QCoreApplication.translate("MeetingCommands", "The meeting is now “{status}”.").format(
                status=text(after.status)
            )
        ),
        lambda exc: show_error(page, exc),
    )


def edit_invitation(page: MeetingPage, row: int) -> None:
    """Change how far the invitation at ``row`` got (not for viewers)."""
    if not page.invite.isEnabled() or row < 0 or row >= page.model.rowCount():
        return
    view = page.model.view(row)
    ctx, key = page.ctx, page.meeting_id
    dialog = InvitationDialog(view.invitee, view.name, ctx.session.user, page)

    def apply() -> None:
        change = dialog.change()
        invitee_id = view.invitee.id
        ctx.worker.submit(
            lambda _task: ctx.session.invitations.mark_invitation(
                key, invitee_id, change.status, delivered_by=change.delivered_by, delivered_on=change.delivered_on
            ),
            lambda _inv: page.say(
                QCoreApplication.translate("MeetingCommands", "{name}: invitation “{status}”.").format(
                    name=view.name, status=text(change.status)
                )
            ),
            lambda exc: page.say(error_text(exc), problem=True),
        )

    dialog.accepted.connect(apply)
    _keep(page, dialog)
    dialog.open()


def _save_path(parent: QWidget, ctx: AppContext, caption: str, name: str, filters: str) -> Path | None:
    path, _chosen = file_dialogs.save_file_name(parent, caption, name, filters)
    if not path:
        return None
    target = Path(path)
    return target if output_allowed(parent, target, ctx.session.folder) else None


def export_ics(page: MeetingPage) -> None:
    """Save this meeting as an .ics file for partners' calendars (never who is invited)."""
    if page.detail is None:
        return
    meeting = page.detail.meeting
    export_meetings_ics(page.ctx, page, [meeting], f"{meeting.ref}.ics")


def export_meetings_ics(ctx: AppContext, parent: QWidget, meetings: list[Meeting], name: str) -> None:
    """Ask where, then write ``meetings`` as one .ics file on the worker."""
    target = _save_path(
        parent,
        ctx,
        QCoreApplication.translate("MeetingCommands", "Export to calendar"),
        name,
        QCoreApplication.translate("MeetingCommands", "iCalendar (*.ics)"),
    )
    if target is None:
        return
    ctx.worker.submit(
        lambda _task: write_ics(ctx.session, target, meetings),
        lambda out: _saved(parent, out),
        lambda exc: show_error(parent, exc),
    )


def export_range_ics(ctx: AppContext, parent: QWidget, first: date, last: date) -> None:
    """Every meeting from ``first`` to ``last`` (cancelled ones too: calendars then drop them) as one .ics."""

    def read(_task: object) -> list[Meeting]:
        return [row.meeting for row in ctx.session.meetings.list(first, last)]

    def ask(meetings: list[Meeting]) -> None:
        if not meetings:
            show_error(
                parent,
                QCoreApplication.translate("MeetingCommands", "There are no meetings from {first} to {last}.").format(
                    first=first, last=last
                ),
            )
            return
        export_meetings_ics(ctx, parent, meetings, f"reuniones-{first:%Y%m%d}-{last:%Y%m%d}.ics")

    ctx.worker.submit(read, ask, lambda exc: show_error(parent, exc))


def export_sheet(page: MeetingPage) -> None:
    """Save the attendance sheet PDF (invitees and a signature column)."""
    if page.detail is None:
        return
    ctx, meeting = page.ctx, page.detail.meeting
    target = _save_path(
        page,
        ctx,
        QCoreApplication.translate("MeetingCommands", "Attendance sheet"),
        f"asistencia-{meeting.ref}.pdf",
        QCoreApplication.translate("MeetingCommands", "PDF (*.pdf)"),
    )
    if target is None:
        return
    ctx.worker.submit(
        lambda _task: write_sheet(ctx.session, target, meeting.id),
        lambda out: _saved(page, out),
        lambda exc: show_error(page, exc),
    )


def _saved(parent: QWidget, out: Path) -> None:
    say = getattr(parent, "say", None)
    line = QCoreApplication.translate("MeetingCommands", "Saved {name}.").format(name=out.name)
    if callable(say):
        say(line)
