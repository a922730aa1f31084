"""Which tables synchronise between laptops and which stay local: a registry kept apart from migrations.

Migrations are frozen history; this registry is today's view of the schema. A test checks that every
table of a fresh vault is classified here exactly once, so a new table cannot be forgotten by sync.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SyncTable:
    """A table whose rows carry the sync columns (id, HLC stamps, field clocks, origin, tombstone)."""

    name: str
    parent: str = ""  # the column naming the participant that owns the row ("" for top-level rows)


SYNC_COLUMNS = ("id", "created_hlc", "updated_hlc", "_clock", "origin", "deleted")

SYNCABLE: tuple[SyncTable, ...] = (
    SyncTable("participants"),
    SyncTable("influentials", "participant_id"),
    SyncTable("eligibility_reviews", "participant_id"),
    SyncTable("banked_cases", "participant_id"),
    SyncTable("referrals", "participant_id"),
    SyncTable("checkins", "participant_id"),
    SyncTable("violations", "participant_id"),
    SyncTable("notes", "participant_id"),
    SyncTable("status_changes", "participant_id"),
    # Meetings and their directories belong to the programme, not to one file; an invitee belongs to its
    # meeting and names a participant (or whose influential it is) or a partner contact.
    SyncTable("venues"),
    SyncTable("contacts"),
    SyncTable("meetings"),
    SyncTable("invitees"),
)
SYNCABLE_TABLES: tuple[str, ...] = tuple(t.name for t in SYNCABLE)

# Local tables, and why they never travel as rows: the audit travels as verbatim per-device chains,
# identities and counters belong to this installation, users and keys to this vault's key slots.
LOCAL_TABLES: dict[str, str] = {
    "meta": "this vault's settings, identity and clock",
    "sequences": "counters of this device (case numbers)",
    "users": "local users, bound to this vault's key slots",
    "audit_entries": "per-device chains, exchanged verbatim (never as rows)",
    "audit_payloads": "erasable details of audit entries",
    "audit_refs": "index: which entries mention which record",
    "audit_heads": "last entry of each device's chain",
    "device_identities": "the device ids and epochs this vault has had",
    "participants_fts": "search index, rebuilt from participants",
}
