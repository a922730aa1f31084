"""The next call-ins at a glance (home page): when, where, how many invited, letters to issue, confirmations
still missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from dmi_desktop.domain.meetings import InvitationStatus, Meeting, MeetingKind, MeetingStatus

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

UPCOMING_LIMIT = 5
_TAKING_PLACE = frozenset({MeetingStatus.PLANNED, MeetingStatus.CONFIRMED})
_ANSWERED = frozenset({InvitationStatus.ACKNOWLEDGED, InvitationStatus.DECLINED})


@dataclass(frozen=True)
class CallInSummary:
    """One coming call-in and what is still to do before it."""

    meeting: Meeting
    venue_name: str
    invitees: int
    letters_to_issue: int  # people (not partner contacts) whose letter is not issued yet, or must be re-issued
    confirmations_missing: int  # invitees who have neither acknowledged nor declined


def upcoming_call_ins(
    session: Session, now: datetime | None = None, limit: int = UPCOMING_LIMIT
) -> list[CallInSummary]:
    """The next ``limit`` planned or confirmed call-ins from ``now`` on, in start order."""
    moment = now or datetime.now()
    meetings = session.meetings
    coming = [
        m
        for m in meetings.repo.between(moment.date(), None)
        if m.kind is MeetingKind.CALL_IN and m.status in _TAKING_PLACE and m.start >= moment
    ][:limit]
    invitees = meetings.invitees.of_meetings([m.id for m in coming])
    venues = {v.id: v.name for v in meetings.venues.all()} if coming else {}
    out = []
    for meeting in coming:
        mine = [i for i in invitees if i.meeting_id == meeting.id]
        letters = sum(
            1 for i in mine if i.kind != "contact" and (i.invitation is InvitationStatus.PENDING or i.reissue)
        )
        missing = sum(1 for i in mine if i.invitation not in _ANSWERED)
        out.append(CallInSummary(meeting, venues.get(meeting.venue_id or "", ""), len(mine), letters, missing))
    return out
