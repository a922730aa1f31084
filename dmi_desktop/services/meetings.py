"""Scheduling meetings: add, list, show, reschedule, cancel or change status, with clash checks and audit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.meetings import (
    DEFAULT_DURATION,
    Attendance,
    InvitationStatus,
    Invitee,
    Meeting,
    MeetingStatus,
    Venue,
    WorkingHours,
    parse_start,
    text,
)
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.status import Status
from dmi_desktop.domain.validation import clean_fields, clean_reason
from dmi_desktop.services.changes import ChangeKind, Changes
from dmi_desktop.services.meeting_clashes import Attendees, Clash, ClashChecker, ClashesFound
from dmi_desktop.services.participant_bulk import filled
from dmi_desktop.storage.child_repository import child_repositories
from dmi_desktop.storage.meeting_repository import (
    ContactRepository,
    InviteeRepository,
    MeetingRepository,
    VenueRepository,
)
from dmi_desktop.storage.records import public_dict
from dmi_desktop.storage.repositories import ParticipantRepository

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

ACTION = "gestionar reuniones"
HOURS_KEY = "meeting_hours"  # the working-hours setting in the vault's meta table
# Letters already in someone's hands name the old date and time: after a reschedule they must be issued again.
ISSUED = frozenset({InvitationStatus.LETTER_ISSUED, InvitationStatus.DELIVERED, InvitationStatus.ACKNOWLEDGED})
# Status moves a user may make by hand (a postponed meeting comes back as planned through a reschedule).
MOVES: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    MeetingStatus.PLANNED: frozenset({MeetingStatus.CONFIRMED, MeetingStatus.HELD, MeetingStatus.POSTPONED}),
    MeetingStatus.CONFIRMED: frozenset({MeetingStatus.PLANNED, MeetingStatus.HELD, MeetingStatus.POSTPONED}),
    MeetingStatus.POSTPONED: frozenset(),
    MeetingStatus.HELD: frozenset(),
    MeetingStatus.CANCELLED: frozenset(),
}
CLOSED = frozenset({MeetingStatus.HELD, MeetingStatus.CANCELLED})
NEEDS_REASON = frozenset({MeetingStatus.CANCELLED, MeetingStatus.POSTPONED})


@dataclass(frozen=True)
class Scheduled:
    """A meeting saved (added or rescheduled) and the clashes that were overridden to save it."""

    meeting: Meeting
    clashes: list[Clash] = field(default_factory=list)
    reissue: int = 0  # rescheduling: letters marked to be issued again


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meetings list."""

    meeting: Meeting
    venue_name: str
    invitees: int


@dataclass(frozen=True)
class InviteeView:
    """One invitee as the meeting page shows it: who, which kind, their reference and the file's status."""

    invitee: Invitee
    name: str
    reference: str  # case number, "influential of <case number>" or the organisation
    participant_status: Status | None = None


@dataclass(frozen=True)
class MeetingDetail:
    """A meeting with its venue and invitees, and the counts the page shows at a glance."""

    meeting: Meeting
    venue: Venue | None
    invitees: list[InviteeView]

    @property
    def counts(self) -> dict[str, int]:
        """Invitees per attendance outcome ("pending" for none yet) and letters to re-issue."""
        out = {"invited": len(self.invitees), "pending": 0, "reissue": 0}
        out.update({a.value: 0 for a in Attendance})
        for view in self.invitees:
            key = view.invitee.attendance.value if view.invitee.attendance else "pending"
            out[key] += 1
            out["reissue"] += int(view.invitee.reissue)
        return out


class MeetingService:
    """Meetings with clash checks: viewers read, staff and coordinators write; every write audited."""

    def __init__(self, session: Session) -> None:
        self.session = session
        vault = session.vault
        self.repo = MeetingRepository(vault)
        self.invitees = InviteeRepository(vault)
        self.venues = VenueRepository(vault)
        self.contacts = ContactRepository(vault)
        self.participants = ParticipantRepository(vault)
        self.influentials = child_repositories(vault)["influentials"]
        self.checker = ClashChecker(self.repo, self.invitees)

    # -- reading ----------------------------------------------------------------------------------

    def get(self, key: str) -> Meeting:
        """A meeting by id or reference."""
        return self.repo.resolve(key)

    def list(self, first: date | None = None, last: date | None = None) -> list[MeetingRow]:
        """Meetings starting from ``first`` to ``last`` (inclusive), in start order, with venue and head count."""
        meetings = self.repo.between(first, last)
        counts: dict[str, int] = {}
        for invitee in self.invitees.of_meetings([m.id for m in meetings]):
            counts[invitee.meeting_id] = counts.get(invitee.meeting_id, 0) + 1
        names = {v.id: v.name for v in self.venues.all()}
        return [MeetingRow(m, names.get(m.venue_id or "", ""), counts.get(m.id, 0)) for m in meetings]

    def detail(self, key: str) -> MeetingDetail:
        """The meeting page: venue and every invitee with a name and reference."""
        meeting = self.repo.resolve(key)
        venue = self._venue(meeting.venue_id)
        invitees = self.invitees.of_meeting(meeting.id)
        people = self.participants.by_ids([i.participant_id for i in invitees if i.participant_id])
        views = []
        for invitee in invitees:
            views.append(self._view(invitee, people))
        return MeetingDetail(meeting, venue, views)

    def _view(self, invitee: Invitee, people: dict[str, Any]) -> InviteeView:
        person = people.get(invitee.participant_id or "")
        if invitee.contact_id:
            contact = self.contacts.get(invitee.contact_id) if self._live(self.contacts, invitee.contact_id) else None
            name = contact.name if contact else invitee.contact_id
            return InviteeView(invitee, name, text(contact.organisation) if contact else "")
        if invitee.influential_id:
            inf = (
                self.influentials.get(invitee.influential_id)
                if self._live(self.influentials, invitee.influential_id)
                else None
            )
            of = person.case_no if person else ""
            return InviteeView(invitee, inf.name if inf else "", message("invitee_influential_of", case_no=of))
        if person is None:
            return InviteeView(invitee, invitee.participant_id or "", "")
        return InviteeView(invitee, person.full_name, person.case_no, person.status)

    @staticmethod
    def _live(repo: Any, row_id: str) -> bool:
        return (
            repo.rdb.execute(f"SELECT 1 FROM {repo.table} WHERE id = ? AND deleted = 0", (row_id,)).fetchone()
            is not None
        )

    def _venue(self, venue_id: str | None) -> Venue | None:
        if not venue_id:
            return None
        row = self.venues.rdb.execute("SELECT 1 FROM venues WHERE id = ? AND deleted = 0", (venue_id,)).fetchone()
        return self.venues.get(venue_id) if row else None

    # -- settings ---------------------------------------------------------------------------------

    def working_hours(self) -> WorkingHours:
        """The configured working hours (default Monday to Friday, 08:30–18:00)."""
        return WorkingHours.from_json(self.session.vault.meta(HOURS_KEY))

    def set_working_hours(self, hours: WorkingHours) -> None:
        """Change the working hours meetings are checked against (coordinators; audited)."""
        self.session.require_coordinator("cambiar el horario de reuniones")
        if not hours.days or hours.start >= hours.end:
            raise ValidationError({"hours": message("working_hours_invalid", reason=hours.to_json())})
        with self.session.write("cambiar el horario de reuniones"):
            before = self.working_hours().to_json()
            self.session.vault.set_meta(HOURS_KEY, hours.to_json())
            vault_id = self.session.vault.meta("vault_id") or ""
            self.session.audit("meetings.hours", "vault", vault_id, {"hours": before}, {"hours": hours.to_json()})

    # -- clash checks -----------------------------------------------------------------------------

    def clashes(
        self,
        start: datetime | str,
        duration: int = DEFAULT_DURATION,
        venue: Venue | None = None,
        *,
        meeting_id: str = "",
        extra_participants: dict[str, str] | None = None,
        extra_contacts: dict[str, str] | None = None,
    ) -> list[Clash]:
        """Every clash a meeting at ``start`` would have (its current invitees plus any ``extra_`` ones)."""
        when = parse_start(start) if isinstance(start, str) else start
        attendees = self._attendees(meeting_id, extra_participants or {}, extra_contacts or {})
        return self.checker.check(
            when, duration, venue=venue, attendees=attendees, hours=self.working_hours(), exclude=meeting_id
        )

    def _attendees(self, meeting_id: str, extra_p: dict[str, str], extra_c: dict[str, str]) -> Attendees:
        current = self.invitees.of_meeting(meeting_id) if meeting_id else []
        pids = [i.participant_id for i in current if i.participant_id and not i.influential_id]
        people = self.participants.by_ids(pids) if pids else {}
        participants = {pid: _who(people.get(pid)) or pid for pid in pids}
        contacts = {}
        for i in current:
            if i.contact_id:
                contacts[i.contact_id] = i.contact_id
        if contacts:
            names = {c.id: c.name for c in self.contacts.all()}
            contacts = {cid: names.get(cid, cid) for cid in contacts}
        participants.update(extra_p)
        contacts.update(extra_c)
        count = len({i.id for i in current if i.invitation is not InvitationStatus.DECLINED})
        count += len(set(extra_p) - set(pids)) + len(set(extra_c) - {i.contact_id for i in current})
        return Attendees(participants, contacts, count)

    def refuse_clashes(self, clashes: list[Clash], override_reason: str | None) -> str:
        """Raise ClashesFound unless there are none or an override reason is given; returns the clean reason."""
        if not clashes:
            return ""
        if override_reason is None:
            raise ClashesFound(clashes)
        reason = clean_reason(override_reason)
        if not reason:
            raise ValidationError({"reason": message("override_reason")})
        return reason

    def audit_override(self, meeting_id: str, clashes: list[Clash], reason: str) -> None:
        """Record that clashes were accepted, which, and why (inside the caller's transaction)."""
        if clashes:
            after = {"reason": reason, "clashes": [{"kind": c.kind.value, "message": c.message} for c in clashes]}
            self.session.audit("meetings.clash_override", "meetings", meeting_id, None, after)

    # -- writing ----------------------------------------------------------------------------------

    def add(self, fields: dict[str, Any], *, venue: str = "", override_reason: str | None = None) -> Scheduled:
        """Schedule a meeting (``venue``: an id or a name); clashes refuse it unless a reason overrides them."""
        self.session.require_write(ACTION)
        values = clean_fields("meetings", fields, today=date.today())
        values.setdefault("duration", DEFAULT_DURATION)
        if values.get("duration") is None:
            values["duration"] = DEFAULT_DURATION
        place = self._resolve_venue(venue) if venue else None
        clashes = self.clashes(values["starts_at"], values["duration"], place)
        reason = self.refuse_clashes(clashes, override_reason)
        with self.session.write(ACTION):
            values["ref"] = self.repo.next_ref(parse_start(values["starts_at"]).year)
            values["venue_id"] = place.id if place else None
            meeting = self.repo.add(values)
            self.session.audit("meetings.create", "meetings", meeting.id, fields=filled(values))
            self.audit_override(meeting.id, clashes, reason)
        self.session.publish(Changes("meetings", ChangeKind.CREATED, (meeting.id,)))
        return Scheduled(meeting, clashes if reason else [])

    def _resolve_venue(self, key: str) -> Venue:
        from dmi_desktop.services.meeting_directory import VenueService

        return VenueService(self.session).resolve(key)

    def reschedule(
        self,
        key: str,
        starts_at: str | datetime,
        *,
        duration: int | None = None,
        venue: str | None = None,
        override_reason: str | None = None,
    ) -> Scheduled:
        """Move a meeting: invitees stay, letters already issued are marked for re-issue, a postponed meeting is
        planned again; the clash checks of a new meeting apply (its invitees included)."""
        self.session.require_write(ACTION)
        changes = clean_fields("meetings", {"starts_at": starts_at}, today=date.today(), partial=True)
        if duration is not None:
            changes.update(clean_fields("meetings", {"duration": duration}, today=date.today(), partial=True))
        meeting = self.repo.resolve(key)
        self._refuse_closed(meeting)
        place = self._resolve_venue(venue) if venue else self._venue(meeting.venue_id)
        if venue:
            changes["venue_id"] = place.id if place else None
        length = changes.get("duration") or meeting.duration
        clashes = self.clashes(changes["starts_at"], length, place, meeting_id=meeting.id)
        reason = self.refuse_clashes(clashes, override_reason)
        if meeting.status is MeetingStatus.POSTPONED:
            changes.update(status=MeetingStatus.PLANNED, status_reason="")
        with self.session.write(ACTION):
            before = public_dict(meeting)
            diff = {k: v for k, v in changes.items() if getattr(v, "value", v) != before.get(k)}
            after = self.repo.update(meeting.id, diff) if diff else meeting
            new = public_dict(after)
            self.session.audit(
                "meetings.reschedule", "meetings", meeting.id, {k: before[k] for k in diff}, {k: new[k] for k in diff}
            )
            reissued = 0
            if "starts_at" in diff:
                reissued = self._mark_reissue(meeting.id)
            self.audit_override(meeting.id, clashes, reason)
        self.session.publish(Changes("meetings", ChangeKind.UPDATED, (meeting.id,)))
        return Scheduled(after, clashes if reason else [], reissued)

    def _mark_reissue(self, meeting_id: str) -> int:
        marked = 0
        for invitee in self.invitees.of_meeting(meeting_id):
            if invitee.invitation in ISSUED and not invitee.reissue:
                self.invitees.update(invitee.id, {"reissue": True})
                refs = (meeting_id, *(p for p in (invitee.participant_id,) if p))
                self.session.audit(
                    "invitees.reissue", "invitees", invitee.id, {"reissue": False}, {"reissue": True}, refs=refs
                )
                marked += 1
        return marked

    def cancel(self, key: str, reason: str) -> Meeting:
        """Cancel with a reason (required); notifies nobody by itself."""
        return self.set_status(key, MeetingStatus.CANCELLED, reason)

    def set_status(self, key: str, status: MeetingStatus | str, reason: str = "") -> Meeting:
        """Confirm, mark held, postpone (reason required) or cancel (reason required) a meeting."""
        self.session.require_write(ACTION)
        try:
            target = MeetingStatus(getattr(status, "value", status))
        except ValueError:
            codes = ", ".join(s.value for s in MeetingStatus)
            raise ValidationError({"status": message("choice", value=status, choices=codes)}) from None
        cleaned = clean_reason(reason)
        if target in NEEDS_REASON and not cleaned:
            raise ValidationError({"reason": message("meeting_reason_required", status=text(target))})
        meeting = self.repo.resolve(key)
        allowed = MOVES[meeting.status] | ({MeetingStatus.CANCELLED} if meeting.status not in CLOSED else set())
        if target not in allowed:
            current, wanted = text(meeting.status), text(target)
            raise ValidationError(
                {"status": message("meeting_status_move", ref=meeting.ref, current=current, target=wanted)}
            )
        with self.session.write(ACTION):
            changes = {"status": target, "status_reason": cleaned}
            after = self.repo.update(meeting.id, changes)
            self.session.audit(
                "meetings.status",
                "meetings",
                meeting.id,
                {"status": meeting.status.value, "status_reason": meeting.status_reason},
                {"status": target.value, "status_reason": cleaned},
            )
        self.session.publish(Changes("meetings", ChangeKind.STATUS, (meeting.id,)))
        return after

    def _refuse_closed(self, meeting: Meeting) -> None:
        if meeting.status in CLOSED:
            raise ValidationError({"meeting": message("meeting_closed", ref=meeting.ref, status=text(meeting.status))})


def _who(person: Any) -> str:
    """A participant as warnings name them: case number and name."""
    if person is None:
        return ""
    return f"{person.case_no} {person.full_name}".strip()
