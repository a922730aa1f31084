"""A ``demo`` killed half-way (SIGKILL: no cleanup runs) leaves no half-made vault; the next ``demo`` and the
desktop's ``--demo`` build a whole one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dmi_desktop.services.demo import ensure_demo_vault
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.paths import DEMO_PASSPHRASE
from dmi_desktop.services.session import Session
from dmi_desktop.storage.keyslots import TEST_KDF
from dmi_desktop.storage.vault import is_vault
from tests.cli.conftest import REPO, run_cli

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")


def _kill_mid_demo(home: Path) -> None:
    """Start ``demo`` with many participants and SIGKILL it once its vault exists and is being filled."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DMI_")}
    env.update(DMI_HOME=str(home), PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dmi_desktop", "demo", "--participants", "20000", "--unlock-time", "0.1"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        # The key file is written when the empty vault is complete; the participants are written after it.
        while not any(home.glob("*/vault.keys")) and not any(home.glob(".*/vault.keys")):
            assert proc.poll() is None, "demo ended before it could be killed"
            assert time.monotonic() < deadline, "demo never created its vault"
            time.sleep(0.05)
        time.sleep(0.5)
        assert proc.poll() is None, "demo finished before it could be killed"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)


def _hidden(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir() if p.name.startswith("."))


def test_a_killed_demo_leaves_no_half_vault_and_the_next_demo_builds_one(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    _kill_mid_demo(home)
    demo = home / "demo-vault"
    assert not demo.exists(), sorted(p.name for p in demo.iterdir())  # nothing that looks like a vault
    again = run_cli("demo", "--participants", "5", "--unlock-time", "0.1", home=home, passphrase=None)
    assert again.code == 0, again.stderr
    assert _hidden(home) == []  # the killed build's leftover was discarded
    listed = run_cli("participant", "list", "--json", "--vault", str(demo), home=home, passphrase=DEMO_PASSPHRASE)
    assert listed.code == 0 and len(listed.json()) == 5


def test_the_desktop_demo_opens_after_a_killed_demo(tmp_path: Path) -> None:
    home = tmp_path / "home"  # the data folder of this test (tests/conftest.py points DMI_HOME here)
    home.mkdir(exist_ok=True)
    _kill_mid_demo(home)
    folder = ensure_demo_vault(participants=5, kdf=TEST_KDF)  # what ``python main.py --demo`` calls first
    assert folder == home / "demo-vault" and is_vault(folder)
    assert _hidden(home) == []
    session = Session.unlock(folder, DEMO_PASSPHRASE)
    try:
        assert session.participants.count(ParticipantQuery()) == 5  # a whole demo, not the killed one's shell
    finally:
        session.close()


def test_a_demo_into_a_folder_holding_other_files_moves_the_vault_in(tmp_path: Path) -> None:
    folder = tmp_path / "carpeta"
    folder.mkdir()
    (folder / "notas.txt").write_text("mío", encoding="utf-8")
    made = run_cli("--vault", str(folder), "demo", "--participants", "3", "--unlock-time", "0.1", home=tmp_path / "h")
    assert made.code == 0, made.stderr
    assert is_vault(folder) and (folder / "notas.txt").read_text(encoding="utf-8") == "mío"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    again = run_cli("--vault", str(folder), "demo", "--participants", "3", home=tmp_path / "h")
    again.assert_refused("ya existe una bóveda")
