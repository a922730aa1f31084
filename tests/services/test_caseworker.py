"""The file's caseworker ("Responsable"): the creating user by default, editable, a list filter, imported as mapped."""

from __future__ import annotations

from pathlib import Path

from dmi_desktop.domain.fields import editable_fields, exportable_fields, importable_fields
from dmi_desktop.services.importer import apply_import, preview_import
from dmi_desktop.services.participants import ParticipantQuery
from tests.conftest import COORDINATOR, STAFF


def _person(nombres: str, **extra: str) -> dict[str, str]:
    return {"nombres": nombres, "apellido_paterno": "Rojas", **extra}


def test_a_file_created_in_the_app_is_handled_by_its_creator(open_session):
    staff = open_session(STAFF)
    mine = staff.participants.create(_person("Ana"))
    assert mine.caseworker == STAFF
    assert staff.participants.get(mine.id).caseworker == STAFF  # stored, not only returned
    named = staff.participants.create(_person("Berta", caseworker=COORDINATOR))
    assert staff.participants.get(named.id).caseworker == COORDINATOR  # a caseworker named at creation is kept


def test_the_caseworker_filter_returns_only_their_files(open_session):
    coordinator = open_session(COORDINATOR)
    theirs = coordinator.participants.create(_person("Carla"))
    staff = open_session(STAFF)
    mine = {staff.participants.create(_person(n)).id for n in ("Dina", "Elena")}
    svc = staff.participants
    query = ParticipantQuery(caseworker=STAFF)
    assert {r.id for r in svc.rows(query)} == mine and svc.count(query) == 2
    assert {r.id for r in svc.rows(ParticipantQuery(caseworker=COORDINATOR))} == {theirs.id}
    # Combined with a search: the search's fast count must not ignore the caseworker.
    assert svc.count(ParticipantQuery(search="rojas", caseworker=STAFF)) == 2
    assert {r.id for r in svc.rows(ParticipantQuery(search="carla", caseworker=STAFF))} == set()


def test_the_caseworker_can_be_changed_and_is_a_registry_field(session):
    p = session.participants.create(_person("Flor"))
    session.participants.update(p.id, {"caseworker": "equipo"})
    assert session.participants.get(p.id).caseworker == "equipo"
    for names in (
        editable_fields("participants"),
        importable_fields("participants"),
        exportable_fields("participants"),
    ):
        assert "caseworker" in {f.name for f in names}


def test_an_import_sets_the_caseworker_only_when_a_column_maps_to_it(session, tmp_path: Path):
    plain = tmp_path / "plain.csv"
    plain.write_text("Nombres;Apellido paterno\nGina;Soto\n", encoding="utf-8")
    apply_import(session, preview_import(session, plain))
    mapped = tmp_path / "mapped.csv"
    mapped.write_text("Nombres;Apellido paterno;Responsable\nHilda;Soto;equipo\n", encoding="utf-8")
    apply_import(session, preview_import(session, mapped))
    found = {p.nombres: p.caseworker for p in session.participants.list(ParticipantQuery(search="soto"))}
    assert found == {"Gina": "", "Hilda": "equipo"}
