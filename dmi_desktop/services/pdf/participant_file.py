"""The participant file as a printed document: identity, status history, reviews, referrals, check-ins,
violations, influentials and, for coordinators only, the banked case. Fields and labels come from the registry."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from dmi_desktop.domain.fields import Field, Kind, entity
from dmi_desktop.domain.meetings import TIMEZONE
from dmi_desktop.domain.messages import tr
from dmi_desktop.domain.models import Decision, ParticipantFile, ReferralKind, ReferralStatus, Sex, StatusChange
from dmi_desktop.domain.rut import format_rut
from dmi_desktop.domain.status import label
from dmi_desktop.services.pdf.letterhead import PageSpec
from dmi_desktop.services.pdf.page import BOLD, FONT, markup, short_date, styles
from dmi_desktop.services.pdf.template import body_frame, build_pdf

# The sections in print order; the banked case is added only when the file holds it (coordinators).
SECTIONS = ("eligibility_reviews", "banked_cases", "referrals", "checkins", "violations", "influentials")
_HIDDEN_KINDS = (Kind.ID, Kind.REF)
_WORDS: dict[str, tuple[str, str]] = {
    Sex.FEMALE.value: ("Femenino", "Female"),
    Sex.MALE.value: ("Masculino", "Male"),
    Sex.OTHER.value: ("Otro / no especificado", "Other / unspecified"),
    Decision.PENDING.value: ("Pendiente", "Pending"),
    Decision.ELIGIBLE.value: ("Elegible (caso en reserva)", "Eligible (case banked)"),
    Decision.NOT_ELIGIBLE.value: ("No elegible (se persigue)", "Not eligible (prosecuted)"),
    Decision.DROPPED.value: ("Descartado", "Dropped"),
    ReferralKind.EMPLOYMENT.value: ("Empleo", "Employment"),
    ReferralKind.PSYCHOLOGICAL.value: ("Apoyo psicológico", "Psychological support"),
    ReferralKind.EDUCATION.value: ("Educación", "Education"),
    ReferralKind.TREATMENT.value: ("Tratamiento de adicciones", "Addiction treatment"),
    ReferralStatus.SCHEDULED.value: ("Agendada", "Scheduled"),
    ReferralStatus.ACTIVE.value: ("En curso", "Active"),
    ReferralStatus.COMPLETED.value: ("Terminada", "Completed"),
    ReferralStatus.DECLINED.value: ("Rechazada", "Declined"),
}
_GRID = [
    ("FONT", (0, 0), (-1, -1), FONT, 8.5),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#BBBBBB")),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
]


def file_title() -> str:
    """The document's title, generic on purpose: it is also the PDF's metadata title."""
    return tr("Ficha de participante", "Participant file")


def participant_file_pdf(file: ParticipantFile, spec: PageSpec) -> bytes:
    """The whole file laid out on the shared page template."""
    style = styles()
    p = file.participant
    width = body_frame(spec)[2]
    story: list[Any] = [
        Paragraph(markup(file_title()), style["title"]),
        Paragraph(markup(f"{p.case_no} · {p.full_name}"), style["subtitle"]),
        _section(entity("participants").label.text().capitalize(), style),
        _pairs([(f.label_in(), display(f, getattr(p, f.name, None))) for f in _fields("participants")], width),
        _section(entity("status_changes").plural.text(), style),
        _status_table(file.status_history, width, style),
    ]
    for table in SECTIONS:
        records = _records(file, table)
        if records is None:
            continue  # the banked case of a role that may not see it: no heading, no trace
        story.append(_section(entity(table).plural.text(), style))
        if not records:
            story.append(Paragraph(markup(tr("Sin registros.", "No records.")), style["empty"]))
        for record in records:
            story.append(KeepTogether([_record(table, record, width), Spacer(1, 6)]))
    return build_pdf(spec, story)


def display(spec: Field, value: Any) -> str:
    """A value as printed: dates as DD-MM-AAAA, RUTs formatted, codes in words."""
    if value is None or value == "" or value == []:
        return ""
    if spec.kind is Kind.DATE:
        return short_date(value)
    if spec.kind is Kind.DATES:
        return ", ".join(short_date(d) for d in value)
    if spec.kind is Kind.BOOL:
        return tr("Sí", "Yes") if value else "No"
    if spec.kind is Kind.RUT:
        return format_rut(value)
    if spec.kind is Kind.STATUS:
        return label(value)
    code = value.value if isinstance(value, Enum) else str(value)
    words = _WORDS.get(code) if spec.kind in (Kind.CHOICE, Kind.SEX) else None
    return tr(words[0], words[1]) if words else code


def _fields(table: str) -> list[Field]:
    return [f for f in entity(table).fields if f.stored and f.kind not in _HIDDEN_KINDS]


def _records(file: ParticipantFile, table: str) -> list[Any] | None:
    if table == "banked_cases":
        return [file.banked_case] if file.banked_case is not None else None
    return {
        "eligibility_reviews": file.reviews,
        "referrals": file.referrals,
        "checkins": file.checkins,
        "violations": file.violations,
        "influentials": file.influentials,
    }[table]


def _section(title: str, style: dict) -> Paragraph:
    return Paragraph(markup(title), style["section"])


def _record(table: str, record: Any, width: float) -> Table:
    """One record: short fields two to a line, long texts across the page."""
    pairs = [(f.label_in(), display(f, getattr(record, f.name, None)), f.kind is Kind.LONGTEXT) for f in _fields(table)]
    return _pairs([(k, v) for k, v, _ in pairs], width, long={k for k, _, wide in pairs if wide})


def _pairs(pairs: list[tuple[str, str]], width: float, long: set[str] | None = None) -> Table:
    """Label/value pairs in a four-column grid; values named in ``long`` take a whole line."""
    style = styles()
    long = long or set()
    rows: list[list[Any]] = []
    spans: list[tuple] = []
    pending: list[Any] = []
    for key, value in pairs:
        cells = [Paragraph(markup(key), style["label"]), Paragraph(markup(value or "—"), style["cell"])]
        if key in long:
            if pending:
                rows.append([*pending, "", ""])
                pending = []
            spans.append(("SPAN", (1, len(rows)), (3, len(rows))))
            rows.append([*cells, "", ""])
            continue
        pending += cells
        if len(pending) == 4:
            rows.append(pending)
            pending = []
    if pending:
        rows.append([*pending, "", ""])
    label_w, value_w = width * 0.17, width * 0.33
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w], hAlign="LEFT")
    table.setStyle(TableStyle([*_GRID, *spans]))
    return table


def _status_table(changes: list[StatusChange], width: float, style: dict) -> Any:
    if not changes:
        return Paragraph(markup(tr("Sin cambios de estado.", "No status changes.")), style["empty"])
    head = [tr("Fecha", "Date"), tr("Estado anterior", "Previous status"), tr("Estado nuevo", "New status")]
    head += [tr("Motivo", "Reason"), tr("Por", "By")]
    rows: list[list[Any]] = [[Paragraph(markup(h), style["label"]) for h in head]]
    for change in reversed(changes):  # oldest first: a file reads from the top down
        cells = [
            _when(change.at),
            label(change.from_status) if change.from_status else "—",
            label(change.to_status) if change.to_status else "",
            change.reason,
            change.changed_by,
        ]
        rows.append([Paragraph(markup(c), style["cell"]) for c in cells])
    widths = [0.17, 0.19, 0.19, 0.31, 0.14]
    table = Table(rows, colWidths=[width * w for w in widths], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([*_GRID, ("FONT", (0, 0), (-1, 0), BOLD, 8.5)]))
    return table


def _when(iso: str) -> str:
    """An HLC timestamp (UTC) as local DD-MM-AAAA HH:MM."""
    try:
        moment = datetime.fromisoformat(iso).astimezone(ZoneInfo(TIMEZONE))
    except ValueError:
        return ""
    return f"{short_date(date(moment.year, moment.month, moment.day))} {moment:%H:%M}"
