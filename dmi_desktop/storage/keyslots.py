"""Key slots (vault.keys): the random database key wrapped per user with Argon2id + AES-256-GCM."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
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

from dmi_desktop.domain.messages import message, tr
from dmi_desktop.storage.errors import DamagedKeyFile, WrongPassphrase
from dmi_desktop.storage.kdf_limits import check_keys_document, max_iterations

FORMAT = "dmi-vault-keys"
FORMAT_VERSION = 2  # 2: slots wrap their own X25519 key and carry an envelope (coordinator_keys.py)
READABLE_VERSIONS = (1, 2)
KEY_BYTES = 32
# Format 1: a slot wraps the database key. Format 2: the slot's X25519 private key + the coordinators' public key.
WRAPPED_LENGTHS = (KEY_BYTES, KEY_BYTES + 64)
DEFAULT_UNLOCK_SECONDS = 0.5
MIN_UNLOCK_SECONDS = 0.1
RECOVERY = "recovery"
USER = "user"
# Bounds on stored KDF parameters: a damaged or hostile key file must give DamagedKeyFile, never
# an exception from the KDF or an attempt to allocate gigabytes.
MAX_ITERATIONS = 10_000
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_LANES = 64
# Recovery keys avoid look-alike characters so they can be typed from paper.
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters, stored per slot so each can be re-tuned independently."""

    iterations: int = 3
    memory_cost: int = 64 * 1024  # KiB
    lanes: int = 4

    def is_sane(self) -> bool:
        """True when the parameters are ones this app could have written (see the MAX_* bounds)."""
        return (
            1 <= self.iterations <= MAX_ITERATIONS
            and 1 <= self.lanes <= MAX_LANES
            and 8 * self.lanes <= self.memory_cost <= MAX_MEMORY_KIB
        )

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        """Derive a 256-bit wrapping key."""
        kdf = Argon2id(salt=salt, length=32, iterations=self.iterations, lanes=self.lanes, memory_cost=self.memory_cost)
        return kdf.derive(secret)


# Fast parameters, only for tests and benchmarks that create many vaults.
TEST_KDF = KdfParams(iterations=1, memory_cost=8 * 1024, lanes=1)


def calibrate(target_seconds: float = DEFAULT_UNLOCK_SECONDS, base: KdfParams = KdfParams()) -> KdfParams:
    """Raise the iteration count until one derivation takes about ``target_seconds`` here.

    Never below the 64 MiB / t=3 baseline, whatever the target. Timing two iteration counts separates
    the fixed cost (allocating and filling 64 MiB) from the cost per pass, so the estimate is not skewed.
    """
    salt = secrets.token_bytes(16)
    base.derive(b"warm-up", salt)
    low = base
    high = KdfParams(iterations=2 * base.iterations, memory_cost=base.memory_cost, lanes=base.lanes)
    t_low, t_high = _fastest(low, salt), _fastest(high, salt)
    per_pass = max((t_high - t_low) / base.iterations, 1e-4)
    fixed = max(t_low - per_pass * base.iterations, 0.0)
    iterations = _clamp(round((target_seconds - fixed) / per_pass), base.iterations)
    # One check at the chosen cost: a busy machine can skew the two short timings; rescale once if far off.
    measured = _fastest(KdfParams(iterations, base.memory_cost, base.lanes), salt, runs=1)
    if not 0.8 <= measured / target_seconds <= 1.25:
        iterations = _clamp(round(iterations * target_seconds / measured), base.iterations)
    return KdfParams(iterations=iterations, memory_cost=base.memory_cost, lanes=base.lanes)


def _clamp(iterations: int, minimum: int) -> int:
    return min(max(iterations, minimum), MAX_ITERATIONS, max_iterations(KdfParams().memory_cost))


def _fastest(params: KdfParams, salt: bytes, runs: int = 2) -> float:
    # The fastest run is this machine's real speed; slower ones measured other programs competing for the CPU.
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        params.derive(b"calibration", salt)
        timings.append(time.perf_counter() - start)
    return min(timings)


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


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """Strict base64 decoding (ValueError on anything else)."""
    return base64.b64decode(text.encode("ascii"), validate=True)


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
    public: str = ""  # format 2: the slot's X25519 public key (base64); the roster signs it
    envelope: str = ""  # format 2: the database key sealed to ``public`` (replaced at each re-key)
    grant: str = ""  # format 2, coordinators and recovery: the coordinators' seed sealed to ``public``

    def context(self, vault_id: str, what: str) -> str:
        """What an envelope or a grant is bound to: this vault, this slot's public key, and which of the two.

        Bound to the key rather than the slot id, so a new passphrase for the same key keeps them.
        """
        return f"{FORMAT}|{vault_id}|{self.public}|{what}"

    def aad(self, vault_id: str) -> bytes:
        """Bind the slot's identity to the ciphertext so a slot can't be relabelled to another user."""
        return f"{FORMAT}|{vault_id}|{self.id}|{self.kind}|{self.user}".encode()


def _checksum(doc: dict) -> str:
    """SHA-256 of the document without its checksum: tells accidental damage from a wrong passphrase.

    Not a security measure (anyone can recompute it): the AES-GCM tag of each slot is.
    """
    body = {k: v for k, v in doc.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


class KeyFile:
    """The vault.keys document: vault id plus slots. Writes are atomic replaces."""

    def __init__(self, vault_id: str, slots: list[Slot], db_salt: str = "") -> None:
        self.vault_id = vault_id
        self.slots = slots
        self.db_salt = db_salt  # first 16 bytes of the vault.db it belongs to (hex), written by a re-key

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
            raise DamagedKeyFile(
                tr(f"falta el archivo de llaves {path.name}", f"the key file {path.name} is missing")
            ) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            raise DamagedKeyFile(message("key_file_damaged", name=path.name)) from None
        return cls.from_document(doc, path.name)

    @classmethod
    def from_document(cls, doc: object, name: str = "vault.keys") -> KeyFile:
        """Build from parsed JSON, validating every field."""
        check_keys_document(doc, name, DamagedKeyFile)  # hostile costs refused before any derivation
        try:
            if not isinstance(doc, dict) or doc.get("format") != FORMAT:
                raise ValueError
            if doc.get("version") not in READABLE_VERSIONS:
                raise ValueError
            # Files written before the checksum existed have none; every file written now has one.
            if "checksum" in doc and doc["checksum"] != _checksum(doc):
                raise ValueError
            slots = []
            if not isinstance(doc["slots"], list):
                raise ValueError
            for s in doc["slots"]:
                kdf = KdfParams(int(s["kdf"]["iterations"]), int(s["kdf"]["memory_cost"]), int(s["kdf"]["lanes"]))
                if not kdf.is_sane():
                    raise ValueError
                slot = Slot(
                    str(s["id"]),
                    str(s["kind"]),
                    str(s["user"]),
                    str(s["salt"]),
                    kdf,
                    str(s["nonce"]),
                    str(s["wrapped"]),
                    str(s.get("public", "")),
                    str(s.get("envelope", "")),
                    str(s.get("grant", "")),
                )
                if slot.kind not in (USER, RECOVERY):
                    raise ValueError
                if len(_unb64(slot.salt)) < 16 or len(_unb64(slot.nonce)) != 12 or not _unb64(slot.wrapped):
                    raise ValueError
                if bool(slot.public) != bool(slot.envelope) or (slot.public and len(_unb64(slot.public)) != 32):
                    raise ValueError
                slots.append(slot)
            return cls(str(uuid.UUID(str(doc["vault_id"]))), slots, str(doc.get("db_salt", "")))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise DamagedKeyFile(message("key_file_damaged", name=name)) from None

    def to_document(self) -> dict:
        """JSON-ready form (with its checksum)."""
        doc = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "slots": [asdict(s) for s in self.slots],
        }
        if self.db_salt:
            doc["db_salt"] = self.db_salt
        doc["checksum"] = _checksum(doc)
        return doc

    def copy(self) -> KeyFile:
        """An independent copy (to roll back a failed change)."""
        return KeyFile(self.vault_id, list(self.slots), self.db_salt)

    def save(self, path: Path) -> None:
        """Write atomically (temp file + fsync + rename) so a crash never leaves a half key file."""
        tmp = path.with_name(path.name + ".tmp")
        data = json.dumps(self.to_document(), indent=2).encode("utf-8")
        tmp.unlink(missing_ok=True)  # a leftover from a crash must not keep looser permissions
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        _fsync_dir(path.parent)

    # -- slot operations -------------------------------------------------------------------

    def add_slot(
        self,
        kind: str,
        user: str,
        secret: bytes,
        master_key: bytes,
        kdf: KdfParams,
        *,
        public: bytes = b"",
    ) -> Slot:
        """Wrap ``master_key`` (a SlotContent's bytes) under ``secret`` in a new slot (replacing the user's old one)."""
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        slot = Slot(str(uuid.uuid4()), kind, user, _b64(salt), kdf, _b64(nonce), "")
        wrapping = kdf.derive(secret, salt)
        wrapped = AESGCM(wrapping).encrypt(nonce, master_key, slot.aad(self.vault_id))
        # A format-2 slot gets its envelope right after (seal_into): the envelope is bound to the slot's id.
        slot = Slot(slot.id, kind, user, slot.salt, kdf, slot.nonce, _b64(wrapped), _b64(public) if public else "")
        # Replace the user's old slot in place so the other slots (and their order) stay as they were.
        same = [i for i, s in enumerate(self.slots) if s.kind == kind and s.user == user]
        kept = [s for s in self.slots if not (s.kind == kind and s.user == user)]
        position = same[0] if same else len(kept)
        self.slots = [*kept[:position], slot, *kept[position:]]
        return slot

    def seal_into(self, slot_id: str, **sealed: str) -> Slot:
        """Set one slot's ``envelope`` (a re-key) and/or ``grant`` (a coordinator granting the seed)."""
        self.slots = [dataclasses.replace(s, **sealed) if s.id == slot_id else s for s in self.slots]
        return next(s for s in self.slots if s.id == slot_id)

    def drop(self, slot_ids: set[str]) -> None:
        """Remove slots (ones a re-key could not reach)."""
        self.slots = [s for s in self.slots if s.id not in slot_ids]

    def remove_user(self, user: str) -> None:
        """Drop the user's slot (their passphrase no longer opens the vault)."""
        self.slots = [s for s in self.slots if not (s.kind == USER and s.user == user)]

    def user_slot(self, user: str) -> Slot | None:
        """The slot of a named user, if any."""
        return next((s for s in self.slots if s.kind == USER and s.user == user), None)

    def recovery_slot(self) -> Slot | None:
        """The recovery slot, if any."""
        return next((s for s in self.slots if s.kind == RECOVERY), None)

    def users(self) -> list[str]:
        """Names with a passphrase slot, in creation order."""
        return [s.user for s in self.slots if s.kind == USER]

    def unwrap(self, slot: Slot, secret: bytes) -> bytes | None:
        """What the slot wraps (see coordinator_keys.SlotSecret) if ``secret`` opens ``slot``, else None."""
        wrapping = slot.kdf.derive(secret, _unb64(slot.salt))
        try:
            key = AESGCM(wrapping).decrypt(_unb64(slot.nonce), _unb64(slot.wrapped), slot.aad(self.vault_id))
        except InvalidTag:
            return None
        if len(key) not in WRAPPED_LENGTHS:
            raise DamagedKeyFile(message("key_file_damaged", name="vault.keys"))
        return key

    def unlock_user(self, user: str | None, passphrase: str) -> tuple[bytes, Slot, bytes]:
        """Try the named user's slot (or every user slot): what it wraps, the slot and the secret that opened it.

        WrongPassphrase when none opens. The secret lets the caller rewrap this same slot (an upgrade).
        """
        secret = normalize_passphrase(passphrase)
        candidates = [s for s in self.slots if s.kind == USER and (user is None or s.user == user)]
        for slot in candidates:
            key = self.unwrap(slot, secret)
            if key is not None:
                return key, slot, secret
        raise WrongPassphrase(tr("frase de acceso incorrecta", "wrong passphrase"))

    def unlock_recovery(self, recovery_key: str) -> tuple[bytes, Slot, bytes]:
        """Open with the recovery key (what it wraps, the slot, the secret); WrongPassphrase when it does not match."""
        secret = normalize_recovery_key(recovery_key)
        for slot in self.slots:
            if slot.kind == RECOVERY:
                key = self.unwrap(slot, secret)
                if key is not None:
                    return key, slot, secret
        raise WrongPassphrase(tr("clave de recuperación incorrecta", "wrong recovery key"))
