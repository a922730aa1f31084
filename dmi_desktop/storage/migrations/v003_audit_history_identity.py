"""Schema 3: per-device audit chains with erasable payloads, status history as data, device identities.

Frozen once released: literal SQL plus the one-off conversion of the schema-1/2 audit table. The conversion
keeps every old entry (moved into this device's chain, payloads erasable), copies every status change with
its reason into ``status_changes``, and records whether the old chain verified before it was converted.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime
from typing import Any

from dmi_desktop.storage.audit_format import GENESIS, canonical, entry_hash, new_salt, payload_digest
from dmi_desktop.storage.migrations import run_script

NAME = "per-device audit, status history, device identity"

SQL = """
CREATE TABLE status_changes (
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    from_status TEXT NOT NULL DEFAULT '',
    to_status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    changed_by TEXT NOT NULL DEFAULT '');
CREATE INDEX status_changes_participant ON status_changes(participant_id, created_hlc);
CREATE INDEX status_changes_updated_hlc ON status_changes(updated_hlc);

CREATE TABLE audit_entries (
    n INTEGER PRIMARY KEY,
    device_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hlc TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    fields TEXT NOT NULL DEFAULT '[]',
    digest TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (device_id, seq));
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

CREATE TABLE audit_payloads (
    entry INTEGER PRIMARY KEY REFERENCES audit_entries(n),
    salt TEXT NOT NULL,
    body TEXT NOT NULL);
CREATE TRIGGER audit_payloads_no_update BEFORE UPDATE ON audit_payloads
    BEGIN SELECT RAISE(ABORT, 'audit payloads are never rewritten, only erased'); END;

CREATE TABLE audit_refs (
    entity_id TEXT NOT NULL,
    entry INTEGER NOT NULL,
    PRIMARY KEY (entity_id, entry)) WITHOUT ROWID;

CREATE TABLE audit_heads (
    device_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL);

-- Search: the same index with prefix indexes, so what people type while the list narrows ("jo", "el ti")
-- is one lookup instead of a merge of every term starting so. Rebuilt from the participants.
DROP TABLE participants_fts;
CREATE VIRTUAL TABLE participants_fts USING fts5(
    names, alias, rut, content='', contentless_delete=1, prefix='1 2 3',
    tokenize="unicode61 remove_diacritics 2");
INSERT INTO participants_fts(rowid, names, alias, rut)
    SELECT rowid, nombres || ' ' || apellido_paterno || ' ' || apellido_materno, alias,
           CASE WHEN rut = '' THEN '' ELSE replace(rut, '-', '') || ' ' ||
                substr(rut, 1, instr(rut, '-') - 1) END
    FROM participants WHERE deleted = 0;

CREATE TABLE device_identities (
    device_id TEXT PRIMARY KEY,
    device_code TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    reason TEXT NOT NULL);
"""

_LEGACY_GENESIS = "0" * 64


def _legacy_hash(row: tuple[Any, ...]) -> str:
    """The schema-1/2 entry hash (seq, at, user, action, entity, entity_id, before, after, prev_hash)."""
    text = json.dumps(list(row), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _legacy_verdict(rows: list[tuple[Any, ...]], head: str | None) -> str:
    """'ok', or where the old chain was already broken (kept in the migration's own audit entry)."""
    prev, expected = _LEGACY_GENESIS, 1
    for row in rows:
        if row[0] != expected:
            return f"missing entry {expected}"
        if row[8] != prev or _legacy_hash(row[:9]) != row[9]:
            return f"entry {row[0]} altered"
        prev, expected = row[9], expected + 1
    if head is None or not head.isdigit() or int(head) != len(rows):
        return "head marker does not match the last entry"
    return "ok"


class _Stamps:
    """HLC text for old ISO times: wall milliseconds, a counter for equal milliseconds, this device."""

    def __init__(self, device_id: str) -> None:
        self.device_id = device_id
        self.wall, self.counter = 0, 0

    def stamp(self, iso: str) -> str:
        try:
            wall = int(datetime.fromisoformat(iso).timestamp() * 1000)
        except ValueError:
            wall = self.wall
        if wall > self.wall:
            self.wall, self.counter = wall, 0
        else:
            self.counter += 1
        return f"{self.wall:015d}-{self.counter:05d}-{self.device_id}"


def migrate(db: Any) -> None:
    """Create the schema-3 tables, then move the old audit into this device's chain and drop it."""
    run_script(db, SQL)
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    device_id, device_code = meta.get("device_id", ""), meta.get("device_code", "")
    started = meta.get("created_at", "")
    if not device_id:  # a vault being created: nothing to convert, its identity is written by the creator
        db.execute("DROP TABLE audit")
        return
    db.execute(
        "INSERT INTO device_identities (device_id, device_code, epoch, started_at, reason) VALUES (?, ?, 1, ?, ?)",
        (device_id, device_code, started, "created"),
    )
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('device_epoch', '1')")
    rows = db.execute(
        "SELECT seq, at, user, action, entity, entity_id, before, after, prev_hash, hash FROM audit ORDER BY seq"
    ).fetchall()
    verdict = _legacy_verdict(rows, meta.get("audit_head"))
    stamps = _Stamps(device_id)
    prev, seq, hlc = GENESIS, 0, ""
    for row in rows:
        seq += 1
        at, user, action, entity, entity_id, before_text, after_text = row[1:8]
        hlc = stamps.stamp(at)
        before = json.loads(before_text) if before_text else None
        after = json.loads(after_text) if after_text else None
        names = sorted(set(before or {}) | set(after or {}))
        payload = None
        if before is not None or after is not None:
            salt, body = new_salt(), canonical({"before": before, "after": after})
            payload = (salt, body)
        fields = canonical(names)
        prev = _append(db, device_id, seq, hlc, payload, user, action, entity, entity_id, fields, prev)
        if action == "participant.status" and entity == "participant":
            _copy_status_change(db, device_id, hlc, user, entity_id, before or {}, after or {})
    details = canonical({"from_schema": "1-2", "legacy_entries": len(rows), "legacy_chain": verdict})
    seq += 1
    last = rows[-1][1] if rows else started
    hlc = stamps.stamp(last)
    vault_id = meta.get("vault_id", "")
    prev = _append(db, device_id, seq, hlc, (new_salt(), details), "", "vault.migrate", "vault", vault_id, "[]", prev)
    db.execute("INSERT INTO audit_heads (device_id, seq, hash) VALUES (?, ?, ?)", (device_id, seq, prev))
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('hlc_last', ?)", (hlc,))
    db.execute("DELETE FROM meta WHERE key = 'audit_head'")
    db.execute("DROP TABLE audit")


def _append(db: Any, device_id: str, seq: int, hlc: str, payload: tuple[str, str] | None, *values: str) -> str:
    """Insert one converted entry, its payload (salt, body) and its reference row; returns its hash."""
    user, action, entity, entity_id, fields, prev = values
    digest = payload_digest(*payload) if payload else ""
    digest_hash = entry_hash(device_id, seq, hlc, user, action, entity, entity_id, fields, digest, prev)
    cursor = db.execute(
        "INSERT INTO audit_entries (device_id, seq, hlc, user, action, entity, entity_id, fields, digest,"
        " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (device_id, seq, hlc, user, action, entity, entity_id, fields, digest, prev, digest_hash),
    )
    entry = cursor.lastrowid
    if payload:
        db.execute("INSERT INTO audit_payloads (entry, salt, body) VALUES (?, ?, ?)", (entry, *payload))
    if entity_id:
        db.execute("INSERT OR IGNORE INTO audit_refs (entity_id, entry) VALUES (?, ?)", (entity_id, entry))
    return digest_hash


def _copy_status_change(db: Any, device_id: str, hlc: str, user: str, pid: str, before: dict, after: dict) -> None:
    """One status_changes row from an old ``participant.status`` entry (its reason lived only there)."""
    if db.execute("SELECT 1 FROM participants WHERE id = ?", (pid,)).fetchone() is None:
        return
    db.execute(
        "INSERT INTO status_changes (id, created_hlc, updated_hlc, _clock, origin, deleted, participant_id,"
        " from_status, to_status, reason, changed_by) VALUES (?, ?, ?, '{}', ?, 0, ?, ?, ?, ?, ?)",
        (
            str(uuid.uuid4()),
            hlc,
            hlc,
            device_id,
            pid,
            str(before.get("status", "")),
            str(after.get("status", "")),
            str(after.get("reason", "")),
            user,
        ),
    )
