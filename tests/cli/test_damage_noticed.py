"""A page that fails its HMAC: ``check`` finds it before writing anything, any other command stops on it with one
line ("la bóveda está dañada: restaure un respaldo") and its transaction rolled back."""

from __future__ import annotations

from pathlib import Path

import pytest

from dmi_desktop.services.session import Session
from tests.cli.conftest import Cli, file_bytes
from tests.conftest import PASSPHRASE

DAMAGED = "la bóveda está dañada: restaure un respaldo"


def _damage_participants_page(vault: Path) -> None:
    """Fill the participants table over several pages, then break the HMAC of its root page.

    The root page is read by every participant query and write, never by the unlock itself, so the damage is
    met in the middle of a command, as a real bad sector would be.
    """
    session = Session.unlock(vault, PASSPHRASE)
    try:
        rows = [{"nombres": f"Persona {i}", "apellido_paterno": "Relleno " * 8} for i in range(400)]
        session.participants.create_many(rows)
        db = session.vault.db
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'participants'").fetchone()[0]
        page_size = int(db.execute("PRAGMA page_size").fetchone()[0])
    finally:
        session.close()
    data = bytearray((vault / "vault.db").read_bytes())
    for k in range(16):
        data[(root - 1) * page_size + page_size // 2 + k] ^= 0xFF
    (vault / "vault.db").write_bytes(bytes(data))
    assert not (vault / "vault.db-wal").exists()


@pytest.fixture
def damaged(cli: Cli) -> Cli:
    """The test's vault with a broken page in the participants table."""
    _damage_participants_page(cli.vault)
    return cli


def _last_action(vault: Path) -> str:
    """The newest audit entry of this device (the audit's own pages are intact)."""
    session = Session.unlock(vault, PASSPHRASE)
    try:
        db = session.vault.db
        row = db.execute("SELECT action FROM audit_entries WHERE action != 'vault.unlock' ORDER BY hlc DESC LIMIT 1")
        return row.fetchone()[0]
    finally:
        session.close()


def test_check_finds_the_damage_before_writing_anything(damaged: Cli) -> None:
    before = file_bytes(damaged.vault)
    result = damaged("check")
    assert file_bytes(damaged.vault) == before  # not even the unlock's own entry or token was written
    result.assert_refused(DAMAGED)
    assert result.stdout.strip(), "the problems found are listed"
    damaged("check", "--lang", "en").assert_refused("the vault is damaged: restore a backup")
    as_json = damaged("check", "--json")
    assert as_json.code == 1 and as_json.json()["ok"] is False and as_json.json()["problems"]
    assert file_bytes(damaged.vault) == before  # not even the unlock's own entry or token was written
    assert not (damaged.vault / "vault.db-wal").exists()


def test_any_command_meeting_the_damaged_page_stops_with_one_line(damaged: Cli) -> None:
    damaged("participant", "list").assert_refused(DAMAGED)
    damaged("participant", "list", "--lang", "en").assert_refused("the vault is damaged: restore a backup")
    damaged("participant", "add", "--nombres", "Ana", "--apellido-paterno", "Soto").assert_refused(DAMAGED)
    assert _last_action(damaged.vault) != "participant.create"  # the write was rolled back
