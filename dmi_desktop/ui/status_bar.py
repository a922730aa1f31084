"""The status bar: which vault, who is working, with which role, and whether the vault is locked."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from dmi_desktop.domain.messages import language
from dmi_desktop.domain.roles import ROLE_LABELS
from dmi_desktop.ui.context import AppContext


class ShellStatusBar(QStatusBar):
    """Permanent labels on the right; temporary messages (backup saved…) on the left."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.vault_label = QLabel(self)
        self.vault_label.setObjectName("status_vault")
        self.user_label = QLabel(self)
        self.user_label.setObjectName("status_user")
        self.role_label = QLabel(self)
        self.role_label.setObjectName("status_role")
        self.lock_label = QLabel(self)
        self.lock_label.setObjectName("status_lock")
        for label in (self.vault_label, self.user_label, self.role_label, self.lock_label):
            label.setContentsMargins(6, 0, 6, 0)
            self.addPermanentWidget(label)
        ctx.hub.locked.connect(lambda: self.set_locked(True))
        ctx.hub.unlocked.connect(lambda: self.set_locked(False))
        self.refresh()
        self.set_locked(False)

    def refresh(self) -> None:
        """Re-read vault, user and role from the session."""
        session = self._ctx.session
        self.vault_label.setText(self.tr("Vault: {name}").format(name=session.folder.name))
        self.vault_label.setToolTip(str(session.folder))
        self.user_label.setText(self.tr("User: {name}").format(name=session.user))
        role = ROLE_LABELS[session.role].get(language(), session.role.value)
        self.role_label.setText(self.tr("Role: {role}").format(role=role))

    def set_locked(self, locked: bool) -> None:
        """Show the lock state."""
        self.lock_label.setText(self.tr("Locked") if locked else self.tr("Unlocked"))
        self.lock_label.setStyleSheet("color: #c62828;" if locked else "color: #2e7d32;")
