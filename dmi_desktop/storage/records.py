"""Map domain dataclasses to rows and back, and stamp rows with sync metadata (HLC, clocks, origin)."""

from __future__ import annotations

import dataclasses
import json
import typing
import uuid
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from dmi_desktop.domain.hlc import HybridLogicalClock
from dmi_desktop.domain.models import Record

R = TypeVar("R", bound=Record)
SYNC_FIELDS = ("id", "created_hlc", "updated_hlc", "origin", "deleted")


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def data_fields(cls: type[Record]) -> list[str]:
    """Field names of ``cls`` that hold user data (not sync metadata, not computed)."""
    return [f.name for f in dataclasses.fields(cls) if f.name not in SYNC_FIELDS and f.name != "has_photo"]


def to_column(value: Any) -> Any:
    """Python value -> SQLite value (dates as ISO text, enums as codes, lists as JSON)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps([to_column(v) for v in value])
    return value


def from_row(cls: type[R], row: dict[str, Any]) -> R:
    """Build a dataclass from a row dict, converting by the field's declared type."""
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name == "has_photo":
            kwargs[f.name] = bool(row.get("has_photo"))
            continue
        if f.name not in row:
            continue
        kwargs[f.name] = _convert(hints[f.name], row[f.name])
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    base = args[0] if args and typing.get_origin(hint) in (typing.Union, __import__("types").UnionType) else hint
    if typing.get_origin(base) is list:
        (item,) = typing.get_args(base)
        return [_convert(item, v) for v in json.loads(value)]
    if base is date:
        return date.fromisoformat(value)
    if base is bool:
        return bool(value)
    if isinstance(base, type) and issubclass(base, Enum):
        return base(value)
    return value


def stamp_new(values: dict[str, Any], clock: HybridLogicalClock) -> dict[str, Any]:
    """Add id, HLC stamps, per-field clocks and origin to a new row's column values."""
    now = clock.now().encode()
    row = {k: to_column(v) for k, v in values.items()}
    row.setdefault("id", str(uuid.uuid4()))
    row.update(created_hlc=now, updated_hlc=now, origin=clock.device, deleted=0)
    row["_clock"] = json.dumps({k: now for k in values if k != "id"}, sort_keys=True)
    return row


def stamp_update(old_clock: str, changes: dict[str, Any], clock: HybridLogicalClock) -> dict[str, Any]:
    """Column values for an update: the changes plus updated_hlc and their per-field clocks."""
    now = clock.now().encode()
    clocks = json.loads(old_clock or "{}")
    clocks.update({k: now for k in changes})
    row = {k: to_column(v) for k, v in changes.items()}
    row.update(updated_hlc=now, _clock=json.dumps(clocks, sort_keys=True))
    return row


def public_dict(obj: Record) -> dict[str, Any]:
    """A record's user data as JSON-ready values (for audit before/after and exports)."""
    return {name: to_column(getattr(obj, name)) for name in data_fields(type(obj))}
