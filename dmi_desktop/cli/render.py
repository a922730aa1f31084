"""How a participant's file looks on the console and in JSON."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from dmi_desktop.cli.io import jsonable, out, tr
from dmi_desktop.domain.fields import entity, field
from dmi_desktop.domain.messages import day_text
from dmi_desktop.domain.models import Participant, ParticipantFile, Record, StatusChange
from dmi_desktop.domain.rut import format_rut
from dmi_desktop.domain.status import Status, is_terminal, label

_SYNC_FIELDS = frozenset({"created_hlc", "updated_hlc", "origin", "deleted", "participant_id"})

# Sections of the file in display order: attribute of ParticipantFile (the JSON key) and the table whose
# registry entity gives the title.
SECTIONS = (
    ("influentials", "influentials"),
    ("reviews", "eligibility_reviews"),
    ("referrals", "referrals"),
    ("checkins", "checkins"),
    ("violations", "violations"),
    ("notes", "notes"),
)


def record_dict(record: Record) -> dict[str, Any]:
    """A record's id and user data, JSON-ready (sync bookkeeping left out)."""
    values = {"id": record.id}
    for f in dataclasses.fields(record):
        if f.name not in _SYNC_FIELDS and f.name != "id":
            values[f.name] = jsonable(getattr(record, f.name))
    return values


def participant_dict(p: Participant) -> dict[str, Any]:
    """The participant's own fields plus the status label."""
    values = record_dict(p)
    values["status_label"] = label(p.status)
    return values


def participant_json(file: ParticipantFile, allowed: list[Status], restricted_visible: bool) -> dict[str, Any]:
    """The whole file as one object; ``banked_case`` only appears for roles allowed to see it."""
    values = participant_dict(file.participant)
    values["is_minor"] = file.participant.is_minor_on(date.today())
    values["allowed_next"] = [s.value for s in allowed]
    for attr, _table in SECTIONS:
        values[attr] = [record_dict(r) for r in getattr(file, attr)]
    if restricted_visible:
        values["banked_case"] = record_dict(file.banked_case) if file.banked_case else None
    values["status_history"] = [{**record_dict(c), "at": c.at} for c in file.status_history]
    return values


def _label(name: str) -> str:
    return field("participants", name).label_in()


def _line(pairs: list[tuple[str, Any]]) -> str:
    return "   ".join(f"{k}: {v}" for k, v in pairs if v not in (None, "", []))


def _summary(record: Record) -> str:
    parts = []
    for key, value in record_dict(record).items():
        if key == "id" or value in (None, "", [], False):
            continue
        parts.append(f"{key}: {' '.join(str(value).split())}" if value is not True else key)
    return " · ".join(parts)


def print_file(file: ParticipantFile, allowed: list[Status], restricted_visible: bool) -> None:
    """The file as readable text, one section after another."""
    p = file.participant
    today = date.today()
    alias = f" «{p.alias}»" if p.alias else ""
    out(f"{p.case_no}  {p.full_name}{alias}")
    out(f"id: {p.id}")
    age = p.age_on(today)
    born = f"{day_text(p.birth_date)} ({age})" if p.birth_date else ""
    minor = tr(" — MENOR DE EDAD", " — MINOR") if p.is_minor_on(today) else ""
    out(_line([(_label("rut"), format_rut(p.rut)), (_label("birth_date"), born + minor), (_label("sex"), p.sex)]))
    out(_line([(_label("phone"), p.phone), (_label("address"), p.address), (_label("sector"), p.sector)]))
    closed = tr("ninguno (ficha cerrada)", "none (file closed)")
    coordinators = tr("ninguno: los mueven coordinadores", "none: coordinators move it")  # a banked case, for staff
    next_states = ", ".join(label(s) for s in allowed) or (closed if is_terminal(p.status) else coordinators)
    out(f"{_label('status')}: {label(p.status)}   ({tr('siguientes', 'next')}: {next_states})")
    for attr, table in SECTIONS:
        records = getattr(file, attr)
        out()
        out(f"{entity(table).plural.text()} ({len(records)})")
        for record in records:
            out(f"  - {_summary(record)}")
    if restricted_visible:
        out()
        out(entity("banked_cases").plural.text())
        out(f"  - {_summary(file.banked_case)}" if file.banked_case else tr("  (ninguno)", "  (none)"))
    out()
    out(f"{tr('Historial de estados', 'Status history')} ({len(file.status_history)})")
    for change in file.status_history:
        out(f"  - {_status_line(change)}")


def _status_line(change: StatusChange) -> str:
    """``2026-12-04 18:30 UTC · identificado → en revisión · reason (by user)``."""

    def named(code: str) -> str:
        try:
            return label(Status(code))
        except ValueError:
            return code or "—"

    when = change.at[:16].replace("T", " ") + " UTC" if change.at else ""
    reason = f" · {' '.join(change.reason.split())}" if change.reason else ""
    by = f" ({change.changed_by})" if change.changed_by else ""
    return f"{when} · {named(change.from_status)} → {named(change.to_status)}{reason}{by}"
