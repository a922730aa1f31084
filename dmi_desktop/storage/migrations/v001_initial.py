"""Schema 1 (released 2026-11): vault metadata, users, participants with FTS, the participant file, the audit.

Frozen: the exact statements the first release executed, character for character (SQLite keeps the text of
each CREATE). Never edit; add a migration instead.
"""

from __future__ import annotations

NAME = "initial"

# ruff: noqa: E501, W291 - the statements are kept exactly as released, long lines and trailing spaces included
STATEMENTS: tuple[str, ...] = (
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL)""",
    """CREATE TABLE users (
        name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('coordinator','staff','viewer')),
        created_at TEXT NOT NULL)""",
    """CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
,
        case_no TEXT NOT NULL UNIQUE,
        nombres TEXT NOT NULL, apellido_paterno TEXT NOT NULL, apellido_materno TEXT NOT NULL DEFAULT '',
        alias TEXT NOT NULL DEFAULT '', rut TEXT NOT NULL DEFAULT '', birth_date TEXT,
        sex TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '',
        sector TEXT NOT NULL DEFAULT '', status TEXT NOT NULL, photo BLOB,
        sort_name TEXT NOT NULL DEFAULT '',
        last_checkin TEXT)""",
    """CREATE UNIQUE INDEX participants_rut ON participants(rut) WHERE rut <> '' AND deleted = 0""",
    """CREATE INDEX participants_status ON participants(status)""",
    """CREATE INDEX participants_sector ON participants(sector)""",
    """CREATE INDEX participants_sort_name ON participants(sort_name)""",
    """CREATE INDEX participants_last_checkin ON participants(last_checkin)""",
    """CREATE INDEX participants_updated_hlc ON participants(updated_hlc)""",
    """CREATE VIRTUAL TABLE participants_fts USING fts5(
        names, alias, rut, content='', contentless_delete=1,
        tokenize="unicode61 remove_diacritics 2")""",
    """CREATE TRIGGER participants_fts_ai AFTER INSERT ON participants BEGIN INSERT INTO participants_fts(rowid, names, alias, rut)
        SELECT new.rowid, new.nombres || ' ' || new.apellido_paterno || ' ' || new.apellido_materno, new.alias,
               CASE WHEN new.rut = '' THEN '' ELSE replace(new.rut, '-', '') || ' ' ||
                    substr(new.rut, 1, instr(new.rut, '-') - 1) END
        WHERE new.deleted = 0; END""",
    """CREATE TRIGGER participants_fts_au AFTER UPDATE OF nombres, apellido_paterno, apellido_materno, alias,
        rut, deleted ON participants BEGIN DELETE FROM participants_fts WHERE rowid = old.rowid; INSERT INTO participants_fts(rowid, names, alias, rut)
        SELECT new.rowid, new.nombres || ' ' || new.apellido_paterno || ' ' || new.apellido_materno, new.alias,
               CASE WHEN new.rut = '' THEN '' ELSE replace(new.rut, '-', '') || ' ' ||
                    substr(new.rut, 1, instr(new.rut, '-') - 1) END
        WHERE new.deleted = 0; END""",
    """CREATE TRIGGER participants_fts_ad AFTER DELETE ON participants BEGIN DELETE FROM participants_fts WHERE rowid = old.rowid; END""",
    """CREATE TABLE influentials (
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
,
            participant_id TEXT NOT NULL REFERENCES participants(id), 
        name TEXT NOT NULL, relationship TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '', visited_on TEXT, notes TEXT NOT NULL DEFAULT '')""",
    """CREATE INDEX influentials_participant ON influentials(participant_id)""",
    """CREATE TABLE eligibility_reviews (
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
,
            participant_id TEXT NOT NULL REFERENCES participants(id), 
        violence_or_weapons INTEGER NOT NULL DEFAULT 0, leadership_role INTEGER NOT NULL DEFAULT 0,
        still_active INTEGER NOT NULL DEFAULT 0, enough_evidence INTEGER NOT NULL DEFAULT 0,
        decision TEXT NOT NULL DEFAULT 'pending', rationale TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL DEFAULT '', review_date TEXT)""",
    """CREATE INDEX eligibility_reviews_participant ON eligibility_reviews(participant_id)""",
    """CREATE TABLE banked_cases (
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
,
            participant_id TEXT NOT NULL REFERENCES participants(id), 
        ruc TEXT NOT NULL DEFAULT '', investigating_unit TEXT NOT NULL DEFAULT '', buy_dates TEXT NOT NULL DEFAULT '[]',
        banked_on TEXT, expires_on TEXT, description TEXT NOT NULL DEFAULT '')""",
    """CREATE INDEX banked_cases_participant ON banked_cases(participant_id)""",
    """CREATE TABLE referrals (
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
,
            participant_id TEXT NOT NULL REFERENCES participants(id), 
        kind TEXT NOT NULL, provider TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'pending',
        referred_on TEXT, first_appointment TEXT, ended_on TEXT, notes TEXT NOT NULL DEFAULT '')""",
    """CREATE INDEX referrals_participant ON referrals(participant_id)""",
    """CREATE TABLE checkins (
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
,
            participant_id TEXT NOT NULL REFERENCES participants(id), 
        day TEXT NOT NULL, method TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL DEFAULT '')""",
    """CREATE INDEX checkins_participant ON checkins(participant_id)""",
    """CREATE TABLE violations (
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
,
            participant_id TEXT NOT NULL REFERENCES participants(id), 
        day TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', case_activated INTEGER NOT NULL DEFAULT 0)""",
    """CREATE INDEX violations_participant ON violations(participant_id)""",
    """CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
,
            participant_id TEXT NOT NULL REFERENCES participants(id), 
        body TEXT NOT NULL, author TEXT NOT NULL DEFAULT '')""",
    """CREATE INDEX notes_participant ON notes(participant_id)""",
    """CREATE TRIGGER checkins_last_ai AFTER INSERT ON checkins BEGIN UPDATE participants SET last_checkin = (SELECT max(day) FROM checkins
        WHERE participant_id = new.participant_id AND deleted = 0) WHERE id = new.participant_id; END""",
    """CREATE TRIGGER checkins_last_au AFTER UPDATE ON checkins BEGIN UPDATE participants SET last_checkin = (SELECT max(day) FROM checkins
        WHERE participant_id = new.participant_id AND deleted = 0) WHERE id = new.participant_id; END""",
    """CREATE TABLE audit (
        seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, before TEXT, after TEXT,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL)""",
    """CREATE INDEX audit_entity ON audit(entity_id)""",
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END""",
)
