"""The audit: one hash chain per device, payloads kept apart so they can be erased without breaking it.

Each entry says who (user), when (HLC), what (action, entity, entity id, the names of the fields changed)
and carries a salted digest of its payload (old → new values). The chain hashes the digest, never the
payload, so deleting a payload for erasure leaves every chain verifiable. Chains of other devices are stored
verbatim and verified per device; nothing is ever re-hashed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from dmi_desktop.domain.hlc import HybridLogicalClock
from dmi_desktop.domain.messages import tr
from dmi_desktop.domain.models import AuditEntry
from dmi_desktop.storage import audit_incident
from dmi_desktop.storage.audit_format import GENESIS, canonical, entry_hash, new_salt, payload_digest
from dmi_desktop.storage.audit_refs import batch_refs_problem
from dmi_desktop.storage.driver import Database
from dmi_desktop.storage.errors import AuditIncidentOpen, AuditTampered, VaultError
from dmi_desktop.storage.guard import translate_methods

_ENTRY_COLUMNS = "e.device_id, e.seq, e.hlc, e.user, e.action, e.entity, e.entity_id, e.fields, e.digest, e.prev_hash"
_SELECT = f"SELECT {_ENTRY_COLUMNS}, e.hash, p.salt, p.body FROM audit_entries e"
_WITH_PAYLOAD = " LEFT JOIN audit_payloads p ON p.entry = e.n"
VERIFY_CHUNK = 2_000  # entries read (and reported as done) at a time by verify
Progress = Callable[[int, int], None]  # (entries checked, entries held); may raise to cancel


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of walking every chain: the first broken entry (device and sequence), if any."""

    entries: int
    first_bad: int | None
    reason: str = ""
    device: str = ""
    devices: int = 0
    erased_payloads: int = 0
    incidents: tuple[audit_incident.IncidentReport, ...] = ()
    open_incident: bool = False  # writes are refused until a coordinator acknowledges

    @property
    def ok(self) -> bool:
        """True when every link of every chain checks out."""
        return self.first_bad is None


@translate_methods
class AuditLog:
    """Appends to this device's chain, stores other devices' chains verbatim, verifies all of them."""

    def __init__(self, db: Database, device_id: str, clock: HybridLogicalClock) -> None:
        self.db = db
        self.device_id = device_id
        self.clock = clock
        # This device's head inside the current transaction: checked against the chain at the first append,
        # then kept here and written once, before the transaction (or its savepoint) ends (see flush_head).
        self._head: tuple[int, str] | None = None
        self._head_dirty = False
        self.defer_heads = False  # set by Vault.atomic for the length of a transaction

    # -- writing ---------------------------------------------------------------------------------

    def append(
        self,
        user: str,
        action: str,
        entity: str,
        entity_id: str,
        *,
        fields: Iterable[str] = (),
        payload: dict[str, Any] | None = None,
        refs: Iterable[str] = (),
    ) -> int:
        """Add one entry to this device's chain (inside the caller's transaction); returns its sequence.

        ``refs`` are further record ids the entry is about (a batch names its rows there), so a record's
        history and a person's erasure find it. While an audit incident is open only access events and the
        log's own bookkeeping are recorded; anything else is refused (the caller's transaction rolls back).
        """
        if action not in audit_incident.ALLOWED_WHILE_OPEN and self.incident_open():
            raise AuditIncidentOpen(audit_incident.refusal())
        seq, prev = self._head if self._head is not None else self._checked_head()
        keep = self.defer_heads
        return self._write(seq + 1, prev, user, action, entity, entity_id, fields, payload, refs, keep_head=keep)

    def begin(self, outermost: bool) -> None:
        """A transaction (``outermost``) or a savepoint starts: keep the head in memory from now on, or write
        the one kept so far (a savepoint rolled back must find the stored head matching the entries it keeps)."""
        if outermost:
            self.defer_heads = True
        else:
            self.flush_head()

    @classmethod
    def taking_over(
        cls, previous: AuditLog | None, db: Database, device_id: str, clock: HybridLogicalClock
    ) -> AuditLog:
        """The log of ``device_id``, after writing the head ``previous`` (another identity, renewed within a
        transaction) kept in memory."""
        if previous is not None:
            previous.flush_head()
            previous.forget_head()
        return cls(db, device_id, clock)

    def flush_head(self) -> None:
        """Write this device's head kept in memory (the vault calls it before a transaction or savepoint ends)."""
        if self._head_dirty and self._head is not None:
            self._write_head(self.device_id, *self._head)
        self._head_dirty = False

    def forget_head(self) -> None:
        """Drop the head kept in memory (a transaction ended or rolled back): the next append reads and checks
        the stored one again."""
        self._head, self._head_dirty = None, False
        self.defer_heads = False

    def append_after_end(self, user: str, action: str, entity: str, entity_id: str, *, payload: dict[str, Any]) -> int:
        """Append after the chain's last surviving entry, whatever the stored head says (an incident only).

        The entry's row number is placed past any payload or reference left behind by the deleted entries:
        SQLite would otherwise reuse a deleted row's number and collide with its orphaned payload.
        """
        self.flush_head()
        self.forget_head()
        seq, prev = self.end()
        row = self.db.execute(
            "SELECT max(coalesce((SELECT max(n) FROM audit_entries), 0),"
            " coalesce((SELECT max(entry) FROM audit_payloads), 0), coalesce((SELECT max(entry) FROM audit_refs), 0))"
        ).fetchone()
        return self._write(seq + 1, prev, user, action, entity, entity_id, (), payload, (), n=int(row[0]) + 1)

    def end(self) -> tuple[int, str]:
        """(sequence, hash) of this device's last entry; (0, GENESIS) while its chain is empty."""
        return audit_incident.chain_end(self.db, self.device_id) or (0, GENESIS)

    def incident_open(self) -> bool:
        """True while an audit incident waits for a coordinator's acknowledgement."""
        return self.db.execute("SELECT 1 FROM meta WHERE key = ?", (audit_incident.OPEN_KEY,)).fetchone() is not None

    def _write(
        self,
        seq: int,
        prev: str,
        user: str,
        action: str,
        entity: str,
        entity_id: str,
        fields: Iterable[str],
        payload: dict[str, Any] | None,
        refs: Iterable[str],
        n: int | None = None,
        keep_head: bool = False,
    ) -> int:
        hlc = self.clock.now().encode()
        names = canonical(sorted(set(fields)))
        salted = (new_salt(), canonical(payload)) if payload is not None else None
        digest = payload_digest(*salted) if salted else ""
        digest_hash = entry_hash(self.device_id, seq, hlc, user, action, entity, entity_id, names, digest, prev)
        self._insert(
            (self.device_id, seq, hlc, user, action, entity, entity_id, names, digest, prev, digest_hash),
            salted,
            {entity_id, *refs},
            n,
            keep_head,
        )
        return seq

    def _insert(
        self,
        values: tuple[Any, ...],
        salted: tuple[str, str] | None,
        refs: Iterable[str],
        n: int | None = None,
        keep_head: bool = False,
    ) -> None:
        """One entry, its payload and references, and its device's new head (the caller's transaction; with
        ``keep_head`` the head stays in memory until :meth:`flush_head`)."""
        cursor = self.db.execute(
            "INSERT INTO audit_entries (n, device_id, seq, hlc, user, action, entity, entity_id, fields, digest,"
            " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (n, *values),
        )
        entry = cursor.lastrowid
        if salted is not None:
            self.db.execute("INSERT INTO audit_payloads (entry, salt, body) VALUES (?, ?, ?)", (entry, *salted))
        self.db.conn.executemany(  # a generator: a batch may name a million ids
            "INSERT OR IGNORE INTO audit_refs (entity_id, entry) VALUES (?, ?)", ((i, entry) for i in refs if i)
        )
        if keep_head:
            self._head, self._head_dirty = (int(values[1]), str(values[-1])), True
        else:
            self._write_head(values[0], values[1], values[-1])

    def _write_head(self, device_id: str, seq: int, hash_: str) -> None:
        self.db.execute(
            "INSERT INTO audit_heads (device_id, seq, hash) VALUES (?, ?, ?)"
            " ON CONFLICT(device_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            (device_id, seq, hash_),
        )

    def _checked_head(self) -> tuple[int, str]:
        """This device's head, checked against its last entry: entries cut off or added behind the app's back
        would otherwise be papered over by the next append."""
        head = self.db.execute("SELECT seq, hash FROM audit_heads WHERE device_id = ?", (self.device_id,)).fetchone()
        last = self.db.execute(
            "SELECT seq, hash FROM audit_entries WHERE device_id = ? ORDER BY seq DESC LIMIT 1", (self.device_id,)
        ).fetchone()
        if head is None and last is None:
            return 0, GENESIS
        if head is None or last is None or tuple(head) != tuple(last):
            raise AuditTampered(
                tr(
                    "la bitácora de auditoría fue alterada fuera de la aplicación (su marca final no coincide con"
                    " la última entrada); no se guardó el cambio: revísela con «dmi audit verify» y restaure una"
                    " copia de seguridad",
                    "the audit log was altered outside the app (its head does not match the last entry); nothing"
                    " was saved: check it with “dmi audit verify” and restore a backup",
                )
            )
        return int(head[0]), str(head[1])

    def store_remote(self, entries: Iterable[AuditEntry]) -> int:
        """Store entries of other devices verbatim, each continuing that device's stored chain; returns how many
        were new. Entries already held are skipped when identical and refused when they differ."""
        added = 0
        for entry in entries:
            if entry.device_id == self.device_id:
                raise VaultError(tr("la bitácora recibida es de este mismo equipo", "the chain is this device's own"))
            held = self.db.execute(
                "SELECT hash FROM audit_entries WHERE device_id = ? AND seq = ?", (entry.device_id, entry.seq)
            ).fetchone()
            if held is not None:
                if held[0] != entry.hash:
                    raise VaultError(self._remote_problem(entry, "differs"))
                continue
            head = self.db.execute(
                "SELECT seq, hash FROM audit_heads WHERE device_id = ?", (entry.device_id,)
            ).fetchone()
            seq, prev = (int(head[0]), str(head[1])) if head else (0, GENESIS)
            if entry.seq != seq + 1 or entry.prev_hash != prev or _hash_of(entry) != entry.hash:
                raise VaultError(self._remote_problem(entry, "broken"))
            self._insert_verbatim(entry)
            added += 1
        return added

    def _insert_verbatim(self, entry: AuditEntry) -> None:
        refs = {entry.entity_id}
        salted = None
        if entry.payload_body is not None and payload_digest(entry.payload_salt, entry.payload_body) == entry.digest:
            salted = (entry.payload_salt, entry.payload_body)  # a payload that does not match is not kept
            refs.update(str(i) for i in (entry.payload or {}).get("ids", []))  # batches written before schema 5
        refs.update(entry.refs)
        names = canonical(list(entry.fields))
        values = (entry.device_id, entry.seq, entry.hlc, entry.user, entry.action, entry.entity, entry.entity_id)
        self._insert((*values, names, entry.digest, entry.prev_hash, entry.hash), salted, refs)

    @staticmethod
    def _remote_problem(entry: AuditEntry, kind: str) -> str:
        where = f"{entry.device_id[:8]} #{entry.seq}"
        if kind == "differs":
            return tr(
                f"la entrada {where} de la bitácora recibida no coincide con la que ya se tenía",
                f"entry {where} of the received audit chain differs from the one already held",
            )
        return tr(
            f"la bitácora recibida no continúa la cadena de su equipo en la entrada {where}",
            f"the received audit chain does not continue its device's chain at entry {where}",
        )

    def erase_payloads(self, entity_ids: Iterable[str]) -> int:
        """Delete the payloads of every entry about these records (erasure); the chains stay verifiable."""
        ids = list(dict.fromkeys(entity_ids))
        erased = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            cur = self.db.execute(
                "DELETE FROM audit_payloads WHERE entry IN"
                f" (SELECT entry FROM audit_refs WHERE entity_id IN ({marks}))",
                chunk,
            )
            erased += max(cur.rowcount, 0)
        return erased

    # -- reading ---------------------------------------------------------------------------------

    def chain(self, device_id: str, after_seq: int = 0) -> list[AuditEntry]:
        """One device's entries after ``after_seq``, in order (what a sync bundle carries)."""
        rows = self.db.execute(
            f"{_SELECT}{_WITH_PAYLOAD} WHERE e.device_id = ? AND e.seq > ? ORDER BY e.seq", (device_id, after_seq)
        )
        return [_entry(r) for r in rows]

    def for_entity(self, entity_id: str, limit: int = 500) -> list[AuditEntry]:
        """Entries about one record, newest first."""
        return self.for_entities([entity_id], limit)

    def for_entities(self, entity_ids: list[str], limit: int = 500) -> list[AuditEntry]:
        """Entries about any of ``entity_ids`` (directly or in a batch), newest first, in one query."""
        if not entity_ids:
            return []
        marks = ",".join("?" * len(entity_ids))
        rows = self.db.execute(
            f"{_SELECT} JOIN (SELECT DISTINCT entry FROM audit_refs WHERE entity_id IN ({marks})) r"
            f" ON r.entry = e.n{_WITH_PAYLOAD} ORDER BY e.hlc DESC LIMIT ?",
            (*entity_ids, limit),
        )
        return [_entry(r) for r in rows]

    def count(self) -> int:
        """Entries held, every device included."""
        return int(self.db.execute("SELECT count(*) FROM audit_entries").fetchone()[0])

    def verify(self, progress: Progress | None = None) -> VerifyResult:
        """Walk every device's chain; name the first entry edited, inserted or removed behind the app's back.

        Entries are read ``VERIFY_CHUNK`` at a time, never the whole chain at once; ``progress(done, total)`` is
        called between chunks (it may raise to stop the walk: a cancel).
        """
        self.flush_head()
        total_entries = self.count() if progress is not None else 0
        walked = 0

        def advance(n: int) -> None:
            nonlocal walked
            walked += n
            if progress is not None:
                progress(walked, total_entries)

        heads = {r[0]: (int(r[1]), str(r[2])) for r in self.db.execute("SELECT device_id, seq, hash FROM audit_heads")}
        # This device always has a chain (the vault's creation, or its identity's renewal, opens it).
        known = {r[0] for r in self.db.execute("SELECT DISTINCT device_id FROM audit_entries")}
        devices = sorted(known | set(heads) | {self.device_id})
        # This device first: its chain is the one this laptop answers for.
        devices.sort(key=lambda d: d != self.device_id)
        total = erased = 0
        incidents = self.incidents()
        # Open while the refusal stands, or while an incident is on a chain with no acknowledgement naming it.
        still_open = self.incident_open() or any(i.is_open for i in incidents)
        if progress is not None:
            progress(0, total_entries)
        for device in devices:
            count, problem, gone = self._verify_chain(device, heads.get(device), advance)
            total += count
            erased += gone
            if problem is not None:
                seq, reason = problem
                return VerifyResult(total, seq, reason, device, len(devices), erased, incidents, still_open)
        refs_problem = batch_refs_problem(self.db, self.device_id)
        if refs_problem is not None:
            device, seq, reason = refs_problem
            return VerifyResult(total, seq, reason, device, len(devices), erased, incidents, still_open)
        return VerifyResult(total, None, "", "", len(devices), erased, incidents, still_open)

    def incidents(self) -> tuple[audit_incident.IncidentReport, ...]:
        """Every recorded incident, on any chain, with its acknowledgement (read apart from verify's walk,
        which stops at the first broken link)."""
        rows = self.db.execute(
            f"{_SELECT}{_WITH_PAYLOAD} WHERE e.action IN (?, ?) ORDER BY e.hlc",
            (audit_incident.INCIDENT, audit_incident.ACKNOWLEDGED),
        )
        entries = [_entry(r) for r in rows]
        return tuple(audit_incident.reports(entries, audit_incident.open_incidents(self.db)))

    def _verify_chain(
        self, device: str, head: tuple[int, str] | None, advance: Callable[[int], None]
    ) -> tuple[int, tuple[int, str] | None, int]:
        """(entries checked, (sequence, reason) of the first problem or None, payloads found erased)."""
        # One statement (one snapshot), fetched a chunk at a time: memory stays that of a chunk.
        cursor = self.db.execute(f"{_SELECT}{_WITH_PAYLOAD} WHERE e.device_id = ? ORDER BY e.seq", (device,))
        who = "" if device == self.device_id else tr(f" (equipo {device[:8]})", f" (device {device[:8]})")
        try:
            return _walk(cursor, head, who, advance)
        finally:
            cursor.close()


def _walk(
    cursor: Any, head: tuple[int, str] | None, who: str, advance: Callable[[int], None]
) -> tuple[int, tuple[int, str] | None, int]:
    """The checks of ``_verify_chain`` over the rows of ``cursor``."""
    prev, expected, count, erased = GENESIS, 1, 0, 0

    def fail(seq: int, es: str, en: str) -> tuple[int, tuple[int, str] | None, int]:
        return count, (seq, tr(es, en)), erased

    for row in _chunks(cursor, advance):
        seq = int(row[1])
        if seq != expected:
            return fail(
                expected, f"falta la entrada {expected}{who} (eliminada)", f"entry {expected}{who} is missing (deleted)"
            )
        if row[9] != prev:
            return fail(
                seq,
                f"la entrada {seq}{who} no enlaza con la anterior",
                f"entry {seq}{who} does not link to the previous one",
            )
        if entry_hash(*row[:10]) != row[10]:
            return fail(seq, f"la entrada {seq}{who} fue modificada", f"entry {seq}{who} was modified")
        if row[11] is None:
            erased += 1 if row[8] else 0
        elif payload_digest(row[11], row[12]) != row[8]:
            return fail(
                seq,
                f"el detalle de la entrada {seq}{who} fue modificado",
                f"the details of entry {seq}{who} were modified",
            )
        prev, expected, count = row[10], expected + 1, count + 1
    # The head catches what a chain alone cannot: entries cut off its end, or a whole chain gone.
    if head is None:
        return fail(
            count + 1,
            f"falta la marca del final de la bitácora{who} (fue alterada)",
            f"the audit log's head{who} is missing (altered)",
        )
    if head[0] > count:
        return fail(
            count + 1,
            f"faltan entradas desde la {count + 1}{who} (eliminadas)",
            f"entries from {count + 1}{who} on are missing (deleted)",
        )
    if head[0] < count or head[1] != prev:
        return fail(
            head[0] + 1,
            f"la entrada {head[0] + 1}{who} fue agregada por fuera de la aplicación",
            f"entry {head[0] + 1}{who} was added outside the app",
        )
    return count, None, erased


def _chunks(cursor: Any, advance: Callable[[int], None]) -> Iterator[tuple[Any, ...]]:
    """The rows of ``cursor``, fetched ``VERIFY_CHUNK`` at a time; ``advance(n)`` after each chunk is checked."""
    while rows := cursor.fetchmany(VERIFY_CHUNK):
        yield from rows
        advance(len(rows))


def _hash_of(entry: AuditEntry) -> str:
    return entry_hash(
        entry.device_id,
        entry.seq,
        entry.hlc,
        entry.user,
        entry.action,
        entry.entity,
        entry.entity_id,
        canonical(list(entry.fields)),
        entry.digest,
        entry.prev_hash,
    )


def _entry(row: tuple[Any, ...]) -> AuditEntry:
    salt, body = row[11], row[12]
    return AuditEntry(
        device_id=row[0],
        seq=int(row[1]),
        hlc=row[2],
        user=row[3],
        action=row[4],
        entity=row[5],
        entity_id=row[6],
        fields=tuple(json.loads(row[7] or "[]")),
        digest=row[8],
        prev_hash=row[9],
        hash=row[10],
        payload=json.loads(body) if body is not None else None,
        payload_salt=salt or "",
        payload_body=body,
    )
