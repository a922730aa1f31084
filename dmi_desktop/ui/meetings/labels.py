"""Colours and short texts shared by the meetings views (labels of codes come from domain.meetings.text)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale

from dmi_desktop.domain.meetings import MeetingKind

# One colour per kind, told apart by people with the common colour-vision deficiencies (Okabe–Ito palette).
KIND_COLOURS: dict[MeetingKind, str] = {
    MeetingKind.CALL_IN: "#D55E00",
    MeetingKind.HOME_VISIT: "#0072B2",
    MeetingKind.FOLLOW_UP: "#009E73",
    MeetingKind.CASE_REVIEW: "#CC79A7",
}


def when_text(start: datetime, end: datetime) -> str:
    """ "mié 10-03-2027 10:00–11:30": a meeting's day and time as the pages show it."""
    day = QLocale().dayName(start.isoweekday(), QLocale.FormatType.ShortFormat)
    return f"{day} {start:%d-%m-%Y %H:%M}–{end:%H:%M}"
