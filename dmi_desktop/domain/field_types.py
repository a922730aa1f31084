"""What the field registry is made of: kinds, labels, fields, entities and the builders that declare them."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from dmi_desktop.domain import messages

TEXT_LIMIT = 200
LONGTEXT_LIMIT = 20_000


class Kind(StrEnum):
    """What a field holds; decides how input is checked, stored, edited and exported."""

    ID = "id"  # the record's own UUID (sync metadata users may see: exports carry it for round trips)
    REF = "ref"  # the id of the record this one belongs to
    TEXT = "text"  # one line
    LONGTEXT = "longtext"  # several lines
    RUT = "rut"  # Chilean RUT, stored normalised ("12345678-5")
    DATE = "date"
    DATES = "dates"  # a list of dates
    PHONE = "phone"
    SEX = "sex"  # F / M / X (``Sex``)
    BOOL = "bool"
    CHOICE = "choice"  # one code of the field's ``choices`` enum
    OPEN_CHOICE = "open_choice"  # a code of ``choices``, or free text standing for "other" (stored as typed)
    STATUS = "status"  # the participant life cycle (``Status``): codes or labels accepted
    INTEGER = "integer"  # a whole number from 1 to the field's ``max_value``
    DATETIME = "datetime"  # local date and time, "YYYY-MM-DD HH:MM" (meetings)
    EMAIL = "email"


@dataclass(frozen=True)
class Label:
    """A text in Spanish (the default) and English."""

    es: str
    en: str

    def text(self, language: str | None = None) -> str:
        """The text in ``language`` (default: the current message language)."""
        return self.en if (language or messages.language()) == "en" else self.es


@dataclass(frozen=True)
class Field:
    """One field: how it is checked, who may see it, where it goes.

    ``editable``: a user may change it on an existing record (forms, ``participant edit``, an import update).
    ``initial``: accepted as input only when a record is created or imported (the participant's status,
    which later moves through the life cycle). ``stored``: a column of the table (False: derived for lists
    and exports). ``importable`` defaults to "is input"; ``header`` is the spreadsheet column header when it
    must differ from the form label.
    """

    name: str
    kind: Kind
    label: Label
    required: bool = False
    max_length: int | None = None
    allow_future: bool = False
    choices: type[Enum] | None = None
    squeeze: bool = False  # collapse runs of spaces inside the text (names, addresses)
    restricted: bool = False
    exportable: bool = True
    editable: bool = True
    initial: bool = False
    stored: bool = True
    importable: bool | None = None
    header: Label | None = None
    max_value: int | None = None  # INTEGER fields: the largest value accepted
    person_name: bool = False  # a person's name: emoji and symbols refused
    today_default: bool = False  # a new record's form starts at today's date (the day a person would expect)

    @property
    def is_input(self) -> bool:
        """Whether forms, imports or the CLI may set it."""
        return self.editable or self.initial

    @property
    def is_importable(self) -> bool:
        """Whether a spreadsheet column may be mapped to it."""
        return self.is_input if self.importable is None else self.importable

    @property
    def limit(self) -> int | None:
        """Maximum length of a text value (None for other kinds)."""
        if self.max_length is not None:
            return self.max_length
        return TEXT_LIMIT if self.kind is Kind.TEXT else LONGTEXT_LIMIT if self.kind is Kind.LONGTEXT else None

    def label_in(self, language: str | None = None) -> str:
        """The label in ``language`` (default: the current message language)."""
        return self.label.text(language)

    def header_in(self, language: str | None = None) -> str:
        """The spreadsheet column header in ``language``."""
        return (self.header or self.label).text(language)

    def choice_codes(self) -> tuple[str, ...]:
        """The codes a choice field accepts, in declaration order (empty for other kinds)."""
        return _codes(self.choices) if self.choices is not None else ()


@functools.cache
def _codes(choices: type[Enum]) -> tuple[str, ...]:
    """The codes of an enumeration, computed once (validation asks for them on every imported row)."""
    return tuple(str(c.value) for c in choices)


@dataclass(frozen=True)
class Entity:
    """A kind of record: its table, what users call it, whether it is restricted, and its fields in order.

    Field order is the order of forms and exports; identifiers come last (machines need them, people do not).
    """

    table: str
    audit_name: str  # the entity name audit entries use
    label: Label  # one record, lower case ("banked case")
    plural: Label  # the section title ("Banked cases")
    fields: tuple[Field, ...]
    restricted: bool = False
    by_hand: bool = True  # False: written only as a side effect (the status history), never in a form
    in_file: bool = True  # a record of the participant file (False: meetings and their directories)

    def field(self, name: str) -> Field:
        """The field called ``name``; KeyError if the entity has none."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.table}.{name}")

    def names(self) -> tuple[str, ...]:
        """Every field name, in order."""
        return tuple(f.name for f in self.fields)


def make_entity(
    table: str,
    label: Label,
    plural: Label,
    fields: tuple[Field, ...],
    *,
    restricted: bool = False,
    audit: str = "",
    by_hand: bool = True,
    in_file: bool = True,
) -> Entity:
    # Every field of a restricted entity is restricted too, so a field query alone never leaks one.
    if restricted:
        fields = tuple(dataclasses.replace(f, restricted=True) for f in fields)
    return Entity(table, audit or table, label, plural, fields, restricted, by_hand, in_file)


def record_id_field(*, importable: bool = False) -> Field:
    """The record's id (mapped by an import only where ``importable``)."""
    return Field("id", Kind.ID, Label("ID", "ID"), editable=False, importable=importable)


def owner_field() -> Field:
    """The owning participant's id."""
    return Field("participant_id", Kind.REF, Label("ID del participante", "Participant ID"), editable=False)


def text_field(name: str, es: str, en: str, **options: Any) -> Field:
    """A one-line text field."""
    return Field(name, Kind.TEXT, Label(es, en), **options)


def note_field(name: str, es: str, en: str, **options: Any) -> Field:
    """A multi-line note with the one-line limit."""
    # Several lines on screen but short: the limit of one-line text, as the vault has always accepted.
    return Field(name, Kind.LONGTEXT, Label(es, en), max_length=TEXT_LIMIT, **options)


def name_field(name: str, es: str, en: str, **options: Any) -> Field:
    """A person's name: one line, runs of spaces collapsed, no emoji or symbols."""
    return Field(name, Kind.TEXT, Label(es, en), squeeze=True, person_name=True, **options)


def date_field(name: str, es: str, en: str, **options: Any) -> Field:
    """A date field."""
    return Field(name, Kind.DATE, Label(es, en), **options)


def bool_field(name: str, es: str, en: str) -> Field:
    """A yes/no field."""
    return Field(name, Kind.BOOL, Label(es, en))
