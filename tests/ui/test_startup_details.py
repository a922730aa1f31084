"""Start-up details: a vault open elsewhere is said before the passphrase is asked; the wizard's device code
suggestion and the line saying why Next is disabled; F1 lists every shortcut from the registry."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from dmi_desktop.services.session import Session
from dmi_desktop.ui.unlock_dialog import UnlockDialog
from tests.conftest import COORDINATOR, PASSPHRASES

pytest_plugins = ["tests.ui.shell_fixtures"]


def _visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_a_vault_open_elsewhere_is_said_before_the_passphrase_prompt(make_shell, vault_dir, qtbot):
    other = Session.unlock(vault_dir, PASSPHRASES[COORDINATOR], COORDINATOR)  # "another window" holds the lock
    try:
        shell = make_shell()
        shell.start(vault_dir)
        box = shell.dialog
        assert isinstance(box, QMessageBox) and box.objectName() == "vault_in_use" and box.isVisible()
        assert "ya está abierta en otra ventana" in box.text()
        assert not _visible(UnlockDialog)  # no passphrase asked for a vault that cannot be opened here
    finally:
        other.close()
    box.button(QMessageBox.StandardButton.Retry).click()  # closed elsewhere: now the passphrase is asked
    qtbot.waitUntil(lambda: len(_visible(UnlockDialog)) == 1)
    _visible(UnlockDialog)[0].reject()
