"""Auto-lock: idle or Ctrl+L hides every window and closes the vault; unlocking restores open forms intact."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout

from dmi_desktop.services.participants import ParticipantQuery
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF

pytest_plugins = ["tests.ui.shell_fixtures"]


def _open_form(qtbot, text: str, modal: bool = False) -> tuple[QDialog, QLineEdit]:
    form = QDialog()
    form.setWindowTitle("Ficha")
    field = QLineEdit(form)
    QVBoxLayout(form).addWidget(field)
    qtbot.addWidget(form)
    if modal:
        form.open()
    else:
        form.show()
    qtbot.keyClicks(field, text)
    return form, field


def _unlock_again(qtbot, shell, passphrase: str) -> None:
    dialog = shell.lock.dialog
    dialog.passphrase.setText(passphrase)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: not shell.lock.locked, timeout=10_000)


def test_idle_timeout_locks_and_unlocking_restores_the_open_form(qtbot, unlocked):
    shell = unlocked(COORDINATOR, autolock_ms=200)
    window, session = shell.window, shell.ctx.session
    form, field = _open_form(qtbot, "nota a medio escribir")
    locked_signals = []
    shell.hub.locked.connect(lambda: locked_signals.append(True))

    qtbot.waitUntil(lambda: shell.lock.locked, timeout=5_000)  # nobody touches anything: it locks
    assert not window.isVisible()
    assert not form.isVisible()
    assert shell.lock.dialog.isVisible()
    assert locked_signals
    assert shell.worker.wait_idle(5_000)
    assert not session.is_open  # the key is forgotten
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert visible == [shell.lock.dialog]  # nothing but the lock screen

    _unlock_again(qtbot, shell, PASSPHRASE)
    assert window.isVisible()
    assert form.isVisible()
    assert field.text() == "nota a medio escribir"
    assert session.is_open and shell.ctx.session is session
    assert session.participants.count(ParticipantQuery()) >= 0  # services work again, rebuilt in place


def test_wrong_passphrase_keeps_everything_hidden(qtbot, unlocked):
    shell = unlocked(STAFF)
    form, _field = _open_form(qtbot, "borrador")
    shell.lock.lock()
    dialog = shell.lock.dialog
    assert dialog.user_combo.currentText() == STAFF  # the same user must come back
    dialog.passphrase.setText("una frase equivocada")
    dialog.unlock_button.click()
    assert shell.worker.wait_idle(10_000)
    assert shell.lock.locked
    assert dialog.passphrase.has_error
    assert not shell.window.isVisible() and not form.isVisible()
    assert not shell.ctx.session.is_open


def test_ctrl_l_locks(qtbot, unlocked):
    shell = unlocked(COORDINATOR)
    window = shell.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert shell.lock.locked
    assert not window.isVisible()
    assert window.status.lock_label.text() == window.status.tr("Locked")
    _unlock_again(qtbot, shell, PASSPHRASE)
    assert window.status.lock_label.text() == window.status.tr("Unlocked")


def test_ctrl_l_locks_from_another_window_too(qtbot, unlocked):
    shell = unlocked(COORDINATOR)
    form, field = _open_form(qtbot, "ficha abierta")
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    qtbot.keyClick(field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert shell.lock.locked
    assert not form.isVisible() and not shell.window.isVisible()
    _unlock_again(qtbot, shell, PASSPHRASE)
    assert field.text() == "ficha abierta"


def test_modal_form_is_covered_not_closed(qtbot, unlocked):
    shell = unlocked(COORDINATOR)
    form, field = _open_form(qtbot, "texto", modal=True)
    shell.lock.lock()
    covers = [c for c in form.children() if getattr(c, "objectName", lambda: "")() == "lock_cover"]
    assert covers and covers[0].isVisible()
    assert covers[0].geometry() == form.rect()
    assert form.result() == 0 and not form.isHidden()  # still open: its exec()/open() did not end
    _unlock_again(qtbot, shell, PASSPHRASE)
    QApplication.processEvents()
    assert not [c for c in form.children() if getattr(c, "objectName", lambda: "")() == "lock_cover"]
    assert field.text() == "texto"


class _SpyTimer:
    """Stands in for the idle QTimer: records restarts instead of counting real time."""

    def __init__(self) -> None:
        self.starts = 0

    def isActive(self) -> bool:
        return True

    def start(self) -> None:
        self.starts += 1


def test_keyboard_and_mouse_activity_restart_the_countdown(qtbot, unlocked):
    shell = unlocked(COORDINATOR)
    spy = _SpyTimer()
    real, shell.lock.idle._timer = shell.lock.idle._timer, spy
    try:
        qtbot.keyClick(shell.window.navigation, Qt.Key.Key_Down)
        after_key = spy.starts
        qtbot.mouseClick(shell.window.navigation.viewport(), Qt.MouseButton.LeftButton)
        assert after_key >= 1
        assert spy.starts > after_key
    finally:
        shell.lock.idle._timer = real


def test_the_lock_screen_offers_the_recovery_key_like_the_unlock_screen(qtbot, unlocked, monkeypatch):
    from dmi_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog

    shell = unlocked(COORDINATOR)
    session = shell.ctx.session
    recovery_key, _rekeyed = session.users.regenerate_recovery()
    asked: list[bool] = []
    answers = [QDialog.DialogCode.Rejected, QDialog.DialogCode.Accepted]

    def exec_(dialog) -> int:
        asked.append(dialog.windowTitle() != "")
        return answers.pop(0)

    monkeypatch.setattr(ChangePassphraseDialog, "exec", exec_)
    shell.lock.lock()
    qtbot.waitUntil(lambda: shell.lock.dialog is not None and shell.lock.dialog.isVisible(), timeout=5_000)
    dialog = shell.lock.dialog
    assert dialog.recovery_link.isVisible()
    assert dialog.recovery_link.text() == "¿Olvidó su frase? Usar clave de recuperación"  # as at start-up
    dialog.recovery_link.click()
    assert dialog.recovery_mode and dialog.recovery_key.isVisible()
    dialog.recovery_key.setText(recovery_key)
    dialog.unlock_button.click()
    # Declining to set a new passphrase locks again: nothing is shown without one.
    qtbot.waitUntil(lambda: shell.lock.dialog is not None and shell.lock.dialog is not dialog, timeout=10_000)
    assert asked == [True] and shell.lock.locked and not shell.window.isVisible()
    assert shell.worker.wait_idle(5_000) and not session.is_open
    again = shell.lock.dialog
    again.recovery_link.click()
    again.recovery_key.setText(recovery_key)
    again.unlock_button.click()
    qtbot.waitUntil(lambda: not shell.lock.locked, timeout=10_000)
    assert asked == [True, True]
    assert shell.window.isVisible() and session.is_open
