"""Rows that belong to one participant (or, for meetings, to a directory): one generic repository per table."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from dmi_desktop.domain.errors import NotFound
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.models import (
    BankedCase,
    CheckIn,
    EligibilityReview,
    Influential,
    Note,
    Record,
    Referral,
    StatusChange,
    Violation,
)
from dmi_desktop.storage.driver import Database
from dmi_desktop.storage.guard import translate_methods
from dmi_desktop.storage.records import data_fields, from_row, stamp_new, stamp_update
from dmi_desktop.storage.repositories import insert_rows, new_defaults, update_row
from dmi_desktop.storage.vault import Vault

R = TypeVar("R", bound=Record)


@translate_methods
class ChildRepository(Generic[R]):
    """Rows that belong to one participant (influentials, reviews, referrals, check-ins...)."""

    def __init__(self, vault: Vault, table: str, cls: type[R], order: str = "created_hlc") -> None:
        self.vault = vault
        self.table = table
        self.cls = cls
        self.order = order
        self._columns = ["id", "created_hlc", "updated_hlc", "origin", "deleted", *data_fields(cls)]

    @property
    def db(self) -> Database:
        """The writer's connection (writes, and reads that decide a write)."""
        return self.vault.db

    @property
    def rdb(self) -> Database:
        """The connection plain reads go through: committed data only, outside the caller's own transaction."""
        return self.vault.read_db()

    def add(self, values: dict[str, Any]) -> R:
        """Insert a row (values must include participant_id)."""
        return self.add_many([values])[0]

    def add_many(self, rows: list[dict[str, Any]]) -> list[R]:
        """Insert rows with one prepared statement; returned as inserted (never read back)."""
        defaults = new_defaults(self.cls)
        stamped = [stamp_new({**defaults, **values}, self.vault.hlc, self.vault.device_id) for values in rows]
        # Restricted rows (the banked case) are stored sealed for coordinators; the caller gets them as given.
        insert_rows(self.db, self.table, [self.vault.seal_row(self.table, row) for row in stamped])
        return [from_row(self.cls, row) for row in stamped]

    def get(self, row_id: str) -> R:
        """One live row by id."""
        row = self.rdb.execute(
            f"SELECT {', '.join(self._columns)} FROM {self.table} WHERE id = ? AND deleted = 0", (row_id,)
        ).fetchone()
        if row is None:
            raise NotFound(message("record_not_found", key=row_id))
        return self._record(row)

    def _record(self, row: tuple) -> R:
        return from_row(self.cls, self.vault.open_row(self.table, dict(zip(self._columns, row, strict=True))))

    def update(self, row_id: str, changes: dict[str, Any]) -> R:
        """Change fields with fresh clocks."""
        old = self.db.execute(f"SELECT _clock FROM {self.table} WHERE id = ? AND deleted = 0", (row_id,)).fetchone()
        if old is None:
            raise NotFound(message("record_not_found", key=row_id))
        row = stamp_update(old[0], changes, self.vault.hlc)
        sealed = self.vault.seal_row(self.table, {"id": row_id, **row})
        del sealed["id"]
        update_row(self.db, self.table, row_id, sealed)
        return self.get(row_id)

    def delete(self, row_id: str) -> None:
        """Tombstone the row so the deletion can travel to other laptops."""
        old = self.db.execute(f"SELECT _clock FROM {self.table} WHERE id = ? AND deleted = 0", (row_id,)).fetchone()
        if old is None:
            raise NotFound(message("record_not_found", key=row_id))
        update_row(self.db, self.table, row_id, stamp_update(old[0], {"deleted": True}, self.vault.hlc))

    def for_participant(self, participant_id: str) -> list[R]:
        """Live rows of one participant in display order."""
        rows = self.rdb.execute(
            f"SELECT {', '.join(self._columns)} FROM {self.table} WHERE participant_id = ? AND deleted = 0"
            f" ORDER BY {self.order}",
            (participant_id,),
        )
        return [self._record(r) for r in rows]

    def ids_for(self, participant_id: str) -> list[str]:
        """Ids of every row of one participant, tombstoned ones included (their history stays visible)."""
        rows = self.rdb.execute(f"SELECT id FROM {self.table} WHERE participant_id = ?", (participant_id,))
        return [r[0] for r in rows]


def child_repositories(vault: Vault) -> dict[str, ChildRepository[Any]]:
    """One repository per child table, keyed by table name."""
    return {
        "influentials": ChildRepository(vault, "influentials", Influential),
        "eligibility_reviews": ChildRepository(vault, "eligibility_reviews", EligibilityReview),
        "banked_cases": ChildRepository(vault, "banked_cases", BankedCase),
        "referrals": ChildRepository(vault, "referrals", Referral),
        "checkins": ChildRepository(vault, "checkins", CheckIn, order="day DESC"),
        "violations": ChildRepository(vault, "violations", Violation, order="day DESC"),
        "notes": ChildRepository(vault, "notes", Note, order="created_hlc DESC"),
    }


def status_change_repository(vault: Vault) -> ChildRepository[StatusChange]:
    """The status history of participants (newest first): written with every status change, synchronised."""
    return ChildRepository(vault, "status_changes", StatusChange, order="created_hlc DESC")
