"""Meeting commands: venue add|list, contact add|list, meeting add|list|show|invite|attend|reschedule|cancel|…"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TypeVar

from dmi_desktop.cli.access import Context
from dmi_desktop.cli.io import CliError, emit_json, out, table, tr, warn
from dmi_desktop.cli.meeting_render import contact_json, detail_json, meeting_json, print_detail, venue_json
from dmi_desktop.cli.parsing import group, leaf, option_day
from dmi_desktop.domain.meetings import Attendance, MeetingKind, MeetingStatus, Organisation, text
from dmi_desktop.domain.status import label
from dmi_desktop.services.meeting_clashes import Clash, ClashesFound

T = TypeVar("T")


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``venue``, ``contact`` and ``meeting`` with their sub-commands."""
    venues = group(commands, "venue", tr("lugares de reunión", "meeting venues"))
    p = leaf(venues, "add", tr("agregar un lugar", "add a venue"), run_venue_add)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--address", default="", metavar="A")
    p.add_argument("--capacity", metavar="N", help=tr("personas que caben", "how many people fit"))
    p.add_argument("--accessibility", default="", metavar="TEXT", help=tr("accesibilidad", "accessibility notes"))
    leaf(venues, "list", tr("listar lugares", "list venues"), run_venue_list)

    contacts = group(commands, "contact", tr("contactos de instituciones", "partner contacts"))
    p = leaf(contacts, "add", tr("agregar un contacto", "add a contact"), run_contact_add)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--organisation", required=True, metavar="|".join(o.value for o in Organisation))
    p.add_argument("--role", default="", metavar="R")
    p.add_argument("--phone", default="", metavar="P")
    p.add_argument("--email", default="", metavar="E")
    leaf(contacts, "list", tr("listar contactos por institución", "list contacts by organisation"), run_contact_list)

    meetings = group(commands, "meeting", tr("reuniones", "meetings"))
    p = leaf(meetings, "add", tr("agendar una reunión", "schedule a meeting"), run_add)
    p.add_argument("--kind", required=True, metavar="|".join(k.value for k in MeetingKind))
    p.add_argument("--title", required=True, metavar="T")
    p.add_argument("--starts", required=True, metavar='"YYYY-MM-DD HH:MM"')
    p.add_argument("--duration", metavar="MINUTES")
    p.add_argument("--venue", default="", metavar="NAME")
    p.add_argument("--agenda", default="", metavar="TEXT")
    p.add_argument("--notes", default="", metavar="TEXT")
    _force_options(p)

    p = leaf(meetings, "list", tr("listar reuniones", "list meetings"), run_list)
    p.add_argument("--from", dest="first", metavar="DATE")
    p.add_argument("--to", dest="last", metavar="DATE")

    p = leaf(meetings, "show", tr("la reunión y sus invitados", "the meeting and its invitees"), run_show)
    p.add_argument("meeting", metavar="ID")

    p = leaf(
        meetings, "invite", tr("invitar participantes y contactos", "invite participants and contacts"), run_invite
    )
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("participants", nargs="*", metavar="PARTICIPANT")
    p.add_argument(
        "--with-influentials", action="store_true", help=tr("también sus influyentes", "their influentials too")
    )
    p.add_argument("--contact", dest="contacts", action="extend", nargs="+", default=[], metavar="NAME")
    _force_options(p)

    p = leaf(meetings, "attend", tr("registrar asistencia", "record attendance"), run_attend)
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("participant", metavar="PARTICIPANT")
    p.add_argument("--outcome", required=True, metavar="|".join(a.value for a in Attendance))
    p.add_argument("--enrol", action="store_true", help=tr("inscribir a quien asistió", "enrol someone who attended"))

    p = leaf(meetings, "reschedule", tr("cambiar fecha u hora", "move to another date or time"), run_reschedule)
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--starts", required=True, metavar='"YYYY-MM-DD HH:MM"')
    p.add_argument("--duration", metavar="MINUTES")
    p.add_argument("--venue", metavar="NAME")
    _force_options(p)

    p = leaf(meetings, "cancel", tr("cancelar una reunión", "cancel a meeting"), run_cancel)
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--reason", required=True, metavar="TEXT")

    p = leaf(meetings, "set-status", tr("confirmar, realizada o postergada", "confirm, held or postponed"), run_status)
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("status", metavar="|".join(s.value for s in MeetingStatus if s is not MeetingStatus.CANCELLED))
    p.add_argument("--reason", default="", metavar="TEXT")

    from dmi_desktop.cli import meeting_files

    meeting_files.register(meetings)


def _force_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force", action="store_true", help=tr("guardar pese a los conflictos", "save despite the clashes")
    )
    parser.add_argument(
        "--force-reason", default="", metavar="TEXT", help=tr("por qué (queda en la auditoría)", "why (audited)")
    )


def _override(ctx: Context) -> str | None:
    """The reason clashes are overridden with (--force), or None to refuse them."""
    if not ctx.args.force:
        return None
    return ctx.args.force_reason.strip() or tr(
        "guardado pese a conflictos con --force", "saved despite clashes with --force"
    )


def _checked(ctx: Context, action: Callable[[], T]) -> T:
    """Run a save; clashes become one line that says how to save anyway."""
    try:
        return action()
    except ClashesFound as exc:
        found = "; ".join(c.message for c in exc.clashes)
        raise CliError(
            tr(
                f"conflictos de agenda: {found} (repita con --force para guardar de todos modos)",
                f"scheduling clashes: {found} (repeat with --force to save anyway)",
            )
        ) from None


def _warn_clashes(clashes: list[Clash]) -> None:
    for clash in clashes:
        warn(tr(f"aviso: {clash.message}", f"warning: {clash.message}"))


# -- venues and contacts ------------------------------------------------------------------------


def run_venue_add(ctx: Context) -> int:
    """A new venue; prints its id."""
    a = ctx.args
    fields: dict[str, Any] = {"name": a.name, "address": a.address, "accessibility": a.accessibility}
    if a.capacity is not None:
        fields["capacity"] = a.capacity
    venue = ctx.open().venues.add(fields)
    if ctx.json:
        emit_json({"id": venue.id})
    else:
        out(venue.id)
    return 0


def run_venue_list(ctx: Context) -> int:
    """Every venue."""
    venues = ctx.open().venues.list()
    if ctx.json:
        emit_json([venue_json(v) for v in venues])
        return 0
    headers = [tr("NOMBRE", "NAME"), tr("DIRECCIÓN", "ADDRESS"), tr("CAPACIDAD", "CAPACITY"), "ID"]
    out(table(headers, [(v.name, v.address, v.capacity, v.id) for v in venues]))
    return 0


def run_contact_add(ctx: Context) -> int:
    """A new partner contact; prints its id."""
    a = ctx.args
    fields = {"name": a.name, "organisation": a.organisation, "role": a.role, "phone": a.phone, "email": a.email}
    contact = ctx.open().contacts.add(fields)
    if ctx.json:
        emit_json({"id": contact.id})
    else:
        out(contact.id)
    return 0


def run_contact_list(ctx: Context) -> int:
    """Every contact, grouped by organisation."""
    contacts = ctx.open().contacts.list()
    if ctx.json:
        emit_json([contact_json(c) for c in contacts])
        return 0
    headers = [tr("INSTITUCIÓN", "ORGANISATION"), tr("NOMBRE", "NAME"), tr("CARGO", "ROLE"), tr("TELÉFONO", "PHONE")]
    headers.append(tr("CORREO", "E-MAIL"))
    rows = [(text(c.organisation), c.name, c.role, c.phone, c.email) for c in contacts]
    out(table(headers, rows))
    return 0


# -- meetings -------------------------------------------------------------------------------------


def run_add(ctx: Context) -> int:
    """Schedule a meeting; clashes refuse it unless --force (then each is said on stderr)."""
    a = ctx.args
    fields: dict[str, Any] = {"kind": a.kind, "title": a.title, "starts_at": a.starts, "agenda": a.agenda}
    fields["notes"] = a.notes
    if a.duration is not None:
        fields["duration"] = a.duration
    session = ctx.open()
    saved = _checked(ctx, lambda: session.meetings.add(fields, venue=a.venue, override_reason=_override(ctx)))
    _warn_clashes(saved.clashes)
    if ctx.json:
        emit_json({"id": saved.meeting.id, "ref": saved.meeting.ref})
    else:
        out(f"{saved.meeting.id} {saved.meeting.ref}")
    return 0


def run_list(ctx: Context) -> int:
    """Meetings in a date range (both ends included), in start order."""
    first, last = option_day(ctx.args.first, "--from"), option_day(ctx.args.last, "--to")
    rows = ctx.open().meetings.list(first, last)
    if ctx.json:
        emit_json([{**meeting_json(r.meeting), "venue": r.venue_name, "invitees": r.invitees} for r in rows])
        return 0
    headers = ["REF", tr("INICIO", "START"), tr("TIPO", "KIND"), tr("TÍTULO", "TITLE"), tr("LUGAR", "VENUE")]
    headers += [tr("INVITADOS", "INVITEES"), tr("ESTADO", "STATUS")]
    lines = []
    for r in rows:
        m = r.meeting
        lines.append((m.ref, m.starts_at, text(m.kind), m.title, r.venue_name, r.invitees, text(m.status)))
    out(table(headers, lines))
    return 0


def run_show(ctx: Context) -> int:
    """The meeting, its venue and its invitees with their invitation and attendance."""
    detail = ctx.open().meetings.detail(ctx.args.meeting)
    if ctx.json:
        emit_json(detail_json(detail))
    else:
        print_detail(detail)
    return 0


def run_invite(ctx: Context) -> int:
    """Invite participants (ids or case numbers), their influentials, contacts; a call-in summons the file."""
    a = ctx.args
    session = ctx.open()
    done = _checked(
        ctx,
        lambda: session.invitations.invite(
            a.meeting,
            a.participants,
            with_influentials=a.with_influentials,
            contacts=a.contacts,
            override_reason=_override(ctx),
        ),
    )
    _warn_clashes(done.clashes)
    for line in done.warnings:
        warn(tr(f"aviso: {line}", f"warning: {line}"))
    if ctx.json:
        emit_json(
            {
                "id": done.meeting.id,
                "ref": done.meeting.ref,
                "added": [i.id for i in done.added],
                "already_invited": done.already,
                "warnings": done.warnings,
                "status_changes": [
                    {"participant_id": m.participant_id, "case_no": m.case_no, "from": m.before, "to": m.after}
                    for m in done.moves
                ],
            }
        )
        return 0
    out(
        tr(f"{done.meeting.ref}: {len(done.added)} invitados agregados", f"{done.meeting.ref}: {len(done.added)} added")
    )
    for name in done.already:
        out(tr(f"  ya estaba invitado/a: {name}", f"  already invited: {name}"))
    for move in done.moves:
        out(f"  {move.case_no}: {label(move.before)} → {label(move.after)}")
    return 0


def run_attend(ctx: Context) -> int:
    """Record an attendance outcome; says how the file moved and what is left to decide."""
    a = ctx.args
    done = ctx.open().invitations.attend(a.meeting, a.participant, a.outcome, enrol=a.enrol)
    p = done.participant
    if ctx.json:
        emit_json(
            {
                "id": done.invitee.id,
                "participant_id": p.id,
                "case_no": p.case_no,
                "outcome": done.outcome,
                "status": p.status,
                "status_changes": [{"from": m.before, "to": m.after} for m in done.moves],
                "follow_up": done.follow_up,
                "allowed_next": [s.value for s in done.next_statuses],
            }
        )
        return 0
    out(f"{p.case_no}: {text(done.outcome)}")
    for move in done.moves:
        out(f"  {label(move.before)} → {label(move.after)}")
    if done.follow_up is not None:
        out(tr(f"  pendiente: {text(done.follow_up)}", f"  to decide: {text(done.follow_up)}"))
    return 0


def run_reschedule(ctx: Context) -> int:
    """Move a meeting; invitees stay, letters already issued are marked for re-issue."""
    a = ctx.args
    session = ctx.open()
    done = _checked(
        ctx,
        lambda: session.meetings.reschedule(
            a.meeting, a.starts, duration=a.duration, venue=a.venue, override_reason=_override(ctx)
        ),
    )
    _warn_clashes(done.clashes)
    if ctx.json:
        emit_json({**meeting_json(done.meeting), "letters_to_reissue": done.reissue})
        return 0
    out(f"{done.meeting.ref}: {done.meeting.starts_at}")
    if done.reissue:
        out(tr(f"  cartas por reemitir: {done.reissue}", f"  letters to re-issue: {done.reissue}"))
    return 0


def run_cancel(ctx: Context) -> int:
    """Cancel with a reason; nobody is notified by this command."""
    meeting = ctx.open().meetings.cancel(ctx.args.meeting, ctx.args.reason)
    if ctx.json:
        emit_json(meeting_json(meeting))
    else:
        out(tr(f"{meeting.ref}: cancelada", f"{meeting.ref}: cancelled"))
    return 0


def run_status(ctx: Context) -> int:
    """Confirm, mark held or postpone (with --reason) a meeting."""
    meeting = ctx.open().meetings.set_status(ctx.args.meeting, ctx.args.status, ctx.args.reason)
    if ctx.json:
        emit_json(meeting_json(meeting))
    else:
        out(f"{meeting.ref}: {text(meeting.status)}")
    return 0
