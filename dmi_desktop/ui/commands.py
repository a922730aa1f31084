"""The shell's own commands (lock, quit, help, passphrase, users, backup, settings) and their action specs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog, QWidget

from dmi_desktop.domain.roles import can_manage_users
from dmi_desktop.services.follow_up import FollowUpService
from dmi_desktop.services.vault_info import passphrase_opens
from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.actions import ActionSpec
from dmi_desktop.ui.audit_actions import AuditCommands
from dmi_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog
from dmi_desktop.ui.context import AppContext
from dmi_desktop.ui.errors import output_allowed, show_error
from dmi_desktop.ui.help_dialog import HelpDialog
from dmi_desktop.ui.lock import LockController
from dmi_desktop.ui.progress import run_with_progress
from dmi_desktop.ui.settings_dialog import SettingsDialog


class ShellCommands(QObject):
    """What the shell's menu items do; dialogs open over ``window``."""

    def __init__(self, ctx: AppContext, lock: LockController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lock_controller = lock
        self.window: QWidget | None = None
        self.audit = AuditCommands(ctx, lambda: self.window, self)

    def specs(self) -> list[ActionSpec]:
        """The shell's actions; user and letterhead management only exist for coordinators."""
        specs = [
            ActionSpec("shell.settings", QCoreApplication.translate("Shell", "&Settings…"), self.settings, menu="file"),
            ActionSpec(
                "shell.quit", QCoreApplication.translate("Shell", "&Quit"), self.quit, menu="file", shortcut="Ctrl+Q"
            ),
            ActionSpec(
                "vault.change_passphrase",
                QCoreApplication.translate("Shell", "Change &passphrase…"),
                self.change_passphrase,
                menu="vault",
            ),
        ]
        if can_manage_users(self.ctx.session.role):
            specs += [
                ActionSpec(
                    "vault.users",
                    QCoreApplication.translate("Shell", "Manage &users…"),
                    self.manage_users,
                    menu="vault",
                    icon="users",
                ),
                ActionSpec(
                    "vault.organisation",
                    QCoreApplication.translate("Shell", "&Organisation and letterhead…"),
                    self.organisation,
                    menu="vault",
                ),
            ]
        specs += self.audit.specs()
        specs += [
            ActionSpec(
                "vault.backup",
                QCoreApplication.translate("Shell", "&Back up…"),
                self.backup,
                menu="vault",
                icon="backup",
            ),
            ActionSpec(
                "vault.lock",
                QCoreApplication.translate("Shell", "&Lock"),
                self.lock,
                menu="vault",
                shortcut="Ctrl+L",
                toolbar=True,
                icon="lock",
                status_tip=QCoreApplication.translate("Shell", "Hide everything and ask for the passphrase again"),
            ),
            ActionSpec(
                "help.contents",
                QCoreApplication.translate("Shell", "&Help"),
                self.help,
                menu="help",
                shortcut="F1",
                icon="help",
            ),
        ]
        return specs

    # -- commands -------------------------------------------------------------------------------

    def lock(self) -> None:
        """Lock now (Ctrl+L)."""
        self.lock_controller.lock()

    def quit(self) -> None:
        """Close the main window (which asks about unsaved forms) and quit (Ctrl+Q)."""
        if self.window is not None:
            self.window.close()

    def help(self) -> None:
        """Show help and the shortcuts (F1)."""
        HelpDialog(self.ctx.actions, self.window).exec()

    def change_passphrase(self) -> None:
        """Change one's own passphrase; the current one is checked against the key slot first."""
        session = self.ctx.session
        folder, user = session.folder, session.user
        dialog = ChangePassphraseDialog(
            self.ctx.worker,
            user=user,
            verify=lambda current: passphrase_opens(folder, user, current),
            change=lambda new: session.users.change_passphrase(new),
            change_compromised=lambda new: session.users.change_passphrase(new, compromised=True),
            parent=self.window,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._status(QCoreApplication.translate("Shell", "Passphrase changed."))
            if dialog.outcome is not None:
                from dmi_desktop.ui.rekey_report import report_rekey

                report_rekey(self.window, self.ctx, dialog.outcome)

    def manage_users(self) -> None:
        """Users and roles (coordinators)."""
        from dmi_desktop.ui.users_dialog import UsersDialog

        UsersDialog(self.ctx, self.window).exec()

    def organisation(self) -> None:
        """Organisation and letterhead (coordinators)."""
        from dmi_desktop.ui.organisation_dialog import OrganisationDialog

        if OrganisationDialog(self.ctx, self.window).exec() == QDialog.DialogCode.Accepted:
            self._status(QCoreApplication.translate("Shell", "Letterhead saved."))

    def backup(self) -> None:
        """Write an encrypted backup file where the user chooses, on the worker."""
        from dmi_desktop.services import backups

        suggested = f"dmi-respaldo-{date.today():%Y%m%d}.dmibackup"
        path, _filter = file_dialogs.save_file_name(
            self.window,
            QCoreApplication.translate("Shell", "Save backup"),
            suggested,
            QCoreApplication.translate("Shell", "DMI backups (*.dmibackup)"),
        )
        if not path:
            return
        target = Path(path) if path.endswith(".dmibackup") else Path(path + ".dmibackup")
        session = self.ctx.session
        if not output_allowed(self.window, target, session.folder):
            return
        run_with_progress(
            self.window,
            self.ctx.worker,
            lambda _task: backups.backup(session, target),
            QCoreApplication.translate("Shell", "Writing the backup…"),
            on_done=lambda written: self._status(
                QCoreApplication.translate("Shell", "Backup saved to {path}").format(path=str(written))
            ),
            cancellable=False,
        )

    def settings(self) -> None:
        """Language and auto-lock delay; the vault's follow-up intervals (coordinators change them)."""
        session = self.ctx.session
        follow_up = FollowUpService(session)
        # Two keyed reads of the vault's meta table, like the window title's organisation: no worker round trip.
        current = follow_up.settings()
        editable = can_manage_users(session.role)
        dialog = SettingsDialog(self.ctx.settings, self.window, follow_up=current, can_edit_follow_up=editable)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        choice = dialog.choice()
        if editable and choice.follow_up is not None and choice.follow_up != current:
            wanted = choice.follow_up
            self.ctx.worker.submit(
                lambda _task: follow_up.set_settings(wanted), on_error=lambda exc: show_error(self.window, exc)
            )
        changed_language = choice.language != self.ctx.settings.language
        self.ctx.settings.language = choice.language
        self.ctx.settings.autolock_minutes = choice.autolock_minutes
        self.ctx.settings.sync()
        self.lock_controller.set_timeout_ms(self.ctx.settings.autolock_minutes * 60_000)
        if changed_language:
            self.ctx.hub.language_changed.emit(choice.language)

    def _status(self, text: str) -> None:
        bar = getattr(self.window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 8000)
