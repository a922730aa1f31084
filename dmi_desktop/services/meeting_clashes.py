"""Clash detection before a meeting is saved: people or a venue booked twice, capacity, holidays, hours."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.meetings import Meeting, Venue, WorkingHours
from dmi_desktop.domain.messages import day_text, language, message
from dmi_desktop.storage.meeting_repository import InviteeRepository, MeetingRepository

_DAY_NAMES = {
    "es": ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


class ClashKind(StrEnum):
    """What a clash is about; each has its own warning."""

    PARTICIPANT = "participant"
    CONTACT = "contact"
    VENUE = "venue"
    CAPACITY = "capacity"
    HOLIDAY = "holiday"
    HOURS = "hours"


@dataclass(frozen=True)
class Clash:
    """One warning found before saving: its kind, the line to show, and the other meeting when there is one."""

    kind: ClashKind
    message: str
    other_meeting: str = ""  # the id of the meeting it clashes with


class ClashesFound(DmiError):
    """Saving was refused because of clashes; ``clashes`` lists them (saving anyway needs a reason)."""

    def __init__(self, clashes: list[Clash]) -> None:
        self.clashes = list(clashes)
        super().__init__(message("clashes_refused", clashes="; ".join(c.message for c in self.clashes)))


@dataclass(frozen=True)
class Attendees:
    """Who would be at the meeting: participant ids (with a display name each), contact ids, and how many."""

    participants: dict[str, str]
    contacts: dict[str, str]
    count: int


@functools.cache
def _holidays(year: int, lang: str) -> Any:
    # Imported here, not with the module: the package takes about a second to load, which every command and
    # the app's start would pay; built once per year and language, then a lookup costs microseconds.
    from holidays.countries.chile import Chile

    return Chile(years=year, language="en_US" if lang == "en" else "es")


def holiday_name(day: date) -> str | None:
    """The name of the Chilean public holiday on ``day``, in the message language; None on other days."""
    return _holidays(day.year, language()).get(day)


def hours_text(hours: WorkingHours) -> str:
    """Working hours as people read them: "lun–vie 08:30–18:00"."""
    names = _DAY_NAMES[language()]
    days = list(hours.days)
    if days and days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        span = f"{names[days[0]]}–{names[days[-1]]}"
    else:
        span = ", ".join(names[d] for d in days)
    return f"{span} {hours.start:%H:%M}–{hours.end:%H:%M}"


class ClashChecker:
    """Finds every clash of a meeting at ``start`` for ``duration`` minutes; reads only (no writes)."""

    def __init__(self, meetings: MeetingRepository, invitees: InviteeRepository) -> None:
        self.meetings = meetings
        self.invitees = invitees

    def check(
        self,
        start: datetime,
        duration: int,
        *,
        venue: Venue | None,
        attendees: Attendees,
        hours: WorkingHours,
        exclude: str = "",
        venue_names: dict[str, str] | None = None,
    ) -> list[Clash]:
        """Every clash, in a stable order: people, venue, capacity, then the calendar."""
        end = start + timedelta(minutes=duration)
        clashes: list[Clash] = []
        others = self.meetings.overlapping(start, end, exclude) if attendees.count or venue else []
        if others and (attendees.participants or attendees.contacts):
            clashes.extend(self._people(others, attendees))
        if venue is not None:
            clashes.extend(_venue(others, venue))
            if venue.capacity is not None and attendees.count > venue.capacity:
                text = message("clash_capacity", count=attendees.count, venue=venue.name, capacity=venue.capacity)
                clashes.append(Clash(ClashKind.CAPACITY, text))
        clashes.extend(calendar_clashes(start, end, hours))
        return clashes

    def _people(self, others: list[Meeting], attendees: Attendees) -> Iterable[Clash]:
        by_id = {m.id: m for m in others}
        seen: set[tuple[str, str]] = set()
        for invitee in sorted(self.invitees.of_meetings(list(by_id)), key=lambda i: by_id[i.meeting_id].starts_at):
            if invitee.influential_id:
                continue  # an influential comes with the participant; their own other meetings are not tracked
            other = by_id[invitee.meeting_id]
            if invitee.participant_id in attendees.participants and (invitee.participant_id, other.id) not in seen:
                seen.add((invitee.participant_id, other.id))
                who = attendees.participants[invitee.participant_id]
                yield Clash(ClashKind.PARTICIPANT, _busy("clash_participant", who, other), other.id)
            if invitee.contact_id in attendees.contacts and (invitee.contact_id, other.id) not in seen:
                seen.add((invitee.contact_id, other.id))
                who = attendees.contacts[invitee.contact_id]
                yield Clash(ClashKind.CONTACT, _busy("clash_contact", who, other), other.id)


def _busy(code: str, who: str, other: Meeting) -> str:
    return message(code, who=who, title=other.title, ref=other.ref, start=other.starts_at)


def _venue(others: list[Meeting], venue: Venue) -> Iterable[Clash]:
    for other in others:
        if other.venue_id == venue.id:
            text = message("clash_venue", venue=venue.name, title=other.title, ref=other.ref, start=other.starts_at)
            yield Clash(ClashKind.VENUE, text, other.id)


def calendar_clashes(start: datetime, end: datetime, hours: WorkingHours) -> list[Clash]:
    """A Chilean public holiday on the meeting's day, and a meeting outside the working hours."""
    found = []
    name = holiday_name(start.date())
    if name:
        found.append(Clash(ClashKind.HOLIDAY, message("clash_holiday", day=day_text(start.date()), name=name)))
    if not hours.contains(start, end):
        found.append(Clash(ClashKind.HOURS, message("clash_hours", hours=hours_text(hours))))
    return found
