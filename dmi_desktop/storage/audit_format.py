"""The audit chain's wire format, version 1: canonical JSON, salted payload digests and entry hashes.

Frozen like a migration: every laptop verifies chains written by every other one with these functions, and
migration 3 wrote the first chains with them. A change needs a new format version, never an edit.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Collection
from typing import Any

FORMAT_VERSION = 1
GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """One text per value: sorted keys, no spaces, UTF-8 kept (hashes must agree across laptops)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def new_salt() -> str:
    """A random salt per payload, so a deleted payload cannot be guessed back from its digest."""
    return secrets.token_hex(16)


def payload_digest(salt: str, body: str) -> str:
    """SHA-256 of a payload's canonical body under its salt; the chain hashes this, not the payload."""
    return hashlib.sha256(f"{salt}\n{body}".encode()).hexdigest()


def entry_hash(
    device_id: str,
    seq: int,
    hlc: str,
    user: str,
    action: str,
    entity: str,
    entity_id: str,
    fields: str,
    digest: str,
    prev_hash: str,
) -> str:
    """SHA-256 over one entry and the hash of the previous entry of the same device's chain."""
    text = canonical([FORMAT_VERSION, device_id, seq, hlc, user, action, entity, entity_id, fields, digest, prev_hash])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def refs_digest(ids: Collection[str]) -> str:
    """SHA-256 of a batch's record ids (sorted, one per line): its payload names them by this, not one by one.

    The ids themselves are the batch's ``audit_refs`` rows (stored once, where a person's history and erasure
    look them up); this digest in the hashed payload lets those rows be checked against the chain.
    """
    # Hashed piece by piece: joining a million ids into one text and its bytes briefly cost ~75 MB more.
    unique = ids if isinstance(ids, (set, frozenset, dict)) else set(ids)  # a dict is an ordered set here
    digest = hashlib.sha256()
    separator = b""
    for record_id in sorted(unique):
        digest.update(separator + record_id.encode("utf-8"))
        separator = b"\n"
    return digest.hexdigest()
