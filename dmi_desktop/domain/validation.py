"""Turn user input (strings from forms, CSV or the CLI) into checked, typed values, as the field registry says."""

from __future__ import annotations

import re
import unicodedata
import uuid
from datetime import date
from typing import Any

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.field_types import TEXT_LIMIT
from dmi_desktop.domain.fields import Entity, Field, Kind, entity, input_fields
from dmi_desktop.domain.meetings import format_start, parse_start
from dmi_desktop.domain.messages import day_text, message
from dmi_desktop.domain.models import Decision, ReferralKind
from dmi_desktop.domain.phone import normalize_phone
from dmi_desktop.domain.rut import InvalidRut, normalize_rut
from dmi_desktop.domain.status import parse_status

_DATE_PATTERNS = (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), re.compile(r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$"))
# In a person's name: pictographs and other symbols (So), emoji skin tones (Sk in U+1F3FB..U+1F3FF), joiners and
# variation selectors (Cf, Mn in U+FE00..U+FE0F), private-use and unpaired surrogates. Letters with accents,
# apostrophes, hyphens and dots stay.
_NAME_SYMBOL_CATEGORIES = frozenset({"So", "Cf", "Co", "Cs", "Cn"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EMAIL_LIMIT = 254
_TRUE_WORDS = ("1", "true", "yes", "si", "sí", "x")
# C0 controls, DEL and C1 controls: invisible, illegal in XLSX files, and able to drive a terminal (escape
# sequences). Only TAB and LF survive, in multi-line text; in one-line text TAB, CR and LF become a space.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\r\n]+")
_MULTILINE_KEEPS = frozenset("\n\t")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` with its line breaks settled; ValueError naming any control character it holds.

    One-line text turns TAB, CR and LF (a cell or a paste may carry them) into a space; multi-line text keeps
    LF and TAB and turns CR LF and CR into LF. Every other control character (NUL, ESC...) is refused.
    """
    if text.isprintable():  # no line break and no control character: nothing to settle (the common case)
        return text
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        bad = {c for c in _CONTROL.findall(text) if c not in _MULTILINE_KEEPS}
    else:
        text = _LINE_BREAKS.sub(" ", text)
        bad = set(_CONTROL.findall(text))
    if bad:
        raise ValueError(message("control_chars", chars=", ".join(f"U+{ord(c):04X}" for c in sorted(bad))))
    return text


def refuse_control_characters(**values: str) -> None:
    """ValidationError naming each value (a user name, an organisation) that holds any control character."""
    errors = {}
    for name, text in values.items():
        bad = sorted(set(_CONTROL.findall(text or "")))
        if bad:
            errors[name] = message("control_chars", chars=", ".join(f"U+{ord(c):04X}" for c in bad))
    if errors:
        raise ValidationError(errors)


def clean_reason(reason: str) -> str:
    """A status change's reason on one line; ValidationError when it holds control characters."""
    try:
        return " ".join(clean_text(reason or "").split())
    except ValueError as exc:
        raise ValidationError({"reason": str(exc)}) from None


def parse_date(value: Any, *, today: date, allow_future: bool = False) -> date | None:
    """Accept a date or ``YYYY-MM-DD`` (or ``DD-MM-YYYY`` as Chilean Excel writes it)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        day = value
    else:
        text = str(value).strip()
        day = None
        for pattern in _DATE_PATTERNS:
            m = pattern.match(text)
            if m:
                parts = [int(g) for g in m.groups()]
                y, mo, d = parts if len(m.group(1)) == 4 else (parts[2], parts[1], parts[0])
                try:
                    day = date(y, mo, d)
                except ValueError:
                    day = None
                break
        if day is None:
            raise ValueError(message("date_format", value=text))
    if day.year < 1900:
        raise ValueError(message("date_too_old", value=day_text(day)))
    if not allow_future and day > today:
        raise ValueError(message("date_future", value=day_text(day)))
    return day


def clean_participant_fields(raw: dict[str, Any], *, today: date, partial: bool = False) -> dict[str, Any]:
    """Validate participant fields; return typed values or raise ValidationError with every problem.

    With ``partial`` only the given fields are checked (an edit), otherwise required fields must be present.
    The registry says what may be set: the editable fields plus the status as an initial value (imports of an
    ongoing programme; later changes go through the life cycle). Ids, case numbers and sync data never are.
    """
    return clean_fields("participants", raw, today=today, partial=partial)


def clean_child_fields(table: str, raw: dict[str, Any], *, today: date, partial: bool = False) -> dict[str, Any]:
    """Validate fields of a child record (``table`` names the kind); ValidationError lists every problem."""
    return clean_fields(table, raw, today=today, partial=partial)


def clean_fields(table: str, raw: dict[str, Any], *, today: date, partial: bool = False) -> dict[str, Any]:
    """Validate input for a record of ``table`` by the registry; ValidationError lists every problem."""
    accepted = _accepted(table)  # KeyError for a table the registry does not know
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        spec = accepted.get(key)
        if spec is None:
            errors[key] = message("unknown_field", choices=", ".join(accepted))
            continue
        try:
            cleaned = clean_value(spec, value, today=today)
        except ValueError as exc:
            errors[key] = str(exc)
            continue
        if cleaned is not OMIT:
            out[key] = cleaned
    for key, spec in accepted.items():
        if spec.required and (key in out or not partial) and not out.get(key) and key not in errors:
            errors[key] = message("required")
    if not partial:  # an edit is judged whole by the service, once merged with what the record holds
        for key, reason in record_rules(table, out).items():
            errors.setdefault(key, reason)
    if errors:
        raise ValidationError(errors)
    return out


def record_rules(table: str, values: dict[str, Any]) -> dict[str, str]:
    """What one whole record of ``table`` (typed values) breaks among the rules that tie fields together."""
    errors: dict[str, str] = {}
    if table == "banked_cases":
        banked, expires = values.get("banked_on"), values.get("expires_on")
        if banked and expires and expires < banked:
            errors["expires_on"] = message("expiry_before_banked")
    elif table == "referrals":
        errors.update(_referral_rules(values))
    elif table == "eligibility_reviews":
        decision = values.get("decision") or Decision.PENDING
        if Decision(decision) is not Decision.PENDING and not str(values.get("rationale") or "").strip():
            errors["rationale"] = message("review_rationale_required", decision=message(f"decision_{decision}"))
    return errors


def _referral_rules(values: dict[str, Any]) -> dict[str, str]:
    """Referred ≤ first appointment ≤ end; a service "other" says which one in its notes."""
    errors: dict[str, str] = {}
    referred, first, ended = values.get("referred_on"), values.get("first_appointment"), values.get("ended_on")
    if referred and first and first < referred:
        errors["first_appointment"] = message(
            "first_appointment_before_referral", first=day_text(first), referred=day_text(referred)
        )
    start, start_label = (first, "first_appointment") if first else (referred, "referral")
    if ended and start and ended < start:
        errors["ended_on"] = message(
            "ended_before_start",
            ended=day_text(ended),
            start=day_text(start),
            start_label=message(f"start_label_{start_label}"),
        )
    if values.get("kind") == ReferralKind.OTHER and not str(values.get("notes") or "").strip():
        errors["notes"] = message("referral_other_notes")
    return errors


_ACCEPTED: dict[str, tuple[Entity, dict[str, Field]]] = {}


def _accepted(table: str) -> dict[str, Field]:
    """Field name -> field for what input may set on ``table``, worked out once per entity (an import asks on
    every row); a registry entry replaced (as tests do) is worked out again."""
    current = entity(table)  # KeyError for a table the registry does not know
    held = _ACCEPTED.get(table)
    if held is None or held[0] is not current:
        held = (current, {f.name: f for f in input_fields(table)})
        _ACCEPTED[table] = held
    return held[1]


class _Omit:
    """The value means "leave the field out": an empty status starts the life cycle at its beginning."""

    def __repr__(self) -> str:
        return "OMIT"


OMIT: Any = _Omit()


def clean_value(spec: Field, value: Any, *, today: date) -> Any:
    """One value checked and typed by its field's kind (OMIT: leave it out); ValueError says what is wrong."""
    kind = spec.kind
    if isinstance(value, str):
        value = clean_text(value, multiline=kind is Kind.LONGTEXT).strip()
    if kind in (Kind.TEXT, Kind.LONGTEXT):
        text = str(value or "")
        if spec.squeeze:
            text = " ".join(text.split())
        limit = spec.limit
        if limit is not None and len(text) > limit:
            raise ValueError(message("too_long", limit=limit))
        if spec.person_name:
            refuse_symbols(text)
        return text
    if kind is Kind.RUT:
        try:
            return normalize_rut(str(value)) if value else ""
        except InvalidRut as exc:
            raise ValueError(message("rut_invalid", reason=str(exc))) from None
    if kind is Kind.PHONE:
        return normalize_phone(str(value or ""))
    if kind is Kind.OPEN_CHOICE:
        return _open_choice(spec, value)
    if kind is Kind.DATE:
        return parse_date(value, today=today, allow_future=spec.allow_future)
    if kind is Kind.DATES:
        items = value if isinstance(value, list) else str(value or "").replace(";", ",").split(",")
        return [d for d in (parse_date(v, today=today) for v in items if str(v).strip()) if d]
    if kind is Kind.BOOL:
        return value.lower() in _TRUE_WORDS if isinstance(value, str) else bool(value)
    if kind is Kind.SEX:
        code = str(value or "").upper()[:1]
        if code and code not in spec.choice_codes():
            raise ValueError(message("choice", value=value, choices=", ".join(spec.choice_codes())))
        return code
    if kind is Kind.STATUS:
        return parse_status(str(value)) if value else OMIT
    if kind is Kind.CHOICE and spec.choices is not None:
        try:
            return spec.choices(value.value if hasattr(value, "value") else str(value).lower())
        except ValueError:
            raise ValueError(message("choice", value=value, choices=", ".join(spec.choice_codes()))) from None
    if kind in (Kind.ID, Kind.REF):
        return clean_record_id(value)
    if kind in (Kind.INTEGER, Kind.DATETIME, Kind.EMAIL):
        return _clean_meeting_value(spec, value)
    raise ValueError(message("unknown_field", choices=spec.name))


def refuse_symbols(name: str) -> None:
    """ValueError naming the emoji and symbols in a person's name (a paste from a chat brings them along)."""
    bad = [c for c in name if _is_symbol(c)]
    if bad:
        raise ValueError(message("name_symbols", chars=" ".join(dict.fromkeys(bad))))


def _is_symbol(char: str) -> bool:
    category = unicodedata.category(char)
    if category in _NAME_SYMBOL_CATEGORIES:
        return True
    return 0x1F3FB <= ord(char) <= 0x1F3FF or 0xFE00 <= ord(char) <= 0xFE0F


def _open_choice(spec: Field, value: Any) -> str:
    """A code of the field's list when the value is one (any case), else the text as typed (the "other" case)."""
    text = " ".join(str(value.value if hasattr(value, "value") else value or "").split())
    if text.lower() in spec.choice_codes():
        return text.lower()
    if len(text) > TEXT_LIMIT:
        raise ValueError(message("too_long", limit=TEXT_LIMIT))
    return text


def _clean_meeting_value(spec: Field, value: Any) -> Any:
    """Whole numbers (capacity, minutes), local start times and e-mail addresses (meetings and contacts)."""
    if spec.kind is Kind.DATETIME:
        return format_start(parse_start(value)) if value not in (None, "") else None
    if spec.kind is Kind.EMAIL:
        address = str(value or "")
        if address and (len(address) > EMAIL_LIMIT or not _EMAIL.match(address)):
            raise ValueError(message("meeting_email", value=address))
        return address
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError(message("meeting_whole_number", value=value)) from None
    if number < 1 or (spec.max_value is not None and number > spec.max_value):
        raise ValueError(message("meeting_number_range", value=number, maximum=spec.max_value))
    return number


def clean_record_id(value: Any) -> str:
    """A record id as the app writes it (a UUID in canonical lower case); ValueError naming the value otherwise."""
    text = str(value or "").strip()
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise ValueError(message("record_id", value=text)) from None
