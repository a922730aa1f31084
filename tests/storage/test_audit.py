"""The audit chain: append-only inside the app, and any edit, deletion or insertion behind its back is named."""

import json

import pytest

from dmi_desktop.storage.audit import entry_hash
from dmi_desktop.storage.driver import DatabaseError
from dmi_desktop.storage.vault import Vault
from tests.conftest import PASSPHRASE


@pytest.fixture
def vault(vault_dir):
    """The template vault with ten more audit entries (seq 1..n), triggers dropped for tampering."""
    v = Vault.unlock(vault_dir, PASSPHRASE)
    with v.atomic():
        for i in range(10):
            v.audit.append("coordinadora", "test.action", "test", f"e{i}", {"n": i}, {"n": i + 1})
    yield v
    v.close()


def _count(v):
    return v.db.execute("SELECT count(*) FROM audit").fetchone()[0]


def _untrigger(v):
    v.db.execute("DROP TRIGGER audit_no_update")
    v.db.execute("DROP TRIGGER audit_no_delete")


def test_a_healthy_chain_verifies(vault):
    result = vault.audit.verify()
    assert result.ok and result.entries == _count(vault) and result.first_bad is None


def test_the_app_cannot_update_or_delete_entries(vault):
    with pytest.raises(DatabaseError, match="append-only"):
        vault.db.execute("UPDATE audit SET user = 'otro' WHERE seq = 2")
    with pytest.raises(DatabaseError, match="append-only"):
        vault.db.execute("DELETE FROM audit WHERE seq = 2")


@pytest.mark.parametrize("column", ["user", "action", "after", "at"])
def test_an_edited_entry_is_named(vault, column):
    _untrigger(vault)
    value = json.dumps({"n": 999}) if column == "after" else "alterado"
    vault.db.execute(f"UPDATE audit SET {column} = ? WHERE seq = 5", (value,))
    result = vault.audit.verify()
    assert result.first_bad == 5 and "5" in result.reason


def test_an_entry_rehashed_after_editing_breaks_the_next_link(vault):
    _untrigger(vault)
    row = vault.db.execute(
        "SELECT seq, at, user, action, entity, entity_id, before, after, prev_hash FROM audit WHERE seq = 4"
    ).fetchone()
    forged = list(row)
    forged[2] = "alguien"
    vault.db.execute("UPDATE audit SET user = ?, hash = ? WHERE seq = 4", (forged[2], entry_hash(*forged)))
    result = vault.audit.verify()
    assert result.first_bad == 5 and "no enlaza" in result.reason


def test_a_deleted_entry_in_the_middle_is_named(vault):
    _untrigger(vault)
    vault.db.execute("DELETE FROM audit WHERE seq = 6")
    result = vault.audit.verify()
    assert result.first_bad == 6 and "eliminada" in result.reason


def test_the_first_entry_deleted_is_named(vault):
    _untrigger(vault)
    vault.db.execute("DELETE FROM audit WHERE seq = 1")
    assert vault.audit.verify().first_bad == 1


def test_entries_cut_off_the_end_are_detected(vault):
    total = _count(vault)
    _untrigger(vault)
    vault.db.execute("DELETE FROM audit WHERE seq > ?", (total - 3,))
    result = vault.audit.verify()
    assert result.first_bad == total - 2 and "eliminadas" in result.reason


def test_an_entry_inserted_in_the_middle_is_detected(vault):
    _untrigger(vault)
    # Make room at seq 4 by shifting later entries up, then insert a forged entry with a valid-looking hash.
    vault.db.execute("UPDATE audit SET seq = seq + 1000 WHERE seq >= 4")
    vault.db.execute("UPDATE audit SET seq = seq - 999 WHERE seq >= 1004")
    prev = vault.db.execute("SELECT hash FROM audit WHERE seq = 3").fetchone()[0]
    fields = [4, "2025-01-01T00:00:00.000+00:00", "intruso", "participant.delete", "participant", "x", None, None, prev]
    vault.db.execute(
        "INSERT INTO audit (seq, at, user, action, entity, entity_id, before, after, prev_hash, hash)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        (*fields, entry_hash(*fields)),
    )
    result = vault.audit.verify()
    assert result.first_bad == 5  # the forged entry links to 3, but the shifted one after it no longer matches


def test_an_entry_appended_behind_the_apps_back_is_detected(vault):
    total = _count(vault)
    last = vault.db.execute("SELECT hash FROM audit WHERE seq = ?", (total,)).fetchone()[0]
    fields = [total + 1, "2025-01-01T00:00:00.000+00:00", "intruso", "x", "x", "x", None, None, last]
    vault.db.execute(
        "INSERT INTO audit (seq, at, user, action, entity, entity_id, before, after, prev_hash, hash)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        (*fields, entry_hash(*fields)),
    )
    result = vault.audit.verify()
    assert result.first_bad == total + 1


def test_a_wiped_log_is_detected(vault):
    _untrigger(vault)
    vault.db.execute("DELETE FROM audit")
    result = vault.audit.verify()
    assert not result.ok and result.first_bad == 1
    vault.db.execute("DELETE FROM meta WHERE key = 'audit_head'")
    assert vault.audit.verify().first_bad == 1


def test_entries_for_a_record_come_newest_first_with_their_data(vault):
    entries = vault.audit.for_entity("e3")
    assert [(e.action, e.before, e.after) for e in entries] == [("test.action", {"n": 3}, {"n": 4})]
