"""Check the references of batch entries against the digest their hashed payload carries (schema 5 on).

A batch entry (an import, the demo) names its people once, as ``audit_refs`` rows; its payload holds their
count and ``refs_sha256``. The chain hashes the payload, so a reference deleted or added behind the app's back
(hiding a person from a batch, or putting one in it) shows here. Entries whose payload was erased, and older
batches that listed their ids in the payload, have nothing to check.
"""

from __future__ import annotations

import json
from collections import defaultdict

from dmi_desktop.domain.messages import tr
from dmi_desktop.storage.audit_format import refs_digest
from dmi_desktop.storage.driver import Database


def batch_refs_problem(db: Database, own_device: str) -> tuple[str, int, str] | None:
    """(device, sequence, reason) of the first batch entry whose references do not match its payload."""
    batches = db.execute(
        "SELECT e.n, e.device_id, e.seq, e.entity_id, p.body FROM audit_payloads p JOIN audit_entries e"
        " ON e.n = p.entry WHERE p.body LIKE '%\"refs_sha256\":%' ORDER BY e.device_id <> ?, e.device_id, e.seq",
        (own_device,),
    ).fetchall()
    if not batches:
        return None
    wanted = {int(b[0]) for b in batches}
    refs: dict[int, list[str]] = defaultdict(list)
    # The references are keyed by record id: one pass over them all beats a scan per batch entry.
    for entity_id, entry in db.execute("SELECT entity_id, entry FROM audit_refs"):
        if entry in wanted:
            refs[entry].append(entity_id)
    for n, device, seq, entity_id, body in batches:
        expected = json.loads(body).get("refs_sha256")
        if expected and refs_digest([i for i in refs[n] if i != entity_id]) != expected:
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
