"""Vaults written by released code (tests/fixtures/vaults) open with today's code, upgraded, every datum intact."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dmi_desktop.cli.main import main as cli_main
from dmi_desktop.domain.roles import Role
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.session import Session
from dmi_desktop.storage.backup import open_backup, read_header
from dmi_desktop.storage.connection import open_database
from dmi_desktop.storage.schema import SYNCABLE_TABLES, apply_migrations, latest_version, schema_version
from tests.conftest import COORDINATOR, PASSPHRASE, PASSPHRASES
from tests.storage.helpers import fingerprint

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vaults"
VERSIONS = sorted(int(p.name[1:]) for p in FIXTURES.glob("v*") if p.is_dir() and p.name[1:].isdigit())
VAULT_FILES = ("vault.db", "vault.keys")


def _expected(version: int) -> dict[str, Any]:
    return json.loads((FIXTURES / f"v{version}" / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(params=VERSIONS, ids=lambda v: f"v{v}")
def fixture_copy(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """A copy of one committed fixture vault and what its generator read from it; the original is never opened."""
    assert os.environ["DMI_HOME"].startswith(str(tmp_path))  # the autouse isolation of tests/conftest.py applies
    source = FIXTURES / f"v{request.param}"
    before = fingerprint(source)
    folder = tmp_path / "vault"
    folder.mkdir()
    for name in VAULT_FILES:
        shutil.copy2(source / name, folder / name)
    yield folder, _expected(request.param)
    assert fingerprint(source) == before, "a committed fixture was modified"


@pytest.fixture
def upgraded(fixture_copy: tuple[Path, dict[str, Any]]) -> Iterator[tuple[Session, dict[str, Any]]]:
    """The copy unlocked by the coordinator with today's code (which migrates it), and the expectations."""
    folder, expected = fixture_copy
    session = Session.unlock(folder, PASSPHRASE, COORDINATOR)
    yield session, expected
    session.close()


def test_every_released_schema_before_the_latest_has_its_fixture():
    assert {1, 2} <= set(VERSIONS)
    assert set(range(1, latest_version())) <= set(VERSIONS)
    for version in VERSIONS:
        folder = FIXTURES / f"v{version}"
        assert sorted(p.name for p in folder.iterdir()) == ["expected.json", "vault.db", "vault.keys"]
        expected = _expected(version)
        assert expected["schema_version"] == expected["made_by"]["schema"] == version
        assert not (folder / "vault.db").read_bytes().startswith(b"SQLite format 3")


def test_it_opens_at_the_latest_schema_and_an_older_one_is_backed_up_first(fixture_copy):
    folder, expected = fixture_copy
    old = expected["schema_version"]
    session = Session.unlock(folder, PASSPHRASE, COORDINATOR)
    try:
        assert schema_version(session.vault.db) == latest_version()
    finally:
        session.close()
    backups = sorted((folder / "backups").glob("*.dmibackup")) if (folder / "backups").exists() else []
    if old == latest_version():
        assert backups == []
        return
    assert [b.name.startswith(f"antes-de-migrar-v{old}-") for b in backups] == [True]
    header, *_ = read_header(backups[0])
    assert header.schema_version == old
    assert open_backup(backups[0], passphrase=PASSPHRASE)[0].schema_version == old  # authentic and readable
    Session.unlock(folder, PASSPHRASE, COORDINATOR).close()  # opening again migrates nothing more
    assert len(list((folder / "backups").glob("*.dmibackup"))) == 1


def _schema_objects(db) -> set[tuple[str, str, str]]:
    return {
        (r[0], r[1], " ".join((r[2] or "").split()))
        for r in db.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
    }


def test_the_upgraded_schema_is_exactly_that_of_a_new_vault(upgraded, tmp_path):
    session, _ = upgraded
    fresh = open_database(tmp_path / "fresh.db", bytes(range(32)), create=True)
    try:
        apply_migrations(fresh)
        assert _schema_objects(session.vault.db) == _schema_objects(fresh)
    finally:
        fresh.close()


def test_the_vault_identity_and_organisation_are_kept(upgraded):
    session, expected = upgraded
    vault = session.vault
    assert vault.meta("vault_id") == vault.keyfile.vault_id == expected["vault_id"]
    if expected["schema_version"] < 3:  # made before installation records existed: adopted as it is
        assert (vault.device_id, vault.device_code) == (expected["device_id"], expected["device_code"])
    else:
        # Schema 3 records its installation: a copy this computer never saw gets a new device identity,
        # and the old one stays on record (its audit chain untouched).
        assert vault.device_id != expected["device_id"] and vault.device_code != expected["device_code"]
        known = {r[0] for r in vault.db.execute("SELECT device_id FROM device_identities")}
        assert {expected["device_id"], vault.device_id} <= known
    assert session.organisation == expected["organisation"] == "Municipalidad de Las Condes"


def test_every_participant_is_there_with_the_same_fields(upgraded):
    session, expected = upgraded
    svc = session.participants
    query = ParticipantQuery()
    last = {r.id: r.last_checkin for r in svc.rows(query, 0, 1000)}
    now = {
        p.id: {
            "id": p.id,
            "case_no": p.case_no,
            "nombres": p.nombres,
            "apellido_paterno": p.apellido_paterno,
            "apellido_materno": p.apellido_materno,
            "alias": p.alias,
            "rut": p.rut,
            "birth_date": p.birth_date.isoformat() if p.birth_date else None,
            "sex": p.sex,
            "phone": p.phone,
            "address": p.address,
            "sector": p.sector,
            "status": p.status.value,
            "has_photo": p.has_photo,
            "last_checkin": last[p.id].isoformat() if last[p.id] else None,
        }
        for p in svc.list(query)
    }
    assert len(expected["participants"]) == expected["tables"]["participants"]["live"] == 22
    assert svc.count(query) == len(now) == 22
    for person in expected["participants"]:
        assert now[person["id"]] == person
        assert svc.get(person["case_no"]).id == person["id"]  # case numbers still resolve
    # Schema 7 added who handles each file: nobody for every file written before it (not the user opening it).
    assert {p.caseworker for p in svc.list(query)} == {""}
    assert svc.count(ParticipantQuery(caseworker=COORDINATOR)) == 0


def test_users_roles_passphrases_and_the_recovery_key_still_open_it(fixture_copy):
    folder, expected = fixture_copy
    users = {u["name"]: Role(u["role"]) for u in expected["users"]}
    assert users == {"coordinadora": Role.COORDINATOR, "equipo": Role.STAFF, "consulta": Role.VIEWER}
    assert expected["passphrases"] == PASSPHRASES
    for name, role in users.items():
        session = Session.unlock(folder, PASSPHRASES[name], name)
        try:
            assert (session.user, session.role) == (name, role)
            assert {u.name: u.role for u in session.users.list()} == users
        finally:
            session.close()
    session = Session.unlock_with_recovery(folder, expected["recovery_key"])
    try:
        assert (session.user, session.role) == ("coordinadora", Role.COORDINATOR)
    finally:
        session.close()


def test_live_and_tombstoned_rows_per_table_are_the_same(upgraded):
    session, expected = upgraded
    # Schema 3 added the status history, filled from the old audit: one row per recorded status change.
    # Schema 5 added the meeting tables, empty in every vault made before it.
    meeting_tables = {"venues", "contacts", "meetings", "invitees"}
    assert set(SYNCABLE_TABLES) == set(expected["tables"]) | {"status_changes"} | meeting_tables
    for table in meeting_tables - set(expected["tables"]):
        assert session.vault.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    count = session.vault.db.execute("SELECT count(*) FROM status_changes WHERE deleted = 0").fetchone()[0]
    assert count == len(expected["status_changes"])
    for table in expected["tables"]:
        live, dead = session.vault.db.execute(
            f"SELECT count(*) FILTER (WHERE deleted = 0), count(*) FILTER (WHERE deleted <> 0) FROM {table}"
        ).fetchone()
        assert {"live": live, "tombstoned": dead} == expected["tables"][table], table
    assert expected["tables"]["checkins"]["tombstoned"] == 1


def test_integrity_is_clean_and_the_audit_verifies_with_every_old_entry(upgraded):
    session, expected = upgraded
    assert expected["integrity_problems"] == [] and expected["audit"]["verify"]["ok"]
    assert session.vault.integrity_problems() == []
    result = session.verify_audit()
    legacy = expected["schema_version"] < 3
    # The old entries and the unlock just made, plus: for schemas 1-2 the entry of the migration that moved
    # them into this device's chain; for schema 3 (a copy from another computer) the renewed device identity.
    assert result.ok and result.entries == expected["audit"]["entries"] + 2
    actions = Counter(dict(session.vault.db.execute("SELECT action, count(*) FROM audit_entries GROUP BY action")))
    added = "vault.migrate" if legacy else "vault.identity_renewed"
    assert actions == Counter(expected["audit"]["actions"]) + Counter({"vault.unlock": 1, added: 1})
    if legacy:
        (migrate,) = [e for e in session.vault.audit.chain(session.vault.device_id) if e.action == "vault.migrate"]
        assert migrate.payload == {
            "from_schema": "1-2",
            "legacy_chain": "ok",
            "legacy_entries": expected["audit"]["entries"],
        }
    assert {"participant.update", "participant.photo", "checkins.delete", "participant.export"} <= set(actions)
    assert {"participant.import_file", "user.add", "user.passphrase"} <= set(actions)
    if legacy:  # before schema 3 an import also wrote one entry per participant
        assert "participant.import" in actions


def test_the_check_command_finds_nothing_wrong(fixture_copy, monkeypatch, capsys):
    folder, expected = fixture_copy
    monkeypatch.setenv("DMI_PASSPHRASE", PASSPHRASE)
    assert cli_main(["--vault", str(folder), "--user", COORDINATOR, "--json", "check"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["problems"] == []
    assert report["audit_entries"] == expected["audit"]["entries"] + 2


def test_every_status_change_and_its_reason_is_in_the_history(upgraded):
    session, expected = upgraded
    assert len(expected["status_changes"]) > 20
    seen = []
    for pid in sorted({c["participant_id"] for c in expected["status_changes"]}):
        changes = session.participants.status_history(pid)
        history = [e for e in session.participants.history(pid) if e.action == "participant.status"]
        assert len(history) == len(changes)  # the History tab shows each one once
        for c in changes:
            seen.append(
                {
                    "hlc": c.created_hlc,
                    "participant_id": c.participant_id,
                    "before": c.from_status,
                    "after": c.to_status,
                    "reason": c.reason,
                    "user": c.changed_by,
                    "at": c.at,
                }
            )
    seen.sort(key=lambda c: c.pop("hlc"))
    assert seen == [{k: v for k, v in c.items() if k != "seq"} for c in expected["status_changes"]]
    # The last two moves are the generator's own: one by the coordinator, then one by the staff member.
    made = [
        (c["participant_id"], c["before"], c["after"], c["reason"]) for c in expected["operations"]["status_changes"]
    ]
    assert [(c["participant_id"], c["before"], c["after"], c["reason"]) for c in seen[-2:]] == made
    assert [c["user"] for c in seen[-2:]] == ["coordinadora", "equipo"]


def test_the_edit_photo_tombstone_and_import_show_through_todays_code(upgraded):
    session, expected = upgraded
    ops, svc = expected["operations"], session.participants
    edited = ops["edited"]
    person = svc.get(edited["participant_id"])
    assert (person.apellido_materno, person.alias, person.phone) == ("Valdebenito", "Chispa", "+56 9 8765 4321")
    for typed in ("valdebenito", "chispa"):  # the FTS index was rewritten by the old code and still answers
        assert [r.id for r in svc.rows(ParticipantQuery(search=typed))] == [person.id]
    photo = svc.photo(ops["photo"]["participant_id"])
    assert photo is not None and photo.startswith(b"\x89PNG")
    assert hashlib.sha256(photo).hexdigest() == ops["photo"]["sha256"]
    gone = ops["tombstoned"]
    assert gone["record_id"] not in {c.id for c in svc.file(gone["participant_id"]).checkins}
    assert svc.file(gone["participant_id"]).checkins  # the older check-ins are still there
    for pid in ops["imported"]["participant_ids"]:
        assert svc.get(pid).status.value == "identified"
    assert len(ops["imported"]["participant_ids"]) == ops["imported"]["created"] == 2


def test_todays_code_keeps_writing_to_the_upgraded_vault(fixture_copy):
    folder, expected = fixture_copy
    session = Session.unlock(folder, PASSPHRASE, COORDINATOR)
    try:
        svc = session.participants
        p = svc.create({"nombres": "Rosa", "apellido_paterno": "Tapia", "rut": "7.654.321-6"})
        assert p.case_no not in {q["case_no"] for q in expected["participants"]}
        svc.set_status(p.id, "under_review", "revisión después de actualizar")
        edited = expected["operations"]["edited"]["participant_id"]
        svc.update(edited, {"alias": "Chispita"})
        note = svc.add_record("notes", edited, {"body": "nota escrita con la versión actual"})
        svc.delete_record("notes", note.id)
    finally:
        session.close()
    session = Session.unlock(folder, PASSPHRASE, COORDINATOR)
    try:
        svc = session.participants
        assert [r.id for r in svc.rows(ParticipantQuery(search="rosa tapia"))] == [p.id]
        assert svc.get(p.id).status.value == "under_review"
        assert svc.get(edited).alias == "Chispita"
        assert svc.count(ParticipantQuery()) == len(expected["participants"]) + 1
        assert session.verify_audit().ok and session.vault.integrity_problems() == []
    finally:
        session.close()


def test_schema_5_shortens_every_origin_keeps_the_clock_and_old_batches_their_size(fixture_copy):
    folder, expected = fixture_copy
    session = Session.unlock(folder, PASSPHRASE, COORDINATOR)
    try:
        db = session.vault.db
        newest = max(db.execute(f"SELECT max(updated_hlc) FROM {t}").fetchone()[0] or "" for t in SYNCABLE_TABLES)
        # Every row's origin is the 12-hex-digit tag its creator's stamps carry (36 characters before).
        for table in SYNCABLE_TABLES:
            for origin, created in db.execute(f"SELECT origin, created_hlc FROM {table}"):
                assert len(origin) == 12 and expected["device_id"].replace("-", "").startswith(origin), table
                assert created.split("-", 2)[2].replace("-", "").startswith(origin), table
        assert not db.execute("SELECT name FROM sqlite_master WHERE name LIKE '%updated_hlc'").fetchall()
        # Without the indexes the clock still starts after every stamp the rows carry.
        assert session.vault.hlc.last.encode()[:21] >= newest[:21]
        p = session.participants.create({"nombres": "Rosa", "apellido_paterno": "Tapia"})
        assert p.updated_hlc > newest
        # Batches of schemas 3-4 listed their ids: the history still says how many files they named.
        imported = expected["operations"]["imported"]["participant_ids"][0]
        sizes = [e.batch_size for e in session.participants.history(imported) if e.batch_size]
        assert sizes == ([] if expected["schema_version"] < 3 else [2])
    finally:
        session.close()
