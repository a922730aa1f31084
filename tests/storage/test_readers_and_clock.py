"""Readers see committed data only; the vault's clock is persisted, never goes backwards, and tells when set back."""

import threading
import time

import pytest

from dmi_desktop.domain.hlc import DAY_MS, Timestamp
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.session import Session
from dmi_desktop.storage.driver import DatabaseError
from dmi_desktop.storage.vault import Vault
from tests.conftest import PASSPHRASE


class _Rollback(Exception):
    pass


def test_a_read_during_an_open_write_transaction_sees_only_committed_data(session):
    svc = session.participants
    svc.create({"nombres": "Ana", "apellido_paterno": "Soto"})
    inside, release, seen_inside = threading.Event(), threading.Event(), []

    def worker():
        try:
            with session.write("probar"):
                session.participants.repo.add({"nombres": "Luis", "apellido_paterno": "Mena"})
                # The writing thread sees its own uncommitted row...
                seen_inside.append(session.participants.count(ParticipantQuery()))
                inside.set()
                release.wait(10)
                raise _Rollback
        except _Rollback:
            pass

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        assert inside.wait(10)
        # ...while any other thread (the GUI's) sees only what was committed.
        assert svc.count(ParticipantQuery()) == 1
        assert [r.full_name for r in svc.rows(ParticipantQuery())] == ["Ana Soto"]
        assert [r.full_name for r in svc.rows(ParticipantQuery(search="luis"))] == []
    finally:
        release.set()
        thread.join(10)
    assert seen_inside == [2]
    assert svc.count(ParticipantQuery()) == 1  # the rollback took away nothing a reader had shown


def test_a_commit_is_visible_to_readers_at_once(session):
    svc = session.participants
    assert svc.count(ParticipantQuery()) == 0
    done = threading.Event()
    threading.Thread(target=lambda: (svc.create({"nombres": "Eva", "apellido_paterno": "Rojas"}), done.set())).start()
    assert done.wait(10)
    assert [r.full_name for r in svc.rows(ParticipantQuery())] == ["Eva Rojas"]


def test_reader_connections_refuse_writes_and_close_with_the_vault(vault_dir):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    reader = vault.read_db()
    assert reader is not vault.db
    with pytest.raises(DatabaseError, match=r"readonly|read-only"):
        reader.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
    with vault.atomic():
        assert vault.read_db() is vault.db  # inside its own transaction a thread reads its own writes
    vault.close()
    with pytest.raises(DatabaseError):
        reader.execute("SELECT 1")


def _tomorrow() -> int:
    """A wall time after every stamp the template vault holds."""
    return time.time_ns() // 1_000_000 + DAY_MS


def _wall(monkeypatch, ms):
    monkeypatch.setattr(time, "time_ns", lambda: ms * 1_000_000)


def test_the_clock_is_persisted_and_never_goes_backwards_across_restarts(vault_dir, monkeypatch):
    now = _tomorrow()
    _wall(monkeypatch, now)
    session = Session.unlock(vault_dir, PASSPHRASE)
    last = session.vault.hlc.last
    assert session.vault.meta("hlc_last") == last.encode()  # the unlock's own audit entry moved and saved it
    session.close()
    # Next start: the computer's clock is a year behind (a flat battery, a wrong manual setting).
    _wall(monkeypatch, now - 365 * DAY_MS)
    session = Session.unlock(vault_dir, PASSPHRASE)
    try:
        p = session.participants.create({"nombres": "Ana", "apellido_paterno": "Soto"})
        row = session.vault.db.execute("SELECT created_hlc FROM participants WHERE id = ?", (p.id,)).fetchone()
        assert row[0] > last.encode()
        assert Timestamp.decode(row[0]).wall_ms == now  # held at the last known time, ordered by the counter
        (notice,) = session.notices
        assert "atrasada" in notice and "365 días" in notice
    finally:
        session.close()


def test_a_clock_only_minutes_behind_says_nothing(vault_dir, monkeypatch):
    now = _tomorrow()
    _wall(monkeypatch, now)
    Session.unlock(vault_dir, PASSPHRASE).close()
    _wall(monkeypatch, now - 60_000)
    session = Session.unlock(vault_dir, PASSPHRASE)
    try:
        assert session.notices == []
    finally:
        session.close()


def test_the_drift_limit_is_a_vault_setting(vault_dir):
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        assert vault.hlc.max_ahead_ms == DAY_MS
        with vault.atomic():
            vault.set_meta("hlc_max_ahead_ms", str(3 * DAY_MS))
    finally:
        vault.close()
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        assert vault.hlc.max_ahead_ms == 3 * DAY_MS
    finally:
        vault.close()
