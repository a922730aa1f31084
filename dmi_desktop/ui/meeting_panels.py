"""The meetings' home panels (issue 10 item 10): the next call-ins and the no-shows awaiting a decision.

Registered from here, not from the home module; independent of the meetings area's widgets: a call-in opens in
that area when it offers ``open_meeting``, else in a read-only summary dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from dmi_desktop.services.call_in_summary import CallInSummary, upcoming_call_ins
from dmi_desktop.services.follow_up import FollowUpService
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.ui.home.panels import HomeLine, Opener, register_panel

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session
    from dmi_desktop.ui.context import AppContext

MEETINGS_AREA = "meetings"


def meeting_opener(ref: str) -> Opener:
    """Open the meeting ``ref``: in the meetings area if it can, else in the summary dialog."""

    def open_meeting(parent: QWidget, ctx: AppContext) -> None:
        window = parent.window()
        area = getattr(window, "area_widgets", {}).get(MEETINGS_AREA)
        show = getattr(area, "open_meeting", None)
        if callable(show):
            window.show_area(MEETINGS_AREA)
            show(ref)
            return
        from dmi_desktop.ui.meeting_summary_dialog import show_meeting_summary

        show_meeting_summary(ctx, ref, parent)

    return open_meeting


def call_in_line(summary: CallInSummary) -> HomeLine:
    """One coming call-in: invitees as the count; when and what; venue, letters and confirmations as the note."""
    meeting = summary.meeting
    when = meeting.start.strftime("%d-%m-%Y %H:%M")
    text = QCoreApplication.translate("MeetingPanels", "{when} — {title} ({ref})").format(
        when=when, title=meeting.title, ref=meeting.ref
    )
    parts = [summary.venue_name or QCoreApplication.translate("MeetingPanels", "no venue yet")]
    parts.append(
        QCoreApplication.translate("MeetingPanels", "letters to issue: {n}").format(n=summary.letters_to_issue)
    )
    parts.append(
        QCoreApplication.translate("MeetingPanels", "confirmations missing: {n}").format(
            n=summary.confirmations_missing
        )
    )
    description = QCoreApplication.translate("MeetingPanels", "invitees of {ref}").format(ref=meeting.ref)
    return HomeLine(
        summary.invitees, text, description=description, note=" · ".join(parts), opener=meeting_opener(meeting.ref)
    )


class CallInsPanel:
    """The next call-ins (the count is the number of invitees)."""

    panel_id = "meetings.call_ins"

    def title(self) -> str:
        """Heading."""
        return QCoreApplication.translate("MeetingPanels", "Next call-ins (invitees)")

    def visible(self, session: Session) -> bool:
        """Everyone."""
        return True

    def lines(self, session: Session) -> list[HomeLine]:
        """One line per coming call-in."""
        return [call_in_line(summary) for summary in upcoming_call_ins(session)]


class NoShowsPanel:
    """People flagged for a banked-case review after a no-show, not decided yet."""

    panel_id = "meetings.no_shows"

    def title(self) -> str:
        """Heading."""
        return QCoreApplication.translate("MeetingPanels", "No-shows")

    def visible(self, session: Session) -> bool:
        """Everyone (deciding is a coordinator's move, seeing who waits is not)."""
        return True

    def lines(self, session: Session) -> list[HomeLine]:
        """One line opening exactly those files."""
        ids = FollowUpService(session).no_shows_awaiting()
        text = QCoreApplication.translate("MeetingPanels", "no-shows awaiting a decision on the banked case")
        return [HomeLine(len(ids), text, ParticipantQuery(ids=tuple(ids)))]


register_panel(CallInsPanel(), order=40)
register_panel(NoShowsPanel(), order=50)
