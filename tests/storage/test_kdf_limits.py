"""Argon2id costs read from a key file or a backup header are bounded: refused before deriving, in one line."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from dmi_desktop.storage import keyslots
from dmi_desktop.storage.backup import MAGIC, open_backup, read_header
from dmi_desktop.storage.errors import BadBackup, DamagedKeyFile
from dmi_desktop.storage.kdf_limits import MAX_LANES, MAX_MEMORY_KIB, max_iterations, within_limits
from dmi_desktop.storage.keyslots import TEST_KDF, KdfParams, calibrate
from dmi_desktop.storage.vault import Vault
from tests.conftest import PASSPHRASE

HOSTILE = {"iterations": 10_000, "memory_cost": 4 * 1024 * 1024, "lanes": 4}  # 4 GiB × 10 000: hours


def _refuse(self, secret, salt):
    raise AssertionError(f"derivation attempted with {self}")


@pytest.fixture
def no_derivation(monkeypatch):
    """Fail the test at once if anything tries to run the KDF (today it would hang on HOSTILE for hours)."""
    monkeypatch.setattr(KdfParams, "derive", _refuse)


def _with_costs(doc: dict, kdf: dict) -> dict:
    doc = json.loads(json.dumps(doc))
    for slot in doc["slots"]:
        slot["kdf"] = dict(kdf)
    doc["checksum"] = keyslots._checksum(doc)  # anyone can recompute it: it only catches accidents
    return doc


def test_a_key_file_asking_for_4_gib_times_10000_is_refused_before_deriving(vault_dir, no_derivation):
    path = vault_dir / "vault.keys"
    path.write_text(json.dumps(_with_costs(json.loads(path.read_text("utf-8")), HOSTILE)), "utf-8")
    with pytest.raises(DamagedKeyFile) as caught:
        Vault.unlock(vault_dir, PASSPHRASE)
    message = str(caught.value)
    assert "fuera de los límites" in message and "4096 MiB" in message and "10000" in message
    assert "\n" not in message


@pytest.mark.parametrize("kdf", [{"iterations": 3, "memory_cost": 65536, "lanes": 10_000}, {"iterations": 1e309}])
def test_too_many_lanes_and_an_infinite_cost_are_refused_too(vault_dir, no_derivation, kdf):
    path = vault_dir / "vault.keys"
    doc = json.loads(path.read_text("utf-8"))
    costs = {**doc["slots"][0]["kdf"], **kdf}
    path.write_text(json.dumps(_with_costs(doc, costs)), "utf-8")  # 1e309 is written as Infinity
    with pytest.raises(DamagedKeyFile, match="fuera de los límites"):  # today: OverflowError for Infinity
        Vault.unlock(vault_dir, PASSPHRASE)


def test_a_backup_header_asking_for_hostile_costs_is_refused_before_deriving(vault_dir, tmp_path, monkeypatch):
    backup = _backup(vault_dir, tmp_path)
    header, db_start, mac = read_header(backup)
    data = backup.read_bytes()[db_start : db_start + header.db_size]
    raw = json.loads(backup.read_bytes()[len(MAGIC) + 4 :][: _head_len(backup)].decode("utf-8"))
    raw["keys"] = _with_costs(header.keys, HOSTILE)
    head = json.dumps(raw, sort_keys=True).encode("utf-8")
    backup.write_bytes(MAGIC + struct.pack(">I", len(head)) + head + data + mac)
    monkeypatch.setattr(KdfParams, "derive", _refuse)
    with pytest.raises(BadBackup, match="fuera de los límites"):  # today: "dañada (llaves)", or hours of KDF
        open_backup(backup, passphrase=PASSPHRASE)


def test_costs_this_app_writes_are_within_the_limits_and_the_limits_are_tight():
    for params in (KdfParams(), TEST_KDF, KdfParams(iterations=20, memory_cost=MAX_MEMORY_KIB, lanes=MAX_LANES)):
        assert within_limits(params.iterations, params.memory_cost, params.lanes), params
    assert not within_limits(21, MAX_MEMORY_KIB, 4)
    assert not within_limits(1, MAX_MEMORY_KIB + 1, 4)
    assert not within_limits(3, 65536, MAX_LANES + 1)
    assert max_iterations(64 * 1024) == 320


def test_calibration_never_chooses_a_cost_the_limits_would_refuse(monkeypatch):
    # A machine so fast (or a target so long) that the estimate runs past the bounds: the ceiling holds.
    monkeypatch.setattr(keyslots, "_fastest", lambda params, salt, runs=2: params.iterations * 0.0001)
    chosen = calibrate(target_seconds=60.0)
    assert chosen.iterations == max_iterations(chosen.memory_cost)
    assert within_limits(chosen.iterations, chosen.memory_cost, chosen.lanes)


def _backup(vault_dir: Path, tmp_path: Path) -> Path:
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        return vault.backup_to(tmp_path / "copia.dmibackup")
    finally:
        vault.close()


def _head_len(backup: Path) -> int:
    return struct.unpack(">I", backup.read_bytes()[len(MAGIC) : len(MAGIC) + 4])[0]
