"""The unlock dialog: right and wrong passphrases, damaged vaults, the recovery key, the demo hint."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from dmi_desktop.services.paths import DEMO_PASSPHRASE
from dmi_desktop.services.session import Session
from dmi_desktop.storage.keyslots import TEST_KDF
from dmi_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog
from dmi_desktop.ui.unlock_dialog import UnlockDialog
from dmi_desktop.ui.worker import Worker
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF, STAFF_PASSPHRASE, VIEWER

pytest_plugins = ["tests.ui.shell_fixtures"]

NEW_PASSPHRASE = "mandarina helicóptero bufanda quieta 88"


def _translated(text: str) -> str:
    return QCoreApplication.translate("UnlockDialog", text)


def test_right_passphrase_opens_the_main_window(qtbot, make_shell, vault_dir):
    shell = make_shell()
    dialog = shell.show_unlock(vault_dir)
    assert dialog.isVisible()
    assert str(vault_dir) in dialog.path_label.text()
    dialog.user_combo.setCurrentText(STAFF)
    dialog.passphrase.setText(STAFF_PASSPHRASE)
    dialog.unlock_button.click()
    # The key derivation runs on the worker: the dialog shows it is busy and its inputs wait.
    assert dialog.busy.isVisible()
    assert not dialog.passphrase.isEnabled()
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=10_000)
    assert shell.dialog is None  # the unlock dialog is gone
    assert shell.ctx.session.user == STAFF
    assert shell.ctx.session.is_open


def test_users_come_from_the_key_file(qtbot, vault_dir):
    dialog = UnlockDialog(Worker(), vault_dir)
    qtbot.addWidget(dialog)
    names = [dialog.user_combo.itemText(i) for i in range(dialog.user_combo.count())]
    assert set(names) == {COORDINATOR, STAFF, VIEWER}


def test_wrong_passphrase_marks_the_field_and_opens_nothing(qtbot, make_shell, vault_dir):
    shell = make_shell()
    dialog = shell.show_unlock(vault_dir)
    dialog.user_combo.setCurrentText(COORDINATOR)
    qtbot.keyClicks(dialog.passphrase, "not the passphrase at all")
    dialog.unlock_button.click()
    assert shell.worker.wait_idle(10_000)
    assert dialog.isVisible()
    assert dialog.message.isVisible()
    assert dialog.message.text() == _translated("Wrong passphrase.")
    assert dialog.passphrase.has_error
    assert dialog.passphrase.selectedText() == "not the passphrase at all"  # ready to be typed over
    assert dialog.session is None
    assert shell.window is None
    # Typing again clears the red mark; the right passphrase then works.
    qtbot.keyClicks(dialog.passphrase, "x")  # QTest types ASCII only; the rest is set below
    assert not dialog.passphrase.has_error
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: shell.window is not None, timeout=10_000)


def test_empty_passphrase_asks_for_one_without_trying(qtbot, vault_dir):
    worker = Worker()
    dialog = UnlockDialog(worker, vault_dir)
    qtbot.addWidget(dialog)
    dialog.unlock_button.click()
    assert not worker.busy
    assert dialog.message.text() == _translated("Type your passphrase.")


def test_damaged_key_file_is_reported_and_unlock_disabled(qtbot, vault_dir):
    (vault_dir / "vault.keys").write_text("{not json", encoding="utf-8")
    dialog = UnlockDialog(Worker(), vault_dir)
    qtbot.addWidget(dialog)
    assert not dialog.unlock_button.isEnabled()
    assert "dañado" in dialog.message.text()  # the storage layer's Spanish one-line message


def test_vault_in_use_is_a_clear_message(qtbot, make_shell, vault_dir, open_session):
    held = open_session(COORDINATOR)  # another process would hold the same lock
    shell = make_shell()
    # Taken after the start-up check (which says so before the prompt, see test_startup_details): the unlock
    # itself still refuses with a clear line.
    dialog = shell.show_unlock(vault_dir, check_lock=False)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    assert shell.worker.wait_idle(10_000)
    assert dialog.message.isVisible()
    assert "Traceback" not in dialog.message.text()
    assert not dialog.passphrase.has_error  # not a passphrase problem
    assert shell.window is None
    held.close()


def test_quitting_from_the_unlock_dialog_is_refused_while_unlocking(qtbot, vault_dir):
    worker = Worker()
    dialog = UnlockDialog(worker, vault_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    dialog.reject()
    assert dialog.isVisible()
    assert worker.wait_idle(10_000)
    dialog.session.close()


def test_demo_hint_shows_and_fills_the_passphrase(qtbot, vault_dir):
    dialog = UnlockDialog(Worker(), vault_dir, demo_passphrase=DEMO_PASSPHRASE)
    qtbot.addWidget(dialog)
    hint = dialog.findChild(type(dialog.message), "demo_hint")
    assert DEMO_PASSPHRASE in hint.text()
    dialog.findChild(type(dialog.unlock_button), "fill_demo").click()
    assert dialog.passphrase.text() == DEMO_PASSPHRASE


def test_show_toggle_reveals_the_passphrase(qtbot, vault_dir):
    dialog = UnlockDialog(Worker(), vault_dir)
    qtbot.addWidget(dialog)
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password
    dialog.passphrase.toggle_action.trigger()
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Normal


def test_recovery_key_unlocks_then_a_new_passphrase_is_required(qtbot, make_shell, tmp_path: Path):
    folder = tmp_path / "recovery-vault"
    session, recovery = Session.create(folder, user="ana", passphrase=PASSPHRASE, kdf=TEST_KDF)
    session.close()
    shell = make_shell()
    dialog = shell.show_unlock(folder)
    dialog.recovery_link.click()
    assert dialog.recovery_mode
    assert dialog.recovery_key.isVisible() and not dialog.passphrase.isVisible()
    seen = []

    def fill_new_passphrase() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, ChangePassphraseDialog):
            QTimer.singleShot(20, fill_new_passphrase)
            return
        seen.append(modal)
        assert not modal.current.isVisible()  # no current passphrase to ask after a recovery
        modal.new.setText(NEW_PASSPHRASE)
        modal.repeat.setText(NEW_PASSPHRASE)
        modal.ok.click()

    QTimer.singleShot(0, fill_new_passphrase)
    dialog.recovery_key.setText(recovery.lower().replace("-", " "))  # typed back loosely from paper
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: shell.window is not None, timeout=10_000)
    assert seen
    shell.window.close()
    shell.shutdown()
    reopened = Session.unlock(folder, NEW_PASSPHRASE, "ana")  # the new passphrase now opens the vault
    reopened.close()
