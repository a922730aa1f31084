"""The signed roster: every user and role, signed with the coordinators' Ed25519 key, checked at each unlock.

Anyone who unlocks holds the database key and could run ``UPDATE users SET role = 'coordinator'``; the
signature is what such an edit cannot reproduce, so a role that does not match it is refused.
"""

from __future__ import annotations

import base64
import binascii
import json

from dmi_desktop.domain.messages import tr
from dmi_desktop.storage.coordinator_keys import CoordinatorKeys, CoordinatorPublic, canonical_bytes
from dmi_desktop.storage.driver import Database
from dmi_desktop.storage.errors import RolesTampered

ROSTER_META = "roster"
SIGNATURE_META = "roster_signature"
PUBLIC_META = "coordinators_public"  # a copy for display; the trusted copy is inside each format-2 slot


def roster_users(db: Database) -> list[list[str]]:
    """Every user and role, by name (what the signature must match)."""
    return [[r[0], r[1]] for r in db.execute("SELECT name, role FROM users ORDER BY name")]


def _meta(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def stored_roster(db: Database) -> dict | None:
    """The roster document as stored (unverified), or None before coordinators' keys existed."""
    text = _meta(db, ROSTER_META)
    try:
        doc = json.loads(text) if text else None
    except ValueError:
        return None
    return doc if isinstance(doc, dict) else None


def sign_roster(db: Database, vault_id: str, keys: CoordinatorKeys, publics: dict[str, str]) -> None:
    """Sign the users table with each slot's public key (``publics``: name → base64, "" for the recovery slot)."""
    doc = {
        "format": "dmi-roster",
        "version": 1,
        "vault_id": vault_id,
        "users": [[name, role, publics.get(name, "")] for name, role in roster_users(db)],
        "recovery": publics.get("", ""),
    }
    body = canonical_bytes(doc)
    signature = base64.b64encode(keys.sign(body)).decode("ascii")
    for key, value in (
        (ROSTER_META, body.decode("utf-8")),
        (SIGNATURE_META, signature),
        (PUBLIC_META, base64.b64encode(keys.public.to_bytes()).decode("ascii")),
    ):
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def stored_public(db: Database) -> CoordinatorPublic | None:
    """The coordinators' public key as the database stores it (unauthenticated: trust a slot's copy)."""
    text = _meta(db, PUBLIC_META)
    if text is None:
        return None
    try:
        return CoordinatorPublic.from_bytes(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        return None


def verify_roster(db: Database, vault_id: str, public: CoordinatorPublic) -> dict:
    """The signed roster; RolesTampered unless it is the coordinators' and the users table matches it exactly."""
    text, sig_text = _meta(db, ROSTER_META), _meta(db, SIGNATURE_META)
    try:
        signature = base64.b64decode(sig_text or "", validate=True)
        doc = json.loads(text or "")
        body = canonical_bytes(doc)
    except (binascii.Error, ValueError):
        doc, body, signature = None, b"", b""
    if (
        isinstance(doc, dict)
        and signature
        and body.decode("utf-8") == text
        and public.verify(signature, body)
        and doc.get("vault_id") == vault_id
        and [[u[0], u[1]] for u in doc.get("users", [])] == roster_users(db)
    ):
        return doc
    raise RolesTampered(
        tr(
            "los usuarios o roles de esta bóveda fueron modificados fuera de la aplicación (no coinciden con la"
            " firma de los coordinadores): no se abrirá; restaure un respaldo",
            "the users or roles of this vault were changed outside the app (they do not match the coordinators'"
            " signature): it will not be opened; restore a backup",
        )
    )
