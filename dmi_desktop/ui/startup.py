"""The shell's life cycle: demo/unlock/first-run wizard at start, then the main window, locking and quitting."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from dmi_desktop.domain.roles import can_write
from dmi_desktop.services import paths
from dmi_desktop.services.session import Session
from dmi_desktop.services.vault_info import vault_in_use, vault_present
from dmi_desktop.ui.actions import ActionRegistry
from dmi_desktop.ui.audit_actions import incident_reminder
from dmi_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog
from dmi_desktop.ui.commands import ShellCommands
from dmi_desktop.ui.context import AppContext
from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.lock import LockController
from dmi_desktop.ui.main_window import MainWindow
from dmi_desktop.ui.notices import show_notices
from dmi_desktop.ui.progress import run_with_progress
from dmi_desktop.ui.settings import Settings
from dmi_desktop.ui.signals import SignalHub
from dmi_desktop.ui.translation import Translations
from dmi_desktop.ui.unlock_dialog import UnlockDialog
from dmi_desktop.ui.wizard import FirstRunWizard
from dmi_desktop.ui.worker import Worker

log = logging.getLogger(__name__)


class Shell(QObject):
    """Owns what lives as long as the process: settings, worker, signal hub, the open session and its windows."""

    def __init__(
        self,
        settings: Settings,
        translations: Translations,
        *,
        create_options: dict[str, Any] | None = None,
        autolock_ms: int | None = None,
        demo_participants: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.translations = translations
        self.worker = Worker(self)
        self.hub = SignalHub(self)
        self._create_options = create_options or {}
        self._autolock_ms = autolock_ms
        self._demo_participants = demo_participants
        self.demo = False
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None
        self.notice_box: QMessageBox | None = None
        self.lock: LockController | None = None
        self.dialog: QWidget | None = None  # the unlock dialog or wizard on screen, if any

    # -- start ------------------------------------------------------------------------------------

    def start(self, vault: Path | None = None, *, demo: bool = False) -> None:
        """Open the demo, the named vault, the last one, or the default; the wizard when there is none."""
        if demo:
            self.start_demo()
            return
        if vault is not None:
            folder = Path(vault).expanduser()
        elif self.settings.last_vault and vault_present(Path(self.settings.last_vault)):
            folder = Path(self.settings.last_vault)
        else:
            folder = paths.default_vault()
        if vault_present(folder):
            self.show_unlock(folder)
        else:
            self.show_wizard(folder)

    def start_demo(self) -> None:
        """Create the demo vault on first use (on the worker, with progress), then offer to unlock it."""
        self.demo = True
        try:
            from dmi_desktop.services.demo import ensure_demo_vault
        except ImportError:
            show_error(None, QCoreApplication.translate("Shell", "The demo vault is not available in this build."))
            QCoreApplication.quit()
            return
        size = self._demo_participants

        def create(task) -> Path:
            options: dict[str, Any] = {"progress": lambda done, total: task.report(done, total)}
            if size:
                options["participants"] = size
            return ensure_demo_vault(**options)

        run_with_progress(
            None,
            self.worker,
            create,
            QCoreApplication.translate("Shell", "Preparing the demo vault with fictitious participants…"),
            on_done=lambda folder: self.show_unlock(Path(folder), demo_passphrase=paths.DEMO_PASSPHRASE),
            on_error=self._fatal,
            cancellable=False,
        )

    def _fatal(self, exc: Exception) -> None:
        show_error(None, exc)
        QCoreApplication.quit()

    def show_unlock(
        self, folder: Path, *, demo_passphrase: str | None = None, check_lock: bool = True
    ) -> UnlockDialog | QMessageBox:
        """The unlock dialog for ``folder`` (non-blocking; the main window opens when it is accepted).

        A vault already open in another window says so first, instead of asking for a passphrase it could not
        use (the lock is only probed: taken and given back at once).
        """
        if check_lock and vault_in_use(folder):
            return self._show_in_use(folder, demo_passphrase)
        dialog = UnlockDialog(self.worker, folder, demo_passphrase=demo_passphrase)
        dialog.accepted.connect(lambda: self._unlocked(dialog))
        dialog.rejected.connect(QCoreApplication.quit)
        self._present(dialog)
        return dialog

    def _show_in_use(self, folder: Path, demo_passphrase: str | None) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, "DMI Desktop", "")
        box.setObjectName("vault_in_use")
        box.setText(
            QCoreApplication.translate(
                "Shell",
                "This vault is already open in another DMI Desktop window. Switch to that window, or close it and "
                "press Retry.",
            )
        )
        box.setInformativeText(str(folder))
        retry = box.addButton(QMessageBox.StandardButton.Retry)
        box.addButton(QMessageBox.StandardButton.Close)
        retry.setText(QCoreApplication.translate("Shell", "&Retry"))
        box.button(QMessageBox.StandardButton.Close).setText(QCoreApplication.translate("Shell", "&Close"))

        def answered(_result: int) -> None:
            box.deleteLater()
            if box.clickedButton() is retry:
                self.show_unlock(folder, demo_passphrase=demo_passphrase)
            else:
                QCoreApplication.quit()

        box.finished.connect(answered)
        self._present(box)
        return box

    def _unlocked(self, dialog: UnlockDialog) -> None:
        session = dialog.session
        dialog.deleteLater()
        if session is None:
            return
        if dialog.used_recovery and not self._force_new_passphrase(session):
            self.worker.submit(lambda _task: session.close())
            self.show_unlock(session.folder, check_lock=False)  # our own lock, given back on the worker
            return
        self.open_main(session)

    def _force_new_passphrase(self, session: Session) -> bool:
        """After a recovery unlock the user must set a new passphrase before working."""
        dialog = ChangePassphraseDialog(
            self.worker,
            user=session.user,
            change=lambda new: session.users.change_passphrase(new),
            mandatory=True,
        )
        self.dialog = dialog
        return dialog.exec() == QDialog.DialogCode.Accepted

    def show_wizard(self, folder: Path) -> FirstRunWizard:
        """The first-run wizard, creating a vault in ``folder`` (changeable on its device page)."""

        def set_language(code: str) -> None:
            self.translations.apply(code)
            self.settings.language = code

        wizard = FirstRunWizard(
            self.worker,
            folder,
            language=self.settings.language,
            set_language=set_language,
            create_options=self._create_options,
        )
        wizard.accepted.connect(lambda: self._wizard_done(wizard))
        wizard.rejected.connect(QCoreApplication.quit)
        self._present(wizard)
        return wizard

    def _wizard_done(self, wizard: FirstRunWizard) -> None:
        session = wizard.session
        wizard.deleteLater()
        if session is not None:
            self.open_main(session)

    def _present(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    # -- working ----------------------------------------------------------------------------------

    def open_main(self, session: Session) -> MainWindow:
        """Build the context and the main window for an open session; start the auto-lock."""
        self.dialog = None
        if not self.demo:
            self.settings.last_vault = str(session.folder)
        actions = ActionRegistry(self)
        actions.set_can_write(can_write(session.role))
        self.ctx = AppContext(session, self.hub, self.worker, self.settings, actions)
        self.hub.bridge(session)
        timeout = self._autolock_ms or self.settings.autolock_minutes * 60_000
        self.lock = LockController(self.ctx, timeout, self)
        self.lock.quit_requested.connect(self.quit)
        commands = ShellCommands(self.ctx, self.lock, self)
        self.window = MainWindow(self.ctx, commands.specs())
        commands.window = self.window
        # Ctrl+L must work from every window (an open participant file too), not only the main one.
        self.ctx.actions.action("vault.lock").setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.window.closed.connect(self.quit)
        self.window.show()
        self.lock.start()
        self.notice_box = show_notices(self.window, [*session.notices, *incident_reminder(session)])
        log.info("main window opened")
        return self.window

    def quit(self) -> None:
        """Leave the event loop; shutdown() runs from aboutToQuit."""
        QCoreApplication.quit()

    def shutdown(self) -> None:
        """Finish queued work, close the vault, stop the worker (on aboutToQuit)."""
        if self.lock is not None:
            self.lock.dispose()
        session = self.ctx.session if self.ctx else None
        if session is not None:
            self.worker.submit(lambda _task: session.close(), on_error=lambda _exc: None)
        self.worker.shutdown()
        if session is not None and session.is_open:
            session.close()
        for widget in QApplication.topLevelWidgets():
            widget.hide()
