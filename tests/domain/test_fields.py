"""The field registry: each field declared once, and what it declares is what validation enforces."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from dmi_desktop.domain import fields
from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.fields import Field, Kind, Label
from dmi_desktop.domain.models import Sex
from dmi_desktop.domain.validation import clean_child_fields, clean_participant_fields, clean_record_id

TODAY = date(2025, 6, 1)
NAMES = {"nombres": "Ana", "apellido_paterno": "Rojas"}


def add_field(monkeypatch: pytest.MonkeyPatch, table: str, new: Field) -> None:
    """Declare one more field of ``table`` for the duration of a test."""
    entity = fields.ENTITIES[table]
    monkeypatch.setitem(fields.ENTITIES, table, dataclasses.replace(entity, fields=(*entity.fields, new)))


def test_a_field_added_to_the_registry_is_accepted_typed_and_required_by_validation(monkeypatch):
    add_field(monkeypatch, "participants", Field("ingreso", Kind.DATE, Label("Ingreso", "Intake"), required=True))
    out = clean_participant_fields({**NAMES, "ingreso": "03-02-2025"}, today=TODAY)
    assert out["ingreso"] == date(2025, 2, 3)
    with pytest.raises(ValidationError) as info:
        clean_participant_fields(NAMES, today=TODAY)
    assert info.value.errors == {"ingreso": "es obligatorio"}
    with pytest.raises(ValidationError) as info:
        clean_participant_fields({**NAMES, "ingreso": "2030-01-01"}, today=TODAY)
    assert "futuro" in info.value.errors["ingreso"]


def test_a_choice_field_added_to_a_child_table_checks_its_codes(monkeypatch):
    add_field(monkeypatch, "checkins", Field("sex", Kind.SEX, Label("Sexo", "Sex"), choices=Sex))
    assert clean_child_fields("checkins", {"day": "2025-05-01", "sex": "femenino"}, today=TODAY)["sex"] == "F"
    with pytest.raises(ValidationError) as info:
        clean_child_fields("checkins", {"day": "2025-05-01", "sex": "Q"}, today=TODAY)
    assert "F, M, X" in info.value.errors["sex"]


def test_unknown_field_messages_list_the_registry_input_fields_in_order():
    with pytest.raises(ValidationError) as info:
        clean_participant_fields({**NAMES, "apodo": "x"}, today=TODAY)
    listed = info.value.errors["apodo"].split("campos posibles: ")[1].rstrip(")").split(", ")
    assert listed == [f.name for f in fields.input_fields("participants")]
    assert listed[-1] == "status" and "case_no" not in listed and "id" not in listed


def test_a_field_made_read_only_in_the_registry_is_refused_as_input(monkeypatch):
    entity = fields.ENTITIES["participants"]
    frozen = tuple(dataclasses.replace(f, editable=False) if f.name == "alias" else f for f in entity.fields)
    monkeypatch.setitem(fields.ENTITIES, "participants", dataclasses.replace(entity, fields=frozen))
    with pytest.raises(ValidationError) as info:
        clean_participant_fields({**NAMES, "alias": "El Flaco"}, today=TODAY)
    assert "campo desconocido" in info.value.errors["alias"]


def test_the_text_limit_is_the_registry_s():
    limit = fields.field("influentials", "notes").limit
    assert limit == 200
    assert clean_child_fields("influentials", {"name": "M", "notes": "x" * limit}, today=TODAY)["notes"]
    with pytest.raises(ValidationError, match=f"máximo {limit}"):
        clean_child_fields("influentials", {"name": "M", "notes": "x" * (limit + 1)}, today=TODAY)
    body = fields.field("notes", "body").limit
    assert body is not None and body > 10_000  # a note may be long


def test_every_entity_has_labels_in_both_languages_and_unique_spreadsheet_headers():
    for entity in fields.entities():
        assert entity.label.es and entity.label.en and entity.plural.es and entity.plural.en
        for language in ("es", "en"):
            headers = [f.header_in(language) for f in entity.fields]
            assert all(headers) and len(set(headers)) == len(headers), (entity.table, language)
        assert len(set(entity.names())) == len(entity.fields)


def test_the_banked_case_is_restricted_field_by_field_and_never_exportable_by_default():
    assert fields.restricted_tables() == frozenset({"banked_cases"})
    assert fields.is_restricted("banked_cases") and fields.is_restricted("banked_cases", "ruc")
    assert all(f.restricted for f in fields.all_fields("banked_cases"))
    assert fields.exportable_fields("banked_cases") == ()
    assert "ruc" in fields.names(fields.exportable_fields("banked_cases", include_restricted=True))
    assert not fields.is_restricted("participants", "rut")


def test_derived_fields_are_exported_but_neither_stored_nor_input():
    exported = fields.names(fields.exportable_fields("participants"))
    assert {"case_no", "status", "last_checkin", "id"} <= set(exported) and "status_label" not in exported
    stored = fields.names(fields.stored_fields("participants"))
    assert "status_label" not in stored and "last_checkin" not in stored and "case_no" in stored
    importable = fields.names(fields.importable_fields("participants"))
    assert "id" in importable and not {"case_no", "status_label", "last_checkin"} & set(importable)


def test_entities_are_found_by_table_or_audit_name():
    assert fields.entity("participant") is fields.entity("participants")
    assert fields.label("participants", "apellido_paterno", "es") == "Apellido paterno"
    assert fields.label("participants", "apellido_paterno", "en") == "Paternal surname"
    with pytest.raises(KeyError):
        fields.entity("letters")  # not a table of this vault (yet)


def test_record_ids_must_be_uuids_and_come_out_canonical():
    assert clean_record_id(" 0B7F8C2E-0D1A-4C5E-9F3B-2A6D8E1C4B7A ") == "0b7f8c2e-0d1a-4c5e-9f3b-2a6d8e1c4b7a"
    for text in ("1", "LC1-2026-00001", ""):
        with pytest.raises(ValueError, match="identificador no válido"):
            clean_record_id(text)
