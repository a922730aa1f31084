"""Entities of the participant file as plain dataclasses (what repositories return)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

from dmi_desktop.domain.roles import Role
from dmi_desktop.domain.status import Status


@dataclass(kw_only=True)
class Record:
    """Fields every synchronisable row carries (DESIGN §4)."""

    id: str = ""
    created_hlc: str = ""
    updated_hlc: str = ""
    origin: str = ""
    deleted: bool = False


class Sex(StrEnum):
    """Sex as recorded on Chilean identity documents, plus unspecified."""

    FEMALE = "F"
    MALE = "M"
    OTHER = "X"


@dataclass(kw_only=True)
class Participant(Record):
    """A person identified in the drug market; the heart of the file."""

    case_no: str = ""
    nombres: str = ""
    apellido_paterno: str = ""
    apellido_materno: str = ""
    alias: str = ""
    rut: str = ""
    birth_date: date | None = None
    sex: str = ""
    phone: str = ""
    address: str = ""
    sector: str = ""
    caseworker: str = ""  # the user who handles the file (schema 7)
    status: Status = Status.IDENTIFIED
    has_photo: bool = False

    @property
    def full_name(self) -> str:
        """Nombres followed by both surnames, as written in Chile."""
        return " ".join(p for p in (self.nombres, self.apellido_paterno, self.apellido_materno) if p)

    def age_on(self, day: date) -> int | None:
        """Age in whole years on ``day``; None without a birth date."""
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    def is_minor_on(self, day: date) -> bool:
        """Minors (< 18) need parental release and special handling."""
        age = self.age_on(day)
        return age is not None and age < 18


@dataclass(frozen=True)
class ParticipantRow:
    """One line of the participants list (what the table shows)."""

    id: str
    case_no: str
    full_name: str
    alias: str
    rut: str
    sector: str
    status: Status
    last_checkin: date | None


@dataclass(kw_only=True)
class Influential(Record):
    """A family member, partner or mentor to visit before the call-in."""

    participant_id: str = ""
    name: str = ""
    relationship: str = ""
    phone: str = ""
    address: str = ""
    visited_on: date | None = None
    notes: str = ""


class Decision(StrEnum):
    """Outcome of the eligibility review with the prosecutor."""

    PENDING = "pending"
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    DROPPED = "dropped"


@dataclass(kw_only=True)
class EligibilityReview(Record):
    """Criteria checklist and decision of the review (DOMAIN phase 4)."""

    participant_id: str = ""
    violence_or_weapons: bool = False
    leadership_role: bool = False
    still_active: bool = False
    enough_evidence: bool = False
    decision: Decision = Decision.PENDING
    rationale: str = ""
    reviewer: str = ""
    review_date: date | None = None

    def suggested_decision(self) -> Decision:
        """What the High Point criteria suggest; the reviewers decide."""
        if self.violence_or_weapons or self.leadership_role:
            return Decision.NOT_ELIGIBLE
        if not (self.still_active and self.enough_evidence):
            return Decision.DROPPED
        return Decision.ELIGIBLE


@dataclass(kw_only=True)
class BankedCase(Record):
    """Restricted: references to the suspended prosecution (never evidence itself)."""

    participant_id: str = ""
    ruc: str = ""
    investigating_unit: str = ""
    buy_dates: list[date] = field(default_factory=list)
    banked_on: date | None = None
    expires_on: date | None = None
    description: str = ""


class ReferralKind(StrEnum):
    """Services offered after the call-in."""

    EMPLOYMENT = "employment"
    PSYCHOLOGICAL = "psychological"
    EDUCATION = "education"
    TREATMENT = "treatment"
    OTHER = "other"  # which service goes in the referral's notes


class CheckInMethod(StrEnum):
    """How a monitoring contact took place; any other text is kept as typed (the "other" choice)."""

    OFFICE = "office"
    HOME_VISIT = "home_visit"
    PHONE = "phone"
    VIDEO = "video"
    OTHER = "other"


class ReferralStatus(StrEnum):
    """Progress of a referral."""

    PENDING = "pending"
    SCHEDULED = "scheduled"
    ACTIVE = "active"
    COMPLETED = "completed"
    DECLINED = "declined"


@dataclass(kw_only=True)
class Referral(Record):
    """A referral to a service provider."""

    participant_id: str = ""
    kind: ReferralKind = ReferralKind.EMPLOYMENT
    provider: str = ""
    status: ReferralStatus = ReferralStatus.PENDING
    referred_on: date | None = None
    first_appointment: date | None = None
    ended_on: date | None = None
    notes: str = ""


@dataclass(kw_only=True)
class CheckIn(Record):
    """A monitoring contact."""

    participant_id: str = ""
    day: date | None = None
    method: str = ""
    notes: str = ""
    recorded_by: str = ""


@dataclass(kw_only=True)
class Violation(Record):
    """A new offence or dealing; may activate the banked case."""

    participant_id: str = ""
    day: date | None = None
    description: str = ""
    case_activated: bool = False


@dataclass(kw_only=True)
class Note(Record):
    """A free-text note on the file."""

    participant_id: str = ""
    body: str = ""
    author: str = ""


@dataclass(frozen=True)
class User:
    """A local user of the vault."""

    name: str
    role: Role


@dataclass(frozen=True)
class AuditEntry:
    """One link of a device's audit chain, with its payload when it has one and it was not erased."""

    device_id: str
    seq: int
    hlc: str
    user: str
    action: str
    entity: str
    entity_id: str
    fields: tuple[str, ...] = ()
    digest: str = ""
    prev_hash: str = ""
    hash: str = ""
    payload: dict | None = None
    payload_salt: str = ""
    payload_body: str | None = None
    refs: tuple[str, ...] = ()  # further records a received entry is about (a batch's ids travel here)

    @property
    def at(self) -> str:
        """When, as ISO 8601 UTC (from the HLC's wall clock)."""
        return hlc_iso(self.hlc)

    @property
    def erased(self) -> bool:
        """True when the entry had a payload that was deleted (erasure)."""
        return bool(self.digest) and self.payload is None

    @property
    def before(self) -> dict | None:
        """Old values, when the payload holds them."""
        return (self.payload or {}).get("before")

    @property
    def after(self) -> dict | None:
        """New values (or a batch's summary), when the payload holds them."""
        return (self.payload or {}).get("after")

    @property
    def batch_size(self) -> int:
        """How many files a batch entry touched: its count (batches written since schema 5), or the ids older
        batches listed one by one."""
        payload = self.payload or {}
        return int(payload.get("people", len(payload.get("ids", []))))


@dataclass(kw_only=True)
class StatusChange(Record):
    """One move along the life cycle, with its reason: part of the file, synchronised like any row."""

    participant_id: str = ""
    from_status: str = ""
    to_status: str = ""
    reason: str = ""
    changed_by: str = ""

    @property
    def at(self) -> str:
        """When, as ISO 8601 UTC."""
        return hlc_iso(self.created_hlc)


@dataclass(frozen=True)
class HistoryEvent:
    """One line of a file's history: a status change (data) or an audited edit (who did what)."""

    hlc: str
    user: str
    action: str
    entity: str
    entity_id: str
    fields: tuple[str, ...] = ()
    before: dict | None = None
    after: dict | None = None
    erased: bool = False
    batch_size: int = 0  # a batch entry (import, demo): how many files it named
    batch_file: str = ""  # the file an import came from

    @property
    def at(self) -> str:
        """When, as ISO 8601 UTC."""
        return hlc_iso(self.hlc)


def hlc_iso(hlc: str) -> str:
    """The wall-clock part of an HLC text as ISO 8601 UTC with milliseconds ("" when not an HLC)."""
    head = hlc.split("-", 1)[0]
    if not head.isdigit():
        return ""
    return datetime.fromtimestamp(int(head) / 1000, UTC).isoformat(timespec="milliseconds")


@dataclass
class ParticipantFile:
    """Everything the file view shows about one participant (restricted parts may be None)."""

    participant: Participant
    influentials: list[Influential] = field(default_factory=list)
    reviews: list[EligibilityReview] = field(default_factory=list)
    banked_case: BankedCase | None = None
    referrals: list[Referral] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    status_history: list[StatusChange] = field(default_factory=list)  # newest first
