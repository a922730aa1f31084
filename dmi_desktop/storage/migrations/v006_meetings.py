"""Schema 6: meetings (call-ins, home visits, follow-ups, case reviews), venues, partner contacts, invitees.

Frozen: the exact statements the release executes. Never edit; add a migration instead. Every table carries
the sync columns of DESIGN §4; no ``updated_hlc`` index (schema 5 dropped them: see README, vault size).
"""

from __future__ import annotations

NAME = "meetings, venues, contacts, invitees"

STATEMENTS: tuple[str, ...] = (
    """CREATE TABLE venues (
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    capacity INTEGER,
    accessibility TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE contacts (
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    ref TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    duration INTEGER NOT NULL DEFAULT 90,
    venue_id TEXT REFERENCES venues(id),
    status TEXT NOT NULL DEFAULT 'planned',
    status_reason TEXT NOT NULL DEFAULT '',
    agenda TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '')""",
    """CREATE INDEX meetings_live_start ON meetings(starts_at, duration, status, venue_id) WHERE deleted = 0""",
    """CREATE TABLE invitees (
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    participant_id TEXT REFERENCES participants(id),
    influential_id TEXT REFERENCES influentials(id),
    contact_id TEXT REFERENCES contacts(id),
    invitation TEXT NOT NULL DEFAULT 'pending',
    delivered_by TEXT NOT NULL DEFAULT '',
    delivered_on TEXT,
    reissue INTEGER NOT NULL DEFAULT 0,
    attendance TEXT,
    follow_up TEXT,
    parental_release INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '')""",
    """CREATE INDEX invitees_meeting ON invitees(meeting_id)""",
    """CREATE INDEX invitees_participant ON invitees(participant_id) WHERE participant_id IS NOT NULL""",
    """CREATE INDEX invitees_contact ON invitees(contact_id) WHERE contact_id IS NOT NULL""",
)
