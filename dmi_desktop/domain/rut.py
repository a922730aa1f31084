"""Chilean RUT validation and formatting on top of python-stdnum."""

from __future__ import annotations

from stdnum import exceptions as stdnum_errors
from stdnum.cl import rut as stdnum_rut

from dmi_desktop.domain.messages import message


class InvalidRut(ValueError):
    """The text is not a valid RUT; the message says why (in the current message language)."""


def normalize_rut(text: str) -> str:
    """Return the stored form ``12345678-5`` (no dots, upper-case K) or raise InvalidRut."""
    raw = (text or "").strip()
    if not raw:
        raise InvalidRut(message("rut_empty"))
    # The usual spellings ("12.345.678-5", "12345678-5", "123456785") checked here, a hundred thousand times per
    # import; anything else goes through stdnum, which also says what is wrong.
    compact = raw.replace(".", "").replace("-", "").replace(" ", "").upper()
    body, digit = compact[:-1], compact[-1:]
    if 7 <= len(body) <= 8 and body.isascii() and body.isdigit() and stdnum_rut.calc_check_digit(body) == digit:
        return f"{body}-{digit}"
    try:
        compact = stdnum_rut.validate(raw)
    except stdnum_errors.InvalidChecksum:
        raise InvalidRut(message("rut_check_digit", value=raw)) from None
    except stdnum_errors.InvalidLength:
        raise InvalidRut(message("rut_length", value=raw)) from None
    except stdnum_errors.ValidationError:
        raise InvalidRut(message("rut_format", value=raw)) from None
    return f"{compact[:-1]}-{compact[-1]}"


def is_valid_rut(text: str) -> bool:
    """True when ``text`` is a valid RUT in any usual presentation."""
    try:
        normalize_rut(text)
    except InvalidRut:
        return False
    return True


def format_rut(stored: str) -> str:
    """Presentation form with dots: ``12.345.678-5``."""
    return stdnum_rut.format(stored) if stored else ""


def rut_check_digit(body: str) -> str:
    """Check digit for the numeric body (used by demo data)."""
    return stdnum_rut.calc_check_digit(body)
