"""A backup names the vault it came from: in its header, or (a header without it) through its key slots."""

from __future__ import annotations

import hashlib
import hmac
import json
import struct

from dmi_desktop.storage.backup import MAGIC, _mac_key, open_backup, read_header
from dmi_desktop.storage.vault import Vault
from tests.conftest import PASSPHRASE


def test_a_header_without_the_vault_id_is_named_by_its_key_slots(vault_dir, tmp_path):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        target = vault.backup_to(tmp_path / "copia.dmibackup")
        vault_id, key = vault.keyfile.vault_id, vault._key
    finally:
        vault.close()
    raw = target.read_bytes()
    (length,) = struct.unpack(">I", raw[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    head = json.loads(raw[start : start + length])
    assert head["vault_id"] == vault_id  # every backup this app writes carries it
    del head["vault_id"]
    new_head = json.dumps(head, sort_keys=True).encode()
    body = MAGIC + struct.pack(">I", len(new_head)) + new_head + raw[start + length : -32]
    older = tmp_path / "sin-id.dmibackup"
    older.write_bytes(body + hmac.new(_mac_key(key), body, hashlib.sha256).digest())
    assert read_header(older)[0].vault_id == vault_id
    assert open_backup(older, passphrase=PASSPHRASE)[0].vault_id == vault_id
