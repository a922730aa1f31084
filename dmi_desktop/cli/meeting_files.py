"""Meeting files, invitation progress and settings: meeting ics, sheet, invitation, hours."""

from __future__ import annotations

import argparse
from datetime import time

from dmi_desktop.cli.access import Context
from dmi_desktop.cli.io import CliError, emit_json, out, tr
from dmi_desktop.cli.parsing import leaf, option_day
from dmi_desktop.cli.render import record_dict
from dmi_desktop.domain.meetings import InvitationStatus, WorkingHours, text
from dmi_desktop.services.meeting_clashes import hours_text
from dmi_desktop.services.meeting_exports import write_ics, write_sheet


def register(meetings: argparse._SubParsersAction) -> None:
    """Add ``meeting ics|sheet|hours``."""
    p = leaf(meetings, "ics", tr("archivo de calendario (.ics)", "calendar file (.ics)"), run_ics)
    p.add_argument("meeting", nargs="?", metavar="MEETING", help=tr("o un rango con --from/--to", "or --from/--to"))
    p.add_argument("--from", dest="first", metavar="DATE")
    p.add_argument("--to", dest="last", metavar="DATE")
    p.add_argument("--out", required=True, metavar="FILE.ics")

    p = leaf(meetings, "sheet", tr("hoja de asistencia (PDF)", "attendance sheet (PDF)"), run_sheet)
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--out", required=True, metavar="FILE.pdf")

    p = leaf(meetings, "invitation", tr("avance de una invitación", "how far an invitation got"), run_invitation)
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("who", metavar="PARTICIPANT_OR_CONTACT")
    p.add_argument("--status", required=True, metavar="|".join(s.value for s in InvitationStatus))
    p.add_argument("--by", default="", metavar="NAME", help=tr("quién entregó la carta", "who delivered the letter"))
    p.add_argument("--on", default=None, metavar="DATE", help=tr("fecha de entrega", "delivery date"))

    p = leaf(meetings, "hours", tr("horario de trabajo de las reuniones", "working hours for meetings"), run_hours)
    p.add_argument("--days", metavar="1-5", help=tr("días (1 = lunes), p. ej. 1-5 o 1,3,5", "days (1 = Monday)"))
    p.add_argument("--start", metavar="HH:MM")
    p.add_argument("--end", metavar="HH:MM")


def run_ics(ctx: Context) -> int:
    """One meeting, or every meeting in a date range, as an iCalendar file (times in America/Santiago)."""
    a = ctx.args
    session = ctx.open()
    if a.meeting:
        meetings = [session.meetings.get(a.meeting)]
    elif a.first or a.last:
        meetings = [r.meeting for r in session.meetings.list(option_day(a.first, "--from"), option_day(a.last, "--to"))]
    else:
        raise CliError(tr("indique una reunión o un rango con --from/--to", "name a meeting or a --from/--to range"))
    target = write_ics(session, a.out, meetings)
    if ctx.json:
        emit_json({"file": str(target), "meetings": len(meetings)})
    else:
        out(tr(f"{len(meetings)} reuniones en {target}", f"{len(meetings)} meetings in {target}"))
    return 0


def run_sheet(ctx: Context) -> int:
    """The attendance sheet of one meeting, with a signature column."""
    target = write_sheet(ctx.open(), ctx.args.out, ctx.args.meeting)
    if ctx.json:
        emit_json({"file": str(target)})
    else:
        out(str(target))
    return 0


def run_invitation(ctx: Context) -> int:
    """Record that a letter was issued, delivered (by whom, when), acknowledged or declined."""
    a = ctx.args
    invitee = ctx.open().invitations.mark_invitation(a.meeting, a.who, a.status, delivered_by=a.by, delivered_on=a.on)
    if ctx.json:
        emit_json(record_dict(invitee))
    else:
        out(f"{a.who}: {text(invitee.invitation)}")
    return 0


def _days(text: str) -> tuple[int, ...]:
    days: set[int] = set()
    try:
        for part in text.split(","):
            first, _, last = part.strip().partition("-")
            days.update(range(int(first), int(last or first) + 1))
    except ValueError:
        days = set()
    if not days or not days <= set(range(1, 8)):
        raise CliError(tr(f"días no válidos {text!r} (use 1-5 o 1,3,5)", f"invalid days {text!r} (use 1-5 or 1,3,5)"))
    return tuple(sorted(d - 1 for d in days))


def _time(text: str, option: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise CliError(tr(f"{option}: hora no válida {text!r} (HH:MM)", f"{option}: invalid time {text!r}")) from None


def run_hours(ctx: Context) -> int:
    """Show the working hours meetings are checked against, or change them (coordinators)."""
    a = ctx.args
    session = ctx.open()
    hours = session.meetings.working_hours()
    if a.days or a.start or a.end:
        hours = WorkingHours(
            _days(a.days) if a.days else hours.days,
            _time(a.start, "--start") if a.start else hours.start,
            _time(a.end, "--end") if a.end else hours.end,
        )
        session.meetings.set_working_hours(hours)
    if ctx.json:
        emit_json({"days": [d + 1 for d in hours.days], "start": f"{hours.start:%H:%M}", "end": f"{hours.end:%H:%M}"})
    else:
        out(hours_text(hours))
    return 0
