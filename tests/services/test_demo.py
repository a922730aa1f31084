"""Demo vault: reproducible by seed, valid unique RUTs, the whole life cycle, a sound audit chain."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from dmi_desktop.domain.errors import DmiError, PermissionDenied
from dmi_desktop.domain.rut import is_valid_rut
from dmi_desktop.domain.status import INITIAL_STATUS, Status, check_transition
from dmi_desktop.services import demo_data
from dmi_desktop.services.demo import DemoCancelled, create_demo_vault, ensure_demo_vault, populate_demo
from dmi_desktop.services.organisation import OrganisationService
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.paths import DEMO_PASSPHRASE, DEMO_USER, demo_vault
from dmi_desktop.services.session import Session
from dmi_desktop.storage.keyslots import TEST_KDF
from tests.conftest import STAFF

PHONE = re.compile(r"^\+56 9 \d{4} \d{4}$")


@pytest.fixture(scope="module")
def demo_300(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One 300-participant demo vault for the read-only checks of this module."""
    folder = tmp_path_factory.mktemp("demo") / "vault"
    create_demo_vault(folder, participants=300, seed=2026, kdf=TEST_KDF)
    return folder


@pytest.fixture
def demo(demo_300: Path, tmp_path: Path):
    """A copy of the module's demo vault (each unlock moves its installation token on: never reuse in place)."""
    folder = tmp_path / "demo"
    shutil.copytree(demo_300, folder)
    session = Session.unlock(folder, DEMO_PASSPHRASE)
    yield session
    session.close()


def identities(folder: Path) -> list[tuple[str, str, str, str]]:
    session = Session.unlock(folder, DEMO_PASSPHRASE)
    try:
        return sorted((p.nombres, p.apellido_paterno, p.apellido_materno, p.rut) for p in session.participants.list())
    finally:
        session.close()


def test_same_seed_gives_the_same_people_and_another_seed_does_not(tmp_path):
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        create_demo_vault(tmp_path / name, participants=25, seed=seed, kdf=TEST_KDF)
    first = identities(tmp_path / "a")
    assert len(first) == 25
    assert identities(tmp_path / "b") == first
    assert identities(tmp_path / "c") != first


def test_ruts_are_valid_and_unique(demo):
    ruts = [p.rut for p in demo.participants.list()]
    present = [r for r in ruts if r]
    assert len(present) >= 0.9 * len(ruts)
    assert all(is_valid_rut(r) for r in present)
    assert len(set(present)) == len(present)


def test_every_state_of_the_life_cycle_is_present_and_most_are_in_the_programme(demo):
    counts = Counter(p.status for p in demo.participants.list())
    assert sum(counts.values()) == 300
    assert set(counts) == set(Status)
    assert counts[Status.MONITORING] + counts[Status.ENROLLED] > 0.25 * 300
    assert counts[Status.MONITORING] == max(counts.values())


def test_each_file_reached_its_state_by_legal_audited_moves(demo):
    svc = demo.participants
    for person in svc.list()[:120]:
        moves = [e for e in reversed(svc.history(person.id)) if e.action == "participant.status"]
        state = INITIAL_STATUS
        for entry in moves:
            assert entry.before["status"] == state and entry.after["reason"]
            check_transition(state, entry.after["status"])
            state = Status(entry.after["status"])
        assert state is person.status


def test_audit_chain_verifies_and_the_demo_is_one_batch_entry(demo):
    result = demo.verify_audit()
    # 300 files, thousands of writes: one batch entry, plus the few edits whose old values exist nowhere else.
    assert result.ok and result.entries < 100
    people = demo.participants.list()
    (batch,) = [e for e in demo.vault.audit.for_entity(people[0].id) if e.action == "demo.populate"]
    assert batch.payload["people"] == len(people) and not any(p.id in batch.payload_body for p in people)
    assert all(batch in demo.vault.audit.for_entity(p.id) for p in people)  # each named once, as a reference
    assert batch.after["participants"] == 300 and batch.after["counts"]["participant.status"] > 300


def test_every_demo_status_move_is_in_the_status_history_with_its_reason(demo):
    for p in demo.participants.list()[:40]:
        changes = demo.participants.status_history(p.id)
        assert (changes[0].to_status if changes else "identified") == p.status.value
        assert all(c.reason for c in changes)


def test_people_look_like_las_condes(demo):
    today = date.today()
    people = demo.participants.list()
    assert {p.sector for p in people} <= set(demo_data.SECTORS)
    assert Counter(p.sector for p in people).most_common(1)[0][0] == "Colón Oriente"
    assert all(PHONE.match(p.phone) for p in people if p.phone)
    ages = [p.age_on(today) for p in people]
    assert min(ages) >= 16 and max(ages) <= 46
    assert 0 < sum(1 for p in people if p.is_minor_on(today)) < 0.1 * len(people)
    assert sum(1 for p in people if p.alias) > 0.2 * len(people)
    assert all(p.case_no.startswith("DEMO-") for p in people)
    assert all(len(p.apellido_paterno) > 1 and p.nombres for p in people)


def test_files_hold_what_their_state_implies(demo):
    svc = demo.participants
    for person in svc.list():
        file = svc.file(person.id)
        assert 1 <= len(file.influentials) <= 3
        if person.status in (Status.MONITORING, Status.COMPLETED):
            assert file.checkins and file.referrals and file.banked_case is not None
            assert file.banked_case.expires_on > file.banked_case.banked_on
            assert re.match(r"^\d{10}-[\dK]$", file.banked_case.ruc)
            assert all(r.provider for r in file.referrals)
        if person.status in (Status.ELIGIBLE, Status.NOT_ELIGIBLE):
            assert file.reviews and file.reviews[-1].decision.value == person.status.value
        if person.status is Status.CASE_ACTIVATED and file.violations:
            assert file.violations[0].case_activated
        if person.status is Status.FAMILY_CONTACTED:
            assert any(i.visited_on for i in file.influentials)
        for day in [c.day for c in file.checkins] + [r.referred_on for r in file.referrals]:
            assert day <= date.today()


def test_list_shows_last_check_in_for_people_in_monitoring(demo):
    rows = demo.participants.rows(ParticipantQuery(status=(Status.MONITORING,)), 0, 500)
    assert rows and all(r.last_checkin is not None for r in rows)


def test_vault_carries_the_las_condes_letterhead_and_demo_user(demo):
    letterhead = OrganisationService(demo).get()
    assert letterhead.organisation == "Municipalidad de Las Condes"
    assert letterhead.programme == "Segunda Oportunidad"
    assert demo.user == DEMO_USER and demo.device_code == "DEMO"


def test_files_past_identification_are_the_demo_users_cases(demo):
    # "Mis casos" on the demo vault shows something: whoever moved a file on handles it.
    mine = demo.participants.list(ParticipantQuery(caseworker=DEMO_USER))
    identified = demo.participants.list(ParticipantQuery(status=(Status.IDENTIFIED,)))
    assert mine and all(p.status is not Status.IDENTIFIED for p in mine)
    assert identified and all(p.caseworker == "" for p in identified)


def test_demo_files_can_be_worked_on_afterwards(demo):
    person = demo.participants.list(ParticipantQuery(status=(Status.MONITORING,)))[0]
    demo.participants.set_status(person.id, Status.COMPLETED, "cumplió")
    demo.participants.add_record("notes", person.id, {"body": "Egreso."})
    assert demo.participants.get(person.id).status is Status.COMPLETED
    assert demo.verify_audit().ok


def test_populate_is_all_or_nothing_when_cancelled(session):
    before = session.verify_audit().entries
    seen = []
    with pytest.raises(DemoCancelled):
        populate_demo(
            session,
            participants=30,
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) >= 10,
        )
    assert seen[-1] == (10, 30)
    assert session.participants.count(ParticipantQuery()) == 0
    assert session.verify_audit().entries == before


def test_populate_adds_to_an_open_vault_and_reports_progress(session):
    session.participants.create({"nombres": "Ya", "apellido_paterno": "Estaba"})
    seen = []
    assert populate_demo(session, participants=20, seed=3, progress=lambda d, t: seen.append((d, t))) == 20
    assert seen[-1] == (20, 20) and len(seen) == 20
    assert session.participants.count(ParticipantQuery()) == 21


def test_staff_cannot_fill_a_vault_with_demo_data(open_session):
    staff = open_session(STAFF)
    with pytest.raises(PermissionDenied):
        populate_demo(staff, participants=5)
    assert staff.participants.count(ParticipantQuery()) == 0


def test_ensure_demo_vault_creates_once_in_the_data_folder(tmp_path):
    folder = ensure_demo_vault(participants=8, kdf=TEST_KDF)
    assert folder == demo_vault()
    assert len(identities(folder)) == 8
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert ensure_demo_vault(participants=8, kdf=TEST_KDF) == folder
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert [p.name for p in folder.parent.iterdir() if p.name.startswith(".")] == []  # no build leftovers


def test_ensure_demo_vault_refuses_a_folder_holding_other_things(tmp_path):
    folder = tmp_path / "ocupada"
    folder.mkdir()
    (folder / "notas.txt").write_text("mío")
    with pytest.raises(DmiError, match="no está vacía"):
        ensure_demo_vault(folder, participants=3, kdf=TEST_KDF)
    assert [p.name for p in folder.iterdir()] == ["notas.txt"]


def test_a_cancelled_demo_build_leaves_nothing_behind(tmp_path):
    folder = tmp_path / "demo"
    with pytest.raises(DemoCancelled):
        ensure_demo_vault(folder, participants=10, kdf=TEST_KDF, cancelled=lambda: True)
    assert not folder.exists() and [p.name for p in tmp_path.iterdir() if p.name != "home"] == []


def test_the_demo_vault_is_written_packed(demo_300, tmp_path):
    # Built in one go, the file is rewritten packed at the end: copying it packed saves nothing more.
    folder = tmp_path / "demo"
    shutil.copytree(demo_300, folder)
    session = Session.unlock(folder, DEMO_PASSPHRASE)
    try:
        packed = tmp_path / "packed.db"
        session.vault.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = (folder / "vault.db").stat().st_size
        session.vault.db.execute(f"VACUUM INTO '{packed}'")
    finally:
        session.close()
    assert size <= packed.stat().st_size + 4 * 4096  # an unlock's own writes: a few pages at most
