"""Exports and imports read the field registry, and importing the app's own export updates the same people."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import openpyxl
import pytest

from dmi_desktop.domain import fields
from dmi_desktop.domain.errors import DmiError, IllegalTransition, ValidationError
from dmi_desktop.domain.fields import Field, Kind, Label
from dmi_desktop.domain.messages import set_language
from dmi_desktop.domain.status import Status
from dmi_desktop.services.exporter import export_headers, export_participants
from dmi_desktop.services.importer import (
    ImportCancelled,
    ImportRefused,
    apply_import,
    guess_mapping,
    import_labels,
    preview_import,
)
from dmi_desktop.services.participants import ParticipantQuery

NEW_ID = "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"


def populate(session) -> dict[str, str]:
    """Three people, two of them without a RUT (the ones an import used to duplicate); ids by nombres."""
    svc = session.participants
    jose = svc.create({"nombres": "José", "apellido_paterno": "Muñoz", "rut": "12.345.678-5", "sex": "M"})
    for target in ("under_review", "eligible", "summoned"):
        svc.set_status(jose.id, target)
    ana = svc.create({"nombres": "Ana", "apellido_paterno": "Rojas", "alias": "La Flaca", "birth_date": "2001-02-03"})
    luis = svc.create({"nombres": "Luis", "apellido_paterno": "Tapia", "phone": "+56 9 1111 2222"})
    return {"José": jose.id, "Ana": ana.id, "Luis": luis.id}


def people(session) -> dict[str, object]:
    return {p.nombres: p for p in session.participants.list(ParticipantQuery())}


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    """Save rows the way Excel would after an edit (same separator and encoding)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


def edit_csv(path: Path, nombres: str, column: str, value: str) -> None:
    """Change one cell of the person called ``nombres`` (``column`` is the header)."""
    rows = read_csv(path)
    index = rows[0].index(column)
    for row in rows[1:]:
        if row[1] == nombres:
            row[index] = value
    write_csv(path, rows)


def audit_size(session) -> int:
    return session.verify_audit().entries


# -- the registry drives the columns ------------------------------------------------------------------


@pytest.mark.parametrize("language", ["es", "en"])
def test_export_headers_are_the_registry_s_in_each_language(session, tmp_path, language):
    populate(session)
    expected = [f.header_in(language) for f in fields.exportable_fields("participants")]
    set_language(language)
    try:
        export_participants(session, tmp_path / "l.csv", "csv")
        export_participants(session, tmp_path / "l.xlsx", "xlsx")
    finally:
        set_language("es")
    assert read_csv(tmp_path / "l.csv")[0][:-1] == expected
    sheet = openpyxl.load_workbook(tmp_path / "l.xlsx").active
    assert [c.value for c in sheet[1]][:-1] == expected
    assert export_headers(language)[:-1] == expected
    assert read_csv(tmp_path / "l.csv")[0][-1] == (
        "Versión de esquema DMI" if language == "es" else "DMI schema version"
    )


def test_restricted_fields_never_appear_in_an_export(session, tmp_path, monkeypatch):
    populate(session)
    entity = fields.ENTITIES["participants"]
    secret = Field("ruc_reservado", Kind.TEXT, Label("RUC reservado", "Banked RUC"), restricted=True, stored=False)
    monkeypatch.setitem(fields.ENTITIES, "participants", dataclasses.replace(entity, fields=(*entity.fields, secret)))
    export_participants(session, tmp_path / "l.csv", "csv")
    export_participants(session, tmp_path / "l.json", "json")
    export_participants(session, tmp_path / "l.xlsx", "xlsx")
    assert "RUC reservado" not in read_csv(tmp_path / "l.csv")[0]
    assert all("ruc_reservado" not in item for item in _items(tmp_path / "l.json"))
    assert "RUC reservado" not in [c.value for c in openpyxl.load_workbook(tmp_path / "l.xlsx").active[1]]
    assert not any(f.restricted for f in fields.exportable_fields("participants"))


def test_the_import_mapping_recognises_every_registry_label_and_header():
    for f in fields.importable_fields("participants"):
        for text in {f.label.es, f.label.en, f.header_in("es"), f.header_in("en"), f.name}:
            assert guess_mapping([text]) == {text: f.name}, text
    assert set(import_labels()) == {*fields.names(fields.importable_fields("participants")), "rut_dv"}
    assert import_labels("en")["apellido_paterno"] == "Paternal surname"


def test_header_synonyms_are_keyed_by_registry_names():
    from dmi_desktop.services.import_mapping import _SYNONYMS

    assert set(_SYNONYMS) <= set(import_labels())


def test_a_field_added_to_the_registry_is_exported_and_importable(session, tmp_path, monkeypatch):
    entity = fields.ENTITIES["participants"]
    extra = Field("apodo_barrio", Kind.TEXT, Label("Apodo en el barrio", "Street name"), stored=False)
    monkeypatch.setitem(fields.ENTITIES, "participants", dataclasses.replace(entity, fields=(*entity.fields, extra)))
    assert "Apodo en el barrio" in export_headers("es")
    assert guess_mapping(["Nombres", "Apodo en el barrio"]) == {
        "Nombres": "nombres",
        "Apodo en el barrio": "apodo_barrio",
    }


# -- round trips ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_reimporting_an_unchanged_export_changes_nothing(session, tmp_path, fmt):
    ids = populate(session)
    target = tmp_path / f"listado.{fmt}"
    export_participants(session, target, fmt)
    before = audit_size(session)
    preview = preview_import(session, target)
    assert preview.errors == []
    assert (preview.new, preview.to_update, preview.unchanged) == (0, 0, 3)
    assert preview.schema_version == session.schema_version
    result = apply_import(session, preview)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert session.participants.count(ParticipantQuery()) == 3
    assert {p.id for p in people(session).values()} == set(ids.values())
    assert audit_size(session) == before  # nothing happened, nothing recorded


def test_an_edited_export_updates_only_what_differs_and_moves_the_status_legally(session, tmp_path):
    ids = populate(session)
    target = tmp_path / "listado.csv"
    export_participants(session, target, "csv")
    edit_csv(target, "Luis", "Teléfono", "+56 9 3333 4444")
    edit_csv(target, "José", "Estado", "asistió")  # summoned -> attended: a legal move
    edit_csv(target, "Ana", "N° de caso", "XX-1")  # export-only columns are ignored
    edit_csv(target, "Ana", "Último control", "2020-01-01")
    preview = preview_import(session, target)
    assert preview.errors == []
    assert (preview.new, preview.to_update, preview.unchanged) == (0, 2, 1)
    result = apply_import(session, preview)
    assert (result.created, result.updated, result.unchanged, result.skipped) == (0, 2, 1, 0)
    found = people(session)
    assert found["Luis"].phone == "+56 9 3333 4444" and found["José"].status is Status.ATTENDED
    assert found["José"].rut == "12345678-5"  # the person's own RUT is not a duplicate of itself
    assert found["Ana"].case_no != "XX-1" and found["Ana"].status is Status.IDENTIFIED
    history = session.participants.history(ids["José"])
    assert history[0].action == "participant.import_file"  # the import names everyone it touched
    moved = next(e for e in history if e.action == "participant.status")
    assert moved.after == {"status": "attended", "reason": "importado de listado.csv"}
    luis = next(e for e in session.participants.history(ids["Luis"]) if e.action == "participant.update")
    assert set(luis.after) == {"phone"}  # an edit keeps its old and new values, even inside an import


def test_an_illegal_status_change_is_a_row_error_and_nothing_is_applied(session, tmp_path):
    populate(session)
    target = tmp_path / "listado.csv"
    export_participants(session, target, "csv")
    edit_csv(target, "Luis", "Teléfono", "+56 9 3333 4444")
    edit_csv(target, "Ana", "Estado", "en seguimiento")  # identified -> monitoring skips the life cycle
    preview = preview_import(session, target)
    assert [(e.column, "no se puede pasar" in e.reason) for e in preview.errors] == [("Estado", True)]
    with pytest.raises(ImportRefused):
        apply_import(session, preview)
    assert people(session)["Luis"].phone == "+56 9 1111 2222"  # all or nothing: the good update waited too


def test_an_id_of_a_deleted_participant_is_a_row_error(session, tmp_path):
    ids = populate(session)
    target = tmp_path / "listado.csv"
    export_participants(session, target, "csv")
    with session.vault.atomic():
        session.participants.repo.delete(ids["Ana"])  # a tombstone, as an erasure or a peer's deletion leaves
    preview = preview_import(session, target)
    assert [(e.column, "eliminado" in e.reason) for e in preview.errors] == [("ID", True)]
    assert (preview.new, preview.to_update, preview.unchanged) == (0, 0, 2)
    result = apply_import(session, preview, skip_invalid=True)
    assert (result.created, result.skipped) == (0, 1)
    assert "Ana" not in people(session)


def test_an_unknown_id_creates_the_person_with_that_id_and_a_second_import_changes_nothing(session, tmp_path):
    source = write_csv(
        tmp_path / "de-otra-oficina.csv",
        [["Nombres", "Apellido paterno", "ID"], ["Rosa", "Mella", NEW_ID.upper()], ["Eva", "Lira", ""]],
    )
    preview = preview_import(session, source)
    assert (preview.new, preview.to_update, preview.unchanged) == (2, 0, 0)
    apply_import(session, preview)
    assert people(session)["Rosa"].id == NEW_ID
    again = preview_import(session, source)
    assert (again.new, again.to_update, again.unchanged) == (1, 0, 1)  # a row without an ID is always new


def test_an_export_from_a_newer_schema_is_refused(session, tmp_path):
    populate(session)
    newer = session.schema_version + 1
    target = tmp_path / "listado.csv"
    export_participants(session, target, "csv")
    rows = read_csv(target)
    rows[2][-1] = str(newer)
    write_csv(target, rows)
    with pytest.raises(DmiError, match=f"esquema {newer}") as refused:
        preview_import(session, target)
    assert "actualice" in str(refused.value) and "\n" not in str(refused.value)
    as_json = tmp_path / "listado.json"
    export_participants(session, as_json, "json")
    document = json.loads(as_json.read_text(encoding="utf-8"))
    document["schema_version"] = newer
    as_json.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DmiError, match="versión más nueva"):
        preview_import(session, as_json)


def test_the_same_id_twice_and_a_bad_id_are_row_errors(session, tmp_path):
    ids = populate(session)
    source = write_csv(
        tmp_path / "x.csv",
        [
            ["Nombres", "Apellido paterno", "ID"],
            ["Ana", "Rojas", ids["Ana"]],
            ["Ana María", "Rojas", ids["Ana"]],
            ["Pía", "Soto", "no-es-un-id"],
        ],
    )
    preview = preview_import(session, source)
    assert [(e.line, e.column) for e in preview.errors] == [(3, "ID"), (4, "ID")]
    assert "línea 2" in preview.errors[0].reason and "identificador no válido" in preview.errors[1].reason


def test_a_spreadsheet_s_own_id_column_of_row_numbers_is_not_taken_for_ours(session, tmp_path):
    source = write_csv(
        tmp_path / "x.csv", [["ID", "Nombres", "Apellido paterno"], ["1", "Ana", "Rojas"], ["2", "Eva", "Lira"]]
    )
    preview = preview_import(session, source)
    assert "ID" not in preview.mapping and preview.errors == [] and preview.new == 2


def test_cancelling_an_import_with_updates_leaves_everyone_as_they_were(session, tmp_path):
    populate(session)
    target = tmp_path / "listado.csv"
    export_participants(session, target, "csv")
    for name in ("Ana", "Luis", "José"):
        edit_csv(target, name, "Sector", "El Golf")
    preview = preview_import(session, target)
    assert preview.to_update == 3
    before = audit_size(session)
    seen = []
    with pytest.raises(ImportCancelled):
        apply_import(session, preview, progress=lambda d, t: seen.append((d, t)), cancelled=lambda: len(seen) >= 2)
    assert seen == [(1, 3), (2, 3)]
    assert {p.sector for p in people(session).values()} == {""}
    assert audit_size(session) == before


def _items(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["participants"]


# -- the service's batched write path ----------------------------------------------------------------------


def test_update_many_is_all_or_nothing_and_checks_the_life_cycle(session):
    ids = populate(session)
    svc = session.participants
    with pytest.raises(IllegalTransition):
        svc.update_many({ids["Luis"]: {"sector": "El Golf"}, ids["Ana"]: {"status": "completed"}}, reason="x")
    assert people(session)["Luis"].sector == ""
    with pytest.raises(ValidationError, match=r"12\.345\.678-5"):
        svc.update_many({ids["Ana"]: {"rut": "12.345.678-5"}})
    updated = svc.update_many({ids["José"]: {"rut": "12.345.678-5", "status": "attended"}}, reason="planilla")
    assert updated[0].status is Status.ATTENDED
    moved = next(e for e in svc.history(ids["José"]) if e.action == "participant.status")
    assert moved.after == {"status": "attended", "reason": "planilla"}


def test_create_many_keeps_a_given_id_once(session):
    svc = session.participants
    (rosa,) = svc.create_many([{"id": NEW_ID, "nombres": "Rosa", "apellido_paterno": "Mella"}])
    assert rosa.id == NEW_ID
    with pytest.raises(ValidationError, match="ya pertenece"):
        svc.create_many([{"id": NEW_ID, "nombres": "Otra", "apellido_paterno": "Rosa"}])
    assert svc.count(ParticipantQuery()) == 1


def test_a_batch_announces_its_changes_once_after_commit(session):
    seen = []
    session.bus.subscribe(seen.append)
    svc = session.participants
    with svc.batch("importar participantes"):
        (a,) = svc.create_many([{"nombres": "Ana", "apellido_paterno": "Rojas"}])
        svc.update_many({a.id: {"sector": "Centro"}})
        assert seen == []
    assert [c.ids for c in seen] == [(a.id, a.id)]


def test_a_json_list_from_an_older_export_imports_and_other_json_is_refused_in_one_line(session, tmp_path):
    old = tmp_path / "antigua.json"
    old.write_text(json.dumps([{"nombres": "Rosa", "apellido_paterno": "Mella", "status": "under_review"}]), "utf-8")
    preview = preview_import(session, old)
    assert preview.new == 1 and preview.schema_version is None
    apply_import(session, preview)
    assert people(session)["Rosa"].status is Status.UNDER_REVIEW
    other = tmp_path / "otra.json"
    other.write_text(json.dumps({"hola": 1}), "utf-8")
    with pytest.raises(DmiError, match="no es una exportación JSON") as refused:
        preview_import(session, other)
    assert "\n" not in str(refused.value)


def test_an_english_export_says_statuses_in_english_and_reads_back_unchanged(session, tmp_path):
    populate(session)
    target = tmp_path / "list.csv"
    set_language("en")
    try:
        export_participants(session, target, "csv")
        rows = read_csv(target)
        status = rows[0].index("Status")
        assert "summoned" in {r[status] for r in rows[1:]}  # the English label, header "Status"
        edit_csv(target, "José", "Status", "attended")
        preview = preview_import(session, target)
    finally:
        set_language("es")
    assert preview.errors == [] and (preview.to_update, preview.unchanged) == (1, 2)
    apply_import(session, preview)
    assert people(session)["José"].status is Status.ATTENDED
