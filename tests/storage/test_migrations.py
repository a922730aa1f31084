"""Schema migrations: built from nothing, pinned, backed up before running, atomic per step."""

import hashlib

import pytest

from dmi_desktop.storage import schema
from dmi_desktop.storage import tables as tables_registry
from dmi_desktop.storage.backup import read_header
from dmi_desktop.storage.connection import open_database
from dmi_desktop.storage.errors import VaultError
from dmi_desktop.storage.schema import apply_migrations, latest_version, schema_version
from dmi_desktop.storage.vault import Vault, restore_into_empty
from tests.conftest import PASSPHRASE

KEY = bytes(range(32))

# Pinned on purpose: a new migration must update these (and come with a fixture of the old version).
LATEST = 7
TABLES = [
    "audit_entries",
    "audit_heads",
    "audit_payloads",
    "audit_refs",
    "banked_cases",
    "checkins",
    "contacts",
    "device_identities",
    "eligibility_reviews",
    "influentials",
    "invitees",
    "meetings",
    "meta",
    "notes",
    "participants",
    "participants_fts",
    "referrals",
    "sequences",
    "status_changes",
    "users",
    "venues",
    "violations",
]
# SHA-256 of each released migration's SQL: a released migration is history and never changes.
FROZEN_SQL = {
    1: "940a06e3d4f54846df8180dd3a447474bfba32e6e3c39937ed429f0111b52152",
    2: "414b9d1421467b9d3d2b3f2eafb23bfdb584de6931b07da7f29162f9796bcfa0",
    4: "89e02df177a2adf2ec41439355495010baf9268c681bfeae177bee3cb0ab13cf",
    5: "6cc258f5e95618b0ba9448ad501d410c9b0c72e4897a514deaef2f014035446c",
    6: "0c12ade243aa55c3ae4216f685a379065869c8a43f0be74956cbe66e225fa3de",
    7: "5e1c0802808f3f84ca5c9629619250cfaddbadc53f9df5119bbf6371862e47bc",
}


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


def test_released_migrations_are_frozen():
    from dmi_desktop.storage.migrations import (
        v001_initial,
        v002_list_indexes,
        v004_sort_indexes,
        v005_smaller_vault,
        v006_meetings,
        v007_caseworker_search,
    )

    modules = (
        (1, v001_initial),
        (2, v002_list_indexes),
        (4, v004_sort_indexes),
        (5, v005_smaller_vault),
        (6, v006_meetings),
        (7, v007_caseworker_search),
    )
    for version, module in modules:
        text = "\n;\n".join(module.STATEMENTS)
        assert hashlib.sha256(text.encode()).hexdigest() == FROZEN_SQL[version], version


def test_every_table_is_either_syncable_or_local_in_the_registry(tmp_path):
    db = open_database(tmp_path / "x.db", KEY, create=True)
    try:
        apply_migrations(db)
        tables = set(_names(db, "table"))
    finally:
        db.close()
    syncable, local = set(tables_registry.SYNCABLE_TABLES), set(tables_registry.LOCAL_TABLES)
    assert not syncable & local
    assert tables == syncable | local


def test_every_sync_table_carries_the_sync_columns_and_no_clock_index(tmp_path):
    db = open_database(tmp_path / "x.db", KEY, create=True)
    try:
        apply_migrations(db)
        for table in schema.SYNCABLE_TABLES:
            columns = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
            assert {"id", "created_hlc", "updated_hlc", "_clock", "origin", "deleted"} <= columns, table
            # Schema 5 dropped the updated_hlc indexes (a fifth of the rows' size); nothing may rely on one.
            indexed = {
                r[2]
                for i in db.execute(f"PRAGMA index_list({table})")
                for r in db.execute(f"PRAGMA index_info('{i[1]}')")
            }
            assert "updated_hlc" not in indexed, table
    finally:
        db.close()


def test_every_order_the_list_offers_reads_an_index_and_never_sorts(tmp_path):
    from dmi_desktop.storage.repositories import SORT_COLUMNS, SORT_INDEXES, ParticipantQuery

    db = open_database(tmp_path / "x.db", KEY, create=True)
    try:
        apply_migrations(db)
        assert set(SORT_INDEXES) == set(SORT_COLUMNS)  # a broad search reads each order from its index too
        for sort in SORT_COLUMNS:
            for descending in (False, True):
                query = ParticipantQuery(sort=sort, descending=descending)
                where, params = query.where()
                # The list's page (its tie-breakers included), then a broad search read in index order.
                for source in ("participants p", f"participants p INDEXED BY {SORT_INDEXES[sort]}"):
                    sql = f"SELECT p.id FROM {source} WHERE {where} ORDER BY {query.order()} LIMIT 200 OFFSET 5000"
                    plan = " ".join(r[3] for r in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
                    assert SORT_INDEXES[sort] in plan and "TEMP B-TREE" not in plan, (sort, descending, plan)
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


def test_migration_5_keeps_the_newest_row_stamp_as_the_clock_and_shortens_origins(tmp_path):
    db = open_database(tmp_path / "x.db", KEY, create=True)
    try:
        for version, _name, migrate in schema.MIGRATIONS[:4]:
            with db.atomic():
                migrate(db)
                db.execute(f"PRAGMA user_version = {version}")
        device = "0c78c7ac-9bc5-4c67-bb08-6f2bc5913a39"
        newest = f"{1_800_000_000_000:015d}-00003-0c78c7ac9bc5"
        db.execute("INSERT INTO meta (key, value) VALUES ('hlc_last', ?)", (f"{1_700_000_000_000:015d}-00000-x",))
        db.execute(
            "INSERT INTO participants (id, created_hlc, updated_hlc, origin, case_no, nombres, apellido_paterno,"
            " status) VALUES ('p1', ?, ?, ?, 'FX1-2026-00001', 'Ana', 'Soto', 'identified')",
            (newest, newest, device),
        )
        db.execute(
            "INSERT INTO checkins (id, created_hlc, updated_hlc, origin, participant_id, day)"
            " VALUES ('c1', ?, ?, ?, 'p1', '2026-11-30')",
            (newest, newest, device),
        )
        assert apply_migrations(db) == [5, 6, 7]
        assert db.execute("SELECT value FROM meta WHERE key = 'hlc_last'").fetchone()[0] == newest
        for table in ("participants", "checkins"):
            assert db.execute(f"SELECT origin FROM {table}").fetchone()[0] == "0c78c7ac9bc5"
        # The check-ins' trigger is back: a later change still moves the participant's last check-in.
        db.execute("UPDATE checkins SET day = '2026-12-01' WHERE id = 'c1'")
        assert db.execute("SELECT last_checkin FROM participants").fetchone()[0] == "2026-12-01"
    finally:
        db.close()
