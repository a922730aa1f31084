"""Meetings of the programme (call-ins, home visits, follow-ups, case reviews): entities and their rules."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from dmi_desktop.domain.messages import language, message
from dmi_desktop.domain.models import Participant, Record
from dmi_desktop.domain.status import Status

START_FORMAT = "%Y-%m-%d %H:%M"  # local wall time in America/Santiago, as people schedule meetings
TIMEZONE = "America/Santiago"
DEFAULT_DURATION = 90
MAX_DURATION = 720  # 12 hours: bounds the overlap search window (an index range, never a scan)
MAX_CAPACITY = 10_000
PROGRAMME_MIN_AGE = 16  # DOMAIN phase 7: minors only from 16, with parental release
ADULT_AGE = 18


class MeetingKind(StrEnum):
    """What kind of meeting; codes as the command line takes them."""

    CALL_IN = "call-in"
    HOME_VISIT = "home-visit"
    FOLLOW_UP = "follow-up"
    CASE_REVIEW = "case-review"


class MeetingStatus(StrEnum):
    """Where a meeting stands; cancelled and postponed carry a reason."""

    PLANNED = "planned"
    CONFIRMED = "confirmed"
    HELD = "held"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


class Organisation(StrEnum):
    """Partner organisations of the programme (DOMAIN phase 1)."""

    CARABINEROS = "carabineros"
    PDI = "pdi"
    FISCALIA = "fiscalia"
    DEFENSORIA = "defensoria"
    TRIBUNAL = "tribunal"
    SEGURIDAD_CIUDADANA = "seguridad-ciudadana"
    DESARROLLO_COMUNITARIO = "desarrollo-comunitario"
    SERVICE_PROVIDER = "service-provider"


class InvitationStatus(StrEnum):
    """How far an invitation got."""

    PENDING = "pending"
    LETTER_ISSUED = "letter-issued"
    DELIVERED = "delivered"
    ACKNOWLEDGED = "acknowledged"
    DECLINED = "declined"


class Attendance(StrEnum):
    """Call-in outcomes (DOMAIN phase 7)."""

    ATTENDED = "attended"
    NO_SHOW = "no-show"
    EXCUSED = "excused"
    IN_CUSTODY = "in-custody"


class FollowUp(StrEnum):
    """What an attendance leaves to decide: a flag for people, never an automatic decision."""

    ENROLMENT = "enrolment"  # attended: offer enrolment
    BANKED_REVIEW = "banked-review"  # no-show: a coordinator reviews activating the banked case
    REINVITE = "reinvite"  # excused: invite again


LABELS: dict[str, tuple[str, str]] = {
    MeetingKind.CALL_IN: ("reunión de notificación", "call-in"),
    MeetingKind.HOME_VISIT: ("visita domiciliaria", "home visit"),
    MeetingKind.FOLLOW_UP: ("seguimiento", "follow-up"),
    MeetingKind.CASE_REVIEW: ("revisión de casos con Fiscalía", "case review"),
    MeetingStatus.PLANNED: ("planificada", "planned"),
    MeetingStatus.CONFIRMED: ("confirmada", "confirmed"),
    MeetingStatus.HELD: ("realizada", "held"),
    MeetingStatus.CANCELLED: ("cancelada", "cancelled"),
    MeetingStatus.POSTPONED: ("postergada", "postponed"),
    Organisation.CARABINEROS: ("Carabineros", "Carabineros"),
    Organisation.PDI: ("PDI", "PDI"),
    Organisation.FISCALIA: ("Fiscalía", "Prosecutor's office (Fiscalía)"),
    Organisation.DEFENSORIA: ("Defensoría Penal Pública", "Public defender (Defensoría)"),
    Organisation.TRIBUNAL: ("Tribunal", "Court"),
    Organisation.SEGURIDAD_CIUDADANA: ("Seguridad Ciudadana", "Public safety office"),
    Organisation.DESARROLLO_COMUNITARIO: ("Desarrollo Comunitario", "Community development office"),
    Organisation.SERVICE_PROVIDER: ("prestador de servicios", "service provider"),
    InvitationStatus.PENDING: ("pendiente", "pending"),
    InvitationStatus.LETTER_ISSUED: ("carta emitida", "letter issued"),
    InvitationStatus.DELIVERED: ("entregada", "delivered"),
    InvitationStatus.ACKNOWLEDGED: ("confirmó recepción", "acknowledged"),
    InvitationStatus.DECLINED: ("rechazó", "declined"),
    Attendance.ATTENDED: ("asistió", "attended"),
    Attendance.NO_SHOW: ("no asistió", "no-show"),
    Attendance.EXCUSED: ("excusado", "excused"),
    Attendance.IN_CUSTODY: ("privado de libertad", "in custody"),
    FollowUp.ENROLMENT: ("ofrecer inscripción", "offer enrolment"),
    FollowUp.BANKED_REVIEW: ("revisar activación del caso en reserva", "review banked-case activation"),
    FollowUp.REINVITE: ("volver a citar", "invite again"),
}

# Meetings that still take place (and so can clash); cancelled and postponed ones hold no time.
ACTIVE_STATUSES = frozenset({MeetingStatus.PLANNED, MeetingStatus.CONFIRMED, MeetingStatus.HELD})

# Which participants each kind of meeting may invite: the call-in summons eligible files (again after an excuse
# or custody); a home visit comes before it; follow-ups are for those who attended; a case review with
# Fiscalía discusses files still being decided or whose banked case may be activated.
INVITABLE: dict[MeetingKind, frozenset[Status]] = {
    MeetingKind.CALL_IN: frozenset(
        {
            Status.ELIGIBLE,
            Status.FAMILY_CONTACTED,
            Status.SUMMONED,
            Status.RESUMMONED,
            Status.EXCUSED,
            Status.IN_CUSTODY,
        }
    ),
    MeetingKind.HOME_VISIT: frozenset(
        {Status.ELIGIBLE, Status.FAMILY_CONTACTED, Status.SUMMONED, Status.RESUMMONED, Status.EXCUSED}
    ),
    MeetingKind.FOLLOW_UP: frozenset(
        {Status.ATTENDED, Status.ENROLLED, Status.DECLINED, Status.MONITORING, Status.VIOLATION}
    ),
    MeetingKind.CASE_REVIEW: frozenset(
        {
            Status.UNDER_REVIEW,
            Status.ELIGIBLE,
            Status.NOT_ELIGIBLE,
            Status.NO_SHOW,
            Status.DECLINED,
            Status.IN_CUSTODY,
            Status.VIOLATION,
        }
    ),
}

# A call-in invitation is the summons (citación): the file moves to "citado" ("re-citado" after an excuse or
# custody). States missing here stay as they are (already summoned).
SUMMONS: dict[Status, Status] = {
    Status.ELIGIBLE: Status.SUMMONED,
    Status.FAMILY_CONTACTED: Status.SUMMONED,
    Status.EXCUSED: Status.RESUMMONED,
    Status.IN_CUSTODY: Status.RESUMMONED,
}

# The status a call-in outcome moves a summoned file to, and what it leaves to decide.
OUTCOME_STATUS: dict[Attendance, Status] = {
    Attendance.ATTENDED: Status.ATTENDED,
    Attendance.NO_SHOW: Status.NO_SHOW,
    Attendance.EXCUSED: Status.EXCUSED,
    Attendance.IN_CUSTODY: Status.IN_CUSTODY,
}
OUTCOME_FOLLOW_UP: dict[Attendance, FollowUp | None] = {
    Attendance.ATTENDED: FollowUp.ENROLMENT,
    Attendance.NO_SHOW: FollowUp.BANKED_REVIEW,
    Attendance.EXCUSED: FollowUp.REINVITE,
    Attendance.IN_CUSTODY: None,
}


def text(value: StrEnum | str, lang: str | None = None) -> str:
    """The label of a meeting code in ``lang`` (default: the message language); unknown codes as given."""
    pair = LABELS.get(str(value))  # a StrEnum member hashes as its code: one lookup serves both
    if pair is None:
        return str(value)
    return pair[1] if (lang or language()) == "en" else pair[0]


def parse_start(value: str | datetime) -> datetime:
    """``YYYY-MM-DD HH:MM`` (a ``T`` also accepted) to a naive local datetime; ValueError says what is wrong."""
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    cleaned = " ".join(str(value).strip().replace("T", " ").split())
    try:
        return datetime.strptime(cleaned, START_FORMAT)
    except ValueError:
        raise ValueError(message("meeting_start_format", value=str(value))) from None


def format_start(moment: datetime) -> str:
    """The stored form of a start time."""
    return moment.strftime(START_FORMAT)


@dataclass(kw_only=True)
class Venue(Record):
    """A place where meetings happen."""

    name: str = ""
    address: str = ""
    capacity: int | None = None
    accessibility: str = ""


@dataclass(kw_only=True)
class Contact(Record):
    """Someone at a partner organisation."""

    name: str = ""
    organisation: Organisation = Organisation.SERVICE_PROVIDER
    role: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""


@dataclass(kw_only=True)
class Meeting(Record):
    """A call-in, home visit, follow-up or case review."""

    ref: str = ""
    kind: MeetingKind = MeetingKind.CALL_IN
    title: str = ""
    starts_at: str = ""  # START_FORMAT, local time
    duration: int = DEFAULT_DURATION  # minutes
    venue_id: str | None = None
    status: MeetingStatus = MeetingStatus.PLANNED
    status_reason: str = ""
    agenda: str = ""
    notes: str = ""

    @property
    def start(self) -> datetime:
        """Start as a naive local datetime."""
        return parse_start(self.starts_at)

    @property
    def end(self) -> datetime:
        """End as a naive local datetime."""
        return self.start + timedelta(minutes=self.duration)


@dataclass(kw_only=True)
class Invitee(Record):
    """One person invited to a meeting: a participant, one of their influentials, or a partner contact."""

    meeting_id: str = ""
    participant_id: str | None = None  # the participant, or whose influential this is
    influential_id: str | None = None
    contact_id: str | None = None
    invitation: InvitationStatus = InvitationStatus.PENDING
    delivered_by: str = ""
    delivered_on: date | None = None
    reissue: bool = False  # a letter was issued for an earlier date or time: it must be issued again
    attendance: Attendance | None = None
    follow_up: FollowUp | None = None
    parental_release: bool = False
    notes: str = ""

    @property
    def kind(self) -> str:
        """ "participant", "influential" or "contact"."""
        if self.contact_id:
            return "contact"
        return "influential" if self.influential_id else "participant"


@dataclass(frozen=True)
class WorkingHours:
    """When meetings are normally held: weekdays (0 = Monday) and a daily window, local time."""

    days: tuple[int, ...] = (0, 1, 2, 3, 4)
    start: time = time(8, 30)
    end: time = time(18, 0)

    def to_json(self) -> str:
        """The form kept in the vault's meta table."""
        return json.dumps(
            {"days": list(self.days), "start": self.start.strftime("%H:%M"), "end": self.end.strftime("%H:%M")}
        )

    @classmethod
    def from_json(cls, raw: str | None) -> WorkingHours:
        """Read the stored setting; the default when missing or unreadable."""
        if not raw:
            return cls()
        try:
            data = json.loads(raw)
            days = tuple(sorted({int(d) for d in data["days"] if 0 <= int(d) <= 6}))
            return cls(days, time.fromisoformat(data["start"]), time.fromisoformat(data["end"]))
        except (ValueError, KeyError, TypeError):
            return cls()

    def contains(self, start: datetime, end: datetime) -> bool:
        """Whether the whole meeting falls on a working day, inside the window."""
        return (
            start.weekday() in self.days
            and start.date() == end.date()
            and start.time() >= self.start
            and end.time() <= self.end
        )


def minor_warning(participant: Participant, day: date) -> str | None:
    """A warning when the participant is a minor on ``day`` (by birth date; unknown age gives none)."""
    age = participant.age_on(day)
    if age is None or age >= ADULT_AGE:
        return None
    who = participant.case_no or participant.full_name
    if age < PROGRAMME_MIN_AGE:
        return message("meeting_minor_under_16", who=who, age=age)
    return message("meeting_minor_release", who=who, age=age)
