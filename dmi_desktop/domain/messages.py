"""User-facing messages of the layers below the UI, in Spanish (default) and English."""

from __future__ import annotations

from datetime import date

_LANGUAGE = "es"

# Keys are stable codes; texts use str.format placeholders that both languages keep.
CATALOG: dict[str, dict[str, str]] = {
    "required": {"es": "es obligatorio", "en": "is required"},
    "rut_invalid": {"es": "RUT no válido ({reason})", "en": "invalid RUT ({reason})"},
    "rut_empty": {"es": "RUT vacío", "en": "empty RUT"},
    "rut_check_digit": {
        "es": "dígito verificador incorrecto en {value!r}",
        "en": "wrong check digit in {value!r}",
    },
    "rut_length": {
        "es": "largo incorrecto en {value!r} (¿falta el dígito verificador?)",
        "en": "wrong length in {value!r} (is the check digit missing?)",
    },
    "rut_format": {"es": "formato de RUT no válido: {value!r}", "en": "invalid RUT format: {value!r}"},
    "date_format": {
        "es": "fecha no válida {value!r} (use DD-MM-AAAA o AAAA-MM-DD)",
        "en": "invalid date {value!r} (use DD-MM-YYYY or YYYY-MM-DD)",
    },
    "date_future": {"es": "la fecha {value} está en el futuro", "en": "the date {value} is in the future"},
    "date_too_old": {"es": "la fecha {value} es anterior a 1900", "en": "the date {value} is before 1900"},
    "choice": {
        "es": "valor no permitido {value!r} (use: {choices})",
        "en": "value {value!r} not allowed (use: {choices})",
    },
    "too_long": {"es": "demasiado largo (máximo {limit} caracteres)", "en": "too long (at most {limit} characters)"},
    "illegal_transition": {
        "es": "no se puede pasar de «{current}» a «{target}»",
        "en": "cannot move from “{current}” to “{target}”",
    },
    "unknown_field": {
        "es": "campo desconocido (campos posibles: {choices})",
        "en": "unknown field (possible fields: {choices})",
    },
    "unknown_status": {"es": "estado desconocido {value!r}", "en": "unknown status {value!r}"},
    "record_id": {
        "es": "identificador no válido {value!r} (debe ser el ID que escribe DMI Desktop)",
        "en": "invalid identifier {value!r} (must be an ID written by DMI Desktop)",
    },
    "id_taken": {
        "es": "el ID {value} ya pertenece a otro registro de esta bóveda",
        "en": "the ID {value} already belongs to another record of this vault",
    },
    "id_deleted": {
        "es": "el participante con ID {value} fue eliminado de esta bóveda",
        "en": "the participant with ID {value} was deleted from this vault",
    },
    "schema_version": {
        "es": "versión de esquema no válida {value!r}",
        "en": "invalid schema version {value!r}",
    },
    "expiry_before_banked": {
        "es": "el vencimiento es anterior a la fecha de reserva",
        "en": "expiry is before the banked date",
    },
    "status_via_set_status": {
        "es": "use set_status para cambiar el estado",
        "en": "use set_status to change the status",
    },
    "participant_not_found": {
        "es": "no existe el participante {key}",
        "en": "participant {key} does not exist",
    },
    "record_not_found": {"es": "no existe el registro {key}", "en": "record {key} does not exist"},
    "key_file_damaged": {
        "es": "el archivo de llaves {name} está dañado",
        "en": "the key file {name} is damaged",
    },
    # Hardening: input hygiene and bounds (control characters, sizes, costs).
    "control_chars": {
        "es": "contiene caracteres de control no permitidos ({chars})",
        "en": "contains control characters that are not allowed ({chars})",
    },
    # -- hardening: damage, full disks, banked-case statuses --------------------------------------
    "banked_status_coordinators": {
        "es": "solo coordinadores pueden mover a un participante hacia o desde «{status}»",
        "en": "only coordinators can move a participant into or out of “{status}”",
    },
    "vault_damaged": {
        "es": "la bóveda está dañada: restaure un respaldo",
        "en": "the vault is damaged: restore a backup",
    },
    "disk_full": {"es": "disco lleno", "en": "disk full"},
    "disk_full_nothing_saved": {
        "es": "disco lleno: no se guardó nada",
        "en": "disk full: nothing was saved",
    },
    "case_activated_coordinators": {
        "es": "solo coordinadores pueden marcar o desmarcar «caso en reserva activado»",
        "en": "only coordinators can set or clear “banked case activated”",
    },
    # -- meetings: call-ins, venues, contacts, invitees, attendance (issue 10) -----------------------------
    "meeting_start_format": {
        "es": "fecha y hora no válidas {value!r} (use AAAA-MM-DD HH:MM)",
        "en": "invalid date and time {value!r} (use YYYY-MM-DD HH:MM)",
    },
    "meeting_email": {"es": "correo electrónico no válido {value!r}", "en": "invalid e-mail address {value!r}"},
    "meeting_whole_number": {"es": "no es un número entero: {value!r}", "en": "not a whole number: {value!r}"},
    "meeting_number_range": {
        "es": "{value} fuera de rango (de 1 a {maximum})",
        "en": "{value} out of range (1 to {maximum})",
    },
    "meeting_minor_under_16": {
        "es": "{who} tiene {age} años: el programa admite menores solo desde los 16, con autorización de un adulto",
        "en": "{who} is {age}: the programme admits minors only from 16, with an adult's release",
    },
    "meeting_minor_release": {
        "es": "{who} es menor de edad ({age} años): se requiere autorización de padre, madre o tutor",
        "en": "{who} is a minor ({age}): parental release is required",
    },
    "meeting_not_found": {"es": "no existe la reunión {key}", "en": "meeting {key} does not exist"},
    "venue_not_found": {"es": "no existe el lugar {key}", "en": "venue {key} does not exist"},
    "contact_not_found": {"es": "no existe el contacto {key}", "en": "contact {key} does not exist"},
    "venue_ambiguous": {
        "es": "hay varios lugares llamados {key}: indique su ID",
        "en": "several venues are called {key}: give its ID",
    },
    "contact_ambiguous": {
        "es": "hay varios contactos llamados {key}: indique su ID",
        "en": "several contacts are called {key}: give its ID",
    },
    "venue_exists": {"es": "ya existe un lugar llamado {name}", "en": "a venue called {name} already exists"},
    "contact_exists": {
        "es": "ya existe un contacto llamado {name} en {organisation}",
        "en": "a contact called {name} already exists at {organisation}",
    },
    "clash_participant": {
        "es": "{who} ya está invitado/a a «{title}» ({ref}, {start}) a la misma hora",
        "en": "{who} is already invited to “{title}” ({ref}, {start}) at the same time",
    },
    "clash_contact": {
        "es": "{who} ya está invitado/a a «{title}» ({ref}, {start}) a la misma hora",
        "en": "{who} is already invited to “{title}” ({ref}, {start}) at the same time",
    },
    "clash_venue": {
        "es": "{venue} ya está ocupado por «{title}» ({ref}, {start})",
        "en": "{venue} is already booked for “{title}” ({ref}, {start})",
    },
    "clash_capacity": {
        "es": "{count} invitados superan la capacidad de {venue} ({capacity} personas)",
        "en": "{count} invitees exceed the capacity of {venue} ({capacity} people)",
    },
    "clash_holiday": {
        "es": "el {day} es feriado en Chile ({name})",
        "en": "{day} is a public holiday in Chile ({name})",
    },
    "clash_hours": {
        "es": "fuera del horario de trabajo ({hours})",
        "en": "outside working hours ({hours})",
    },
    "clashes_refused": {
        "es": "no se guardó: {clashes} (para guardar de todos modos indique un motivo)",
        "en": "not saved: {clashes} (to save anyway give a reason)",
    },
    "override_reason": {
        "es": "guardar pese a los conflictos requiere un motivo",
        "en": "saving despite the clashes needs a reason",
    },
    "meeting_reason_required": {
        "es": "indique el motivo ({status})",
        "en": "give the reason ({status})",
    },
    "meeting_closed": {
        "es": "la reunión {ref} está {status}: no admite cambios",
        "en": "meeting {ref} is {status}: it cannot be changed",
    },
    "meeting_status_move": {
        "es": "la reunión {ref} está {current}: no puede pasar a {target}",
        "en": "meeting {ref} is {current}: it cannot become {target}",
    },
    "invite_status": {
        "es": "{who} está en «{status}»: una {kind} solo admite participantes en: {allowed}",
        "en": "{who} is “{status}”: a {kind} only takes participants who are: {allowed}",
    },
    "invite_nobody": {
        "es": "indique al menos un participante o un contacto",
        "en": "name at least one participant or contact",
    },
    "attend_not_invited": {
        "es": "{who} no está invitado/a a la reunión {ref}",
        "en": "{who} is not invited to meeting {ref}",
    },
    "attend_recorded": {
        "es": "la asistencia de {who} ya fue registrada ({outcome})",
        "en": "the attendance of {who} was already recorded ({outcome})",
    },
    "attend_enrol": {
        "es": "solo se inscribe a quien asistió (resultado: {outcome})",
        "en": "only someone who attended can be enrolled (outcome: {outcome})",
    },
    "invitee_influential_of": {"es": "influyente de {case_no}", "en": "influential of {case_no}"},
    "invite_summons_reason": {
        "es": "citado a la reunión {ref} ({start})",
        "en": "summoned to meeting {ref} ({start})",
    },
    "attend_reason": {"es": "reunión {ref}: {outcome}", "en": "meeting {ref}: {outcome}"},
    "working_hours_invalid": {
        "es": "horario no válido: {reason}",
        "en": "invalid working hours: {reason}",
    },
    # Saved views of the participants list (services/saved_views.py).
    "view_name_empty": {"es": "la vista necesita un nombre", "en": "the view needs a name"},
    "view_name_long": {
        "es": "el nombre de la vista es demasiado largo (máximo {max} caracteres)",
        "en": "the view's name is too long (at most {max} characters)",
    },
    "view_name_control": {
        "es": "el nombre de la vista tiene caracteres no permitidos",
        "en": "the view's name has characters that are not allowed",
    },
    "view_name_taken": {"es": "ya existe una vista llamada «{name}»", "en": "a view called “{name}” already exists"},
    "view_not_found": {"es": "no existe una vista llamada «{name}»", "en": "there is no view called “{name}”"},
    "view_too_many": {
        "es": "no se pueden guardar más de {count} vistas: elimine alguna primero",
        "en": "no more than {count} views can be saved: delete one first",
    },
    # -- home page and follow-up intervals (branch home) --
    "follow_up_days_range": {
        "es": "plazo no válido: {value} (use un número de días entre 1 y {maximum})",
        "en": "invalid interval: {value} (use a number of days from 1 to {maximum})",
    },
    # Printing (participant file and list PDFs): every print says why it is made.
    "print_purpose_required": {
        "es": "indique el propósito de la impresión (queda en el registro de auditoría)",
        "en": "give the purpose of the print (it is recorded in the audit log)",
    },
    "print_purpose_too_long": {
        "es": "el propósito es demasiado largo (máximo {limit} caracteres)",
        "en": "the purpose is too long (at most {limit} characters)",
    },
    "print_purpose_control": {
        "es": "el propósito contiene caracteres de control",
        "en": "the purpose holds control characters",
    },
    # -- data quality at entry (issue 9 item 4) ---------------------------------------------------------
    "phone_format": {
        "es": "teléfono no válido {value!r}: use un número chileno de 9 dígitos, p. ej. +56 9 1234 5678 (celular)"
        " o +56 2 2123 4567 (fijo); uno extranjero con su código, p. ej. +54 11 1234 5678",
        "en": "invalid phone number {value!r}: use a 9-digit Chilean number, e.g. +56 9 1234 5678 (mobile)"
        " or +56 2 2123 4567 (landline); a foreign one with its code, e.g. +54 11 1234 5678",
    },
    "name_symbols": {
        "es": "un nombre no puede contener emojis ni símbolos ({chars})",
        "en": "a name cannot contain emoji or symbols ({chars})",
    },
    "rut_exists": {
        "es": "el RUT {rut} ya existe: caso {case_no}",
        "en": "RUT {rut} already exists: case {case_no}",
    },
    "rut_repeated": {
        "es": "el RUT {rut} se repite en el archivo",
        "en": "RUT {rut} appears twice in the file",
    },
    "first_appointment_before_referral": {
        "es": "la primera cita ({first}) es anterior a la derivación ({referred})",
        "en": "the first appointment ({first}) is before the referral ({referred})",
    },
    "ended_before_start": {
        "es": "la fecha de término ({ended}) es anterior a {start_label} ({start})",
        "en": "the end date ({ended}) is before {start_label} ({start})",
    },
    "start_label_first_appointment": {"es": "la primera cita", "en": "the first appointment"},
    "start_label_referral": {"es": "la derivación", "en": "the referral"},
    "review_rationale_required": {
        "es": "explique el fundamento de la decisión «{decision}»",
        "en": "explain the rationale of the decision “{decision}”",
    },
    "referral_other_notes": {
        "es": "con servicio «otro», indique cuál en Notas",
        "en": "with service “other”, say which in Notes",
    },
    "decision_pending": {"es": "pendiente", "en": "pending"},
    "decision_eligible": {"es": "elegible (caso en reserva)", "en": "eligible (case banked)"},
    "decision_not_eligible": {"es": "no elegible (se persigue)", "en": "not eligible (prosecuted)"},
    "decision_dropped": {"es": "descartado", "en": "dropped"},
    "export_unencrypted": {
        "es": "aviso: {file} no va cifrado: cualquiera que obtenga el archivo podrá leerlo (para instituciones,"
        " la exportación cifrada llegará con la sincronización)",
        "en": "warning: {file} is not encrypted: anyone who gets the file can read it (for partner institutions,"
        " the encrypted export will come with synchronisation)",
    },
}

# What a refused user tried to do, as the services name it (Spanish) and its English text; see action_text.
ACTIONS: dict[str, str] = {
    "crear participantes": "create participants",
    "importar participantes": "import participants",
    "editar participantes": "edit participants",
    "cambiar estados": "change statuses",
    "cambiar fotos": "change photos",
    "agregar registros": "add records",
    "editar registros": "edit records",
    "eliminar registros": "delete records",
    "agregar usuarios": "add users",
    "generar una nueva clave de recuperación": "generate a new recovery key",
    "eliminar usuarios": "remove users",
    "cambiar la frase de acceso de otra persona": "change someone else's passphrase",
    "restaurar copias de seguridad": "restore backups",
    "generar datos de demostración": "generate demo data",
    "cambiar los datos de la organización": "change the organisation's details",
    "revisar incidentes de auditoría": "acknowledge audit incidents",
    "gestionar reuniones": "manage meetings",
    "gestionar lugares y contactos": "manage venues and contacts",
    "registrar asistencia": "record attendance",
    "cambiar el horario de reuniones": "change meeting hours",
    "cambiar los plazos de seguimiento": "change the follow-up intervals",
}


def set_language(language: str) -> None:
    """Choose the language of domain and service messages ("es" or "en")."""
    global _LANGUAGE
    _LANGUAGE = "en" if language.lower().startswith("en") else "es"


def language() -> str:
    """The current message language code."""
    return _LANGUAGE


def tr(es: str, en: str) -> str:
    """``es`` or ``en`` by the current message language (Spanish unless English was chosen)."""
    return en if _LANGUAGE == "en" else es


def action_text(action: str) -> str:
    """An action named in Spanish (a key of ACTIONS) in the current language; an unknown one as given."""
    return ACTIONS.get(action, action) if _LANGUAGE == "en" else action


def count_text(n: int) -> str:
    """A count as people read it in the current language: 5.303 in Spanish (Chile), 5,303 in English."""
    from babel.numbers import format_decimal  # loaded on the first count shown, not at every import

    return format_decimal(n, locale="en_US" if _LANGUAGE == "en" else "es_CL")


def day_text(day: date) -> str:
    """A date as Chileans write it in a message: ``31-12-2024`` (DD-MM-AAAA, never ISO)."""
    return day.strftime("%d-%m-%Y")


def message(code: str, **params: object) -> str:
    """The text for ``code`` in the current language, with ``params`` filled in."""
    texts = CATALOG[code]
    return texts.get(_LANGUAGE, texts["es"]).format(**params)
