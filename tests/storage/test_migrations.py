"""Schema migrations: built from nothing, pinned, backed up before running, atomic per step."""

import pytest

from dmi_desktop.storage import schema
from dmi_desktop.storage.backup import read_header
from dmi_desktop.storage.connection import open_database
from dmi_desktop.storage.errors import VaultError
from dmi_desktop.storage.schema import apply_migrations, latest_version, schema_version
from dmi_desktop.storage.vault import Vault, restore_into_empty
from tests.conftest import PASSPHRASE

KEY = bytes(range(32))

# Pinned on purpose: a new migration must update these (and come with a fixture of the old version).
LATEST = 2
TABLES = [
    "audit",
    "banked_cases",
    "checkins",
    "eligibility_reviews",
    "influentials",
    "meta",
    "notes",
    "participants",
    "participants_fts",
    "referrals",
    "sequences",
    "users",
    "violations",
]


def _names(db, kind):
    return sorted(
        r[0]
        for r in db.execute("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'", (kind,))
        if not r[0].startswith("participants_fts_")
    )


def test_migrations_from_an_empty_database_build_the_latest_schema(tmp_path):
    db = open_database(tmp_path / "x.db", KEY, create=True)
    try:
        assert schema_version(db) == 0
        assert apply_migrations(db) == [m[0] for m in schema.MIGRATIONS]
        assert schema_version(db) == latest_version() == LATEST
        assert _names(db, "table") == TABLES
        assert apply_migrations(db) == []  # nothing left to do
    finally:
        db.close()


def test_the_latest_schema_is_pinned():
    assert latest_version() == schema.LATEST_VERSION == LATEST
    assert [m[0] for m in schema.MIGRATIONS] == list(range(1, LATEST + 1))


def test_every_sync_table_carries_the_sync_columns_and_a_clock_index(tmp_path):
    db = open_database(tmp_path / "x.db", KEY, create=True)
    try:
        apply_migrations(db)
        indexes = _names(db, "index")
        for table in schema.SYNCABLE_TABLES:
            columns = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
            assert {"id", "created_hlc", "updated_hlc", "_clock", "origin", "deleted"} <= columns, table
            assert f"{table}_updated_hlc" in indexes
    finally:
        db.close()


def test_the_list_queries_use_the_live_indexes(tmp_path):
    from dmi_desktop.storage.repositories import ParticipantQuery

    db = open_database(tmp_path / "x.db", KEY, create=True)
    try:
        apply_migrations(db)
        for query in (ParticipantQuery(), ParticipantQuery(sort="last_checkin", descending=True)):
            where, params = query.where()
            plan = " ".join(
                r[3]
                for r in db.execute(
                    f"EXPLAIN QUERY PLAN SELECT p.id FROM participants p WHERE {where} ORDER BY {query.order()}"
                    " LIMIT 200 OFFSET 5000",
                    params,
                )
            )
            assert "participants_live_" in plan and "TEMP B-TREE" not in plan, plan
    finally:
        db.close()


def _fake_migration(calls):
    def v_next(db):
        calls.append(True)
        db.execute("CREATE TABLE migrated_marker (x INTEGER)")

    return (latest_version() + 1, "test migration", v_next)


def test_an_older_vault_is_backed_up_then_migrated(vault_dir, tmp_path, monkeypatch):
    old = latest_version()
    calls = []
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, _fake_migration(calls)])
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        assert calls == [True]
        assert schema_version(vault.db) == old + 1
        assert vault.db.execute("SELECT count(*) FROM migrated_marker").fetchone()[0] == 0
    finally:
        vault.close()
    backups = list((vault_dir / "backups").glob(f"antes-de-migrar-v{old}-*.dmibackup"))
    assert len(backups) == 1
    header, *_ = read_header(backups[0])
    assert header.schema_version == old
    # The backup is the vault as it was before the migration.
    monkeypatch.undo()
    restore_into_empty(tmp_path / "antes", backups[0], PASSPHRASE)
    before = Vault.unlock(tmp_path / "antes", PASSPHRASE)
    try:
        assert schema_version(before.db) == old
    finally:
        before.close()
    # Opening again runs nothing more.
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, _fake_migration(calls)])
    Vault.unlock(vault_dir, PASSPHRASE).close()
    assert calls == [True]


def test_a_failing_migration_leaves_the_vault_at_its_old_version_with_a_backup(vault_dir, monkeypatch):
    old = latest_version()

    def broken(db):
        db.execute("CREATE TABLE half_done (x INTEGER)")
        db.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, (old + 1, "broken", broken)])
    with pytest.raises(VaultError, match="no se pudo actualizar") as info:
        Vault.unlock(vault_dir, PASSPHRASE)
    assert "antes-de-migrar" in str(info.value)
    monkeypatch.undo()
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        assert schema_version(vault.db) == old
        assert vault.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    finally:
        vault.close()
    assert len(list((vault_dir / "backups").glob("antes-de-migrar-*"))) == 1


def test_a_version_1_vault_is_migrated_with_its_data(tmp_path, monkeypatch):
    from dmi_desktop.services.participants import ParticipantQuery
    from dmi_desktop.services.session import Session
    from dmi_desktop.storage.keyslots import TEST_KDF

    folder = tmp_path / "v1"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])  # the app as it was at schema 1
    session, _ = Session.create(folder, user="ana", passphrase=PASSPHRASE, kdf=TEST_KDF)
    session.participants.create({"nombres": "Rosa", "apellido_paterno": "Tapia", "rut": "7.654.321-6"})
    assert schema_version(session.vault.db) == 1
    session.close()
    monkeypatch.undo()
    session = Session.unlock(folder, PASSPHRASE)
    try:
        assert schema_version(session.vault.db) == latest_version()
        rows = session.participants.rows(ParticipantQuery(search="rosa"))
        assert [r.full_name for r in rows] == ["Rosa Tapia"]
        assert session.verify_audit().ok
    finally:
        session.close()
    assert len(list((folder / "backups").glob("antes-de-migrar-v1-*.dmibackup"))) == 1
