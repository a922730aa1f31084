"""Roles held by keys: what a viewer who opens vault.db with her own passphrase can and cannot do."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from dmi_desktop.domain.roles import Role
from dmi_desktop.services.session import Session
from dmi_desktop.storage.connection import open_database
from dmi_desktop.storage.errors import DamagedDatabase, NoCoordinatorKey, RolesTampered
from dmi_desktop.storage.keyslots import KeyFile
from dmi_desktop.storage.vault import Vault
from dmi_desktop.storage.vault_keys import resolve_access
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF, VIEWER, VIEWER_PASSPHRASE

TODAY = date(2025, 6, 1)
RUC = "2400123456-7"
DESCRIPTION = "compras controladas en pasaje Los Olmos"
BANKED = {"ruc": RUC, "investigating_unit": "Brigada MT-Cero PDI", "description": DESCRIPTION}


def _viewer_db(folder):
    """What a viewer gets by unwrapping her own slot by hand and opening vault.db with a SQLCipher shell."""
    keyfile = KeyFile.load(folder / "vault.keys")
    access = resolve_access(keyfile, *keyfile.unlock_user(VIEWER, VIEWER_PASSPHRASE))
    assert access.seed is None  # a viewer's slot does not hold the coordinators' key
    return open_database(folder / "vault.db", access.db_key)


@pytest.fixture
def banked(vault_dir):
    """A participant with a banked case written by the coordinator, and one edit of it (audited)."""
    session = Session.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    p = session.participants.create({"nombres": "Rosa", "apellido_paterno": "Tapia"})
    case = session.participants.add_record("banked_cases", p.id, BANKED, today=TODAY)
    session.participants.update_record("banked_cases", case.id, {"description": DESCRIPTION + " (2)"}, today=TODAY)
    session.close()
    return p.id, case.id


def test_a_viewer_with_the_database_key_cannot_read_the_banked_case(vault_dir, banked):
    db = _viewer_db(vault_dir)
    try:
        rows = db.execute("SELECT * FROM banked_cases").fetchall()
        payloads = db.execute("SELECT body FROM audit_payloads").fetchall()
    finally:
        db.close()
    dump = json.dumps([list(r) for r in rows] + [list(p) for p in payloads], default=str)
    assert rows and RUC not in dump and "Los Olmos" not in dump and "MT-Cero" not in dump


def test_the_coordinator_still_reads_and_edits_the_banked_case(vault_dir, banked):
    pid, case_id = banked
    session = Session.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    try:
        case = session.participants.file(pid).banked_case
        assert (case.id, case.ruc, case.description) == (case_id, RUC, DESCRIPTION + " (2)")
        assert case.investigating_unit == "Brigada MT-Cero PDI"
    finally:
        session.close()


def test_a_sealed_value_moved_to_another_row_does_not_open(vault_dir, banked):
    _pid, case_id = banked
    session = Session.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    other = session.participants.create({"nombres": "Luis", "apellido_paterno": "Soto"})
    second = session.participants.add_record("banked_cases", other.id, {"ruc": "999"}, today=TODAY)
    session.close()
    db = _viewer_db(vault_dir)
    sealed_ruc = db.execute("SELECT ruc FROM banked_cases WHERE id = ?", (case_id,)).fetchone()[0]
    db.execute("UPDATE banked_cases SET ruc = ? WHERE id = ?", (sealed_ruc, second.id))
    db.close()
    session = Session.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    try:
        with pytest.raises(DamagedDatabase, match="alterado"):
            session.participants.file(other.id)
    finally:
        session.close()


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE users SET role = 'coordinator' WHERE name = 'consulta'",
        "INSERT INTO users (name, role, created_at) VALUES ('intrusa', 'coordinator', '2026-01-01')",
        "DELETE FROM users WHERE name = 'equipo'",
        "UPDATE meta SET value = replace(value, '\"viewer\"', '\"coordinator\"') WHERE key = 'roster'",
    ],
)
def test_a_role_changed_with_raw_sql_is_refused_at_unlock_for_everyone(vault_dir, tamper):
    db = _viewer_db(vault_dir)
    db.execute(tamper)
    db.close()
    for user, secret in ((VIEWER, VIEWER_PASSPHRASE), (COORDINATOR, PASSPHRASE)):
        with pytest.raises(RolesTampered, match="modificados fuera de la aplicación"):
            Vault.unlock(vault_dir, secret, user).close()


def test_the_untouched_roster_verifies_and_roles_are_as_signed(vault_dir):
    vault = Vault.unlock(vault_dir, VIEWER_PASSPHRASE, VIEWER)
    try:
        assert vault.role_of(VIEWER) is Role.VIEWER and vault.coordinator_keys is None
        assert vault.coordinator_public is not None
    finally:
        vault.close()


def test_a_second_coordinator_added_by_a_coordinator_holds_the_key(vault_dir, banked):
    pid, _ = banked
    session = Session.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    session.users.add("jefa", Role.COORDINATOR, "mandarina velero invierno claro 31")
    session.close()
    session = Session.unlock(vault_dir, "mandarina velero invierno claro 31", "jefa")
    try:
        assert session.participants.file(pid).banked_case.ruc == RUC
    finally:
        session.close()


def test_keys_are_saved_after_the_commit_so_a_crash_in_between_leaves_an_openable_vault(vault_dir, monkeypatch):
    vault = Vault.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    seen = []
    original = KeyFile.save

    def save(self, path):
        seen.append(vault.db.conn.in_transaction)
        original(self, path)

    monkeypatch.setattr(KeyFile, "save", save)
    vault.add_user("nueva", Role.STAFF, "pelicano arena domingo tibio 12")
    vault.remove_user(STAFF)
    vault.close()
    assert seen and not any(seen)  # never while the database change could still be rolled back


def test_a_coordinator_whose_slot_lacks_the_key_is_told_and_kept_from_the_banked_case(vault_dir, banked):
    pid, _ = banked
    # Simulate a coordinator whose slot predates the key: drop the grant from her slot (what she holds).
    vault = Vault.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    vault.add_user("jefa", Role.COORDINATOR, "mandarina velero invierno claro 31")
    slot = vault.keyfile.user_slot("jefa")
    vault.keyfile.seal_into(slot.id, grant="")
    vault.keyfile.save(vault_dir / "vault.keys")
    vault.close()
    session = Session.unlock(vault_dir, "mandarina velero invierno claro 31", "jefa")
    try:
        assert any("llave de coordinación" in n for n in session.notices)
        with pytest.raises(NoCoordinatorKey):
            session.participants.file(pid)
    finally:
        session.close()


def test_an_old_vault_is_upgraded_by_its_first_coordinator_and_then_holds(tmp_path):
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "vaults" / "v1"
    folder = tmp_path / "antigua"
    folder.mkdir()
    for name in ("vault.db", "vault.keys"):
        shutil.copy2(fixture / name, folder / name)
    # A viewer opening first changes nothing about keys (she cannot create the coordinators' key).
    Vault.unlock(folder, VIEWER_PASSPHRASE, VIEWER).close()
    assert "grant" not in (folder / "vault.keys").read_text()
    vault = Vault.unlock(folder, PASSPHRASE, COORDINATOR)
    assert any("llave de coordinación" in n for n in vault.notices)
    vault.close()
    # The viewer's slot is brought forward at her next unlock, and from then on a raw role change is refused.
    Vault.unlock(folder, VIEWER_PASSPHRASE, VIEWER).close()
    db = _viewer_db(folder)
    db.execute("UPDATE users SET role = 'coordinator' WHERE name = 'consulta'")
    db.close()
    with pytest.raises(RolesTampered):
        Vault.unlock(folder, PASSPHRASE, COORDINATOR).close()
