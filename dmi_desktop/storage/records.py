"""Map domain dataclasses to rows and back, and stamp rows with sync metadata (HLC, clocks, origin)."""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
import uuid
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from dmi_desktop.domain.hlc import HybridLogicalClock, device_tag
from dmi_desktop.domain.models import Record

R = TypeVar("R", bound=Record)
SYNC_FIELDS = ("id", "created_hlc", "updated_hlc", "origin", "deleted")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    # get_type_hints evaluates every annotation string; once per class, not once per row.
    return typing.get_type_hints(cls)


def data_fields(cls: type[Record]) -> list[str]:
    """Field names of ``cls`` that hold user data (not sync metadata, not computed)."""
    return [f.name for f in dataclasses.fields(cls) if f.name not in SYNC_FIELDS and f.name != "has_photo"]


def to_column(value: Any) -> Any:
    """Python value -> SQLite value (dates as ISO text, enums as codes, lists as JSON)."""
    if value is None or type(value) is str or type(value) is int:  # most columns: as they are (bulk writes)
        return value
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
    kwargs: dict[str, Any] = {}
    for name, convert in _plan(cls):
        if name == "has_photo":
            kwargs[name] = bool(row.get("has_photo"))
        elif name in row:
            value = row[name]
            kwargs[name] = value if value is None or convert is None else convert(value)
    return cls(**kwargs)


Converter = Callable[[Any], Any]


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, Converter | None], ...]:
    """Per field: its name and how to turn a column value back into the declared type (None: as is)."""
    hints = _hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))


def _converter(hint: Any) -> Converter | None:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    base = args[0] if args and typing.get_origin(hint) in (typing.Union, types.UnionType) else hint
    if typing.get_origin(base) is list:
        (item,) = typing.get_args(base)
        inner = _converter(item)
        return lambda value: [v if v is None or inner is None else inner(v) for v in json.loads(value)]
    if base is date:
        return date.fromisoformat
    if base is bool:
        return bool
    if isinstance(base, type) and issubclass(base, Enum):
        return base
    return None


def stamp_new(values: dict[str, Any], clock: HybridLogicalClock, origin: str) -> dict[str, Any]:
    """Add id, HLC stamps, per-field clocks and origin (the writing device's tag) to a new row's values.

    ``origin`` may be given as the whole device id: rows keep its 12-character tag, as HLC stamps do (schema 5;
    36 characters in every row were 130 bytes per participant).
    """
    now = clock.now().encode()
    row = {k: to_column(v) for k, v in values.items()}
    if "id" not in row:  # (setdefault would draw a UUID for rows that bring their own)
        row["id"] = str(uuid.uuid4())
    row.update(created_hlc=now, updated_hlc=now, origin=device_tag(origin), deleted=0)
    # Every field of a new row was set at created_hlc; _clock lists only fields changed since (compact:
    # a full map would repeat a 58-character stamp per field and double the size of the vault).
    row["_clock"] = "{}"
    return row


def stamp_update(old_clock: str, changes: dict[str, Any], clock: HybridLogicalClock) -> dict[str, Any]:
    """Column values for an update: the changes plus updated_hlc and their per-field clocks."""
    now = clock.now().encode()
    clocks = json.loads(old_clock or "{}")
    clocks.update({k: now for k in changes})
    row = {k: to_column(v) for k, v in changes.items()}
    row.update(updated_hlc=now, _clock=json.dumps(clocks, sort_keys=True))
    return row


def field_clocks(fields: list[str] | tuple[str, ...], clock_json: str, created_hlc: str) -> dict[str, str]:
    """The HLC of the last change of each field: its entry in ``_clock``, else the row's ``created_hlc``."""
    changed = json.loads(clock_json or "{}")
    return {name: changed.get(name, created_hlc) for name in fields}


def public_dict(obj: Record) -> dict[str, Any]:
    """A record's user data as JSON-ready values (for audit before/after and exports)."""
    return {name: to_column(getattr(obj, name)) for name in data_fields(type(obj))}
