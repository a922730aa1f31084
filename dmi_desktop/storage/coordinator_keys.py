"""The coordinators' key pair: X25519 seals restricted data, Ed25519 signs the user roster (DESIGN §4a).

Only coordinator slots (and the recovery slot) hold the private seed; every slot carries the public half,
authenticated by its own AES-GCM tag, so anyone who unlocks can seal for coordinators and check roles, while
only a coordinator can open what was sealed or sign a change of roles.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SEED_BYTES = 32
DB_KEY_BYTES = 32
PUBLIC_BYTES = 64  # Ed25519 public key, then X25519 public key
SEALED_PREFIX = "dmi-sealed:1:"
_RAW = serialization.Encoding.Raw
_RAW_PUBLIC = serialization.PublicFormat.Raw


class SealError(ValueError):
    """A sealed value that does not open (altered, moved to another field, or not for these keys)."""


def _hkdf(material: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(material)


@dataclass(frozen=True)
class CoordinatorPublic:
    """The public half: verify the roster's signature, seal values that only coordinators open."""

    sign_key: bytes
    seal_key: bytes

    @classmethod
    def from_bytes(cls, data: bytes) -> CoordinatorPublic:
        """Parse the 64 bytes a slot or the vault's metadata carries."""
        if len(data) != PUBLIC_BYTES:
            raise ValueError("coordinators' public key must be 64 bytes")
        return cls(data[:32], data[32:])

    def to_bytes(self) -> bytes:
        """Ed25519 public key then X25519 public key."""
        return self.sign_key + self.seal_key

    def fingerprint(self) -> str:
        """A short, comparable form (first 16 hex digits of SHA-256, in groups of four)."""
        digest = hashes.Hash(hashes.SHA256())
        digest.update(self.to_bytes())
        text = digest.finalize().hex()[:16].upper()
        return " ".join(text[i : i + 4] for i in range(0, 16, 4))

    def verify(self, signature: bytes, data: bytes) -> bool:
        """True when ``signature`` is the coordinators' Ed25519 signature of ``data``."""
        try:
            Ed25519PublicKey.from_public_bytes(self.sign_key).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True

    def seal(self, plaintext: bytes, context: str) -> str:
        """Encrypt for coordinators, bound to ``context`` (table|id|field) so a value cannot be moved."""
        return seal_to(self.seal_key, plaintext, context)


class CoordinatorKeys:
    """The private half, derived from a 32-byte seed that coordinator slots wrap."""

    def __init__(self, seed: bytes) -> None:
        if len(seed) != SEED_BYTES:
            raise ValueError("coordinators' seed must be 32 bytes")
        self.seed = seed
        self._sign = Ed25519PrivateKey.from_private_bytes(_hkdf(seed, b"dmi-coordinators-ed25519"))
        self._seal = X25519PrivateKey.from_private_bytes(_hkdf(seed, b"dmi-coordinators-x25519"))
        self.public = CoordinatorPublic(
            self._sign.public_key().public_bytes(_RAW, _RAW_PUBLIC),
            self._seal.public_key().public_bytes(_RAW, _RAW_PUBLIC),
        )

    @classmethod
    def generate(cls) -> CoordinatorKeys:
        """A new pair for a new vault (or a vault upgraded to coordinators' keys)."""
        return cls(secrets.token_bytes(SEED_BYTES))

    def sign(self, data: bytes) -> bytes:
        """Ed25519 signature of ``data``."""
        return self._sign.sign(data)

    def open(self, token: str, context: str) -> bytes:
        """Decrypt a value sealed for coordinators; SealError when it was altered or belongs elsewhere."""
        return open_sealed(self._seal, token, context)


def is_sealed(value: Any) -> bool:
    """Whether a stored column value is a sealed token."""
    return isinstance(value, str) and value.startswith(SEALED_PREFIX)


def seal_to(recipient: bytes, plaintext: bytes, context: str) -> str:
    """Encrypt for the holder of an X25519 key (ephemeral X25519 + HKDF + AES-GCM), bound to ``context``."""
    ephemeral = X25519PrivateKey.generate()
    eph_public = ephemeral.public_key().public_bytes(_RAW, _RAW_PUBLIC)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    key = _hkdf(shared, b"dmi-seal-v1", salt=eph_public + recipient)
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(key).encrypt(nonce, plaintext, context.encode("utf-8"))
    return SEALED_PREFIX + base64.b64encode(eph_public + nonce + sealed).decode("ascii")


def open_sealed(private: X25519PrivateKey, token: str, context: str) -> bytes:
    """Decrypt what :func:`seal_to` sealed for ``private``; SealError when altered or meant for another."""
    try:
        if not token.startswith(SEALED_PREFIX):
            raise ValueError("not a sealed value")
        raw = base64.b64decode(token[len(SEALED_PREFIX) :].encode("ascii"), validate=True)
        eph_public, nonce, sealed = raw[:32], raw[32:44], raw[44:]
        recipient = private.public_key().public_bytes(_RAW, _RAW_PUBLIC)
        shared = private.exchange(X25519PublicKey.from_public_bytes(eph_public))
        key = _hkdf(shared, b"dmi-seal-v1", salt=eph_public + recipient)
        return AESGCM(key).decrypt(nonce, sealed, context.encode("utf-8"))
    except (InvalidTag, ValueError, UnicodeEncodeError) as exc:
        raise SealError(str(exc) or "sealed value does not open") from None


class UserKey:
    """A slot's own X25519 pair: the database key (and a coordinator's seed) are sealed to its public half.

    Sealing to public keys is what lets a coordinator re-key the vault for every remaining user without
    knowing their passphrases.
    """

    def __init__(self, private: bytes) -> None:
        self.private_bytes = private
        self._private = X25519PrivateKey.from_private_bytes(private)
        self.public = self._private.public_key().public_bytes(_RAW, _RAW_PUBLIC)

    @classmethod
    def generate(cls) -> UserKey:
        """A fresh pair for a new slot."""
        return cls(secrets.token_bytes(32))

    def open(self, token: str, context: str) -> bytes:
        """Open an envelope sealed to this slot."""
        return open_sealed(self._private, token, context)


@dataclass(frozen=True)
class SlotContent:
    """What a slot's passphrase unwraps (format 2): the slot's private key and the coordinators' public key.

    The public key is the trust anchor for the roster's signature: it sits under the user's own passphrase,
    where nobody else can replace it. Format-1 slots wrap the database key alone (``legacy_key``).
    """

    user_key: UserKey | None
    coordinators: CoordinatorPublic | None
    legacy_key: bytes | None = None

    @classmethod
    def parse(cls, raw: bytes) -> SlotContent:
        """32 bytes: a format-1 slot (the database key); 96: private key + coordinators' public key."""
        if len(raw) == DB_KEY_BYTES:
            return cls(None, None, raw)
        if len(raw) == 32 + PUBLIC_BYTES:
            return cls(UserKey(raw[:32]), CoordinatorPublic.from_bytes(raw[32:]))
        raise ValueError("unexpected slot length")

    def to_bytes(self) -> bytes:
        """The bytes a format-2 slot wraps."""
        assert self.user_key is not None and self.coordinators is not None
        return self.user_key.private_bytes + self.coordinators.to_bytes()


def canonical_bytes(document: Any) -> bytes:
    """Deterministic JSON bytes (what a signature covers)."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
