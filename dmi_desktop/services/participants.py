"""Participant use cases: create, edit, change status, the file and its child records, the list."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.errors import DuplicateRut, ValidationError
from dmi_desktop.domain.fields import restricted_tables
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.models import HistoryEvent, Participant, ParticipantFile, ParticipantRow, StatusChange
from dmi_desktop.domain.roles import can_handle_banked_case, can_see_restricted
from dmi_desktop.domain.rut import format_rut
from dmi_desktop.domain.status import Status, allowed_next_for, check_transition, parse_status
from dmi_desktop.domain.validation import (
    clean_child_fields,
    clean_participant_fields,
    clean_reason,
    record_rules,
)
from dmi_desktop.services.banked_case import refuse_banked_move, refuse_case_activation, refuse_new_statuses
from dmi_desktop.services.changes import ChangeKind, Changes
from dmi_desktop.services.participant_bulk import BULK_BLOCK, BulkWrites, RowDone, filled
from dmi_desktop.storage.child_repository import ChildRepository, child_repositories, status_change_repository
from dmi_desktop.storage.records import public_dict, to_column
from dmi_desktop.storage.repositories import SEARCH_COUNT_CAP, ParticipantQuery, ParticipantRepository

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

RESTRICTED_TABLES = restricted_tables()
HISTORY_LIMIT = 500
# The audit's status entries say who moved the file; the status_changes rows say it with the reason, on
# every laptop. The history shows the rows and leaves these entries out, so nothing appears twice.
_STATUS_ACTION = "participant.status"
__all__ = ["BULK_BLOCK", "SEARCH_COUNT_CAP", "ParticipantQuery", "ParticipantService", "RowDone"]

ListedParticipant = tuple[Participant, date | None]  # a participant and its last check-in


class ParticipantService(BulkWrites):
    """Everything about participants, with role checks and audit on every write."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = ParticipantRepository(session.vault)
        self.children: dict[str, ChildRepository[Any]] = child_repositories(session.vault)
        self.status_changes = status_change_repository(session.vault)
        self._batch: list[str] | None = None  # ids touched inside batch(), published once it commits

    # -- reading ----------------------------------------------------------------------------

    def get(self, id_or_case_no: str) -> Participant:
        """A participant by id or case number."""
        return self.repo.resolve(id_or_case_no)

    def count(self, query: ParticipantQuery, *, capped: bool = False) -> int:
        """Participants matching the list query; ``capped``: a search stops counting at SEARCH_COUNT_CAP + 1."""
        return self.repo.count(query, capped=capped)

    def includes(self, query: ParticipantQuery, participant_id: str) -> bool:
        """Whether the list ``query`` shows this participant (a new file hidden by the filters is not)."""
        return self.repo.includes(query, participant_id)

    def rows(self, query: ParticipantQuery, offset: int = 0, limit: int = 200) -> list[ParticipantRow]:
        """One page of the list."""
        return self.repo.rows(query, offset, limit)

    def list(self, query: ParticipantQuery | None = None) -> list[Participant]:
        """Every matching participant (for exports and the CLI)."""
        return self.repo.all(query or ParticipantQuery())

    def stream(self, query: ParticipantQuery | None = None, page: int = 500) -> Iterator[list[ListedParticipant]]:
        """Every matching participant with its last check-in, in list order, a page at a time (exports, CLI).

        The query runs at once on this thread's reader: the pages are one snapshot, and memory does not grow
        with the number of participants.
        """
        return self.repo.stream(query or ParticipantQuery(), page)

    def sectors(self) -> list[str]:
        """Sectors in use."""
        return self.repo.sectors()

    def by_ids(self, ids: list[str]) -> dict[str, Participant]:
        """Participants by id, tombstoned ones included (``deleted`` is set); ids not in this vault are absent."""
        return self.repo.by_ids(ids)

    def rut_owner(self, rut: str) -> str | None:
        """Id of the live participant holding ``rut`` (normalised), if any."""
        return self.repo.rut_owner(rut) if rut else None

    def rut_owners(self, ruts: list[str]) -> dict[str, str]:
        """RUT -> id of the live participant holding it, for those of ``ruts`` that are taken (one query per 500)."""
        return self.repo.rut_owners(ruts)

    def file(self, participant_id: str) -> ParticipantFile:
        """The whole file; the banked case only for roles allowed to see it."""
        p = self.repo.get(participant_id)
        kids = self.children
        banked = None
        if self.can_see_restricted:
            cases = kids["banked_cases"].for_participant(p.id)
            banked = cases[-1] if cases else None
        return ParticipantFile(
            participant=p,
            influentials=kids["influentials"].for_participant(p.id),
            reviews=kids["eligibility_reviews"].for_participant(p.id),
            banked_case=banked,
            referrals=kids["referrals"].for_participant(p.id),
            checkins=kids["checkins"].for_participant(p.id),
            violations=kids["violations"].for_participant(p.id),
            notes=kids["notes"].for_participant(p.id),
            status_history=self.status_changes.for_participant(p.id),
        )

    def history(self, participant_id: str) -> list[HistoryEvent]:
        """What happened to the file, newest first: its status changes (data, with their reasons) and the
        audited edits of the participant and of the child records this role may see."""
        ids = [participant_id]
        for table, repo in self.children.items():
            if table in RESTRICTED_TABLES and not self.can_see_restricted:
                continue
            ids.extend(repo.ids_for(participant_id))
        events = [_status_event(c) for c in self.status_changes.for_participant(participant_id)]
        hidden = set() if self.can_see_restricted else set(RESTRICTED_TABLES)
        for entry in self.session.vault.audit.for_entities(ids, HISTORY_LIMIT):
            # Entries of a record name their owner too: a role that may not see the record skips them here.
            if entry.action == _STATUS_ACTION or entry.entity in hidden:
                continue
            if entry.entity_id not in ids:  # a batch entry (import, demo) naming this file among others
                summary = entry.after or {}
                events.append(
                    HistoryEvent(
                        entry.hlc,
                        entry.user,
                        entry.action,
                        entry.entity,
                        entry.entity_id,
                        batch_size=entry.batch_size,
                        batch_file=str(summary.get("file", "")),
                        erased=entry.erased,
                    )
                )
                continue
            events.append(
                HistoryEvent(
                    entry.hlc,
                    entry.user,
                    entry.action,
                    entry.entity,
                    entry.entity_id,
                    entry.fields,
                    entry.before,
                    entry.after,
                    entry.erased,
                )
            )
        events.sort(key=lambda e: e.hlc, reverse=True)
        return events[:HISTORY_LIMIT]

    def status_history(self, participant_id: str) -> list[StatusChange]:
        """The participant's status changes with their reasons, newest first."""
        return self.status_changes.for_participant(participant_id)

    def photo(self, participant_id: str) -> bytes | None:
        """Photo bytes, if any."""
        return self.repo.photo(participant_id)

    def allowed_statuses(self, participant_id: str) -> list[Status]:
        """Legal next states from the participant's current one that this role may choose."""
        banked = can_handle_banked_case(self.session.role)
        return allowed_next_for(self.repo.get(participant_id).status, banked=banked)

    @property
    def can_see_restricted(self) -> bool:
        """Whether the session's role may see banked cases."""
        return can_see_restricted(self.session.role)

    # -- writing ----------------------------------------------------------------------------

    def create(self, fields: dict[str, Any], *, today: date | None = None) -> Participant:
        """Validate and insert a participant (status starts at "identificado" unless an initial one is given)."""
        self.session.require_write("crear participantes")
        values = clean_participant_fields(fields, today=today or date.today())
        # A file created here is handled by whoever created it unless they named someone (imports leave it).
        values["caseworker"] = values.get("caseworker") or self.session.user
        refuse_new_statuses(self.session.role, [values])
        with self.session.write("crear participantes"):
            self._check_rut_free(values.get("rut", ""), None)
            p = self.repo.add(values)
            self.session.audit("participant.create", "participant", p.id, fields=filled(values))
        self.session.publish(Changes("participant", ChangeKind.CREATED, (p.id,), p.id))
        return p

    @contextlib.contextmanager
    def batch(self, action: str, *, audit_action: str = "participant.import_file", **details: Any) -> Iterator[None]:
        """One transaction around several bulk calls (an import): all or nothing, one audit entry naming every
        participant touched (``details`` and :meth:`audit_import` describe it), one change notice after commit."""
        if self._batch is not None:  # already inside a batch: join it
            yield
            return
        self._batch = []
        try:
            with self.session.write(action), self.session.batch(audit_action, "import", **details):
                yield
            ids = tuple(self._batch)
        finally:
            self._batch = None
        if ids:
            self.session.publish(Changes("participant", ChangeKind.BULK, ids))

    def _touched(self, ids: list[str]) -> None:
        """Remember ids changed inside the current batch (announced once it commits)."""
        if self._batch is not None:
            self._batch.extend(ids)

    def _apply_changes(
        self,
        participant_id: str,
        fields: dict[str, Any],
        reason: str,
        day: date,
        before: Participant | None = None,
        checked: bool = False,
    ) -> Participant:
        values = fields if checked else clean_participant_fields(fields, today=day, partial=True)
        if before is None or before.deleted:
            before = self.repo.get(participant_id)  # NotFound for an id that is not a live participant
        diff = differences(before, values)
        target = diff.pop("status", None)
        if target is not None:
            check_transition(before.status, target)
            refuse_banked_move(self.session.role, before.status, target)
        after = before
        if diff:
            if "rut" in diff:
                self._check_rut_free(diff["rut"], participant_id)
            old = public_dict(before)
            after = self.repo.update(participant_id, diff, before)
            new = public_dict(after)
            self.session.audit(
                "participant.update",
                "participant",
                participant_id,
                {k: old[k] for k in diff},
                {k: new[k] for k in diff},
            )
        if target is not None:
            after = self._move_status(before, Status(target), reason)
        return after

    def audit_import(self, summary: dict[str, Any]) -> None:
        """Describe what an import did (file name and counts): the batch's one audit entry carries it."""
        self.session.require_write("importar participantes")
        with self.batch("importar participantes", **summary):
            self.session.describe_batch(**summary)

    def update(self, participant_id: str, changes: dict[str, Any], *, today: date | None = None) -> Participant:
        """Edit identity fields; only what really changed is stamped and audited."""
        self.session.require_write("editar participantes")
        if "status" in changes:
            raise ValidationError({"status": message("status_via_set_status")})
        values = clean_participant_fields(changes, today=today or date.today(), partial=True)
        with self.session.write("editar participantes"):
            before = self.repo.get(participant_id)
            old = public_dict(before)
            diff = differences(before, values)
            if not diff:
                return before
            if "rut" in diff:
                self._check_rut_free(diff["rut"], participant_id)
            after = self.repo.update(participant_id, diff)
            new = public_dict(after)
            self.session.audit(
                "participant.update",
                "participant",
                participant_id,
                {k: old[k] for k in diff},
                {k: new[k] for k in diff},
            )
        self.session.publish(Changes("participant", ChangeKind.UPDATED, (participant_id,), participant_id))
        return after

    def set_status(self, participant_id: str, target: Status | str, reason: str = "") -> Participant:
        """Move along the life cycle; illegal moves are refused naming both states."""
        self.session.require_write("cambiar estados")
        try:
            new_status = target if isinstance(target, Status) else parse_status(str(target))
        except ValueError as exc:
            raise ValidationError({"status": str(exc)}) from None
        with self.session.write("cambiar estados"):
            before = self.repo.get(participant_id)
            check_transition(before.status, new_status)
            refuse_banked_move(self.session.role, before.status, new_status)
            after = self._move_status(before, new_status, reason)
        self.session.publish(Changes("participant", ChangeKind.STATUS, (participant_id,), participant_id))
        return after

    def _move_status(self, before: Participant, target: Status, reason: str) -> Participant:
        """Change the status and write the move, with its reason, to the status history (inside a write)."""
        after = self.repo.update(before.id, {"status": target})
        self.status_changes.add(
            {
                "participant_id": before.id,
                "from_status": before.status.value,
                "to_status": target.value,
                "reason": clean_reason(reason),
                "changed_by": self.session.user,
            }
        )
        self.session.audit(
            "participant.status",
            "participant",
            before.id,
            {"status": before.status.value},
            {"status": target.value},
        )
        return after

    def set_photo(self, participant_id: str, data: bytes | None) -> None:
        """Store or remove the photo (audited without the image itself)."""
        with self.session.write("cambiar fotos"):
            self.repo.get(participant_id)
            self.repo.set_photo(participant_id, data)
            self.session.audit(
                "participant.photo", "participant", participant_id, None, {"photo": "set" if data else "removed"}
            )  # the image itself never goes into the audit
        self.session.publish(Changes("participant", ChangeKind.UPDATED, (participant_id,), participant_id))

    # -- child records ----------------------------------------------------------------------------

    def add_record(self, table: str, participant_id: str, fields: dict[str, Any], *, today: date | None = None) -> Any:
        """Add an influential, review, banked case, referral, check-in, violation or note."""
        self.session.require_write("agregar registros")
        self._check_table(table)
        values = clean_child_fields(table, fields, today=today or date.today())
        refuse_case_activation(self.session.role, table, values)
        with self.session.write("agregar registros"):
            self.repo.get(participant_id)
            record = self.children[table].add({**values, "participant_id": participant_id})
            self.session.audit(f"{table}.create", table, record.id, fields=filled(values), refs=(participant_id,))
        self.session.publish(Changes(table, ChangeKind.CREATED, (record.id,), participant_id))
        return record

    def update_record(self, table: str, record_id: str, changes: dict[str, Any], *, today: date | None = None) -> Any:
        """Edit a child record."""
        self.session.require_write("editar registros")
        self._check_table(table)
        values = clean_child_fields(table, changes, today=today or date.today(), partial=True)
        with self.session.write("editar registros"):
            repo = self.children[table]
            current = repo.get(record_id)
            before = public_dict(current)
            refuse_case_activation(self.session.role, table, values, before)
            # The rules that tie fields together judge the record as it will be, not only the fields sent.
            broken = record_rules(table, {**{k: getattr(current, k) for k in before}, **values})
            if broken:
                raise ValidationError(broken)
            diff = {k: v for k, v in values.items() if public_dict_value(v) != before.get(k)}
            record = repo.update(record_id, diff) if diff else repo.get(record_id)
            after = public_dict(record)
            if diff:
                self.session.audit(
                    f"{table}.update",
                    table,
                    record_id,
                    {k: before[k] for k in diff},
                    {k: after[k] for k in diff},
                    refs=(record.participant_id,),
                )
        self.session.publish(Changes(table, ChangeKind.UPDATED, (record_id,), record.participant_id))
        return record

    def delete_record(self, table: str, record_id: str) -> None:
        """Tombstone a child record (audited with what it held)."""
        self.session.require_write("eliminar registros")
        self._check_table(table)
        with self.session.write("eliminar registros"):
            repo = self.children[table]
            record = repo.get(record_id)
            repo.delete(record_id)
            # The tombstone keeps the values (for sync); the audit says who removed it, and when.
            owner = (record.participant_id,)
            self.session.audit(f"{table}.delete", table, record_id, fields=("deleted",), refs=owner)
        self.session.publish(Changes(table, ChangeKind.DELETED, (record_id,), record.participant_id))

    def _check_table(self, table: str) -> None:
        if table not in self.children:
            raise ValidationError({"table": message("choice", value=table, choices=", ".join(self.children))})
        if table in RESTRICTED_TABLES:
            self.session.require_restricted()

    def _check_ruts_free(self, ruts: list[str]) -> None:
        """Refuse a batch in which a RUT repeats, or one a live participant already holds (naming the case)."""
        seen: set[str] = set()
        for rut in ruts:
            if rut and rut in seen:
                raise ValidationError({"rut": message("rut_repeated", rut=format_rut(rut))})
            seen.add(rut)
        taken = self.repo.ruts_taken(ruts)
        if taken:
            self._check_rut_free(sorted(taken)[0], None)

    def _check_rut_free(self, rut: str, own_id: str | None) -> None:
        """DuplicateRut naming the case that holds ``rut`` already (the UI offers to open it)."""
        if not rut:
            return
        owner = self.repo.rut_owner(rut)
        if owner is not None and owner != own_id:
            case_no = self.repo.get(owner).case_no
            raise DuplicateRut(message("rut_exists", rut=format_rut(rut), case_no=case_no), owner, case_no)


def differences(before: Participant, values: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``values`` that differ from what ``before`` holds (compared in their stored form)."""
    old = public_dict(before)
    return {k: v for k, v in values.items() if public_dict_value(v) != old.get(k)}


def public_dict_value(value: Any) -> Any:
    """Compare new input with stored values in their stored form."""
    return to_column(value)


def _status_event(change: StatusChange) -> HistoryEvent:
    """A status change as a history line: from → to, with its reason."""
    return HistoryEvent(
        change.created_hlc,
        change.changed_by,
        _STATUS_ACTION,
        "participant",
        change.participant_id,
        ("status", "reason"),
        {"status": change.from_status},
        {"status": change.to_status, "reason": change.reason},
    )
