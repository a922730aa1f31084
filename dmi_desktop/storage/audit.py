"""Append-only, hash-chained audit log inside the vault."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dmi_desktop.domain.models import AuditEntry
from dmi_desktop.storage.driver import Database
from dmi_desktop.storage.guard import translate_methods

GENESIS = "0" * 64


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(
    seq: int,
    at: str,
    user: str,
    action: str,
    entity: str,
    entity_id: str,
    before: str | None,
    after: str | None,
    prev_hash: str,
) -> str:
    """SHA-256 over the canonical form of one entry, including the previous entry's hash."""
    payload = _canonical([seq, at, user, action, entity, entity_id, before, after, prev_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of walking the chain: ``first_bad`` is the first broken sequence number, if any."""

    entries: int
    first_bad: int | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        """True when every link checks out."""
        return self.first_bad is None


@translate_methods
class AuditLog:
    """Writes and verifies the audit chain; callers supply who did what."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def append(
        self, user: str, action: str, entity: str, entity_id: str, before: dict | None = None, after: dict | None = None
    ) -> int:
        """Add one entry (call inside the same transaction as the change it records)."""
        row = self.db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
        at = datetime.now(UTC).isoformat(timespec="milliseconds")
        b = _canonical(before) if before is not None else None
        a = _canonical(after) if after is not None else None
        digest = entry_hash(seq, at, user, action, entity, entity_id, b, a, prev)
        self.db.execute(
            "INSERT INTO audit (seq, at, user, action, entity, entity_id, before, after, prev_hash, hash)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            (seq, at, user, action, entity, entity_id, b, a, prev, digest),
        )
        # Remember the head so that cutting entries off the tail is detected too.
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)", (str(seq),))
        return seq

    def verify(self) -> VerifyResult:
        """Walk the whole chain; report the first entry edited, inserted or removed behind the app's back."""
        prev = GENESIS
        expected_seq = 1
        count = 0
        for row in self.db.execute(
            "SELECT seq, at, user, action, entity, entity_id, before, after, prev_hash, hash FROM audit ORDER BY seq"
        ):
            seq = row[0]
            if seq != expected_seq:
                return VerifyResult(count, expected_seq, f"falta la entrada {expected_seq} (eliminada)")
            if row[8] != prev:
                return VerifyResult(count, seq, f"la entrada {seq} no enlaza con la anterior")
            if entry_hash(*row[:9]) != row[9]:
                return VerifyResult(count, seq, f"la entrada {seq} fue modificada")
            prev = row[9]
            expected_seq += 1
            count += 1
        # The head marker catches what the chain alone cannot: entries cut off the end, or the whole log gone.
        head_row = self.db.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
        head = int(head_row[0]) if head_row and str(head_row[0]).isdigit() else None
        if head is None:
            return VerifyResult(count, count + 1, "falta la marca del final de la bitácora (fue alterada)")
        if head > count:
            return VerifyResult(count, count + 1, f"faltan entradas desde la {count + 1} (eliminadas)")
        if head < count:
            return VerifyResult(count, head + 1, f"la entrada {head + 1} fue agregada por fuera de la aplicación")
        return VerifyResult(count, None)

    def for_entity(self, entity_id: str, limit: int = 500) -> list[AuditEntry]:
        """Entries about one record, newest first."""
        return self.for_entities([entity_id], limit)

    def for_entities(self, entity_ids: list[str], limit: int = 500) -> list[AuditEntry]:
        """Entries about any of ``entity_ids``, newest first, in one query (the file's history tab)."""
        if not entity_ids:
            return []
        marks = ",".join("?" * len(entity_ids))
        rows = self.db.execute(
            "SELECT seq, at, user, action, entity, entity_id, before, after, prev_hash, hash FROM audit"
            f" WHERE entity_id IN ({marks}) ORDER BY seq DESC LIMIT ?",
            (*entity_ids, limit),
        ).fetchall()
        return [
            AuditEntry(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                json.loads(r[6]) if r[6] else None,
                json.loads(r[7]) if r[7] else None,
                r[8],
                r[9],
            )
            for r in rows
        ]
