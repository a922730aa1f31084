"""Chilean RUT validation and formatting on top of python-stdnum."""

from __future__ import annotations

from stdnum import exceptions as stdnum_errors
from stdnum.cl import rut as stdnum_rut


class InvalidRut(ValueError):
    """The text is not a valid RUT; the message says why (in Spanish)."""


def normalize_rut(text: str) -> str:
    """Return the stored form ``12345678-5`` (no dots, upper-case K) or raise InvalidRut."""
    raw = (text or "").strip()
    if not raw:
        raise InvalidRut("RUT vacío")
    try:
        compact = stdnum_rut.validate(raw)
    except stdnum_errors.InvalidChecksum:
        raise InvalidRut(f"dígito verificador incorrecto en {raw!r}") from None
    except stdnum_errors.InvalidLength:
        raise InvalidRut(f"largo incorrecto en {raw!r}") from None
    except stdnum_errors.ValidationError:
        raise InvalidRut(f"formato de RUT no válido: {raw!r}") from None
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
