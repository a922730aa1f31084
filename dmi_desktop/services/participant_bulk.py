"""The batched write path of participants: many rows in one transaction, inserted in blocks, one audit entry.

Imports, the demo and (later) sync write through here: rows are validated once (or arrive checked), inserted
with one prepared statement per block of BULK_BLOCK, case numbers allocated per block, nothing read back, and
each row is folded into the batch's single audit entry (edits whose old values exist nowhere else excepted).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.errors import NotFound, ValidationError
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.models import Participant
from dmi_desktop.domain.status import INITIAL_STATUS, Status, check_transition
from dmi_desktop.domain.validation import clean_child_fields, clean_participant_fields, clean_reason, clean_record_id
from dmi_desktop.services.banked_case import refuse_banked_move, refuse_case_activation, refuse_new_statuses
from dmi_desktop.services.changes import ChangeKind, Changes
from dmi_desktop.storage.records import from_row

if TYPE_CHECKING:
    from dmi_desktop.services.participants import ParticipantService

BULK_BLOCK = 1000  # rows per prepared-statement block: bounded memory, few statements
RowDone = Callable[[], None]  # called after each row of a batch (progress; may raise to cancel it all)
Moves = list[tuple[Status, str]]  # a file's status moves from the initial state, each with its reason


def filled(values: dict[str, Any]) -> list[str]:
    """Names of the fields a creation set to something (its values stay in the row, not in the audit)."""
    return sorted(k for k, v in values.items() if v not in (None, "", [], False))


class BulkWrites:
    """The bulk methods of :class:`ParticipantService` (kept apart to keep each module small)."""

    def create_many(
        self: ParticipantService,
        rows: list[dict[str, Any]],
        *,
        today: date | None = None,
        row_done: RowDone | None = None,
        checked: bool = False,
        audit_action: str = "participant.import",
    ) -> list[Participant]:
        """Validate and insert many participants in one transaction (imports, the demo); all or nothing.

        The bulk write path: every row checked first (fields, RUTs against the vault and each other, ids),
        then inserted in blocks with one prepared statement (case numbers allocated per block, nothing read
        back) and audited as one batch entry naming them all. A row may carry the ``id`` a participant had in
        the vault that exported it: it keeps that id, so importing the same file again updates instead of
        duplicating (an id already used here is refused). ``checked``: the rows are already clean values (the
        importer cleaned them while reading the file) and are not validated a second time.
        """
        written = self._insert_new(rows, today, row_done, checked, audit_action)
        return [from_row(Participant, row) for row in written]

    def import_new(self: ParticipantService, values: list[dict[str, Any]], *, row_done: RowDone | None = None) -> int:
        """Insert checked new participants as :meth:`create_many` does, for the importer; returns how many (no
        objects are built for rows nobody reads back)."""
        return len(self._insert_new(values, None, row_done, True, "participant.import"))

    def _insert_new(
        self: ParticipantService,
        rows: list[dict[str, Any]],
        today: date | None,
        row_done: RowDone | None,
        checked: bool,
        audit_action: str,
    ) -> list[dict[str, Any]]:
        self.session.require_write("importar participantes")
        day = today or date.today()
        values = rows if checked else [self._new_values(fields, day) for fields in rows]
        refuse_new_statuses(self.session.role, values)
        written: list[dict[str, Any]] = []
        with self.batch("importar participantes", audit_action="participant.import"):
            own = [v["id"] for v in values if "id" in v]
            taken = self.repo.existing_ids(own) if own else set()
            if taken:
                raise ValidationError({"id": message("id_taken", value=sorted(taken)[0])})
            self._check_ruts_free([v.get("rut", "") for v in values])
            for start in range(0, len(values), BULK_BLOCK):
                chunk = values[start : start + BULK_BLOCK]
                block = self.repo.insert_many(chunk)
                ids = [row["id"] for row in block]
                # A creation names the fields it set; their values are the rows themselves.
                names = {k for v in chunk for k, x in v.items() if x not in (None, "", [], False)}
                self.session.audit_created(audit_action, "participant", ids, sorted(names))
                written.extend(block)
                if row_done is not None:
                    for _ in block:
                        row_done()
            self._touched([row["id"] for row in written])
        return written

    @staticmethod
    def _new_values(fields: dict[str, Any], day: date) -> dict[str, Any]:
        """A new participant's checked values, with the id it brings from another vault when it has one."""
        fields = dict(fields)
        own_id = clean_record_id(fields.pop("id")) if fields.get("id") else None
        values = clean_participant_fields(fields, today=day)
        if own_id is not None:
            values["id"] = own_id
        return values

    def add_records(
        self: ParticipantService, table: str, rows: list[tuple[str, dict[str, Any]]], *, today: date | None = None
    ) -> list[Any]:
        """Add many child records ``(participant id, fields)`` in one transaction, audited as one batch."""
        self.session.require_write("agregar registros")
        self._check_table(table)
        day = today or date.today()
        values = [{**clean_child_fields(table, fields, today=day), "participant_id": pid} for pid, fields in rows]
        for v in values:
            refuse_case_activation(self.session.role, table, v)
        added: list[Any] = []
        with self.session.write("agregar registros"), self.session.batch(f"{table}.import", table):
            missing = {pid for pid, _ in rows} - self.repo.live_ids([pid for pid, _ in rows])
            if missing:
                raise NotFound(message("participant_not_found", key=sorted(missing)[0]))
            repo = self.children[table]
            for start in range(0, len(values), BULK_BLOCK):
                block = repo.add_many(values[start : start + BULK_BLOCK])
                for record, v in zip(block, values[start : start + BULK_BLOCK], strict=True):
                    owner = (record.participant_id,)
                    self.session.audit(f"{table}.create", table, record.id, fields=filled(v), refs=owner)
                added.extend(block)
        self.session.publish(Changes(table, ChangeKind.BULK, tuple(r.id for r in added)))
        return added

    def update_many(
        self: ParticipantService,
        changes: dict[str, dict[str, Any]],
        *,
        reason: str = "",
        today: date | None = None,
        row_done: RowDone | None = None,
        checked: bool = False,
    ) -> list[Participant]:
        """Apply field changes to many participants in one transaction (imports); all or nothing.

        Only fields that really differ are stamped and audited. A different ``status`` is a status change: it
        must be a legal move of the life cycle and is recorded with ``reason`` in the status history.
        ``checked``: the changes are already clean values and are not validated again.
        """
        self.session.require_write("importar participantes")
        updated = []
        day = today or date.today()
        with self.batch("importar participantes", audit_action="participant.import"):
            before = self.repo.by_ids(list(changes))
            for participant_id, fields in changes.items():
                current = before.get(participant_id)
                updated.append(self._apply_changes(participant_id, fields, reason, day, current, checked))
                if row_done is not None:
                    row_done()
            self._touched([p.id for p in updated])
        return updated

    def create_with_history(
        self: ParticipantService, files: list[tuple[dict[str, Any], Moves]], *, today: date | None = None
    ) -> list[Participant]:
        """Create participants whose files already went through the life cycle (the demo; later, whole files
        from sync), in one transaction: each is inserted at the end of its moves, every move is checked against
        the life cycle and written to the status history with its reason, all audited in the batch."""
        self.session.require_write("crear participantes")
        day = today or date.today()
        role, user = self.session.role, self.session.user
        values: list[dict[str, Any]] = []
        for fields, moves in files:
            v = self._new_values(fields, day)
            refuse_new_statuses(role, [v])
            state = Status(v.get("status") or INITIAL_STATUS)
            for target, _reason in moves:
                check_transition(state, target)
                refuse_banked_move(role, state, target)
                state = target
            values.append({**v, "status": state})
        with self.batch("crear participantes", audit_action="participant.create"):
            created = self.create_many(values, today=day, checked=True, audit_action="participant.create")
            history: list[dict[str, Any]] = []
            for p, (fields, moves) in zip(created, files, strict=True):
                state = Status(fields.get("status") or INITIAL_STATUS)
                for target, reason in moves:
                    history.append(
                        {
                            "participant_id": p.id,
                            "from_status": state.value,
                            "to_status": target.value,
                            "reason": clean_reason(reason),
                            "changed_by": user,
                        }
                    )
                    self.session.audit(
                        "participant.status", "participant", p.id, {"status": state.value}, {"status": target.value}
                    )
                    state = target
            for start in range(0, len(history), BULK_BLOCK):
                self.status_changes.add_many(history[start : start + BULK_BLOCK])
        return created
