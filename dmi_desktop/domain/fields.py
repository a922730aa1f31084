"""The field registry: every field of the participant file declared once, read by every layer (STYLE point 17).

Its building blocks (Kind, Label, Field, Entity and the builders) are in field_types.py, re-exported here.
"""

from __future__ import annotations

from dmi_desktop.domain.field_types import Entity, Field, Kind, Label
from dmi_desktop.domain.field_types import bool_field as _bool
from dmi_desktop.domain.field_types import date_field as _date
from dmi_desktop.domain.field_types import make_entity as _entity
from dmi_desktop.domain.field_types import name_field as _name
from dmi_desktop.domain.field_types import note_field as _note
from dmi_desktop.domain.field_types import owner_field as _owner
from dmi_desktop.domain.field_types import record_id_field as _record_id
from dmi_desktop.domain.field_types import text_field as _text
from dmi_desktop.domain.meetings import (
    MAX_CAPACITY,
    MAX_DURATION,
    Attendance,
    FollowUp,
    InvitationStatus,
    MeetingKind,
    MeetingStatus,
    Organisation,
)
from dmi_desktop.domain.models import CheckInMethod, Decision, ReferralKind, ReferralStatus, Sex
from dmi_desktop.domain.status import Status

PARTICIPANTS = _entity(
    "participants",
    Label("participante", "participant"),
    Label("Participantes", "Participants"),
    (
        _text("case_no", "N° de caso", "Case no.", editable=False),
        _name("nombres", "Nombres", "First names", required=True),
        _name("apellido_paterno", "Apellido paterno", "Paternal surname", required=True),
        _name("apellido_materno", "Apellido materno", "Maternal surname"),
        _name("alias", "Alias", "Alias"),
        Field("rut", Kind.RUT, Label("RUT", "RUT")),
        _date("birth_date", "Fecha de nacimiento", "Date of birth"),
        Field("sex", Kind.SEX, Label("Sexo", "Sex"), choices=Sex),
        Field("phone", Kind.PHONE, Label("Teléfono", "Phone")),
        _text("address", "Dirección", "Address", squeeze=True),
        _text("sector", "Sector", "Sector", squeeze=True),
        # The staff user who handles the file ("mis casos"); the app fills in the creating user (schema 7).
        _text("caseworker", "Responsable", "Caseworker", squeeze=True),
        # Exported as its label in the chosen language ("en revisión"), which an import reads back.
        Field("status", Kind.STATUS, Label("Estado", "Status"), choices=Status, editable=False, initial=True),
        _text(
            "status_label",
            "Estado",
            "Status",
            editable=False,
            stored=False,
            exportable=False,
            header=Label("Estado (texto)", "Status (text)"),
        ),
        _date("last_checkin", "Último control", "Last check-in", editable=False, stored=False),
        _record_id(importable=True),  # an import of the app's own export matches people by it
    ),
    audit="participant",
)

INFLUENTIALS = _entity(
    "influentials",
    Label("influyente", "influential"),
    Label("Influyentes", "Influentials"),
    (
        _name("name", "Nombre", "Name", required=True),
        _text("relationship", "Parentesco o relación", "Relationship"),
        Field("phone", Kind.PHONE, Label("Teléfono", "Phone")),
        _text("address", "Dirección", "Address"),
        _date("visited_on", "Fecha de visita", "Visited on"),
        _note("notes", "Notas", "Notes"),
        _record_id(),
        _owner(),
    ),
)

ELIGIBILITY_REVIEWS = _entity(
    "eligibility_reviews",
    Label("revisión de elegibilidad", "eligibility review"),
    Label("Revisiones de elegibilidad", "Eligibility reviews"),
    (
        _bool("violence_or_weapons", "Historial de violencia o armas", "History of violence or weapons"),
        _bool("leadership_role", "Rol de liderazgo", "Leadership role"),
        _bool("still_active", "Sigue activo", "Still active"),
        _bool("enough_evidence", "Evidencia suficiente", "Enough evidence"),
        Field("decision", Kind.CHOICE, Label("Decisión", "Decision"), choices=Decision),
        _note("rationale", "Fundamento", "Rationale"),
        _text("reviewer", "Revisor/a", "Reviewer"),
        _date("review_date", "Fecha de revisión", "Review date", required=True, today_default=True),
        _record_id(),
        _owner(),
    ),
)

BANKED_CASES = _entity(
    "banked_cases",
    Label("caso en reserva", "banked case"),
    Label("Caso en reserva", "Banked case"),
    (
        _text("ruc", "RUC", "RUC", required=True),
        _text("investigating_unit", "Unidad investigadora", "Investigating unit"),
        Field("buy_dates", Kind.DATES, Label("Fechas de compra", "Buy dates")),
        _date("banked_on", "Fecha de reserva", "Banked on", today_default=True),
        _date("expires_on", "Vencimiento", "Expires on", allow_future=True),
        _note("description", "Descripción", "Description"),
        _record_id(),
        _owner(),
    ),
    restricted=True,  # coordinators only (DESIGN §4)
)

REFERRALS = _entity(
    "referrals",
    Label("derivación", "referral"),
    Label("Derivaciones", "Referrals"),
    (
        Field("kind", Kind.CHOICE, Label("Servicio", "Service"), required=True, choices=ReferralKind),
        _text("provider", "Prestador", "Provider"),
        Field("status", Kind.CHOICE, Label("Estado", "Status"), choices=ReferralStatus),
        _date("referred_on", "Fecha de derivación", "Referred on", today_default=True),
        _date("first_appointment", "Primera cita", "First appointment", allow_future=True),
        _date("ended_on", "Fecha de término", "Ended on"),
        _note("notes", "Notas", "Notes"),
        _record_id(),
        _owner(),
    ),
)

CHECKINS = _entity(
    "checkins",
    Label("control", "check-in"),
    Label("Controles", "Check-ins"),
    (
        _date("day", "Fecha", "Date", required=True, today_default=True),
        Field("method", Kind.OPEN_CHOICE, Label("Modalidad", "Method"), choices=CheckInMethod),
        _text("recorded_by", "Registrado por", "Recorded by"),
        _note("notes", "Notas", "Notes"),
        _record_id(),
        _owner(),
    ),
)

VIOLATIONS = _entity(
    "violations",
    Label("incumplimiento", "violation"),
    Label("Incumplimientos", "Violations"),
    (
        _date("day", "Fecha", "Date", required=True, today_default=True),
        _note("description", "Descripción", "Description", required=True),
        _bool("case_activated", "Caso en reserva activado", "Banked case activated"),
        _record_id(),
        _owner(),
    ),
)

NOTES = _entity(
    "notes",
    Label("nota", "note"),
    Label("Notas", "Notes"),
    (
        Field("body", Kind.LONGTEXT, Label("Nota", "Note"), required=True),
        _text("author", "Autor/a", "Author"),
        _record_id(),
        _owner(),
    ),
)

# Written with every status change (ParticipantService.set_status), never edited: the file's history as data.
STATUS_CHANGES = _entity(
    "status_changes",
    Label("cambio de estado", "status change"),
    Label("Historial de estados", "Status history"),
    (
        Field("from_status", Kind.STATUS, Label("Estado anterior", "Previous status"), choices=Status, editable=False),
        Field("to_status", Kind.STATUS, Label("Estado nuevo", "New status"), choices=Status, editable=False),
        _text("reason", "Motivo", "Reason", editable=False),
        _text("changed_by", "Cambiado por", "Changed by", editable=False),
        _record_id(),
        _owner(),
    ),
    by_hand=False,
)

VENUES = _entity(
    "venues",
    Label("lugar", "venue"),
    Label("Lugares", "Venues"),
    (
        _text("name", "Nombre", "Name", required=True, squeeze=True),
        _text("address", "Dirección", "Address", squeeze=True),
        Field("capacity", Kind.INTEGER, Label("Capacidad", "Capacity"), max_value=MAX_CAPACITY),
        _note("accessibility", "Accesibilidad", "Accessibility notes"),
        _record_id(),
    ),
    in_file=False,
)

CONTACTS = _entity(
    "contacts",
    Label("contacto", "contact"),
    Label("Contactos de instituciones", "Partner contacts"),
    (
        _name("name", "Nombre", "Name", required=True),
        Field("organisation", Kind.CHOICE, Label("Institución", "Organisation"), required=True, choices=Organisation),
        _text("role", "Cargo", "Role"),
        Field("phone", Kind.PHONE, Label("Teléfono", "Phone")),
        Field("email", Kind.EMAIL, Label("Correo electrónico", "E-mail")),
        _note("notes", "Notas", "Notes"),
        _record_id(),
    ),
    in_file=False,
)

MEETINGS = _entity(
    "meetings",
    Label("reunión", "meeting"),
    Label("Reuniones", "Meetings"),
    (
        _text("ref", "N° de reunión", "Meeting no.", editable=False),
        Field("kind", Kind.CHOICE, Label("Tipo", "Kind"), required=True, choices=MeetingKind),
        _text("title", "Título", "Title", required=True, squeeze=True),
        Field("starts_at", Kind.DATETIME, Label("Inicio", "Start"), required=True),
        Field("duration", Kind.INTEGER, Label("Duración (minutos)", "Duration (minutes)"), max_value=MAX_DURATION),
        Field("venue_id", Kind.REF, Label("Lugar", "Venue")),
        Field("status", Kind.CHOICE, Label("Estado", "Status"), choices=MeetingStatus, editable=False),
        _text("status_reason", "Motivo del estado", "Status reason", editable=False),
        Field("agenda", Kind.LONGTEXT, Label("Programa", "Agenda")),
        Field("notes", Kind.LONGTEXT, Label("Notas", "Notes")),
        _record_id(),
    ),
    in_file=False,
)

# Written through the meeting's invitation and attendance actions, never through a generic form.
INVITEES = _entity(
    "invitees",
    Label("invitado", "invitee"),
    Label("Invitados", "Invitees"),
    (
        Field("meeting_id", Kind.REF, Label("Reunión", "Meeting"), editable=False),
        Field("participant_id", Kind.REF, Label("Participante", "Participant"), editable=False),
        Field("influential_id", Kind.REF, Label("Influyente", "Influential"), editable=False),
        Field("contact_id", Kind.REF, Label("Contacto", "Contact"), editable=False),
        Field("invitation", Kind.CHOICE, Label("Invitación", "Invitation"), choices=InvitationStatus),
        _text("delivered_by", "Entregada por", "Delivered by"),
        _date("delivered_on", "Fecha de entrega", "Delivered on"),
        _bool("reissue", "Reemitir carta", "Letter to re-issue"),
        Field("attendance", Kind.CHOICE, Label("Asistencia", "Attendance"), choices=Attendance, editable=False),
        Field("follow_up", Kind.CHOICE, Label("Pendiente", "To decide"), choices=FollowUp, editable=False),
        _bool("parental_release", "Autorización de padre, madre o tutor", "Parental release"),
        _note("notes", "Notas", "Notes"),
        _record_id(),
    ),
    by_hand=False,
    in_file=False,
)

# Table name -> entity. Read at call time by every layer (tests may add a field to see it travel).
ENTITIES: dict[str, Entity] = {
    e.table: e
    for e in (
        PARTICIPANTS,
        INFLUENTIALS,
        ELIGIBILITY_REVIEWS,
        BANKED_CASES,
        REFERRALS,
        CHECKINS,
        VIOLATIONS,
        NOTES,
        STATUS_CHANGES,
        VENUES,
        CONTACTS,
        MEETINGS,
        INVITEES,
    )
}
# The records of a file a user adds by hand (each has its tab, form and dialog).
CHILD_TABLES: tuple[str, ...] = tuple(t for t, e in ENTITIES.items() if t != "participants" and e.by_hand and e.in_file)


# -- queries ------------------------------------------------------------------------------------------------


def entity(table: str) -> Entity:
    """The entity stored in ``table`` (or named ``table`` in the audit, e.g. "participant"); KeyError if none."""
    if table in ENTITIES:
        return ENTITIES[table]
    for e in ENTITIES.values():
        if e.audit_name == table:
            return e
    raise KeyError(table)


def entities() -> list[Entity]:
    """Every entity, participants first."""
    return list(ENTITIES.values())


def field(table: str, name: str) -> Field:
    """One field of ``table``; KeyError if unknown."""
    return entity(table).field(name)


def find_field(table: str, name: str) -> Field | None:
    """One field of ``table``, or None when the table or the field is unknown."""
    try:
        return field(table, name)
    except KeyError:
        return None


def all_fields(table: str) -> tuple[Field, ...]:
    """Every field of ``table`` in declaration order (the order of exports and forms)."""
    return entity(table).fields


def input_fields(table: str) -> tuple[Field, ...]:
    """Fields a form, an import or the CLI may set when creating a record."""
    return tuple(f for f in all_fields(table) if f.is_input)


def editable_fields(table: str) -> tuple[Field, ...]:
    """Fields a user may change on an existing record."""
    return tuple(f for f in all_fields(table) if f.editable)


def required_fields(table: str) -> tuple[Field, ...]:
    """Fields that may not be empty."""
    return tuple(f for f in all_fields(table) if f.required)


def importable_fields(table: str) -> tuple[Field, ...]:
    """Fields a spreadsheet column may be mapped to (the record id included: it matches existing rows)."""
    return tuple(f for f in all_fields(table) if f.is_importable)


def stored_fields(table: str) -> tuple[Field, ...]:
    """Fields kept as columns of the table (derived ones left out)."""
    return tuple(f for f in all_fields(table) if f.stored)


def exportable_fields(table: str, *, include_restricted: bool = False) -> tuple[Field, ...]:
    """Fields that may leave the laptop in a file; restricted ones only when explicitly asked for."""
    return tuple(f for f in all_fields(table) if f.exportable and (include_restricted or not f.restricted))


def is_restricted(table: str, name: str | None = None) -> bool:
    """Whether the entity (or one of its fields) is for coordinators only."""
    e = entity(table)
    return e.restricted if name is None else e.restricted or e.field(name).restricted


def restricted_tables() -> frozenset[str]:
    """Tables whose records only coordinators may see."""
    return frozenset(e.table for e in ENTITIES.values() if e.restricted)


def label(table: str, name: str, language: str | None = None) -> str:
    """The label of a field in ``language`` (default: the current message language)."""
    return field(table, name).label_in(language)


def names(fields: tuple[Field, ...]) -> tuple[str, ...]:
    """The names of ``fields``."""
    return tuple(f.name for f in fields)
