"""Passphrase strength: zxcvbn score with Spanish feedback; weak passphrases are refused."""

from __future__ import annotations

from dataclasses import dataclass

from zxcvbn import zxcvbn

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.messages import language, tr

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn 0–4; 3 = "safely unguessable" for offline slow-hash attacks

_LABELS = {
    "es": ["muy débil", "débil", "regular", "buena", "excelente"],
    "en": ["very weak", "weak", "fair", "good", "excellent"],
}


@dataclass(frozen=True)
class Strength:
    """A passphrase's score (0–4), label and whether it is accepted."""

    score: int
    label: str
    acceptable: bool
    hint: str


def assess(passphrase: str, user_inputs: list[str] | None = None) -> Strength:
    """Score a passphrase for live feedback."""
    lang = language()
    if not passphrase:
        return Strength(0, _LABELS[lang][0], False, "")
    result = zxcvbn(passphrase[:100], user_inputs=user_inputs or [])
    score = int(result["score"])
    too_short = len(passphrase) < MIN_LENGTH
    if too_short:
        hint = tr(f"use al menos {MIN_LENGTH} caracteres", f"use at least {MIN_LENGTH} characters")
    elif score < MIN_SCORE:
        hint = tr("agregue más palabras poco comunes", "add more uncommon words")
    else:
        hint = ""
    return Strength(score, _LABELS[lang][score], score >= MIN_SCORE and not too_short, hint)


def check_passphrase(passphrase: str, user_inputs: list[str] | None = None) -> None:
    """Raise ValidationError when a passphrase is too weak to protect the vault."""
    strength = assess(passphrase, user_inputs)
    if not strength.acceptable:
        prefix = tr("frase de acceso demasiado débil", "passphrase too weak")
        raise ValidationError({"passphrase": f"{prefix} ({strength.label}): {strength.hint}"})
