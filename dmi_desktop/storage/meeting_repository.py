"""Meetings, venues, contacts and invitees: the SQL behind scheduling (returns dataclasses, never rows)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dmi_desktop.domain.errors import NotFound
from dmi_desktop.domain.meetings import (
    ACTIVE_STATUSES,
    MAX_DURATION,
    Contact,
    Invitee,
    Meeting,
    Venue,
    format_start,
)
from dmi_desktop.domain.messages import message
from dmi_desktop.storage.child_repository import ChildRepository
from dmi_desktop.storage.guard import translate_methods
from dmi_desktop.storage.vault import Vault

_ACTIVE = tuple(s.value for s in ACTIVE_STATUSES)
_ACTIVE_MARKS = ",".join("?" * len(_ACTIVE))
# Meetings overlapping a window: a range of the start-time index, then the exact end test on those rows.
# Parameters: earliest possible start, the window's end, a meeting id to leave out, the active statuses, the
# window's start.
OVERLAP_WHERE = (
    f"deleted = 0 AND starts_at >= ? AND starts_at < ? AND id <> ? AND status IN ({_ACTIVE_MARKS})"
    " AND strftime('%Y-%m-%d %H:%M', starts_at, '+' || duration || ' minutes') > ? ORDER BY starts_at"
)


@translate_methods
class VenueRepository(ChildRepository[Venue]):
    """Venues, looked up by id or by name (as people type it)."""

    def __init__(self, vault: Vault) -> None:
        super().__init__(vault, "venues", Venue, order="name COLLATE NOCASE")

    def all(self) -> list[Venue]:
        """Every live venue by name."""
        rows = self.rdb.execute(
            f"SELECT {', '.join(self._columns)} FROM venues WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id"
        )
        return [self._record(r) for r in rows]

    def named(self, name: str) -> list[Venue]:
        """Live venues called ``name`` (case-insensitive): one, none, or several after a sync."""
        rows = self.rdb.execute(
            f"SELECT {', '.join(self._columns)} FROM venues WHERE deleted = 0 AND name = ? COLLATE NOCASE",
            (name.strip(),),
        )
        return [self._record(r) for r in rows]


@translate_methods
class ContactRepository(ChildRepository[Contact]):
    """Partner contacts, grouped by organisation."""

    def __init__(self, vault: Vault) -> None:
        super().__init__(vault, "contacts", Contact, order="organisation, name COLLATE NOCASE")

    def all(self) -> list[Contact]:
        """Every live contact by organisation, then name."""
        rows = self.rdb.execute(
            f"SELECT {', '.join(self._columns)} FROM contacts WHERE deleted = 0"
            " ORDER BY organisation, name COLLATE NOCASE, id"
        )
        return [self._record(r) for r in rows]

    def named(self, name: str) -> list[Contact]:
        """Live contacts called ``name`` (case-insensitive)."""
        rows = self.rdb.execute(
            f"SELECT {', '.join(self._columns)} FROM contacts WHERE deleted = 0 AND name = ? COLLATE NOCASE",
            (name.strip(),),
        )
        return [self._record(r) for r in rows]


@translate_methods
class MeetingRepository(ChildRepository[Meeting]):
    """Meetings by id or reference, by date range, and the overlap queries clash detection needs."""

    def __init__(self, vault: Vault) -> None:
        super().__init__(vault, "meetings", Meeting, order="starts_at")

    def next_ref(self, year: int) -> str:
        """A meeting reference unique across laptops without a server: device code, year, counter."""
        number = self.vault.next_sequence(f"meeting:{year}")
        prefix = f"{self.vault.device_code}-R{year}-"
        while self.db.execute("SELECT 1 FROM meetings WHERE ref = ?", (f"{prefix}{number:04d}",)).fetchone():
            number = self.vault.next_sequence(f"meeting:{year}")  # a restored vault's counter may lag behind
        return f"{prefix}{number:04d}"

    def resolve(self, key: str) -> Meeting:
        """A live meeting by id or reference; NotFound naming the key otherwise."""
        cleaned = key.strip()
        row = self.rdb.execute(
            f"SELECT {', '.join(self._columns)} FROM meetings WHERE (id = ? OR ref = ?) AND deleted = 0",
            (cleaned, cleaned.upper()),
        ).fetchone()
        if row is None:
            raise NotFound(message("meeting_not_found", key=key))
        return self._record(row)

    def between(self, first: date | None, last: date | None) -> list[Meeting]:
        """Live meetings starting on ``first`` .. ``last`` (inclusive; None: open), in start order."""
        clauses, params = ["deleted = 0"], []
        if first is not None:
            clauses.append("starts_at >= ?")
            params.append(first.isoformat())
        if last is not None:
            clauses.append("starts_at < ?")
            params.append((last + timedelta(days=1)).isoformat())
        sql = f"SELECT {', '.join(self._columns)} FROM meetings WHERE {' AND '.join(clauses)} ORDER BY starts_at, ref"
        return [self._record(r) for r in self.rdb.execute(sql, params)]

    def overlapping(self, start: datetime, end: datetime, exclude: str = "") -> list[Meeting]:
        """Active meetings that overlap ``start``..``end`` (touching ends do not), ``exclude`` left out.

        An index range on the start time: a meeting lasts at most MAX_DURATION, so only those starting in
        [start - MAX_DURATION, end) can overlap; the exact end test runs on those few rows.
        """
        low = format_start(start - timedelta(minutes=MAX_DURATION))
        sql = f"SELECT {', '.join(self._columns)} FROM meetings INDEXED BY meetings_live_start WHERE {OVERLAP_WHERE}"
        params = [low, format_start(end), exclude, *_ACTIVE, format_start(start)]
        return [self._record(r) for r in self.db.execute(sql, params)]


@translate_methods
class InviteeRepository(ChildRepository[Invitee]):
    """Invitees of meetings."""

    def __init__(self, vault: Vault) -> None:
        super().__init__(vault, "invitees", Invitee, order="created_hlc")

    def of_meeting(self, meeting_id: str) -> list[Invitee]:
        """Live invitees of one meeting, in the order they were invited."""
        rows = self.db.execute(
            f"SELECT {', '.join(self._columns)} FROM invitees WHERE meeting_id = ? AND deleted = 0"
            " ORDER BY created_hlc",
            (meeting_id,),
        )
        return [self._record(r) for r in rows]

    def of_meetings(self, meeting_ids: list[str]) -> list[Invitee]:
        """Live invitees of several meetings (clash checks), read in blocks of 500."""
        found: list[Invitee] = []
        for start in range(0, len(meeting_ids), 500):
            chunk = meeting_ids[start : start + 500]
            sql = (
                f"SELECT {', '.join(self._columns)} FROM invitees"
                f" WHERE meeting_id IN ({','.join('?' * len(chunk))}) AND deleted = 0"
            )
            found.extend(self._record(r) for r in self.db.execute(sql, chunk))
        return found
