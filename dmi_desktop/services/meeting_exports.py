"""Meetings leaving the laptop: iCalendar files for partners' calendars and the attendance sheet PDF (audited)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.meetings import TIMEZONE, Meeting, MeetingStatus, Venue, text
from dmi_desktop.domain.messages import tr
from dmi_desktop.services.meetings import MeetingDetail
from dmi_desktop.services.organisation import Letterhead, OrganisationService
from dmi_desktop.services.output_paths import atomic_output, check_output_path

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

_ICS_STATUS = {MeetingStatus.CANCELLED: "CANCELLED", MeetingStatus.CONFIRMED: "CONFIRMED"}


def _hlc_seconds(hlc: str) -> int:
    head = hlc.split("-", 1)[0]
    return int(head) // 1000 if head.isdigit() else 0


def calendar_bytes(meetings: list[tuple[Meeting, Venue | None]], organisation: str = "") -> bytes:
    """An iCalendar file of ``meetings`` with local times in America/Santiago (VTIMEZONE included).

    Only what partners need in a calendar: title, kind, time, place, agenda. Never who is invited.
    """
    from icalendar import Calendar, Event  # here: only the .ics commands pay for loading it

    zone = ZoneInfo(TIMEZONE)
    cal = Calendar()
    cal.add("prodid", "-//DMI Desktop//meetings//ES")
    cal.add("version", "2.0")
    if organisation:
        cal.add("x-wr-calname", organisation)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for meeting, venue in meetings:
        event = Event()
        event.add("uid", f"{meeting.id}@dmi-desktop")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.start.replace(tzinfo=zone))
        event.add("dtend", meeting.end.replace(tzinfo=zone))
        event.add("summary", f"{meeting.title} ({text(meeting.kind)})")
        if venue is not None:
            event.add("location", ", ".join(p for p in (venue.name, venue.address) if p))
        if meeting.agenda:
            event.add("description", meeting.agenda)
        event.add("status", _ICS_STATUS.get(meeting.status, "TENTATIVE"))
        # Calendars replace an event only when its sequence grows: seconds since it was created grow with
        # every change (a reschedule on any laptop), without a counter to synchronise.
        event.add("sequence", max(0, _hlc_seconds(meeting.updated_hlc) - _hlc_seconds(meeting.created_hlc)))
        event.add("x-dmi-ref", meeting.ref)
        cal.add_component(event)
    if meetings:  # the zone's rules for the years the meetings span, not every change since 1970
        years = [m.start.year for m, _ in meetings]
        cal.add_missing_timezones(date(min(years) - 1, 1, 1), date(max(years) + 2, 1, 1))
    return cal.to_ical()


def write_ics(session: Session, out: Path | str, meetings: list[Meeting]) -> Path:
    """Write meetings as one ``.ics`` file, atomically and owner-only; the export is audited."""
    target = _target(session, out)
    svc = session.meetings
    data = calendar_bytes([(m, svc._venue(m.venue_id)) for m in meetings], session.organisation)
    with session.vault.atomic():
        _audit(session, "meetings.ics", target, [m.ref for m in meetings])
        with atomic_output(target) as fh:
            fh.write(data)
    return target


def write_sheet(session: Session, out: Path | str, key: str) -> Path:
    """Write the attendance sheet of one meeting (invitees and a signature column) as a PDF; audited."""
    target = _target(session, out)
    detail = session.meetings.detail(key)
    data = sheet_bytes(detail, OrganisationService(session).get())
    with session.vault.atomic():
        _audit(session, "meetings.sheet", target, [detail.meeting.ref])
        with atomic_output(target) as fh:
            fh.write(data)
    return target


def sheet_bytes(detail: MeetingDetail, letterhead: Letterhead, paper: str | None = None) -> bytes:
    """The attendance sheet on the shared letterhead: heading, then one row per invitee with a signature cell."""
    from reportlab.lib import colors
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from dmi_desktop.services.pdf.letterhead import PageSpec
    from dmi_desktop.services.pdf.page import markup, styles
    from dmi_desktop.services.pdf.template import build_pdf

    m = detail.meeting
    style = styles()
    # The metadata title is generic: a meeting's title may name people.
    spec = PageSpec(letterhead, tr("Registro de asistencia", "Attendance sheet"), paper or "carta")
    place = ""
    if detail.venue is not None:
        place = ", ".join(p for p in (detail.venue.name, detail.venue.address) if p)
    story = [
        Paragraph(markup(tr("Registro de asistencia", "Attendance sheet")), style["title"]),
        Paragraph(markup(f"{m.title} — {text(m.kind)}"), style["section"]),
        Paragraph(markup(f"{m.ref} · {m.starts_at}–{m.end:%H:%M} · {place}"), style["body"]),
        Spacer(1, 0.5 * cm),
    ]
    rows = [["N°", tr("Nombre", "Name"), tr("Referencia", "Reference"), tr("Firma", "Signature")]]
    for n, view in enumerate(detail.invitees, start=1):
        rows.append([str(n), Paragraph(markup(view.name), style["body"]), view.reference, ""])
    table = Table(rows, colWidths=[1.0 * cm, 7.0 * cm, 4.2 * cm, 5.2 * cm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9.5),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 9.5),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 14),
                ("TOPPADDING", (0, 1), (-1, -1), 14),
            ]
        )
    )
    story.append(table)
    return build_pdf(spec, story)


def _target(session: Session, out: Path | str) -> Path:
    target = check_output_path(out, session.folder)
    if not target.parent.is_dir():
        raise DmiError(tr(f"la carpeta {target.parent} no existe", f"the folder {target.parent} does not exist"))
    if target.is_dir():
        raise DmiError(tr(f"{target} es una carpeta; indique un nombre de archivo", f"{target} is a folder"))
    return target


def _audit(session: Session, action: str, target: Path, refs: list[str]) -> None:
    # In the caller's vault.atomic(), not session.write(): viewers may print and export, and that is recorded.
    session.audit(action, "export", str(uuid.uuid4()), None, {"file": target.name, "meetings": refs})
