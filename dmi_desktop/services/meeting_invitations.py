"""Inviting people to meetings and recording their attendance, which moves each participant's file forward."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from dmi_desktop.domain.errors import NotFound, ValidationError
from dmi_desktop.domain.meetings import (
    INVITABLE,
    OUTCOME_FOLLOW_UP,
    OUTCOME_STATUS,
    SUMMONS,
    Attendance,
    FollowUp,
    InvitationStatus,
    Invitee,
    Meeting,
    MeetingKind,
    MeetingStatus,
    minor_warning,
    text,
)
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.models import Participant
from dmi_desktop.domain.roles import can_handle_banked_case
from dmi_desktop.domain.status import Status, allowed_next_for, check_transition, label
from dmi_desktop.domain.validation import clean_fields
from dmi_desktop.services.banked_case import refuse_banked_move
from dmi_desktop.services.changes import ChangeKind, Changes
from dmi_desktop.services.meeting_clashes import Clash
from dmi_desktop.services.meeting_directory import ContactService
from dmi_desktop.services.meetings import ACTION, CLOSED, MeetingService
from dmi_desktop.services.participant_bulk import filled
from dmi_desktop.storage.records import public_dict

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

ATTEND_ACTION = "registrar asistencia"
NOT_TAKING_PLACE = frozenset({MeetingStatus.CANCELLED, MeetingStatus.POSTPONED})


@dataclass(frozen=True)
class StatusMove:
    """A participant's file moved by a meeting action."""

    participant_id: str
    case_no: str
    before: Status
    after: Status


@dataclass(frozen=True)
class Invited:
    """What an invitation did: invitees added, people already invited, warnings, files summoned, clashes accepted."""

    meeting: Meeting
    added: list[Invitee] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # names of people who were invited before
    warnings: list[str] = field(default_factory=list)  # minors
    moves: list[StatusMove] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)


@dataclass(frozen=True)
class AttendanceRecorded:
    """An attendance outcome and what it did to the file; ``next_statuses`` are the moves now offered."""

    invitee: Invitee
    participant: Participant
    outcome: Attendance
    moves: list[StatusMove] = field(default_factory=list)
    follow_up: FollowUp | None = None
    next_statuses: list[Status] = field(default_factory=list)


class InvitationService:
    """Invitations and attendance; status changes go through the participants' status history and audit."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.meetings = MeetingService(session)

    def invite(
        self,
        meeting_key: str,
        participants: Sequence[str] = (),
        *,
        with_influentials: bool = False,
        contacts: Sequence[str] = (),
        override_reason: str | None = None,
    ) -> Invited:
        """Invite participants (ids or case numbers; only in states the meeting's kind takes), optionally their
        influentials, and partner contacts. A call-in invitation summons the file ("citado"). Everything is
        checked first: a refusal changes nothing."""
        self.session.require_write(ACTION)
        if not participants and not contacts:
            raise ValidationError({"invitees": message("invite_nobody")})
        svc = self.meetings
        meeting = svc.repo.resolve(meeting_key)
        if meeting.status in CLOSED:
            raise ValidationError({"meeting": message("meeting_closed", ref=meeting.ref, status=text(meeting.status))})
        people = _unique([svc.participants.resolve(k) for k in participants], lambda p: p.id)
        partners = _unique([ContactService(self.session).resolve(k) for k in contacts], lambda c: c.id)
        current = svc.invitees.of_meeting(meeting.id)
        invited_p = {i.participant_id for i in current if i.participant_id and not i.influential_id}
        invited_c = {i.contact_id for i in current if i.contact_id}
        new_people = [p for p in people if p.id not in invited_p]
        new_partners = [c for c in partners if c.id not in invited_c]
        already = [p.full_name for p in people if p.id in invited_p] + [c.name for c in partners if c.id in invited_c]
        moves = [self._summons(meeting, p) for p in new_people]
        venue = svc._venue(meeting.venue_id)
        clashes = [
            c
            for c in svc.clashes(
                meeting.start,
                meeting.duration,
                venue,
                meeting_id=meeting.id,
                extra_participants={p.id: f"{p.case_no} {p.full_name}" for p in new_people},
                extra_contacts={c.id: c.name for c in new_partners},
            )
            if c.kind.value in ("participant", "contact", "capacity")  # the date itself was settled when scheduling
        ]
        reason = svc.refuse_clashes(clashes, override_reason)
        warnings = [w for w in (minor_warning(p, meeting.start.date()) for p in new_people) if w]
        added: list[Invitee] = []
        done: list[StatusMove] = []
        with self.session.write(ACTION):
            for person, target in zip(new_people, moves, strict=True):
                added.append(self._add(meeting, participant_id=person.id))
                if with_influentials:
                    for inf in svc.influentials.for_participant(person.id):
                        added.append(self._add(meeting, participant_id=person.id, influential_id=inf.id))
                if target is not None:
                    why = message("invite_summons_reason", ref=meeting.ref, start=meeting.starts_at)
                    done.append(self._move(person, target, why))
            if with_influentials:  # influentials of people invited before, not yet invited themselves
                have = {i.influential_id for i in current if i.influential_id}
                for person in people:
                    if person.id in invited_p:
                        for inf in svc.influentials.for_participant(person.id):
                            if inf.id not in have:
                                added.append(self._add(meeting, participant_id=person.id, influential_id=inf.id))
            for partner in new_partners:
                added.append(self._add(meeting, contact_id=partner.id))
            svc.audit_override(meeting.id, clashes, reason)
        self._publish(meeting, done)
        return Invited(meeting, added, already, warnings, done, clashes if reason else [])

    def _summons(self, meeting: Meeting, person: Participant) -> Status | None:
        """The status a call-in invitation moves the file to (None: it stays); refuses states the kind excludes."""
        allowed = INVITABLE[meeting.kind]
        if person.status not in allowed:
            names = ", ".join(label(s) for s in Status if s in allowed)
            who = f"{person.case_no} {person.full_name}"
            kind = text(meeting.kind)
            raise ValidationError(
                {
                    "participant": message(
                        "invite_status", who=who, status=label(person.status), kind=kind, allowed=names
                    )
                }
            )
        if meeting.kind is not MeetingKind.CALL_IN:
            return None
        target = SUMMONS.get(person.status)
        if target is not None:
            check_transition(person.status, target)
            refuse_banked_move(self.session.role, person.status, target)  # leaving "elegible": coordinators
        return target

    def _add(self, meeting: Meeting, **ids: str) -> Invitee:
        invitee = self.meetings.invitees.add({"meeting_id": meeting.id, **ids})
        refs = (meeting.id, *(v for k, v in ids.items() if k == "participant_id"))
        self.session.audit("invitees.create", "invitees", invitee.id, fields=filled(ids), refs=refs)
        return invitee

    def _move(self, person: Participant, target: Status, reason: str) -> StatusMove:
        """Move the file through the participants' own path: status, status_changes row with reason, audit."""
        # The checks set_status makes were made before the transaction; this is its write, inside ours, so a
        # refusal further on leaves no half-moved file.
        self.session.participants._move_status(person, target, reason)
        return StatusMove(person.id, person.case_no, person.status, target)

    def _publish(self, meeting: Meeting, moves: list[StatusMove]) -> None:
        self.session.publish(Changes("invitees", ChangeKind.CREATED, (meeting.id,)))
        for move in moves:
            self.session.publish(Changes("participant", ChangeKind.STATUS, (move.participant_id,), move.participant_id))

    def attend(
        self, meeting_key: str, participant_key: str, outcome: Attendance | str, *, enrol: bool = False
    ) -> AttendanceRecorded:
        """Record a participant's attendance. At a call-in the file moves (attended → may enrol; no-show → flagged
        for a coordinator's banked-case review; excused → to invite again; in custody); ``enrol`` enrols at once."""
        self.session.require_write(ATTEND_ACTION)
        try:
            result = Attendance(getattr(outcome, "value", outcome))
        except ValueError:
            codes = ", ".join(a.value for a in Attendance)
            raise ValidationError({"outcome": message("choice", value=outcome, choices=codes)}) from None
        svc = self.meetings
        meeting = svc.repo.resolve(meeting_key)
        if meeting.status in NOT_TAKING_PLACE:
            raise ValidationError({"meeting": message("meeting_closed", ref=meeting.ref, status=text(meeting.status))})
        person = svc.participants.resolve(participant_key)
        invitee = self._invitee(meeting, person)
        if invitee.attendance is not None:
            who = f"{person.case_no} {person.full_name}"
            raise ValidationError({"attendance": message("attend_recorded", who=who, outcome=text(invitee.attendance))})
        if enrol and (result is not Attendance.ATTENDED or meeting.kind is not MeetingKind.CALL_IN):
            raise ValidationError({"enrol": message("attend_enrol", outcome=text(result))})
        targets: list[Status] = []
        follow_up = None
        if meeting.kind is MeetingKind.CALL_IN:
            targets.append(OUTCOME_STATUS[result])
            check_transition(person.status, targets[0])
            refuse_banked_move(self.session.role, person.status, targets[0])
            follow_up = OUTCOME_FOLLOW_UP[result]
            if enrol:
                targets.append(Status.ENROLLED)
                follow_up = None
        why = message("attend_reason", ref=meeting.ref, outcome=text(result))
        moves: list[StatusMove] = []
        with self.session.write(ATTEND_ACTION):
            current = person
            for target in targets:
                moves.append(self._move(current, target, why))
                current = svc.participants.get(person.id)
            changes = {"attendance": result, "follow_up": follow_up}
            updated = svc.invitees.update(invitee.id, changes)
            self.session.audit(
                "invitees.attendance",
                "invitees",
                invitee.id,
                {"attendance": None, "follow_up": None},
                {"attendance": result.value, "follow_up": follow_up.value if follow_up else None},
                refs=(meeting.id, person.id),
            )
        self._publish(meeting, moves)
        after = svc.participants.get(person.id)
        offered = allowed_next_for(after.status, banked=can_handle_banked_case(self.session.role))
        return AttendanceRecorded(updated, after, result, moves, follow_up, offered)

    def mark_invitation(
        self,
        meeting_key: str,
        who: str,
        status: InvitationStatus | str,
        *,
        delivered_by: str = "",
        delivered_on: date | str | None = None,
    ) -> Invitee:
        """Record how far an invitation got (``who``: a participant's id or case number, or a contact's name).

        Issuing a letter again clears the re-issue flag; a delivery says by whom and when (default today).
        """
        self.session.require_write(ACTION)
        fields: dict[str, object] = {"invitation": getattr(status, "value", status)}
        target = InvitationStatus(clean_fields("invitees", fields, today=date.today())["invitation"])
        if target is InvitationStatus.DELIVERED:
            fields.update(delivered_by=delivered_by or self.session.user, delivered_on=delivered_on or date.today())
        values = clean_fields("invitees", fields, today=date.today())
        if target in (InvitationStatus.LETTER_ISSUED, InvitationStatus.DELIVERED):
            values["reissue"] = False
        meeting = self.meetings.repo.resolve(meeting_key)
        invitee = self._named(meeting, who)
        with self.session.write(ACTION):
            before = public_dict(invitee)
            diff = {k: v for k, v in values.items() if getattr(v, "value", v) != before.get(k)}
            updated = self.meetings.invitees.update(invitee.id, diff) if diff else invitee
            after = public_dict(updated)
            refs = (meeting.id, *(p for p in (invitee.participant_id,) if p))
            if diff:
                self.session.audit(
                    "invitees.invitation",
                    "invitees",
                    invitee.id,
                    {k: before[k] for k in diff},
                    {k: after[k] for k in diff},
                    refs=refs,
                )
        self.session.publish(Changes("invitees", ChangeKind.UPDATED, (invitee.id,)))
        return updated

    def _named(self, meeting: Meeting, who: str) -> Invitee:
        """The participant or contact invitee called ``who`` (id, case number or contact name)."""
        invitees = self.meetings.invitees.of_meeting(meeting.id)
        for invitee in invitees:
            if who.strip() in (invitee.id, invitee.contact_id):
                return invitee
        try:
            return self._invitee(meeting, self.meetings.participants.resolve(who))
        except NotFound:
            contact = ContactService(self.session).resolve(who)
        for invitee in invitees:
            if invitee.contact_id == contact.id:
                return invitee
        raise NotFound(message("attend_not_invited", who=contact.name, ref=meeting.ref))

    def _invitee(self, meeting: Meeting, person: Participant) -> Invitee:
        for invitee in self.meetings.invitees.of_meeting(meeting.id):
            if invitee.participant_id == person.id and not invitee.influential_id:
                return invitee
        who = f"{person.case_no} {person.full_name}"
        raise NotFound(message("attend_not_invited", who=who, ref=meeting.ref))


T = TypeVar("T")


def _unique(items: list[T], key: Callable[[T], str]) -> list[T]:
    """``items`` without repeats (the same person named twice), in the order given."""
    seen: set[str] = set()
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out
