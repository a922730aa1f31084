"""The audit head inside a transaction: read and checked once, kept in memory, written once before the commit."""

from __future__ import annotations

import pytest

from dmi_desktop.storage.vault import Vault
from tests.conftest import PASSPHRASE


@pytest.fixture
def vault(vault_dir):
    v = Vault.unlock(vault_dir, PASSPHRASE)
    yield v
    v.close()


def _append(v: Vault, n: int) -> int:
    return v.audit.append("coordinadora", "test.action", "test", f"e{n}", payload={"before": {"n": n}, "after": {}})


def _head(v: Vault) -> tuple[int, str]:
    row = v.db.execute("SELECT seq, hash FROM audit_heads WHERE device_id = ?", (v.device_id,)).fetchone()
    return int(row[0]), str(row[1])


def test_many_entries_in_one_transaction_read_and_write_the_head_once(vault):
    statements: list[str] = []
    vault.db.conn.set_trace_callback(statements.append)
    try:
        with vault.atomic():
            for n in range(20):
                _append(vault, n)
    finally:
        vault.db.conn.set_trace_callback(None)
    head_writes = [s for s in statements if s.startswith("INSERT INTO audit_heads")]
    head_reads = [s for s in statements if s.startswith("SELECT seq, hash FROM audit_heads")]
    assert (len(head_writes), len(head_reads)) == (1, 1)  # before: 20 and 20
    last = vault.db.execute(
        "SELECT seq, hash FROM audit_entries WHERE device_id = ? ORDER BY seq DESC LIMIT 1", (vault.device_id,)
    ).fetchone()
    assert _head(vault) == (int(last[0]), str(last[1])) and vault.audit.verify().ok


def test_a_savepoint_rolled_back_mid_transaction_leaves_a_chain_that_verifies(vault):
    start = _head(vault)[0]
    with vault.atomic():
        _append(vault, 1)
        with pytest.raises(RuntimeError), vault.atomic():  # an inner step fails and is rolled back alone
            _append(vault, 2)
            raise RuntimeError("inner step failed")
        seq = _append(vault, 3)  # no false "altered outside the app"
    assert seq == start + 2 and _head(vault)[0] == start + 2
    assert vault.audit.verify().ok


def test_a_failed_transaction_leaves_the_stored_head_and_the_next_one_appends_after_it(vault):
    before = _head(vault)
    with pytest.raises(RuntimeError), vault.atomic():
        _append(vault, 1)
        raise RuntimeError("failed")
    assert _head(vault) == before
    with vault.atomic():
        assert _append(vault, 2) == before[0] + 1
    assert vault.audit.verify().ok
