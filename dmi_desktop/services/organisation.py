"""Organisation and letterhead settings (name, programme, address, logo), stored encrypted in the vault."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.messages import message, tr
from dmi_desktop.domain.validation import clean_text
from dmi_desktop.services.changes import ChangeKind, Changes

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

DEFAULT_PROGRAMME = "Segunda Oportunidad"
MAX_LOGO_BYTES = 1024 * 1024
LIMITS = {"organisation": 120, "programme": 120, "address": 300}
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
# Meta keys; "organisation" is the one Vault.create already writes.
_KEYS = {"organisation": "organisation", "programme": "programme_name", "address": "address"}


@dataclass(frozen=True)
class Letterhead:
    """What goes on the top of every letter and sheet the programme prints."""

    organisation: str
    programme: str = DEFAULT_PROGRAMME
    address: str = ""
    logo: bytes = b""
    logo_type: str = ""  # "png" | "jpeg" | ""


def logo_type(data: bytes) -> str | None:
    """ "png" or "jpeg" judged by the file's magic bytes, else None."""
    if data.startswith(_PNG):
        return "png"
    if data.startswith(_JPEG):
        return "jpeg"
    return None


def check_logo(data: bytes) -> str:
    """Return the logo's type, or raise ValidationError for a file that is not a PNG/JPEG or too large."""
    if len(data) > MAX_LOGO_BYTES:
        limit = MAX_LOGO_BYTES // 1024
        raise ValidationError({"logo": tr(f"el logo pesa más de {limit} KB", f"the logo exceeds {limit} KB")})
    kind = logo_type(data)
    if kind is None:
        raise ValidationError({"logo": tr("el logo debe ser PNG o JPEG", "the logo must be a PNG or JPEG")})
    return kind


def clean_letterhead(organisation: str, programme: str, address: str) -> dict[str, str]:
    """Trim and check the text fields; ValidationError lists every problem at once."""
    values = {"organisation": organisation, "programme": programme, "address": address}
    errors = {}
    for field, text in values.items():
        try:
            values[field] = clean_text(text, multiline=field == "address").strip()  # the address has lines
        except ValueError as exc:
            errors[field] = str(exc)
    if not values["organisation"] and "organisation" not in errors:
        errors["organisation"] = message("required")
    for field, limit in LIMITS.items():
        if len(values[field]) > limit and field not in errors:
            errors[field] = message("too_long", limit=limit)
    if errors:
        raise ValidationError(errors)
    return values


def _logo_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16] if data else ""


class OrganisationService:
    """Read the letterhead (anyone) and change it (coordinators), audited."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self) -> Letterhead:
        """The stored letterhead; the programme defaults to "Segunda Oportunidad"."""
        vault = self.session.vault
        raw_logo = vault.meta("logo") or ""
        return Letterhead(
            organisation=vault.meta(_KEYS["organisation"]) or "",
            programme=vault.meta(_KEYS["programme"]) or DEFAULT_PROGRAMME,
            address=vault.meta(_KEYS["address"]) or "",
            logo=base64.b64decode(raw_logo) if raw_logo else b"",
            logo_type=vault.meta("logo_type") or "",
        )

    def update(
        self,
        *,
        organisation: str,
        programme: str = DEFAULT_PROGRAMME,
        address: str = "",
        logo: bytes | None = None,
        remove_logo: bool = False,
    ) -> Letterhead:
        """Replace the letterhead; ``logo=None`` keeps the current logo unless ``remove_logo``."""
        self.session.require_coordinator("cambiar los datos de la organización")
        values = clean_letterhead(organisation, programme, address)
        kind = check_logo(logo) if logo else ""
        before = self.get()
        with self.session.vault.atomic():
            for field, key in _KEYS.items():
                self.session.vault.set_meta(key, values[field])
            if logo:
                self.session.vault.set_meta("logo", base64.b64encode(logo).decode("ascii"))
                self.session.vault.set_meta("logo_type", kind)
            elif remove_logo:
                self.session.vault.set_meta("logo", "")
                self.session.vault.set_meta("logo_type", "")
            after = self.get()
            # The audit keeps a digest of the logo, not the image itself.
            self.session.audit(
                "organisation.update",
                "organisation",
                "letterhead",
                _summary(before),
                _summary(after),
            )
        self.session.publish(Changes("organisation", ChangeKind.UPDATED, ("letterhead",)))
        return after


def _summary(letterhead: Letterhead) -> dict[str, str]:
    return {
        "organisation": letterhead.organisation,
        "programme": letterhead.programme,
        "address": letterhead.address,
        "logo_sha256": _logo_digest(letterhead.logo),
    }
