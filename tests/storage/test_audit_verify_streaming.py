"""``audit verify`` reads the chains a chunk at a time, reports how far it got, and can be stopped."""

from __future__ import annotations

import pytest

from dmi_desktop.storage import audit
from tests.storage.test_audit import _seq_of, _untrigger, vault  # noqa: F401 - the fixture is used by name


class Stop(Exception):
    """What a cancel raises from the progress callback."""


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(audit, "VERIFY_CHUNK", 3)


def test_progress_counts_up_to_every_entry_held(vault):  # noqa: F811
    seen = []
    result = vault.audit.verify(lambda done, total: seen.append((done, total)))
    total = vault.audit.count()
    assert result.ok and result.entries == total
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen) and len(seen) > total // 3


def test_a_break_across_chunk_edges_is_still_named(vault):  # noqa: F811
    _untrigger(vault)
    seq = _seq_of(vault, "e4")
    vault.db.execute("UPDATE audit_entries SET user = 'x' WHERE device_id = ? AND seq = ?", (vault.device_id, seq))
    assert vault.audit.verify(lambda d, t: None).first_bad == seq
    assert vault.audit.verify().first_bad == seq  # with and without progress alike


def test_a_progress_callback_that_raises_stops_the_walk(vault):  # noqa: F811
    calls = []

    def cancel_at_second(done, total):
        calls.append(done)
        if len(calls) == 2:
            raise Stop

    with pytest.raises(Stop):
        vault.audit.verify(cancel_at_second)
    assert calls == [0, 3]
    assert vault.audit.verify().ok  # nothing was left half-done
