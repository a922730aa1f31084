"""Key slots: a passphrase change rewraps one slot only; damaged or altered key files are told apart."""

import hashlib
import json

import pytest

from dmi_desktop.domain.roles import Role
from dmi_desktop.storage import keyslots
from dmi_desktop.storage.errors import DamagedKeyFile, VaultError, WrongPassphrase
from dmi_desktop.storage.keyslots import TEST_KDF, KeyFile
from dmi_desktop.storage.vault import Vault
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF, STAFF_PASSPHRASE, VIEWER, VIEWER_PASSPHRASE
from tests.storage.helpers import fingerprint

NEW = "girasol terremoto biblioteca lenta 5"


def _slots(folder):
    return json.loads((folder / "vault.keys").read_text())["slots"]


def _db_hash(folder):
    return hashlib.sha256((folder / "vault.db").read_bytes()).hexdigest()


def _rewrite_keys(folder, mutate):
    """Change the key file's JSON and give it a correct checksum (an attacker can do that too)."""
    doc = json.loads((folder / "vault.keys").read_text())
    mutate(doc)
    doc["checksum"] = keyslots._checksum(doc)
    (folder / "vault.keys").write_text(json.dumps(doc))


def test_changing_a_passphrase_rewraps_only_that_users_slot(vault_dir):
    before_slots = _slots(vault_dir)
    vault = Vault.unlock(vault_dir, STAFF_PASSPHRASE, STAFF)
    vault.set_passphrase(STAFF, NEW)
    vault.close()
    after_slots = _slots(vault_dir)
    assert [(s["kind"], s["user"]) for s in after_slots] == [(s["kind"], s["user"]) for s in before_slots]
    for old, new in zip(before_slots, after_slots, strict=True):
        if new["user"] == STAFF:
            assert new["wrapped"] != old["wrapped"] and new["salt"] != old["salt"]
            assert new["kdf"] == old["kdf"]  # the slot keeps its cost parameters
            assert new["public"] == old["public"]  # and its key pair: the signed roster still vouches for it
        else:
            assert new == old  # byte for byte the same slot
    Vault.unlock(vault_dir, NEW, STAFF).close()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, STAFF_PASSPHRASE, STAFF)
    Vault.unlock(vault_dir, PASSPHRASE, COORDINATOR).close()


def test_a_passphrase_change_leaves_the_database_file_byte_identical(vault_dir):
    vault = Vault.unlock(vault_dir, VIEWER_PASSPHRASE, VIEWER)
    vault.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_before = _db_hash(vault_dir)
    wal = vault_dir / "vault.db-wal"
    wal_before = wal.read_bytes() if wal.exists() else b""
    vault.set_passphrase(VIEWER, NEW)
    assert _db_hash(vault_dir) == db_before
    assert (wal.read_bytes() if wal.exists() else b"") == wal_before
    vault.close()


def test_set_passphrase_for_a_user_that_does_not_exist_is_refused(vault_dir):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        before = fingerprint(vault_dir)
        with pytest.raises(VaultError, match="no existe"):
            vault.set_passphrase("fantasma", NEW)
        assert _slots(vault_dir) == json.loads((vault_dir / "vault.keys").read_text())["slots"]
        assert fingerprint(vault_dir)["vault.keys"] == before["vault.keys"]
    finally:
        vault.close()


def test_adding_and_removing_a_user_adds_and_removes_exactly_one_slot(vault_dir):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    before = _slots(vault_dir)
    with vault.atomic():
        vault.add_user("nuevo", Role.STAFF, NEW, kdf=TEST_KDF)
    added = _slots(vault_dir)
    assert added[:-1] == before and added[-1]["user"] == "nuevo"
    with vault.atomic():
        vault.remove_user("nuevo")
    assert _slots(vault_dir) == before
    vault.close()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, NEW)


def test_a_failed_transaction_puts_the_key_file_back(vault_dir):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    keys_before = (vault_dir / "vault.keys").read_bytes()
    with pytest.raises(RuntimeError), vault.atomic():
        vault.add_user("nuevo", Role.STAFF, NEW, kdf=TEST_KDF)
        raise RuntimeError("audit failed")
    assert (vault_dir / "vault.keys").read_bytes() == keys_before
    assert vault.role_of("nuevo") is None and "nuevo" not in vault.keyfile.users()
    vault.close()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, NEW)


def test_users_keep_their_creation_order_after_a_passphrase_change(vault_dir):
    assert KeyFile.load(vault_dir / "vault.keys").users() == [COORDINATOR, STAFF, VIEWER]
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    vault.set_passphrase(COORDINATOR, NEW)
    vault.close()
    assert KeyFile.load(vault_dir / "vault.keys").users() == [COORDINATOR, STAFF, VIEWER]


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: b"{not json",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"\xff\xfe\x00garbage",
        lambda raw: raw.replace(b'"wrapped": "', b'"wrapped": "AAAA', 1),  # a slot altered: checksum
        lambda raw: raw.replace(b'"iterations": 1', b'"iterations": 2', 1),
        lambda raw: raw.replace(b'"format": "dmi-vault-keys"', b'"format": "other"'),
        lambda raw: raw.replace(b'"version": 2', b'"version": 9'),
    ],
)
def test_a_damaged_key_file_is_reported_as_such_and_nothing_changes(vault_dir, damage):
    path = vault_dir / "vault.keys"
    path.write_bytes(damage(path.read_bytes()))
    before = fingerprint(vault_dir)
    with pytest.raises(DamagedKeyFile, match=r"vault\.keys"):
        Vault.unlock(vault_dir, PASSPHRASE)
    assert fingerprint(vault_dir) == before


@pytest.mark.parametrize(
    "kdf",
    [
        {"iterations": 0, "memory_cost": 8192, "lanes": 1},
        {"iterations": 1, "memory_cost": 4, "lanes": 1},
        {"iterations": 1, "memory_cost": 64 * 1024 * 1024, "lanes": 1},
        {"iterations": 10**9, "memory_cost": 8192, "lanes": 1},
        {"iterations": 1, "memory_cost": 8192, "lanes": 0},
    ],
)
def test_absurd_kdf_parameters_are_refused_before_deriving(vault_dir, kdf):
    _rewrite_keys(vault_dir, lambda doc: doc["slots"][0].update(kdf=kdf))
    with pytest.raises(DamagedKeyFile):
        Vault.unlock(vault_dir, PASSPHRASE)


def test_a_slot_relabelled_to_another_user_does_not_open(vault_dir):
    def swap(doc):
        users = {s["user"]: s for s in doc["slots"] if s["kind"] == "user"}
        users[COORDINATOR]["user"], users[VIEWER]["user"] = VIEWER, COORDINATOR

    _rewrite_keys(vault_dir, swap)
    # The viewer's passphrase now sits in a slot labelled "coordinator": the GCM tag binds the label.
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, VIEWER_PASSPHRASE, COORDINATOR)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, VIEWER_PASSPHRASE)


def test_a_key_file_without_checksum_is_still_read(vault_dir):
    path = vault_dir / "vault.keys"
    doc = json.loads(path.read_text())
    del doc["checksum"]
    path.write_text(json.dumps(doc))
    Vault.unlock(vault_dir, PASSPHRASE).close()


def test_the_key_file_is_private_to_its_owner(vault_dir):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    vault.set_passphrase(COORDINATOR, NEW)
    vault.close()
    assert (vault_dir / "vault.keys").stat().st_mode & 0o077 == 0
    assert not (vault_dir / "vault.keys.tmp").exists()


def test_the_database_key_is_not_in_the_key_file(vault_dir):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    key = vault._key
    vault.close()
    raw = (vault_dir / "vault.keys").read_bytes()
    assert key.hex().encode() not in raw and key not in raw
    assert keyslots.KEY_BYTES == len(key) == 32
