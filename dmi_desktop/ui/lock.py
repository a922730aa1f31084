"""Locking: hide every window, close the vault, ask for the passphrase, then put everything back as it was."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QVBoxLayout, QWidget

from dmi_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog
from dmi_desktop.ui.context import AppContext
from dmi_desktop.ui.idle import IdleWatcher
from dmi_desktop.ui.notices import show_notices
from dmi_desktop.ui.unlock_dialog import UnlockDialog

log = logging.getLogger(__name__)


class _Cover(QWidget):
    """An opaque panel laid over a modal dialog that cannot be hidden without ending its exec() loop."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lock_cover { background: palette(window); }")
        label = QLabel(self.tr("Locked"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the dialog's size."""
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


class LockController(QObject):
    """Idle auto-lock and Ctrl+L; ``quit_requested`` when the user quits from the lock screen."""

    quit_requested = Signal()

    def __init__(self, ctx: AppContext, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.idle = IdleWatcher(timeout_ms, self)
        self.idle.idle.connect(self.lock)
        self.dialog: UnlockDialog | None = None
        self._hidden: list[QWidget] = []
        self._covers: list[_Cover] = []
        self._active: QWidget | None = None
        self.locked = False
        self.notice_box: QMessageBox | None = None
        self.passphrase_dialog: ChangePassphraseDialog | None = None  # shown after a recovery unlock

    def start(self) -> None:
        """Begin watching for idleness."""
        self.idle.start()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        """Apply a new auto-lock delay."""
        self.idle.set_timeout_ms(timeout_ms)

    def lock(self) -> None:
        """Hide all data, close the vault (after any running task), and show the unlock screen."""
        if self.locked:
            return
        self.locked = True
        self.idle.stop()
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        self._active = QApplication.activeWindow()
        self._hide_windows()
        # Through the worker: a write still running finishes first, then the database closes.
        session = self._ctx.session
        self._ctx.worker.submit(lambda _task: session.lock(), on_error=lambda _exc: None)
        self._ctx.hub.locked.emit()
        log.info("vault locked")
        self._show_unlock()

    def _hide_windows(self) -> None:
        self._hidden, self._covers = [], []
        windows = (Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet, Qt.WindowType.Tool)
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible() or widget is self.dialog:
                continue
            if widget.windowType() not in windows:
                widget.hide()  # tooltips and the like: gone for good
                continue
            if widget.isModal() or widget.windowModality() != Qt.WindowModality.NonModal:
                self._covers.append(_Cover(widget))  # hiding would end its exec() and lose the form
            else:
                self._hidden.append(widget)
                widget.hide()

    def _show_unlock(self) -> None:
        session = self._ctx.session

        def reopen(_user: str, passphrase: str):  # runs on the worker
            session.reopen(passphrase)
            return session

        def recover(_user: str, recovery_key: str):  # runs on the worker
            session.reopen_with_recovery(recovery_key)
            return session

        # The same "forgot your passphrase?" link as at start-up: whoever forgot it must not have to quit first.
        dialog = UnlockDialog(
            self._ctx.worker, session.folder, fixed_user=session.user, attempt=reopen, recover=recover
        )
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.accepted.connect(self._unlocked)
        dialog.rejected.connect(self._quit_from_lock)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _unlocked(self) -> None:
        if self.dialog is not None and self.dialog.used_recovery and not self._new_passphrase():
            # No new passphrase: the vault locks again, as after a recovery unlock at start-up.
            session = self._ctx.session
            self._ctx.worker.submit(lambda _task: session.lock(), on_error=lambda _exc: None)
            self._dispose_dialog()
            self._show_unlock()
            return
        for cover in self._covers:
            cover.deleteLater()
        for widget in self._hidden:
            widget.show()
        self._hidden, self._covers = [], []
        if self._active is not None and self._active.isVisible():
            self._active.activateWindow()
        self._dispose_dialog()
        self.locked = False
        self._ctx.hub.unlocked.emit()
        self.idle.start()
        self.notice_box = show_notices(self._active, self._ctx.session.notices)
        log.info("vault unlocked after a lock")

    def _new_passphrase(self) -> bool:
        """After a recovery unlock the user sets a new passphrase before seeing anything again."""
        session = self._ctx.session
        dialog = ChangePassphraseDialog(
            self._ctx.worker,
            user=session.user,
            change=lambda new: session.users.change_passphrase(new),
            mandatory=True,
        )
        self.passphrase_dialog = dialog
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.passphrase_dialog = None

    def _quit_from_lock(self) -> None:
        answer = QMessageBox.question(
            self.dialog,
            self.tr("Quit"),
            self.tr("Quit DMI Desktop? Changes not yet saved in open forms will be lost."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            if self.dialog is not None:
                self.dialog.show()
            return
        self._dispose_dialog()
        self.quit_requested.emit()

    def _dispose_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def dispose(self) -> None:
        """Stop watching (the application is quitting)."""
        self.idle.remove()
