"""Saved views of the participants list: per user, encrypted in the vault, robust to query fields changing."""

import json
from dataclasses import dataclass, fields

import pytest

from dmi_desktop.domain import messages
from dmi_desktop.domain.status import Status
from dmi_desktop.services import saved_views
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.saved_views import SavedViewRefused, query_from_dict, query_to_dict
from tests.conftest import COORDINATOR, STAFF, VIEWER


@pytest.fixture(autouse=True)
def _spanish():
    messages.set_language("es")
    yield
    messages.set_language("es")


QUERY = ParticipantQuery(search="josé", status=(Status.MONITORING,), sector="El Golf", sort="sector", descending=True)


def test_a_view_keeps_every_query_field_and_survives_reopening(open_session):
    session = open_session(COORDINATOR)
    session.saved_views.save("Golf en seguimiento", QUERY)
    session = open_session(COORDINATOR)  # closed and opened again
    [view] = session.saved_views.list()
    assert view.name == "Golf en seguimiento"
    assert view.query == QUERY
    assert set(query_to_dict(QUERY)) == {f.name for f in fields(ParticipantQuery)}


def test_views_are_per_user_and_viewers_may_keep_them_too(open_session):
    open_session(COORDINATOR).saved_views.save("mía", QUERY)
    staff = open_session(STAFF)
    assert staff.saved_views.list() == []
    viewer = open_session(VIEWER)
    viewer.saved_views.save("de consulta", ParticipantQuery(sector="Apoquindo"))
    assert [v.name for v in viewer.saved_views.list()] == ["de consulta"]
    assert [v.name for v in open_session(COORDINATOR).saved_views.list()] == ["mía"]


def test_rename_and_delete(session):
    views = session.saved_views
    views.save("uno", QUERY)
    views.save("dos", ParticipantQuery(sector="Apoquindo"))
    views.rename("uno", "  Golf   josé ")
    assert [v.name for v in views.list()] == ["Golf josé", "dos"]
    views.delete("DOS")  # names compare without case, as users see them
    assert [v.name for v in views.list()] == ["Golf josé"]


def test_bad_names_are_refused_with_a_clear_message_and_nothing_changes(session):
    views = session.saved_views
    views.save("uno", QUERY)
    before = session.vault.meta("saved_views:" + session.user)
    cases = [
        ("   ", "la vista necesita un nombre"),
        ("x" * 61, "el nombre de la vista es demasiado largo (máximo 60 caracteres)"),
        ("a\x07b", "el nombre de la vista tiene caracteres no permitidos"),
        ("UNO", "ya existe una vista llamada «UNO»"),
    ]
    for name, text in cases:
        with pytest.raises(SavedViewRefused) as caught:
            views.save(name, ParticipantQuery())
        assert str(caught.value) == text
    with pytest.raises(SavedViewRefused, match="no existe una vista llamada «otra»"):
        views.rename("otra", "nueva")
    messages.set_language("en")
    with pytest.raises(SavedViewRefused, match="a view called “uno” already exists"):
        views.save("uno", ParticipantQuery())
    assert session.vault.meta("saved_views:" + session.user) == before


def test_unknown_and_mistyped_stored_fields_are_ignored():
    stored = {**query_to_dict(QUERY), "field_removed_later": 3, "sort": 7, "status": ["no_such_status"]}
    query = query_from_dict(stored)
    assert query.search == "josé" and query.sector == "El Golf" and query.descending
    assert query.sort == ParticipantQuery().sort  # a value of the wrong shape falls back to the default
    assert query.status == ()


def test_a_field_added_to_the_query_later_takes_its_default(monkeypatch):
    @dataclass(frozen=True)
    class Wider(ParticipantQuery):
        caseworker: str = ""

    monkeypatch.setattr(saved_views, "ParticipantQuery", Wider)
    old = json.loads(json.dumps(query_to_dict(QUERY)))  # stored before the field existed
    query = saved_views.query_from_dict(old)
    assert isinstance(query, Wider) and query.caseworker == "" and query.search == "josé"
    [mine] = saved_views.preset_views("ana", "es")[-1:]
    assert mine.name == "mis casos" and mine.query.caseworker == "ana" and mine.preset


def test_presets_need_their_query_fields():
    names = [v.name for v in saved_views.preset_views("ana", "es")]
    have = {f.name for f in fields(ParticipantQuery)}
    assert ("controles atrasados" in names) == ("checkin_overdue" in have)
    assert ("mis casos" in names) == ("caseworker" in have)


def test_the_search_term_is_stored_inside_the_encrypted_vault_only(session, vault_dir):
    session.saved_views.save("buscar", ParticipantQuery(search="Valentina Carrasco"))
    session.close()
    for path in vault_dir.rglob("*"):
        if path.is_file():
            assert b"Valentina" not in path.read_bytes()
