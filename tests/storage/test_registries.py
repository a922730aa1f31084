"""The registries agree with the schema: every syncable table has its fields declared once, nothing missing."""

from dmi_desktop.domain import fields
from dmi_desktop.storage import tables
from dmi_desktop.storage.connection import open_database
from dmi_desktop.storage.schema import apply_migrations

# Columns that are not user fields: kept by the vault itself (search, sort, derived values, binary photo).
INTERNAL_COLUMNS = {"participants": {"sort_name", "last_checkin", "photo"}}


def test_every_syncable_table_declares_each_of_its_columns_in_the_field_registry(tmp_path):
    db = open_database(tmp_path / "x.db", bytes(range(32)), create=True)
    try:
        apply_migrations(db)
        for table in tables.SYNCABLE_TABLES:
            columns = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
            declared = {f.name for f in fields.stored_fields(table)}
            assert declared <= columns, (table, declared - columns)
            undeclared = columns - declared - set(tables.SYNC_COLUMNS) - INTERNAL_COLUMNS.get(table, set())
            assert undeclared == set(), (table, undeclared)
    finally:
        db.close()


def test_the_field_registry_names_no_table_the_vault_does_not_synchronise():
    assert {e.table for e in fields.entities()} == set(tables.SYNCABLE_TABLES)


def test_the_status_history_is_registered_but_never_a_form():
    history = fields.entity("status_changes")
    assert not history.by_hand and "status_changes" not in fields.CHILD_TABLES
    assert fields.input_fields("status_changes") == ()
    assert [f.name for f in fields.exportable_fields("status_changes")][:4] == [
        "from_status",
        "to_status",
        "reason",
        "changed_by",
    ]
