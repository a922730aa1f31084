"""Users, roles and key slots of an open vault: the signed roster, the coordinators' key, sealing, re-keying.

The database key is sealed to each slot's own X25519 key (the slot's envelope), so a coordinator can re-key
the vault for every remaining user without knowing their passphrases; the coordinators' seed travels the
same way, only in coordinators' (and the recovery) envelopes. See DESIGN §4a and the README's trust model.
"""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.fields import entity, restricted_tables
from dmi_desktop.domain.messages import tr
from dmi_desktop.domain.roles import Role
from dmi_desktop.storage import keyslots, roster
from dmi_desktop.storage.coordinator_keys import (
    CoordinatorKeys,
    CoordinatorPublic,
    SealError,
    SlotContent,
    UserKey,
    is_sealed,
    seal_to,
)
from dmi_desktop.storage.driver import Database
from dmi_desktop.storage.errors import DamagedDatabase, DamagedKeyFile, NoCoordinatorKey, VaultError
from dmi_desktop.storage.keyslots import KdfParams, KeyFile, Slot

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)
RESTRICTED_TABLES = restricted_tables()
RESTRICTED_AUDIT = frozenset(entity(t).audit_name for t in RESTRICTED_TABLES)
# Columns of a restricted row that stay readable: what sync and the list need to place the row.
_CLEAR_COLUMNS = frozenset({"id", "participant_id", "created_hlc", "updated_hlc", "_clock", "origin", "deleted"})


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass
class Access:
    """What unlocking gave this session: the database key and, with a format-2 slot, its keys."""

    db_key: bytes
    slot: Slot | None = None
    content: SlotContent | None = None
    seed: bytes | None = None
    secret: bytes | None = field(default=None, repr=False)  # to rewrap the same slot on an upgrade


def resolve_access(keyfile: KeyFile, raw: bytes, slot: Slot | None, secret: bytes | None) -> Access:
    """Turn what a slot unwrapped into the database key (opening the slot's envelope for format 2)."""
    if slot is None:
        return Access(raw)
    try:
        content = SlotContent.parse(raw)
        if content.user_key is None:
            assert content.legacy_key is not None
            return Access(content.legacy_key, slot, None, None, secret)
        if not slot.envelope or keyslots.unb64(slot.public) != content.user_key.public:
            raise ValueError("slot public key does not match its private key")
        db_key = content.user_key.open(slot.envelope, slot.context(keyfile.vault_id, "envelope"))
        seed = content.user_key.open(slot.grant, slot.context(keyfile.vault_id, "grant")) if slot.grant else None
        if len(db_key) != keyslots.KEY_BYTES:
            raise ValueError("envelope of the wrong length")
        if seed is not None and CoordinatorKeys(seed).public != content.coordinators:
            # A grant sealed by someone without the coordinators' key (anyone can seal to a public key).
            seed = None
    except (ValueError, SealError):
        raise DamagedKeyFile(
            tr(
                "el archivo de llaves vault.keys fue alterado (la llave de este usuario no abre)",
                "the key file vault.keys was altered (this user's key does not open)",
            )
        ) from None
    return Access(db_key, slot, content, seed, secret)


def seal_slot(keyfile: KeyFile, slot: Slot, db_key: bytes, seed: bytes | None) -> Slot:
    """Seal the database key (and the coordinators' seed, when given) to a format-2 slot's public key."""
    public = keyslots.unb64(slot.public)
    sealed = {"envelope": seal_to(public, db_key, slot.context(keyfile.vault_id, "envelope"))}
    if seed is not None:
        sealed["grant"] = seal_to(public, seed, slot.context(keyfile.vault_id, "grant"))
    return keyfile.seal_into(slot.id, **sealed)


def write_slot(
    keyfile: KeyFile,
    kind: str,
    user: str,
    secret: bytes,
    kdf: KdfParams,
    db_key: bytes,
    coordinators: CoordinatorPublic,
    seed: bytes | None,
) -> tuple[Slot, UserKey]:
    """A format-2 slot: a fresh key pair wrapped under ``secret``, the database key (and seed) sealed to it."""
    user_key = UserKey.generate()
    content = SlotContent(user_key, coordinators).to_bytes()
    slot = keyfile.add_slot(kind, user, secret, content, kdf, public=user_key.public)
    return seal_slot(keyfile, slot, db_key, seed), user_key


class VaultKeys:
    """Mixin of Vault: everything about who may open the vault and with which role."""

    folder: Path
    db: Database
    keyfile: KeyFile
    user: str
    notices: list[str]
    _key: bytes
    _access: Access
    _keys_dirty: bool

    # -- the coordinators' key ---------------------------------------------------------------

    @property
    def coordinator_public(self) -> CoordinatorPublic | None:
        """The coordinators' public key this session trusts (from its own slot); None in a format-1 vault."""
        content = self._access.content
        return content.coordinators if content is not None else None

    @property
    def coordinator_keys(self) -> CoordinatorKeys | None:
        """The coordinators' private keys, when this session's slot holds them."""
        return CoordinatorKeys(self._access.seed) if self._access.seed else None

    def _require_keys(self) -> CoordinatorKeys:
        keys = self.coordinator_keys
        if keys is None:
            raise NoCoordinatorKey(
                tr(
                    "su acceso no incluye la llave de coordinación: pida a otro coordinador que restablezca su"
                    " frase de acceso",
                    "your access does not include the coordinators' key: ask another coordinator to reset your"
                    " passphrase",
                )
            )
        return keys

    # -- restricted data ---------------------------------------------------------------------

    def seal_row(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        """Seal a restricted table's data columns for coordinators (anyone may seal; rows of other tables pass)."""
        public = self.coordinator_public
        if table not in RESTRICTED_TABLES or public is None:
            return row
        row_id = row.get("id") or ""
        out = dict(row)
        for name, value in row.items():
            if name in _CLEAR_COLUMNS or value is None or is_sealed(value):
                continue
            out[name] = public.seal(json.dumps(value).encode("utf-8"), f"{table}|{row_id}|{name}")
        return out

    def open_row(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        """Open a restricted row's sealed columns (coordinators with the key only)."""
        if table not in RESTRICTED_TABLES or not any(is_sealed(v) for v in row.values()):
            return row
        keys = self._require_keys()
        out = dict(row)
        for name, value in row.items():
            if is_sealed(value):
                try:
                    out[name] = json.loads(keys.open(value, f"{table}|{row['id']}|{name}"))
                except (SealError, ValueError):
                    raise DamagedDatabase(
                        tr(
                            "un dato reservado de la bóveda fue alterado y no se puede abrir",
                            "a restricted value in the vault was altered and cannot be opened",
                        )
                    ) from None
        return out

    def seal_payload(self, entity_name: str, entity_id: str, payload: dict | None) -> dict | None:
        """An audit payload about restricted data, sealed for coordinators (its digest covers the sealed form)."""
        public = self.coordinator_public
        if payload is None or entity_name not in RESTRICTED_AUDIT or public is None:
            return payload
        body = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return {"sealed": public.seal(body, f"audit|{entity_name}|{entity_id}")}

    # -- users and roles -----------------------------------------------------------------------

    def role_of(self, user: str) -> Role | None:
        """The role stored for ``user`` (checked against the coordinators' signature at unlock)."""
        row = self.db.execute("SELECT role FROM users WHERE name = ?", (user,)).fetchone()
        return Role(row[0]) if row else None

    def users(self) -> list[tuple[str, Role]]:
        """Every user with a role, by name."""
        return [(r[0], Role(r[1])) for r in self.db.execute("SELECT name, role FROM users ORDER BY name")]

    def _signed_publics(self) -> dict[str, str]:
        """Slot public keys as the signed roster lists them (user name → base64; "" key: the recovery slot)."""
        doc = roster.stored_roster(self.db)
        if doc is None:
            return {}
        publics = {name: public for name, _role, public in doc.get("users", []) if public}
        if doc.get("recovery"):
            publics[""] = doc["recovery"]
        return publics

    def _sign(self, publics: dict[str, str]) -> None:
        """Re-sign the roster with these slot publics (only ones this process made or verified)."""
        roster.sign_roster(self.db, self.keyfile.vault_id, self._require_keys(), publics)

    def _write_slot(self, kind: str, user: str, secret: bytes, kdf: KdfParams, role: Role | None) -> Slot:
        """A new slot for ``user``: format 2 with the seed's grant for coordinators, or format 1 in an old vault."""
        public = self.coordinator_public
        self._keys_dirty = True
        if public is None:  # format-1 vault (no coordinators' key yet): the slot wraps the database key
            return self.keyfile.add_slot(kind, user, secret, self._key, kdf)
        with_seed = kind == keyslots.RECOVERY or role is Role.COORDINATOR
        seed = self._access.seed if with_seed else None
        slot, user_key = write_slot(self.keyfile, kind, user, secret, kdf, self._key, public, seed)
        own = self._access.slot
        if own is not None and (own.kind, own.user) == (kind, user):  # this session's own slot was replaced
            self._access.content, self._access.slot = SlotContent(user_key, public), slot
        return slot

    def _seal_for(self, slot: Slot, db_key: bytes, seed: bytes | None) -> Slot:
        """Seal the database key (and the seed, when given) to a format-2 slot's public key."""
        return seal_slot(self.keyfile, slot, db_key, seed)

    def set_passphrase(
        self, user: str, passphrase: str, kdf: KdfParams | None = None, *, new_key_pair: bool = False
    ) -> None:
        """Give ``user`` a slot under ``passphrase`` (vault.keys is saved with the transaction's commit).

        One's own passphrase keeps the slot's key pair (the database is untouched) unless ``new_key_pair``
        (a compromised passphrase); another user's gets a new pair, which the coordinators sign.
        """
        role = self.role_of(user)
        if role is None:
            raise VaultError(tr(f"el usuario {user!r} no existe", f"no user {user!r}"))
        old = self.keyfile.user_slot(user)
        params = kdf or (old.kdf if old else keyslots.calibrate())
        secret = keyslots.normalize_passphrase(passphrase)
        with self.atomic():
            own, content = self._access.slot, self._access.content
            if own is not None and own.kind == keyslots.USER and own.user == user and content and not new_key_pair:
                slot = self.keyfile.add_slot(
                    keyslots.USER, user, secret, content.to_bytes(), params, public=content.user_key.public
                )
                self._access.slot = self.keyfile.seal_into(slot.id, envelope=own.envelope, grant=own.grant)
                self._keys_dirty = True
                return
            slot = self._write_slot(keyslots.USER, user, secret, params, role)
            if self.coordinator_keys is not None:
                self._sign({**self._signed_publics(), user: slot.public})

    def add_user(self, name: str, role: Role, passphrase: str, kdf: KdfParams | None = None) -> None:
        """Add a user row and a key slot, and re-sign the roster (the caller audits and checks permissions)."""
        if self.role_of(name) is not None:
            raise VaultError(tr(f"el usuario {name!r} ya existe", f"the user {name!r} already exists"))
        if self.coordinator_public is not None:
            self._require_keys()
        with self.atomic():
            self.db.execute("INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)", (name, Role(role), _now()))
            self.set_passphrase(name, passphrase, kdf or self._own_kdf())

    def remove_user(self, name: str) -> None:
        """Remove a user's row and slot and re-sign the roster; the caller re-keys after the commit."""
        if self.coordinator_public is not None:
            self._require_keys()
        with self.atomic():
            self.db.execute("DELETE FROM users WHERE name = ?", (name,))
            self.keyfile.remove_user(name)
            self._keys_dirty = True
            if self.coordinator_keys is not None:
                publics = self._signed_publics()
                publics.pop(name, None)
                self._sign(publics)

    def regenerate_recovery(self, kdf: KdfParams | None = None) -> str:
        """Replace the recovery slot; return the new key (to show once). The old recovery key opens nothing new."""
        if self.coordinator_public is not None:
            self._require_keys()
        recovery = keyslots.new_recovery_key()
        old = self.keyfile.recovery_slot()
        params = kdf or (old.kdf if old else self._own_kdf())
        with self.atomic():
            slot = self._write_slot(keyslots.RECOVERY, "", keyslots.normalize_recovery_key(recovery), params, None)
            if self.coordinator_keys is not None:
                self._sign({**self._signed_publics(), "": slot.public})
        return recovery

    def _own_kdf(self) -> KdfParams:
        slot = self.keyfile.user_slot(self.user)
        return slot.kdf if slot else keyslots.calibrate()

    # -- at unlock ------------------------------------------------------------------------------

    def settle_keys(self) -> None:
        """Check the roles against the coordinators' signature, or bring a format-1 vault or slot forward.

        Called inside a transaction right after unlocking; RolesTampered refuses a vault whose users table
        was edited outside the app.
        """
        access = self._access
        if access.slot is None:  # opened with a bare database key (tests, benchmarks)
            return
        if access.content is None:
            stored = roster.stored_public(self.db)
            if stored is None:
                if self.role_of(self.user) is Role.COORDINATOR:
                    self._create_coordinator_keys()
                return  # staff and viewers keep a format-1 vault as it is until a coordinator opens it
            self._convert_own_slot(stored)
        coordinators = self.coordinator_public
        assert coordinators is not None
        roster.verify_roster(self.db, self.keyfile.vault_id, coordinators)
        if self.role_of(self.user) is Role.COORDINATOR and access.seed is None:
            self.notices.append(
                tr(
                    "su acceso aún no incluye la llave de coordinación (caso en reserva, usuarios): pida a otro"
                    " coordinador que restablezca su frase de acceso",
                    "your access does not include the coordinators' key yet (banked case, users): ask another"
                    " coordinator to reset your passphrase",
                )
            )

    def _convert_own_slot(self, stored: CoordinatorPublic) -> None:
        """A format-1 slot in a vault that already has coordinators' keys: rewrap it as format 2 (no seed)."""
        slot, secret = self._access.slot, self._access.secret
        assert slot is not None and secret is not None
        self._access.content = SlotContent(UserKey.generate(), stored)  # trusted from here on, in this slot
        role = self.role_of(self.user)
        self._write_slot(slot.kind, slot.user, secret, slot.kdf, role)

    def _create_coordinator_keys(self) -> None:
        """First coordinator to open a format-1 vault: create the pair, seal restricted data, sign the roster."""
        slot, secret = self._access.slot, self._access.secret
        assert slot is not None and secret is not None
        keys = CoordinatorKeys.generate()
        self._access.seed = keys.seed
        self._access.content = SlotContent(UserKey.generate(), keys.public)
        own = self._write_slot(slot.kind, slot.user, secret, slot.kdf, Role.COORDINATOR)
        for table in sorted(RESTRICTED_TABLES):
            rows = self.db.execute(f"SELECT * FROM {table}")  # table names come from the registry
            columns = [d[0] for d in rows.description]
            for values in rows.fetchall():
                row = dict(zip(columns, values, strict=True))
                sealed = {k: v for k, v in self.seal_row(table, row).items() if v != row[k]}
                if sealed:
                    assignments = ", ".join(f"{k} = ?" for k in sealed)
                    self.db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (*sealed.values(), row["id"]))
        # Old values of restricted records in the audit were readable by anyone with the database key: they go
        # (the entries stay, and every chain still verifies: the digest covers the payload, not its presence).
        marks = ",".join("?" * len(RESTRICTED_AUDIT))
        self.db.execute(
            f"DELETE FROM audit_payloads WHERE entry IN (SELECT n FROM audit_entries WHERE entity IN ({marks}))",
            tuple(RESTRICTED_AUDIT),
        )
        self._sign({(slot.user if slot.kind == keyslots.USER else ""): own.public})
        self.notices.append(
            tr(
                "la bóveda ahora protege el caso en reserva y los roles con una llave de coordinación; genere una"
                " nueva clave de recuperación y restablezca la frase de los demás coordinadores",
                "the vault now protects the banked case and the roles with a coordinators' key; generate a new"
                " recovery key and reset the other coordinators' passphrases",
            )
        )

    # -- re-keying ------------------------------------------------------------------------------

    def rekey(self, reason: str) -> RekeyResult:
        """Re-encrypt the database under a new key and reseal it to every slot the roster vouches for.

        A removed user's old vault.keys, or an old backup plus her passphrase, then opens nothing written
        afterwards. A safety backup (old key) is written first. Slots the roster cannot vouch for (format 1, or
        a public key no coordinator signed) cannot receive the new key: they are dropped and named.
        Crash-safe: see :func:`rekey_files.finish_interrupted_rekey`.
        """
        from dmi_desktop.storage import rekey_files

        if self.db.conn.in_transaction:
            raise VaultError("rekey must run outside a transaction")
        safety = self.backup_to(self.folder / "backups" / f"antes-de-recifrar-{rekey_files.stamp()}.dmibackup")
        new_key = rekey_files.new_key()
        signed = self._signed_publics()
        own = self._access.slot
        after = self.keyfile.copy()
        dropped: list[str] = []
        unreachable: set[str] = set()
        previous, self.keyfile = self.keyfile, after
        try:
            for slot in list(after.slots):
                label = slot.user if slot.kind == keyslots.USER else ""
                trusted = bool(slot.public) and (
                    signed.get(label) == slot.public or (own is not None and slot.id == own.id)
                )
                if trusted:
                    self._seal_for(slot, new_key, None)  # the grant (seed) does not depend on the database key
                else:
                    dropped.append(label)
                    unreachable.add(slot.id)
            after.drop(unreachable)
            with self.atomic():
                self.audit.append(
                    self.user,
                    "vault.rekey",
                    "vault",
                    self.keyfile.vault_id,
                    payload={"after": {"reason": reason, "dropped": dropped}},
                )
            self._keys_dirty = False
            rekey_files.swap_database(self, new_key, after)
        except BaseException:
            self.keyfile = previous
            raise
        return RekeyResult(safety, [d for d in dropped if d], "" in dropped)


@dataclass(frozen=True)
class RekeyResult:
    """What a re-key did: the safety backup it wrote (old key) and users it could not reach."""

    safety_backup: Path
    dropped_users: list[str]
    recovery_dropped: bool  # a format-1 recovery slot cannot receive the new key: a new recovery key is needed
