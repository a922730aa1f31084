"""Turn user input (strings from forms, CSV or the CLI) into checked, typed field values."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.models import PARTICIPANT_EDITABLE, Sex
from dmi_desktop.domain.rut import InvalidRut, normalize_rut
from dmi_desktop.domain.status import parse_status

_PHONE = re.compile(r"^\+?[0-9 ()-]{8,20}$")
_MAX_TEXT = 200
REQUIRED_PARTICIPANT_FIELDS = ("nombres", "apellido_paterno")
# What a form, an import or the CLI may set on a participant. The status is accepted only as an initial
# value (imports of an existing programme); later changes go through the life cycle. Case numbers, ids and
# sync metadata are never user input.
PARTICIPANT_INPUT_FIELDS = (*PARTICIPANT_EDITABLE, "status")


def parse_date(value: Any, *, today: date, allow_future: bool = False) -> date | None:
    """Accept a date or ``YYYY-MM-DD`` (or ``DD-MM-YYYY`` as Chilean Excel writes it)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        day = value
    else:
        text = str(value).strip()
        day = None
        for pattern in (r"^(\d{4})-(\d{1,2})-(\d{1,2})$", r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$"):
            m = re.match(pattern, text)
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
        raise ValueError(message("date_too_old", value=day.isoformat()))
    if not allow_future and day > today:
        raise ValueError(message("date_future", value=day.isoformat()))
    return day


def clean_participant_fields(raw: dict[str, Any], *, today: date, partial: bool = False) -> dict[str, Any]:
    """Validate participant fields; return typed values or raise ValidationError with every problem.

    With ``partial`` only the given fields are checked (an edit), otherwise required fields must be present.
    """
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        text = value.strip() if isinstance(value, str) else value
        if key not in PARTICIPANT_INPUT_FIELDS:
            errors[key] = message("unknown_field", choices=", ".join(PARTICIPANT_INPUT_FIELDS))
            continue
        try:
            if key in ("nombres", "apellido_paterno", "apellido_materno", "alias", "address", "sector"):
                text = " ".join(str(text or "").split())
                if len(text) > _MAX_TEXT:
                    raise ValueError(message("too_long", limit=_MAX_TEXT))
                out[key] = text
            elif key == "rut":
                try:
                    out[key] = normalize_rut(text) if text else ""
                except InvalidRut as exc:
                    raise ValueError(message("rut_invalid", reason=str(exc))) from None
            elif key == "birth_date":
                out[key] = parse_date(text, today=today)
            elif key == "sex":
                code = str(text or "").upper()[:1]
                if code and code not in {s.value for s in Sex}:
                    raise ValueError(message("choice", value=text, choices="F, M, X"))
                out[key] = code
            elif key == "phone":
                phone = str(text or "")
                if phone and not _PHONE.match(phone):
                    raise ValueError(message("phone", value=phone))
                out[key] = phone
            elif text:  # status: an empty cell means "start at the beginning of the life cycle"
                out[key] = parse_status(str(text))
        except ValueError as exc:
            errors[key] = str(exc)
    if not partial:
        for key in REQUIRED_PARTICIPANT_FIELDS:
            if not out.get(key) and key not in errors:
                errors[key] = message("required")
    else:
        for key in REQUIRED_PARTICIPANT_FIELDS:
            if key in out and not out[key]:
                errors[key] = message("required")
    if errors:
        raise ValidationError(errors)
    return out


# Child records of a file: field -> (kind, required, future dates allowed).
_Spec = dict[str, tuple[str, bool, bool]]
CHILD_SPECS: dict[str, _Spec] = {
    "influentials": {
        "name": ("text", True, False),
        "relationship": ("text", False, False),
        "phone": ("phone", False, False),
        "address": ("text", False, False),
        "visited_on": ("date", False, False),
        "notes": ("text", False, False),
    },
    "eligibility_reviews": {
        "violence_or_weapons": ("bool", False, False),
        "leadership_role": ("bool", False, False),
        "still_active": ("bool", False, False),
        "enough_evidence": ("bool", False, False),
        "decision": ("decision", False, False),
        "rationale": ("text", False, False),
        "reviewer": ("text", False, False),
        "review_date": ("date", False, False),
    },
    "banked_cases": {
        "ruc": ("text", True, False),
        "investigating_unit": ("text", False, False),
        "buy_dates": ("dates", False, False),
        "banked_on": ("date", False, False),
        "expires_on": ("date", False, True),
        "description": ("text", False, False),
    },
    "referrals": {
        "kind": ("referral_kind", True, False),
        "provider": ("text", False, False),
        "status": ("referral_status", False, False),
        "referred_on": ("date", False, False),
        "first_appointment": ("date", False, True),
        "ended_on": ("date", False, False),
        "notes": ("text", False, False),
    },
    "checkins": {
        "day": ("date", True, False),
        "method": ("text", False, False),
        "notes": ("text", False, False),
        "recorded_by": ("text", False, False),
    },
    "violations": {
        "day": ("date", True, False),
        "description": ("text", True, False),
        "case_activated": ("bool", False, False),
    },
    "notes": {"body": ("longtext", True, False), "author": ("text", False, False)},
}


def _clean_value(kind: str, value: Any, *, today: date, allow_future: bool) -> Any:
    from dmi_desktop.domain.models import Decision, ReferralKind, ReferralStatus

    enums = {"decision": Decision, "referral_kind": ReferralKind, "referral_status": ReferralStatus}
    if kind in ("text", "longtext"):
        text = str(value or "").strip()
        limit = 20_000 if kind == "longtext" else _MAX_TEXT
        if len(text) > limit:
            raise ValueError(message("too_long", limit=limit))
        return text
    if kind == "phone":
        phone = str(value or "").strip()
        if phone and not _PHONE.match(phone):
            raise ValueError(message("phone", value=phone))
        return phone
    if kind == "bool":
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "si", "sí", "x")
        return bool(value)
    if kind == "date":
        return parse_date(value, today=today, allow_future=allow_future)
    if kind == "dates":
        items = value if isinstance(value, list) else [v for v in str(value or "").replace(";", ",").split(",")]
        return [d for d in (parse_date(v, today=today) for v in items if str(v).strip()) if d]
    enum = enums[kind]
    try:
        return enum(value.value if hasattr(value, "value") else str(value).strip().lower())
    except ValueError:
        raise ValueError(message("choice", value=value, choices=", ".join(e.value for e in enum))) from None


def clean_child_fields(table: str, raw: dict[str, Any], *, today: date, partial: bool = False) -> dict[str, Any]:
    """Validate fields of a child record (``table`` names the kind); ValidationError lists every problem."""
    spec = CHILD_SPECS[table]
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in spec:
            errors[key] = message("unknown_field", choices=", ".join(spec))
            continue
        kind, _required, allow_future = spec[key]
        try:
            out[key] = _clean_value(kind, value, today=today, allow_future=allow_future)
        except ValueError as exc:
            errors[key] = str(exc)
    for key, (_kind, required, _future) in spec.items():
        if required and (key in out or not partial) and not out.get(key) and key not in errors:
            errors[key] = message("required")
    banked, expires = out.get("banked_on"), out.get("expires_on")
    if table == "banked_cases" and banked and expires and expires < banked:
        errors["expires_on"] = message("expiry_before_banked")
    if errors:
        raise ValidationError(errors)
    return out
