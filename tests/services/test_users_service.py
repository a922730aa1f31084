"""Users: each has a role in the encrypted db and a slot in vault.keys; changes are audited."""

import json

import pytest

from dmi_desktop.domain import messages
from dmi_desktop.domain.errors import DmiError, PermissionDenied, ValidationError
from dmi_desktop.domain.models import User
from dmi_desktop.domain.roles import Role
from dmi_desktop.services.changes import ChangeKind
from dmi_desktop.services.session import Session
from dmi_desktop.storage.errors import VaultError, WrongPassphrase
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF, STAFF_PASSPHRASE, VIEWER

NEW = "jardín otoño brújula tranquila 31"


@pytest.fixture(autouse=True)
def _spanish():
    messages.set_language("es")
    yield
    messages.set_language("es")


def _who(folder, passphrase):
    """(user, role) that ``passphrase`` opens the vault as."""
    session = Session.unlock(folder, passphrase)
    try:
        return session.user, session.role
    finally:
        session.close()


def _slots(folder):
    return json.loads((folder / "vault.keys").read_text())["slots"]


def test_list_shows_every_user_with_their_role(session):
    assert session.users.list() == [
        User(VIEWER, Role.VIEWER),
        User(COORDINATOR, Role.COORDINATOR),
        User(STAFF, Role.STAFF),
    ]


def test_add_creates_a_slot_a_role_and_an_audit_entry(session, vault_dir):
    seen = []
    session.bus.subscribe(seen.append)
    assert session.users.add("  Pedro  ", "staff", NEW) == User("Pedro", Role.STAFF)
    assert _slots(vault_dir)[-1]["user"] == "Pedro"
    entry = session.vault.audit.for_entity("Pedro")[0]
    assert (entry.action, entry.after) == ("user.add", {"role": "staff"})
    assert [(c.entity, c.kind) for c in seen] == [("user", ChangeKind.CREATED)]
    session.close()
    assert _who(vault_dir, NEW) == ("Pedro", Role.STAFF)


@pytest.mark.parametrize(
    ("name", "role", "passphrase", "error"),
    [
        ("", "staff", NEW, ValidationError),
        ("x" * 61, "staff", NEW, ValidationError),
        ("Pe\ndro", "staff", NEW, ValidationError),
        ("Pedro", "jefe", NEW, ValidationError),
        ("Pedro", "staff", "pedro123", ValidationError),
        (STAFF, "staff", NEW, VaultError),
    ],
)
def test_add_refuses_bad_input_and_changes_nothing(session, vault_dir, name, role, passphrase, error):
    before = (vault_dir / "vault.keys").read_bytes()
    audit = session.vault.db.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
    with pytest.raises(error):
        session.users.add(name, role, passphrase)
    assert (vault_dir / "vault.keys").read_bytes() == before
    assert session.vault.db.execute("SELECT count(*) FROM audit_entries").fetchone()[0] == audit


def test_remove_deletes_the_slot_and_the_role(session, vault_dir):
    session.users.remove(STAFF)
    assert STAFF not in [s["user"] for s in _slots(vault_dir)]
    assert STAFF not in [u.name for u in session.users.list()]
    assert session.vault.audit.for_entity(STAFF)[0].action == "user.remove"
    session.close()
    with pytest.raises(WrongPassphrase):
        Session.unlock(vault_dir, STAFF_PASSPHRASE)


def test_remove_of_an_unknown_user(session):
    with pytest.raises(DmiError, match="no existe"):
        session.users.remove("nadie")


def test_everyone_may_change_their_own_passphrase_and_only_their_slot_changes(open_session, vault_dir):
    session = open_session(STAFF)
    before = _slots(vault_dir)
    session.users.change_passphrase(NEW)
    after = _slots(vault_dir)
    changed = [b["user"] for b, a in zip(before, after, strict=True) if a != b]
    assert changed == [STAFF]
    assert session.vault.audit.for_entity(STAFF)[0].action == "user.passphrase"
    session.close()
    assert _who(vault_dir, NEW) == (STAFF, Role.STAFF)


def test_a_weak_new_passphrase_is_refused(open_session, vault_dir):
    session = open_session(VIEWER)
    before = (vault_dir / "vault.keys").read_bytes()
    with pytest.raises(ValidationError, match="débil"):
        session.users.change_passphrase("consulta1")
    assert (vault_dir / "vault.keys").read_bytes() == before


def test_a_coordinator_may_reset_another_users_passphrase_staff_may_not(open_session, vault_dir):
    staff = open_session(STAFF)
    with pytest.raises(PermissionDenied):
        staff.users.change_passphrase(NEW, VIEWER)
    coordinator = open_session(COORDINATOR)
    coordinator.users.change_passphrase(NEW, VIEWER)
    with pytest.raises(DmiError, match="no existe"):
        coordinator.users.change_passphrase(NEW, "nadie")
    coordinator.close()
    assert _who(vault_dir, NEW) == (VIEWER, Role.VIEWER)
    assert _who(vault_dir, PASSPHRASE) == (COORDINATOR, Role.COORDINATOR)  # the other slots still work
