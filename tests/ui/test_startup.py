"""Start-up: which screen appears first, and the real program started in a subprocess (smoke test)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dmi_desktop.services import paths
from dmi_desktop.ui.unlock_dialog import UnlockDialog
from dmi_desktop.ui.wizard import FirstRunWizard

pytest_plugins = ["tests.ui.shell_fixtures"]

ROOT = Path(__file__).resolve().parents[2]


def test_no_vault_starts_the_wizard(make_shell):
    shell = make_shell()
    shell.start()
    assert isinstance(shell.dialog, FirstRunWizard)
    assert shell.dialog.device_page.vault_folder == paths.default_vault()


def test_existing_default_vault_starts_the_unlock_dialog(make_shell, vault_dir):
    shutil.copytree(vault_dir, paths.default_vault())
    shell = make_shell()
    shell.start()
    assert isinstance(shell.dialog, UnlockDialog)
    assert str(paths.default_vault()) in shell.dialog.path_label.text()


def test_named_vault_and_last_vault(make_shell, vault_dir):
    shell = make_shell()
    shell.start(vault_dir)
    assert isinstance(shell.dialog, UnlockDialog)
    shell.settings.last_vault = str(vault_dir)
    again = make_shell()
    again.start()
    assert isinstance(again.dialog, UnlockDialog)
    assert str(vault_dir) in again.dialog.path_label.text()


def test_demo_creates_the_vault_then_shows_its_passphrase(qtbot, make_shell, vault_dir, monkeypatch):
    calls = []

    def fake_demo(folder=None, *, participants=300, progress=None, **_kw):
        calls.append(participants)
        if progress:
            progress(1, 1)
        return vault_dir

    monkeypatch.setattr("dmi_desktop.services.demo.ensure_demo_vault", fake_demo)
    shell = make_shell()
    shell._demo_participants = 12
    shell.start(demo=True)
    qtbot.waitUntil(lambda: isinstance(shell.dialog, UnlockDialog), timeout=10_000)
    assert calls == [12]
    hint = shell.dialog.findChild(type(shell.dialog.message), "demo_hint")
    assert paths.DEMO_PASSPHRASE in hint.text()
    assert shell.demo


def _run_app(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DMI_HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "DMI_SMOKE_EXIT_MS": "100",
        "DMI_DEMO_PARTICIPANTS": "12",
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _log(tmp_path: Path) -> str:
    return (tmp_path / "home" / "logs" / "dmi-desktop.log").read_text(encoding="utf-8")


@pytest.mark.slow
def test_demo_starts_to_the_unlock_dialog_in_a_subprocess(tmp_path):
    result = _run_app(tmp_path, "--demo")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "smoke test: unlock_dialog visible" in _log(tmp_path)
    assert (tmp_path / "home" / "demo-vault" / "vault.keys").exists()
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_first_start_shows_the_wizard_in_a_subprocess(tmp_path):
    result = _run_app(tmp_path, "--lang", "en")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "smoke test: first_run_wizard visible" in _log(tmp_path)
    assert "Traceback" not in result.stderr
