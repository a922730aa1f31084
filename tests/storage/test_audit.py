"""The audit: a chain per device, payloads apart (erasable), tampering named, other devices' chains verbatim."""

import json
import uuid

import pytest

from dmi_desktop.domain.models import AuditEntry
from dmi_desktop.storage.audit_format import GENESIS, canonical, entry_hash, new_salt, payload_digest, refs_digest
from dmi_desktop.storage.driver import DatabaseError
from dmi_desktop.storage.errors import AuditTampered, VaultError
from dmi_desktop.storage.vault import Vault
from tests.conftest import PASSPHRASE


@pytest.fixture
def vault(vault_dir):
    """The template vault with ten more entries on this device's chain."""
    v = Vault.unlock(vault_dir, PASSPHRASE)
    with v.atomic():
        for i in range(10):
            v.audit.append(
                "coordinadora",
                "test.action",
                "test",
                f"e{i}",
                fields=["n"],
                payload={"before": {"n": i}, "after": {"n": i + 1}},
            )
    yield v
    v.close()


def _count(v, device=None):
    return v.db.execute("SELECT count(*) FROM audit_entries WHERE device_id = ?", (device or v.device_id,)).fetchone()[
        0
    ]


def _seq_of(v, entity_id):
    return v.db.execute(
        "SELECT seq FROM audit_entries WHERE device_id = ? AND entity_id = ?", (v.device_id, entity_id)
    ).fetchone()[0]


def _untrigger(v):
    """What someone holding the key and editing with raw SQL would do first."""
    v.db.execute("PRAGMA foreign_keys = OFF")
    v.db.execute("DROP TRIGGER audit_entries_no_update")
    v.db.execute("DROP TRIGGER audit_entries_no_delete")


def test_a_healthy_chain_verifies(vault):
    result = vault.audit.verify()
    assert result.ok and result.entries == _count(vault) and result.first_bad is None and result.devices == 1


def test_the_app_cannot_update_or_delete_entries_or_rewrite_payloads(vault):
    with pytest.raises(DatabaseError, match="append-only"):
        vault.db.execute("UPDATE audit_entries SET user = 'otro' WHERE seq = 2")
    with pytest.raises(DatabaseError, match="append-only"):
        vault.db.execute("DELETE FROM audit_entries WHERE seq = 2")
    with pytest.raises(DatabaseError, match="erased"):
        vault.db.execute("UPDATE audit_payloads SET body = '{}' WHERE entry = 2")


@pytest.mark.parametrize("column", ["user", "action", "fields", "hlc", "entity_id", "digest"])
def test_an_edited_entry_is_named(vault, column):
    _untrigger(vault)
    seq = _seq_of(vault, "e4")
    vault.db.execute(
        f"UPDATE audit_entries SET {column} = 'alterado' WHERE device_id = ? AND seq = ?", (vault.device_id, seq)
    )
    result = vault.audit.verify()
    assert result.first_bad == seq and str(seq) in result.reason and "modificada" in result.reason


def test_an_edited_payload_is_named_though_payloads_may_be_deleted(vault):
    seq = _seq_of(vault, "e4")
    entry = vault.db.execute(
        "SELECT n FROM audit_entries WHERE device_id = ? AND seq = ?", (vault.device_id, seq)
    ).fetchone()[0]
    salt = vault.db.execute("SELECT salt FROM audit_payloads WHERE entry = ?", (entry,)).fetchone()[0]
    vault.db.execute("DELETE FROM audit_payloads WHERE entry = ?", (entry,))
    vault.db.execute(
        "INSERT INTO audit_payloads VALUES (?, ?, ?)",
        (entry, salt, canonical({"before": {"n": 4}, "after": {"n": 999}})),
    )
    result = vault.audit.verify()
    assert result.first_bad == seq and "detalle" in result.reason


def test_an_entry_rehashed_after_editing_breaks_the_next_link(vault):
    _untrigger(vault)
    seq = _seq_of(vault, "e3")
    row = vault.db.execute(
        "SELECT device_id, seq, hlc, user, action, entity, entity_id, fields, digest, prev_hash FROM audit_entries"
        " WHERE device_id = ? AND seq = ?",
        (vault.device_id, seq),
    ).fetchone()
    forged = list(row)
    forged[3] = "alguien"
    vault.db.execute(
        "UPDATE audit_entries SET user = ?, hash = ? WHERE device_id = ? AND seq = ?",
        (forged[3], entry_hash(*forged), vault.device_id, seq),
    )
    result = vault.audit.verify()
    assert result.first_bad == seq + 1 and "no enlaza" in result.reason


def test_a_deleted_entry_in_the_middle_is_named(vault):
    _untrigger(vault)
    seq = _seq_of(vault, "e5")
    vault.db.execute("DELETE FROM audit_entries WHERE device_id = ? AND seq = ?", (vault.device_id, seq))
    result = vault.audit.verify()
    assert result.first_bad == seq and "eliminada" in result.reason


def test_the_first_entry_deleted_is_named(vault):
    _untrigger(vault)
    vault.db.execute("DELETE FROM audit_entries WHERE seq = 1")
    assert vault.audit.verify().first_bad == 1


def test_entries_cut_off_the_end_are_detected_and_the_next_append_refused(vault):
    total = _count(vault)
    _untrigger(vault)
    vault.db.execute("DELETE FROM audit_entries WHERE seq > ?", (total - 3,))
    result = vault.audit.verify()
    assert result.first_bad == total - 2 and "eliminadas" in result.reason
    # The next append would chain onto entry total-3 and paper over the cut: it is refused instead.
    with pytest.raises(AuditTampered, match="alterada"), vault.atomic():
        vault.audit.append("coordinadora", "test.after", "test", "x")
    assert _count(vault) == total - 3


def test_an_entry_appended_behind_the_apps_back_is_detected_and_blocks_appends(vault):
    total = _count(vault)
    last = vault.db.execute("SELECT hash FROM audit_entries WHERE seq = ?", (total,)).fetchone()[0]
    forged = [vault.device_id, total + 1, "001700000000000-00000-x", "intruso", "x", "x", "x", "[]", "", last]
    vault.db.execute(
        "INSERT INTO audit_entries (device_id, seq, hlc, user, action, entity, entity_id, fields, digest, prev_hash,"
        " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*forged, entry_hash(*forged)),
    )
    result = vault.audit.verify()
    assert result.first_bad == total + 1 and "agregada" in result.reason
    with pytest.raises(AuditTampered):
        vault.audit.append("coordinadora", "test.after", "test", "x")


def test_a_wiped_chain_or_head_is_detected(vault):
    _untrigger(vault)
    vault.db.execute("DELETE FROM audit_heads")
    assert vault.audit.verify().first_bad == _count(vault) + 1
    vault.db.execute("DELETE FROM audit_entries")
    assert vault.audit.verify().first_bad == 1 or not vault.audit.verify().ok


def test_erased_payloads_leave_every_chain_verifiable(vault):
    before = vault.audit.verify()
    with vault.atomic():
        erased = vault.audit.erase_payloads(["e2", "e7"])
    assert erased == 2
    after = vault.audit.verify()
    assert after.ok and after.entries == before.entries and after.erased_payloads == 2
    (entry,) = vault.audit.for_entities(["e2"])
    assert entry.erased and entry.payload is None and entry.before is None and entry.fields == ("n",)


def test_a_deleted_payload_cannot_be_guessed_back_from_its_digest(vault):
    # The digest is salted: the same small payload gives a different digest each time.
    seq_a, seq_b = _seq_of(vault, "e1"), _seq_of(vault, "e2")
    digests = [
        vault.db.execute(
            "SELECT digest FROM audit_entries WHERE seq = ? AND device_id = ?", (s, vault.device_id)
        ).fetchone()[0]
        for s in (seq_a, seq_b)
    ]
    plain = canonical({"before": {"n": 1}, "after": {"n": 2}})
    assert payload_digest("", plain) not in digests


def test_entries_for_a_record_come_newest_first_with_their_values(vault):
    entries = vault.audit.for_entities(["e3"])
    assert [(e.action, e.before, e.after) for e in entries] == [("test.action", {"n": 3}, {"n": 4})]


def test_a_batch_entry_is_found_from_any_of_the_ids_it_names(vault):
    ids = [str(uuid.uuid4()) for _ in range(3)]
    with vault.atomic():
        vault.audit.append("coordinadora", "test.batch", "import", "lote-1", payload={"ids": ids}, refs=ids)
    for record in ids:
        assert [e.entity_id for e in vault.audit.for_entities([record])] == ["lote-1"]


# -- another device's chain, stored verbatim ---------------------------------------------------------------


def _remote_chain(device: str, n: int, *, payload: bool = True) -> list[AuditEntry]:
    """A chain written by another laptop, built here with the frozen format (never through this vault)."""
    out, prev = [], GENESIS
    for seq in range(1, n + 1):
        hlc = f"{1_790_000_000_000 + seq:015d}-00000-{device}"
        body = canonical({"before": None, "after": {"k": seq}}) if payload else None
        salt = new_salt()
        digest = payload_digest(salt, body) if body else ""
        fields = canonical(["k"])
        h = entry_hash(device, seq, hlc, "pedro", "remote.action", "thing", f"r{seq}", fields, digest, prev)
        out.append(
            AuditEntry(
                device,
                seq,
                hlc,
                "pedro",
                "remote.action",
                "thing",
                f"r{seq}",
                ("k",),
                digest,
                prev,
                h,
                json.loads(body) if body else None,
                salt,
                body,
            )
        )
        prev = h
    return out


def test_a_second_devices_chain_is_stored_verbatim_and_verified_on_its_own(vault):
    device = str(uuid.uuid4())
    chain = _remote_chain(device, 5)
    with vault.atomic():
        assert vault.audit.store_remote(chain[:3]) == 3
        assert vault.audit.store_remote(chain) == 2  # the first three again: identical, skipped
    stored = vault.audit.chain(device)
    assert [e.hash for e in stored] == [e.hash for e in chain]  # never re-hashed
    result = vault.audit.verify()
    assert result.ok and result.devices == 2 and result.entries == _count(vault) + 5
    # Local appends go on after the remote chain arrived, on this device's own chain.
    with vault.atomic():
        vault.audit.append("coordinadora", "test.after", "test", "x")
    assert vault.audit.verify().ok


def test_tampering_with_another_devices_chain_names_that_device(vault):
    device = str(uuid.uuid4())
    with vault.atomic():
        vault.audit.store_remote(_remote_chain(device, 4))
    _untrigger(vault)
    vault.db.execute("UPDATE audit_entries SET user = 'alguien' WHERE device_id = ? AND seq = 3", (device,))
    result = vault.audit.verify()
    assert result.device == device and result.first_bad == 3 and device[:8] in result.reason


def test_a_remote_chain_that_does_not_continue_is_refused_and_nothing_stored(vault):
    device = str(uuid.uuid4())
    chain = _remote_chain(device, 4)
    with pytest.raises(VaultError, match="no continúa"), vault.atomic():
        vault.audit.store_remote([chain[0], chain[2]])  # entry 2 missing
    assert vault.audit.chain(device) == []
    with vault.atomic():
        vault.audit.store_remote(chain[:2])
    other = _remote_chain(device, 3)  # a different chain under the same device id
    with pytest.raises(VaultError, match="no coincide"), vault.atomic():
        vault.audit.store_remote(other)
    with pytest.raises(VaultError, match="mismo equipo"), vault.atomic():
        vault.audit.store_remote(_remote_chain(vault.device_id, 1))
    assert vault.audit.verify().ok


def test_remote_payloads_that_do_not_match_their_digest_are_not_kept(vault):
    device = str(uuid.uuid4())
    (entry,) = _remote_chain(device, 1)
    forged = AuditEntry(**{**entry.__dict__, "payload_body": canonical({"before": None, "after": {"k": 666}})})
    with vault.atomic():
        vault.audit.store_remote([forged])
    (stored,) = vault.audit.chain(device)
    assert stored.payload is None and stored.erased and vault.audit.verify().ok


def test_a_received_batch_entry_is_found_from_the_ids_it_carries_beside_its_payload(vault):
    device, ids = str(uuid.uuid4()), [str(uuid.uuid4()) for _ in range(3)]
    body = canonical({"after": {"counts": {"x": 3}}, "people": 3, "refs_sha256": refs_digest(ids)})
    salt = new_salt()
    digest = payload_digest(salt, body)
    hlc = f"{1_790_000_000_000:015d}-00000-{device}"
    h = entry_hash(device, 1, hlc, "pedro", "x.import", "import", "lote", "[]", digest, GENESIS)
    entry = AuditEntry(device, 1, hlc, "pedro", "x.import", "import", "lote", (), digest, GENESIS, h,
                       json.loads(body), salt, body, refs=tuple(ids))  # fmt: skip
    with vault.atomic():
        assert vault.audit.store_remote([entry]) == 1
    for record in ids:
        assert [e.entity_id for e in vault.audit.for_entities([record])] == ["lote"]


def test_a_batch_digest_stays_the_frozen_formula_whatever_holds_the_ids():
    # Chains written by every laptop are checked with this digest: computing it piece by piece must give the
    # format's sha256("\n".join(sorted(unique ids))) exactly, for a list with repeats, a set or a dict.
    frozen = "268e4b660aedd5bcb8bca99003ebe2b674af7d7e20fc7fdc6b250871e2d85eb1"
    ids = ["b2", "a1", "c3", "a1"]
    assert refs_digest(ids) == refs_digest(set(ids)) == refs_digest(dict.fromkeys(ids)) == frozen
    assert refs_digest(["ñ"]) == "024bb90888ca89a15a19e9bdd8c712bfb070465fce1ef25e43c170ea44fc5e5f"
