"""How meetings, venues and contacts look on the console and in JSON."""

from __future__ import annotations

from typing import Any

from dmi_desktop.cli.io import out, table, tr
from dmi_desktop.cli.render import record_dict
from dmi_desktop.domain.meetings import Contact, Meeting, Venue, text
from dmi_desktop.domain.status import label
from dmi_desktop.services.meetings import MeetingDetail


def venue_json(venue: Venue) -> dict[str, Any]:
    """A venue's id and fields."""
    return record_dict(venue)


def contact_json(contact: Contact) -> dict[str, Any]:
    """A contact's id and fields, with the organisation's label."""
    return {**record_dict(contact), "organisation_label": text(contact.organisation)}


def meeting_json(meeting: Meeting) -> dict[str, Any]:
    """A meeting's id and fields (start as local time "YYYY-MM-DD HH:MM", America/Santiago)."""
    return {**record_dict(meeting), "ends_at": meeting.end.strftime("%Y-%m-%d %H:%M")}


def detail_json(detail: MeetingDetail) -> dict[str, Any]:
    """The meeting page as one object: the meeting, its venue, invitees and counts."""
    invitees = []
    for view in detail.invitees:
        item = record_dict(view.invitee)
        item.update(kind=view.invitee.kind, name=view.name, reference=view.reference)
        item["participant_status"] = view.participant_status.value if view.participant_status else None
        invitees.append(item)
    return {
        **meeting_json(detail.meeting),
        "venue": venue_json(detail.venue) if detail.venue else None,
        "invitees": invitees,
        "counts": detail.counts,
    }


def print_detail(detail: MeetingDetail) -> None:
    """The meeting page as readable text."""
    m = detail.meeting
    out(f"{m.ref}  {m.title}")
    out(
        f"{text(m.kind)} · {m.starts_at}–{m.end:%H:%M} · {text(m.status)}"
        + (f" ({m.status_reason})" if m.status_reason else "")
    )
    if detail.venue is not None:
        v = detail.venue
        capacity = tr(f", capacidad {v.capacity}", f", capacity {v.capacity}") if v.capacity else ""
        out(f"{tr('Lugar', 'Venue')}: {v.name}" + (f" — {v.address}" if v.address else "") + capacity)
    if m.agenda:
        out(f"{tr('Programa', 'Agenda')}: {' '.join(m.agenda.split())}")
    out("")
    headers = [tr("NOMBRE", "NAME"), tr("REFERENCIA", "REFERENCE"), tr("INVITACIÓN", "INVITATION")]
    headers += [tr("ASISTENCIA", "ATTENDANCE"), tr("ESTADO DEL CASO", "FILE STATUS"), tr("PENDIENTE", "TO DECIDE")]
    rows = []
    for view in detail.invitees:
        i = view.invitee
        invitation = text(i.invitation) + (tr(" (reemitir)", " (re-issue)") if i.reissue else "")
        rows.append(
            (
                view.name,
                view.reference,
                invitation,
                text(i.attendance) if i.attendance else "",
                label(view.participant_status) if view.participant_status else "",
                text(i.follow_up) if i.follow_up else "",
            )
        )
    out(table(headers, rows))
    c = detail.counts
    out("")
    out(
        tr(
            f"{c['invited']} invitados · {c['attended']} asistieron · {c['no-show']} no asistieron · "
            f"{c['excused']} excusados · {c['in-custody']} privados de libertad · {c['pending']} sin registrar",
            f"{c['invited']} invited · {c['attended']} attended · {c['no-show']} no-shows · "
            f"{c['excused']} excused · {c['in-custody']} in custody · {c['pending']} not recorded",
        )
    )
