"""The home page's own panels: files by status, follow-up due (check-ins, referrals, recent changes) and, for
coordinators, banked cases about to expire. Each line opens the participants list with the matching query."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from dmi_desktop.domain.roles import can_see_restricted
from dmi_desktop.domain.status import Status, label
from dmi_desktop.services.follow_up import BANKED_HORIZON_DAYS, FollowUpService
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.ui.home.panels import HomeLine, register_panel

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

RECENT_DAYS = 7


class StatusPanel:
    """How many files are in each status (statuses with none are left out), in life-cycle order."""

    panel_id = "home.status"

    def title(self) -> str:
        """Heading."""
        return QCoreApplication.translate("HomePanels", "Participants by status")

    def visible(self, session: Session) -> bool:
        """Everyone."""
        return True

    def lines(self, session: Session) -> list[HomeLine]:
        """One line per status in use."""
        counts = FollowUpService(session).status_counts()
        out = []
        for status in Status:
            if counts.get(status):
                text = label(status)
                description = QCoreApplication.translate("HomePanels", "Status: {status}").format(status=text)
                out.append(HomeLine(counts[status], text, ParticipantQuery(status=(status,)), description))
        return out


class FollowUpPanel:
    """Check-ins overdue, referrals waiting for a first appointment, files changed lately."""

    panel_id = "home.follow_up"

    def title(self) -> str:
        """Heading."""
        return QCoreApplication.translate("HomePanels", "Follow-up")

    def visible(self, session: Session) -> bool:
        """Everyone."""
        return True

    def lines(self, session: Session) -> list[HomeLine]:
        """Three lines, each opening the list filtered the same way."""
        svc = session.participants
        days = FollowUpService(session).settings()
        overdue = ParticipantQuery(checkin_overdue=True)
        waiting = ParticipantQuery(referral_waiting=True)
        recent = ParticipantQuery(changed_since=(date.today() - timedelta(days=RECENT_DAYS)).isoformat())
        overdue_text = QCoreApplication.translate(
            "HomePanels", "check-ins overdue (in monitoring, no check-in for more than {days} days)"
        )
        waiting_text = QCoreApplication.translate("HomePanels", "referrals with no first appointment after {days} days")
        recent_text = QCoreApplication.translate("HomePanels", "files changed in the last {days} days")
        return [
            HomeLine(svc.count(overdue), overdue_text.format(days=days.checkin_days), overdue),
            HomeLine(svc.count(waiting), waiting_text.format(days=days.referral_days), waiting),
            HomeLine(svc.count(recent), recent_text.format(days=RECENT_DAYS), recent),
        ]


class BankedPanel:
    """Banked cases expiring soon: coordinators only (the banked case is sealed for everyone else)."""

    panel_id = "home.banked"

    def title(self) -> str:
        """Heading."""
        return QCoreApplication.translate("HomePanels", "Banked cases")

    def visible(self, session: Session) -> bool:
        """Coordinators only."""
        return can_see_restricted(session.role)

    def lines(self, session: Session) -> list[HomeLine]:
        """One line: the files whose banked case expires in the next 60 days (the first expiry as a note)."""
        found, remaining = FollowUpService(session).banked_expiring_step(days=BANKED_HORIZON_DAYS)
        text = QCoreApplication.translate("HomePanels", "banked cases expiring in the next {days} days").format(
            days=BANKED_HORIZON_DAYS
        )
        if remaining:  # the sealed dates are still being opened: the page asks again shortly
            note = QCoreApplication.translate("HomePanels", "reading the banked cases ({n} to go)…").format(n=remaining)
            return [HomeLine(None, text, note=note)]
        note = ""
        if found:
            first = found[0][1]
            note = QCoreApplication.translate("HomePanels", "first on {date}").format(date=first.strftime("%d-%m-%Y"))
        query = ParticipantQuery(ids=tuple(pid for pid, _day in found))
        return [HomeLine(len(found), text, query, note=note)]


register_panel(StatusPanel(), order=10)
register_panel(FollowUpPanel(), order=20)
register_panel(BankedPanel(), order=30)
