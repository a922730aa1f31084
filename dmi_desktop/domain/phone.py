"""Chilean phone numbers: checked and written the one way people read them ("+56 9 1234 5678").

Written by hand rather than with libphonenumber: that library refuses numbers in blocks not yet allocated
(+56 9 1234 5678 itself, the format the app shows as the example) and its verdicts change with each release;
Chile's plan is simple and stable since 2016: nine digits, mobiles start with 9, Santiago with 2, other areas
with a two-digit code.
"""

from __future__ import annotations

import re

from dmi_desktop.domain.messages import message

# What a person may type around the digits: spaces, dots, dashes and parentheses.
_SEPARATORS = re.compile(r"[\s().-]")
_CHILE_PREFIXES = ("+56", "0056", "56")


class InvalidPhone(ValueError):
    """The text is not a Chilean phone number (nor a foreign one in +CC form); the message shows the format."""


def normalize_phone(text: str) -> str:
    """``text`` as "+56 9 1234 5678" (mobile), "+56 2 2123 4567" (Santiago) or "+56 32 212 3456" (regions).

    A foreign number is kept when written with its "+" country code (8 to 15 digits), grouped as typed.
    Raises InvalidPhone, whose message gives the expected format.
    """
    raw = " ".join(text.split())
    if not raw:
        return ""
    compact = _SEPARATORS.sub("", raw)
    foreign = compact.startswith("+") and not compact.startswith("+56")
    if foreign or (compact.startswith("00") and not compact.startswith("0056")):
        digits = compact.lstrip("+0")
        if digits.isdigit() and 8 <= len(digits) <= 15:
            return "+" + _SEPARATORS.sub(" ", raw.lstrip("+0")).strip()
        raise InvalidPhone(message("phone_format", value=raw))
    national = compact
    for prefix in _CHILE_PREFIXES:
        if national.startswith(prefix) and len(national) - len(prefix) == 9:
            national = national[len(prefix) :]
            break
    if not (national.isdigit() and len(national) == 9 and national[0] in "23456789"):
        raise InvalidPhone(message("phone_format", value=raw))
    if national[0] in "29":  # mobiles and Santiago: one-digit prefix, then 4 + 4
        return f"+56 {national[0]} {national[1:5]} {national[5:]}"
    return f"+56 {national[:2]} {national[2:5]} {national[5:]}"  # regions: two-digit area code, then 3 + 4
