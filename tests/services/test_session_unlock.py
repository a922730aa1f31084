"""Session.create / unlock / unlock_with_recovery: who is acting, and what is refused before writing."""

import pytest

from dmi_desktop.domain import messages
from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.roles import Role
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.session import Session
from dmi_desktop.storage.errors import WrongPassphrase
from dmi_desktop.storage.keyslots import TEST_KDF
from dmi_desktop.storage.vault import Vault
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF, STAFF_PASSPHRASE, VIEWER, VIEWER_PASSPHRASE
from tests.storage.helpers import fingerprint


@pytest.fixture(autouse=True)
def _spanish():
    messages.set_language("es")
    yield
    messages.set_language("es")


def _last_action(session):
    row = session.vault.db.execute("SELECT user, action FROM audit_entries ORDER BY hlc DESC LIMIT 1").fetchone()
    return tuple(row)


@pytest.mark.parametrize(
    ("passphrase", "user", "role"),
    [
        (PASSPHRASE, COORDINATOR, Role.COORDINATOR),
        (STAFF_PASSPHRASE, STAFF, Role.STAFF),
        (VIEWER_PASSPHRASE, VIEWER, Role.VIEWER),
    ],
)
def test_without_a_user_name_the_passphrase_decides_who_is_acting(vault_dir, passphrase, user, role):
    session = Session.unlock(vault_dir, passphrase)
    try:
        assert (session.user, session.role) == (user, role)
        assert _last_action(session) == (user, "vault.unlock")
    finally:
        session.close()


def test_a_named_user_must_use_their_own_passphrase(vault_dir):
    before = fingerprint(vault_dir)
    with pytest.raises(WrongPassphrase):
        Session.unlock(vault_dir, STAFF_PASSPHRASE, COORDINATOR)
    with pytest.raises(WrongPassphrase):
        Session.unlock(vault_dir, PASSPHRASE, "nadie")
    assert fingerprint(vault_dir) == before
    session = Session.unlock(vault_dir, STAFF_PASSPHRASE, STAFF)
    assert session.user == STAFF
    session.close()


def test_a_slot_without_a_user_row_opens_nothing(vault_dir):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    with vault.atomic():
        vault.db.execute("DELETE FROM users WHERE name = ?", (VIEWER,))  # row gone, slot still there
    vault.close()
    with pytest.raises(WrongPassphrase, match="no existe"):
        Session.unlock(vault_dir, VIEWER_PASSPHRASE)


def _recovery_vault(tmp_path):
    session, recovery = Session.create(
        tmp_path / "v", user="ana", passphrase=PASSPHRASE, device_code="RC1", kdf=TEST_KDF
    )
    session.users.add("beto", Role.STAFF, STAFF_PASSPHRASE)
    session.close()
    return tmp_path / "v", recovery


def test_recovery_unlock_acts_as_the_first_coordinator_by_default(tmp_path):
    folder, recovery = _recovery_vault(tmp_path)
    session = Session.unlock_with_recovery(folder, recovery)
    try:
        assert (session.user, session.role) == ("ana", Role.COORDINATOR)
        assert _last_action(session) == ("ana", "vault.recovery_unlock")
    finally:
        session.close()


def test_recovery_unlock_as_a_named_user_then_reset_a_forgotten_passphrase(tmp_path):
    folder, recovery = _recovery_vault(tmp_path)
    session = Session.unlock_with_recovery(folder, recovery, "ana")
    session.users.change_passphrase("nueva frase muy segura de beto 71", "beto")
    session.close()
    session = Session.unlock(folder, "nueva frase muy segura de beto 71")
    assert session.user == "beto"
    session.close()


def test_recovery_unlock_as_an_unknown_user_is_refused_untouched(tmp_path):
    folder, recovery = _recovery_vault(tmp_path)
    before = fingerprint(folder)
    with pytest.raises(WrongPassphrase, match="no existe"):
        Session.unlock_with_recovery(folder, recovery, "nadie")
    assert fingerprint(folder) == before


def test_create_refuses_a_weak_passphrase_before_writing_anything(tmp_path):
    with pytest.raises(ValidationError) as info:
        Session.create(tmp_path / "v", user="ana", passphrase="ana12345", kdf=TEST_KDF)
    assert "passphrase" in info.value.errors
    assert not (tmp_path / "v").exists()


def test_create_returns_an_open_coordinator_session_and_a_recovery_key(tmp_path):
    session, recovery = Session.create(
        tmp_path / "v", user="ana", passphrase=PASSPHRASE, organisation="Muni", device_code="lc2", kdf=TEST_KDF
    )
    try:
        assert session.is_open and session.role is Role.COORDINATOR and session.user == "ana"
        assert session.organisation == "Muni" and session.device_code == "LC2"
        assert len(recovery.replace("-", "")) == 40
    finally:
        session.close()
    assert not session.is_open


def test_reopen_after_a_lock_keeps_the_same_session_object(vault_dir):
    session = Session.unlock(vault_dir, STAFF_PASSPHRASE)
    session.lock()
    assert not session.is_open
    with pytest.raises(WrongPassphrase):
        session.reopen(PASSPHRASE)  # another user's passphrase does not reopen this user's session
    session.reopen(STAFF_PASSPHRASE)
    try:
        assert session.is_open and session.user == STAFF
        assert session.participants.count(ParticipantQuery()) == 0
    finally:
        session.close()
