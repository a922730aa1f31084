"""Saved views of the participants list: named filter combinations, per user, in the vault's encrypted meta.

A view may hold a search term that is a person's name, so it lives inside the vault, never in QSettings.
Queries are serialised field by field (``dataclasses.fields``): a key the current ``ParticipantQuery`` no longer
has is ignored on load, and a field added later takes its default, so views survive schema changes.
"""

from __future__ import annotations

import json
import logging
import types
import typing
import unicodedata
from dataclasses import dataclass, fields, replace
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.messages import message
from dmi_desktop.services.participants import ParticipantQuery

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

log = logging.getLogger(__name__)

META_PREFIX = "saved_views:"  # + user name: each user keeps their own views
MAX_NAME = 60
MAX_VIEWS = 100


class SavedViewRefused(DmiError):
    """A view name that cannot be used (empty, too long, taken) or a view that does not exist."""


@dataclass(frozen=True)
class SavedView:
    """A named list query; ``preset`` views are built in and cannot be renamed or deleted."""

    name: str
    query: ParticipantQuery
    preset: bool = False


# -- serialising a query, field by field ----------------------------------------------------------


def query_to_dict(query: ParticipantQuery) -> dict[str, Any]:
    """Every field of the query as plain JSON values (enums by value, dates as ISO, tuples as lists)."""
    return {f.name: _plain(getattr(query, f.name)) for f in fields(query)}


def query_from_dict(data: dict[str, Any]) -> ParticipantQuery:
    """A query from stored values; unknown keys and values of the wrong shape are ignored (defaults stay)."""
    hints = typing.get_type_hints(ParticipantQuery)
    values: dict[str, Any] = {}
    for f in fields(ParticipantQuery):
        if f.name not in data:
            continue
        try:
            values[f.name] = _decode(hints[f.name], data[f.name])
        except (TypeError, ValueError, KeyError):
            log.info("saved view: field %s ignored (its stored value no longer fits)", f.name)
    return ParticipantQuery(**values)


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _decode(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if value is None and len(options) < len(typing.get_args(hint)):
            return None
        return _decode(options[0], value)
    if origin is tuple:
        inner = typing.get_args(hint)[0]
        if not isinstance(value, list):
            raise TypeError("not a list")
        return tuple(_decode(inner, v) for v in value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint is date:
        return date.fromisoformat(str(value))
    if hint is bool:
        if not isinstance(value, bool):
            raise TypeError("not a bool")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("not an int")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise TypeError("not a string")
        return value
    raise TypeError(f"unsupported field type {hint!r}")


# -- built-in views ------------------------------------------------------------------------------------

# The one list of built-in views: (Spanish name, English name, query fields). A preset whose fields the
# current ParticipantQuery does not have yet is simply not offered ("controles atrasados" needs
# ``checkin_overdue``, "mis casos" needs ``caseworker``); "{user}" stands for the session's user name.
PRESETS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("controles atrasados", "overdue check-ins", {"checkin_overdue": True}),
    ("mis casos", "my cases", {"caseworker": "{user}"}),
)


def preset_views(user: str, language: str) -> list[SavedView]:
    """The built-in views the current query fields allow, named in ``language``."""
    hints = typing.get_type_hints(ParticipantQuery)
    out = []
    for es, en, values in PRESETS:
        filled = {k: (v.replace("{user}", user) if isinstance(v, str) else v) for k, v in values.items()}
        try:
            query = ParticipantQuery(**{k: _decode(hints[k], v) for k, v in filled.items()})
        except (KeyError, TypeError, ValueError):
            continue  # the field is not there (yet), or has another shape: better no preset than a wrong one
        out.append(SavedView(en if language == "en" else es, query, preset=True))
    return out


# -- the service -------------------------------------------------------------------------------------


class SavedViewService:
    """List, save, rename and delete the current user's views (any role: they are preferences, not data)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _key(self) -> str:
        return META_PREFIX + self.session.user

    def list(self) -> list[SavedView]:
        """The user's own views, in the order they were saved."""
        raw = self.session.vault.meta(self._key)
        if not raw:
            return []
        try:
            stored = json.loads(raw)
        except ValueError:
            log.warning("saved views unreadable; starting with none")
            return []
        views = []
        for item in stored if isinstance(stored, list) else []:
            if isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("query"), dict):
                views.append(SavedView(item["name"], query_from_dict(item["query"])))
        return views

    def save(self, name: str, query: ParticipantQuery, *, replace_existing: bool = False) -> SavedView:
        """Store ``query`` under ``name`` (refused when taken, unless ``replace_existing``); sort order included."""
        name = self._check_name(name)
        views = self.list()
        taken = [v for v in views if _same(v.name, name)]
        if taken and not replace_existing:
            raise SavedViewRefused(message("view_name_taken", name=name))
        if not taken and len(views) >= MAX_VIEWS:
            raise SavedViewRefused(message("view_too_many", count=MAX_VIEWS))
        view = SavedView(name, query)
        if taken:
            views = [view if _same(v.name, name) else v for v in views]
        else:
            views.append(view)
        self._store(views)
        return view

    def rename(self, old: str, new: str) -> SavedView:
        """Give a view another name (refused when the new one is taken by another view)."""
        new = self._check_name(new)
        views = self.list()
        found = self._find(views, old)
        if any(_same(v.name, new) for v in views if v is not found):
            raise SavedViewRefused(message("view_name_taken", name=new))
        renamed = replace(found, name=new)
        self._store([renamed if v is found else v for v in views])
        return renamed

    def delete(self, name: str) -> None:
        """Forget a view."""
        views = self.list()
        found = self._find(views, name)
        self._store([v for v in views if v is not found])

    def _find(self, views: list[SavedView], name: str) -> SavedView:
        for view in views:
            if _same(view.name, name):
                return view
        raise SavedViewRefused(message("view_not_found", name=name))

    def _check_name(self, name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise SavedViewRefused(message("view_name_empty"))
        if len(name) > MAX_NAME:
            raise SavedViewRefused(message("view_name_long", max=MAX_NAME))
        if any(unicodedata.category(c)[0] == "C" for c in name):
            raise SavedViewRefused(message("view_name_control"))
        return name

    def _store(self, views: list[SavedView]) -> None:
        data = json.dumps([{"name": v.name, "query": query_to_dict(v.query)} for v in views], ensure_ascii=False)
        # A preference, not case data: no role check and no audit entry (nothing about a participant changes).
        with self.session.vault.atomic():
            self.session.vault.set_meta(self._key, data)


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()
