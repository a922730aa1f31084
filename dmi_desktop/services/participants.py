"""Participant use cases: create, edit, change status, the file and its child records, the list."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.fields import restricted_tables
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.models import AuditEntry, Participant, ParticipantFile, ParticipantRow
from dmi_desktop.domain.status import Status, allowed_next, check_transition, label, parse_status
from dmi_desktop.domain.validation import clean_child_fields, clean_participant_fields, clean_record_id
from dmi_desktop.services.changes import ChangeKind, Changes
from dmi_desktop.storage.records import public_dict
from dmi_desktop.storage.repositories import (
    ChildRepository,
    ParticipantQuery,
    ParticipantRepository,
    child_repositories,
)

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

RESTRICTED_TABLES = restricted_tables()
__all__ = ["ParticipantQuery", "ParticipantService"]

RowDone = Callable[[], None]  # called after each row of a batch (progress; may raise to cancel it all)


class ParticipantService:
    """Everything about participants, with role checks and audit on every write."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = ParticipantRepository(session.vault)
        self.children: dict[str, ChildRepository[Any]] = child_repositories(session.vault)
        self._batch: list[str] | None = None  # ids touched inside batch(), published once it commits

    # -- reading ----------------------------------------------------------------------------

    def get(self, id_or_case_no: str) -> Participant:
        """A participant by id or case number."""
        return self.repo.resolve(id_or_case_no)

    def count(self, query: ParticipantQuery) -> int:
        """Number of participants matching the list query."""
        return self.repo.count(query)

    def rows(self, query: ParticipantQuery, offset: int = 0, limit: int = 200) -> list[ParticipantRow]:
        """One page of the list."""
        return self.repo.rows(query, offset, limit)

    def list(self, query: ParticipantQuery | None = None) -> list[Participant]:
        """Every matching participant (for exports and the CLI)."""
        return self.repo.all(query or ParticipantQuery())

    def sectors(self) -> list[str]:
        """Sectors in use."""
        return self.repo.sectors()

    def by_ids(self, ids: list[str]) -> dict[str, Participant]:
        """Participants by id, tombstoned ones included (``deleted`` is set); ids not in this vault are absent."""
        return self.repo.by_ids(ids)

    def rut_owner(self, rut: str) -> str | None:
        """Id of the live participant holding ``rut`` (normalised), if any."""
        return self.repo.rut_owner(rut) if rut else None

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
        )

    def history(self, participant_id: str) -> list[AuditEntry]:
        """Audit entries about the participant and its visible child records, newest first."""
        ids = [participant_id]
        for table, repo in self.children.items():
            if table in RESTRICTED_TABLES and not self.can_see_restricted:
                continue
            ids.extend(repo.ids_for(participant_id))
        return self.session.vault.audit.for_entities(ids)

    def photo(self, participant_id: str) -> bytes | None:
        """Photo bytes, if any."""
        return self.repo.photo(participant_id)

    def allowed_statuses(self, participant_id: str) -> list[Status]:
        """Legal next states from the participant's current one."""
        return allowed_next(self.repo.get(participant_id).status)

    @property
    def can_see_restricted(self) -> bool:
        """Whether the session's role may see banked cases."""
        from dmi_desktop.domain.roles import can_see_restricted

        return can_see_restricted(self.session.role)

    # -- writing ----------------------------------------------------------------------------

    def create(self, fields: dict[str, Any], *, today: date | None = None) -> Participant:
        """Validate and insert a participant (status starts at "identificado" unless an initial one is given)."""
        self.session.require_write("crear participantes")
        values = clean_participant_fields(fields, today=today or date.today())
        with self.session.write("crear participantes"):
            self._check_rut_free(values.get("rut", ""), None)
            p = self.repo.add(values)
            self.session.audit("participant.create", "participant", p.id, None, public_dict(p))
        self.session.publish(Changes("participant", ChangeKind.CREATED, (p.id,), p.id))
        return p

    @contextlib.contextmanager
    def batch(self, action: str) -> Iterator[None]:
        """One transaction around several bulk calls (an import): all or nothing, one change notice after commit."""
        if self._batch is not None:  # already inside a batch: join it
            yield
            return
        self._batch = []
        try:
            with self.session.write(action):
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

    def create_many(
        self, rows: list[dict[str, Any]], *, today: date | None = None, row_done: RowDone | None = None
    ) -> list[Participant]:
        """Validate and insert rows in one transaction (imports); all or nothing.

        A row may carry the ``id`` a participant had in the vault that exported it: it keeps that id, so
        importing the same file again updates instead of duplicating (an id already used here is refused).
        """
        self.session.require_write("importar participantes")
        created = []
        day = today or date.today()
        with self.batch("importar participantes"):
            for fields in rows:
                fields = dict(fields)
                own_id = clean_record_id(fields.pop("id")) if fields.get("id") else None
                values = clean_participant_fields(fields, today=day)
                if own_id is not None:
                    if self.repo.by_ids([own_id]):
                        raise ValidationError({"id": message("id_taken", value=own_id)})
                    values["id"] = own_id
                self._check_rut_free(values.get("rut", ""), None)
                p = self.repo.add(values)
                self.session.audit("participant.import", "participant", p.id, None, public_dict(p))
                created.append(p)
                if row_done is not None:
                    row_done()
            self._touched([p.id for p in created])
        return created

    def update_many(
        self,
        changes: dict[str, dict[str, Any]],
        *,
        reason: str = "",
        today: date | None = None,
        row_done: RowDone | None = None,
    ) -> list[Participant]:
        """Apply field changes to many participants in one transaction (imports); all or nothing.

        Only fields that really differ are stamped and audited. A different ``status`` is a status change: it
        must be a legal move of the life cycle and is recorded with ``reason``.
        """
        self.session.require_write("importar participantes")
        updated = []
        day = today or date.today()
        with self.batch("importar participantes"):
            for participant_id, fields in changes.items():
                updated.append(self._apply_changes(participant_id, fields, reason, day))
                if row_done is not None:
                    row_done()
            self._touched([p.id for p in updated])
        return updated

    def _apply_changes(self, participant_id: str, fields: dict[str, Any], reason: str, day: date) -> Participant:
        values = clean_participant_fields(fields, today=day, partial=True)
        before = self.repo.get(participant_id)
        diff = differences(before, values)
        target = diff.pop("status", None)
        if target is not None:
            check_transition(before.status, target)
        after = before
        if diff:
            if "rut" in diff:
                self._check_rut_free(diff["rut"], participant_id)
            old = public_dict(before)
            after = self.repo.update(participant_id, diff)
            new = public_dict(after)
            self.session.audit(
                "participant.update",
                "participant",
                participant_id,
                {k: old[k] for k in diff},
                {k: new[k] for k in diff},
            )
        if target is not None:
            after = self.repo.update(participant_id, {"status": target})
            self.session.audit(
                "participant.status",
                "participant",
                participant_id,
                {"status": before.status.value},
                {"status": Status(target).value, "reason": reason.strip()},
            )
        return after

    def audit_import(self, summary: dict[str, Any]) -> None:
        """Record what an import did (file name and counts) inside the caller's batch."""
        self.session.require_write("importar participantes")
        with self.batch("importar participantes"):
            self.session.audit("participant.import_file", "import", str(uuid.uuid4()), None, summary)

    def update(self, participant_id: str, changes: dict[str, Any], *, today: date | None = None) -> Participant:
        """Edit identity fields; only what really changed is stamped and audited."""
        self.session.require_write("editar participantes")
        if "status" in changes:
            raise ValidationError({"status": "use set_status para cambiar el estado"})
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
            after = self.repo.update(participant_id, {"status": new_status})
            self.session.audit(
                "participant.status",
                "participant",
                participant_id,
                {"status": before.status.value},
                {"status": new_status.value, "reason": reason.strip()},
            )
        self.session.publish(Changes("participant", ChangeKind.STATUS, (participant_id,), participant_id))
        return after

    def set_photo(self, participant_id: str, data: bytes | None) -> None:
        """Store or remove the photo (audited without the image itself)."""
        with self.session.write("cambiar fotos"):
            self.repo.get(participant_id)
            self.repo.set_photo(participant_id, data)
            self.session.audit(
                "participant.photo", "participant", participant_id, None, {"photo": "set" if data else "removed"}
            )
        self.session.publish(Changes("participant", ChangeKind.UPDATED, (participant_id,), participant_id))

    # -- child records ----------------------------------------------------------------------------

    def add_record(self, table: str, participant_id: str, fields: dict[str, Any], *, today: date | None = None) -> Any:
        """Add an influential, review, banked case, referral, check-in, violation or note."""
        self.session.require_write("agregar registros")
        self._check_table(table)
        values = clean_child_fields(table, fields, today=today or date.today())
        with self.session.write("agregar registros"):
            self.repo.get(participant_id)
            record = self.children[table].add({**values, "participant_id": participant_id})
            self.session.audit(f"{table}.create", table, record.id, None, public_dict(record))
        self.session.publish(Changes(table, ChangeKind.CREATED, (record.id,), participant_id))
        return record

    def update_record(self, table: str, record_id: str, changes: dict[str, Any], *, today: date | None = None) -> Any:
        """Edit a child record."""
        self.session.require_write("editar registros")
        self._check_table(table)
        values = clean_child_fields(table, changes, today=today or date.today(), partial=True)
        with self.session.write("editar registros"):
            repo = self.children[table]
            before = public_dict(repo.get(record_id))
            diff = {k: v for k, v in values.items() if public_dict_value(v) != before.get(k)}
            record = repo.update(record_id, diff) if diff else repo.get(record_id)
            after = public_dict(record)
            if diff:
                self.session.audit(
                    f"{table}.update", table, record_id, {k: before[k] for k in diff}, {k: after[k] for k in diff}
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
            self.session.audit(f"{table}.delete", table, record_id, public_dict(record), None)
        self.session.publish(Changes(table, ChangeKind.DELETED, (record_id,), record.participant_id))

    def _check_table(self, table: str) -> None:
        if table not in self.children:
            raise ValidationError({"table": message("choice", value=table, choices=", ".join(self.children))})
        if table in RESTRICTED_TABLES:
            self.session.require_restricted()

    def _check_rut_free(self, rut: str, own_id: str | None) -> None:
        if not rut:
            return
        owner = self.repo.rut_owner(rut)
        if owner is not None and owner != own_id:
            raise ValidationError({"rut": message("rut_duplicate", rut=rut)})


def differences(before: Participant, values: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``values`` that differ from what ``before`` holds (compared in their stored form)."""
    old = public_dict(before)
    return {k: v for k, v in values.items() if public_dict_value(v) != old.get(k)}


def public_dict_value(value: Any) -> Any:
    """Compare new input with stored values in their stored form."""
    from dmi_desktop.storage.records import to_column

    return to_column(value)


def status_label(status: Status) -> str:
    """Label in the current language (re-exported for the UI and CLI)."""
    return label(status)
