"""What the vault must tell the user at unlock (a new device identity) appears once, in their language."""

from __future__ import annotations

import os
from pathlib import Path

from dmi_desktop.storage.installation import RECORD_NAME
from tests.conftest import COORDINATOR

pytest_plugins = ["tests.ui.shell_fixtures"]


def test_a_vault_new_to_this_computer_says_so_after_unlock(unlocked, qtbot):
    (Path(os.environ["DMI_HOME"]) / RECORD_NAME).unlink()  # as if copied here from another computer
    shell = unlocked(COORDINATOR)
    qtbot.waitUntil(lambda: shell.notice_box is not None and shell.notice_box.isVisible(), timeout=5000)
    text = shell.notice_box.text()
    assert shell.ctx.session.device_code in text and "LC1" in text
    assert "por primera vez en este computador" in text and shell.notice_box.windowTitle() == "Aviso"


def test_an_ordinary_unlock_shows_no_notice(unlocked):
    shell = unlocked(COORDINATOR)
    assert shell.notice_box is None
