"""Key slots (vault.keys): the random database key wrapped per user with Argon2id + AES-256-GCM."""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
import unicodedata
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from dmi_desktop.storage.errors import DamagedKeyFile, WrongPassphrase

FORMAT = "dmi-vault-keys"
FORMAT_VERSION = 1
KEY_BYTES = 32
DEFAULT_UNLOCK_SECONDS = 0.5
MIN_UNLOCK_SECONDS = 0.1
RECOVERY = "recovery"
USER = "user"
# Recovery keys avoid look-alike characters so they can be typed from paper.
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters, stored per slot so each can be re-tuned independently."""

    iterations: int = 3
    memory_cost: int = 64 * 1024  # KiB
    lanes: int = 4

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        """Derive a 256-bit wrapping key."""
        kdf = Argon2id(salt=salt, length=32, iterations=self.iterations, lanes=self.lanes, memory_cost=self.memory_cost)
        return kdf.derive(secret)


# Fast parameters, only for tests and benchmarks that create many vaults.
TEST_KDF = KdfParams(iterations=1, memory_cost=8 * 1024, lanes=1)


def calibrate(target_seconds: float = DEFAULT_UNLOCK_SECONDS, base: KdfParams = KdfParams()) -> KdfParams:
    """Raise the iteration count until one derivation takes about ``target_seconds`` here.

    Never below the 64 MiB / t=3 baseline, whatever the target.
    """
    salt = secrets.token_bytes(16)
    start = time.perf_counter()
    base.derive(b"calibration", salt)
    elapsed = max(time.perf_counter() - start, 1e-3)
    iterations = max(base.iterations, round(base.iterations * target_seconds / elapsed))
    return KdfParams(iterations=iterations, memory_cost=base.memory_cost, lanes=base.lanes)


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC-normalise so "José" typed on any system derives the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def new_recovery_key() -> str:
    """A 40-character recovery key (200 bits) in groups of five."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(40))
    return "-".join(chars[i : i + 5] for i in range(0, 40, 5))


def normalize_recovery_key(text: str) -> bytes:
    """Ignore case, spaces and dashes when a recovery key is typed back."""
    return "".join(c for c in text.upper() if c.isalnum()).encode("ascii", "ignore")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Slot:
    """One wrapped copy of the database key."""

    id: str
    kind: str
    user: str
    salt: str
    kdf: KdfParams
    nonce: str
    wrapped: str

    def aad(self, vault_id: str) -> bytes:
        """Bind the slot's identity to the ciphertext so a slot can't be relabelled to another user."""
        return f"{FORMAT}|{vault_id}|{self.id}|{self.kind}|{self.user}".encode()


class KeyFile:
    """The vault.keys document: vault id plus slots. Writes are atomic replaces."""

    def __init__(self, vault_id: str, slots: list[Slot]) -> None:
        self.vault_id = vault_id
        self.slots = slots

    @classmethod
    def new(cls) -> KeyFile:
        """An empty key file for a new vault."""
        return cls(str(uuid.uuid4()), [])

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """Read and check vault.keys; DamagedKeyFile on anything unexpected."""
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DamagedKeyFile(f"falta el archivo de llaves {path.name}") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            raise DamagedKeyFile(f"el archivo de llaves {path.name} está dañado") from None
        return cls.from_document(doc, path.name)

    @classmethod
    def from_document(cls, doc: object, name: str = "vault.keys") -> KeyFile:
        """Build from parsed JSON, validating every field."""
        try:
            if not isinstance(doc, dict) or doc.get("format") != FORMAT:
                raise ValueError
            if doc.get("version") != FORMAT_VERSION:
                raise ValueError
            slots = []
            for s in doc["slots"]:
                kdf = KdfParams(int(s["kdf"]["iterations"]), int(s["kdf"]["memory_cost"]), int(s["kdf"]["lanes"]))
                slot = Slot(
                    str(s["id"]),
                    str(s["kind"]),
                    str(s["user"]),
                    str(s["salt"]),
                    kdf,
                    str(s["nonce"]),
                    str(s["wrapped"]),
                )
                if slot.kind not in (USER, RECOVERY):
                    raise ValueError
                for blob in (slot.salt, slot.nonce, slot.wrapped):
                    _unb64(blob)
                slots.append(slot)
            return cls(str(uuid.UUID(str(doc["vault_id"]))), slots)
        except (KeyError, TypeError, ValueError):
            raise DamagedKeyFile(f"el archivo de llaves {name} está dañado") from None

    def to_document(self) -> dict:
        """JSON-ready form."""
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "slots": [asdict(s) for s in self.slots],
        }

    def save(self, path: Path) -> None:
        """Write atomically (temp file + fsync + rename) so a crash never leaves a half key file."""
        tmp = path.with_name(path.name + ".tmp")
        data = json.dumps(self.to_document(), indent=2).encode("utf-8")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)

    # -- slot operations -------------------------------------------------------------------

    def add_slot(self, kind: str, user: str, secret: bytes, master_key: bytes, kdf: KdfParams) -> Slot:
        """Wrap ``master_key`` under ``secret`` in a new slot (replacing the user's old one)."""
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        slot = Slot(str(uuid.uuid4()), kind, user, _b64(salt), kdf, _b64(nonce), "")
        wrapping = kdf.derive(secret, salt)
        wrapped = AESGCM(wrapping).encrypt(nonce, master_key, slot.aad(self.vault_id))
        slot = Slot(slot.id, kind, user, slot.salt, kdf, slot.nonce, _b64(wrapped))
        self.slots = [s for s in self.slots if not (s.kind == kind and s.user == user)] + [slot]
        return slot

    def remove_user(self, user: str) -> None:
        """Drop the user's slot (their passphrase no longer opens the vault)."""
        self.slots = [s for s in self.slots if not (s.kind == USER and s.user == user)]

    def user_slot(self, user: str) -> Slot | None:
        """The slot of a named user, if any."""
        return next((s for s in self.slots if s.kind == USER and s.user == user), None)

    def users(self) -> list[str]:
        """Names with a passphrase slot, in creation order."""
        return [s.user for s in self.slots if s.kind == USER]

    def unwrap(self, slot: Slot, secret: bytes) -> bytes | None:
        """The master key if ``secret`` opens ``slot``, else None."""
        wrapping = slot.kdf.derive(secret, _unb64(slot.salt))
        try:
            key = AESGCM(wrapping).decrypt(_unb64(slot.nonce), _unb64(slot.wrapped), slot.aad(self.vault_id))
        except InvalidTag:
            return None
        if len(key) != KEY_BYTES:
            raise DamagedKeyFile("el archivo de llaves vault.keys está dañado")
        return key

    def unlock_user(self, user: str | None, passphrase: str) -> tuple[bytes, Slot]:
        """Try the named user's slot (or every user slot); WrongPassphrase when none opens."""
        secret = normalize_passphrase(passphrase)
        candidates = [s for s in self.slots if s.kind == USER and (user is None or s.user == user)]
        for slot in candidates:
            key = self.unwrap(slot, secret)
            if key is not None:
                return key, slot
        raise WrongPassphrase("frase de acceso incorrecta")

    def unlock_recovery(self, recovery_key: str) -> bytes:
        """Open with the recovery key; WrongPassphrase when it does not match."""
        secret = normalize_recovery_key(recovery_key)
        for slot in self.slots:
            if slot.kind == RECOVERY:
                key = self.unwrap(slot, secret)
                if key is not None:
                    return key
        raise WrongPassphrase("clave de recuperación incorrecta")
