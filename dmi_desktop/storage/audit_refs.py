"""Check the references of batch entries against the digest their hashed payload carries (schema 5 on).

A batch entry (an import, the demo) names its people once, as ``audit_refs`` rows; its payload holds their
count and ``refs_sha256``. The chain hashes the payload, so a reference deleted or added behind the app's back
(hiding a person from a batch, or putting one in it) shows here. Entries whose payload was erased, and older
batches that listed their ids in the payload, have nothing to check.
"""

from __future__ import annotations

import hashlib
import json

from dmi_desktop.domain.messages import tr
from dmi_desktop.storage.driver import Database


def batch_refs_problem(db: Database, own_device: str) -> tuple[str, int, str] | None:
    """(device, sequence, reason) of the first batch entry whose references do not match its payload."""
    batches = db.execute(
        "SELECT e.n, e.device_id, e.seq, e.entity_id, p.body FROM audit_payloads p JOIN audit_entries e"
        " ON e.n = p.entry WHERE p.body LIKE '%\"refs_sha256\":%' ORDER BY e.device_id <> ?, e.device_id, e.seq",
        (own_device,),
    ).fetchall()
    for n, device, seq, entity_id, body in batches:
        expected = json.loads(body).get("refs_sha256")
        if expected and _digest_of_refs(db, int(n), entity_id) != expected:
            who = "" if device == own_device else tr(f" (equipo {device[:8]})", f" (device {device[:8]})")
            return (
                device,
                int(seq),
                tr(
                    f"las personas nombradas por la entrada {seq}{who} fueron alteradas",
                    f"the people named by entry {seq}{who} were altered",
                ),
            )
    return None


def _digest_of_refs(db: Database, entry: int, entity_id: str) -> str:
    """``refs_digest`` of an entry's references but its own id, streamed (a batch may name a million people).

    SQLite's BINARY order of UTF-8 text is Python's order of the same strings, so the rows come sorted.
    """
    digest, sep = hashlib.sha256(), b""
    rows = db.execute(
        "SELECT entity_id FROM audit_refs WHERE entry = ? AND entity_id <> ? ORDER BY entity_id", (entry, entity_id)
    )
    for (ref,) in rows:
        digest.update(sep + ref.encode("utf-8"))
        sep = b"\n"
    return digest.hexdigest()
