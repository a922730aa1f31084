"""The participant file through the service: validation, life cycle, search, case numbers, sync stamps."""

import json
from datetime import date

import pytest

from dmi_desktop.domain import messages
from dmi_desktop.domain.errors import DuplicateRut, IllegalTransition, NotFound, ValidationError
from dmi_desktop.domain.hlc import Timestamp
from dmi_desktop.domain.status import Status
from dmi_desktop.services.changes import ChangeKind
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.session import Session
from dmi_desktop.storage.keyslots import TEST_KDF
from dmi_desktop.storage.records import field_clocks
from dmi_desktop.storage.repositories import ParticipantRepository
from tests.conftest import PASSPHRASE

TODAY = date(2025, 6, 1)
JOSE = {
    "nombres": "José Miguel",
    "apellido_paterno": "Pérez",
    "apellido_materno": "Quispe",
    "alias": "El Chico",
    "rut": "7.654.321-6",
    "sector": "Colón Oriente",
}


@pytest.fixture(autouse=True)
def _spanish():
    messages.set_language("es")
    yield
    messages.set_language("es")


@pytest.fixture
def svc(session):
    return session.participants


def _names(svc, **query):
    return [r.full_name for r in svc.rows(ParticipantQuery(**query))]


def _audit_size(session):
    return session.vault.db.execute("SELECT count(*) FROM audit_entries").fetchone()[0]


def test_create_stores_normalised_values_and_starts_the_life_cycle(svc, session):
    p = svc.create(JOSE)
    assert p.rut == "7654321-6" and p.status is Status.IDENTIFIED
    assert p.case_no.startswith(f"LC1-{date.today().year}-") and p.case_no.endswith("00001")
    assert svc.get(p.case_no.lower()).id == p.id  # found by case number as typed
    entry = session.vault.audit.for_entity(p.id)[0]
    assert entry.action == "participant.create" and entry.user == "coordinadora"
    # The audit names what was set; the values live in the file (and leave with an erasure).
    assert {"nombres", "apellido_paterno", "rut"} <= set(entry.fields) and entry.payload is None


@pytest.mark.parametrize("field", ["case_no", "id", "deleted", "photo", "_clock", "origin"])
def test_internal_fields_cannot_be_set_by_create_or_update(svc, session, field):
    p = svc.create(JOSE)
    before = _audit_size(session)
    with pytest.raises(ValidationError):
        svc.create({**JOSE, "rut": "", field: "x"})
    with pytest.raises(ValidationError):
        svc.update(p.id, {field: "x"})
    assert _audit_size(session) == before and svc.get(p.id).case_no == p.case_no


def test_status_only_moves_along_the_life_cycle(svc, session):
    p = svc.create(JOSE)
    with pytest.raises(ValidationError, match="set_status"):
        svc.update(p.id, {"status": "completed"})
    before = _audit_size(session)
    with pytest.raises(IllegalTransition, match="«identificado» a «inscrito»"):
        svc.set_status(p.id, Status.ENROLLED)
    with pytest.raises(ValidationError, match="estado desconocido"):
        svc.set_status(p.id, "jubilado")
    assert svc.get(p.id).status is Status.IDENTIFIED and _audit_size(session) == before
    assert svc.allowed_statuses(p.id) == [Status.UNDER_REVIEW, Status.DROPPED]
    svc.set_status(p.id, "en revisión", reason="  caso   revisado ")
    entry = session.vault.audit.for_entity(p.id)[0]
    assert (entry.action, entry.before, entry.after) == (
        "participant.status",
        {"status": "identified"},
        {"status": "under_review"},
    )
    (change,) = svc.status_history(p.id)
    assert (change.from_status, change.to_status, change.reason) == ("identified", "under_review", "caso revisado")


def test_an_import_may_give_an_initial_status(svc):
    p = svc.create({**JOSE, "status": "en seguimiento"})
    assert p.status is Status.MONITORING


def test_update_records_only_what_changed_with_fresh_field_clocks(svc, session):
    p = svc.create(JOSE)
    row = session.vault.db.execute("SELECT created_hlc, updated_hlc, _clock FROM participants").fetchone()
    assert row[0] == row[1] and row[2] == "{}"
    after = svc.update(p.id, {"alias": "El Flaco", "nombres": "José Miguel"})  # nombres unchanged
    created, updated, clock = session.vault.db.execute(
        "SELECT created_hlc, updated_hlc, _clock FROM participants"
    ).fetchone()
    assert updated > created and json.loads(clock) == {"alias": updated}
    clocks = field_clocks(["alias", "nombres"], clock, created)
    assert clocks == {"alias": updated, "nombres": created}
    entry = session.vault.audit.for_entity(p.id)[0]
    assert (entry.before, entry.after) == ({"alias": "El Chico"}, {"alias": "El Flaco"})
    assert after.alias == "El Flaco" and after.updated_hlc == updated
    assert svc.update(p.id, {"alias": "El Flaco"}).updated_hlc == updated  # no change, no new stamp


def test_rut_is_unique_among_live_participants(svc, session):
    first = svc.create(JOSE)
    with pytest.raises(DuplicateRut, match=f"el RUT 7.654.321-6 ya existe: caso {first.case_no}") as taken:
        svc.create({"nombres": "Otro", "apellido_paterno": "Más", "rut": "76543216"})
    assert (taken.value.participant_id, taken.value.case_no) == (first.id, first.case_no)  # the UI opens it
    other = svc.create({"nombres": "Otro", "apellido_paterno": "Más"})
    with pytest.raises(ValidationError, match="RUT"):
        svc.update(other.id, {"rut": "7654321-6"})
    # A tombstoned participant no longer holds the RUT.
    with session.vault.atomic():
        ParticipantRepository(session.vault).delete(first.id)
    svc.update(other.id, {"rut": "7654321-6"})
    assert svc.get(other.id).rut == "7654321-6"


def test_create_many_is_all_or_nothing(svc, session):
    rows = [
        {"nombres": "Ana", "apellido_paterno": "Uno", "rut": "12.345.678-5"},
        {"nombres": "Beto", "apellido_paterno": "Dos"},
        {"nombres": "Caro", "apellido_paterno": "Tres", "rut": "12345678-5"},  # duplicate of the first
    ]
    before = _audit_size(session)
    with pytest.raises(ValidationError, match="RUT"):
        svc.create_many(rows)
    assert svc.count(ParticipantQuery()) == 0 and _audit_size(session) == before
    created = svc.create_many(rows[:2])
    assert [p.nombres for p in created] == ["Ana", "Beto"]


def test_writes_are_announced_after_commit(svc, session):
    seen = []
    session.bus.subscribe(seen.append)
    p = svc.create(JOSE)
    svc.set_status(p.id, Status.UNDER_REVIEW)
    note = svc.add_record("notes", p.id, {"body": "hola"}, today=TODAY)
    svc.delete_record("notes", note.id)
    assert [(c.entity, c.kind) for c in seen] == [
        ("participant", ChangeKind.CREATED),
        ("participant", ChangeKind.STATUS),
        ("notes", ChangeKind.CREATED),
        ("notes", ChangeKind.DELETED),
    ]
    assert all(c.participant_id == p.id for c in seen)
    with pytest.raises(ValidationError):
        svc.create({"nombres": ""})
    assert len(seen) == 4  # a refused write announces nothing


def test_the_file_holds_every_kind_of_record_and_deleted_ones_disappear(svc):
    p = svc.create(JOSE)
    svc.add_record("influentials", p.id, {"name": "Marta Pérez", "relationship": "madre"}, today=TODAY)
    review = {"still_active": True, "decision": "eligible", "rationale": "bajo nivel", "review_date": "2025-01-10"}
    svc.add_record("eligibility_reviews", p.id, review, today=TODAY)
    svc.add_record("banked_cases", p.id, {"ruc": "2400123456-7", "buy_dates": "2025-01-02, 2025-01-09"}, today=TODAY)
    svc.add_record("referrals", p.id, {"kind": "employment", "provider": "OMIL"}, today=TODAY)
    old = svc.add_record("checkins", p.id, {"day": "2025-05-01"}, today=TODAY)
    svc.add_record("checkins", p.id, {"day": "2025-05-20"}, today=TODAY)
    svc.add_record("violations", p.id, {"day": "2025-05-25", "description": "venta"}, today=TODAY)
    svc.add_record("notes", p.id, {"body": "visita"}, today=TODAY)
    svc.delete_record("checkins", old.id)
    f = svc.file(p.id)
    assert f.influentials[0].relationship == "madre" and f.reviews[0].still_active is True
    assert f.banked_case.buy_dates == [date(2025, 1, 2), date(2025, 1, 9)]
    assert [c.day for c in f.checkins] == [date(2025, 5, 20)]
    assert len(f.referrals) == len(f.violations) == len(f.notes) == 1
    assert svc.rows(ParticipantQuery())[0].last_checkin == date(2025, 5, 20)
    with pytest.raises(NotFound):
        svc.update_record("checkins", old.id, {"notes": "x"}, today=TODAY)
    with pytest.raises(ValidationError, match="table"):
        svc.add_record("evidence", p.id, {}, today=TODAY)


@pytest.mark.parametrize(
    "typed",
    ["jose", "JOSÉ", "perez", "Pérez", "quispe", "jos", "pere", "José Pérez", "pérez josé", "el chico", "chico"],
)
def test_search_is_accent_and_case_insensitive_over_names_and_alias(svc, typed):
    svc.create(JOSE)
    svc.create({"nombres": "María", "apellido_paterno": "González", "alias": "La Flaca"})
    assert _names(svc, search=typed) == ["José Miguel Pérez Quispe"]


@pytest.mark.parametrize(
    "typed", ["7.654.321-6", "7654321-6", "76543216", "7.654.321", "7654321", "7.654", "765", "RUT 7.654.321-6"]
)
def test_search_finds_a_rut_however_it_is_typed(svc, typed):
    svc.create(JOSE)
    svc.create({"nombres": "María", "apellido_paterno": "González", "rut": "12.345.678-5"})
    assert _names(svc, search=typed) == ["José Miguel Pérez Quispe"]


def test_search_with_a_k_check_digit(svc):
    svc.create({"nombres": "Kevin", "apellido_paterno": "Rojas", "rut": "10.000.013-K"})
    assert _names(svc, search="10.000.013-k") == ["Kevin Rojas"]


@pytest.mark.parametrize("typed", ['"', "*", "(", ")", "AND", "NOT", "-", "'", "^", "a:b", "NEAR(", "_"])
def test_odd_search_input_never_raises(svc, typed):
    svc.create(JOSE)
    svc.rows(ParticipantQuery(search=typed))
    svc.count(ParticipantQuery(search=typed))


def test_tombstoned_participants_disappear_from_search_and_lists(svc, session):
    p = svc.create(JOSE)
    with session.vault.atomic():
        ParticipantRepository(session.vault).delete(p.id)
    assert _names(svc, search="jose") == [] and svc.count(ParticipantQuery()) == 0
    with pytest.raises(NotFound):
        svc.get(p.id)


def test_renaming_updates_search_and_sort_order(svc):
    a = svc.create({"nombres": "Ana", "apellido_paterno": "Zúñiga"})
    svc.create({"nombres": "Beto", "apellido_paterno": "Álvarez"})
    assert _names(svc) == ["Beto Álvarez", "Ana Zúñiga"]  # surnames first, accents ignored
    svc.update(a.id, {"apellido_paterno": "Abarca"})
    assert _names(svc) == ["Ana Abarca", "Beto Álvarez"]
    assert _names(svc, search="zuniga") == [] and _names(svc, search="abarca") == ["Ana Abarca"]


def test_filters_sorting_and_paging_happen_in_sql(svc):
    for i in range(30):
        p = svc.create(
            {"nombres": f"N{i:02d}", "apellido_paterno": "Soto", "sector": "Estadio" if i % 3 else "Apoquindo"}
        )
        if i % 5 == 0:
            svc.set_status(p.id, Status.UNDER_REVIEW)
    q = ParticipantQuery(sector="Estadio", status=(Status.IDENTIFIED,))
    assert svc.count(q) == len([i for i in range(30) if i % 3 and i % 5])
    page1, page2 = svc.rows(q, 0, 5), svc.rows(q, 5, 5)
    assert len(page1) == 5 and not {r.id for r in page1} & {r.id for r in page2}
    names = [r.full_name for r in svc.rows(ParticipantQuery(descending=True), 0, 3)]
    assert names == ["N29 Soto", "N28 Soto", "N27 Soto"]
    assert svc.sectors() == ["Apoquindo", "Estadio"]
    by_case = [r.case_no for r in svc.rows(ParticipantQuery(sort="case_no"), 0, 30)]
    assert by_case == sorted(by_case)


def test_case_numbers_are_unique_across_two_laptops(tmp_path, session):
    other, _ = Session.create(tmp_path / "otro", user="ana", passphrase=PASSPHRASE, device_code="PDH", kdf=TEST_KDF)
    try:
        mine = [session.participants.create({"nombres": f"A{i}", "apellido_paterno": "X"}).case_no for i in range(3)]
        theirs = [other.participants.create({"nombres": f"B{i}", "apellido_paterno": "Y"}).case_no for i in range(3)]
    finally:
        other.close()
    assert not set(mine) & set(theirs)
    assert all(c.startswith("LC1-") for c in mine) and all(c.startswith("PDH-") for c in theirs)
    assert [c[-5:] for c in mine] == [c[-5:] for c in theirs] == ["00001", "00002", "00003"]


def test_stamps_never_go_back_after_reopening_with_a_clock_set_back(vault_dir, monkeypatch):
    session = Session.unlock(vault_dir, PASSPHRASE)
    far_future = Timestamp(10**14, 0, "otro-equipo").encode()  # a row written while the clock ran far ahead
    p = session.participants.create(JOSE)
    with session.vault.atomic():
        # Whoever writes a stamp takes it into the vault's clock, saved with the commit (rows are not re-read
        # at unlock: schema 5 dropped the updated_hlc indexes that made that cheap).
        session.vault.hlc.observe(far_future)
        session.vault.db.execute(
            "INSERT INTO notes (id, created_hlc, updated_hlc, origin, participant_id, body) VALUES (?,?,?,?,?,?)",
            ("n1", far_future, far_future, "otro-equipo", p.id, "nota"),
        )
    session.close()
    session = Session.unlock(vault_dir, PASSPHRASE)
    try:
        after = session.participants.update(p.id, {"alias": "Nuevo"})
        assert after.updated_hlc > far_future
    finally:
        session.close()


@pytest.mark.parametrize("sort", ["name", "status", "sector", "last_checkin", "alias", "case_no", "rut"])
def test_broad_searches_read_in_index_order_with_the_same_results(svc, monkeypatch, sort):
    from dmi_desktop.storage import repositories

    for i in range(24):
        p = svc.create(
            {
                "nombres": "José" if i % 3 else "Ana",
                "apellido_paterno": f"Soto{i % 5}",
                "alias": f"El {i % 4}",
                "sector": f"S{i % 2}",
            }
        )
        if i % 4 == 0:
            svc.set_status(p.id, Status.UNDER_REVIEW)
    for descending in (False, True):
        q = ParticipantQuery(search="jose", sort=sort, descending=descending)
        monkeypatch.setattr(repositories, "BROAD_SEARCH", 10**9)
        narrow = [r.id for r in svc.rows(q, 2, 7)]
        monkeypatch.setattr(repositories, "BROAD_SEARCH", 0)
        broad = [r.id for r in svc.rows(q, 2, 7)]
        assert broad == narrow and len(broad) == 7
        assert svc.count(q) == 16


def test_case_numbers_skip_ones_already_taken_when_the_counter_lags(svc, session):
    first = svc.create({"nombres": "A", "apellido_paterno": "X"})
    svc.create({"nombres": "B", "apellido_paterno": "X"})
    with session.vault.atomic():  # as after restoring an older backup while the rows came back from a peer
        session.vault.db.execute("DELETE FROM sequences")
    third = svc.create({"nombres": "C", "apellido_paterno": "X"})
    assert third.case_no.endswith("00003") and third.case_no[:-5] == first.case_no[:-5]
