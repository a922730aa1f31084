"""Incidents of the audit log: the end of this device's chain found cut, emptied or rewound behind the app's back.

A chain's stored head (``audit_heads``) can be rewritten together with the chain by anyone holding the vault
key, so the end of the chain is also checked against this computer's installation record, kept outside the
vault (installation.py): the chain end recorded with the token the vault carries must still be in the chain.
What disagrees is recorded as an ``audit.incident`` entry after the entries that survive (sequence numbers and
hashes only), and the vault refuses writes (the ``audit_incident`` meta key) until a coordinator appends an
``audit.acknowledged`` entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.messages import tr
from dmi_desktop.domain.models import AuditEntry
from dmi_desktop.storage.audit_format import GENESIS
from dmi_desktop.storage.driver import Database
from dmi_desktop.storage.errors import VaultError

if TYPE_CHECKING:
    from dmi_desktop.storage.audit import AuditLog

INCIDENT = "audit.incident"
ACKNOWLEDGED = "audit.acknowledged"
OPEN_KEY = "audit_incident"  # meta: the open incidents, JSON [{"device": ..., "seq": ...}]
NOTE_LIMIT = 500

# Recorded even while an incident is open: access and processing events, one's own passphrase (a recovery
# unlock must be able to set one) and the re-key a compromised one asks for (an incident is when it matters
# most), and the bookkeeping that keeps the log consistent; none changes the data.
ALLOWED_WHILE_OPEN = frozenset(
    {
        INCIDENT,
        ACKNOWLEDGED,
        "vault.unlock",
        "vault.recovery_unlock",
        "vault.backup",
        "vault.restore",
        "vault.identity_renewed",
        "participant.export",
        "user.passphrase",
        "vault.rekey",
    }
)

ChainEnd = tuple[int, str]


def refusal() -> str:
    """The one line every write gets while an incident is open."""
    return tr(
        "la bitácora de auditoría fue alterada: un coordinador debe revisarla (dmi audit acknowledge)",
        "the audit log was altered: a coordinator must review it (dmi audit acknowledge)",
    )


@dataclass(frozen=True)
class TailProblem:
    """What the end of a device's chain should have been (``expected``) and what it is (``found``)."""

    check: str  # "head" (the stored head), "witness" (this computer's record), "token" (unknown), "empty"
    device_id: str
    expected: ChainEnd | None
    found: ChainEnd

    def payload(self) -> dict[str, Any]:
        """The incident entry's payload: sequence numbers and hashes only."""
        return {"before": _end(self.expected), "after": _end(self.found), "check": self.check, "device": self.device_id}


@dataclass(frozen=True)
class IncidentReport:
    """One recorded incident as ``audit verify`` reports it, with its acknowledgement if there is one."""

    device_id: str
    seq: int
    at: str
    user: str
    description: str
    acknowledged_by: str = ""
    acknowledged_at: str = ""
    note: str = ""

    @property
    def is_open(self) -> bool:
        """True until a coordinator acknowledged it."""
        return not self.acknowledged_by


# -- detection -------------------------------------------------------------------------------------


def chain_end(db: Database, device_id: str) -> ChainEnd | None:
    """(sequence, hash) of the device's last entry, None when its chain is empty."""
    row = db.execute(
        "SELECT seq, hash FROM audit_entries WHERE device_id = ? ORDER BY seq DESC LIMIT 1", (device_id,)
    ).fetchone()
    return (int(row[0]), str(row[1])) if row else None


def find_tail_problem(
    db: Database, device_id: str, mark: ChainEnd | None, *, unknown_token: bool = False
) -> TailProblem | None:
    """Check the end of ``device_id``'s chain against its stored head and ``mark`` (the end this computer
    recorded with the vault's token); ``unknown_token``: the vault carries a token this computer never issued."""
    last = chain_end(db, device_id)
    found = last or (0, GENESIS)
    row = db.execute("SELECT seq, hash FROM audit_heads WHERE device_id = ?", (device_id,)).fetchone()
    head = (int(row[0]), str(row[1])) if row else None
    if head != last:
        return TailProblem("head", device_id, head, found)
    if mark is not None and mark[0] > 0:
        held = db.execute("SELECT hash FROM audit_entries WHERE device_id = ? AND seq = ?", (device_id, mark[0]))
        row = held.fetchone()
        if row is None or row[0] != mark[1]:
            return TailProblem("witness", device_id, mark, found)
    if unknown_token:
        return TailProblem("token", device_id, None, found)
    if last is None:  # the vault's creation, migration or identity renewal always opens the chain
        return TailProblem("empty", device_id, None, found)
    return None


def describe(check: str, expected: ChainEnd | None, found: ChainEnd) -> str:
    """What was expected vs found, in words."""
    e, f = (expected or (0, ""))[0], found[0]
    if check == "head" and expected is None:
        return tr("falta la marca final de la cadena", "the chain's head is missing")
    if check == "head":
        if f == 0:
            return tr(
                f"su marca final indica la entrada {e}, pero no queda ninguna",
                f"its head names entry {e}, but none is left",
            )
        return tr(
            f"su marca final indica la entrada {e}, pero la última que queda es la {f}",
            f"its head names entry {e}, but the last one left is {f}",
        )
    if check == "witness" and f == 0:
        return tr(
            f"este computador la registró hasta la entrada {e} y ahora está vacía",
            f"this computer recorded it up to entry {e} and it is now empty",
        )
    if check == "witness" and f < e:
        return tr(
            f"este computador la registró hasta la entrada {e} y ahora termina en la {f}",
            f"this computer recorded it up to entry {e} and it now ends at entry {f}",
        )
    if check == "witness":
        return tr(
            f"la entrada {e} ya no es la que este computador registró",
            f"entry {e} is not the one this computer recorded",
        )
    if check == "token":
        return tr(
            "la bóveda lleva una marca de apertura que este computador nunca escribió",
            "the vault carries an opening token this computer never wrote",
        )
    return tr("no queda ninguna entrada de este equipo", "no entry of this device is left")


# -- recording and acknowledging ---------------------------------------------------------------------


def record(audit: AuditLog, user: str, vault_id: str, problem: TailProblem) -> str:
    """Append the incident after the surviving entries and open it (the caller's transaction); returns the
    notice for the user."""
    seq = audit.append_after_end(user, INCIDENT, "vault", vault_id, payload=problem.payload())
    opened = [*open_incidents(audit.db), {"device": audit.device_id, "seq": seq}]
    audit.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (OPEN_KEY, json.dumps(opened)))
    what = describe(problem.check, problem.expected, problem.found)
    return tr(
        f"La bitácora de auditoría fue alterada fuera de la aplicación: {what}. Quedó registrado como incidente"
        f" (entrada {seq}) y no se guardarán cambios hasta que un coordinador lo revise.",
        f"The audit log was altered outside the app: {what}. This was recorded as an incident (entry {seq}) and no"
        " change will be saved until a coordinator reviews it.",
    )


def open_incidents(db: Database) -> list[dict[str, Any]]:
    """The incidents not yet acknowledged: [{"device", "seq"}]."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (OPEN_KEY,)).fetchone()
    if row is None:
        return []
    try:
        found = json.loads(row[0])
    except ValueError:
        found = None
    # A key someone garbled still means "altered": refuse writes, with a placeholder to acknowledge.
    return found if isinstance(found, list) and found else [{"device": "", "seq": 0}]


def acknowledge(audit: AuditLog, user: str, vault_id: str, note: str) -> tuple[list[dict[str, Any]], int]:
    """Close every open incident with one ``audit.acknowledged`` entry (who, the note); the caller's
    transaction. Returns the incidents closed and the entry's sequence."""
    note = " ".join(note.split())
    if len(note) > NOTE_LIMIT:
        raise VaultError(
            tr(
                f"la nota es demasiado larga (máximo {NOTE_LIMIT} caracteres)",
                f"the note is too long (at most {NOTE_LIMIT} characters)",
            )
        )
    closed = open_incidents(audit.db)
    # An incident whose refusal was lifted behind the app's back (its meta key deleted) is still open.
    closed += [{"device": i.device_id, "seq": i.seq} for i in audit.incidents() if i.is_open and _unlisted(i, closed)]
    if not closed:
        raise VaultError(tr("no hay incidentes de auditoría abiertos", "there is no open audit incident"))
    payload = {"after": {"incidents": closed, "note": note}}
    seq = audit.append(user, ACKNOWLEDGED, "vault", vault_id, fields=("note",) if note else (), payload=payload)
    audit.db.execute("DELETE FROM meta WHERE key = ?", (OPEN_KEY,))
    return closed, seq


# -- reporting ----------------------------------------------------------------------------------------


def reports(entries: Iterable[AuditEntry], still_open: list[dict[str, Any]]) -> list[IncidentReport]:
    """The incidents among ``entries`` (any device's chain), each with the acknowledgement that closed it."""
    acks: dict[tuple[str, int], AuditEntry] = {}
    incidents = []
    for entry in entries:
        if entry.action == ACKNOWLEDGED:
            for closed in (entry.after or {}).get("incidents", []):
                if isinstance(closed, dict):
                    acks[(str(closed.get("device", "")), _int(closed.get("seq")))] = entry
        elif entry.action == INCIDENT:
            incidents.append(entry)
    pending = {(str(i.get("device", "")), _int(i.get("seq"))) for i in still_open}
    found = []
    for entry in incidents:
        key = (entry.device_id, entry.seq)
        ack = None if key in pending else acks.get(key)
        payload = entry.payload or {}
        found.append(
            IncidentReport(
                entry.device_id,
                entry.seq,
                entry.at,
                entry.user,
                describe(
                    str(payload.get("check", "")), _pair(payload.get("before")), _pair(payload.get("after")) or (0, "")
                ),
                ack.user if ack else "",
                ack.at if ack else "",
                str((ack.after or {}).get("note", "")) if ack else "",
            )
        )
    return found


def _unlisted(report: IncidentReport, listed: list[dict[str, Any]]) -> bool:
    """True when ``report`` is not already in ``listed``."""
    return not any(i.get("device") == report.device_id and i.get("seq") == report.seq for i in listed)


def _end(end: ChainEnd | None) -> dict[str, Any] | None:
    return None if end is None else {"seq": end[0], "hash": end[1]}


def _pair(value: Any) -> ChainEnd | None:
    if isinstance(value, dict):
        return _int(value.get("seq")), str(value.get("hash", ""))
    return None


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0
